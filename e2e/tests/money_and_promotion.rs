//! Money and promotion paths in the orders people really act in: claims out of month order, a
//! stranger's housekeeping, silent members, wallet rotations between an award and its claim, a
//! close during a payout delay, a curator who disappears, feeds into a month, a reviewer who
//! rotated away from its own member, money sent to a month that can never be finalized, and the
//! decisions on unscored rank bonuses, curator fees and members who left after submitting.
//!
//! Each test is named for its scenario. Registry, pool and bounty are governed by account 1, the
//! pool runs fixed periods of `PERIOD` from time 0 (submissions for month m close 100 ms into month
//! m + 1, review until 200 ms into it, claims for ten periods after that), bounty awards pay after
//! `DELAY`.

use bounty::{Award, Holder, Proposal, Status};
use e2e::{account, id, AccountId, Chain, PoolMoney, UNIT};
use registry::{Member, Rank, StreakParams};
use reward_pool::{Department, Department::*, Score};

pub(crate) const GOV: u8 = 1;
pub(crate) const REVIEWER: u8 = 20;
const CURATOR: u8 = 5;
const NEW_CURATOR: u8 = 9;
pub(crate) const STRANGER: u8 = 23;
const TREASURY: u8 = 30;
const DELAY: u64 = 1_000;
pub(crate) const PERIOD: u64 = 1_000_000;
pub(crate) const BASE: u128 = 84_000 * UNIT;

pub(crate) type PoolResult<T> = reward_pool::Result<T>;

/// When month `m` starts.
pub(crate) fn start(m: u32) -> u64 {
    u64::from(m) * PERIOD
}

/// `m`'s submission deadline: reviewers score from then on.
pub(crate) fn deadline(m: u32) -> u64 {
    start(m + 1) + 100
}

/// `m`'s review end: governance may finalize from then on.
pub(crate) fn review_end(m: u32) -> u64 {
    start(m + 1) + 200
}
type BountyResult<T> = bounty::Result<T>;
type RegistryResult<T> = registry::Result<T>;

/// Registry, pool and bounty governed by account 1 (see the module docs); shared with the
/// month-as-approved scenarios.
pub(crate) struct Fx {
    pub(crate) chain: Chain,
    pub(crate) reg: AccountId,
    pub(crate) pool: AccountId,
    pub(crate) bounty: AccountId,
}

/// A review of 26/40 in Marketing and Content creation: 65%.
pub(crate) fn at_65() -> Vec<(Department, Score)> {
    vec![
        (
            Marketing,
            Score {
                effort: 13,
                results: 13,
            },
        ),
        (
            ContentCreation,
            Score {
                effort: 13,
                results: 13,
            },
        ),
    ]
}

impl Fx {
    pub(crate) fn new() -> Self {
        let money = PoolMoney {
            base: BASE,
            step: 21_000 * UNIT,
            head_bonus: 4_000 * UNIT,
            senior_bonus: 2_000 * UNIT,
        };
        let (chain, reg, pool, bounty) = Chain::with_pool_and_bounty(
            money,
            vec![id(REVIEWER)],
            &account(TREASURY),
            DELAY,
            PERIOD,
        );
        Self {
            chain,
            reg,
            pool,
            bounty,
        }
    }

    pub(crate) fn pool<A: scale::Encode, T: scale::Decode>(
        &mut self,
        by: u8,
        message: &str,
        args: A,
    ) -> T {
        let pool = self.pool.clone();
        self.chain.call(&pool, &account(by), message, args)
    }

    pub(crate) fn bounty<A: scale::Encode, T: scale::Decode>(
        &mut self,
        by: u8,
        message: &str,
        args: A,
    ) -> T {
        let bounty = self.bounty.clone();
        self.chain.call(&bounty, &account(by), message, args)
    }

    pub(crate) fn reg<A: scale::Encode, T: scale::Decode>(
        &mut self,
        by: u8,
        message: &str,
        args: A,
    ) -> T {
        let reg = self.reg.clone();
        self.chain.call(&reg, &account(by), message, args)
    }

    pub(crate) fn induct(&mut self, who: u8, rank: Rank) -> u32 {
        let r: RegistryResult<u32> = self.reg(GOV, "induct", (id(who), rank, b"cid".to_vec()));
        r.expect("induct")
    }

    pub(crate) fn member(&mut self, member: u32) -> Member {
        let m: Option<Member> = self.reg(STRANGER, "member", member);
        m.expect("member")
    }

