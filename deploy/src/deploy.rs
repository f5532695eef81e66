//! Deploying the suite: upload, instantiate, wire through the governor, read the wiring back.

use crate::chain::{
    bundle_hash, constructor_input, read, routed_builds, send, send_fixed, send_plain, uploads,
    Chain, ROUTED,
};
use crate::config::{ss58, Account, Plan};
use anyhow::{anyhow, bail, ensure, Context};
use governor::{Action, Governor, ProposalState, Suite};
use ink::primitives::{AccountId, Hash};
use ink_e2e::Keypair;
use registry::{AuthorisedCaller, Registry};
use reward_pool::{Calendar, RewardPool};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Enough for any message of the suite. A governor `execute` gets it explicitly: its dry run
/// may run on a block older than the timelock (a real chain stamps time only when it builds a
/// block) and so estimate the refusal, not the action.
pub const GAS: (u64, u64) = (100_000_000_000, 3 * 1024 * 1024);

/// Fees for an actor the tool signs for (members, reviewers, council) on top of what it holds.
pub const ACTOR_FLOAT_TOKENS: u128 = 10;

/// Where the suite lives, as the manifest records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Addresses {
    /// The governor (governance of the other three).
    pub governor: String,
    /// The contributor registry.
    pub registry: String,
    /// The monthly reward pool.
    pub reward_pool: String,
    /// The bounty contract.
    pub bounty: String,
}

/// A deployed suite.
#[derive(Debug, Clone)]
pub struct Deployed {
    /// The governor.
    pub governor: AccountId,
    /// The registry.
    pub registry: AccountId,
    /// The reward pool.
    pub pool: AccountId,
    /// The bounty contract.
    pub bounty: AccountId,
    /// Each contract's code hash.
    pub code_hashes: BTreeMap<String, Hash>,
    /// The pool's calendar as instantiated.
    pub calendar: Calendar,
    /// Bootstrap proposals the council still has to approve (the tool lacked the keys).
    pub pending: Vec<u32>,
}

impl Deployed {
    /// Each contract's name and address, for [`crate::chain::events::Events::name`].
    pub fn named(&self) -> [(&'static str, [u8; 32]); 4] {
        let raw = |a: &AccountId| -> [u8; 32] { *a.as_ref() };
        [
            ("governor", raw(&self.governor)),
            ("registry", raw(&self.registry)),
            ("reward_pool", raw(&self.pool)),
            ("bounty", raw(&self.bounty)),
        ]
    }

    /// The addresses in SS58.
    pub fn addresses(&self) -> Addresses {
        Addresses {
            governor: ss58(&self.governor),
            registry: ss58(&self.registry),
            reward_pool: ss58(&self.pool),
            bounty: ss58(&self.bounty),
        }
    }
}

/// What happened to a batch of governor actions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Executed.
    Executed,
    /// Proposed and waiting for council approvals the tool cannot give.
    Pending(Vec<u32>),
}

/// Carries out one action through the governor ([`govern`]) for a step that cannot go on
/// without it (the demo's finalize, bounty approval, milestone decision).
///
/// Errors: those of [`govern`]; the proposal waiting for council approvals the tool cannot give.
pub async fn govern_now<C: Chain>(
    client: &mut C,
    plan: &Plan,
    governor: AccountId,
    action: Action,
    what: &str,
) -> anyhow::Result<()> {
    match govern(client, plan, governor, vec![action], what).await? {
        Outcome::Executed => Ok(()),
        Outcome::Pending(ids) => bail!("{what}: proposal {ids:?} waits for council approvals"),
    }
}

/// Carries out `actions` through the governor: the first council member the tool holds a key
/// for proposes each (its approval counts), the next ones approve up to the threshold, the
/// batch waits out the timelock once, and the signer executes each in order. When the tool holds
/// fewer keys than the threshold, the proposals stay open and their ids come back.
///
/// Errors: no council key held; a proposal or approval refused; an action failed on execution.
pub async fn govern<C: Chain>(
    client: &mut C,
    plan: &Plan,
    governor: AccountId,
    actions: Vec<Action>,
    what: &str,
) -> anyhow::Result<Outcome> {
    govern_resuming(
        client,
        plan,
        governor,
        actions,
        what,
        &mut Vec::new(),
        false,
        &mut |_| Ok(()),
    )
    .await
}

