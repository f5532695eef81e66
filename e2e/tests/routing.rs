//! The registry and the reward pool behind their routers (issue 20: every code at most 32 KiB,
//! what every call costs): each account runs its build of the `router` contract, which
//! delegate-calls, over one storage, the build of the contract that serves the call's selector:
//! one of its parts, or its main part for the rest (the pool: claim, submit, score, month, views;
//! the registry: records, views). Every other scenario already runs through the routers (the
//! fixtures deploy routed); these pin what a router itself promises: every message has exactly
//! one build that serves it, no call loads a whole contract's code, a deployment with a code in
//! the wrong place is refused, an upgrade to a whole code leaves neither the router nor a locked
//! code behind, an upgrade to one of the builds is refused, and an upgrade to a router installs
//! the routes that router declares (its build pins them) once each code proves it serves this
//! storage.

use crate::reward_pool_contract::{config, fixed, s, Fx, When, GOV, STRANGER};
use e2e::{
    account, id, ink_id, next_wasm, routed_builds, wasm, AccountId, Chain, Suite, SuiteSpec,
    DEPLOYER, UNIT,
};
use ink::primitives::Hash;
use registry::Rank;
use reward_pool::{Department::*, Error, Routes};
use std::collections::BTreeSet;

type R<T> = Result<T, Error>;

const ALICE: u8 = 10;

/// The router's and the pool's builds' code hashes (route order), uploaded by `by`.
fn upload_codes(chain: &mut Chain, by: &AccountId) -> (Hash, Routes) {
    chain.upload_routed("reward_pool", by)
}

/// The pool's main part, as a release bundle name.
fn main_part() -> String {
    routed_builds("reward_pool").swap_remove(0)
}

/// Month 1 funded, `alice`'s report (wallet `ALICE`) scored by the reviewer, finalized. Returns
/// the proof size of the report, of the reviewer's batch and of the finalization.
fn month_one_finalized(fx: &mut Fx, alice: u32) -> (u64, u64, u64) {
    fx.fund(1, 84_000 * UNIT);
    fx.at(1, When::Open);
    fx.submit(ALICE, 1, vec![Marketing, ContentCreation])
        .expect("report");
    let report = fx.chain.receipt().proof_size;
    fx.at(1, When::Review);
    fx.score(
        1,
        alice,
        vec![(Marketing, s(15, 15)), (ContentCreation, s(15, 15))],
    )
    .expect("scores");
    let batch = fx.chain.receipt().proof_size;
    fx.at(1, When::Finalizable);
    fx.finalize(1).expect("finalize");
    let finalize = fx.chain.receipt().proof_size;
    (report, batch, finalize)
}