    pub(crate) fn rotate(&mut self, member: u32, from: u8, to: u8) {
        let r: RegistryResult<()> = self.reg(from, "propose_wallet", id(to));
        r.expect("propose wallet");
        let r: RegistryResult<()> = self.reg(to, "accept_wallet", member);
        r.expect("accept wallet");
    }

    pub(crate) fn set_time(&mut self, ms: u64) {
        self.chain.set_time(ms);
    }

    /// Moves the clock to `ms` unless it is already later.
    pub(crate) fn at_least(&mut self, ms: u64) {
        if self.chain.time() < ms {
            self.chain.set_time(ms);
        }
    }

    pub(crate) fn fund(&mut self, month: u32, amount: u128) -> PoolResult<()> {
        let pool = self.pool.clone();
        self.chain
            .call_with_value(&pool, &account(GOV), "fund", month, amount)
    }

    pub(crate) fn submit(&mut self, who: u8, month: u32) -> PoolResult<()> {
        self.pool(
            who,
            "submit",
            (
                month,
                vec![Marketing, ContentCreation],
                vec![
                    Score {
                        effort: 15,
                        results: 15
                    };
                    2
                ],
                b"ipfs://report".to_vec(),
            ),
        )
    }

    pub(crate) fn score(
        &mut self,
        by: u8,
        month: u32,
        member: u32,
        points: Vec<(Department, Score)>,
    ) -> PoolResult<()> {
        self.pool(
            by,
            "score",
            (month, vec![(member, points, Vec::<u8>::new())]),
        )
    }

    /// Runs `month`: funds it with the base, `submitters` submit, the reviewer scores each at
    /// 65%, governance finalizes after the review window.
    pub(crate) fn run_month(&mut self, month: u32, submitters: &[(u8, u32)]) {
        self.at_least(start(month) + 1);
        self.fund(month, BASE).expect("fund");
        for (who, _) in submitters {
            self.submit(*who, month).expect("submit");
        }
        self.set_time(deadline(month));
        for (_, member) in submitters {
            self.score(REVIEWER, month, *member, at_65())
                .expect("score");
        }
        self.set_time(review_end(month));
        self.finalize(month).expect("finalize");
    }

    pub(crate) fn finalize(&mut self, month: u32) -> PoolResult<()> {
        let pool = self.pool.clone();
        self.chain.finalize(&pool, &account(GOV), month)
    }

    pub(crate) fn month(&mut self, month: u32) -> reward_pool::MonthState {
        self.pool(STRANGER, "month", month)
    }

    pub(crate) fn claim(&mut self, who: u8, months: Vec<u32>) -> PoolResult<u128> {
        self.pool(who, "claim", months)
    }

    pub(crate) fn advance(&mut self, by: u8, members: Vec<u32>) -> PoolResult<u32> {
        self.pool(by, "advance", members)
    }

    /// Proposes a bounty of `total` (one line, one milestone of 100%, 1% fee) curated by
    /// `CURATOR`, approves and funds it (total + 1% fee budget), reports and approves the
    /// milestone. Returns its id.
    pub(crate) fn active_bounty(&mut self, total: u128) -> u32 {
        let r: BountyResult<u32> = self.bounty(
            CURATOR,
            "propose",
            (
                id(CURATOR),
                b"ipfs://proposal".to_vec(),
                (0u64, 10 * PERIOD),
                total,
                vec![(b"educators".to_vec(), total)],
                vec![(b"final report".to_vec(), 5 * PERIOD, 10_000u16)],
                100u16,
            ),
        );
        let p = r.expect("propose");
        let bounty = self.bounty.clone();
        let r: BountyResult<()> = self.chain.call_with_value(
            &bounty,
            &account(GOV),
            "approve_and_fund",
            p,
            total + total / 100,
        );
        r.expect("approve and fund with the fee on top");
        p
    }

    pub(crate) fn approve_milestone(&mut self, p: u32) {
        let r: BountyResult<()> =
            self.bounty(CURATOR, "submit_report", (p, 0u8, b"report".to_vec()));
        r.expect("report");
        let r: BountyResult<()> = self.bounty(
            GOV,
            "decide_milestone",
            (p, 0u8, 1u32, true, b"ok".to_vec()),
        );
        r.expect("decide");
    }

