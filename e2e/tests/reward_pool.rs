//! drink tests of the monthly reward pool, with the registry deployed beside it: every message
//! and every error variant, against the release builds of both contracts.

use e2e::{account, id, ink_id, next_wasm, AccountId, Chain, UNIT};
use ink::primitives::AccountId as InkId;
use registry::Rank;
use reward_pool::{
    Calendar, ClaimStatus, Config, Department, Error, MonthPreview, MonthState, RuleError, Score,
    ScoreFault, Weights, Windows,
};
use rules::calendar::DAY_MS;
use Department::*;

type R<T> = Result<T, Error>;

pub(crate) const GOV: u8 = 1;
pub(crate) const REVIEWER: u8 = 20;
/// A reviewer who is also a member.
pub(crate) const REVIEWER_MEMBER: u8 = 21;
pub(crate) const FUNDER: u8 = 22;
pub(crate) const STRANGER: u8 = 23;

/// Fixed periods for most tests: month `m` starts at `START + m × PERIOD`.
const START: u64 = 1_000_000;
const PERIOD: u64 = 1_000_000;
const DEADLINE_OFFSET: u64 = 100_000;
const REVIEW: u64 = 100_000;
const CLAIM: u64 = 10 * PERIOD;

pub(crate) fn fixed() -> Calendar {
    Calendar::FixedPeriods {
        start_ms: START,
        period_ms: PERIOD,
        deadline_offset_ms: DEADLINE_OFFSET,
    }
}

pub(crate) fn config() -> Config {
    Config {
        base: 84_000 * UNIT,
        step: 21_000 * UNIT,
        ambassador_baseline: 0,
        weights: Weights::v4(),
        windows: Windows {
            review_ms: REVIEW,
            dispute_ms: 0,
            claim_ms: CLAIM,
        },
        gate_bps: 0,
        head_bonus: 4_000 * UNIT,
        senior_bonus: 2_000 * UNIT,
        max_evidence_len: 64,
        late_reports: false,
        reviewers_per_entry: 1,
        disagreement_gap: 0,
    }
}

pub(crate) fn s(effort: u8, results: u8) -> Score {
    Score { effort, results }
}

pub(crate) struct Fx {
    pub(crate) chain: Chain,
    pub(crate) reg: AccountId,
    pub(crate) pool: AccountId,
    pub(crate) calendar: Calendar,
}

impl Fx {
    pub(crate) fn new() -> Self {
        Self::with(fixed(), config())
    }

    pub(crate) fn with(calendar: Calendar, config: Config) -> Self {
        let (mut chain, reg) = Chain::with_registry();
        let gov = account(GOV);
        let pool = chain
            .deploy_routed::<_, Error>(
                "reward_pool",
                &gov,
                (id(GOV), ink_id(&reg), calendar, config),
                b"",
            )
            .expect("pool");
        let mut fx = Self {
            chain,
            reg,
            pool,
            calendar,
        };
        let r: registry::Result<()> = fx.reg_call(
            GOV,
            "set_authorised",
            (
                registry::AuthorisedCaller::RewardPool,
                Some(ink_id(&fx.pool)),
            ),
        );
        r.expect("authorise pool");
        let r: R<()> = fx.call(GOV, "set_funder", Some(id(FUNDER)));
        r.expect("funder");
        let r: R<()> = fx.call(
            GOV,
            "set_reviewers",
            (vec![id(REVIEWER), id(REVIEWER_MEMBER)], Vec::<InkId>::new()),
        );
        r.expect("roles");
        fx
    }

    pub(crate) fn call<A: scale::Encode, T: scale::Decode>(
        &mut self,
        by: u8,
        message: &str,
        args: A,
    ) -> T {
        let pool = self.pool.clone();
        self.chain.call(&pool, &account(by), message, args)
    }

    pub(crate) fn pay<A: scale::Encode>(
        &mut self,
        by: u8,
        message: &str,
        args: A,
        value: u128,
    ) -> R<()> {
        let pool = self.pool.clone();
        self.chain
            .call_with_value(&pool, &account(by), message, args, value)
    }

    pub(crate) fn reg_call<A: scale::Encode, T: scale::Decode>(
        &mut self,
        by: u8,
        message: &str,
        args: A,
    ) -> T {
        let reg = self.reg.clone();
        self.chain.call(&reg, &account(by), message, args)
    }

    pub(crate) fn induct(&mut self, who: u8, rank: Rank) -> u32 {
        let r: registry::Result<u32> =
            self.reg_call(GOV, "induct", (id(who), rank, b"cid".to_vec()));
        r.expect("induct")
    }

    pub(crate) fn member(&mut self, member: u32) -> registry::Member {
        let m: Option<registry::Member> = self.reg_call(STRANGER, "member", member);
        m.expect("member")
    }

    /// Moves the clock into `month`'s submission window, its review window, or past its review
    /// or claim window.
    pub(crate) fn at(&mut self, month: u32, when: When) {
        let w = config().windows;
        let t = match when {
            When::Open => self.calendar.start(month).unwrap() + 1,
            When::Review => self.calendar.submission_deadline(month).unwrap(),
            When::Finalizable => self.calendar.review_end(month, &w).unwrap(),
            When::Expired => self.calendar.claim_end(month, &w).unwrap(),
        };
        self.chain.set_time(t);
    }

    pub(crate) fn fund(&mut self, month: u32, amount: u128) {
        self.pay(GOV, "fund", month, amount).expect("fund");
    }

    pub(crate) fn submit(&mut self, who: u8, month: u32, depts: Vec<Department>) -> R<()> {
        let scores = vec![s(15, 15); depts.len()];
        self.call(
            who,
            "submit",
            (month, depts, scores, b"ipfs://evidence".to_vec()),
        )
    }

    pub(crate) fn score(
        &mut self,
        month: u32,
        member: u32,
        scores: Vec<(Department, Score)>,
    ) -> R<()> {
        self.call(
            REVIEWER,
            "score",
            (month, vec![(member, scores, Vec::<u8>::new())]),
        )
    }

    pub(crate) fn finalize(&mut self, month: u32) -> R<()> {
        let pool = self.pool.clone();
        self.chain.finalize(&pool, &account(GOV), month)
    }

