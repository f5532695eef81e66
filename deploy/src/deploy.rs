//! Deploying the suite: upload, instantiate, wire through the governor, read the wiring back.

use crate::chain::{constructor_input, read, send, send_fixed, send_plain, Chain, CONTRACTS};
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
    for action in actions {
        bar.inc(1);
        let message = calls.propose(action.clone(), what.as_bytes().to_vec());
        let proposed = format!("{what}: propose {action:?}");
        let id = send(client, proposer, &message, 0, &proposed).await?;
        for approver in keys.iter().skip(1).take(threshold.saturating_sub(1)) {
            send(
                client,
                approver,
                &calls.approve(id),
                0,
                &format!("{what}: approve {id}"),
            )
            .await?;
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

/// Deploys the suite as `plan` says and reads the wiring back; `log` hears each step.
///
/// Errors: a transaction failed (named by step), or the wiring read back differs.
pub async fn deploy<C: Chain>(
    client: &mut C,
    plan: &Plan,
    log: &mut dyn FnMut(&str),
) -> anyhow::Result<Deployed> {
    preflight(client, plan).await?;
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
    let bar = crate::progress::steps(CONTRACTS.len() as u64, "uploading");
    for name in CONTRACTS {
        bar.inc(1);
        let (hash, _) = client
            .upload(me, name)
            .await
            .map_err(|e| anyhow!("upload {name}: {e:#}"))?;
        log(&format!(
            "uploaded {name}: code hash {}",
            hex(hash.as_ref())
        ));
        code_hashes.insert(name.to_string(), hash);
    }
    bar.finish_and_clear();
    // A salt of the deployment's moment: the same config deployed twice gets new addresses.
    let salt = client.clock().now().to_le_bytes().to_vec();
    let code = |name: &str| code_hashes[name];

    let council: Vec<AccountId> = plan.council.iter().map(|a| a.id).collect();
    let input = constructor_input(governor::GovernorRef::new(
        council,
        plan.threshold,
        plan.timelock_ms,
        plan.expiry_ms,
    ));
    let governor = instantiate(client, me, code("governor"), input, &salt, "governor").await?;
    log(&format!("governor at {}", ss58(&governor)));
    let input = constructor_input(registry::RegistryRef::new(governor, plan.registry.clone()));
    let reg = instantiate(client, me, code("registry"), input, &salt, "registry").await?;
    log(&format!("registry at {}", ss58(&reg)));
    let calendar = plan.calendar_at(client.clock().now());
    let input = constructor_input(reward_pool::RewardPoolRef::new(
        governor,
        reg,
        calendar,
        plan.pool.clone(),
    ));
    let pool = instantiate(client, me, code("reward_pool"), input, &salt, "reward_pool").await?;
    log(&format!("reward pool at {}", ss58(&pool)));
    let input = constructor_input(bounty::BountyRef::new(
        governor,
        reg,
        pool,
        plan.treasury.id,
        plan.payout_delay_ms,
        plan.pool.max_evidence_len,
    ));
    let bounty = instantiate(client, me, code("bounty"), input, &salt, "bounty").await?;
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
    send(client, me, &calls.wire(suite), 0, "wire the governor").await?;
    if plan.governor_deposit > 0 {
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
            .month_of(client.clock().now())
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
    let pending = match govern(client, plan, governor, actions, "bootstrap").await? {
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
