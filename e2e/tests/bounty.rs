//! drink tests of the bounty contract, with the registry and the reward pool deployed and wired:
//! treasury proposal #4 replayed end to end, and every error variant.

use bounty::{Award, AwardState, Error, MilestoneState, Proposal, Report, RuleError, Status};
use e2e::{account, id, next_wasm, AccountId, Chain, PoolMoney, UNIT};
use ink::primitives::AccountId as InkId;
use registry::Rank;

type R<T> = Result<T, Error>;

const GOV: u8 = 1;
const CURATOR: u8 = 5;
const MEMBER: u8 = 6;
const OUTSIDER: u8 = 7;
const STRANGER: u8 = 8;
const TREASURY: u8 = 30;
const DELAY: u64 = 1_000;
const PERIOD: u64 = 1_000_000;

/// Treasury proposal #4: 80,000 in four lines, three milestones, a 1% curator fee (800 budgeted on
/// top: the proposal is funded with 80,800).
const FUNDING: u128 = 80_800 * UNIT;

/// The budget lines of treasury proposal #4.
fn lines() -> Vec<(Vec<u8>, u128)> {
    vec![
        (b"weekly bounties".to_vec(), 54_000 * UNIT),
        (b"educators".to_vec(), 10_000 * UNIT),
        (b"peripherals".to_vec(), 2_000 * UNIT),
        (b"events".to_vec(), 14_000 * UNIT),
    ]
}

fn milestones() -> Vec<(Vec<u8>, u64, u16)> {
    vec![
        (b"month 1 report".to_vec(), 30, 3_000),
        (b"month 2 report".to_vec(), 60, 3_000),
        (b"final report".to_vec(), 90, 4_000),
    ]
}

struct Fx {
    chain: Chain,
    reg: AccountId,
    pool: AccountId,
    bounty: AccountId,
}

impl Fx {
    fn new() -> Self {
        let money = PoolMoney {
            base: 3_000 * UNIT,
            step: 0,
            head_bonus: 0,
            senior_bonus: 0,
        };
        let (mut chain, reg, pool, bounty) =
            Chain::with_pool_and_bounty(money, Vec::new(), &account(TREASURY), DELAY, PERIOD);
        let gov = account(GOV);
        let r: registry::Result<u32> = chain.call(
            &reg,
            &gov,
            "induct",
            (id(MEMBER), Rank::Ambassador, b"c".to_vec()),
        );
        r.unwrap();
        Self {
            chain,
            reg,
            pool,
            bounty,
        }
    }

    fn call<A: scale::Encode, T: scale::Decode>(&mut self, by: u8, message: &str, args: A) -> T {
        let bounty = self.bounty.clone();
        self.chain.call(&bounty, &account(by), message, args)
    }

    fn propose(&mut self) -> u32 {
        let r: R<u32> = self.call(
            STRANGER,
            "propose",
            (
                id(CURATOR),
                b"ipfs://proposal-4".to_vec(),
                (0u64, 90 * PERIOD),
                80_000 * UNIT,
                lines(),
                milestones(),
                100u16,
            ),
        );
        r.expect("propose")
    }

    fn fund(&mut self, proposal: u32, value: u128) -> R<()> {
        let bounty = self.bounty.clone();
        self.chain
            .call_with_value(&bounty, &account(GOV), "approve_and_fund", proposal, value)
    }

    fn active(&mut self) -> u32 {
        let p = self.propose();
        self.fund(p, FUNDING).expect("fund");
        p
    }

    fn report_and_decide(&mut self, p: u32, milestone: u8, approve: bool) {
        let r: R<()> = self.call(CURATOR, "submit_report", (p, milestone, b"report".to_vec()));
        r.expect("report");
        let version = self.report(p).milestones[milestone as usize].report_version;
        let r: R<()> = self.call(
            GOV,
            "decide_milestone",
            (p, milestone, version, approve, b"why".to_vec()),
        );
        r.expect("decide");
    }

    fn award(&mut self, p: u32, line: u8, to: u8, amount: u128) -> R<u32> {
        self.call(
            CURATOR,
            "award",
            (p, line, id(to), amount, b"memo".to_vec()),
        )
    }

