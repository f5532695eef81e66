//! A typed harness over drink's sandbox for the suite's scenarios in `tests/`.
//!
//! Contracts are loaded from the release bundles that `./scripts/build-contracts` writes to
//! `target/ink/<name>/`, so each contract is built once per test run, not once per test. Calls are
//! SCALE-encoded with the contracts' own Rust types (the contract crates are dependencies with
//! `ink-as-dependency`) instead of string transcoding, and results are decoded to those types, so
//! a test reads like the contract's API.

use drink::minimal::{MinimalSandbox, RuntimeEvent};
use drink::pallet_contracts::{self, Determinism};
use drink::sandbox_api::prelude::*;
use drink::{AccountId32, Sandbox, Weight};
use ink::env::hash::{Blake2x256, HashOutput};
use scale::{Decode, DecodeAll, Encode};
use std::path::PathBuf;

pub use drink;
pub use suite::{one_milestone_bounty, Suite, SuiteSpec, DEPLOYER, OUTSIDER, PERIOD, PERIOD_START};

mod suite;

/// Account ids in the sandbox.
pub type AccountId = AccountId32;
/// Balances in the sandbox.
pub type Balance = u128;
/// One token of 12 decimals, as PHA has.
pub const UNIT: Balance = 1_000_000_000_000;

/// The money figures of a reward pool made by [`Chain::with_pool_and_bounty`].
#[derive(Debug, Clone, Copy)]
pub struct PoolMoney {
    /// Pool base per period.
    pub base: Balance,
    /// Pool growth per first-time Ambassador.
    pub step: Balance,
    /// Head bonus.
    pub head_bonus: Balance,
    /// Senior bonus.
    pub senior_bonus: Balance,
}

/// The error ink! returns when it cannot dispatch a message at all.
pub type LangError = ink::LangError;

/// A deterministic test account: `[seed; 32]`. Seed 1 is drink's pre-funded default actor.
pub fn account(seed: u8) -> AccountId {
    AccountId32::new([seed; 32])
}

/// The `n`-th of many test accounts (a benchmark's members): `[0xEE; 28]` followed by `n`
/// little-endian, distinct from every [`account`] seed.
pub fn many(n: u32) -> AccountId {
    let mut bytes = [0xEE; 32];
    bytes[28..].copy_from_slice(&n.to_le_bytes());
    AccountId32::new(bytes)
}

/// Turns a sandbox account into the contracts' `ink::primitives::AccountId`.
pub fn ink_id(account: &AccountId) -> ink::primitives::AccountId {
    let bytes: &[u8; 32] = account.as_ref();
    ink::primitives::AccountId::from(*bytes)
}

/// The contracts' `AccountId` of test account `seed` (`ink_id(&account(seed))`).
pub fn id(seed: u8) -> ink::primitives::AccountId {
    ink_id(&account(seed))
}

/// Turns a contracts' `AccountId` back into a sandbox account.
pub fn sandbox_id(account: &ink::primitives::AccountId) -> AccountId {
    let bytes: &[u8; 32] = account.as_ref();
    AccountId32::new(*bytes)
}

/// The selector of an inherent ink! message or constructor: the first four bytes of the
/// BLAKE2-256 of its name.
pub fn selector(name: &str) -> [u8; 4] {
    let mut out = <Blake2x256 as HashOutput>::Type::default();
    ink::env::hash_bytes::<Blake2x256>(name.as_bytes(), &mut out);
    [out[0], out[1], out[2], out[3]]
}

/// A message call's input: `message`'s selector, then `args` encoded.
fn input<A: Encode>(message: &str, args: A) -> Vec<u8> {
    let mut data = selector(message).to_vec();
    args.encode_to(&mut data);
    data
}

/// Where `./scripts/build-contracts` (and ink_e2e) put the bundles: `$CARGO_TARGET_DIR/ink` or
/// the workspace's `target/ink`.
fn ink_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target"))
        .join("ink")
}

