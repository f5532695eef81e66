//! The two targets behind one interface: ink_e2e's in-process sandbox with a clock the tool moves,
//! and a node reached over WebSocket whose clock is the wall clock.

use anyhow::{anyhow, bail, Context};
use ink::env::DefaultEnvironment;
use ink::primitives::{AccountId, Hash};
use ink_e2e::subxt::dynamic::Value;
use ink_e2e::{ChainBackend, ContractsBackend, E2EBackend, Keypair, PolkadotConfig};
use ink_sandbox::api::balance_api::BalanceAPI;
use ink_sandbox::api::timestamp_api::TimestampAPI;
use ink_sandbox::Sandbox;
use scale::{Decode, Encode};
use std::cell::Cell;
use std::fmt::Debug;
use std::path::Path;

/// The contracts, in deployment order.
pub const CONTRACTS: [&str; 4] = ["governor", "registry", "reward_pool", "bounty"];

thread_local! {
    /// The sandbox's time (ms). Each thread (each test) has its own sandbox clock.
    static SANDBOX_NOW: Cell<u64> = const { Cell::new(0) };
}

/// What the sandbox gives each dev account (alice … ferdie, one, two): 10¹² tokens of 12
/// decimals, so that a demo can move a realistic treasury.
pub const SANDBOX_ENDOWMENT: u128 = 1_000_000_000_000 * 1_000_000_000_000;

/// ink_e2e's default sandbox with a clock the caller sets ([`Clock::Sandbox`]): every block it
/// executes is stamped with the clock's time. Dev accounts start with [`SANDBOX_ENDOWMENT`].
pub struct ClockSandbox(ink_e2e::DefaultSandbox);

impl Default for ClockSandbox {
    fn default() -> Self {
        let mut sandbox = ink_e2e::DefaultSandbox::default();
        for key in [
            ink_e2e::alice(),
            ink_e2e::bob(),
            ink_e2e::charlie(),
            ink_e2e::dave(),
            ink_e2e::eve(),
            ink_e2e::ferdie(),
            ink_e2e::one(),
            ink_e2e::two(),
        ] {
            let who = key.public_key().0.into();
            // Minting into a fresh in-memory runtime cannot fail for this amount.
            let _ = sandbox.mint_into(&who, SANDBOX_ENDOWMENT);
        }
        Self(sandbox)
    }
}

impl Sandbox for ClockSandbox {
    type Runtime = <ink_e2e::DefaultSandbox as Sandbox>::Runtime;

    fn execute_with<T>(&mut self, execute: impl FnOnce() -> T) -> T {
        let now = SANDBOX_NOW.with(Cell::get);
        self.0.set_timestamp(now);
        self.0.execute_with(execute)
    }

    fn dry_run<T>(&mut self, action: impl FnOnce(&mut Self) -> T) -> T {
        let snapshot = self.0.take_snapshot();
        let result = action(self);
        self.0.restore_snapshot(snapshot);
        result
    }

    fn register_extension<E: std::any::Any + ink_sandbox::Extension>(&mut self, ext: E) {
        self.0.register_extension(ext)
    }

    fn default_actor() -> ink_sandbox::AccountIdFor<Self::Runtime> {
        ink_e2e::DefaultSandbox::default_actor()
    }

    fn get_metadata() -> ink_sandbox::RuntimeMetadataPrefixed {
        ink_e2e::DefaultSandbox::get_metadata()
    }

    fn convert_account_to_origin(
        account: ink_sandbox::AccountIdFor<Self::Runtime>,
    ) -> <<Self::Runtime as ink_sandbox::frame_system::Config>::RuntimeCall as ink_sandbox::frame_support::sp_runtime::traits::Dispatchable>::RuntimeOrigin{
        ink_e2e::DefaultSandbox::convert_account_to_origin(account)
    }

    fn take_snapshot(&mut self) -> ink_sandbox::Snapshot {
        self.0.take_snapshot()
    }

    fn restore_snapshot(&mut self, snapshot: ink_sandbox::Snapshot) {
        self.0.restore_snapshot(snapshot)
    }
}

/// Whose clock a flow runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clock {
    /// The sandbox's, which the flow moves.
    Sandbox,
    /// The wall clock, which a real chain's blocks follow.
    Wall,
}

/// The wall clock in ms since 1970.
pub fn wall_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0)
}

impl Clock {
    /// The time now (ms).
    pub fn now(self) -> u64 {
        match self {
            Clock::Sandbox => SANDBOX_NOW.with(Cell::get),
            Clock::Wall => wall_ms(),
        }
    }

    /// Sets the sandbox clock (this thread's); no effect on the wall clock.
    pub fn set(self, ms: u64) {
        if self == Clock::Sandbox {
            SANDBOX_NOW.with(|now| now.set(ms));
        }
    }

    /// Lets time pass until `t`. On a real chain it also seals a block (a tiny transfer from
    /// `payer`) so that the next dry run, which runs on the last block, sees the new time.
    pub async fn wait_until<C: Chain>(self, client: &mut C, payer: &Keypair, t: u64) {
        match self {
            Clock::Sandbox => SANDBOX_NOW.with(|now| now.set(now.get().max(t))),
            Clock::Wall => {
                let now = self.now();
                if t >= now {
                    let wait = t - now + 500;
                    ink_e2e::tokio::time::sleep(std::time::Duration::from_millis(wait)).await;
                }
                let _ = client
                    .create_and_fund_account(payer, C::Balance::from(u32::MAX))
                    .await;
            }
        }
    }
}