    fn report(&mut self, p: u32) -> Report {
        let r: R<Report> = self.call(STRANGER, "report", p);
        r.expect("report")
    }

    fn assert_solvent(&mut self) {
        let liabilities: u128 = self.call(STRANGER, "liabilities", ());
        let bounty = self.bounty.clone();
        assert_eq!(
            self.chain.balance(&bounty),
            liabilities + 1,
            "existential deposit aside"
        );
    }
}

#[test]
fn proposal_four_end_to_end() {
    let mut fx = Fx::new();
    let p = fx.propose();
    assert_eq!(fx.fund(p, 79_999 * UNIT), Err(Error::FundingMismatch));
    // The total alone is not enough: the curator fee is budgeted on top.
    assert_eq!(fx.fund(p, 80_000 * UNIT), Err(Error::FundingMismatch));
    assert_eq!(fx.fund(p, FUNDING), Ok(()));
    assert_eq!(fx.report(p).proposal.status, Status::Active);
    // Nothing is unlocked before the first milestone is approved.
    assert_eq!(
        fx.award(p, 1, MEMBER, UNIT),
        Err(Error::Rule(RuleError::BeyondUnlocked))
    );
    fx.report_and_decide(p, 0, true);
    assert_eq!(fx.report(p).unlocked, 24_000 * UNIT);

    // The weekly line feeds the pool for three months, 3,000 at a time.
    let pool = fx.pool.clone();
    for month in 1..=3u32 {
        let r: R<()> = fx.call(CURATOR, "feed_pool", (p, 0u8, month, 3_000 * UNIT));
        assert_eq!(r, Ok(()));
        let state: reward_pool::MonthState =
            fx.chain.call(&pool, &account(STRANGER), "month", month);
        assert_eq!(state.funded, 3_000 * UNIT);
    }

    // Awards to a member (recorded in the registry) and to an outsider.
    let to_member = fx.award(p, 1, MEMBER, 2_000 * UNIT).unwrap();
    let to_outsider = fx.award(p, 3, OUTSIDER, 1_500 * UNIT).unwrap();
    let reg = fx.reg.clone();
    let m: Option<registry::Member> = fx.chain.call(&reg, &account(STRANGER), "member", 0u32);
    assert_eq!(m.unwrap().contribution_total, 2_000 * UNIT);
    let a: Option<Award> = fx.call(STRANGER, "award_of", to_outsider);
    assert_eq!(a.unwrap().member, None);

    // One award is cancelled during its delay; its amount goes back to the line.
    let cancelled = fx.award(p, 3, OUTSIDER, 500 * UNIT).unwrap();
    assert_eq!(fx.call::<_, R<()>>(GOV, "cancel_award", cancelled), Ok(()));
    assert_eq!(
        fx.call::<_, R<()>>(GOV, "cancel_award", cancelled),
        Err(Error::AwardCancelled)
    );
    assert_eq!(fx.report(p).lines[3].budget.spent, 1_500 * UNIT);

    // Claims: not before the delay, only by the recipient, once.
    assert_eq!(
        fx.call::<_, R<u128>>(MEMBER, "claim_award", to_member),
        Err(Error::PayoutDelayRunning)
    );
    let award: Option<Award> = fx.call(STRANGER, "award_of", to_member);
    fx.chain.set_time(award.unwrap().claimable_after);
    assert_eq!(
        fx.call::<_, R<()>>(GOV, "cancel_award", to_member),
        Err(Error::PayoutDelayOver)
    );
    assert_eq!(
        fx.call::<_, R<u128>>(OUTSIDER, "claim_award", to_member),
        Err(Error::NotRecipient)
    );
    let before = fx.chain.balance(&account(MEMBER));
    assert_eq!(
        fx.call::<_, R<u128>>(MEMBER, "claim_award", to_member),
        Ok(2_000 * UNIT)
    );
    assert_eq!(
        fx.chain.received(&account(MEMBER), before),
        (2_000 * UNIT) as i128
    );
    assert_eq!(
        fx.call::<_, R<u128>>(MEMBER, "claim_award", to_member),
        Err(Error::AlreadyClaimed)
    );
    assert_eq!(
        fx.call::<_, R<u128>>(MEMBER, "claim_award", 99u32),
        Err(Error::NoSuchAward)
    );
    assert_eq!(
        fx.call::<_, R<u128>>(MEMBER, "claim_award", cancelled),
        Err(Error::AwardCancelled)
    );

    // Milestone 2: rejected, resubmitted, approved. Milestone 3 approved.
    assert_eq!(
        fx.call::<_, R<()>>(GOV, "decide_milestone", (p, 1u8, 0u32, true, b"x".to_vec())),
        Err(Error::Rule(RuleError::NoReportToDecide))
    );
    fx.report_and_decide(p, 1, false);
    assert_eq!(fx.report(p).milestones[1].state, MilestoneState::Rejected);
    assert_eq!(fx.report(p).unlocked, 24_000 * UNIT);
    fx.report_and_decide(p, 1, true);
    assert_eq!(
        fx.call::<_, R<()>>(CURATOR, "submit_report", (p, 1u8, b"again".to_vec())),
        Err(Error::Rule(RuleError::ReportNotExpected))
    );
    // Close is refused until the last milestone is decided.
    assert_eq!(
        fx.call::<_, R<()>>(CURATOR, "close", p),
        Err(Error::MilestonesUndecided)
    );
    fx.report_and_decide(p, 2, true);
    assert_eq!(fx.report(p).unlocked, 80_000 * UNIT);

    // Over the line's cap, wrong line, wrong curator.
    assert_eq!(
        fx.award(p, 2, OUTSIDER, 2_001 * UNIT),
        Err(Error::Rule(RuleError::LineCapExceeded))
    );
    assert_eq!(fx.award(p, 9, OUTSIDER, UNIT), Err(Error::NoSuchLine));
    let r: R<u32> = fx.call(
        STRANGER,
        "award",
        (p, 1u8, id(OUTSIDER), UNIT, b"m".to_vec()),
    );
    assert_eq!(r, Err(Error::NotCurator));

    // The close: 1% of what was spent earned by the curator (from the fee budget, collected
    // with claim_fee), the rest back to the treasury.
    let spent = 9_000 * UNIT + 2_000 * UNIT + 1_500 * UNIT;
    assert_eq!(fx.report(p).proposal.spent, spent);
    assert_eq!(
        fx.call::<_, R<()>>(STRANGER, "close", p),
        Err(Error::NotCuratorOrGovernance)
    );
    let treasury_before = fx.chain.balance(&account(TREASURY));
    let curator_before = fx.chain.balance(&account(CURATOR));
    assert_eq!(fx.call::<_, R<()>>(CURATOR, "close", p), Ok(()));
    let fee = spent / 100;
    let refund = FUNDING - spent - fee;
    assert_eq!(
        fx.chain.balance(&account(TREASURY)) - treasury_before,
        refund
    );
    assert_eq!(
        fx.call::<_, R<u128>>(STRANGER, "claim_fee", p),
        Err(Error::NotCurator)
    );
    assert_eq!(fx.call::<_, R<u128>>(CURATOR, "claim_fee", p), Ok(fee));
    assert_eq!(
        fx.chain.received(&account(CURATOR), curator_before),
        fee as i128
    );
    assert_eq!(
        fx.call::<_, R<u128>>(CURATOR, "claim_fee", p),
        Err(Error::NoFeeDue)
    );
    let closed: Proposal = fx.report(p).proposal;
    assert_eq!(
        (closed.status, closed.fee_paid, closed.refunded),
        (Status::Closed, fee, refund)
    );
    assert_eq!(
        fx.call::<_, R<()>>(CURATOR, "close", p),
        Err(Error::NotActive)
    );
    // A contract drained by the chain cannot pay: the claim fails with an error, not a trap,
    // and the award stays claimable.
    let bounty = fx.bounty.clone();
    let held = fx.chain.balance(&bounty);
    fx.chain.force_set_balance(&bounty, 1_000 * UNIT);
    assert_eq!(
        fx.call::<_, R<u128>>(OUTSIDER, "claim_award", to_outsider),
        Err(Error::TransferFailed)
    );
    fx.chain.force_set_balance(&bounty, held);
    // Awards made stay claimable after the close.
    assert_eq!(
        fx.call::<_, R<u128>>(OUTSIDER, "claim_award", to_outsider),
        Ok(1_500 * UNIT)
    );
    fx.assert_solvent();
    assert_eq!(fx.call::<_, u128>(STRANGER, "liabilities", ()), 0);
    // Paged views.
    let mine: Vec<u32> = fx.call(STRANGER, "awards_of", (id(OUTSIDER), 0u32, 10u32));
    assert_eq!(mine, vec![to_outsider, cancelled]);
    let all: Vec<u32> = fx.call(STRANGER, "proposal_awards", (p, 1u32, 10u32));
    assert_eq!(all, vec![to_outsider, cancelled]);
    let a: Option<Award> = fx.call(STRANGER, "award_of", cancelled);
    assert_eq!(a.unwrap().state, AwardState::Cancelled);
}