/// The release Wasm of contract `name`, built by `./scripts/build-contracts` (which copies it to
/// `ink/release/`, out of the way of ink_e2e's debug builds in `ink/<name>/`).
pub fn wasm(name: &str) -> Vec<u8> {
    read_wasm(wasm_path(name))
}

/// Where [`wasm`] reads contract `name`'s release Wasm (its metadata is beside it, `.json`).
pub fn wasm_path(name: &str) -> PathBuf {
    ink_dir().join("release").join(format!("{name}.wasm"))
}

/// The builds of routed contract `name` behind its router, in route order (the order of the
/// `*-code` features in its Cargo.toml: the main part first), as `./scripts/build-contracts`
/// lists them in `<name>.routes` beside the bundles; each is a release bundle of that name.
pub fn routed_builds(name: &str) -> Vec<String> {
    let path = ink_dir().join("release").join(format!("{name}.routes"));
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| {
            panic!(
                "{}: {e}; run ./scripts/build-contracts first",
                path.display()
            )
        })
        .lines()
        .map(String::from)
        .collect()
}

/// The `next-version` build of contract `name`: the second code of the upgrade tests.
pub fn next_wasm(name: &str) -> Vec<u8> {
    read_wasm(ink_dir().join("next").join(format!("{name}.wasm")))
}

fn read_wasm(path: PathBuf) -> Vec<u8> {
    std::fs::read(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; run ./scripts/build-contracts first",
            path.display()
        )
    })
}

/// What a contract call did, beyond its return value.
#[derive(Debug, Clone)]
pub struct Receipt {
    /// ref_time the call consumed.
    pub ref_time: u64,
    /// proof_size the call consumed.
    pub proof_size: u64,
    /// Whether the contract reverted its state changes (an `Err` result).
    pub reverted: bool,
    /// Storage deposit the caller paid (positive) or got back (negative).
    pub deposit: i128,
    /// Data of the contract events emitted, in order.
    pub events: Vec<Vec<u8>>,
}

impl Receipt {
    /// The emitted events that decode as `E`, exactly (every byte consumed), in order.
    pub fn events_of<E: DecodeAll>(&self) -> Vec<E> {
        self.events
            .iter()
            .filter_map(|data| E::decode_all(&mut &data[..]).ok())
            .collect()
    }
}

/// A sandboxed chain with pallet-contracts and a clock the test controls.
pub struct Chain {
    sandbox: MinimalSandbox,
    /// What the last call did.
    pub last: Option<Receipt>,
}

impl Default for Chain {
    fn default() -> Self {
        Self::new()
    }
}

impl Chain {
    /// A fresh chain at block 1 with the clock at 0.
    pub fn new() -> Self {
        let mut sandbox = MinimalSandbox::default();
        sandbox.build_block();
        // The sandbox starts from the wall clock; scenarios count from zero.
        sandbox.set_timestamp(0);
        Self {
            sandbox,
            last: None,
        }
    }

    /// Gives `who` `amount` more tokens.
    pub fn fund(&mut self, who: &AccountId, amount: Balance) {
        self.sandbox.mint_into(who, amount).expect("mint");
    }

    /// Sets `who`'s free balance by root, as a chain's governance could: how a test makes a
    /// contract unable to pay, to see it fail with an error instead of a trap.
    pub fn force_set_balance(&mut self, who: &AccountId, amount: Balance) {
        use drink::minimal::MinimalSandboxRuntime as Runtime;
        self.sandbox
            .execute_with(|| {
                drink::pallet_balances::Pallet::<Runtime>::force_set_balance(
                    drink::frame_support::dispatch::RawOrigin::Root.into(),
                    who.clone().into(),
                    amount,
                )
            })
            .expect("force_set_balance");
    }

