//! The pool's copy of the registry's wallet map (issue 20: a claim that loads one contract): the
//! registry tells its authorised pool every wallet it assigns and makes a pool that stops being
//! the authorised one forget its copy, so a claim finds the member without the registry and
//! still never pays a wallet the member rotated away from, whatever order governance and the
//! member act in. Registry, pool and bounty as in `money_and_promotion` (account 1 governs).

use crate::money_and_promotion::{Fx, GOV, STRANGER};
use e2e::{account, id, ink_id};
use registry::{AuthorisedCaller, Rank};
use reward_pool::Error;

const ALICE: u8 = 10;
const BOB: u8 = 11;
const ALICE_NEW: u8 = 12;

type RegistryResult<T> = registry::Result<T>;

impl Fx {
    pub(crate) fn authorise_pool(
        &mut self,
        pool: Option<ink::primitives::AccountId>,
    ) -> RegistryResult<()> {
        self.reg(GOV, "set_authorised", (AuthorisedCaller::RewardPool, pool))
    }

    /// A second registry governed by account 1, whose members the pool never reads: what a pool
    /// authorised in it refuses to hear about.
    pub(crate) fn second_registry(&mut self) -> e2e::AccountId {
        let params = registry::Params {
            streak: registry::StreakParams::default(),
            head_cap: 1,
            max_evidence_len: 64,
        };
        self.chain
            .deploy_routed::<_, registry::Error>(
                "registry",
                &account(GOV),
                (id(GOV), params),
                b"second",
            )
            .expect("a second registry")
    }

    /// `untold` joins while no pool is authorised (the pool never hears of it), `told` after the
    /// pool is authorised again: their member ids.
    pub(crate) fn induct_untold_then_told(&mut self, untold: u8, told: u8) -> (u32, u32) {
        self.authorise_pool(None).expect("no pool");
        let untold = self.induct(untold, Rank::Candidate);
        let pool = self.pool_id();
        self.authorise_pool(Some(pool)).expect("pool again");
        (untold, self.induct(told, Rank::Candidate))
    }

    pub(crate) fn pool_id(&self) -> ink::primitives::AccountId {
        ink_id(&self.pool)
    }

    /// Governance of registry `other` (a [`Fx::second_registry`]) authorises this pool there:
    /// a pool that reads another registry, so it refuses whatever `other` tells it.
    pub(crate) fn authorise_pool_in(&mut self, other: &e2e::AccountId) {
        let pool = self.pool_id();
        let r: RegistryResult<()> = self.chain.call(
            other,
            &account(GOV),
            "set_authorised",
            (AuthorisedCaller::RewardPool, Some(pool)),
        );
        r.expect("authorise a pool that reads another registry");
    }
}

/// Asserts that a call the pool answered from its copy (`told`, its proof size) cost at least the
/// code a question to the registry loads less proof than the same call the pool had to ask the
/// registry about (`asked`): the copy spared it loading the registry. `what` names the case.
/// That code is the registry's router and the build serving its views (the routed registry the
/// fixtures deploy; a registry upgraded to a whole code loads more).
pub(crate) fn assert_registry_code_spared(asked: u64, told: u64, what: &str) {
    let views = e2e::routed_builds("registry")
        .into_iter()
        .find(|build| build.ends_with("_views"))
        .expect("the registry's views build");
    let registry_code = (e2e::wasm("registry_router").len() + e2e::wasm(&views).len()) as u64;
    assert!(
        asked >= told + registry_code,
        "{what}: asked {asked} B, told {told} B, registry code {registry_code} B"
    );
}

/// Month 1 with `members` (wallet, member id) reported and scored at 65 %, finalized.
fn finalized_month_one(fx: &mut Fx, members: &[(u8, u32)]) {
    fx.run_month(1, members);
}

