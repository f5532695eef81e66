//! A month is paid by the rules and the scores the council approved: claim windows counted from
//! finalization on a clock that stops while the pool is paused, a finalize that names the pool
//! size it approved, scores frozen when the review window ends, pool configuration and promotion
//! parameters kept per month, and payouts that never wait on the registry.
//!
//! Same fixture and calendar as the money-and-promotion scenarios: fixed periods of `PERIOD` from
//! time 0, month m's review ends 200 ms into month m + 1, claims for ten periods after the
//! finalize.

use crate::money_and_promotion::{
    at_65, deadline, review_end, start, Fx, PoolResult, BASE, GOV, PERIOD, REVIEWER, STRANGER,
};
use e2e::{account, UNIT};
use registry::{Rank, StreakParams};
use reward_pool::{ClaimStatus, Config, Error, MonthPreview};

/// The fixture's claim window: ten periods.
const CLAIM: u64 = 10 * PERIOD;

fn preview(fx: &mut Fx, member: u32, month: u32) -> MonthPreview {
    let r: PoolResult<Vec<MonthPreview>> = fx.pool(STRANGER, "preview", (member, vec![month]));
    r.expect("preview").remove(0)
}

/// Month 1 with one member at 65%, scored but not finalized; the clock at its review end.
fn reviewed_month_one(fx: &mut Fx) -> u32 {
    let m = fx.induct(2, Rank::Ambassador);
    fx.set_time(start(1) + 1);
    fx.fund(1, BASE).unwrap();
    fx.submit(2, 1).unwrap();
    fx.set_time(deadline(1));
    fx.score(REVIEWER, 1, m, at_65()).unwrap();
    fx.set_time(review_end(1));
    m
}

#[test]
fn a_late_finalize_keeps_the_whole_claim_window() {
    let mut fx = Fx::new();
    let m = reviewed_month_one(&mut fx);
    // The council is slow: the month is finalized long after the calendar's claim end.
    let late = review_end(1) + CLAIM + 5 * PERIOD;
    fx.set_time(late);
    fx.finalize(1).unwrap();
    assert_eq!(
        fx.pool::<_, PoolResult<u128>>(STRANGER, "sweep", 1u32),
        Err(Error::ClaimWindowOpen),
        "no sweep in the block that finalized it"
    );
    let p = preview(&mut fx, m, 1);
    assert_eq!(p.status, ClaimStatus::Claimable);
    assert_eq!(p.claim_ends_at, Some(late + CLAIM));
    fx.set_time(late + CLAIM - 1);
    assert_eq!(
        fx.pool::<_, PoolResult<u128>>(STRANGER, "sweep", 1u32),
        Err(Error::ClaimWindowOpen)
    );
    assert_eq!(fx.claim(2, vec![1]), Ok(BASE * 4 / 10));
    fx.set_time(late + CLAIM);
    let swept: PoolResult<u128> = fx.pool(STRANGER, "sweep", 1u32);
    assert_eq!(swept, Ok(0), "everything was claimed");
    fx.assert_solvent();
}

#[test]
fn time_spent_paused_does_not_count_against_the_claim_window() {
    let mut fx = Fx::new();
    let m = reviewed_month_one(&mut fx);
    let finalized = review_end(1);
    fx.finalize(1).unwrap();
    // Paused for five periods a while after the finalize: nobody can claim meanwhile.
    fx.set_time(finalized + PERIOD);
    let r: PoolResult<()> = fx.pool(GOV, "pause", ());
    r.unwrap();
    assert_eq!(
        preview(&mut fx, m, 1).claim_ends_at,
        None,
        "the window waits"
    );
    fx.set_time(finalized + 6 * PERIOD);
    let r: PoolResult<()> = fx.pool(GOV, "unpause", ());
    r.unwrap();
    assert_eq!(
        preview(&mut fx, m, 1).claim_ends_at,
        Some(finalized + CLAIM + 5 * PERIOD)
    );
    // Past the window as the wall clock counts it, inside it as the member could use it.
    fx.set_time(finalized + CLAIM + 4 * PERIOD);
    assert_eq!(
        fx.pool::<_, PoolResult<u128>>(STRANGER, "sweep", 1u32),
        Err(Error::ClaimWindowOpen)
    );
    assert_eq!(fx.claim(2, vec![1]), Ok(BASE * 4 / 10));
    fx.set_time(finalized + CLAIM + 5 * PERIOD);
    let swept: PoolResult<u128> = fx.pool(STRANGER, "sweep", 1u32);
    assert_eq!(swept, Ok(0));
}