/// [`govern`], resuming from `proposed`: the ids of the proposals of `actions` made earlier, in
/// order (a run cut short). Those are not proposed again; each is approved up to the threshold
/// again (an approval given twice counts once) and executed unless it already was. Every new
/// proposal's id is added to `proposed` and `save`d at once. With `adopt` (a governor that holds
/// only these proposals, as a deployment's does), the first proposal of this run may be one that
/// landed before a cut, unrecorded.
///
/// Errors: those of [`govern`]; `save` failed.
#[allow(clippy::too_many_arguments)]
pub async fn govern_resuming<C: Chain>(
    client: &mut C,
    plan: &Plan,
    governor: AccountId,
    actions: Vec<Action>,
    what: &str,
    proposed: &mut Vec<u32>,
    adopt: bool,
    save: &mut dyn FnMut(&[u32]) -> anyhow::Result<()>,
) -> anyhow::Result<Outcome> {
    if actions.is_empty() {
        return Ok(Outcome::Executed);
    }
    let mut calls = ink_e2e::create_call_builder::<Governor>(governor);
    let keys: Vec<&Keypair> = plan.council.iter().filter_map(|a| a.key.as_ref()).collect();
    let proposer = keys
        .first()
        .ok_or_else(|| anyhow!("{what}: the tool holds no council key to propose with"))?;
    let threshold = usize::try_from(plan.threshold).unwrap_or(usize::MAX);
    let mut ids = Vec::new();
    let bar = crate::progress::steps(actions.len() as u64, what);
    let before = proposed.len();
    for (i, action) in actions.into_iter().enumerate() {
        bar.inc(1);
        let id = match proposed.get(i) {
            Some(id) => *id,
            // The first proposal of this run may have landed before a cut, unrecorded: on a
            // governor that holds only this run's proposals, its newest proposal by the same
            // proposer with the same action is that one.
            None if i == before && adopt => {
                let count =
                    read(client, proposer, &calls.proposal_count(), "proposal count").await?;
                let newest = match count.checked_sub(1) {
                    Some(last) if !proposed.contains(&last) => {
                        read(client, proposer, &calls.proposal(last), "newest proposal")
                            .await?
                            .map(|v| (last, v))
                    }
                    _ => None,
                };
                let mine = AccountId::from(proposer.public_key().0);
                let id = match newest {
                    Some((last, v))
                        if v.proposal.proposer == mine && v.proposal.action == action =>
                    {
                        last
                    }
                    _ => propose(client, governor, proposer, &action, what).await?,
                };
                proposed.push(id);
                save(proposed)?;
                id
            }
            None => {
                let id = propose(client, governor, proposer, &action, what).await?;
                proposed.push(id);
                save(proposed)?;
                id
            }
        };
        let view = read(
            client,
            proposer,
            &calls.proposal(id),
            &format!("{what}: read proposal {id}"),
        )
        .await?
        .ok_or_else(|| anyhow!("{what}: proposal {id} is not on the governor"))?;
        // A recorded id must still be this action, alive: else the record is not this chain's.
        ensure!(
            view.proposal.action == action,
            "{what}: proposal {id} is not {action:?}; the deployment record does not match the chain"
        );
        match view.state {
            ProposalState::Executed => {
                ids.push(id);
                continue;
            }
            ProposalState::Cancelled | ProposalState::Expired => bail!(
                "{what}: proposal {id} is {:?}; the deployment cannot go on from its record",
                view.state
            ),
            _ => {}
        }
        for approver in keys.iter().skip(1).take(threshold.saturating_sub(1)) {
            let approved = send(
                client,
                approver,
                &calls.approve(id),
                0,
                &format!("{what}: approve {id}"),
            )
            .await;
            match approved {
                Ok(()) => {}
                // A proposal made before a cut may hold this approval already.
                Err(e) if format!("{e:#}").contains("AlreadyVoted") => {}
                Err(e) => return Err(e),
            }
        }
        ids.push(id);
    }
    bar.finish_and_clear();
    if keys.len() < threshold {
        return Ok(Outcome::Pending(ids));
    }
    let clock = client.clock();
    let ready = clock.now().saturating_add(plan.timelock_ms);
    clock.wait_until(client, signer(plan)?, ready).await;
    for id in ids {
        let view = read(
            client,
            signer(plan)?,
            &calls.proposal(id),
            &format!("{what}: read proposal {id}"),
        )
        .await?;
        if let Some(view) = &view {
            if view.state == ProposalState::Executed {
                continue; // a run cut short executed it already
            }
            ensure!(
                view.state == ProposalState::Executable,
                "{what}: proposal {id} is {:?}, not executable",
                view.state
            );
        }
        let executed = format!("{what}: execute proposal {id}");
        send_fixed(client, signer(plan)?, &calls.execute(id), GAS, &executed).await?;
    }
    Ok(Outcome::Executed)
}