    pub(crate) fn claim(&mut self, who: u8, months: Vec<u32>) -> R<u128> {
        self.call(who, "claim", months)
    }

    pub(crate) fn advance(&mut self, members: Vec<u32>) -> R<u32> {
        self.call(STRANGER, "advance", members)
    }

    pub(crate) fn month(&mut self, month: u32) -> MonthState {
        self.call(STRANGER, "month", month)
    }

    pub(crate) fn preview(&mut self, member: u32, months: Vec<u32>) -> Vec<MonthPreview> {
        let r: R<Vec<MonthPreview>> = self.call(STRANGER, "preview", (member, months));
        r.expect("preview")
    }

    pub(crate) fn balance(&mut self, seed: u8) -> u128 {
        self.chain.balance(&account(seed))
    }

    /// The contract's balance covers what it owes, and nothing is unaccounted for.
    pub(crate) fn assert_solvent(&mut self) {
        let liabilities: u128 = self.call(STRANGER, "liabilities", ());
        let pool = self.pool.clone();
        let balance = self.chain.balance(&pool);
        // The contract account also keeps the sandbox's existential deposit (1 unit).
        assert_eq!(balance, liabilities + 1, "balance and liabilities differ");
    }
}

#[derive(Clone, Copy)]
pub(crate) enum When {
    Open,
    Review,
    Finalizable,
    Expired,
}

/// A full month in UTC calendar mode: fund, submit, score, finalize, preview, claim.
#[test]
fn a_full_month_pays_what_preview_shows() {
    // Calendar months take a claim window of at least a day.
    let utc = Config {
        windows: Windows {
            review_ms: REVIEW,
            dispute_ms: 0,
            claim_ms: 180 * DAY_MS,
        },
        ..config()
    };
    let mut fx = Fx::with(Calendar::UtcMonths, utc);
    let a = fx.induct(2, Rank::Ambassador);
    let b = fx.induct(3, Rank::Senior);
    // July 2024 = month 654.
    let july = 654;
    fx.chain.set_time(1_719_792_000_000 + 9 * DAY_MS);
    let (now, _): (u32, rules::calendar::Phase) =
        fx.call::<_, R<_>>(STRANGER, "current_month", ()).unwrap();
    assert_eq!(now, july);
    fx.fund(july, 84_000 * UNIT);
    let r: R<()> = fx.pay(GOV, "fund_bonus_reserve", (), 10_000 * UNIT);
    assert_eq!(r, Ok(()));
    assert_eq!(
        fx.submit(2, july, vec![CommunityManagement, Marketing]),
        Ok(())
    );
    assert_eq!(
        fx.submit(
            3,
            july,
            vec![CommunityManagement, ContentCreation, TechAssistance]
        ),
        Ok(())
    );
    // 2024-08-06T00:00Z is the deadline; scoring opens then.
    fx.chain.set_time(1_722_902_400_000);
    assert_eq!(
        fx.submit(2, july, vec![CommunityManagement, Marketing]),
        Err(Error::SubmissionClosed)
    );
    assert_eq!(
        fx.score(
            july,
            a,
            vec![
                (Basic, s(20, 20)),
                (CommunityManagement, s(20, 10)),
                (Marketing, s(10, 10))
            ]
        ),
        Ok(())
    );
    assert_eq!(
        fx.score(
            july,
            b,
            vec![
                (Basic, s(10, 10)),
                (CommunityManagement, s(10, 0)),
                (ContentCreation, s(20, 20)),
                (Others, s(5, 5))
            ]
        ),
        Ok(())
    );
    assert_eq!(fx.finalize(july), Err(Error::ReviewWindowOpen));
    fx.chain.set_time(1_722_902_400_000 + REVIEW);
    assert_eq!(fx.finalize(july), Ok(()));
    let m = fx.month(july);
    let fin = m.finalized.clone().expect("finalized");
    assert_eq!(fin.settlement.pool, 84_000 * UNIT);
    // Basic 8,400: a 40 / b 20. CM 21,000: a 30 / b 10. MK 16,800 all a. CC 16,800 all b.
    // Others 4,200 all b. BD and Tech have no points: 16,800 carries to August.
    assert_eq!(fin.settlement.carried, 16_800 * UNIT);
    assert_eq!(fin.bonus_reserved, 2_000 * UNIT);
    assert_eq!(fx.month(july + 1).carried_in, 16_800 * UNIT);
    let expect_a = 5_600 * UNIT + 15_750 * UNIT + 16_800 * UNIT;
    let expect_b = 2_800 * UNIT + 5_250 * UNIT + 16_800 * UNIT + 4_200 * UNIT;
    let pa = fx.preview(a, vec![july]);
    assert_eq!(pa[0].status, ClaimStatus::Claimable);
    assert_eq!(
        pa[0].per_department,
        [5_600 * UNIT, 15_750 * UNIT, 16_800 * UNIT, 0, 0, 0, 0]
    );
    assert_eq!(pa[0].total, expect_a);
    assert_eq!(pa[0].percentage_bps, 6_250);
    let pb = fx.preview(b, vec![july]);
    assert_eq!(pb[0].bonus, 2_000 * UNIT);
    assert_eq!(pb[0].total, expect_b + 2_000 * UNIT);
    // Claims pay exactly the preview, to the unit.
    let before = fx.balance(2);
    assert_eq!(fx.claim(2, vec![july]), Ok(expect_a));
    assert_eq!(fx.chain.received(&account(2), before), expect_a as i128);
    let before = fx.balance(3);
    assert_eq!(fx.claim(3, vec![july]), Ok(expect_b + 2_000 * UNIT));
    assert_eq!(fx.chain.received(&account(3), before), pb[0].total as i128);
    assert_eq!(fx.preview(a, vec![july])[0].status, ClaimStatus::Claimed);
    let m = fx.month(july);
    assert_eq!(m.paid + fin.settlement.carried, 84_000 * UNIT);
    assert_eq!(m.bonus_paid, 2_000 * UNIT);
    fx.assert_solvent();
    // Claims do not write to the registry; anyone's advance records the month.
    assert_eq!(fx.member(a).last_month, None);
    assert_eq!(fx.advance(vec![a, b]), Ok(2));
    assert_eq!(fx.member(a).last_month, Some(july));
}