    /// Removes uploaded code `hash` as its uploader `by` would (`Contracts::remove_code`): refused
    /// while any contract runs it or locks it as a delegate dependency. The chain's error, by name.
    pub fn remove_code(
        &mut self,
        by: &AccountId,
        hash: ink::primitives::Hash,
    ) -> Result<(), String> {
        use drink::minimal::MinimalSandboxRuntime as Runtime;
        let hash: [u8; 32] = hash.into();
        self.sandbox
            .execute_with(|| {
                drink::pallet_contracts::Pallet::<Runtime>::remove_code(
                    drink::frame_support::dispatch::RawOrigin::Signed(by.clone()).into(),
                    hash.into(),
                )
            })
            .map(|_| ())
            .map_err(|e| format!("{:?}", e.error))
    }

    /// The code hash contract `at` runs now (its account's own code, not what it delegates to).
    pub fn code_hash_of(&mut self, at: &AccountId) -> Option<ink::primitives::Hash> {
        use drink::minimal::MinimalSandboxRuntime as Runtime;
        self.sandbox
            .execute_with(|| drink::pallet_contracts::Pallet::<Runtime>::code_hash(at))
            .map(|h| ink::primitives::Hash::from(<[u8; 32]>::from(h)))
    }

    /// The free balance of `who`.
    pub fn balance(&mut self, who: &AccountId) -> Balance {
        self.sandbox.free_balance(who)
    }

    /// Sets the block timestamp (ms).
    pub fn set_time(&mut self, ms: u64) {
        self.sandbox.set_timestamp(ms);
    }

    /// The block timestamp (ms).
    pub fn time(&mut self) -> u64 {
        self.sandbox.get_timestamp()
    }

    /// Uploads contract code and returns its code hash.
    pub fn upload(&mut self, code: Vec<u8>, by: &AccountId) -> ink::primitives::Hash {
        let result = self
            .sandbox
            .upload_contract(code, by.clone(), None, Determinism::Enforced)
            .expect("upload");
        ink::primitives::Hash::from(result.code_hash.0)
    }

    /// Instantiates contract `name` with constructor `constructor` and SCALE-encoded `args`.
    /// Returns the address, or the constructor's decoded error when it returned `Err`.
    pub fn deploy<A: Encode, E: Decode + std::fmt::Debug>(
        &mut self,
        name: &str,
        by: &AccountId,
        constructor: &str,
        args: A,
        salt: &[u8],
    ) -> Result<AccountId, E> {
        self.deploy_wasm(wasm(name), by, constructor, args, salt)
    }

    /// [`Self::deploy`] from the Wasm `code` (a `next-version` build, say).
    pub fn deploy_wasm<A: Encode, E: Decode + std::fmt::Debug>(
        &mut self,
        code: Vec<u8>,
        by: &AccountId,
        constructor: &str,
        args: A,
        salt: &[u8],
    ) -> Result<AccountId, E> {
        let mut data = selector(constructor).to_vec();
        args.encode_to(&mut data);
        let result = self.sandbox.deploy_contract(
            code,
            0,
            data,
            salt.to_vec(),
            by.clone(),
            MinimalSandbox::default_gas_limit(),
            None,
        );
        let ok = result
            .result
            .unwrap_or_else(|e| panic!("instantiating with {constructor} trapped: {e:?}"));
        if ok.result.did_revert() {
            let decoded = <Result<Result<(), E>, LangError>>::decode(&mut &ok.result.data[..])
                .expect("constructor error decodes");
            match decoded {
                Ok(Err(e)) => return Err(e),
                other => panic!("unexpected revert of {constructor}: {other:?}"),
            }
        }
        Ok(ok.account_id)
    }