/// The address pallet-contracts' `DefaultAddressGenerator` gives an instance:
/// `blake2_256("contract_addr_v1" ++ deployer ++ code_hash ++ input ++ salt)` (SCALE-encoded,
/// so the input and salt carry their length).
pub fn default_address(
    deployer: &Keypair,
    code_hash: Hash,
    input: &[u8],
    salt: &[u8],
) -> AccountId {
    use scale::Encode;
    let deployer: [u8; 32] = deployer.public_key().0;
    let encoded = (b"contract_addr_v1", deployer, code_hash, input, salt).encode();
    let mut out = [0u8; 32];
    ink::env::hash_bytes::<ink::env::hash::Blake2x256>(&encoded, &mut out);
    AccountId::from(out)
}

/// Instantiates contract `name` from its uploaded code; returns its address.
///
/// Errors: the constructor failed or the chain refused (named by contract).
async fn instantiate<C: Chain>(
    client: &mut C,
    me: &Keypair,
    code_hash: Hash,
    input: Vec<u8>,
    salt: &[u8],
    name: &str,
) -> anyhow::Result<AccountId> {
    let (at, _) = client
        .instantiate(me, code_hash, input, salt.to_vec())
        .await
        .map_err(|e| anyhow!("instantiate {name}: {e:#}"))?;
    Ok(at)
}

/// Proposes `action` on `governor` as `proposer` with `what` as its description; its id.
async fn propose<C: Chain>(
    client: &mut C,
    governor: AccountId,
    proposer: &Keypair,
    action: &Action,
    what: &str,
) -> anyhow::Result<u32> {
    let mut calls = ink_e2e::create_call_builder::<Governor>(governor);
    let message = calls.propose(action.clone(), what.as_bytes().to_vec());
    send(
        client,
        proposer,
        &message,
        0,
        &format!("{what}: propose {action:?}"),
    )
    .await
}

fn signer(plan: &Plan) -> anyhow::Result<&Keypair> {
    plan.signer
        .key
        .as_ref()
        .ok_or_else(|| anyhow!("config field `signer`: no key"))
}

/// Checks what can be checked before the first transaction: the signer can pay what the
/// deployment sends (the deposit into the governor) plus fees and storage deposits.
///
/// Errors: the signer's balance is short (the message names the `signer` field).
pub async fn preflight<C: Chain>(client: &mut C, plan: &Plan) -> anyhow::Result<()> {
    let unit = 10u128.pow(u32::from(plan.token.decimals));
    let actors = actors(plan).len() as u128;
    let needed = plan
        .signer_outlay()
        .checked_add((100 + actors * ACTOR_FLOAT_TOKENS) * unit)
        .context("config: funding overflows a balance")?;
    let has = client.balance(plan.signer.id).await?;
    if has < needed {
        bail!(
            "config field `signer`: {} holds {} {}, the deployment needs at least {} (the governor deposit, {} {} of fees and deposits, and fees for {} accounts the tool signs for)",
            plan.signer.name,
            has / unit,
            plan.token.symbol,
            needed / unit,
            100,
            plan.token.symbol,
            actors
        );
    }
    Ok(())
}

/// Accounts other than the signer that the tool signs for: members, reviewers and council
/// members whose keys it holds.
pub fn actors(plan: &Plan) -> Vec<&Account> {
    let mut all: Vec<&Account> = Vec::new();
    let candidates = plan
        .council
        .iter()
        .chain(plan.reviewers.iter())
        .chain(plan.members.iter().map(|(a, _)| a));
    for a in candidates {
        if a.key.is_some() && a.id != plan.signer.id && !all.iter().any(|b| b.id == a.id) {
            all.push(a);
        }
    }
    all
}

