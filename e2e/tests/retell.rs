//! Filling the pool's copy again (issue 20: what a claim and a report cost after an upgrade): an
//! upgrade of either contract or a re-authorisation voids the pool's copy of the members'
//! wallets and standing, and members who joined while the pool was not authorised were never
//! in it; until told again, their claims and reports load the registry's code. `retell` (anyone,
//! in batches of `registry::MAX_RETELL`) tells the pool what the registry holds now, so the copy
//! answers again, and answers as the registry would (a suspended member stays refused).
//! Registry, pool and bounty as in `money_and_promotion` (account 1 governs).

use crate::money_and_promotion::{start, Fx, GOV, STRANGER};
use crate::standing_copy::upgrade;
use crate::wallet_copy::assert_registry_code_spared;
use e2e::{account, id};
use registry::{MemberId, Rank, MAX_RETELL};
use reward_pool::Error;

const ALICE: u8 = 10;
const BOB: u8 = 11;
const CAROL: u8 = 12;

type RegistryResult<T> = registry::Result<T>;

impl Fx {
    fn retell(&mut self, from: MemberId, count: u32) -> RegistryResult<MemberId> {
        self.reg(STRANGER, "retell", (from, count))
    }
}

fn suspended() -> Error {
    Error::Registry(registry::Error::Suspended)
}

/// After an upgrade of the registry or of the pool, a claim loads the registry's code again (the
/// copy is void); once a stranger has run `retell`, the same claim by the other member costs at
/// least the registry's code size less proof, and pays the same. The copy then still refuses a
/// member suspended later. Before `retell`, nothing refilled the copy but each member's next
/// rotation or change of standing.
#[test]
fn a_retell_after_an_upgrade_lets_claims_skip_the_registry_again() {
    for contract in ["registry", "reward_pool"] {
        let mut fx = Fx::new();
        let alice = fx.induct(ALICE, Rank::Candidate);
        let bob = fx.induct(BOB, Rank::Candidate);
        fx.run_month(1, &[(ALICE, alice), (BOB, bob)]);
        upgrade(&mut fx, contract);

        let paid_alice = fx
            .claim(ALICE, vec![1])
            .expect("alice, asked of the registry");
        let asked = fx.chain.receipt().proof_size;
        assert_eq!(fx.retell(0, 50), Ok(2), "{contract}");
        let paid_bob = fx.claim(BOB, vec![1]).expect("bob, from the copy");
        let told = fx.chain.receipt().proof_size;
        assert_eq!(paid_alice, paid_bob, "same points, same pay");
        assert_registry_code_spared(asked, told, &format!("after the {contract} upgrade"));

        let r: RegistryResult<()> = fx.reg(GOV, "suspend", (alice, b"reason".to_vec()));
        r.expect("suspend");
        fx.at_least(start(2) + 1);
        assert_eq!(fx.submit(ALICE, 2), Err(suspended()), "{contract}");
        fx.submit(BOB, 2).expect("bob reports");
        fx.assert_solvent();
    }
}

/// Members who joined while the pool was not authorised are not in its copy. `retell` puts them
/// there as the registry holds them: Bob's report then costs at least the registry's code size
/// less proof than his draft before it, and Carol, suspended while the pool heard nothing, is
/// refused as the registry refuses her.
#[test]
fn a_retell_fills_the_copy_for_members_who_joined_before_the_pool_was_authorised() {
    let mut fx = Fx::new();
    let pool = fx.pool_id();
    fx.authorise_pool(None).expect("no pool");
    let _bob = fx.induct(BOB, Rank::Candidate);
    let carol = fx.induct(CAROL, Rank::Candidate);
    let r: RegistryResult<()> = fx.reg(GOV, "suspend", (carol, b"reason".to_vec()));
    r.expect("suspend carol while the pool hears nothing");
    fx.authorise_pool(Some(pool)).expect("pool again");
    fx.at_least(start(1) + 1);

    fx.submit(BOB, 1)
        .expect("bob's draft, asked of the registry");
    let asked = fx.chain.receipt().proof_size;
    assert_eq!(fx.retell(0, MAX_RETELL), Ok(2));
    fx.submit(BOB, 1).expect("bob's report, from the copy");
    let told = fx.chain.receipt().proof_size;
    assert_registry_code_spared(asked, told, "bob's report");
    assert_eq!(fx.submit(CAROL, 1), Err(suspended()));
}