#[test]
fn submission_window_and_replacement() {
    let mut fx = Fx::new();
    let a = fx.induct(2, Rank::Ambassador);
    fx.at(3, When::Open);
    assert_eq!(
        fx.submit(2, 4, vec![Marketing, ContentCreation]),
        Err(Error::SubmissionNotOpen)
    );
    assert_eq!(fx.submit(2, 3, vec![Marketing, ContentCreation]), Ok(()));
    assert_eq!(
        fx.submit(2, 3, vec![TechAssistance, CommunityManagement, Marketing]),
        Ok(())
    );
    let sub: Option<reward_pool::Submission> = fx.call(STRANGER, "submission", (3u32, a));
    let sub = sub.expect("submitted");
    assert_eq!(
        sub.departments.len(),
        3,
        "the second submission replaced the first"
    );
    assert_eq!(fx.month(3).submissions, 1);
    // Previous month's window is still open during this month's first days (deadline offset).
    assert_eq!(fx.submit(2, 2, vec![Marketing, ContentCreation]), Ok(()));
    fx.at(3, When::Review);
    assert_eq!(
        fx.submit(2, 3, vec![Marketing, ContentCreation]),
        Err(Error::SubmissionClosed)
    );
    // Not members, suspended members: refused by the registry.
    fx.at(4, When::Open);
    assert_eq!(
        fx.submit(STRANGER, 4, vec![Marketing, ContentCreation]),
        Err(Error::Registry(registry::Error::NotMember))
    );
    let r: registry::Result<()> = fx.reg_call(GOV, "suspend", (a, b"x".to_vec()));
    r.unwrap();
    assert_eq!(
        fx.submit(2, 4, vec![Marketing, ContentCreation]),
        Err(Error::Registry(registry::Error::Suspended))
    );
}

#[test]
fn submission_shape_errors() {
    let mut fx = Fx::new();
    fx.induct(2, Rank::Ambassador);
    fx.at(1, When::Open);
    let bad = |fx: &mut Fx, depts: Vec<Department>, scores: Vec<Score>, ev: Vec<u8>| -> R<()> {
        fx.call(2, "submit", (1u32, depts, scores, ev))
    };
    let ev = b"cid".to_vec();
    assert_eq!(
        bad(&mut fx, vec![Marketing], vec![s(1, 1)], ev.clone()),
        Err(Error::Rule(RuleError::TooFewDepartments))
    );
    assert_eq!(
        bad(
            &mut fx,
            vec![
                Marketing,
                ContentCreation,
                TechAssistance,
                BusinessDevelopment
            ],
            vec![s(1, 1); 4],
            ev.clone()
        ),
        Err(Error::Rule(RuleError::TooManyDepartments))
    );
    assert_eq!(
        bad(
            &mut fx,
            vec![Marketing, Marketing],
            vec![s(1, 1); 2],
            ev.clone()
        ),
        Err(Error::Rule(RuleError::DuplicateDepartment))
    );
    assert_eq!(
        bad(
            &mut fx,
            vec![Basic, Marketing],
            vec![s(1, 1); 2],
            ev.clone()
        ),
        Err(Error::Rule(RuleError::DepartmentNotChoosable))
    );
    assert_eq!(
        bad(
            &mut fx,
            vec![Marketing, ContentCreation],
            vec![s(1, 1)],
            ev.clone()
        ),
        Err(Error::Rule(RuleError::ScoreCountMismatch))
    );
    assert_eq!(
        bad(
            &mut fx,
            vec![Marketing, ContentCreation],
            vec![s(21, 1), s(1, 1)],
            ev.clone()
        ),
        Err(Error::Rule(RuleError::EffortOutOfRange))
    );
    assert_eq!(
        bad(
            &mut fx,
            vec![Marketing, ContentCreation],
            vec![s(1, 1), s(1, 21)],
            ev.clone()
        ),
        Err(Error::Rule(RuleError::ResultsOutOfRange))
    );
    assert_eq!(
        bad(
            &mut fx,
            vec![Marketing, ContentCreation],
            vec![s(1, 1); 2],
            vec![0; 65]
        ),
        Err(Error::Rule(RuleError::EvidenceTooLong))
    );
    // Before a fixed calendar's start there is no month at all.
    fx.chain.set_time(START - 1);
    let r: R<(u32, rules::calendar::Phase)> = fx.call(STRANGER, "current_month", ());
    assert_eq!(r, Err(Error::Rule(RuleError::BeforeCalendarStart)));
}

