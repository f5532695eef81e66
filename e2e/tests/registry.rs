//! drink tests of the contributor registry: every message and every error variant, against the
//! release build of the contract.

use e2e::{account, id, ink_id, next_wasm, AccountId, Chain};
use ink::primitives::AccountId as InkId;
use registry::registry::{ExitFlagged, MemberJoined, RankChanged};
use registry::{
    Application, AuthorisedCaller, Error, Member, MemberId, MonthRecord, Params, Rank, RuleError,
    Status, StreakParams,
};
use scale::Decode;

type R<T> = Result<T, Error>;

const GOV: u8 = 1;
const POOL: u8 = 9;
const BOUNTY: u8 = 10;
const STRANGER: u8 = 11;

fn params() -> Params {
    Params {
        streak: StreakParams {
            exit_rule: true,
            ..StreakParams::default()
        },
        head_cap: 1,
        max_evidence_len: 64,
    }
}

struct Fx {
    chain: Chain,
    reg: AccountId,
}

impl Fx {
    fn new() -> Self {
        let mut chain = Chain::new();
        for seed in 2..=20 {
            chain.fund(&account(seed), 1_000 * e2e::UNIT);
        }
        let reg = chain
            .deploy_routed::<_, Error>(
                "registry",
                &account(GOV),
                (ink_id(&account(GOV)), params()),
                b"",
            )
            .expect("registry deploys");
        Self { chain, reg }
    }

    fn call<A: scale::Encode, T: Decode>(&mut self, by: u8, message: &str, args: A) -> T {
        let reg = self.reg.clone();
        self.chain.call(&reg, &account(by), message, args)
    }

    fn gov<A: scale::Encode>(&mut self, message: &str, args: A) -> R<()> {
        self.call(GOV, message, args)
    }

    fn induct(&mut self, who: u8, rank: Rank) -> MemberId {
        let id: R<MemberId> = self.call(GOV, "induct", (id(who), rank, b"cid".to_vec()));
        id.expect("induct")
    }

    fn member(&mut self, id: MemberId) -> Member {
        let m: Option<Member> = self.call(STRANGER, "member", id);
        m.expect("member exists")
    }

    fn authorise(&mut self) {
        self.gov(
            "set_authorised",
            (AuthorisedCaller::RewardPool, Some(id(POOL))),
        )
        .expect("authorise the pool");
        self.gov(
            "set_authorised",
            (AuthorisedCaller::Bounty, Some(id(BOUNTY))),
        )
        .expect("authorise the bounty");
    }

    fn record(&mut self, member: MemberId, month: u32, pct: u32) -> R<()> {
        self.record_many(member, month, vec![pct])
    }

    fn record_many(&mut self, member: MemberId, first: u32, pcts: Vec<u32>) -> R<()> {
        self.promotions(member, first, pcts).map(|_| ())
    }

    /// `record_months` for one member, with what it returns: the members it promoted.
    fn promotions(
        &mut self,
        member: MemberId,
        first: u32,
        pcts: Vec<u32>,
    ) -> R<Vec<(MemberId, Rank)>> {
        self.call(POOL, "record_months", vec![(member, first, pcts)])
    }

    fn events<E: scale::DecodeAll>(&self) -> Vec<E> {
        self.chain.receipt().events_of()
    }
}

#[test]
fn constructor_refuses_bad_parameters() {
    let mut chain = Chain::new();
    let gov = account(GOV);
    let mut bad = params();
    bad.streak.to_ambassador_bps = 0;
    let r = chain.deploy::<_, Error>("registry", &gov, "new", (ink_id(&gov), bad), b"1");
    assert_eq!(r, Err(Error::Rule(RuleError::ThresholdOutOfRange)));
    let mut bad = params();
    bad.streak.streak_len = 0;
    let r = chain.deploy::<_, Error>("registry", &gov, "new", (ink_id(&gov), bad), b"2");
    assert_eq!(r, Err(Error::Rule(RuleError::StreakLengthZero)));
    let mut bad = params();
    bad.max_evidence_len = 0;
    let r = chain.deploy::<_, Error>("registry", &gov, "new", (ink_id(&gov), bad), b"3");
    assert_eq!(r, Err(Error::Rule(RuleError::EvidenceLimitOutOfRange)));
}