/// A claim of a member whose wallet the pool was told of loads no registry code: it costs at
/// least the registry's code size less proof than the same claim by a member inducted while the
/// pool was not authorised (whose wallet the pool asks the registry for).
#[test]
fn a_claim_from_a_wallet_the_pool_was_told_of_loads_no_registry_code() {
    let mut fx = Fx::new();
    let (bob, alice) = fx.induct_untold_then_told(BOB, ALICE);
    finalized_month_one(&mut fx, &[(ALICE, alice), (BOB, bob)]);

    let paid_alice = fx.claim(ALICE, vec![1]).expect("alice claims");
    let told = fx.chain.receipt().proof_size;
    let paid_bob = fx
        .claim(BOB, vec![1])
        .expect("bob claims through the registry");
    let asked = fx.chain.receipt().proof_size;
    assert_eq!(paid_alice, paid_bob, "same points, same pay");
    assert!(paid_alice > 0);
    assert_registry_code_spared(asked, told, "a claim");
    fx.assert_solvent();
}

/// The pool stops being the authorised one (governance authorises none, or another pool), then
/// the member rotates: the pool never heard of the rotation, and must not pay the old wallet
/// from its copy. Before the registry made a replaced pool forget, the old wallet was paid.
#[test]
fn a_pool_no_longer_authorised_never_pays_a_wallet_rotated_away_afterwards() {
    let mut fx = Fx::new();
    let alice = fx.induct(ALICE, Rank::Candidate);
    finalized_month_one(&mut fx, &[(ALICE, alice)]);
    fx.authorise_pool(None).expect("pool replaced");
    fx.rotate(alice, ALICE, ALICE_NEW);

    assert_eq!(fx.claim(ALICE, vec![1]), Err(Error::NotMember));
    let paid = fx.claim(ALICE_NEW, vec![1]).expect("the new wallet claims");
    assert!(paid > 0);
    assert_eq!(fx.claim(ALICE_NEW, vec![1]), Err(Error::AlreadyClaimed));
    fx.assert_solvent();
}

/// A rotation while the pool is paused still reaches its copy (the registry's changes never
/// wait on the pool's state): after the pause the old wallet gets nothing, the new one is paid.
#[test]
fn a_rotation_while_the_pool_is_paused_reaches_its_copy() {
    let mut fx = Fx::new();
    let alice = fx.induct(ALICE, Rank::Candidate);
    finalized_month_one(&mut fx, &[(ALICE, alice)]);
    let r: reward_pool::Result<()> = fx.pool(GOV, "pause", ());
    r.expect("pause");
    fx.rotate(alice, ALICE, ALICE_NEW);
    let r: reward_pool::Result<()> = fx.pool(GOV, "unpause", ());
    r.expect("unpause");

    assert_eq!(fx.claim(ALICE, vec![1]), Err(Error::NotMember));
    let claim = fx.claim(ALICE_NEW, vec![1]).expect("the new wallet claims");
    // Without the registry: the same proof as a told wallet's claim, far below the two codes.
    let proof = fx.chain.receipt().proof_size;
    assert!(claim > 0);
    assert!(proof < e2e::wasm("reward_pool").len() as u64 + e2e::wasm("registry").len() as u64);
    fx.assert_solvent();
}

/// Only the pool's registry may tell it about wallets: a stranger cannot make its own wallet a
/// member's in the pool's copy, nor make the pool forget.
#[test]
fn only_the_registry_tells_the_pool_about_wallets() {
    let mut fx = Fx::new();
    let alice = fx.induct(ALICE, Rank::Candidate);
    finalized_month_one(&mut fx, &[(ALICE, alice)]);
    for by in [STRANGER, GOV, ALICE] {
        let r: reward_pool::Result<()> =
            fx.pool(by, "wallet_moved", (alice, Some(id(ALICE)), id(STRANGER)));
        assert_eq!(r, Err(Error::NotRegistry), "wallet_moved by {by}");
        let r: reward_pool::Result<()> = fx.pool(by, "forget_wallets", ());
        assert_eq!(r, Err(Error::NotRegistry), "forget_wallets by {by}");
    }
    assert_eq!(fx.claim(STRANGER, vec![1]), Err(Error::NotMember));
    assert!(fx.claim(ALICE, vec![1]).expect("alice claims") > 0);
}