#[test]
fn proposal_shapes_are_checked() {
    let mut fx = Fx::new();
    let mut propose = |total: u128,
                       lines: Vec<(Vec<u8>, u128)>,
                       ms: Vec<(Vec<u8>, u64, u16)>,
                       fee: u16,
                       period: (u64, u64),
                       desc: Vec<u8>|
     -> R<u32> {
        fx.call(
            STRANGER,
            "propose",
            (id(CURATOR), desc, period, total, lines, ms, fee),
        )
    };
    let t = 80_000 * UNIT;
    let d = b"d".to_vec();
    assert_eq!(
        propose(t, lines(), milestones(), 100, (5, 4), d.clone()),
        Err(Error::BadPeriod)
    );
    assert_eq!(
        propose(0, vec![], milestones(), 0, (0, 1), d.clone()),
        Err(Error::Rule(RuleError::ZeroTotal))
    );
    assert_eq!(
        propose(t, vec![], milestones(), 0, (0, 1), d.clone()),
        Err(Error::Rule(RuleError::NoBudgetLines))
    );
    assert_eq!(
        propose(
            9,
            vec![(b"l".to_vec(), 1); 9],
            milestones(),
            0,
            (0, 1),
            d.clone()
        ),
        Err(Error::Rule(RuleError::TooManyBudgetLines))
    );
    assert_eq!(
        propose(t + 1, lines(), milestones(), 0, (0, 1), d.clone()),
        Err(Error::Rule(RuleError::LineCapsDoNotSumToTotal))
    );
    assert_eq!(
        propose(t, lines(), vec![], 0, (0, 1), d.clone()),
        Err(Error::Rule(RuleError::NoMilestones))
    );
    assert_eq!(
        propose(
            t,
            lines(),
            vec![(b"m".to_vec(), 0, 1_250); 9],
            0,
            (0, 1),
            d.clone()
        ),
        Err(Error::Rule(RuleError::TooManyMilestones))
    );
    assert_eq!(
        propose(
            t,
            lines(),
            vec![(b"m".to_vec(), 0, 10_000), (b"n".to_vec(), 0, 0)],
            0,
            (0, 1),
            d.clone()
        ),
        Err(Error::Rule(RuleError::ZeroMilestoneShare))
    );
    assert_eq!(
        propose(
            t,
            lines(),
            vec![(b"m".to_vec(), 0, 9_999)],
            0,
            (0, 1),
            d.clone()
        ),
        Err(Error::Rule(RuleError::MilestoneSharesDoNotSumToWhole))
    );
    assert_eq!(
        propose(t, lines(), milestones(), 10_001, (0, 1), d.clone()),
        Err(Error::Rule(RuleError::FeeOutOfRange))
    );
    assert_eq!(
        propose(t, lines(), milestones(), 0, (0, 1), vec![]),
        Err(Error::Rule(RuleError::EvidenceEmpty))
    );
    assert_eq!(
        propose(t, lines(), milestones(), 0, (0, 1), vec![0; 65]),
        Err(Error::Rule(RuleError::EvidenceTooLong))
    );
    // A retroactive period is fine.
    assert_eq!(propose(t, lines(), milestones(), 0, (0, 1), d), Ok(0));
}

