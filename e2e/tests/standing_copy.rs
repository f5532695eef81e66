//! The pool's copy of each member's rank and status (issue 20: a report that loads one
//! contract): the registry tells its authorised pool of every join, rank change and status
//! change, and `advance` applies the promotions `record_months` returns, so a report checks the
//! member without the registry and still refuses whom the registry refuses, at the rank the
//! registry holds, whatever order governance, the pool and the member act in. Registry, pool and
//! bounty as in `money_and_promotion` (account 1 governs).

use crate::money_and_promotion::{start, Fx, GOV, STRANGER};
use crate::wallet_copy::assert_registry_code_spared;
use e2e::{account, id};
use registry::Rank;
use reward_pool::{Error, Submission};

const ALICE: u8 = 10;
const BOB: u8 = 11;

type RegistryResult<T> = registry::Result<T>;

impl Fx {
    fn suspend(&mut self, member: u32) -> RegistryResult<()> {
        self.reg(GOV, "suspend", (member, b"reason".to_vec()))
    }

    fn set_rank(&mut self, member: u32, rank: Rank) -> RegistryResult<()> {
        self.reg(GOV, "set_rank", (member, rank))
    }

    fn report(&mut self, member: u32, month: u32) -> Submission {
        let s: Option<Submission> = self.pool(STRANGER, "submission", (month, member));
        s.expect("a report")
    }
}

fn suspended() -> Error {
    Error::Registry(registry::Error::Suspended)
}

fn has_left() -> Error {
    Error::Registry(registry::Error::Rule(registry::RuleError::MemberHasLeft))
}

/// A report by a member the pool was told of loads no registry code: it costs at least the
/// registry's code size less proof than the same report by a member inducted while the pool was
/// not authorised (which the pool asks the registry about). Before the copy held the standing,
/// every report called the registry.
#[test]
fn a_report_from_a_member_the_pool_was_told_of_loads_no_registry_code() {
    let mut fx = Fx::new();
    fx.induct_untold_then_told(BOB, ALICE);
    fx.at_least(start(1) + 1);

    fx.submit(ALICE, 1).expect("alice reports from the copy");
    let told = fx.chain.receipt().proof_size;
    fx.submit(BOB, 1).expect("bob reports through the registry");
    let asked = fx.chain.receipt().proof_size;
    assert_registry_code_spared(asked, told, "a report");
}

/// Governance suspends, lifts, removes; a member retires: each reaches the copy at once, also
/// while the pool is paused, so a report is refused exactly when the registry would refuse it
/// (the same errors as the registry's `active_member`).
#[test]
fn suspensions_and_exits_reach_the_pools_copy_whatever_its_state() {
    let mut fx = Fx::new();
    let alice = fx.induct(ALICE, Rank::Candidate);
    let _bob = fx.induct(BOB, Rank::Candidate);
    fx.at_least(start(1) + 1);
    fx.submit(ALICE, 1).expect("a draft");

    let r: reward_pool::Result<()> = fx.pool(GOV, "pause", ());
    r.expect("pause");
    fx.suspend(alice).expect("suspend while the pool is paused");
    let r: reward_pool::Result<()> = fx.pool(GOV, "unpause", ());
    r.expect("unpause");
    assert_eq!(fx.submit(ALICE, 1), Err(suspended()), "replacing the draft");

    let r: RegistryResult<()> = fx.reg(GOV, "unsuspend", alice);
    r.expect("unsuspend");
    fx.submit(ALICE, 1).expect("replaces the draft again");

    let r: RegistryResult<()> = fx.reg(GOV, "remove", (alice, b"reason".to_vec()));
    r.expect("remove");
    assert_eq!(fx.submit(ALICE, 1), Err(has_left()));

    let r: RegistryResult<()> = fx.reg(BOB, "retire", ());
    r.expect("retire");
    assert_eq!(fx.submit(BOB, 1), Err(has_left()));
    let active: RegistryResult<(u32, Rank)> = fx.reg(STRANGER, "active_member", id(BOB));
    assert_eq!(
        active,
        Err(registry::Error::Rule(registry::RuleError::MemberHasLeft))
    );
}

/// A rank governance sets is the rank the next report carries and counts for the month's
/// bonuses, up and down.
#[test]
fn a_rank_governance_sets_is_the_rank_the_next_report_carries() {
    let mut fx = Fx::new();
    let alice = fx.induct(ALICE, Rank::Candidate);
    fx.at_least(start(1) + 1);
    fx.submit(ALICE, 1).expect("a draft");
    assert_eq!(fx.report(alice, 1).rank, Rank::Candidate);

    fx.set_rank(alice, Rank::Senior).expect("to Senior");
    fx.submit(ALICE, 1).expect("replaced");
    assert_eq!(fx.report(alice, 1).rank, Rank::Senior);
    assert_eq!(fx.month(1).seniors, 1);

    fx.set_rank(alice, Rank::Ambassador).expect("to Ambassador");
    fx.submit(ALICE, 1).expect("replaced again");
    assert_eq!(fx.report(alice, 1).rank, Rank::Ambassador);
    assert_eq!(fx.month(1).seniors, 0);
}

/// A promotion that `advance` brings about (the registry cannot call the pool back in the
/// middle of it) is the rank the next report carries, and that report still loads no registry
/// code: the copy was updated, not dropped.
#[test]
fn a_promotion_by_advance_is_the_rank_the_next_report_carries() {
    let mut fx = Fx::new();
    let alice = fx.induct(ALICE, Rank::Candidate);
    for month in 1..=3 {
        fx.run_month(month, &[(ALICE, alice)]);
    }
    assert_eq!(fx.advance(STRANGER, vec![alice]), Ok(3));
    assert_eq!(fx.member(alice).rank, Rank::Ambassador);

    fx.at_least(start(4) + 1);
    fx.submit(ALICE, 4).expect("month 4");
    let proof = fx.chain.receipt().proof_size;
    assert_eq!(fx.report(alice, 4).rank, Rank::Ambassador);
    let pool_code = e2e::wasm("reward_pool").len() as u64;
    assert!(
        proof < pool_code,
        "{proof} B: the report loaded more than the pool's part"
    );
}