/// What a deployment has done so far, saved after each step (beside the manifest, on a node) so
/// that a deployment cut short — a dropped connection, a refused transaction, Ctrl-C — resumes
/// where it stopped instead of deploying a second suite.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Partial {
    /// The config it deploys (as the manifest records it: another config starts over).
    pub config: serde_json::Value,
    /// Where (the config's target).
    pub target: String,
    /// The deployment's first moment (ms): the instantiation salt and the moment the pool's
    /// calendar and the funded month are taken at, so that a resumed run derives the same
    /// addresses, calendar and bootstrap actions.
    pub salt_ms: Option<u64>,
    /// The chain's genesis hash (hex), when it says: a record of another chain (a development
    /// node restarted at the same address) starts over.
    pub genesis: Option<String>,
    /// Uploaded code, by contract (hex).
    pub code_hashes: BTreeMap<String, String>,
    /// Instantiated contracts, by name (SS58).
    pub addresses: BTreeMap<String, String>,
    /// The governor knows the suite.
    pub wired: bool,
    /// The treasury deposit went in.
    pub deposited: bool,
    /// The bootstrap proposals made, in order.
    pub bootstrap: Vec<u32>,
}

impl Partial {
    /// A fresh record for `plan` on the chain with `genesis`, or `earlier` when it records the
    /// same config, target and chain.
    pub fn resume(plan: &Plan, genesis: Option<String>, earlier: Option<Partial>) -> Self {
        let target = match &plan.target {
            crate::config::Target::Sandbox => "sandbox".to_string(),
            crate::config::Target::Node(url) => url.clone(),
        };
        let config = serde_json::to_value(&plan.source).unwrap_or_default();
        match earlier {
            Some(p) if p.config == config && p.target == target && p.genesis == genesis => p,
            _ => Self {
                config,
                target,
                genesis,
                ..Self::default()
            },
        }
    }

    /// Whether nothing was done yet.
    pub fn is_fresh(&self) -> bool {
        self.code_hashes.is_empty() && self.addresses.is_empty()
    }
}

/// Deploys the suite as `plan` says and reads the wiring back; `log` hears each step.
///
/// Errors: a transaction failed (named by step), or the wiring read back differs.
pub async fn deploy<C: Chain>(
    client: &mut C,
    plan: &Plan,
    log: &mut dyn FnMut(&str),
) -> anyhow::Result<Deployed> {
    let mut partial = Partial::resume(plan, None, None);
    deploy_resuming(client, plan, &mut partial, &mut |_| Ok(()), log).await
}

