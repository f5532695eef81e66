//! The reward pool behind its router (issue 20: what a claim and a report cost): the account runs
//! `pool_router`, which delegate-calls the claim-, submit- or score-only part for those messages
//! and the whole pool for the rest, over one storage. Every other scenario already runs through
//! the router (the fixtures deploy routed); these pin what the router itself promises: the hot
//! messages never load the whole pool's code, a deployment with a code in the wrong place is
//! refused, an upgrade to a whole code leaves neither the router nor a locked code behind, and an
//! upgrade to a router installs the routes that router declares (its build pins them) once each
//! code proves it serves this storage.

use crate::reward_pool_contract::{config, fixed, s, Fx, When, GOV, STRANGER};
use e2e::{account, id, ink_id, next_wasm, wasm, AccountId, Chain, UNIT};
use ink::primitives::Hash;
use registry::Rank;
use reward_pool::Routes;
use reward_pool::{Department::*, Error, Parts};

type R<T> = Result<T, Error>;

const ALICE: u8 = 10;

/// The router's and the three parts' code hashes, uploaded by `by`.
fn upload_codes(chain: &mut Chain, by: &AccountId) -> (Hash, Parts) {
    let router = chain.upload(wasm("pool_router"), by);
    let parts = Parts {
        claim: chain.upload(wasm("reward_pool_claim"), by),
        submit: chain.upload(wasm("reward_pool_submit"), by),
        score: chain.upload(wasm("reward_pool_score"), by),
    };
    (router, parts)
}

/// Month 1 funded, `alice`'s report (wallet `ALICE`) scored by the reviewer, finalized. Returns
/// the proof size of the report and of the reviewer's batch.
fn month_one_finalized(fx: &mut Fx, alice: u32) -> (u64, u64) {
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
    (report, batch)
}

/// Alice reports in month 1, the reviewer scores her, governance finalizes and she claims: the
/// report and the batch (which also load the registry) and the claim each cost less proof than
/// the whole pool's code alone (plus the registry's), which a pool without a router loads on
/// every call; and what she is paid is what the preview showed.
#[test]
fn a_report_a_batch_of_scores_and_a_claim_never_load_the_whole_pool() {
    let mut fx = Fx::new();
    let alice = fx.induct(ALICE, Rank::Candidate);
    let whole = wasm("reward_pool").len() as u64;
    let registry = wasm("registry").len() as u64;
    let (report, batch) = month_one_finalized(&mut fx, alice);
    let shown = fx.preview(alice, vec![1])[0].total;
    let before = fx.balance(ALICE);
    let paid = fx.claim(ALICE, vec![1]).expect("claim");
    let claim = fx.chain.receipt().proof_size;
    assert!(paid > 0);
    assert_eq!(paid, shown);
    assert!(fx.balance(ALICE) > before);
    assert!(
        report < whole + registry,
        "report {report} B, pool code {whole} B"
    );
    assert!(
        batch < whole + registry,
        "batch {batch} B, pool code {whole} B"
    );
    assert!(claim < whole, "claim {claim} B, pool code {whole} B");
    fx.assert_solvent();
}

/// `new_routed` proves every code before switching: a part that is another contract's code, a
/// part in another part's place, one code in two places, an unknown router, or a part put where
/// the router belongs (it would answer for itself and serve nothing else) is refused, and
/// nothing is deployed; the right codes deploy a pool whose account runs the router.
#[test]
fn a_deployment_with_a_code_in_the_wrong_place_is_refused() {
    let mut fx = Fx::new();
    let gov = account(GOV);
    let (router, parts) = upload_codes(&mut fx.chain, &gov);
    let registry_code = fx.chain.code_hash_of(&fx.reg).expect("registry code");
    let reg = ink_id(&fx.reg);
    let mut deploy = |router: Hash, parts: Parts, salt: &[u8]| {
        fx.chain.deploy::<_, Error>(
            "reward_pool",
            &gov,
            "new_routed",
            (id(GOV), reg, fixed(), config(), router, parts),
            salt,
        )
    };
    let wrong = [
        Parts {
            claim: registry_code,
            ..parts
        },
        Parts {
            claim: parts.submit,
            submit: parts.claim,
            ..parts
        },
        Parts {
            score: parts.submit,
            ..parts
        },
    ];
    for (n, bad) in wrong.into_iter().enumerate() {
        assert_eq!(
            deploy(router, bad, &[b'p', n as u8]),
            Err(Error::IncompatibleCode),
            "parts {n}"
        );
    }
    for (n, bad) in [Hash::from([7; 32]), parts.claim, registry_code]
        .into_iter()
        .enumerate()
    {
        assert_eq!(
            deploy(bad, parts, &[b'r', n as u8]),
            Err(Error::IncompatibleCode),
            "router {n}"
        );
    }
    let pool = deploy(router, parts, b"ok").expect("the right codes deploy");
    assert_eq!(fx.chain.code_hash_of(&pool), Some(router));
    let whole = fx.chain.upload(wasm("reward_pool"), &gov);
    let routes: Option<Routes> = fx.chain.call(&pool, &account(STRANGER), "routes", ());
    assert_eq!(routes, Some(Routes { full: whole, parts }));
    let version: u32 = fx.chain.call(&pool, &account(STRANGER), "version", ());
    assert_eq!(version, 1);
}