    /// Uploads routed contract `name`'s router (`<name>_router`) and its builds
    /// (`./scripts/build-contracts` builds them) as `by`: returns the router's hash and the
    /// builds' ([`routed_builds`], the routes the router declares). Uploading again returns the
    /// same hashes.
    pub fn upload_routed(
        &mut self,
        name: &str,
        by: &AccountId,
    ) -> (ink::primitives::Hash, Vec<ink::primitives::Hash>) {
        let router = self.upload(wasm(&format!("{name}_router")), by);
        let builds = routed_builds(name)
            .iter()
            .map(|build| self.upload(wasm(build), by))
            .collect();
        (router, builds)
    }

    /// Deploys routed contract `name` as a deployment does (`deploy/`): uploads its router and
    /// its builds, then instantiates the main part with `new_routed` and the constructor
    /// arguments `args` of `new`, so the contract runs behind its router. Returns the address,
    /// or the constructor's error.
    pub fn deploy_routed<A: Encode, E: Decode + std::fmt::Debug>(
        &mut self,
        name: &str,
        by: &AccountId,
        args: A,
        salt: &[u8],
    ) -> Result<AccountId, E> {
        let (router, _) = self.upload_routed(name, by);
        // A tuple encodes as its fields one after another: `new`'s arguments, then the router.
        let main = routed_builds(name).swap_remove(0);
        self.deploy::<_, E>(&main, by, "new_routed", (args, router), salt)
    }

    /// Calls `message` on `contract` as `by` with `args`, transferring `value`, and returns the
    /// message's decoded return value. A trap (a panic, running out of gas) fails the test: no
    /// input may panic a contract.
    pub fn call_with_value<A: Encode, R: Decode>(
        &mut self,
        contract: &AccountId,
        by: &AccountId,
        message: &str,
        args: A,
        value: Balance,
    ) -> R {
        let data = input(message, args);
        let before = self.sandbox.events().len();
        let result = self.sandbox.call_contract(
            contract.clone(),
            value,
            data,
            by.clone(),
            MinimalSandbox::default_gas_limit(),
            None,
            Determinism::Enforced,
        );
        let events = self.sandbox.events()[before..]
            .iter()
            .filter_map(|record| match &record.event {
                RuntimeEvent::Contracts(pallet_contracts::Event::ContractEmitted {
                    data, ..
                }) => Some(data.clone()),
                _ => None,
            })
            .collect();
        let ok = result
            .result
            .unwrap_or_else(|e| panic!("`{message}` trapped: {e:?}"));
        self.last = Some(Receipt {
            ref_time: result.gas_consumed.ref_time(),
            proof_size: result.gas_consumed.proof_size(),
            reverted: ok.did_revert(),
            deposit: match result.storage_deposit {
                pallet_contracts::StorageDeposit::Charge(c) => c as i128,
                pallet_contracts::StorageDeposit::Refund(r) => -(r as i128),
            },
            events,
        });
        match <Result<R, LangError>>::decode(&mut &ok.data[..]) {
            Ok(Ok(value)) => value,
            Ok(Err(e)) => panic!("`{message}` could not be dispatched: {e:?}"),
            Err(e) => panic!("`{message}` returned undecodable data: {e:?}"),
        }
    }

    /// Calls `message` on `contract` as `by` with `args` in a dry run (nothing it does is kept)
    /// and returns what the message answered, undecoded (`Result<T, E>` of the message), or
    /// `None` if it trapped or could not be dispatched. For tests that only look at the error
    /// of a message whatever its return type (the access matrix).
    pub fn dry_call_raw<A: Encode>(
        &mut self,
        contract: &AccountId,
        by: &AccountId,
        message: &str,
        args: A,
    ) -> Option<Vec<u8>> {
        let data = input(message, args);
        let (contract, by) = (contract.clone(), by.clone());
        self.sandbox.dry_run(|sandbox| {
            let result = sandbox.call_contract(
                contract,
                0,
                data,
                by,
                MinimalSandbox::default_gas_limit(),
                None,
                Determinism::Enforced,
            );
            let ok = result.result.ok()?;
            match ok.data.split_first() {
                Some((0, answer)) => Some(answer.to_vec()),
                _ => None,
            }
        })
    }