#[test]
fn apply_then_accept_or_reject() {
    let mut fx = Fx::new();
    // Evidence is checked.
    let r: R<()> = fx.call(2, "apply", Vec::<u8>::new());
    assert_eq!(r, Err(Error::Rule(RuleError::EvidenceEmpty)));
    let r: R<()> = fx.call(2, "apply", vec![b'x'; 65]);
    assert_eq!(r, Err(Error::Rule(RuleError::EvidenceTooLong)));
    // One pending application per wallet.
    let r: R<()> = fx.call(2, "apply", b"ipfs://app-2".to_vec());
    assert_eq!(r, Ok(()));
    let r: R<()> = fx.call(2, "apply", b"ipfs://again".to_vec());
    assert_eq!(r, Err(Error::ApplicationPending));
    let app: Option<Application> = fx.call(STRANGER, "application", id(2));
    let app = app.expect("pending");
    assert_eq!(app.evidence_ref, b"ipfs://app-2".to_vec());
    let at = app.applied_at;
    // Only governance accepts, naming the application it reviewed.
    let r: R<MemberId> = fx.call(STRANGER, "accept_application", (id(2), Rank::Candidate, at));
    assert_eq!(r, Err(Error::NotGovernance));
    let r: R<MemberId> = fx.call(GOV, "accept_application", (id(2), Rank::Candidate, at + 1));
    assert_eq!(r, Err(Error::ApplicationChanged));
    let r: R<MemberId> = fx.call(GOV, "accept_application", (id(2), Rank::Candidate, at));
    assert_eq!(r, Ok(0));
    let joined: Vec<MemberJoined> = fx.events();
    assert_eq!(joined.len(), 1);
    assert_eq!(joined[0].who, id(2));
    assert_eq!(joined[0].rank, Rank::Candidate);
    let m = fx.member(0);
    assert_eq!(m.wallet, id(2));
    assert_eq!(m.evidence_ref, b"ipfs://app-2".to_vec());
    assert_eq!(m.status, Status::Active);
    let app: Option<Application> = fx.call(STRANGER, "application", id(2));
    assert_eq!(app, None);
    // A member cannot apply; a consumed application cannot be accepted again.
    let r: R<()> = fx.call(2, "apply", b"cid".to_vec());
    assert_eq!(r, Err(Error::AlreadyMember));
    let r: R<MemberId> = fx.call(GOV, "accept_application", (id(2), Rank::Candidate, at));
    assert_eq!(r, Err(Error::NoApplication));
    // Rejection with a reason.
    let r: R<()> = fx.call(3, "apply", b"cid-3".to_vec());
    assert_eq!(r, Ok(()));
    let app3: Option<Application> = fx.call(STRANGER, "application", id(3));
    let at3 = app3.expect("pending").applied_at;
    assert_eq!(
        fx.gov("reject_application", (id(3), at3, Vec::<u8>::new())),
        Err(Error::Rule(RuleError::EvidenceEmpty))
    );
    assert_eq!(
        fx.gov(
            "reject_application",
            (id(3), at3 + 1, b"not enough evidence".to_vec())
        ),
        Err(Error::ApplicationChanged)
    );
    assert_eq!(
        fx.gov(
            "reject_application",
            (id(3), at3, b"not enough evidence".to_vec())
        ),
        Ok(())
    );
    assert_eq!(
        fx.gov("reject_application", (id(3), at3, b"again".to_vec())),
        Err(Error::NoApplication)
    );
    let r: Option<MemberId> = fx.call(STRANGER, "member_id_of", id(3));
    assert_eq!(r, None);
}