/// [`deploy`], skipping what `partial` records as done and recording (and `save`-ing) each step
/// as it is done: uploads, each instantiation, the wiring, the deposit, each bootstrap proposal.
///
/// Errors: those of [`deploy`]; `save` failed; a recorded address is not SS58.
pub async fn deploy_resuming<C: Chain>(
    client: &mut C,
    plan: &Plan,
    partial: &mut Partial,
    save: &mut dyn FnMut(&Partial) -> anyhow::Result<()>,
    log: &mut dyn FnMut(&str),
) -> anyhow::Result<Deployed> {
    if partial.is_fresh() {
        preflight(client, plan).await?;
    } else {
        log("resuming the deployment recorded earlier");
    }
    let me = signer(plan)?;
    let unit = 10u128.pow(u32::from(plan.token.decimals));
    let mut funded = 0;
    for a in actors(plan) {
        if client.balance(a.id).await? < ACTOR_FLOAT_TOKENS * unit / 2 {
            client.transfer(me, a.id, ACTOR_FLOAT_TOKENS * unit).await?;
            funded += 1;
        }
    }
    if funded > 0 {
        log(&format!(
            "sent {ACTOR_FLOAT_TOKENS} {} for fees to each of {funded} accounts the tool signs for",
            plan.token.symbol
        ));
    }

    let mut code_hashes = BTreeMap::new();
    let names = uploads(client.bundles_dir())?;
    let bar = crate::progress::steps(names.len() as u64, "uploading");
    for name in names.iter().map(String::as_str) {
        bar.inc(1);
        if let Some(hash) = partial.code_hashes.get(name).and_then(|h| unhex32(h)) {
            code_hashes.insert(name.to_string(), Hash::from(hash));
            continue;
        }
        let (hash, _) = client
            .upload(me, name)
            .await
            .map_err(|e| anyhow!("upload {name}: {e:#}"))?;
        log(&format!(
            "uploaded {name}: code hash {}",
            hex(hash.as_ref())
        ));
        code_hashes.insert(name.to_string(), hash);
        partial
            .code_hashes
            .insert(name.to_string(), hex(hash.as_ref()));
        save(partial)?;
    }
    bar.finish_and_clear();
    // A routed contract's whole build is not uploaded, but it is where clients read its ABI:
    // the manifest names its hash so that they can check their metadata is that build's.
    for name in ROUTED {
        code_hashes.insert(name.to_string(), bundle_hash(client.bundles_dir(), name)?);
    }
    // The deployment's first moment, recorded before the first instance: the same config
    // deployed again gets new addresses, a resumed deployment the same ones (and the same
    // calendar and funded month).
    let first = match partial.salt_ms {
        Some(ms) => ms,
        None => {
            let ms = client.clock().now();
            partial.salt_ms = Some(ms);
            save(partial)?;
            ms
        }
    };
    let salt = first.to_le_bytes().to_vec();
    let code = |name: &str| code_hashes[name];
    // Each contract once: the recorded address, or a new instance recorded at once.
    macro_rules! instance {
        ($name:expr, $input:expr) => {
            instance!($name, $name, $input)
        };
        ($name:expr, $code:expr, $input:expr) => {
            match partial.addresses.get($name) {
                Some(at) => crate::parse_address($name, at)?,
                None => {
                    let input = $input;
                    let expected = default_address(me, code($code), &input, &salt);
                    let at = match instantiate(client, me, code($code), input, &salt, $name).await {
                        Ok(at) => at,
                        // Instantiated before the run was cut, not recorded: the same code,
                        // input and salt give the same address (checked by `verify` below).
                        Err(e) if format!("{e:#}").contains("DuplicateContract") => {
                            log(&format!("{} was instantiated before the cut", $name));
                            expected
                        }
                        Err(e) => return Err(e),
                    };
                    partial.addresses.insert($name.to_string(), ss58(&at));
                    save(partial)?;
                    at
                }
            }
        };
    }

    let council: Vec<AccountId> = plan.council.iter().map(|a| a.id).collect();
    // Every contract runs behind its router (issue 20): every call loads the router and one of
    // the contract's builds (at most 32 KiB), never the whole contract. Each is instantiated
    // from its main part, which installs the builds the router declares.
    let input = constructor_input(governor::GovernorRef::new_routed(
        council,
        plan.threshold,
        plan.timelock_ms,
        plan.expiry_ms,
        code("governor_router"),
    ));
    let main = routed_builds(client.bundles_dir(), "governor")?.swap_remove(0);
    let governor = instance!("governor", &main, input);
    log(&format!("governor at {}", ss58(&governor)));
    let input = constructor_input(registry::RegistryRef::new_routed(
        governor,
        plan.registry.clone(),
        code("registry_router"),
    ));
    let main = routed_builds(client.bundles_dir(), "registry")?.swap_remove(0);
    let reg = instance!("registry", &main, input);
    log(&format!("registry at {}", ss58(&reg)));
    let calendar = plan.calendar_at(first);
    let input = constructor_input(reward_pool::RewardPoolRef::new_routed(
        governor,
        reg,
        calendar,
        plan.pool.clone(),
        code("reward_pool_router"),
    ));
    let main = routed_builds(client.bundles_dir(), "reward_pool")?.swap_remove(0);
    let pool = instance!("reward_pool", &main, input);
    log(&format!("reward pool at {}", ss58(&pool)));
    let input = constructor_input(bounty::BountyRef::new_routed(
        governor,
        reg,
        pool,
        plan.treasury.id,
        plan.payout_delay_ms,
        plan.pool.max_evidence_len,
        code("bounty_router"),
    ));
    let main = routed_builds(client.bundles_dir(), "bounty")?.swap_remove(0);
    let bounty = instance!("bounty", &main, input);
    log(&format!("bounty at {}", ss58(&bounty)));

    client.events().name([
        ("governor", *governor.as_ref()),
        ("registry", *reg.as_ref()),
        ("reward_pool", *pool.as_ref()),
        ("bounty", *bounty.as_ref()),
    ]);
    let suite = Suite {
        registry: reg,
        reward_pool: pool,
        bounty,
    };
    let mut calls = ink_e2e::create_call_builder::<Governor>(governor);
    if !partial.wired {
        // A wiring that landed before the cut, unrecorded, is read back rather than refused.
        let wired = read(client, me, &calls.suite(), "read the governor's suite").await?;
        if wired != Some(suite) {
            send(client, me, &calls.wire(suite), 0, "wire the governor").await?;
        }
        partial.wired = true;
        save(partial)?;
    }
    // A deposit that landed before the cut, unrecorded: the governor already holds it (a new
    // governor holds nothing else but its existential deposit).
    if plan.governor_deposit > 0
        && !partial.deposited
        && client.balance(governor).await? >= plan.governor_deposit
    {
        partial.deposited = true;
        save(partial)?;
    }
    if plan.governor_deposit > 0 && !partial.deposited {
        send_plain(
            client,
            me,
            &calls.deposit(),
            plan.governor_deposit,
            "deposit into the governor",
        )
        .await?;
        log(&format!(
            "deposited {} into the governor",
            tokens(plan.governor_deposit, plan.token.decimals)
        ));
        partial.deposited = true;
        save(partial)?;
    }

    let mut actions = vec![
        Action::SetAuthorised {
            role: AuthorisedCaller::RewardPool,
            account: Some(pool),
        },
        Action::SetAuthorised {
            role: AuthorisedCaller::Bounty,
            account: Some(bounty),
        },
        Action::SetReviewers {
            add: plan.reviewers.iter().map(|a| a.id).collect(),
            remove: vec![],
        },
        Action::SetFunder {
            funder: Some(bounty),
        },
    ];
    for (who, rank) in &plan.members {
        actions.push(Action::Induct {
            who: who.id,
            rank: *rank,
            evidence_ref: b"inducted at deployment".to_vec(),
        });
    }
    if plan.current_month > 0 {
        let month = calendar
            .month_of(first)
            .map_err(|e| anyhow!("the pool's calendar: {e:?}"))?;
        actions.push(Action::FundMonth {
            month,
            amount: plan.current_month,
        });
    }
    if plan.bonus_reserve > 0 {
        actions.push(Action::FundBonusReserve {
            amount: plan.bonus_reserve,
        });
    }
    let count = actions.len();
    let mut proposed = partial.bootstrap.clone();
    let outcome = govern_resuming(
        client,
        plan,
        governor,
        actions,
        "bootstrap",
        &mut proposed,
        true,
        &mut |ids| {
            partial.bootstrap = ids.to_vec();
            save(partial)
        },
    )
    .await?;
    let pending = match outcome {
        Outcome::Executed => {
            log(&format!(
                "{count} bootstrap proposals executed by the council"
            ));
            Vec::new()
        }
        Outcome::Pending(ids) => {
            log(&format!(
                "{count} bootstrap proposals ({ids:?}) wait for council approvals"
            ));
            ids
        }
    };
    let deployed = Deployed {
        governor,
        registry: reg,
        pool,
        bounty,
        code_hashes,
        calendar,
        pending,
    };
    verify(client, plan, &deployed).await?;
    log("wiring read back and checked");
    Ok(deployed)
}