#[test]
fn scoring_rules() {
    let mut fx = Fx::new();
    let a = fx.induct(2, Rank::Ambassador);
    let reviewer_member = fx.induct(REVIEWER_MEMBER, Rank::Ambassador);
    fx.at(1, When::Open);
    fx.submit(2, 1, vec![Marketing, ContentCreation]).unwrap();
    fx.submit(REVIEWER_MEMBER, 1, vec![Marketing, ContentCreation])
        .unwrap();
    // Before the deadline.
    assert_eq!(
        fx.score(1, a, vec![(Marketing, s(1, 1))]),
        Err(Error::ScoringNotOpen)
    );
    fx.at(1, When::Review);
    let r: R<()> = fx.call(
        STRANGER,
        "score",
        (
            1u32,
            vec![(a, vec![(Marketing, s(1, 1))], Vec::<u8>::new())],
        ),
    );
    assert_eq!(r, Err(Error::NotReviewer));
    let r: R<()> = fx.call(
        REVIEWER,
        "score",
        (1u32, Vec::<(u32, Vec<(Department, Score)>, Vec<u8>)>::new()),
    );
    assert_eq!(r, Err(Error::BadBatchSize));
    let too_many: Vec<(u32, Vec<(Department, Score)>, Vec<u8>)> =
        (0..101).map(|i| (i, vec![], vec![])).collect();
    let r: R<()> = fx.call(REVIEWER, "score", (1u32, too_many));
    assert_eq!(r, Err(Error::BadBatchSize));
    // A reviewer never scores its own submission; the error names the entry.
    let r: R<()> = fx.call(
        REVIEWER_MEMBER,
        "score",
        (
            1u32,
            vec![
                (a, vec![(Marketing, s(1, 1))], Vec::<u8>::new()),
                (
                    reviewer_member,
                    vec![(Marketing, s(20, 20))],
                    Vec::<u8>::new(),
                ),
            ],
        ),
    );
    assert_eq!(
        r,
        Err(Error::ScoreRejected {
            index: 1,
            fault: ScoreFault::OwnSubmission
        })
    );
    // Each entry is checked; a bad one fails the whole batch.
    let r: R<()> = fx.call(
        REVIEWER,
        "score",
        (
            1u32,
            vec![
                (a, vec![(Marketing, s(5, 5))], Vec::<u8>::new()),
                (99u32, vec![(Marketing, s(1, 1))], Vec::<u8>::new()),
            ],
        ),
    );
    assert_eq!(
        r,
        Err(Error::ScoreRejected {
            index: 1,
            fault: ScoreFault::NoSubmission
        })
    );
    assert_eq!(
        fx.month(1).totals,
        [0; 7],
        "the failed batch changed nothing"
    );
    assert_eq!(
        fx.score(1, a, vec![(TechAssistance, s(1, 1))]),
        Err(Error::ScoreRejected {
            index: 0,
            fault: ScoreFault::Rule(RuleError::DepartmentNotChosen)
        })
    );
    assert_eq!(
        fx.score(1, a, vec![(Marketing, s(1, 1)), (Marketing, s(1, 1))]),
        Err(Error::ScoreRejected {
            index: 0,
            fault: ScoreFault::Rule(RuleError::DuplicateDepartment)
        })
    );
    assert_eq!(
        fx.score(1, a, vec![(Marketing, s(21, 1))]),
        Err(Error::ScoreRejected {
            index: 0,
            fault: ScoreFault::Rule(RuleError::EffortOutOfRange)
        })
    );
    // A later score replaces the earlier one in the totals.
    let r: R<()> = fx.call(
        REVIEWER,
        "score",
        (
            1u32,
            vec![
                (a, vec![(Marketing, s(10, 10))], Vec::<u8>::new()),
                (reviewer_member, vec![(Basic, s(5, 5))], Vec::<u8>::new()),
            ],
        ),
    );
    assert_eq!(r, Ok(()));
    assert_eq!(
        fx.score(1, a, vec![(Marketing, s(5, 0)), (Others, s(1, 1))]),
        Ok(())
    );
    assert_eq!(fx.month(1).totals, [10, 0, 5, 0, 0, 0, 2]);
    // Scores are final when the review window ends, before and after the finalize.
    fx.fund(1, 84_000 * UNIT);
    fx.at(1, When::Finalizable);
    assert_eq!(
        fx.score(1, a, vec![(Marketing, s(1, 1))]),
        Err(Error::ReviewClosed)
    );
    fx.finalize(1).unwrap();
    assert_eq!(
        fx.score(1, a, vec![(Marketing, s(1, 1))]),
        Err(Error::ReviewClosed)
    );
}

#[test]
fn an_unfunded_month_is_not_finalized() {
    let mut fx = Fx::new();
    let a = fx.induct(2, Rank::Ambassador);
    fx.at(1, When::Open);
    fx.submit(2, 1, vec![Marketing, ContentCreation]).unwrap();
    fx.at(1, When::Review);
    fx.score(1, a, vec![(Marketing, s(10, 10))]).unwrap();
    fx.at(1, When::Finalizable);
    assert_eq!(fx.finalize(1), Err(Error::Unfunded));
    assert_eq!(fx.month(1).finalized, None);
}

#[test]
fn finalize_rules() {
    let mut fx = Fx::new();
    let a = fx.induct(2, Rank::Head);
    fx.at(1, When::Open);
    fx.submit(2, 1, vec![Marketing, ContentCreation]).unwrap();
    fx.at(1, When::Review);
    fx.score(1, a, vec![(Marketing, s(10, 10))]).unwrap();
    // Funding: governance or the authorised funder, with value, into an open month. The
    // funder's 500 is a bounty feed (before the scores are final): it enlarges the month's pool
    // to 84,500, which governance's funding must cover.
    assert_eq!(fx.pay(STRANGER, "fund", 1u32, UNIT), Err(Error::NotFunder));
    assert_eq!(fx.pay(GOV, "fund", 1u32, 0), Err(Error::ZeroValue));
    assert_eq!(fx.pay(FUNDER, "fund", 1u32, 500 * UNIT), Ok(()));
    assert_eq!(fx.month(1).fed, 500 * UNIT);
    fx.at(1, When::Finalizable);
    let r: R<()> = fx.call(STRANGER, "finalize", (1u32, 0u128));
    assert_eq!(r, Err(Error::NotGovernance));
    assert_eq!(fx.finalize(1), Err(Error::Underfunded));
    fx.fund(1, 83_999 * UNIT);
    assert_eq!(fx.finalize(1), Err(Error::Underfunded));
    fx.fund(1, UNIT);
    // A Head submitted: its bonus must be covered by the reserve.
    assert_eq!(fx.finalize(1), Err(Error::BonusReserveShort));
    assert_eq!(
        fx.pay(STRANGER, "fund_bonus_reserve", (), UNIT),
        Err(Error::NotGovernance)
    );
    assert_eq!(
        fx.pay(GOV, "fund_bonus_reserve", (), 0),
        Err(Error::ZeroValue)
    );
    assert_eq!(fx.pay(GOV, "fund_bonus_reserve", (), 4_000 * UNIT), Ok(()));
    // Months in order.
    fx.fund(3, 84_000 * UNIT);
    fx.at(3, When::Finalizable);
    assert_eq!(fx.finalize(1), Ok(()));
    assert_eq!(fx.finalize(3), Err(Error::FinalizeOutOfOrder));
    assert_eq!(fx.finalize(1), Err(Error::MonthFinalized));
    assert_eq!(fx.pay(GOV, "fund", 1u32, UNIT), Err(Error::MonthFinalized));
    let reserve: u128 = fx.call(STRANGER, "bonus_reserve", ());
    assert_eq!(reserve, 0, "the Head's bonus is set aside");
    // Only MK had points: everything else carries to month 2.
    let fin = fx.month(1).finalized.unwrap();
    assert_eq!(fin.settlement.pool, 84_500 * UNIT);
    let carried = fin.settlement.carried;
    assert_eq!(carried, 84_500 * UNIT - 16_900 * UNIT);
    assert_eq!(fx.month(2).funded, carried);
    fx.assert_solvent();
}