#[test]
fn governance_decisions_on_proposals() {
    let mut fx = Fx::new();
    let p = fx.propose();
    let r: R<()> = fx.call(STRANGER, "reject", (p, b"no".to_vec()));
    assert_eq!(r, Err(Error::NotGovernance));
    assert_eq!(
        fx.call::<_, R<()>>(GOV, "reject", (9u32, b"no".to_vec())),
        Err(Error::NoSuchProposal)
    );
    assert_eq!(
        fx.call::<_, R<()>>(GOV, "reject", (p, b"out of scope".to_vec())),
        Ok(())
    );
    let rejected: Option<Proposal> = fx.call(STRANGER, "proposal", p);
    assert_eq!(rejected.unwrap().status, Status::Rejected);
    assert_eq!(fx.fund(p, FUNDING), Err(Error::NotProposed));
    assert_eq!(
        fx.call::<_, R<()>>(GOV, "reject", (p, b"again".to_vec())),
        Err(Error::NotProposed)
    );
    assert_eq!(fx.call::<_, R<()>>(GOV, "cancel", p), Err(Error::NotActive));
    // Cancel before spending refunds everything to the treasury.
    let q = fx.active();
    let before = fx.chain.balance(&account(TREASURY));
    assert_eq!(
        fx.call::<_, R<()>>(STRANGER, "cancel", q),
        Err(Error::NotGovernance)
    );
    assert_eq!(fx.call::<_, R<()>>(GOV, "cancel", q), Ok(()));
    assert_eq!(fx.chain.balance(&account(TREASURY)) - before, FUNDING);
    assert_eq!(
        fx.call::<_, R<()>>(CURATOR, "submit_report", (q, 0u8, b"r".to_vec())),
        Err(Error::NotActive)
    );
    // After spending, cancel is refused: close instead.
    let s = fx.active();
    fx.report_and_decide(s, 0, true);
    fx.award(s, 1, OUTSIDER, UNIT).unwrap();
    assert_eq!(
        fx.call::<_, R<()>>(GOV, "cancel", s),
        Err(Error::AlreadySpent)
    );
    assert_eq!(
        fx.call::<_, R<()>>(CURATOR, "submit_report", (s, 7u8, b"r".to_vec())),
        Err(Error::NoSuchMilestone)
    );
    assert_eq!(
        fx.call::<_, R<()>>(STRANGER, "submit_report", (s, 1u8, b"r".to_vec())),
        Err(Error::NotCurator)
    );
    fx.assert_solvent();
}