/// Reads the wiring back from the chain: governance of the three contracts, the governor's
/// suite, and — once the bootstrap proposals ran — authorisations, roles and members.
///
/// Errors: any value differs from the plan (the message says which).
pub async fn verify<C: Chain>(client: &mut C, plan: &Plan, d: &Deployed) -> anyhow::Result<()> {
    let me = signer(plan)?;
    let governor_builds = routed_builds(client.bundles_dir(), "governor")?;
    let registry_builds = routed_builds(client.bundles_dir(), "registry")?;
    let pool_builds = routed_builds(client.bundles_dir(), "reward_pool")?;
    let bounty_builds = routed_builds(client.bundles_dir(), "bounty")?;
    let governor = ink_e2e::create_call_builder::<Governor>(d.governor);
    let registry = ink_e2e::create_call_builder::<Registry>(d.registry);
    let pool = ink_e2e::create_call_builder::<RewardPool>(d.pool);
    let bounty = ink_e2e::create_call_builder::<bounty::Bounty>(d.bounty);
    macro_rules! read {
        ($calls:expr, $what:literal) => {
            read(client, me, &$calls, concat!("read ", $what)).await?
        };
    }
    let suite = read!(governor.suite(), "governor suite");
    ensure!(
        suite
            == Some(Suite {
                registry: d.registry,
                reward_pool: d.pool,
                bounty: d.bounty
            }),
        "the governor's suite is {suite:?}"
    );
    ensure!(
        read!(registry.governance(), "registry governance") == d.governor,
        "registry governance is not the governor"
    );
    ensure!(
        read!(pool.governance(), "pool governance") == d.governor,
        "pool governance is not the governor"
    );
    ensure!(
        read!(bounty.governance(), "bounty governance") == d.governor,
        "bounty governance is not the governor"
    );
    // Every contract runs behind the router the deployment uploaded, sending each message to
    // the build (uploaded after the router, in route order) that serves it.
    let uploaded = |builds: &[String]| -> Option<Vec<Hash>> {
        builds
            .iter()
            .map(|name| d.code_hashes.get(name).copied())
            .collect()
    };
    let routes = read!(governor.routes(), "governor routes");
    ensure!(
        routes.is_some() && routes == uploaded(&governor_builds),
        "the governor's routes are {routes:?}, not the uploaded codes"
    );
    let routes = read!(registry.routes(), "registry routes");
    ensure!(
        routes.is_some() && routes == uploaded(&registry_builds),
        "the registry's routes are {routes:?}, not the uploaded codes"
    );
    let routes = read!(pool.routes(), "pool routes");
    ensure!(
        routes.is_some() && routes == uploaded(&pool_builds),
        "the pool's routes are {routes:?}, not the uploaded codes"
    );
    let routes = read!(bounty.routes(), "bounty routes");
    ensure!(
        routes.is_some() && routes == uploaded(&bounty_builds),
        "the bounty contract's routes are {routes:?}, not the uploaded codes"
    );
    let (calendar, pool_registry, funder) = read!(pool.wiring(), "pool wiring");
    ensure!(
        calendar == d.calendar && pool_registry == d.registry,
        "the pool's calendar or registry differs"
    );
    if !d.pending.is_empty() {
        return Ok(());
    }
    ensure!(
        funder == Some(d.bounty),
        "the pool's funder is {funder:?}, not the bounty contract"
    );
    let authorised = read!(registry.authorised(), "registry authorised");
    ensure!(
        authorised == (Some(d.pool), Some(d.bounty)),
        "the registry authorises {authorised:?}"
    );
    for r in &plan.reviewers {
        ensure!(
            read!(pool.is_reviewer(r.id), "reviewer"),
            "{} is not a reviewer",
            r.name
        );
    }
    for (who, rank) in &plan.members {
        let id = read!(registry.member_id_of(who.id), "member id")
            .ok_or_else(|| anyhow!("{} is not a member", who.name))?;
        let member = read!(registry.member(id), "member").context("member record")?;
        ensure!(
            member.rank == *rank,
            "{} has rank {:?}",
            who.name,
            member.rank
        );
    }
    Ok(())
}