#[test]
fn claims_by_the_member_only_and_once() {
    let mut fx = Fx::new();
    let a = fx.induct(2, Rank::Ambassador);
    fx.induct(3, Rank::Ambassador);
    for month in 1..=2 {
        fx.at(month, When::Open);
        fx.submit(2, month, vec![Marketing, ContentCreation])
            .unwrap();
        fx.fund(month, 84_000 * UNIT);
        fx.at(month, When::Review);
        fx.score(
            month,
            a,
            vec![(Marketing, s(20, 20)), (ContentCreation, s(20, 20))],
        )
        .unwrap();
    }
    assert_eq!(fx.claim(2, vec![1]), Err(Error::NotFinalized));
    fx.at(2, When::Finalizable);
    fx.finalize(1).unwrap();
    fx.finalize(2).unwrap();
    // Bad month lists.
    assert_eq!(fx.claim(2, vec![]), Err(Error::BadMonthCount));
    assert_eq!(fx.claim(2, (1..=13).collect()), Err(Error::BadMonthCount));
    assert_eq!(fx.claim(2, vec![1, 2, 1]), Err(Error::DuplicateMonth));
    // Another wallet: not a member, or a member with nothing to claim.
    assert_eq!(fx.claim(STRANGER, vec![1]), Err(Error::NotMember));
    assert_eq!(fx.claim(3, vec![1]), Err(Error::NothingToClaim));
    // A pool drained by the chain cannot pay: an error, not a trap, and nothing is claimed.
    let pool = fx.pool.clone();
    let held = fx.chain.balance(&pool);
    fx.chain.force_set_balance(&pool, 1_000 * UNIT);
    assert_eq!(fx.claim(2, vec![1]), Err(Error::TransferFailed));
    fx.chain.force_set_balance(&pool, held);
    // One call claims both months. Month 1 pays MK + CC = 40% of 84,000; its other 60% carries
    // into month 2, whose pool is then 84,000 + 50,400.
    let month_1 = 33_600 * UNIT;
    let month_2 = (84_000 + 50_400) * UNIT * 4 / 10;
    let before = fx.balance(2);
    assert_eq!(fx.claim(2, vec![2, 1]), Ok(month_1 + month_2));
    assert_eq!(
        fx.chain.received(&account(2), before),
        (month_1 + month_2) as i128
    );
    assert_eq!(fx.claim(2, vec![1]), Err(Error::AlreadyClaimed));
    // advance brings the registry both months, in order (the member joined in month 0, before
    // the first finalized month, which is where its record starts).
    assert_eq!(fx.advance(vec![a]), Ok(2));
    let m = fx.member(a);
    assert_eq!((m.last_month, m.months_recorded), (Some(2), 2));
    fx.assert_solvent();
}

#[test]
fn claim_window_and_sweep() {
    let mut fx = Fx::new();
    let a = fx.induct(2, Rank::Ambassador);
    let b = fx.induct(3, Rank::Ambassador);
    fx.at(1, When::Open);
    fx.submit(2, 1, vec![Marketing, ContentCreation]).unwrap();
    fx.submit(3, 1, vec![Marketing, ContentCreation]).unwrap();
    fx.fund(1, 84_000 * UNIT);
    fx.at(1, When::Review);
    let r: R<()> = fx.call(
        REVIEWER,
        "score",
        (
            1u32,
            vec![
                (
                    a,
                    vec![(Marketing, s(20, 20)), (ContentCreation, s(10, 0))],
                    Vec::<u8>::new(),
                ),
                (
                    b,
                    vec![(Marketing, s(10, 10)), (ContentCreation, s(10, 10))],
                    Vec::<u8>::new(),
                ),
            ],
        ),
    );
    r.unwrap();
    assert_eq!(
        fx.call::<_, R<u128>>(STRANGER, "sweep", 1u32),
        Err(Error::NotFinalized)
    );
    fx.at(1, When::Finalizable);
    fx.finalize(1).unwrap();
    assert_eq!(
        fx.call::<_, R<u128>>(STRANGER, "sweep", 1u32),
        Err(Error::ClaimWindowOpen)
    );
    let paid_a = fx.claim(2, vec![1]).unwrap();
    // b never claims; after the window it cannot, and anyone sweeps its share forward.
    fx.at(1, When::Expired);
    assert_eq!(fx.preview(b, vec![1])[0].status, ClaimStatus::Expired);
    assert_eq!(fx.claim(3, vec![1]), Err(Error::ClaimWindowClosed));
    let (open, _): (u32, rules::calendar::Phase) =
        fx.call::<_, R<_>>(STRANGER, "current_month", ()).unwrap();
    let before = fx.month(open).funded;
    let swept: R<u128> = fx.call(STRANGER, "sweep", 1u32);
    let fin = fx.month(1).finalized.unwrap();
    let expected = fin.settlement.distributable() - paid_a;
    assert_eq!(swept, Ok(expected));
    assert_eq!(fx.month(open).funded - before, expected);
    assert_eq!(
        fx.call::<_, R<u128>>(STRANGER, "sweep", 1u32),
        Err(Error::AlreadySwept)
    );
    // Σ paid + carried at finalization + swept = funded, to the unit.
    assert_eq!(paid_a + fin.settlement.carried + expected, 84_000 * UNIT);
    // Both months reach the registry through advance, once each, whoever claimed.
    assert_eq!(fx.advance(vec![]), Err(Error::BadBatchSize));
    assert_eq!(fx.advance(vec![a; 33]), Err(Error::BadBatchSize));
    assert_eq!(
        fx.advance(vec![7]),
        Err(Error::Registry(registry::Error::NotMember))
    );
    assert_eq!(fx.advance(vec![a, b]), Ok(2));
    assert_eq!(fx.advance(vec![a, b]), Ok(0));
    fx.assert_solvent();
}