    pub(crate) fn award(&mut self, p: u32, to: u8, amount: u128) -> u32 {
        let r: BountyResult<u32> =
            self.bounty(CURATOR, "award", (p, 0u8, id(to), amount, b"memo".to_vec()));
        r.expect("award")
    }

    pub(crate) fn proposal(&mut self, p: u32) -> Proposal {
        let r: Option<Proposal> = self.bounty(STRANGER, "proposal", p);
        r.expect("proposal")
    }

    pub(crate) fn assert_solvent(&mut self) {
        let pool_owes: u128 = self.pool(STRANGER, "liabilities", ());
        let bounty_owes: u128 = self.bounty(STRANGER, "liabilities", ());
        let (pool, bounty) = (self.pool.clone(), self.bounty.clone());
        // Each contract account keeps the sandbox's existential deposit (1 unit) beside it.
        assert_eq!(self.chain.balance(&pool), pool_owes + 1);
        assert_eq!(self.chain.balance(&bounty), bounty_owes + 1);
    }
}

// ---- 1. promotion does not depend on claim order ----------------------------------------------

#[test]
fn a_strangers_call_after_the_first_claim_cannot_cost_a_candidate_its_promotion() {
    let mut fx = Fx::new();
    let c = fx.induct(2, Rank::Candidate);
    let twin = fx.induct(3, Rank::Candidate);
    for month in 1..=3 {
        fx.run_month(month, &[(2, c), (3, twin)]);
    }
    // The Candidate claims month 1; a stranger then runs the housekeeping (today's `settle(c, 3)`
    // skipped month 2 as a 0% month and the later claim of month 2 was never recorded).
    fx.claim(2, vec![1]).unwrap();
    assert_eq!(fx.advance(STRANGER, vec![c]), Ok(3));
    fx.claim(2, vec![3, 2]).unwrap();
    // The twin, same percentages, claims newest first and then nothing.
    fx.claim(3, vec![3]).unwrap();
    assert_eq!(fx.advance(STRANGER, vec![twin, c]), Ok(3));
    for member in [c, twin] {
        let m = fx.member(member);
        assert_eq!(m.rank, Rank::Ambassador, "member {member}");
        assert_eq!((m.last_month, m.months_recorded), (Some(3), 3));
    }
    let page: Vec<registry::MonthRecord> = fx.reg(STRANGER, "history", (twin, 0u32, 10u32));
    let months: Vec<u32> = page.iter().map(|r| r.month).collect();
    assert_eq!(months, vec![1, 2, 3], "every month once, in order");
    fx.assert_solvent();
}

#[test]
fn claiming_months_one_and_three_before_two_changes_nothing_for_promotion() {
    let mut fx = Fx::new();
    let c = fx.induct(2, Rank::Candidate);
    fx.run_month(1, &[(2, c)]);
    fx.run_month(2, &[(2, c)]);
    // Month 2 finalized, month 3 not yet: advance records what is decided and no more.
    assert_eq!(fx.advance(STRANGER, vec![c]), Ok(2));
    fx.run_month(3, &[(2, c)]);
    fx.claim(2, vec![1, 3]).unwrap();
    assert_eq!(fx.member(c).rank, Rank::Candidate, "claims promote nobody");
    assert_eq!(fx.advance(STRANGER, vec![c]), Ok(1));
    assert_eq!(fx.member(c).rank, Rank::Ambassador);
    fx.claim(2, vec![2]).unwrap();
    assert_eq!(fx.member(c).months_recorded, 3);
}

// ---- 2. silent members -------------------------------------------------------------------------

#[test]
fn a_member_who_stops_submitting_is_recorded_at_zero_and_flagged_for_exit() {
    let mut fx = Fx::new();
    let params = registry::Params {
        streak: StreakParams {
            exit_rule: true,
            ..StreakParams::default()
        },
        head_cap: 1,
        max_evidence_len: 64,
    };
    let r: RegistryResult<()> = fx.reg(GOV, "set_params", (params, 0u32));
    r.unwrap();
    let active = fx.induct(2, Rank::Ambassador);
    let silent = fx.induct(3, Rank::Ambassador);
    fx.run_month(1, &[(2, active), (3, silent)]);
    fx.run_month(2, &[(2, active)]);
    fx.run_month(3, &[(2, active)]);
    fx.run_month(4, &[(2, active)]);
    // Nobody claimed anything; anyone's advance records the silent months at 0%, bounded per
    // call, and the exit rule flags the member after three of them.
    assert_eq!(fx.advance(STRANGER, vec![silent]), Ok(4));
    let m = fx.member(silent);
    assert!(m.exit_flagged);
    assert_eq!(m.streaks.low, 3);
    let page: Vec<registry::MonthRecord> = fx.reg(STRANGER, "history", (silent, 1u32, 10u32));
    assert!(page.iter().all(|r| r.percentage_bps == 0));
    assert!(!fx.member(active).exit_flagged);
}