#[test]
fn induct_ranks_and_head_cap() {
    let mut fx = Fx::new();
    assert_eq!(fx.induct(2, Rank::Head), 0);
    assert_eq!(fx.induct(3, Rank::Senior), 1);
    assert_eq!(fx.induct(4, Rank::Candidate), 2);
    // The Head cap (1) holds for induction and for set_rank.
    let r: R<MemberId> = fx.call(GOV, "induct", (id(5), Rank::Head, b"cid".to_vec()));
    assert_eq!(r, Err(Error::Rule(RuleError::HeadCapReached)));
    assert_eq!(
        fx.gov("set_rank", (1u32, Rank::Head)),
        Err(Error::Rule(RuleError::HeadCapReached))
    );
    let r: R<MemberId> = fx.call(GOV, "induct", (id(2), Rank::Candidate, b"cid".to_vec()));
    assert_eq!(r, Err(Error::AlreadyMember));
    let r: R<MemberId> = fx.call(STRANGER, "induct", (id(6), Rank::Candidate, b"c".to_vec()));
    assert_eq!(r, Err(Error::NotGovernance));
    let counts: [u32; 4] = fx.call(STRANGER, "rank_counts", ());
    assert_eq!(counts, [1, 0, 1, 1]);
    // Inducted at Ambassador or above counts as reaching Ambassador for the first time.
    let first: u32 = fx.call(STRANGER, "first_time_ambassadors", ());
    assert_eq!(first, 2);
    // Governance promotes, demotes and grants Head once the seat is free.
    assert_eq!(fx.gov("set_rank", (0u32, Rank::Senior)), Ok(()));
    assert_eq!(fx.gov("set_rank", (1u32, Rank::Head)), Ok(()));
    assert_eq!(fx.gov("set_rank", (2u32, Rank::Ambassador)), Ok(()));
    let changed: Vec<RankChanged> = fx.events();
    assert_eq!(changed.len(), 1);
    assert!(!changed[0].automatic);
    assert_eq!(
        (changed[0].from, changed[0].to),
        (Rank::Candidate, Rank::Ambassador)
    );
    assert_eq!(fx.gov("set_rank", (2u32, Rank::Candidate)), Ok(()));
    assert_eq!(fx.gov("set_rank", (2u32, Rank::Ambassador)), Ok(()));
    let first: u32 = fx.call(STRANGER, "first_time_ambassadors", ());
    assert_eq!(
        first, 3,
        "a second arrival at Ambassador is not counted again"
    );
    assert_eq!(
        fx.gov("set_rank", (2u32, Rank::Ambassador)),
        Err(Error::RankUnchanged)
    );
    assert_eq!(
        fx.gov("set_rank", (99u32, Rank::Senior)),
        Err(Error::NotMember)
    );
    let counts: [u32; 4] = fx.call(STRANGER, "rank_counts", ());
    assert_eq!(counts, [0, 1, 1, 1]);
    let count: u32 = fx.call(STRANGER, "member_count", ());
    assert_eq!(count, 3);
}

#[test]
fn suspend_unsuspend_retire_remove() {
    let mut fx = Fx::new();
    let a = fx.induct(2, Rank::Ambassador);
    let b = fx.induct(3, Rank::Senior);
    let r: R<(MemberId, Rank)> = fx.call(STRANGER, "active_member", id(2));
    assert_eq!(r, Ok((a, Rank::Ambassador)));
    assert_eq!(
        fx.gov("suspend", (a, Vec::<u8>::new())),
        Err(Error::Rule(RuleError::EvidenceEmpty))
    );
    assert_eq!(fx.gov("suspend", (a, b"spam".to_vec())), Ok(()));
    let r: R<(MemberId, Rank)> = fx.call(STRANGER, "active_member", id(2));
    assert_eq!(r, Err(Error::Suspended));
    assert_eq!(
        fx.gov("suspend", (a, b"spam".to_vec())),
        Err(Error::Rule(RuleError::AlreadySuspended))
    );
    assert_eq!(fx.gov("unsuspend", a), Ok(()));
    assert_eq!(
        fx.gov("unsuspend", a),
        Err(Error::Rule(RuleError::NotSuspended))
    );
    let r: R<()> = fx.call(STRANGER, "unsuspend", a);
    assert_eq!(r, Err(Error::NotGovernance));
    // The member retires itself.
    let r: R<()> = fx.call(2, "retire", ());
    assert_eq!(r, Ok(()));
    assert_eq!(fx.member(a).status, Status::Retired);
    let r: R<()> = fx.call(2, "retire", ());
    assert_eq!(r, Err(Error::Rule(RuleError::MemberHasLeft)));
    let r: R<(MemberId, Rank)> = fx.call(STRANGER, "active_member", id(2));
    assert_eq!(r, Err(Error::Rule(RuleError::MemberHasLeft)));
    assert_eq!(
        fx.gov("set_rank", (a, Rank::Senior)),
        Err(Error::Rule(RuleError::MemberHasLeft))
    );
    // Governance removes another, with a reason.
    assert_eq!(fx.gov("remove", (b, b"inactive".to_vec())), Ok(()));
    assert_eq!(fx.member(b).status, Status::Removed);
    assert_eq!(
        fx.gov("unsuspend", b),
        Err(Error::Rule(RuleError::MemberHasLeft))
    );
    let r: R<()> = fx.call(STRANGER, "retire", ());
    assert_eq!(r, Err(Error::NotMember));
    let r: R<(MemberId, Rank)> = fx.call(STRANGER, "active_member", id(STRANGER));
    assert_eq!(r, Err(Error::NotMember));
    let counts: [u32; 4] = fx.call(STRANGER, "rank_counts", ());
    assert_eq!(counts, [0, 0, 0, 0], "members who left are not counted");
    // Their wallets still resolve, so they can claim what they earned.
    let r: Option<MemberId> = fx.call(STRANGER, "member_id_of", id(3));
    assert_eq!(r, Some(b));
}