/// Funding given to a month before the council's first finalize chose a later month: months are
/// finalized in order, so the earlier month never will be, and its funds stayed in the contract
/// with no way out but winding the whole pool down. Anyone sweeps them forward instead.
#[test]
fn a_month_passed_over_by_the_first_finalize_is_swept_forward() {
    let mut fx = Fx::new();
    let a = fx.induct(2, Rank::Ambassador);
    fx.at(1, When::Open);
    fx.fund(1, 84_000 * UNIT);
    // Month 1 has funds but nothing is finalized yet: nothing to sweep, and a later month may
    // still be the first finalized.
    assert_eq!(
        fx.call::<_, R<u128>>(STRANGER, "sweep", 1u32),
        Err(Error::NotFinalized)
    );
    fx.at(2, When::Open);
    fx.submit(2, 2, vec![Marketing, ContentCreation]).unwrap();
    fx.fund(2, 84_000 * UNIT);
    fx.at(2, When::Review);
    fx.score(
        2,
        a,
        vec![(Marketing, s(20, 20)), (ContentCreation, s(10, 10))],
    )
    .unwrap();
    fx.at(2, When::Finalizable);
    fx.finalize(2).unwrap();
    assert_eq!(fx.finalize(1), Err(Error::FinalizeOutOfOrder));
    // Month 1 is passed over: anyone moves all of it into the month finalized next.
    let (open, _): (u32, rules::calendar::Phase) =
        fx.call::<_, R<_>>(STRANGER, "current_month", ()).unwrap();
    let into = open.max(3);
    let before = fx.month(into).funded;
    let paused: R<()> = fx.call(GOV, "pause", ());
    paused.unwrap();
    assert_eq!(
        fx.call::<_, R<u128>>(STRANGER, "sweep", 1u32),
        Err(Error::Paused)
    );
    let unpaused: R<()> = fx.call(GOV, "unpause", ());
    unpaused.unwrap();
    assert_eq!(
        fx.call::<_, R<u128>>(STRANGER, "sweep", 1u32),
        Ok(84_000 * UNIT)
    );
    assert_eq!(fx.month(into).funded - before, 84_000 * UNIT);
    assert!(fx.month(1).swept);
    assert_eq!(
        fx.call::<_, R<u128>>(STRANGER, "sweep", 1u32),
        Err(Error::AlreadySwept)
    );
    // Month 0, passed over with nothing in it, has nothing to sweep; month 3, the next to
    // finalize, is not passed over.
    assert_eq!(
        fx.call::<_, R<u128>>(STRANGER, "sweep", 0u32),
        Err(Error::NotFinalized)
    );
    assert_eq!(
        fx.call::<_, R<u128>>(STRANGER, "sweep", 3u32),
        Err(Error::NotFinalized)
    );
    fx.assert_solvent();
}

#[test]
fn minimum_gate_pays_nothing_below_it() {
    let mut fx = Fx::with(
        fixed(),
        Config {
            gate_bps: 4_000,
            ..config()
        },
    );
    let a = fx.induct(2, Rank::Senior);
    let b = fx.induct(3, Rank::Ambassador);
    fx.pay(GOV, "fund_bonus_reserve", (), 2_000 * UNIT).unwrap();
    fx.at(1, When::Open);
    fx.submit(2, 1, vec![Marketing, ContentCreation]).unwrap();
    fx.submit(3, 1, vec![Marketing, ContentCreation]).unwrap();
    fx.fund(1, 84_000 * UNIT);
    fx.at(1, When::Review);
    // a: 31/80 = 38.75% < 40%. b: 32/80 = 40%.
    fx.score(1, a, vec![(Marketing, s(20, 11))]).unwrap();
    fx.score(1, b, vec![(Marketing, s(16, 16))]).unwrap();
    fx.at(1, When::Finalizable);
    fx.finalize(1).unwrap();
    let pa = fx.preview(a, vec![1]);
    assert_eq!(
        (pa[0].percentage_bps, pa[0].total, pa[0].bonus),
        (3_875, 0, 0)
    );
    assert_eq!(fx.claim(2, vec![1]), Ok(0));
    let mk = 16_800 * UNIT;
    assert_eq!(fx.claim(3, vec![1]), Ok(mk * 32 / 63));
    // The gated share and the unused Senior bonus go forward at the sweep.
    fx.at(1, When::Expired);
    let swept: R<u128> = fx.call(STRANGER, "sweep", 1u32);
    assert_eq!(swept, Ok(mk - mk * 32 / 63));
    let reserve: u128 = fx.call(STRANGER, "bonus_reserve", ());
    assert_eq!(reserve, 2_000 * UNIT);
    fx.assert_solvent();
}

#[test]
fn rank_bonuses_follow_the_rank_at_submission() {
    let mut fx = Fx::new();
    let head = fx.induct(2, Rank::Head);
    let senior = fx.induct(3, Rank::Senior);
    let amb = fx.induct(4, Rank::Ambassador);
    fx.pay(GOV, "fund_bonus_reserve", (), 10_000 * UNIT)
        .unwrap();
    fx.at(1, When::Open);
    for who in 2..=4 {
        fx.submit(who, 1, vec![Marketing, ContentCreation]).unwrap();
    }
    // Demoted after submitting: the month still pays the Senior bonus.
    let r: registry::Result<()> = fx.reg_call(GOV, "set_rank", (senior, Rank::Ambassador));
    r.unwrap();
    fx.fund(1, 84_000 * UNIT);
    fx.at(1, When::Review);
    for m in [head, senior, amb] {
        fx.score(1, m, vec![(Marketing, s(10, 10))]).unwrap();
    }
    fx.at(1, When::Finalizable);
    fx.finalize(1).unwrap();
    assert_eq!(fx.month(1).finalized.unwrap().bonus_reserved, 6_000 * UNIT);
    let mk_third = 16_800 * UNIT / 3;
    assert_eq!(fx.claim(2, vec![1]), Ok(mk_third + 4_000 * UNIT));
    assert_eq!(fx.claim(3, vec![1]), Ok(mk_third + 2_000 * UNIT));
    assert_eq!(fx.claim(4, vec![1]), Ok(mk_third));
    assert_eq!(fx.month(1).bonus_paid, 6_000 * UNIT);
    fx.assert_solvent();
}