/// A contract authorised as the pool by mistake (here the bounty contract, which has no wallet
/// messages) keeps no copy: inductions and rotations go on, and governance can authorise the
/// real pool again, whose claims then pay only the current wallet.
#[test]
fn a_contract_authorised_as_the_pool_by_mistake_blocks_no_wallet_change() {
    let mut fx = Fx::new();
    let alice = fx.induct(ALICE, Rank::Candidate);
    finalized_month_one(&mut fx, &[(ALICE, alice)]);
    let bounty = ink_id(&fx.bounty);
    fx.authorise_pool(Some(bounty)).expect("the wrong contract");
    fx.rotate(alice, ALICE, ALICE_NEW);
    let _bob = fx.induct(BOB, Rank::Candidate);
    let pool = fx.pool_id();
    fx.authorise_pool(Some(pool)).expect("the pool again");

    assert_eq!(fx.claim(ALICE, vec![1]), Err(Error::NotMember));
    assert!(fx.claim(ALICE_NEW, vec![1]).expect("the new wallet claims") > 0);
}

/// A pool that refuses the registry's notice (here: authorised in a second registry it does not
/// read) makes that registry refuse the change, which then changes nothing.
#[test]
fn a_wallet_change_the_pool_refuses_is_refused_and_changes_nothing() {
    let mut fx = Fx::new();
    let gov = account(GOV);
    let other = fx.second_registry();
    fx.authorise_pool_in(&other);
    let r: RegistryResult<u32> = fx.chain.call(
        &other,
        &gov,
        "induct",
        (id(ALICE), Rank::Candidate, b"cid".to_vec()),
    );
    assert_eq!(r, Err(registry::Error::PoolUnreachable));
    let count: u32 = fx.chain.call(&other, &gov, "member_count", ());
    assert_eq!(count, 0);
    let member: Option<u32> = fx.chain.call(&other, &gov, "member_id_of", id(ALICE));
    assert_eq!(member, None);
    // Nor did the pool's copy: had it taken the notice, Alice's wallet would read as member 0
    // there and the claim would fail later (month 0 is not finalized), not as a stranger's.
    assert_eq!(fx.claim(ALICE, vec![0]), Err(Error::NotMember));
}

/// A member moves to a new wallet and later back to its first one: each month is paid to the
/// wallet that holds the membership when it claims, and the wallet it left gets nothing.
#[test]
fn a_member_moving_back_to_its_first_wallet_is_paid_only_where_it_is() {
    let mut fx = Fx::new();
    let alice = fx.induct(ALICE, Rank::Candidate);
    fx.run_month(1, &[(ALICE, alice)]);
    fx.run_month(2, &[(ALICE, alice)]);
    fx.rotate(alice, ALICE, ALICE_NEW);
    assert!(
        fx.claim(ALICE_NEW, vec![1])
            .expect("month 1 from the new wallet")
            > 0
    );
    assert_eq!(fx.claim(ALICE, vec![2]), Err(Error::NotMember));
    fx.rotate(alice, ALICE_NEW, ALICE);
    assert_eq!(fx.claim(ALICE_NEW, vec![2]), Err(Error::NotMember));
    assert!(
        fx.claim(ALICE, vec![2])
            .expect("month 2 from the first wallet again")
            > 0
    );
    assert_eq!(fx.claim(ALICE, vec![1]), Err(Error::AlreadyClaimed));
    fx.assert_solvent();
}

/// A pool being wound down (replaced by governance) still hears of rotations: members keep
/// their claim windows there, so the old wallet must not be paid after a move.
#[test]
fn a_rotation_during_a_wind_down_reaches_the_pool_being_wound_down() {
    let mut fx = Fx::new();
    let alice = fx.induct(ALICE, Rank::Candidate);
    finalized_month_one(&mut fx, &[(ALICE, alice)]);
    let r: reward_pool::Result<()> = fx.pool(GOV, "wind_down", ());
    r.expect("wind down");
    fx.rotate(alice, ALICE, ALICE_NEW);
    assert_eq!(fx.claim(ALICE, vec![1]), Err(Error::NotMember));
    assert!(fx.claim(ALICE_NEW, vec![1]).expect("the new wallet claims") > 0);
    fx.assert_solvent();
}