#[test]
fn advance_records_at_most_twelve_months_per_member_per_call() {
    let mut fx = Fx::new();
    let silent = fx.induct(3, Rank::Ambassador);
    for month in 1..=14 {
        fx.set_time(review_end(month));
        fx.fund(month, BASE).unwrap();
        fx.finalize(month).unwrap();
    }
    assert_eq!(fx.advance(STRANGER, vec![silent]), Ok(12));
    assert_eq!(fx.advance(STRANGER, vec![silent]), Ok(2));
    assert_eq!(fx.advance(STRANGER, vec![silent]), Ok(0));
    assert_eq!(fx.member(silent).last_month, Some(14));
}

// ---- 3. awards are held by member id -----------------------------------------------------------

#[test]
fn an_award_follows_the_member_to_its_new_wallet_and_the_old_wallet_gets_nothing() {
    let mut fx = Fx::new();
    let m = fx.induct(2, Rank::Ambassador);
    let p = fx.active_bounty(10_000 * UNIT);
    fx.approve_milestone(p);
    let award = fx.award(p, 2, 1_000 * UNIT);
    let a: Option<Award> = fx.bounty(STRANGER, "award_of", award);
    assert_eq!(a.unwrap().member, Some(m));
    // The member moves to wallet 12 during the payout delay (its old key may be stolen).
    fx.rotate(m, 2, 12);
    fx.set_time(DELAY + 1);
    assert_eq!(
        fx.bounty::<_, BountyResult<u128>>(2, "claim_award", award),
        Err(bounty::Error::NotRecipient)
    );
    let old: Vec<u32> = fx.bounty(STRANGER, "awards_of", (id(2), 0u32, 10u32));
    assert!(old.is_empty(), "the old wallet no longer sees the award");
    let mine: Vec<u32> = fx.bounty(STRANGER, "awards_of", (id(12), 0u32, 10u32));
    assert_eq!(mine, vec![award]);
    let held: Vec<u32> = fx.bounty(STRANGER, "holder_awards", (Holder::Member(m), 0u32, 10u32));
    assert_eq!(held, vec![award]);
    let before = fx.chain.balance(&account(12));
    assert_eq!(
        fx.bounty::<_, BountyResult<u128>>(12, "claim_award", award),
        Ok(1_000 * UNIT)
    );
    assert_eq!(
        fx.chain.received(&account(12), before),
        (1_000 * UNIT) as i128
    );
    // An award to a non-member stays with the account.
    let outside = fx.award(p, 7, 500 * UNIT);
    let theirs: Vec<u32> = fx.bounty(STRANGER, "awards_of", (id(7), 0u32, 10u32));
    assert_eq!(theirs, vec![outside]);
    fx.assert_solvent();
}

// ---- 4. and 6. cancelling after the close; the contribution total -----------------------------

#[test]
fn governance_cancels_an_award_after_a_quick_close_and_the_treasury_gets_it_back() {
    let mut fx = Fx::new();
    let m = fx.induct(2, Rank::Ambassador);
    let p = fx.active_bounty(10_000 * UNIT);
    fx.approve_milestone(p);
    fx.set_time(10);
    let award = fx.award(p, 2, 4_000 * UNIT);
    assert_eq!(fx.member(m).contribution_total, 4_000 * UNIT);
    // The curator closes one second later, hoping to put the award out of governance's reach.
    fx.set_time(11);
    let treasury = fx.chain.balance(&account(TREASURY));
    let r: BountyResult<()> = fx.bounty(CURATOR, "close", p);
    r.unwrap();
    let refund = 10_100 * UNIT - 4_000 * UNIT - 40 * UNIT;
    assert_eq!(fx.chain.balance(&account(TREASURY)) - treasury, refund);
    // Governance still cancels during the delay; the amount goes to the treasury.
    assert_eq!(
        fx.bounty::<_, BountyResult<()>>(STRANGER, "cancel_award", award),
        Err(bounty::Error::NotGovernance)
    );
    assert_eq!(
        fx.bounty::<_, BountyResult<()>>(GOV, "cancel_award", award),
        Ok(())
    );
    assert_eq!(
        fx.chain.balance(&account(TREASURY)) - treasury,
        refund + 4_000 * UNIT
    );
    assert_eq!(fx.proposal(p).refunded, refund + 4_000 * UNIT);
    // The cancelled award no longer counts in the member's contributions.
    assert_eq!(fx.member(m).contribution_total, 0);
    fx.set_time(DELAY + 20);
    assert_eq!(
        fx.bounty::<_, BountyResult<u128>>(2, "claim_award", award),
        Err(bounty::Error::AwardCancelled)
    );
    fx.assert_solvent();
}