#[test]
fn pool_feeds_and_registry_records_fail_cleanly() {
    let mut fx = Fx::new();
    let p = fx.active();
    fx.report_and_decide(p, 0, true);
    // Feeding a finalized month is refused by the pool (its scores are final: `MonthClosed`).
    let pool = fx.pool.clone();
    fx.chain.set_time(2 * PERIOD + 200);
    let r: reward_pool::Result<()> =
        fx.chain
            .call_with_value(&pool, &account(GOV), "fund", 1u32, 3_000 * UNIT);
    r.unwrap();
    let r = fx.chain.finalize(&pool, &account(GOV), 1);
    r.unwrap();
    let r: R<()> = fx.call(CURATOR, "feed_pool", (p, 0u8, 1u32, 3_000 * UNIT));
    assert_eq!(r, Err(Error::Pool(reward_pool::Error::MonthClosed)));
    assert_eq!(
        fx.report(p).proposal.spent,
        0,
        "the failed feed spent nothing"
    );
    // The bounty no longer authorised in the registry: an award to a member fails whole.
    let reg = fx.reg.clone();
    let r: registry::Result<()> = fx.chain.call(
        &reg,
        &account(GOV),
        "set_authorised",
        (registry::AuthorisedCaller::Bounty, None::<InkId>),
    );
    r.unwrap();
    assert_eq!(
        fx.award(p, 1, MEMBER, UNIT),
        Err(Error::Registry(registry::Error::NotAuthorisedCaller))
    );
    assert_eq!(
        fx.award(p, 1, OUTSIDER, UNIT),
        Ok(0),
        "non-members need no record"
    );
    assert_eq!(
        fx.award(p, 1, OUTSIDER, 0),
        Err(Error::Rule(RuleError::ZeroAmount))
    );
    fx.assert_solvent();
}