    /// Whether calling `message` on `contract` as `by` with `args`, transferring `value`, traps
    /// (or cannot be dispatched), in a dry run: nothing it does is kept. For the few refusals a
    /// contract can only make by trapping (value sent where nothing may account for it).
    pub fn traps<A: Encode>(
        &mut self,
        contract: &AccountId,
        by: &AccountId,
        message: &str,
        args: A,
        value: Balance,
    ) -> bool {
        let data = input(message, args);
        let (contract, by) = (contract.clone(), by.clone());
        self.sandbox.dry_run(|sandbox| {
            sandbox
                .call_contract(
                    contract,
                    value,
                    data,
                    by,
                    MinimalSandbox::default_gas_limit(),
                    None,
                    Determinism::Enforced,
                )
                .result
                .is_err()
        })
    }

    /// [`Chain::call_with_value`] without a transfer.
    pub fn call<A: Encode, R: Decode>(
        &mut self,
        contract: &AccountId,
        by: &AccountId,
        message: &str,
        args: A,
    ) -> R {
        self.call_with_value(contract, by, message, args, 0)
    }

    /// Sets the registry's authorised reward pool and bounty contract as `by` (its governance):
    /// one `set_authorised` per role, stopping at the first refusal.
    pub fn authorise(
        &mut self,
        registry: &AccountId,
        by: &AccountId,
        pool: Option<ink::primitives::AccountId>,
        bounty: Option<ink::primitives::AccountId>,
    ) -> registry::Result<()> {
        use registry::AuthorisedCaller::{Bounty, RewardPool};
        let r: registry::Result<()> = self.call(registry, by, "set_authorised", (RewardPool, pool));
        r?;
        self.call(registry, by, "set_authorised", (Bounty, bounty))
    }

    /// The tokens `who` received in the last call it made: its balance change plus the
    /// storage deposit that call charged it.
    pub fn received(&mut self, who: &AccountId, balance_before: Balance) -> i128 {
        let after = self.balance(who) as i128;
        after - balance_before as i128 + self.receipt().deposit
    }

    /// The receipt of the last call.
    pub fn receipt(&self) -> &Receipt {
        self.last.as_ref().expect("a call was made")
    }

    /// A fresh chain where account 1 (the deployer, or governance) holds 10,000,000 tokens and
    /// accounts 2 to 30 hold 1,000 each.
    pub fn funded() -> Self {
        let mut chain = Self::new();
        chain.fund(&account(1), 10_000_000 * UNIT);
        for seed in 2..=30 {
            chain.fund(&account(seed), 1_000 * UNIT);
        }
        chain
    }

    /// A chain where account 1 (governance in the scenarios) holds 10,000,000 tokens and accounts
    /// 2 to 30 hold 1,000 each, with a registry governed by account 1 (Head cap 1, V.4 streaks,
    /// 64-byte references). Returns the chain and the registry's address.
    pub fn with_registry() -> (Self, AccountId) {
        let mut chain = Self::funded();
        let params = registry::Params {
            streak: registry::StreakParams::default(),
            head_cap: 1,
            max_evidence_len: 64,
        };
        let registry = chain
            .deploy_routed::<_, registry::Error>(
                "registry",
                &account(1),
                (ink_id(&account(1)), params),
                b"",
            )
            .expect("registry deploys");
        (chain, registry)
    }