/// A chain the tool can deploy to and drive: either ink_e2e client, with the few things the
/// ink_e2e traits do not give uniformly.
#[allow(async_fn_in_trait)]
pub trait Chain:
    E2EBackend<DefaultEnvironment>
    + ChainBackend<Error: Debug>
    + ContractsBackend<DefaultEnvironment, Error: Debug>
{
    /// The free balance of `who` in smallest units.
    async fn balance(&mut self, who: AccountId) -> anyhow::Result<u128>;

    /// The clock this chain runs on.
    fn clock(&self) -> Clock;

    /// Sends `amount` from `from` to `to` (Balances `transfer_keep_alive`).
    async fn transfer(
        &mut self,
        from: &Keypair,
        to: AccountId,
        amount: u128,
    ) -> anyhow::Result<()> {
        self.runtime_call(
            from,
            "Balances",
            "transfer_keep_alive",
            vec![
                Value::unnamed_variant("Id", [Value::from_bytes(to)]),
                Value::u128(amount),
            ],
        )
        .await
        .map_err(|e| anyhow!("transfer to {}: {e:?}", crate::config::ss58(&to)))?;
        Ok(())
    }
}

/// The in-process sandbox client.
pub type SandboxChain = ink_e2e::SandboxClient<AccountId, Hash, ClockSandbox>;

/// A node client.
pub type NodeChain = ink_e2e::Client<PolkadotConfig, DefaultEnvironment>;

impl Chain for SandboxChain {
    async fn balance(&mut self, who: AccountId) -> anyhow::Result<u128> {
        self.free_balance(who)
            .await
            .map_err(|e| anyhow!("balance: {e:?}"))
    }

    fn clock(&self) -> Clock {
        Clock::Sandbox
    }
}

impl Chain for NodeChain {
    async fn balance(&mut self, who: AccountId) -> anyhow::Result<u128> {
        self.free_balance(who)
            .await
            .map_err(|e| anyhow!("balance: {e:?}"))
    }

    fn clock(&self) -> Clock {
        Clock::Wall
    }
}

/// The release bundles' Wasm files, as ink_e2e's clients load them (by file stem).
pub fn bundles(dir: &Path) -> anyhow::Result<Vec<std::path::PathBuf>> {
    CONTRACTS
        .iter()
        .map(|name| {
            let path = dir.join(format!("{name}.wasm"));
            if path.is_file() {
                Ok(path)
            } else {
                Err(anyhow!(
                    "{} is missing: run ./scripts/build-contracts first",
                    path.display()
                ))
            }
        })
        .collect()
}

/// A sandbox with the clock at `now_ms`.
pub fn sandbox(dir: &Path, now_ms: u64) -> anyhow::Result<SandboxChain> {
    Clock::Sandbox.set(now_ms);
    Ok(SandboxChain::new(bundles(dir)?))
}

/// Connects to the node at `url`.
///
/// Errors: the node does not answer (the message names the `target` field).
pub async fn node(dir: &Path, url: &str) -> anyhow::Result<NodeChain> {
    let bundles = bundles(dir)?;
    let rpc = ink_e2e::RpcClient::from_url(url)
        .await
        .with_context(|| format!("config field `target`: no node answers at {url}"))?;
    NodeChain::new(rpc, bundles)
        .await
        .with_context(|| format!("config field `target`: {url} is not a contracts chain"))
}

/// A message ready to send, as the contracts' `ContractRef` builders make it.
pub type Message<Args, R> = ink_e2e::CallBuilderFinal<DefaultEnvironment, Args, R>;

/// Decodes a message's return data, refusing a trap or an ink! `LangError` (a wrong address in a
/// manifest, say) instead of panicking as ink_e2e's `return_value` would.
fn decode<R: Decode>(data: &[u8], what: &str) -> anyhow::Result<R> {
    let result: ink::MessageResult<R> = Decode::decode(&mut &data[..]).map_err(|e| {
        anyhow!("{what}: the answer does not decode ({e}); is this the suite's contract?")
    })?;
    result.map_err(|e| anyhow!("{what}: {e:?}; is this the suite's contract?"))
}

/// Reads `msg` as `who` with a dry run (no transaction).
///
/// Errors: the chain refused the dry run, the contract trapped, or the answer is not `R`.
pub async fn read<C: Chain, Args: Sync + Encode + Clone, R: Send + Decode>(
    client: &mut C,
    who: &Keypair,
    msg: &Message<Args, R>,
    what: &str,
) -> anyhow::Result<R> {
    let dry = client
        .call(who, msg)
        .dry_run()
        .await
        .map_err(|e| anyhow!("{what}: {e:?}"))?;
    if dry.is_err() {
        bail!("{what}: the contract trapped ({})", dry.debug_message());
    }
    decode(dry.return_data(), what)
}

/// Sends `msg` as `who` (with `value` attached, and `gas` when given instead of the dry run's
/// estimate) and returns what the message returned.
///
/// Errors: the transaction failed, or the message returned its error `E` (named by `what`).
pub async fn send<
    C: Chain,
    Args: Sync + Encode + Clone,
    R: Send + Decode,
    E: Send + Decode + Debug,
>(
    client: &mut C,
    who: &Keypair,
    msg: &Message<Args, Result<R, E>>,
    value: u128,
    gas: Option<(u64, u64)>,
    what: &str,
) -> anyhow::Result<R> {
    let mut call = client.call(who, msg);
    call.value(value);
    if let Some((ref_time, proof_size)) = gas {
        call.gas_limit(ink_sandbox::Weight::from_parts(ref_time, proof_size));
    }
    let result = call.submit().await.map_err(|e| anyhow!("{what}: {e:?}"))?;
    decode::<Result<R, E>>(result.return_data(), what)?.map_err(|e| anyhow!("{what}: {e:?}"))
}