/// One `retell` tells at most `MAX_RETELL` members and none past the last one, returning where to
/// go on from (where it started, once there is nothing left). With `MAX_RETELL + 2` members
/// inducted while no pool was authorised (so none is in the copy): after the first batch the last
/// member of that batch reports from the copy and the next one still through the registry (at
/// least the registry's code size more proof); after the second batch the last member reports from
/// the copy too. With a "pool" that has no `members_told` (nothing taken), no authorised pool, or
/// a pool that refuses (one that reads another registry), it is refused with `PoolUnreachable`.
#[test]
fn a_retell_tells_at_most_max_retell_members_and_only_to_a_pool_that_takes_them() {
    let mut fx = Fx::new();
    let pool = fx.pool_id();
    let members = MAX_RETELL + 2;
    let wallet = |n: u32| 100 + n as u8;
    fx.authorise_pool(None).expect("no pool");
    for n in 0..members {
        fx.induct(wallet(n), Rank::Candidate);
    }
    fx.authorise_pool(Some(pool)).expect("pool again");
    // The three who report pay their entries' storage deposit.
    for n in [MAX_RETELL - 1, MAX_RETELL, members - 1] {
        fx.chain.fund(&account(wallet(n)), 1_000 * e2e::UNIT);
    }
    fx.at_least(start(1) + 1);

    assert_eq!(fx.retell(0, u32::MAX), Ok(MAX_RETELL));
    fx.submit(wallet(MAX_RETELL - 1), 1)
        .expect("the batch's last member");
    let told = fx.chain.receipt().proof_size;
    fx.submit(wallet(MAX_RETELL), 1).expect("the next member");
    let asked = fx.chain.receipt().proof_size;
    assert_registry_code_spared(asked, told, "after the first batch");
    assert_eq!(fx.retell(MAX_RETELL, u32::MAX), Ok(members));
    fx.submit(wallet(members - 1), 1).expect("the last member");
    let told = fx.chain.receipt().proof_size;
    assert_registry_code_spared(asked, told, "after the second batch");
    assert_eq!(fx.retell(members, 5), Ok(members));
    assert_eq!(fx.retell(u32::MAX, u32::MAX), Ok(u32::MAX));
    assert_eq!(fx.retell(3, 0), Ok(3));

    // A contract without `members_told` (here the bounty contract) has taken nothing.
    let bounty = e2e::ink_id(&fx.bounty);
    fx.authorise_pool(Some(bounty))
        .expect("a contract that keeps no copy");
    assert_eq!(fx.retell(0, 5), Err(registry::Error::PoolUnreachable));
    fx.authorise_pool(None).expect("no pool");
    assert_eq!(fx.retell(0, 5), Err(registry::Error::PoolUnreachable));

    let other = fx.second_registry();
    let r: RegistryResult<u32> = fx.chain.call(
        &other,
        &account(GOV),
        "induct",
        (id(ALICE), Rank::Candidate, b"cid".to_vec()),
    );
    r.expect("induct while no pool is authorised there");
    fx.authorise_pool_in(&other);
    let r: RegistryResult<u32> = fx
        .chain
        .call(&other, &account(STRANGER), "retell", (0u32, 5u32));
    assert_eq!(r, Err(registry::Error::PoolUnreachable));
}

/// Only the pool's registry tells it members in a batch: nobody else can put a wallet or a
/// standing in its copy.
#[test]
fn only_the_registry_tells_the_pool_members_in_a_batch() {
    let mut fx = Fx::new();
    let alice = fx.induct(ALICE, Rank::Candidate);
    let r: RegistryResult<()> = fx.reg(GOV, "suspend", (alice, b"reason".to_vec()));
    r.expect("suspend");
    for by in [STRANGER, GOV, ALICE] {
        let r: reward_pool::Result<()> = fx.pool(
            by,
            "members_told",
            vec![(alice, id(by), Rank::Head, registry::Status::Active)],
        );
        assert_eq!(r, Err(Error::NotRegistry), "members_told by {by}");
    }
    fx.at_least(start(1) + 1);
    assert_eq!(fx.submit(ALICE, 1), Err(suspended()));
}