    /// [`Chain::with_registry`] plus a reward pool and a bounty contract, all governed by
    /// account 1 and wired as the suite expects: pool and bounty authorised in the registry, the
    /// bounty the pool's funder, `reviewers` the pool's reviewers. The pool runs fixed periods of
    /// `period_ms` from time 0 (deadline 100 ms into each, review 100 ms, claims for ten periods)
    /// with `config`'s money figures; the bounty refunds to `treasury`, pays awards after
    /// `payout_delay_ms` and takes 64-byte references. Returns the chain, registry, pool, bounty.
    pub fn with_pool_and_bounty(
        config: PoolMoney,
        reviewers: Vec<ink::primitives::AccountId>,
        treasury: &AccountId,
        payout_delay_ms: u64,
        period_ms: u64,
    ) -> (Self, AccountId, AccountId, AccountId) {
        let (mut chain, registry) = Self::with_registry();
        let gov = account(1);
        let calendar = reward_pool::Calendar::FixedPeriods {
            start_ms: 0,
            period_ms,
            deadline_offset_ms: 100,
        };
        let config = reward_pool::Config {
            base: config.base,
            step: config.step,
            ambassador_baseline: 0,
            weights: reward_pool::Weights::v4(),
            windows: reward_pool::Windows {
                review_ms: 100,
                dispute_ms: 0,
                claim_ms: 10 * period_ms,
            },
            gate_bps: 0,
            head_bonus: config.head_bonus,
            senior_bonus: config.senior_bonus,
            max_evidence_len: 64,
            late_reports: false,
            reviewers_per_entry: 1,
            disagreement_gap: 0,
        };
        let (pool, bounty) = chain.deploy_pool_and_bounty(
            &gov,
            ink_id(&gov),
            &registry,
            (calendar, config),
            treasury,
            payout_delay_ms,
        );
        chain
            .authorise(&registry, &gov, Some(ink_id(&pool)), Some(ink_id(&bounty)))
            .expect("pool and bounty authorised");
        let r: reward_pool::Result<()> = chain.call(
            &pool,
            &gov,
            "set_reviewers",
            (reviewers, Vec::<ink::primitives::AccountId>::new()),
        );
        r.expect("reviewers set");
        let r: reward_pool::Result<()> =
            chain.call(&pool, &gov, "set_funder", Some(ink_id(&bounty)));
        r.expect("funder set");
        (chain, registry, pool, bounty)
    }

    /// Deploys a reward pool (`calendar`, `config`) and a bounty contract (refunds to `treasury`,
    /// awards after `payout_delay_ms`, 64-byte references) from `by`, both governed by
    /// `governance` and pointing at `registry`. Returns the pool and the bounty.
    pub fn deploy_pool_and_bounty(
        &mut self,
        by: &AccountId,
        governance: ink::primitives::AccountId,
        registry: &AccountId,
        (calendar, config): (reward_pool::Calendar, reward_pool::Config),
        treasury: &AccountId,
        payout_delay_ms: u64,
    ) -> (AccountId, AccountId) {
        // The time as salt: a replacement pair deployed later gets new addresses.
        let salt = self.time().to_le_bytes();
        let pool = self
            .deploy_routed::<_, reward_pool::Error>(
                "reward_pool",
                by,
                (governance, ink_id(registry), calendar, config),
                &salt,
            )
            .expect("pool deploys");
        let bounty = self
            .deploy_routed::<_, bounty::Error>(
                "bounty",
                by,
                (
                    governance,
                    ink_id(registry),
                    ink_id(&pool),
                    ink_id(treasury),
                    payout_delay_ms,
                    64u32,
                ),
                &salt,
            )
            .expect("bounty deploys");
        (pool, bounty)
    }

    /// Finalizes `month` of `pool` as `by` with the pool size the pool previews now
    /// (`finalize_preview`): what a council reads before it approves a finalize.
    pub fn finalize(
        &mut self,
        pool: &AccountId,
        by: &AccountId,
        month: u32,
    ) -> reward_pool::Result<()> {
        let size: reward_pool::Result<Balance> = self.call(pool, by, "finalize_preview", month);
        self.call(pool, by, "finalize", (month, size?))
    }

    /// Gas limit used for every call.
    pub fn gas_limit() -> Weight {
        MinimalSandbox::default_gas_limit()
    }
}