/// The pool stops being the authorised one, governance then suspends a member and promotes
/// another, and authorises the pool again: the pool never heard of either change, so its copy
/// (voided when it was replaced) must not answer; the registry does.
#[test]
fn a_pool_authorised_again_never_reports_from_a_standing_changed_meanwhile() {
    let mut fx = Fx::new();
    let alice = fx.induct(ALICE, Rank::Candidate);
    let bob = fx.induct(BOB, Rank::Candidate);
    fx.at_least(start(1) + 1);
    fx.submit(ALICE, 1).expect("alice's draft");
    fx.submit(BOB, 1).expect("bob's draft");

    fx.authorise_pool(None).expect("pool replaced");
    fx.suspend(alice).expect("suspend");
    fx.set_rank(bob, Rank::Senior).expect("to Senior");
    let pool = fx.pool_id();
    fx.authorise_pool(Some(pool)).expect("the pool again");

    assert_eq!(fx.submit(ALICE, 1), Err(suspended()));
    fx.submit(BOB, 1).expect("bob replaces his draft");
    assert_eq!(fx.report(bob, 1).rank, Rank::Senior);
    assert_eq!(fx.month(1).seniors, 1);
}

/// A pool that refuses the registry's notice of a suspension (here: authorised in a second
/// registry it does not read) makes that registry refuse the suspension, which changes nothing.
#[test]
fn a_suspension_the_pool_refuses_is_refused_and_changes_nothing() {
    let mut fx = Fx::new();
    let gov = account(GOV);
    let other = fx.second_registry();
    let r: RegistryResult<u32> = fx.chain.call(
        &other,
        &gov,
        "induct",
        (id(ALICE), Rank::Candidate, b"cid".to_vec()),
    );
    let alice = r.expect("induct while no pool is authorised there");
    fx.authorise_pool_in(&other);

    let r: RegistryResult<()> = fx
        .chain
        .call(&other, &gov, "suspend", (alice, b"reason".to_vec()));
    assert_eq!(r, Err(registry::Error::PoolUnreachable));
    let r: RegistryResult<()> = fx
        .chain
        .call(&other, &gov, "set_rank", (alice, Rank::Senior));
    assert_eq!(r, Err(registry::Error::PoolUnreachable));
    let member: Option<registry::Member> = fx.chain.call(&other, &gov, "member", alice);
    let member = member.expect("still a member");
    assert_eq!(
        (member.status, member.rank),
        (registry::Status::Active, Rank::Candidate)
    );
}

/// Only the pool's registry tells it a member's standing: nobody else can lift a suspension
/// in the pool's copy or raise a rank there.
#[test]
fn only_the_registry_tells_the_pool_a_members_standing() {
    let mut fx = Fx::new();
    let alice = fx.induct(ALICE, Rank::Candidate);
    fx.suspend(alice).expect("suspend");
    for by in [STRANGER, GOV, ALICE] {
        let r: reward_pool::Result<()> = fx.pool(
            by,
            "standing_changed",
            (alice, Rank::Head, registry::Status::Active),
        );
        assert_eq!(r, Err(Error::NotRegistry), "standing_changed by {by}");
    }
    fx.at_least(start(1) + 1);
    assert_eq!(fx.submit(ALICE, 1), Err(suspended()));
}

/// Upgrades `contract` (the registry or the pool) to its next-version build, as governance.
pub(crate) fn upgrade(fx: &mut Fx, contract: &str) {
    let code = fx.chain.upload(e2e::next_wasm(contract), &account(GOV));
    if contract == "registry" {
        let r: RegistryResult<()> = fx.reg(GOV, "set_code", code);
        r.expect("registry upgraded");
    } else {
        let r: reward_pool::Result<()> = fx.pool(GOV, "set_code", code);
        r.expect("pool upgraded");
    }
}

/// After an upgrade of the registry or of the pool, the pool no longer answers a report from what
/// it was told before: the new code might not keep the copy true (an older registry build tells
/// the pool nothing of ranks and status; a pool build without `standing_changed` hears nothing
/// while it runs). A member told before the upgrade is asked about in the registry (its report
/// loads the registry's code, which a member told after the upgrade does not), and one
/// suspended after the upgrade is refused. Before the fix the copy survived both upgrades.
#[test]
fn an_upgrade_of_either_contract_voids_the_pools_copy() {
    const CAROL: u8 = 12;
    for contract in ["registry", "reward_pool"] {
        let mut fx = Fx::new();
        let alice = fx.induct(ALICE, Rank::Candidate);
        let _bob = fx.induct(BOB, Rank::Candidate);
        fx.at_least(start(1) + 1);
        fx.submit(BOB, 1).expect("bob's draft");

        upgrade(&mut fx, contract);
        let _carol = fx.induct(CAROL, Rank::Candidate);
        fx.submit(CAROL, 1).expect("carol, told after the upgrade");
        let told = fx.chain.receipt().proof_size;
        fx.submit(BOB, 1).expect("bob replaces his draft");
        let asked = fx.chain.receipt().proof_size;
        assert_registry_code_spared(asked, told, &format!("after the {contract} upgrade"));
        fx.suspend(alice).expect("suspend after the upgrade");
        assert_eq!(fx.submit(ALICE, 1), Err(suspended()), "{contract}");
    }
}