#[test]
fn record_months_only_from_the_authorised_pool_in_order_and_promotes() {
    let mut fx = Fx::new();
    let c = fx.induct(2, Rank::Candidate);
    // Nobody is authorised yet.
    assert_eq!(fx.record(c, 100, 7_000), Err(Error::NotAuthorisedCaller));
    fx.authorise();
    let auth: (Option<InkId>, Option<InkId>) = fx.call(STRANGER, "authorised", ());
    assert_eq!(auth, (Some(id(POOL)), Some(id(BOUNTY))));
    let r: R<()> = fx.call(STRANGER, "record_months", vec![(c, 100u32, vec![7_000u32])]);
    assert_eq!(r, Err(Error::NotAuthorisedCaller));
    let r: R<()> = fx.call(BOUNTY, "record_months", vec![(c, 100u32, vec![7_000u32])]);
    assert_eq!(r, Err(Error::NotAuthorisedCaller));
    let r: R<()> = fx.call(
        POOL,
        "record_months",
        Vec::<(MemberId, u32, Vec<u32>)>::new(),
    );
    assert_eq!(r, Err(Error::BadMonthCount));
    let r: R<()> = fx.call(POOL, "record_months", vec![(c, 100u32, vec![7_000u32]); 33]);
    assert_eq!(r, Err(Error::BadMonthCount));
    // What advance reads first: when each member joined and its last recorded month.
    let progress: Vec<Option<(u64, Option<u32>)>> = fx.call(STRANGER, "progress", vec![c, 77]);
    assert_eq!(progress, vec![Some((0, None)), None]);
    assert_eq!(fx.record_many(c, 100, vec![]), Err(Error::BadMonthCount));
    assert_eq!(
        fx.record_many(c, 100, vec![7_000; 13]),
        Err(Error::BadMonthCount)
    );
    assert_eq!(
        fx.record(c, 100, 10_001),
        Err(Error::Rule(RuleError::PercentageOutOfRange))
    );
    assert_eq!(fx.record(77, 100, 7_000), Err(Error::NotMember));
    // Three months at or above 65%: Candidate -> Ambassador.
    assert_eq!(fx.promotions(c, 100, vec![6_500]), Ok(vec![]));
    assert_eq!(fx.record(c, 101, 9_000), Ok(()));
    assert_eq!(fx.member(c).rank, Rank::Candidate);
    assert_eq!(fx.member(c).streaks.up, 2);
    assert_eq!(
        fx.record(c, 101, 9_000),
        Err(Error::Rule(RuleError::MonthOutOfOrder))
    );
    assert_eq!(
        fx.record(c, 99, 9_000),
        Err(Error::Rule(RuleError::MonthOutOfOrder))
    );
    // Months are contiguous: a gap is refused, never counted as a hole.
    assert_eq!(
        fx.record(c, 103, 7_000),
        Err(Error::Rule(RuleError::MonthOutOfOrder))
    );
    // The pool learns of the promotion from what the call returns (it cannot be called back).
    assert_eq!(
        fx.promotions(c, 102, vec![7_000]),
        Ok(vec![(c, Rank::Ambassador)])
    );
    let changed: Vec<RankChanged> = fx.events();
    assert_eq!(changed.len(), 1);
    assert!(changed[0].automatic);
    assert_eq!(changed[0].to, Rank::Ambassador);
    let m = fx.member(c);
    assert_eq!(m.rank, Rank::Ambassador);
    assert_eq!(m.last_month, Some(102));
    assert_eq!(m.months_recorded, 3);
    let first: u32 = fx.call(STRANGER, "first_time_ambassadors", ());
    assert_eq!(first, 1);
    // History, paged.
    let page: Vec<MonthRecord> = fx.call(STRANGER, "history", (c, 1u32, 5u32));
    assert_eq!(
        page,
        vec![
            MonthRecord {
                month: 101,
                percentage_bps: 9_000
            },
            MonthRecord {
                month: 102,
                percentage_bps: 7_000
            },
        ]
    );
    let page: Vec<MonthRecord> = fx.call(STRANGER, "history", (c, 0u32, 1u32));
    assert_eq!(page.len(), 1);
    // Then three months at 90% in one call: Ambassador -> Senior.
    assert_eq!(
        fx.promotions(c, 103, vec![9_500; 3]),
        Ok(vec![(c, Rank::Senior)])
    );
    assert_eq!(fx.member(c).rank, Rank::Senior);
    let counts: [u32; 4] = fx.call(STRANGER, "rank_counts", ());
    assert_eq!(counts, [0, 0, 1, 0]);
}