#[test]
fn governance_cancels_an_award_while_the_bounty_is_paused() {
    let mut fx = Fx::new();
    fx.induct(2, Rank::Ambassador);
    let p = fx.active_bounty(10_000 * UNIT);
    fx.approve_milestone(p);
    let award = fx.award(p, 2, 1_000 * UNIT);
    let r: BountyResult<()> = fx.bounty(GOV, "pause", ());
    r.unwrap();
    assert_eq!(
        fx.bounty::<_, BountyResult<()>>(GOV, "cancel_award", award),
        Ok(())
    );
    assert_eq!(fx.proposal(p).spent, 0, "back to its line");
}

// ---- 5. a curator who disappears ----------------------------------------------------------------

#[test]
fn governance_replaces_a_vanished_curator_and_closes_the_bounty_itself() {
    let mut fx = Fx::new();
    let p = fx.active_bounty(10_000 * UNIT);
    // The curator reports nothing: no milestone is ever approved for a while, then it is, then
    // the curator spends and vanishes with the last report undone.
    fx.approve_milestone(p);
    fx.award(p, 7, 2_000 * UNIT);
    assert_eq!(
        fx.bounty::<_, BountyResult<()>>(GOV, "cancel", p),
        Err(bounty::Error::AlreadySpent)
    );
    // Only governance replaces the curator.
    assert_eq!(
        fx.bounty::<_, BountyResult<()>>(CURATOR, "set_curator", (p, id(NEW_CURATOR))),
        Err(bounty::Error::NotGovernance)
    );
    assert_eq!(
        fx.bounty::<_, BountyResult<()>>(GOV, "set_curator", (p, id(NEW_CURATOR))),
        Ok(())
    );
    assert_eq!(fx.proposal(p).curator, id(NEW_CURATOR));
    let r: BountyResult<u32> = fx.bounty(CURATOR, "award", (p, 0u8, id(7), UNIT, b"m".to_vec()));
    assert_eq!(r, Err(bounty::Error::NotCurator), "the old curator is out");
    let r: BountyResult<u32> = fx.bounty(
        NEW_CURATOR,
        "award",
        (p, 0u8, id(7), 1_000 * UNIT, b"m".to_vec()),
    );
    r.unwrap();
    // Governance closes it whatever its milestones: what is unspent goes back.
    let treasury = fx.chain.balance(&account(TREASURY));
    assert_eq!(fx.bounty::<_, BountyResult<()>>(GOV, "close", p), Ok(()));
    let spent = 3_000 * UNIT;
    let fee = spent / 100;
    let refund = 10_100 * UNIT - spent - fee;
    assert_eq!(fx.chain.balance(&account(TREASURY)) - treasury, refund);
    let closed = fx.proposal(p);
    assert_eq!(
        (closed.status, closed.fee_paid, closed.refunded),
        (Status::Closed, fee, refund)
    );
    assert_eq!(
        fx.bounty::<_, BountyResult<()>>(GOV, "set_curator", (p, id(CURATOR))),
        Err(bounty::Error::NotActive)
    );
    fx.assert_solvent();
}

#[test]
fn governance_closes_a_bounty_whose_milestone_was_never_reported() {
    let mut fx = Fx::new();
    let p = fx.active_bounty(10_000 * UNIT);
    // The curator may not close before the last milestone is decided; governance may.
    assert_eq!(
        fx.bounty::<_, BountyResult<()>>(CURATOR, "close", p),
        Err(bounty::Error::MilestonesUndecided)
    );
    let treasury = fx.chain.balance(&account(TREASURY));
    assert_eq!(fx.bounty::<_, BountyResult<()>>(GOV, "close", p), Ok(()));
    assert_eq!(
        fx.chain.balance(&account(TREASURY)) - treasury,
        10_100 * UNIT
    );
    assert_eq!(
        fx.bounty::<_, BountyResult<u128>>(CURATOR, "claim_fee", p),
        Err(bounty::Error::NoFeeDue)
    );
    fx.assert_solvent();
}