#[test]
fn candidate_promoted_by_advance_whatever_the_claims() {
    let mut fx = Fx::new();
    let c = fx.induct(2, Rank::Candidate);
    for month in 1..=3 {
        fx.at(month, When::Open);
        fx.submit(2, month, vec![Marketing, ContentCreation])
            .unwrap();
        fx.fund(month, 84_000 * UNIT);
        fx.at(month, When::Review);
        // 52/80 = 65%.
        fx.score(
            month,
            c,
            vec![(Marketing, s(20, 20)), (ContentCreation, s(6, 6))],
        )
        .unwrap();
        fx.at(month, When::Finalizable);
        fx.finalize(month).unwrap();
    }
    // Newest month claimed first, month 2 never: the promotion does not care.
    fx.claim(2, vec![3]).unwrap();
    fx.claim(2, vec![1]).unwrap();
    assert_eq!(fx.member(c).rank, Rank::Candidate);
    assert_eq!(fx.advance(vec![c]), Ok(3));
    assert_eq!(fx.member(c).rank, Rank::Ambassador);
    let first: u32 = fx.reg_call(STRANGER, "first_time_ambassadors", ());
    assert_eq!(first, 1);
}

#[test]
fn pool_grows_after_five_first_time_ambassadors() {
    let mut fx = Fx::with(
        fixed(),
        Config {
            ambassador_baseline: 1,
            ..config()
        },
    );
    fx.induct(2, Rank::Ambassador); // already counted in the base
    for who in 3..=6 {
        fx.induct(who, Rank::Ambassador);
    }
    fx.at(1, When::Finalizable);
    fx.fund(1, 84_000 * UNIT);
    fx.finalize(1).unwrap();
    assert_eq!(
        fx.month(1).finalized.unwrap().settlement.pool,
        84_000 * UNIT
    );
    fx.induct(7, Rank::Ambassador);
    fx.at(2, When::Finalizable);
    // Month 2 holds month 1's whole carry (no points) and needs 105,000 + that carry.
    let carry = fx.month(2).carried_in;
    assert_eq!(carry, 84_000 * UNIT);
    fx.fund(2, 105_000 * UNIT - 1);
    assert_eq!(fx.finalize(2), Err(Error::Underfunded));
    fx.fund(2, 1);
    assert_eq!(fx.finalize(2), Ok(()));
    assert_eq!(
        fx.month(2).finalized.unwrap().settlement.pool,
        105_000 * UNIT + carry
    );
}

#[test]
fn pause_governance_and_roles() {
    let mut fx = Fx::new();
    fx.induct(2, Rank::Ambassador);
    fx.at(1, When::Open);
    assert_eq!(
        fx.call::<_, R<()>>(STRANGER, "pause", ()),
        Err(Error::NotGovernance)
    );
    assert_eq!(
        fx.call::<_, R<()>>(GOV, "unpause", ()),
        Err(Error::NotPaused)
    );
    assert_eq!(fx.call::<_, R<()>>(GOV, "pause", ()), Ok(()));
    assert_eq!(fx.call::<_, R<()>>(GOV, "pause", ()), Err(Error::Paused));
    assert_eq!(
        fx.submit(2, 1, vec![Marketing, ContentCreation]),
        Err(Error::Paused)
    );
    assert_eq!(fx.pay(GOV, "fund", 1u32, UNIT), Err(Error::Paused));
    assert_eq!(fx.claim(2, vec![1]), Err(Error::Paused));
    assert_eq!(fx.call::<_, R<()>>(GOV, "unpause", ()), Ok(()));
    assert_eq!(fx.submit(2, 1, vec![Marketing, ContentCreation]), Ok(()));
    // Roles.
    let too_many: Vec<InkId> = (0..33).map(|i| id(100 + i)).collect();
    let r: R<()> = fx.call(GOV, "set_reviewers", (too_many, Vec::<InkId>::new()));
    assert_eq!(r, Err(Error::BadBatchSize));
    let r: R<()> = fx.call(
        STRANGER,
        "set_reviewers",
        (Vec::<InkId>::new(), vec![id(REVIEWER)]),
    );
    assert_eq!(r, Err(Error::NotGovernance));
    let r: R<()> = fx.call(
        GOV,
        "set_reviewers",
        (Vec::<InkId>::new(), vec![id(REVIEWER)]),
    );
    assert_eq!(r, Ok(()));
    assert!(!fx.call::<_, bool>(STRANGER, "is_reviewer", id(REVIEWER)));
    // Removing a reviewer leaves the funder as it was; only `set_funder` changes it.
    assert_eq!(fx.pay(FUNDER, "fund", 1u32, UNIT), Ok(()));
    let r: R<()> = fx.call(STRANGER, "set_funder", None::<InkId>);
    assert_eq!(r, Err(Error::NotGovernance));
    let r: R<()> = fx.call(GOV, "set_funder", None::<InkId>);
    assert_eq!(r, Ok(()));
    assert_eq!(fx.pay(FUNDER, "fund", 1u32, UNIT), Err(Error::NotFunder));
    // Config changes are validated.
    let bad = Config {
        gate_bps: 10_001,
        ..config()
    };
    assert_eq!(
        fx.call::<_, R<()>>(GOV, "set_config", bad),
        Err(Error::Rule(RuleError::GateOutOfRange))
    );
    assert_eq!(
        fx.call::<_, R<()>>(STRANGER, "set_config", config()),
        Err(Error::NotGovernance)
    );
    assert_eq!(
        fx.call::<_, R<()>>(
            GOV,
            "set_config",
            Config {
                gate_bps: 1,
                ..config()
            }
        ),
        Ok(())
    );
    // Governance handover in two steps.
    assert_eq!(
        fx.call::<_, R<()>>(GOV, "propose_governance", id(5)),
        Ok(())
    );
    assert_eq!(
        fx.call::<_, R<()>>(STRANGER, "accept_governance", ()),
        Err(Error::NotPendingGovernance)
    );
    assert_eq!(fx.call::<_, R<()>>(5, "accept_governance", ()), Ok(()));
    assert_eq!(fx.call::<_, InkId>(STRANGER, "governance", ()), id(5));
    assert_eq!(
        fx.call::<_, R<()>>(GOV, "pause", ()),
        Err(Error::NotGovernance)
    );
}