#[test]
fn a_missed_month_breaks_the_streak() {
    let mut fx = Fx::new();
    fx.authorise();
    let c = fx.induct(2, Rank::Candidate);
    assert_eq!(fx.record(c, 100, 7_000), Ok(()));
    assert_eq!(fx.record(c, 101, 7_000), Ok(()));
    // Month 102 had no report: the pool records it at 0%.
    assert_eq!(fx.record_many(c, 102, vec![0, 7_000]), Ok(()));
    let m = fx.member(c);
    assert_eq!(m.rank, Rank::Candidate);
    assert_eq!(m.streaks.up, 1);
    assert_eq!(fx.record(c, 104, 7_000), Ok(()));
    assert_eq!(fx.member(c).rank, Rank::Candidate);
    assert_eq!(fx.record(c, 105, 7_000), Ok(()));
    assert_eq!(fx.member(c).rank, Rank::Ambassador);
}

#[test]
fn exit_rule_flags_after_three_low_months() {
    let mut fx = Fx::new();
    fx.authorise();
    let a = fx.induct(2, Rank::Ambassador);
    assert_eq!(fx.record(a, 10, 3_000), Ok(()));
    assert_eq!(fx.record(a, 11, 3_999), Ok(()));
    assert!(!fx.member(a).exit_flagged);
    assert_eq!(fx.record(a, 12, 0), Ok(()));
    let flagged: Vec<ExitFlagged> = fx.events();
    assert_eq!(flagged.len(), 1);
    assert_eq!(flagged[0].who, id(2));
    assert!(fx.member(a).exit_flagged);
    // A good month clears the flag; the decision stays governance's.
    assert_eq!(fx.record(a, 13, 5_000), Ok(()));
    assert!(!fx.member(a).exit_flagged);
    assert_eq!(fx.member(a).status, Status::Active);
}