/// The messages (labels) a build's metadata lists.
fn messages(name: &str) -> BTreeSet<String> {
    let path = e2e::wasm_path(name).with_extension("json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    let metadata: serde_json::Value = serde_json::from_str(&text).expect("metadata");
    metadata["spec"]["messages"]
        .as_array()
        .expect("messages")
        .iter()
        .map(|m| m["label"].as_str().expect("label").to_string())
        .collect()
}

/// The contracts a deployment routes (`deploy::chain::ROUTED`).
const ROUTED: [&str; 4] = ["governor", "registry", "reward_pool", "bounty"];

/// For each routed contract, its builds split the whole build's ABI with nothing lost and
/// nothing served twice: each message of the whole build is in exactly one build (`version` and
/// `code_part`, which every build has, aside), and no build has a message the whole one lacks.
/// So the router's table, compiled from the parts' metadata with every other selector going to
/// the main part, sends every message to a build that serves it; and each build, and the
/// router, is at most 32 KiB.
#[test]
fn every_message_of_a_routed_contract_has_exactly_one_build_that_serves_it() {
    assert_eq!(ROUTED, deploy::chain::ROUTED);
    for contract in ROUTED {
        let whole = messages(contract);
        let every_build: BTreeSet<String> = ["version", "code_part"].map(String::from).into();
        let mut served = BTreeSet::new();
        for name in &routed_builds(contract) {
            let own = messages(name);
            assert!(own.is_superset(&every_build), "{name}: {own:?}");
            for message in own.difference(&every_build) {
                assert!(
                    whole.contains(message),
                    "{name} has {message}, {contract} not"
                );
                assert!(served.insert(message.clone()), "{message} is served twice");
            }
            let size = wasm(name).len();
            assert!(size <= 32 * 1024, "{name} is {size} B");
        }
        let unserved: Vec<_> = whole.difference(&served).collect();
        assert_eq!(
            unserved.len(),
            every_build.len(),
            "{contract}: {unserved:?}"
        );
        let router = wasm(&format!("{contract}_router")).len();
        assert!(router <= 32 * 1024, "{contract}'s router is {router} B");
    }
}

/// The proof size of each call of a month (Alice's report, the reviewer's batch, the
/// finalization, her claim, the advance that records her month, governance's funding of the
/// next), on a pool upgraded first to `code` (its own router again, or the whole build run
/// directly: either upgrade voids the pool's copy of wallets and standing, so both ask the
/// registry alike), and what she was paid against what her preview showed.
fn month_proofs(code: &str) -> (Vec<(&'static str, u64)>, u128, u128) {
    let mut fx = Fx::new();
    let gov = account(GOV);
    let code = fx.chain.upload(wasm(code), &gov);
    assert_eq!(fx.call::<_, R<()>>(GOV, "set_code", code), Ok(()));
    let alice = fx.induct(ALICE, Rank::Candidate);
    let (report, batch, finalize) = month_one_finalized(&mut fx, alice);
    let shown = fx.preview(alice, vec![1])[0].total;
    let paid = fx.claim(ALICE, vec![1]).expect("claim");
    let claim = fx.chain.receipt().proof_size;
    fx.at(2, When::Open);
    fx.advance(vec![alice]).expect("advance");
    let advance = fx.chain.receipt().proof_size;
    fx.fund(2, UNIT);
    let fund = fx.chain.receipt().proof_size;
    fx.assert_solvent();
    let proofs = vec![
        ("report", report),
        ("batch", batch),
        ("finalize", finalize),
        ("claim", claim),
        ("advance", advance),
        ("fund", fund),
    ];
    (proofs, paid, shown)
}

/// The same month on a routed pool and on one running the whole build: every routed call
/// (a report, a batch of scores, a finalization, a claim, an advance, a funding) costs at least
/// the whole build's size less 32 KiB (the largest build), the router's and a delegate call's
/// own cost less proof than the same call run by the whole build, so none of them loads it;
/// each pays what the preview showed, and the same.
#[test]
fn no_call_loads_the_whole_pool() {
    // What a delegate call adds beyond the two codes it loads: about 3.1 KB of proof in every
    // call of this month (2026-12-03).
    const DELEGATE_CALL: usize = 4 * 1024;
    let saving =
        (wasm("reward_pool").len() - 32 * 1024 - wasm("reward_pool_router").len() - DELEGATE_CALL)
            as u64;
    let (routed, paid, shown) = month_proofs("reward_pool_router");
    let (whole, whole_paid, _) = month_proofs("reward_pool");
    assert!(paid > 0);
    assert_eq!(paid, shown);
    assert_eq!(paid, whole_paid);
    for ((call, proof), (_, direct)) in routed.into_iter().zip(whole) {
        assert!(
            proof + saving <= direct,
            "{call}: {proof} B routed, {direct} B run by the whole build"
        );
    }
}

/// `new_routed` proves every code before switching: run from any code but the main part the
/// router declares (the whole build, or the next version's main part), or given a router that is
/// unknown, a part, the main part itself or another contract's code, it is refused and nothing is
/// deployed; from the main part with its router it deploys a pool whose account runs the router,
/// with the routes the router declares.
#[test]
fn a_deployment_with_a_code_in_the_wrong_place_is_refused() {
    let mut fx = Fx::new();
    let gov = account(GOV);
    let (router, builds) = upload_codes(&mut fx.chain, &gov);
    fx.chain.upload(next_wasm(&main_part()), &gov);
    let registry_code = fx.chain.code_hash_of(&fx.reg).expect("registry code");
    let reg = ink_id(&fx.reg);
    let mut deploy = |from: Vec<u8>, router: Hash, salt: &[u8]| {
        fx.chain.deploy_wasm::<_, Error>(
            from,
            &gov,
            "new_routed",
            (id(GOV), reg, fixed(), config(), router),
            salt,
        )
    };
    for (n, from) in [wasm("reward_pool"), next_wasm(&main_part())]
        .into_iter()
        .enumerate()
    {
        assert_eq!(
            deploy(from, router, &[b'f', n as u8]),
            Err(Error::IncompatibleCode),
            "from code {n}"
        );
    }
    for (n, bad) in [Hash::from([7; 32]), builds[1], builds[0], registry_code]
        .into_iter()
        .enumerate()
    {
        assert_eq!(
            deploy(wasm(&main_part()), bad, &[b'r', n as u8]),
            Err(Error::IncompatibleCode),
            "router {n}"
        );
    }
    let pool = deploy(wasm(&main_part()), router, b"ok").expect("the right codes deploy");
    assert_eq!(fx.chain.code_hash_of(&pool), Some(router));
    let routes: Option<Routes> = fx.chain.call(&pool, &account(STRANGER), "routes", ());
    assert_eq!(routes, Some(builds));
    let version: u32 = fx.chain.call(&pool, &account(STRANGER), "version", ());
    assert_eq!(version, 1);
    let part: u8 = fx.chain.call(&pool, &account(STRANGER), "code_part", ());
    assert_eq!(part, reward_pool::MAIN);
}

/// While the pool runs behind its router, none of its codes can be removed by their uploader
/// (each is locked as the pool's delegate dependency). Upgrading to the router it already runs
/// installs the same routes again and changes nothing else. An upgrade to a next version's whole
/// code runs that code directly, keeps the storage, and releases every lock: the uploader may
/// then remove the router and every build.
#[test]
fn an_upgrade_leaves_no_router_and_releases_every_routed_code() {
    let mut fx = Fx::new();
    let gov = account(GOV);
    // Uploading again returns the same hashes the fixture deployed with.
    let (router, builds) = upload_codes(&mut fx.chain, &gov);
    assert_eq!(fx.chain.code_hash_of(&fx.pool), Some(router));
    fx.fund(1, 1_234);
    assert_in_use(&mut fx.chain, &gov, &builds, "routed");

    assert_eq!(fx.call::<_, R<()>>(GOV, "set_code", router), Ok(()));
    assert_eq!(fx.chain.code_hash_of(&fx.pool), Some(router));
    assert_eq!(
        fx.call::<_, Option<Routes>>(STRANGER, "routes", ()),
        Some(builds.clone())
    );
    assert_eq!(fx.call::<_, u32>(STRANGER, "version", ()), 1);
    assert_in_use(&mut fx.chain, &gov, &builds, "the same router again");

    let next = fx.chain.upload(next_wasm("reward_pool"), &gov);
    assert_eq!(fx.call::<_, R<()>>(GOV, "set_code", next), Ok(()));
    assert_eq!(fx.chain.code_hash_of(&fx.pool), Some(next));
    assert_eq!(fx.call::<_, Option<Routes>>(STRANGER, "routes", ()), None);
    assert_eq!(fx.call::<_, u32>(STRANGER, "version", ()), 2);
    assert_eq!(
        fx.call::<_, u8>(STRANGER, "code_part", ()),
        reward_pool::WHOLE
    );
    assert_eq!(fx.month(1).funded, 1_234);
    for code in builds.iter().chain([&router]) {
        assert_eq!(
            fx.chain.remove_code(&gov, *code),
            Ok(()),
            "{code:?} stayed locked"
        );
    }
    // The next version serves claims and reports itself.
    fx.induct(ALICE, Rank::Candidate);
    fx.at(1, When::Open);
    fx.submit(ALICE, 1, vec![Marketing, ContentCreation])
        .expect("report to the next version");
    assert_eq!(fx.claim(ALICE, vec![1]), Err(Error::NotFinalized));
    fx.assert_solvent();
}

/// Asserts that the chain refuses to remove each of `codes` because a contract uses it (here:
/// the pool locks it as a delegate dependency), not for any other reason.
fn assert_in_use(chain: &mut Chain, by: &AccountId, codes: &[Hash], context: &str) {
    for code in codes {
        assert_eq!(
            chain
                .remove_code(by, *code)
                .map_err(|e| e.contains("CodeInUse")),
            Err(true),
            "{code:?} was not in use ({context})"
        );
    }
}

/// An upgrade to the next version's router (built declaring the next main part and the same
/// other parts) keeps the pool routed: the account runs that router, the routes are the ones it
/// declares, the next main part and the other parts are locked and, once governance has also
/// rolled back to the first router and forward again (each upgrade releasing the locks the one
/// before took), the old main part and router are released; no call loads the whole code. A
/// pool upgraded to a whole code first (so running unrouted) is routed again the same way.
#[test]
fn an_upgrade_to_a_next_router_keeps_the_pool_routed() {
    for through_whole in [false, true] {
        let mut fx = Fx::new();
        let gov = account(GOV);
        let (router, builds) = upload_codes(&mut fx.chain, &gov);
        let next = fx.chain.upload(next_wasm("reward_pool"), &gov);
        let next_main = fx.chain.upload(next_wasm(&main_part()), &gov);
        let next_router = fx.chain.upload(next_wasm("reward_pool_router"), &gov);
        let context = format!("through a whole code: {through_whole}");
        if through_whole {
            assert_eq!(fx.call::<_, R<()>>(GOV, "set_code", next), Ok(()));
            assert_eq!(fx.call::<_, Option<Routes>>(STRANGER, "routes", ()), None);
        }
        let mut next_builds = builds.clone();
        next_builds[0] = next_main;
        assert_eq!(fx.call::<_, R<()>>(GOV, "set_code", next_router), Ok(()));
        assert_eq!(fx.chain.code_hash_of(&fx.pool), Some(next_router));
        assert_eq!(fx.call::<_, u32>(STRANGER, "version", ()), 2);
        assert_eq!(
            fx.call::<_, Option<Routes>>(STRANGER, "routes", ()),
            Some(next_builds.clone())
        );
        assert_in_use(&mut fx.chain, &gov, &next_builds, &context);

        // Back to the first router (the routes it declares, its main part locked again) and
        // forward once more: each upgrade releases what the one before locked.
        assert_eq!(fx.call::<_, R<()>>(GOV, "set_code", router), Ok(()));
        assert_eq!(fx.call::<_, u32>(STRANGER, "version", ()), 1);
        assert_eq!(
            fx.call::<_, Option<Routes>>(STRANGER, "routes", ()),
            Some(builds.clone())
        );
        assert_in_use(&mut fx.chain, &gov, &builds[..2], &context);
        assert_eq!(fx.call::<_, R<()>>(GOV, "set_code", next_router), Ok(()));
        assert_eq!(
            fx.call::<_, Option<Routes>>(STRANGER, "routes", ()),
            Some(next_builds.clone())
        );
        for code in [builds[0], router] {
            assert_eq!(fx.chain.remove_code(&gov, code), Ok(()), "{context}");
        }
        assert_in_use(&mut fx.chain, &gov, &next_builds, &context);

        let alice = fx.induct(ALICE, Rank::Candidate);
        let (report, batch, _) = month_one_finalized(&mut fx, alice);
        assert!(fx.claim(ALICE, vec![1]).expect("claim") > 0);
        let claim = fx.chain.receipt().proof_size;
        let whole_size = next_wasm("reward_pool").len() as u64;
        let registry = wasm("registry").len() as u64;
        assert!(report < whole_size + registry, "report {report} B");
        assert!(batch < whole_size + registry, "batch {batch} B");
        assert!(claim < whole_size, "claim {claim} B");
        fx.assert_solvent();
    }
}

/// A router that declares a part in another part's route (here claim and submit swapped) is
/// refused both as a deployment's router and as an upgrade, and so is a router declaring another
/// main part than the one being deployed: the pool keeps its router, routes and locks, and
/// still pays. The question a router answers itself takes no value (nothing would account for
/// it): sent with some, the call traps.
#[test]
fn a_router_declaring_other_codes_is_refused() {
    let mut fx = Fx::new();
    let gov = account(GOV);
    let (router, builds) = upload_codes(&mut fx.chain, &gov);
    let swapped = fx
        .chain
        .upload(next_wasm("reward_pool_router_swapped"), &gov);
    let next_router = fx.chain.upload(next_wasm("reward_pool_router"), &gov);
    fx.chain.upload(next_wasm(&main_part()), &gov);
    let reg = ink_id(&fx.reg);
    for (n, bad) in [swapped, next_router].into_iter().enumerate() {
        assert_eq!(
            fx.chain.deploy::<_, Error>(
                &main_part(),
                &gov,
                "new_routed",
                (id(GOV), reg, fixed(), config(), bad),
                &[b's', n as u8],
            ),
            Err(Error::IncompatibleCode),
            "router {n}"
        );
    }
    let routes: Option<Routes> = fx.call(STRANGER, "routes", ());
    assert_eq!(
        fx.call::<_, R<()>>(GOV, "set_code", swapped),
        Err(Error::IncompatibleCode)
    );
    assert_eq!(fx.chain.code_hash_of(&fx.pool), Some(router));
    assert_eq!(fx.call::<_, Option<Routes>>(STRANGER, "routes", ()), routes);
    assert_in_use(&mut fx.chain, &gov, &builds, "after the refused upgrade");
    let pool = fx.pool.clone();
    let stranger = account(STRANGER);
    assert!(!fx.chain.traps(&pool, &stranger, "declared_routes", (), 0));
    assert!(fx.chain.traps(&pool, &stranger, "declared_routes", (), 1));
    let alice = fx.induct(ALICE, Rank::Candidate);
    month_one_finalized(&mut fx, alice);
    assert!(fx.claim(ALICE, vec![1]).expect("claim") > 0);
    fx.assert_solvent();
}

/// A router that declares the pool's own router as its main part is refused as an upgrade: asked
/// over the pool's storage, that router forwards `code_part()` to the real main part, which
/// answers as the main part would, so before `routes_serve_here` refused routers in a route the
/// upgrade went through, recorded the router as the main part and released the real main part's
/// lock: its uploader could then remove it, and every message without a route of its own,
/// `set_code` included, would trap. The pool keeps its router, routes and locks.
#[test]
fn a_router_naming_a_router_as_its_main_part_is_refused() {
    let mut fx = Fx::new();
    let gov = account(GOV);
    let (router, builds) = upload_codes(&mut fx.chain, &gov);
    let nested = fx
        .chain
        .upload(next_wasm("reward_pool_router_nested"), &gov);
    let routes: Option<Routes> = fx.call(STRANGER, "routes", ());
    assert_eq!(
        fx.call::<_, R<()>>(GOV, "set_code", nested),
        Err(Error::IncompatibleCode)
    );
    assert_eq!(fx.chain.code_hash_of(&fx.pool), Some(router));
    assert_eq!(fx.call::<_, Option<Routes>>(STRANGER, "routes", ()), routes);
    assert_in_use(&mut fx.chain, &gov, &builds, "after the refused upgrade");
    assert_eq!(fx.call::<_, u32>(STRANGER, "version", ()), 1);
}

/// A council that upgrades the pool to one of its builds by mistake (their hashes sit beside the
/// router's in the manifest) is refused: each answers `version()`, but a part serves a few
/// messages with no `set_code`, `pause` or `finalize` left to undo it or release the funds, and
/// the main part run directly has no claims, reports or months. The pool keeps its router, its
/// routes and its locks, and still pays. (Before `set_code` asked the new code for
/// `code_part()`, each of these upgrades went through.)
#[test]
fn an_upgrade_to_one_of_the_builds_is_refused_and_the_pool_keeps_its_router() {
    let mut fx = Fx::new();
    let gov = account(GOV);
    let (router, builds) = upload_codes(&mut fx.chain, &gov);
    let routes: Option<Routes> = fx.call(STRANGER, "routes", ());
    for build in &builds {
        assert_eq!(
            fx.call::<_, R<()>>(GOV, "set_code", *build),
            Err(Error::IncompatibleCode)
        );
        assert_eq!(fx.chain.code_hash_of(&fx.pool), Some(router));
        assert_eq!(fx.call::<_, Option<Routes>>(STRANGER, "routes", ()), routes);
        assert_in_use(
            &mut fx.chain,
            &gov,
            &[*build],
            "a build's lock was released",
        );
    }
    let alice = fx.induct(ALICE, Rank::Candidate);
    month_one_finalized(&mut fx, alice);
    assert!(fx.claim(ALICE, vec![1]).expect("claim") > 0);
    fx.assert_solvent();
}

/// The router is only ever a routed pool's code: instantiated on its own it refuses, so no
/// account runs a router without routes.
#[test]
fn the_router_alone_cannot_be_instantiated() {
    let mut fx = Fx::new();
    let gov = account(GOV);
    assert_eq!(
        fx.chain
            .deploy::<_, router::router::Error>("reward_pool_router", &gov, "never", (), b""),
        Err(router::router::Error::NotInstantiable)
    );
}

/// Walks routed contract `contract` at `at` (its codes uploaded by `uploader`, running the
/// router and builds the fixtures deploy, on the chain `chain_of(host)`; `upgrade(host, code)`
/// asks its governance for `set_code(code)`) through every kind of upgrade: the account runs
/// the router, the routes are the builds, each locked, and the main part answers `code_part()`;
/// an upgrade to any of its builds is refused (`incompatible`) and changes nothing; an upgrade to
/// the next version's router keeps it routed (the next main part and the same other builds
/// locked, the old main part and router released); an upgrade to the next whole code runs it
/// directly and releases every lock.
fn walk_routed_upgrades<H, E>(
    host: &mut H,
    chain_of: fn(&mut H) -> &mut Chain,
    mut upgrade: impl FnMut(&mut H, Hash) -> Result<(), E>,
    contract: &str,
    at: &AccountId,
    uploader: &AccountId,
    incompatible: E,
) where
    E: scale::Decode + Clone + PartialEq + std::fmt::Debug,
{
    let stranger = account(STRANGER);
    let (router, builds) = chain_of(host).upload_routed(contract, uploader);
    let chain = chain_of(host);
    assert_eq!(chain.code_hash_of(at), Some(router), "{contract}");
    let routes: Option<Routes> = chain.call(at, &stranger, "routes", ());
    assert_eq!(routes, Some(builds.clone()), "{contract}");
    let part: u8 = chain.call(at, &stranger, "code_part", ());
    assert_eq!(part, reward_pool::MAIN, "{contract}");
    assert_in_use(chain, uploader, &builds, contract);

    for build in &builds {
        assert_eq!(
            upgrade(host, *build),
            Err(incompatible.clone()),
            "{contract}"
        );
        let chain = chain_of(host);
        assert_eq!(chain.code_hash_of(at), Some(router), "{contract}");
        assert_in_use(chain, uploader, &[*build], contract);
    }

    let chain = chain_of(host);
    let next_main = chain.upload(next_wasm(&routed_builds(contract)[0]), uploader);
    let next_router = chain.upload(next_wasm(&format!("{contract}_router")), uploader);
    let mut next_builds = builds.clone();
    next_builds[0] = next_main;
    assert_eq!(upgrade(host, next_router), Ok(()), "{contract}");
    let chain = chain_of(host);
    assert_eq!(chain.code_hash_of(at), Some(next_router), "{contract}");
    assert_eq!(chain.call::<_, u32>(at, &stranger, "version", ()), 2);
    let routes: Option<Routes> = chain.call(at, &stranger, "routes", ());
    assert_eq!(routes, Some(next_builds.clone()), "{contract}");
    assert_in_use(chain, uploader, &next_builds, contract);
    for code in [builds[0], router] {
        assert_eq!(
            chain.remove_code(uploader, code),
            Ok(()),
            "{contract}: {code:?} stayed locked"
        );
    }

    let next = chain.upload(next_wasm(contract), uploader);
    assert_eq!(upgrade(host, next), Ok(()), "{contract}");
    let chain = chain_of(host);
    assert_eq!(chain.code_hash_of(at), Some(next), "{contract}");
    let routes: Option<Routes> = chain.call(at, &stranger, "routes", ());
    assert_eq!(routes, None, "{contract}");
    let part: u8 = chain.call(at, &stranger, "code_part", ());
    assert_eq!(part, reward_pool::WHOLE, "{contract}");
    for code in next_builds.iter().chain([&next_router]) {
        assert_eq!(
            chain.remove_code(uploader, *code),
            Ok(()),
            "{contract}: {code:?} stayed locked"
        );
    }
}

/// `walk_routed_upgrades` for a contract whose governance is account `gov`, which calls
/// `set_code` itself.
fn walk_set_code_upgrades<E>(
    chain: &mut Chain,
    contract: &str,
    at: &AccountId,
    gov: &AccountId,
    incompatible: E,
) where
    E: scale::Decode + Clone + PartialEq + std::fmt::Debug,
{
    let set_code =
        |chain: &mut Chain, code: Hash| -> Result<(), E> { chain.call(at, gov, "set_code", code) };
    walk_routed_upgrades(chain, |c| c, set_code, contract, at, gov, incompatible);
}

/// The registry behind its router, as the fixtures deploy it, through every kind of upgrade
/// (`walk_routed_upgrades`); deploying it from the whole build is refused, and its members
/// survive every step.
#[test]
fn the_registry_runs_behind_its_router_through_every_upgrade() {
    let (mut chain, reg) = Chain::with_registry();
    let gov = account(1);
    let (router, _) = chain.upload_routed("registry", &gov);
    let params = registry::Params {
        streak: registry::StreakParams::default(),
        head_cap: 1,
        max_evidence_len: 64,
    };
    assert_eq!(
        chain.deploy::<_, registry::Error>(
            "registry",
            &gov,
            "new_routed",
            (id(1), params, router),
            b"w"
        ),
        Err(registry::Error::IncompatibleCode)
    );
    let member = account(ALICE);
    let r: registry::Result<u32> = chain.call(
        &reg,
        &gov,
        "induct",
        (ink_id(&member), Rank::Candidate, b"ref".to_vec()),
    );
    let alice = r.expect("induct");
    walk_set_code_upgrades(
        &mut chain,
        "registry",
        &reg,
        &gov,
        registry::Error::IncompatibleCode,
    );
    let found: Option<u32> = chain.call(&reg, &account(STRANGER), "member_id_of", ink_id(&member));
    assert_eq!(found, Some(alice));
}

/// The bounty contract behind its router through every kind of upgrade
/// (`walk_routed_upgrades`); deploying it from the whole build is refused, and its governance
/// and books survive every step.
#[test]
fn the_bounty_contract_runs_behind_its_router_through_every_upgrade() {
    let mut chain = Chain::new();
    let gov = account(GOV);
    let args = (id(GOV), id(9), id(10), id(11), 7 * 86_400_000u64, 64u32);
    let (router, _) = chain.upload_routed("bounty", &gov);
    assert_eq!(
        chain.deploy::<_, bounty::Error>("bounty", &gov, "new_routed", (args, router), b"w"),
        Err(bounty::Error::IncompatibleCode)
    );
    let at = chain
        .deploy_routed::<_, bounty::Error>("bounty", &gov, args, b"")
        .expect("bounty deploys");
    walk_set_code_upgrades(
        &mut chain,
        "bounty",
        &at,
        &gov,
        bounty::Error::IncompatibleCode,
    );
    let governance: ink::primitives::AccountId =
        chain.call(&at, &account(STRANGER), "governance", ());
    assert_eq!(governance, id(GOV));
    assert_eq!(
        chain.call::<_, u128>(&at, &account(STRANGER), "liabilities", ()),
        0
    );
}

/// The governor behind its router, as the suite fixture deploys it, through every kind of
/// upgrade its council can approve (`UpgradeGovernor`, `walk_routed_upgrades`): to one of its
/// builds refused, to the next router kept routed, to the next whole code run directly;
/// deploying it from the whole build is refused, and its council and proposals survive every
/// step.
#[test]
fn the_governor_runs_behind_its_router_through_every_upgrade() {
    use governor::{Action, Target};
    let mut suite = Suite::deploy(SuiteSpec::small());
    let deployer = account(DEPLOYER);
    let (router, _) = suite.chain.upload_routed("governor", &deployer);
    let council: Vec<ink::primitives::AccountId> = vec![id(2)];
    assert_eq!(
        suite.chain.deploy::<_, governor::Error>(
            "governor",
            &deployer,
            "new_routed",
            (council, 1u32, 1_000u64, 500_000u64, router),
            b"w"
        ),
        Err(governor::Error::IncompatibleCode)
    );
    let open = suite
        .propose(
            2,
            Action::Pause {
                target: Target::Bounty,
            },
        )
        .expect("propose");
    let at = suite.governor.clone();
    let upgrade = |suite: &mut Suite, code_hash: Hash| {
        suite
            .govern(Action::UpgradeGovernor { code_hash })
            .map(|_| ())
    };
    walk_routed_upgrades(
        &mut suite,
        |suite| &mut suite.chain,
        upgrade,
        "governor",
        &at,
        &deployer,
        governor::Error::IncompatibleCode,
    );
    let council: Vec<ink::primitives::AccountId> = suite.call_governor(STRANGER, "council", ());
    assert_eq!(council.len(), SuiteSpec::small().council.len());
    let view: Option<governor::ProposalView> = suite.call_governor(STRANGER, "proposal", open);
    let view = view.expect("the open proposal survives");
    assert_eq!(
        view.proposal.action,
        Action::Pause {
            target: Target::Bounty
        }
    );
    assert_eq!(view.state, governor::ProposalState::Pending);
}