// ---- 7. feeds enlarge the month's pool ----------------------------------------------------------

#[test]
fn a_budget_line_fed_into_a_month_enlarges_that_months_pool() {
    let mut fx = Fx::new();
    let m = fx.induct(2, Rank::Ambassador);
    let p = fx.active_bounty(10_000 * UNIT);
    fx.approve_milestone(p);
    fx.set_time(start(1) + 1);
    let r: BountyResult<()> = fx.bounty(CURATOR, "feed_pool", (p, 0u8, 1u32, 3_000 * UNIT));
    r.unwrap();
    fx.run_month(1, &[(2, m)]);
    let state: reward_pool::MonthState = fx.pool(STRANGER, "month", 1u32);
    assert_eq!(state.fed, 3_000 * UNIT);
    let fin = state.finalized.expect("finalized");
    assert_eq!(fin.settlement.pool, BASE + 3_000 * UNIT, "base + feeds");
    // The only member's Marketing and Content creation slices: 20% each of the larger pool.
    let paid = fx.claim(2, vec![1]).unwrap();
    assert_eq!(paid, (BASE + 3_000 * UNIT) * 4 / 10);
    fx.assert_solvent();
}

// ---- 8. self-review by member id ----------------------------------------------------------------

#[test]
fn a_reviewer_cannot_score_its_own_member_after_rotating_away_from_the_reviewer_wallet() {
    let mut fx = Fx::new();
    // The reviewer's account is member m's wallet; m moves to wallet 12 and submits from it.
    let m = fx.induct(REVIEWER, Rank::Ambassador);
    fx.rotate(m, REVIEWER, 12);
    fx.set_time(start(1) + 1);
    fx.fund(1, BASE).unwrap();
    fx.submit(12, 1).unwrap();
    fx.set_time(deadline(1));
    assert_eq!(
        fx.score(REVIEWER, 1, m, at_65()),
        Err(reward_pool::Error::ScoreRejected {
            index: 0,
            fault: reward_pool::ScoreFault::OwnSubmission
        })
    );
    let sub: Option<reward_pool::Submission> = fx.pool(STRANGER, "submission", (1u32, m));
    assert_eq!(
        sub.unwrap().points,
        None,
        "the refused score changed nothing"
    );
}

// ---- 9. money for months that can never be finalized ---------------------------------------------

#[test]
fn funding_a_month_before_the_last_finalized_one_is_refused() {
    let mut fx = Fx::new();
    fx.induct(2, Rank::Ambassador);
    let p = fx.active_bounty(10_000 * UNIT);
    fx.approve_milestone(p);
    fx.set_time(review_end(2));
    fx.fund(2, BASE).unwrap();
    fx.finalize(2).unwrap();
    // Month 1 was never finalized and never can be: no money goes in.
    assert_eq!(fx.fund(1, UNIT), Err(reward_pool::Error::MonthClosed));
    assert_eq!(fx.fund(2, UNIT), Err(reward_pool::Error::MonthFinalized));
    let r: BountyResult<()> = fx.bounty(CURATOR, "feed_pool", (p, 0u8, 1u32, UNIT));
    assert_eq!(r, Err(bounty::Error::Pool(reward_pool::Error::MonthClosed)));
    assert_eq!(fx.proposal(p).spent, 0, "the refused feed spent nothing");
    assert_eq!(fx.fund(3, UNIT), Ok(()));
    fx.assert_solvent();
}

// ---- 10. decisions ---------------------------------------------------------------------------------