#[test]
fn record_contribution_only_from_the_authorised_bounty() {
    let mut fx = Fx::new();
    let a = fx.induct(2, Rank::Ambassador);
    let r: R<()> = fx.call(
        BOUNTY,
        "record_contribution",
        (a, 4u32, 500u128, b"w1".to_vec()),
    );
    assert_eq!(r, Err(Error::NotAuthorisedCaller));
    fx.authorise();
    let r: R<()> = fx.call(
        POOL,
        "record_contribution",
        (a, 4u32, 500u128, b"w1".to_vec()),
    );
    assert_eq!(r, Err(Error::NotAuthorisedCaller));
    let r: R<()> = fx.call(
        BOUNTY,
        "record_contribution",
        (a, 4u32, 500u128, b"w1".to_vec()),
    );
    assert_eq!(r, Ok(()));
    let r: R<()> = fx.call(
        BOUNTY,
        "record_contribution",
        (a, 4u32, 250u128, b"w2".to_vec()),
    );
    assert_eq!(r, Ok(()));
    assert_eq!(fx.member(a).contribution_total, 750);
    let r: R<()> = fx.call(
        BOUNTY,
        "record_contribution",
        (a, 4u32, u128::MAX, b"w3".to_vec()),
    );
    assert_eq!(r, Err(Error::Rule(RuleError::Overflow)));
    assert_eq!(
        fx.member(a).contribution_total,
        750,
        "a failed call changes nothing"
    );
    let r: R<()> = fx.call(
        BOUNTY,
        "record_contribution",
        (9u32, 4u32, 1u128, b"w".to_vec()),
    );
    assert_eq!(r, Err(Error::NotMember));
    // A cancelled award comes off the total: only the bounty contract may say so, never below 0.
    let r: R<()> = fx.call(STRANGER, "reverse_contribution", (a, 4u32, 250u128));
    assert_eq!(r, Err(Error::NotAuthorisedCaller));
    let r: R<()> = fx.call(BOUNTY, "reverse_contribution", (a, 4u32, 751u128));
    assert_eq!(r, Err(Error::ReversalExceedsContributions));
    let r: R<()> = fx.call(BOUNTY, "reverse_contribution", (9u32, 4u32, 1u128));
    assert_eq!(r, Err(Error::NotMember));
    let r: R<()> = fx.call(BOUNTY, "reverse_contribution", (a, 4u32, 250u128));
    assert_eq!(r, Ok(()));
    assert_eq!(fx.member(a).contribution_total, 500);
}

/// A new wallet finds the move proposed to it without the member id (what the app's "accept"
/// reads): the latest proposal to it wins, a re-proposal elsewhere, a withdrawal or the
/// acceptance clears it, and a proposal another member made to the same wallet still shows
/// only while it is pending.
#[test]
fn a_new_wallet_finds_the_move_proposed_to_it_without_the_member_id() {
    let mut fx = Fx::new();
    let a = fx.induct(2, Rank::Candidate);
    let b = fx.induct(3, Rank::Candidate);
    let pending_to = |fx: &mut Fx, wallet: u8| -> Option<MemberId> {
        let p: Option<(MemberId, registry::PendingWallet)> =
            fx.call(STRANGER, "pending_move_to", id(wallet));
        p.map(|(member, pending)| {
            assert_eq!(pending.wallet, id(wallet));
            member
        })
    };
    assert_eq!(pending_to(&mut fx, 12), None);
    let r: R<()> = fx.call(2, "propose_wallet", id(12));
    assert_eq!(r, Ok(()));
    assert_eq!(pending_to(&mut fx, 12), Some(a));
    // b proposes the same wallet: the latest proposal shows; a's is still pending.
    let r: R<()> = fx.call(3, "propose_wallet", id(12));
    assert_eq!(r, Ok(()));
    assert_eq!(pending_to(&mut fx, 12), Some(b));
    // b moves its proposal elsewhere: wallet 12 shows nothing (a must propose again to be
    // found; its proposal is still acceptable by id).
    let r: R<()> = fx.call(3, "propose_wallet", id(13));
    assert_eq!(r, Ok(()));
    assert_eq!(pending_to(&mut fx, 12), None);
    assert_eq!(pending_to(&mut fx, 13), Some(b));
    let r: R<()> = fx.call(2, "propose_wallet", id(12));
    assert_eq!(r, Ok(()));
    assert_eq!(pending_to(&mut fx, 12), Some(a));
    // Withdrawn: gone. Accepted: gone.
    let r: R<()> = fx.call(3, "withdraw_wallet", b);
    assert_eq!(r, Ok(()));
    assert_eq!(pending_to(&mut fx, 13), None);
    let r: R<()> = fx.call(12, "accept_wallet", a);
    assert_eq!(r, Ok(()));
    assert_eq!(pending_to(&mut fx, 12), None);
}