#[test]
fn constructor_and_unreachable_registry() {
    let mut chain = Chain::new();
    chain.fund(&account(2), 100 * UNIT);
    let gov = account(GOV);
    let zero_period = Calendar::FixedPeriods {
        start_ms: 0,
        period_ms: 0,
        deadline_offset_ms: 0,
    };
    let r = chain.deploy::<_, Error>(
        "reward_pool",
        &gov,
        "new",
        (id(GOV), id(9), zero_period, config()),
        b"1",
    );
    assert_eq!(r, Err(Error::Rule(RuleError::PeriodLengthZero)));
    let mut bad = config();
    bad.max_evidence_len = 0;
    let r = chain.deploy::<_, Error>(
        "reward_pool",
        &gov,
        "new",
        (id(GOV), id(9), fixed(), bad),
        b"2",
    );
    assert_eq!(r, Err(Error::Rule(RuleError::EvidenceLimitOutOfRange)));
    let mut bad = config();
    bad.gate_bps = 20_000;
    let r = chain.deploy::<_, Error>(
        "reward_pool",
        &gov,
        "new",
        (id(GOV), id(9), fixed(), bad),
        b"3",
    );
    assert_eq!(r, Err(Error::Rule(RuleError::GateOutOfRange)));
    // A registry address that is not a contract: calls to it fail cleanly.
    let pool = chain
        .deploy_routed::<_, Error>(
            "reward_pool",
            &gov,
            (id(GOV), id(9), fixed(), config()),
            b"4",
        )
        .unwrap();
    chain.set_time(START + 1);
    let r: R<()> = chain.call(
        &pool,
        &account(2),
        "submit",
        (
            0u32,
            vec![Marketing, ContentCreation],
            vec![s(1, 1); 2],
            b"cid".to_vec(),
        ),
    );
    assert_eq!(r, Err(Error::RegistryUnreachable));
}

#[test]
fn weights_are_validated_on_the_wire() {
    // `Weights` decodes from any seven numbers; the contract re-checks the sum.
    let mut chain = Chain::new();
    let gov = account(GOV);
    #[derive(scale::Encode)]
    struct RawConfig {
        base: u128,
        step: u128,
        baseline: u32,
        weights: [u16; 7],
        windows: Windows,
        gate: u32,
        head: u128,
        senior: u128,
        evidence: u32,
        late_reports: bool,
        reviewers_per_entry: u8,
        disagreement_gap: u16,
    }
    let raw = RawConfig {
        base: 1,
        step: 1,
        baseline: 0,
        weights: [1_000; 7],
        windows: config().windows,
        gate: 0,
        head: 0,
        senior: 0,
        evidence: 64,
        late_reports: false,
        reviewers_per_entry: 1,
        disagreement_gap: 0,
    };
    let r = chain.deploy::<_, Error>(
        "reward_pool",
        &gov,
        "new",
        (id(GOV), id(9), fixed(), raw),
        b"w",
    );
    assert_eq!(r, Err(Error::Rule(RuleError::WeightsDoNotSumToWhole)));
}

#[test]
fn upgrade_keeps_storage() {
    let mut fx = Fx::new();
    fx.fund(1, 1_234);
    assert_eq!(fx.call::<_, u32>(STRANGER, "version", ()), 1);
    assert_eq!(
        fx.call::<_, R<()>>(GOV, "set_code", ink::primitives::Hash::from([9u8; 32])),
        Err(Error::UpgradeFailed)
    );
    let next = fx.chain.upload(next_wasm("reward_pool"), &account(GOV));
    assert_eq!(
        fx.call::<_, R<()>>(STRANGER, "set_code", next),
        Err(Error::NotGovernance)
    );
    assert_eq!(fx.call::<_, R<()>>(GOV, "set_code", next), Ok(()));
    assert_eq!(fx.call::<_, u32>(STRANGER, "version", ()), 2);
    assert_eq!(fx.month(1).funded, 1_234);
    assert!(fx.call::<_, bool>(STRANGER, "is_reviewer", id(REVIEWER)));
    fx.assert_solvent();
}

/// Finalization must cost the same whatever the number of members: it reads the frozen totals
/// and never visits a member. Prints the ref_time drink measured for 10 and 200 scored members.
#[test]
fn finalize_cost_does_not_depend_on_members() {
    let mut gas = Vec::new();
    for members in [10u8, 200] {
        let mut fx = Fx::new();
        fx.at(1, When::Open);
        let mut ids = Vec::new();
        for i in 0..members {
            let seed = 40u8.wrapping_add(i);
            fx.chain.fund(&account(seed), 100 * UNIT);
            // Candidates, so that the pool does not grow with them.
            ids.push(fx.induct(seed, Rank::Candidate));
            fx.submit(seed, 1, vec![Marketing, ContentCreation])
                .unwrap();
        }
        fx.fund(1, 84_000 * UNIT);
        fx.at(1, When::Review);
        for chunk in ids.chunks(100) {
            let batch: Vec<reward_pool::ScoreEntry> = chunk
                .iter()
                .map(|m| (*m, vec![(Marketing, s(10, 10)), (Basic, s(5, 5))], vec![]))
                .collect();
            fx.call::<_, R<()>>(REVIEWER, "score", (1u32, batch))
                .unwrap();
        }
        fx.at(1, When::Finalizable);
        fx.finalize(1).unwrap();
        gas.push(fx.chain.receipt().ref_time);
    }
    println!(
        "finalize ref_time: 10 members {}, 200 members {}",
        gas[0], gas[1]
    );
    let (small, large) = (gas[0] as f64, gas[1] as f64);
    assert!((large - small).abs() / small < 0.05, "{gas:?}");
}