/// While the pool runs behind its router, none of its codes can be removed by their uploader
/// (each is locked as the pool's delegate dependency). Upgrading to the router it already runs
/// installs the same routes again and changes nothing else. An upgrade to a next version's whole
/// code runs that code directly, keeps the storage, and releases every lock: the uploader may
/// then remove the router and the parts.
#[test]
fn an_upgrade_leaves_no_router_and_releases_every_routed_code() {
    let mut fx = Fx::new();
    let gov = account(GOV);
    // Uploading again returns the same hashes the fixture deployed with.
    let (router, parts) = upload_codes(&mut fx.chain, &gov);
    let whole = fx.chain.upload(wasm("reward_pool"), &gov);
    assert_eq!(fx.chain.code_hash_of(&fx.pool), Some(router));
    fx.fund(1, 1_234);
    let routed = [whole, parts.claim, parts.submit, parts.score];
    assert_in_use(&mut fx.chain, &gov, &routed, "routed");

    assert_eq!(fx.call::<_, R<()>>(GOV, "set_code", router), Ok(()));
    assert_eq!(fx.chain.code_hash_of(&fx.pool), Some(router));
    assert_eq!(
        fx.call::<_, Option<Routes>>(STRANGER, "routes", ()),
        Some(Routes { full: whole, parts })
    );
    assert_eq!(fx.call::<_, u32>(STRANGER, "version", ()), 1);
    assert_in_use(&mut fx.chain, &gov, &routed, "the same router again");

    let next = fx.chain.upload(next_wasm("reward_pool"), &gov);
    assert_eq!(fx.call::<_, R<()>>(GOV, "set_code", next), Ok(()));
    assert_eq!(fx.chain.code_hash_of(&fx.pool), Some(next));
    assert_eq!(fx.call::<_, Option<Routes>>(STRANGER, "routes", ()), None);
    assert_eq!(fx.call::<_, u32>(STRANGER, "version", ()), 2);
    assert_eq!(fx.month(1).funded, 1_234);
    for code in [router, parts.claim, parts.submit, parts.score, whole] {
        assert_eq!(
            fx.chain.remove_code(&gov, code),
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

/// An upgrade to the next version's router (built declaring the next whole code and the same
/// parts) keeps the pool routed: the account runs that router, the routes are the ones it
/// declares, the next whole code and the parts are locked and, once governance has also rolled
/// back to the first router and forward again (each upgrade releasing the locks the one before
/// took), the old whole code and router are released; a report, a batch of scores and a claim
/// still never load the whole code. A pool upgraded to a whole code first (so running unrouted)
/// is routed again the same way.
#[test]
fn an_upgrade_to_a_next_router_keeps_the_pool_routed() {
    for through_whole in [false, true] {
        let mut fx = Fx::new();
        let gov = account(GOV);
        let (router, parts) = upload_codes(&mut fx.chain, &gov);
        let whole = fx.chain.upload(wasm("reward_pool"), &gov);
        let next = fx.chain.upload(next_wasm("reward_pool"), &gov);
        let next_router = fx.chain.upload(next_wasm("pool_router"), &gov);
        let context = format!("through a whole code: {through_whole}");
        if through_whole {
            assert_eq!(fx.call::<_, R<()>>(GOV, "set_code", next), Ok(()));
            assert_eq!(fx.call::<_, Option<Routes>>(STRANGER, "routes", ()), None);
        }
        let next_routes = Some(Routes { full: next, parts });
        assert_eq!(fx.call::<_, R<()>>(GOV, "set_code", next_router), Ok(()));
        assert_eq!(fx.chain.code_hash_of(&fx.pool), Some(next_router));
        assert_eq!(fx.call::<_, u32>(STRANGER, "version", ()), 2);
        assert_eq!(
            fx.call::<_, Option<Routes>>(STRANGER, "routes", ()),
            next_routes
        );
        assert_in_use(
            &mut fx.chain,
            &gov,
            &[next, parts.claim, parts.submit, parts.score],
            &context,
        );

        // Back to the first router (the routes it declares, its whole code locked again) and
        // forward once more: each upgrade releases what the one before locked.
        assert_eq!(fx.call::<_, R<()>>(GOV, "set_code", router), Ok(()));
        assert_eq!(fx.call::<_, u32>(STRANGER, "version", ()), 1);
        assert_eq!(
            fx.call::<_, Option<Routes>>(STRANGER, "routes", ()),
            Some(Routes { full: whole, parts })
        );
        assert_in_use(&mut fx.chain, &gov, &[whole, parts.claim], &context);
        assert_eq!(fx.call::<_, R<()>>(GOV, "set_code", next_router), Ok(()));
        assert_eq!(
            fx.call::<_, Option<Routes>>(STRANGER, "routes", ()),
            next_routes
        );
        for code in [whole, router] {
            assert_eq!(fx.chain.remove_code(&gov, code), Ok(()), "{context}");
        }
        assert_in_use(
            &mut fx.chain,
            &gov,
            &[next, parts.claim, parts.submit, parts.score],
            &context,
        );

        let alice = fx.induct(ALICE, Rank::Candidate);
        let (report, batch) = month_one_finalized(&mut fx, alice);
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
/// whole code than the one being deployed: the pool keeps its router, routes and locks, and
/// still pays. The question a router answers itself takes no value (nothing would account for
/// it): sent with some, the call traps.
#[test]
fn a_router_declaring_other_codes_is_refused() {
    let mut fx = Fx::new();
    let gov = account(GOV);
    let (router, parts) = upload_codes(&mut fx.chain, &gov);
    let whole = fx.chain.upload(wasm("reward_pool"), &gov);
    let swapped = fx.chain.upload(next_wasm("pool_router_swapped"), &gov);
    let next_router = fx.chain.upload(next_wasm("pool_router"), &gov);
    fx.chain.upload(next_wasm("reward_pool"), &gov);
    let reg = ink_id(&fx.reg);
    for (n, bad) in [swapped, next_router].into_iter().enumerate() {
        assert_eq!(
            fx.chain.deploy::<_, Error>(
                "reward_pool",
                &gov,
                "new_routed",
                (id(GOV), reg, fixed(), config(), bad, parts),
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
    assert_in_use(
        &mut fx.chain,
        &gov,
        &[whole, parts.claim, parts.submit, parts.score],
        "after the refused upgrade",
    );
    let pool = fx.pool.clone();
    let stranger = account(STRANGER);
    assert!(!fx.chain.traps(&pool, &stranger, "declared_routes", (), 0));
    assert!(fx.chain.traps(&pool, &stranger, "declared_routes", (), 1));
    let alice = fx.induct(ALICE, Rank::Candidate);
    month_one_finalized(&mut fx, alice);
    assert!(fx.claim(ALICE, vec![1]).expect("claim") > 0);
    fx.assert_solvent();
}

/// A council that upgrades the pool to one of its parts by mistake (their hashes sit beside the
/// whole code's in the manifest) is refused: a part answers `version()` but serves one message,
/// with no `set_code`, `pause` or `finalize` left to undo it or release the funds. The pool keeps
/// its router, its routes and its locks, and still pays. (Before `set_code` asked the new code
/// for `code_part()`, each of these upgrades went through.)
#[test]
fn an_upgrade_to_one_of_the_parts_is_refused_and_the_pool_keeps_its_router() {
    let mut fx = Fx::new();
    let gov = account(GOV);
    let (router, parts) = upload_codes(&mut fx.chain, &gov);
    let routes: Option<Routes> = fx.call(STRANGER, "routes", ());
    for part in [parts.claim, parts.submit, parts.score] {
        assert_eq!(
            fx.call::<_, R<()>>(GOV, "set_code", part),
            Err(Error::IncompatibleCode)
        );
        assert_eq!(fx.chain.code_hash_of(&fx.pool), Some(router));
        assert_eq!(fx.call::<_, Option<Routes>>(STRANGER, "routes", ()), routes);
        assert_in_use(&mut fx.chain, &gov, &[part], "a part's lock was released");
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
        fx.chain.deploy::<_, pool_router::pool_router::Error>(
            "pool_router",
            &gov,
            "never",
            (),
            b""
        ),
        Err(pool_router::pool_router::Error::NotInstantiable)
    );
}