#[test]
fn wallet_rotation_keeps_rank_and_history() {
    let mut fx = Fx::new();
    fx.authorise();
    let a = fx.induct(2, Rank::Candidate);
    fx.induct(3, Rank::Ambassador);
    assert_eq!(fx.record(a, 100, 7_000), Ok(()));
    assert_eq!(fx.record(a, 101, 7_000), Ok(()));
    // Only a member proposes, never toward a member's wallet.
    let r: R<()> = fx.call(STRANGER, "propose_wallet", id(12));
    assert_eq!(r, Err(Error::NotMember));
    let r: R<()> = fx.call(2, "propose_wallet", id(3));
    assert_eq!(r, Err(Error::WalletInUse));
    let r: R<()> = fx.call(2, "propose_wallet", id(12));
    assert_eq!(r, Ok(()));
    let pending: Option<registry::PendingWallet> = fx.call(STRANGER, "pending_wallet", a);
    assert_eq!(pending.map(|p| p.wallet), Some(id(12)));
    // Only the proposed wallet accepts.
    let r: R<()> = fx.call(13, "accept_wallet", a);
    assert_eq!(r, Err(Error::NoPendingWallet));
    let r: R<()> = fx.call(12, "accept_wallet", a);
    assert_eq!(r, Ok(()));
    let r: Option<MemberId> = fx.call(STRANGER, "member_id_of", id(12));
    assert_eq!(r, Some(a));
    let r: Option<MemberId> = fx.call(STRANGER, "member_id_of", id(2));
    assert_eq!(r, None);
    let m = fx.member(a);
    assert_eq!(m.wallet, id(12));
    assert_eq!(m.rank, Rank::Candidate);
    assert_eq!(m.streaks.up, 2);
    assert_eq!(m.months_recorded, 2);
    // The old wallet can no longer act; the streak continues under the new one.
    let r: R<()> = fx.call(2, "retire", ());
    assert_eq!(r, Err(Error::NotMember));
    assert_eq!(fx.record(a, 102, 7_000), Ok(()));
    assert_eq!(fx.member(a).rank, Rank::Ambassador);
    let page: Vec<MonthRecord> = fx.call(STRANGER, "history", (a, 0u32, 10u32));
    assert_eq!(page.len(), 3);
    // A pending target that became a member meanwhile cannot accept.
    let r: R<()> = fx.call(3, "propose_wallet", id(14));
    assert_eq!(r, Ok(()));
    let r: R<MemberId> = fx.call(GOV, "induct", (id(14), Rank::Candidate, b"c".to_vec()));
    assert!(r.is_ok());
    let r: R<()> = fx.call(14, "accept_wallet", 1u32);
    assert_eq!(r, Err(Error::WalletInUse));
    // The old wallet stays bound to its member (what the pool's self-review check reads), so it
    // can never act for anyone else: not as a new member, not as another member's wallet.
    let bound: Option<MemberId> = fx.call(STRANGER, "bound_member_of", id(2));
    assert_eq!(bound, Some(a));
    let r: R<MemberId> = fx.call(GOV, "induct", (id(2), Rank::Candidate, b"c".to_vec()));
    assert_eq!(r, Err(Error::WalletInUse));
    let r: R<()> = fx.call(3, "propose_wallet", id(2));
    assert_eq!(r, Err(Error::WalletInUse));
    // Its own member may move back to it.
    let r: R<()> = fx.call(12, "propose_wallet", id(2));
    assert_eq!(r, Ok(()));
    let r: R<()> = fx.call(2, "accept_wallet", a);
    assert_eq!(r, Ok(()));
    assert_eq!(fx.member(a).wallet, id(2));
}

#[test]
fn pause_stops_state_changes_until_unpaused() {
    let mut fx = Fx::new();
    fx.authorise();
    let a = fx.induct(2, Rank::Candidate);
    let r: R<()> = fx.call(STRANGER, "pause", ());
    assert_eq!(r, Err(Error::NotGovernance));
    assert_eq!(fx.gov("unpause", ()), Err(Error::NotPaused));
    assert_eq!(fx.gov("pause", ()), Ok(()));
    assert!(fx.call::<_, bool>(STRANGER, "paused", ()));
    assert_eq!(fx.gov("pause", ()), Err(Error::Paused));
    let r: R<()> = fx.call(3, "apply", b"cid".to_vec());
    assert_eq!(r, Err(Error::Paused));
    let r: R<MemberId> = fx.call(GOV, "induct", (id(4), Rank::Candidate, b"c".to_vec()));
    assert_eq!(r, Err(Error::Paused));
    assert_eq!(fx.record(a, 1, 5_000), Err(Error::Paused));
    let r: R<()> = fx.call(2, "retire", ());
    assert_eq!(r, Err(Error::Paused));
    assert_eq!(fx.gov("unpause", ()), Ok(()));
    assert_eq!(fx.record(a, 1, 5_000), Ok(()));
}