#[test]
fn unreachable_callees_and_constructor() {
    let mut chain = Chain::new();
    let gov = account(GOV);
    let r = chain.deploy::<_, Error>(
        "bounty",
        &gov,
        "new",
        (id(GOV), id(9), id(10), id(TREASURY), DELAY, 0u32),
        b"1",
    );
    assert_eq!(r, Err(Error::Rule(RuleError::EvidenceLimitOutOfRange)));
    // Registry and pool addresses that are not contracts.
    let bounty = chain
        .deploy_routed::<_, Error>(
            "bounty",
            &gov,
            (id(GOV), id(9), id(10), id(TREASURY), DELAY, 64u32),
            b"2",
        )
        .unwrap();
    chain.fund(&gov, 1_000_000 * UNIT);
    chain.fund(&account(CURATOR), 1_000 * UNIT);
    chain.fund(&account(STRANGER), 1_000 * UNIT);
    let r: R<u32> = chain.call(
        &bounty,
        &account(STRANGER),
        "propose",
        (
            id(CURATOR),
            b"d".to_vec(),
            (0u64, 1u64),
            100 * UNIT,
            vec![(b"l".to_vec(), 100 * UNIT)],
            vec![(b"m".to_vec(), 0u64, 10_000u16)],
            0u16,
        ),
    );
    let p = r.unwrap();
    let r: R<()> = chain.call_with_value(&bounty, &gov, "approve_and_fund", p, 100 * UNIT);
    r.unwrap();
    let r: R<()> = chain.call(
        &bounty,
        &account(CURATOR),
        "submit_report",
        (p, 0u8, b"r".to_vec()),
    );
    r.unwrap();
    let r: R<()> = chain.call(
        &bounty,
        &gov,
        "decide_milestone",
        (p, 0u8, 1u32, true, b"ok".to_vec()),
    );
    r.unwrap();
    let r: R<u32> = chain.call(
        &bounty,
        &account(CURATOR),
        "award",
        (p, 0u8, id(OUTSIDER), UNIT, b"m".to_vec()),
    );
    assert_eq!(r, Err(Error::CalleeUnreachable));
    let r: R<()> = chain.call(
        &bounty,
        &account(CURATOR),
        "feed_pool",
        (p, 0u8, 0u32, UNIT),
    );
    assert_eq!(r, Err(Error::CalleeUnreachable));
}

#[test]
fn pause_handover_and_upgrade() {
    let mut fx = Fx::new();
    let p = fx.propose();
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
    assert_eq!(fx.fund(p, FUNDING), Err(Error::Paused));
    assert_eq!(fx.call::<_, R<()>>(GOV, "unpause", ()), Ok(()));
    assert_eq!(fx.fund(p, FUNDING), Ok(()));
    // Upgrade keeps storage.
    assert_eq!(
        fx.call::<_, R<()>>(GOV, "set_code", ink::primitives::Hash::from([3u8; 32])),
        Err(Error::UpgradeFailed)
    );
    let next = fx.chain.upload(next_wasm("bounty"), &account(GOV));
    assert_eq!(
        fx.call::<_, R<()>>(STRANGER, "set_code", next),
        Err(Error::NotGovernance)
    );
    assert_eq!(fx.call::<_, R<()>>(GOV, "set_code", next), Ok(()));
    assert_eq!(fx.call::<_, u32>(STRANGER, "version", ()), 2);
    assert_eq!(fx.report(p).proposal.status, Status::Active);
    fx.assert_solvent();
    // Handover in two steps.
    assert_eq!(
        fx.call::<_, R<()>>(GOV, "propose_governance", id(9)),
        Ok(())
    );
    assert_eq!(
        fx.call::<_, R<()>>(STRANGER, "accept_governance", ()),
        Err(Error::NotPendingGovernance)
    );
    assert_eq!(fx.call::<_, R<()>>(9, "accept_governance", ()), Ok(()));
    assert_eq!(fx.call::<_, InkId>(STRANGER, "governance", ()), id(9));
}