#[test]
fn a_promotion_while_the_finalize_waits_cannot_change_what_the_month_pays() {
    let mut fx = Fx::new();
    // Five Candidates at 65% for months 1 to 3: promoted as soon as anyone runs advance.
    let members: Vec<u32> = (2..=6).map(|who| fx.induct(who, Rank::Candidate)).collect();
    let submitters: Vec<(u8, u32)> = (2..=6).zip(members.iter().copied()).collect();
    for month in 1..=3 {
        fx.run_month(month, &submitters);
    }
    fx.set_time(start(4) + 1);
    fx.fund(4, BASE).unwrap();
    fx.set_time(review_end(4));
    // The council approves month 4 at the size the pool shows...
    let approved: PoolResult<u128> = fx.pool(STRANGER, "finalize_preview", 4u32);
    let approved = approved.unwrap();
    // ...and while the action waits in the timelock a stranger promotes the cohort: five new
    // Ambassadors would add 21,000 to the pool.
    assert_eq!(fx.advance(STRANGER, members.clone()), Ok(15));
    let now: PoolResult<u128> = fx.pool(STRANGER, "finalize_preview", 4u32);
    assert_eq!(now.unwrap(), approved + 21_000 * UNIT);
    let before = fx.month(4);
    let r: PoolResult<()> = fx.pool(GOV, "finalize", (4u32, approved));
    assert_eq!(r, Err(Error::PoolSizeChanged));
    assert_eq!(fx.month(4), before, "the refused finalize changed nothing");
    // The council approves the new figure (and funds it); only that runs.
    fx.fund(4, 21_000 * UNIT).unwrap();
    let r: PoolResult<()> = fx.pool(GOV, "finalize", (4u32, approved + 21_000 * UNIT));
    assert_eq!(r, Ok(()));
    fx.assert_solvent();
}

#[test]
fn a_score_after_the_review_window_is_refused() {
    let mut fx = Fx::new();
    let m = reviewed_month_one(&mut fx);
    // The review window is over, the finalize is not yet executed: scores are final.
    assert_eq!(fx.score(REVIEWER, 1, m, vec![]), Err(Error::ReviewClosed));
    fx.finalize(1).unwrap();
    assert_eq!(preview(&mut fx, m, 1).percentage_bps, 6_500);
}

#[test]
fn a_config_change_reaches_only_the_months_that_open_after_it() {
    let mut fx = Fx::new();
    let m = fx.induct(2, Rank::Senior);
    let pool = fx.pool.clone();
    let r: PoolResult<()> =
        fx.chain
            .call_with_value(&pool, &account(GOV), "fund_bonus_reserve", (), 4_000 * UNIT);
    r.unwrap();
    fx.set_time(start(1) + 1);
    fx.fund(1, BASE).unwrap();
    fx.submit(2, 1).unwrap();
    // While month 1 is under way the gate goes to 90% and the Senior bonus is halved.
    let old: Config = fx.pool(STRANGER, "config", ());
    let new = Config {
        gate_bps: 9_000,
        senior_bonus: 1_000 * UNIT,
        ..old.clone()
    };
    let r: PoolResult<()> = fx.pool(GOV, "set_config", new.clone());
    r.unwrap();
    let of1: Config = fx.pool(STRANGER, "config_of", 1u32);
    let of2: Config = fx.pool(STRANGER, "config_of", 2u32);
    assert_eq!((of1, of2), (old, new));
    fx.set_time(deadline(1));
    fx.score(REVIEWER, 1, m, at_65()).unwrap();
    fx.set_time(review_end(1));
    fx.finalize(1).unwrap();
    // Month 1 pays by the rules it opened with: no gate, the whole Senior bonus.
    assert_eq!(fx.claim(2, vec![1]), Ok(BASE * 4 / 10 + 2_000 * UNIT));
    // Month 2 opened under the new rules: 65% is below the 90% gate.
    fx.fund(2, BASE).unwrap();
    fx.submit(2, 2).unwrap();
    fx.set_time(deadline(2));
    fx.score(REVIEWER, 2, m, at_65()).unwrap();
    fx.set_time(review_end(2));
    fx.finalize(2).unwrap();
    assert_eq!(fx.claim(2, vec![2]), Ok(0));
    fx.assert_solvent();
}