#[test]
fn a_head_nobody_scored_and_a_senior_scored_zero_get_no_rank_bonus() {
    let mut fx = Fx::new();
    let head = fx.induct(2, Rank::Head);
    let senior = fx.induct(3, Rank::Senior);
    let pool = fx.pool.clone();
    let r: PoolResult<()> =
        fx.chain
            .call_with_value(&pool, &account(GOV), "fund_bonus_reserve", (), 6_000 * UNIT);
    r.unwrap();
    fx.set_time(start(1) + 1);
    fx.fund(1, BASE).unwrap();
    fx.submit(2, 1).unwrap();
    fx.submit(3, 1).unwrap();
    fx.set_time(deadline(1));
    fx.score(REVIEWER, 1, senior, vec![]).unwrap();
    fx.set_time(review_end(1));
    fx.finalize(1).unwrap();
    let preview: PoolResult<Vec<reward_pool::MonthPreview>> =
        fx.pool(STRANGER, "preview", (head, vec![1u32]));
    assert_eq!(preview.unwrap()[0].bonus, 0);
    assert_eq!(fx.claim(2, vec![1]), Ok(0));
    assert_eq!(fx.claim(3, vec![1]), Ok(0));
    // The set-aside bonuses return to the reserve at the sweep.
    fx.set_time(review_end(1) + 10 * PERIOD);
    let r: PoolResult<u128> = fx.pool(STRANGER, "sweep", 1u32);
    r.unwrap();
    let reserve: u128 = fx.pool(STRANGER, "bonus_reserve", ());
    assert_eq!(reserve, 6_000 * UNIT);
    fx.assert_solvent();
}

#[test]
fn a_fully_spent_bounty_still_pays_its_curator_the_budgeted_fee() {
    let mut fx = Fx::new();
    let p = fx.active_bounty(10_000 * UNIT);
    fx.approve_milestone(p);
    fx.award(p, 7, 10_000 * UNIT);
    let treasury = fx.chain.balance(&account(TREASURY));
    let r: BountyResult<()> = fx.bounty(CURATOR, "close", p);
    r.unwrap();
    assert_eq!(
        fx.chain.balance(&account(TREASURY)),
        treasury,
        "nothing left"
    );
    let before = fx.chain.balance(&account(CURATOR));
    assert_eq!(
        fx.bounty::<_, BountyResult<u128>>(CURATOR, "claim_fee", p),
        Ok(100 * UNIT)
    );
    assert_eq!(
        fx.chain.received(&account(CURATOR), before),
        (100 * UNIT) as i128
    );
    fx.assert_solvent();
}

#[test]
fn a_close_never_waits_on_the_curator_receiving_its_fee() {
    let mut fx = Fx::new();
    let p = fx.active_bounty(10_000 * UNIT);
    fx.approve_milestone(p);
    fx.award(p, 7, 5_000 * UNIT);
    // The curator's account is emptied: the close does not send it anything, so it succeeds
    // and refunds the treasury; the fee waits in the contract for the curator.
    fx.chain.force_set_balance(&account(CURATOR), 0);
    let treasury = fx.chain.balance(&account(TREASURY));
    assert_eq!(fx.bounty::<_, BountyResult<()>>(GOV, "close", p), Ok(()));
    assert_eq!(
        fx.chain.balance(&account(TREASURY)) - treasury,
        10_100 * UNIT - 5_000 * UNIT - 50 * UNIT
    );
    let owed: u128 = fx.bounty(STRANGER, "liabilities", ());
    assert_eq!(owed, 5_000 * UNIT + 50 * UNIT, "the award and the fee");
    fx.assert_solvent();
}

#[test]
fn a_member_removed_after_submitting_is_still_paid_for_the_reviewed_month() {
    let mut fx = Fx::new();
    let m = fx.induct(2, Rank::Senior);
    let pool = fx.pool.clone();
    let r: PoolResult<()> =
        fx.chain
            .call_with_value(&pool, &account(GOV), "fund_bonus_reserve", (), 2_000 * UNIT);
    r.unwrap();
    fx.set_time(start(1) + 1);
    fx.fund(1, BASE).unwrap();
    fx.submit(2, 1).unwrap();
    let r: RegistryResult<()> = fx.reg(GOV, "remove", (m, b"left the program".to_vec()));
    r.unwrap();
    fx.set_time(deadline(1));
    fx.score(REVIEWER, 1, m, at_65()).unwrap();
    fx.set_time(review_end(1));
    fx.finalize(1).unwrap();
    // The work was reviewed and finalized: the member's wallet claims it, bonus included.
    assert_eq!(fx.claim(2, vec![1]), Ok(BASE * 4 / 10 + 2_000 * UNIT));
    // It can no longer submit (month 2's submissions are open now).
    assert_eq!(
        fx.submit(2, 2),
        Err(reward_pool::Error::Registry(registry::Error::Rule(
            registry::RuleError::MemberHasLeft
        )))
    );
    fx.assert_solvent();
}