#[test]
fn governance_is_handed_over_in_two_steps() {
    let mut fx = Fx::new();
    let r: R<()> = fx.call(STRANGER, "propose_governance", id(5));
    assert_eq!(r, Err(Error::NotGovernance));
    assert_eq!(fx.gov("propose_governance", id(5)), Ok(()));
    let pending: Option<InkId> = fx.call(STRANGER, "pending_governance", ());
    assert_eq!(pending, Some(id(5)));
    let r: R<()> = fx.call(STRANGER, "accept_governance", ());
    assert_eq!(r, Err(Error::NotPendingGovernance));
    // Until accepted, the old governance still governs.
    assert_eq!(
        fx.gov("set_authorised", (AuthorisedCaller::Bounty, None::<InkId>)),
        Ok(())
    );
    let r: R<()> = fx.call(5, "accept_governance", ());
    assert_eq!(r, Ok(()));
    let gov: InkId = fx.call(STRANGER, "governance", ());
    assert_eq!(gov, id(5));
    assert_eq!(fx.gov("pause", ()), Err(Error::NotGovernance));
    let r: R<()> = fx.call(5, "pause", ());
    assert_eq!(r, Ok(()));
}

#[test]
fn parameters_change_through_governance_only() {
    let mut fx = Fx::new();
    let mut next = params();
    next.head_cap = 3;
    next.streak.streak_len = 2;
    let r: R<()> = fx.call(STRANGER, "set_params", (next.clone(), 0u32));
    assert_eq!(r, Err(Error::NotGovernance));
    assert_eq!(fx.gov("set_params", (next.clone(), 0u32)), Ok(()));
    let now: Params = fx.call(STRANGER, "params", ());
    assert_eq!(now, next);
    let mut bad = next;
    bad.max_evidence_len = 513;
    assert_eq!(
        fx.gov("set_params", (bad, 0u32)),
        Err(Error::Rule(RuleError::EvidenceLimitOutOfRange))
    );
}

#[test]
fn upgrade_keeps_storage() {
    let mut fx = Fx::new();
    fx.authorise();
    let a = fx.induct(2, Rank::Candidate);
    assert_eq!(fx.record(a, 100, 8_000), Ok(()));
    let before = fx.member(a);
    assert_eq!(fx.call::<_, u32>(STRANGER, "version", ()), 1);
    // An unknown code hash is refused.
    assert_eq!(
        fx.gov("set_code", ink::primitives::Hash::from([7u8; 32])),
        Err(Error::UpgradeFailed)
    );
    let next = fx.chain.upload(next_wasm("registry"), &account(GOV));
    let r: R<()> = fx.call(STRANGER, "set_code", next);
    assert_eq!(r, Err(Error::NotGovernance));
    assert_eq!(fx.gov("set_code", next), Ok(()));
    assert_eq!(fx.call::<_, u32>(STRANGER, "version", ()), 2);
    assert_eq!(fx.member(a), before);
    let gov: InkId = fx.call(STRANGER, "governance", ());
    assert_eq!(gov, id(GOV));
    assert_eq!(fx.record(a, 101, 8_000), Ok(()));
    assert_eq!(fx.member(a).months_recorded, 2);
}

/// A member's former wallet cannot apply to join: it stays bound to its member, so the council
/// could never accept the application (`WalletInUse` at the acceptance); the application is
/// refused when made instead of costing the council a proposal that cannot run. Found by the
/// access matrix (issue 16).
#[test]
fn a_members_former_wallet_cannot_apply_to_join_as_someone_else() {
    let mut fx = Fx::new();
    let a = fx.induct(2, Rank::Ambassador);
    let r: R<()> = fx.call(2, "propose_wallet", id(12));
    assert_eq!(r, Ok(()));
    let r: R<()> = fx.call(12, "accept_wallet", a);
    assert_eq!(r, Ok(()));
    let r: R<()> = fx.call(2, "apply", b"github.com/me".to_vec());
    assert_eq!(r, Err(Error::WalletInUse));
    let pending: Option<registry::Application> = fx.call(STRANGER, "application", id(2));
    assert_eq!(pending, None, "nothing recorded");
    // A wallet that never acted for a member still applies.
    let r: R<()> = fx.call(13, "apply", b"github.com/me".to_vec());
    assert_eq!(r, Ok(()));
}