#[test]
fn windows_that_leave_no_time_to_claim_or_review_are_refused() {
    let mut fx = Fx::new();
    let old: Config = fx.pool(STRANGER, "config", ());
    for (review_ms, claim_ms) in [(100, 0), (0, 1_000)] {
        let bad = Config {
            windows: reward_pool::Windows {
                review_ms,
                dispute_ms: 0,
                claim_ms,
            },
            ..old.clone()
        };
        let r: PoolResult<()> = fx.pool(GOV, "set_config", bad);
        assert_eq!(r, Err(Error::Rule(reward_pool::RuleError::WindowTooShort)));
    }
    let unchanged: Config = fx.pool(STRANGER, "config", ());
    assert_eq!(unchanged, old);
}

#[test]
fn each_month_is_judged_by_the_promotion_parameters_in_force_for_it() {
    let mut fx = Fx::new();
    let early = fx.induct(2, Rank::Candidate);
    let late = fx.induct(3, Rank::Candidate);
    let both = [(2, early), (3, late)];
    fx.run_month(1, &both);
    fx.run_month(2, &both);
    // One member's months reach the registry now, the other's only at the end.
    assert_eq!(fx.advance(STRANGER, vec![early]), Ok(2));
    fx.run_month(3, &both);
    // The threshold rises to 80% for the months that open from month 5 (we are in month 4).
    let stricter = registry::Params {
        streak: StreakParams {
            to_ambassador_bps: 8_000,
            ..StreakParams::default()
        },
        head_cap: 1,
        max_evidence_len: 64,
    };
    let r: registry::Result<()> = fx.reg(GOV, "set_params", (stricter.clone(), 2u32));
    assert_eq!(r, Err(registry::Error::ParamsForRecordedMonth));
    let r: registry::Result<()> = fx.reg(GOV, "set_params", (stricter, 5u32));
    assert_eq!(r, Ok(()));
    assert_eq!(fx.advance(STRANGER, vec![early, late]), Ok(4));
    // Month 3 is judged by the 65% it opened under, whenever its record arrived.
    for member in [early, late] {
        assert_eq!(fx.member(member).rank, Rank::Ambassador, "member {member}");
    }
    let of3: StreakParams = fx.reg(STRANGER, "streak_params_of", 3u32);
    let of5: StreakParams = fx.reg(STRANGER, "streak_params_of", 5u32);
    assert_eq!(
        (of3.to_ambassador_bps, of5.to_ambassador_bps),
        (6_500, 8_000)
    );
}

#[test]
fn claims_pay_while_the_registry_is_paused_or_no_longer_takes_the_pools_records() {
    let mut fx = Fx::new();
    let m = reviewed_month_one(&mut fx);
    fx.finalize(1).unwrap();
    let r: registry::Result<()> = fx.reg(GOV, "pause", ());
    r.unwrap();
    // The claim reads the member's wallet, which a paused registry still answers; it never
    // waits for the registry to accept a record.
    assert_eq!(fx.claim(2, vec![1]), Ok(BASE * 4 / 10));
    assert_eq!(
        fx.advance(STRANGER, vec![m]),
        Err(Error::Registry(registry::Error::Paused)),
        "only the housekeeping waits"
    );
    let r: registry::Result<()> = fx.reg(GOV, "unpause", ());
    r.unwrap();
    let r: registry::Result<()> = fx.reg(
        GOV,
        "set_authorised",
        (
            registry::AuthorisedCaller::RewardPool,
            None::<ink::primitives::AccountId>,
        ),
    );
    r.unwrap();
    assert_eq!(
        fx.advance(STRANGER, vec![m]),
        Err(Error::Registry(registry::Error::NotAuthorisedCaller))
    );
    fx.assert_solvent();
}