/// 32 bytes from 0x-prefixed hex (64 digits), as [`hex`] writes them.
pub fn unhex32(text: &str) -> Option<[u8; 32]> {
    let text = text.strip_prefix("0x")?;
    if text.len() != 64 {
        return None;
    }
    let mut out = [0u8; 32];
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = u8::from_str_radix(text.get(2 * i..2 * i + 2)?, 16).ok()?;
    }
    Some(out)
}

/// Bytes as 0x-prefixed hex.
pub fn hex(bytes: &[u8]) -> String {
    let digits: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!("0x{digits}")
}

/// `amount` smallest units as a token amount rounded down to two decimals, for tables.
pub fn tokens_2dp(amount: u128, decimals: u8) -> String {
    let exact = tokens(amount, decimals);
    match exact.split_once('.') {
        Some((whole, fraction)) => format!("{whole}.{:0<2}", &fraction[..fraction.len().min(2)]),
        None => format!("{exact}.00"),
    }
}

/// `amount` smallest units as a decimal token amount (trailing zeros dropped).
pub fn tokens(amount: u128, decimals: u8) -> String {
    let unit = 10u128.pow(u32::from(decimals));
    let whole = amount / unit;
    let fraction = amount % unit;
    if fraction == 0 {
        return whole.to_string();
    }
    let digits = format!("{fraction:0width$}", width = usize::from(decimals));
    format!("{whole}.{}", digits.trim_end_matches('0'))
}
