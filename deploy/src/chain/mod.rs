//! The two targets behind one interface ([`Chain`]): the in-process sandbox with a clock the tool
//! moves ([`SandboxChain`]), and a node reached over WebSocket whose clock is the wall clock
//! ([`NodeChain`]). The contracts' own `ContractRef` builders encode every message ([`read`],
//! [`send`]).

pub mod events;
mod node;
mod sandbox;

pub use node::NodeChain;
pub use sandbox::SandboxChain;

use anyhow::{anyhow, bail};
use ink::env::DefaultEnvironment;
use ink::primitives::{AccountId, Hash};
use ink_e2e::Keypair;
use ink_sandbox::api::balance_api::BalanceAPI;
use ink_sandbox::api::timestamp_api::TimestampAPI;
use ink_sandbox::Sandbox;
pub use ink_sandbox::Weight;
use scale::{Decode, Encode};
use std::cell::Cell;
use std::fmt::Debug;
use std::path::{Path, PathBuf};

/// The contracts, in deployment order.
pub const CONTRACTS: [&str; 4] = ["governor", "registry", "reward_pool", "bounty"];
/// The contracts a deployment puts behind a router (issue 20): each is instantiated from its
/// main part with `new_routed` and runs the router, which sends each call to the one of its
/// builds that serves it. Their whole builds are never uploaded: they are where clients read
/// the ABI, and the manifest records their hashes under the contracts' names so that clients
/// can check they read the right one ([`bundle_hash`]).
pub const ROUTED: [&str; 4] = ["governor", "registry", "reward_pool", "bounty"];

/// The builds of routed contract `name` behind its router, in route order (the main part
/// first), as `./scripts/build-contracts` lists them in `<name>.routes` beside the bundles.
///
/// Errors: the list is missing or unreadable.
pub fn routed_builds(dir: &Path, name: &str) -> anyhow::Result<Vec<String>> {
    let path = dir.join(format!("{name}.routes"));
    let text = std::fs::read_to_string(&path).map_err(|e| {
        anyhow!(
            "{}: {e}; run ./scripts/build-contracts first",
            path.display()
        )
    })?;
    Ok(text.lines().map(String::from).collect())
}

/// Every code a deployment uploads, in order: for each contract (deployment order) its code,
/// or for a [`ROUTED`] one its router (`<name>_router`) and then its builds in route order.
///
/// Errors: a routed contract's build list is missing.
pub fn uploads(dir: &Path) -> anyhow::Result<Vec<String>> {
    let mut names = Vec::new();
    for name in CONTRACTS {
        if ROUTED.contains(&name) {
            names.push(format!("{name}_router"));
            names.extend(routed_builds(dir, name)?);
        } else {
            names.push(name.to_string());
        }
    }
    Ok(names)
}

/// The code hash bundle `name` would have on a chain (blake2-256 of its Wasm, as
/// pallet-contracts hashes code), without uploading it.
///
/// Errors: the bundle is missing or unreadable.
pub fn bundle_hash(dir: &Path, name: &str) -> anyhow::Result<Hash> {
    let code = std::fs::read(bundle(dir, name)?)?;
    let mut out = [0u8; 32];
    ink::env::hash_bytes::<ink::env::hash::Blake2x256>(&code, &mut out);
    Ok(Hash::from(out))
}

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
                crate::progress::countdown(t.saturating_add(500), "waiting for the chain's clock")
                    .await;
                // A refused block still moves the chain's clock with the next one.
                let _ = client.seal_block(payer).await;
            }
        }
    }
}

/// What a dry run said: the weight and storage deposit the call needs and what it answered.
#[derive(Debug, Clone)]
pub struct DryRun {
    /// The weight to send it with (ref_time ps, proof size B).
    pub gas_required: Weight,
    /// The storage deposit it would charge (0 when it refunds).
    pub deposit: u128,
    /// The contract's answer (flags, data), or the chain's refusal in words (a trap, a
    /// missing contract, too little balance).
    pub outcome: Result<(u32, Vec<u8>), String>,
}

impl DryRun {
    /// Whether the contract reverted (ink! sets the flag when a message returns an error).
    pub fn reverted(&self) -> bool {
        matches!(self.outcome, Ok((flags, _)) if flags & 1 == 1)
    }
}

/// What a sent transaction did.
#[derive(Debug, Clone, Default)]
pub struct Receipt {
    /// Where it landed: "block #12 (0xab12…)", "the sandbox".
    pub block: String,
    /// Whether that block is final (always on the sandbox).
    pub finalized: bool,
    /// The fee the chain charged, when it says.
    pub fee: Option<u128>,
    /// The suite's events it emitted, in words ([`events::Events::describe`]).
    pub events: Vec<String>,
}

/// A chain the tool can deploy to and drive, in pallet-contracts' terms: dry runs, calls,
/// uploads and instantiations of encoded input (the contracts' own `ContractRef` builders
/// encode it: [`read`], [`send`]), balances and transfers. Two implementations: the in-process
/// sandbox ([`SandboxChain`]) and a node over WebSocket ([`NodeChain`], subxt).
#[allow(async_fn_in_trait)]
pub trait Chain {
    /// The clock this chain runs on.
    fn clock(&self) -> Clock;

    /// Where this chain's client reads the release bundles.
    fn bundles_dir(&self) -> &Path;

    /// The free balance of `who` in smallest units.
    async fn balance(&mut self, who: AccountId) -> anyhow::Result<u128>;

    /// Sends `amount` from `from` to `to` (Balances `transfer_keep_alive`).
    ///
    /// Errors: the chain refused the transfer.
    async fn transfer(
        &mut self,
        from: &Keypair,
        to: AccountId,
        amount: u128,
    ) -> anyhow::Result<Receipt>;

    /// Dry-runs a call of `dest` with `input` and `value` as `who` on the latest block.
    ///
    /// Errors: the chain could not be asked (a refusal by the chain or the contract is in
    /// [`DryRun::outcome`]).
    async fn dry_call(
        &mut self,
        who: &Keypair,
        dest: AccountId,
        value: u128,
        input: Vec<u8>,
    ) -> anyhow::Result<DryRun>;

    /// The fee the chain would charge for that call, when it can say (a node, not the sandbox).
    async fn fee(
        &mut self,
        who: &Keypair,
        dest: AccountId,
        value: u128,
        input: Vec<u8>,
        gas: Weight,
    ) -> Option<u128>;

    /// Sends the call with weight limit `gas`; returns once its block is final.
    ///
    /// Errors: the transaction was invalid, dropped or failed (a contract that reverts fails
    /// it), in the chain's words.
    async fn call(
        &mut self,
        who: &Keypair,
        dest: AccountId,
        value: u128,
        input: Vec<u8>,
        gas: Weight,
    ) -> anyhow::Result<Receipt>;

    /// Uploads bundle `name`'s code (code already stored is not stored twice); returns its hash.
    ///
    /// Errors: the bundle is missing; the chain refused the code.
    async fn upload(&mut self, who: &Keypair, name: &str) -> anyhow::Result<(Hash, Receipt)>;

    /// Instantiates uploaded code `code_hash` with constructor `input` and `salt`; returns the
    /// new contract's address.
    ///
    /// Errors: the constructor failed or the chain refused.
    async fn instantiate(
        &mut self,
        who: &Keypair,
        code_hash: Hash,
        input: Vec<u8>,
        salt: Vec<u8>,
    ) -> anyhow::Result<(AccountId, Receipt)>;

    /// Makes the chain produce a block (a node that seals on transactions keeps its last
    /// block's time until then); nothing on the sandbox, whose clock the tool sets.
    async fn seal_block(&mut self, payer: &Keypair) -> anyhow::Result<()>;

    /// What the chain says of itself, for a manifest: all `None` on the sandbox.
    async fn facts(&mut self) -> Facts;

    /// The decoder of the suite's events, which receipts use; name the deployed contracts in
    /// it ([`events::Events::name`]) so that each event is said to come from its emitter.
    fn events(&mut self) -> &mut events::Events;
}

/// What a chain says of itself: its name, genesis hash (hex) and latest block number.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    /// `system_chain`: "Development", "Phala".
    pub name: Option<String>,
    /// The genesis block's hash, hex without `0x`.
    pub genesis: Option<String>,
    /// The best block's number.
    pub block: Option<u64>,
}

/// The release bundles' Wasm file for contract `name`.
///
/// Errors: it is missing (the contracts were not built).
pub fn bundle(dir: &Path, name: &str) -> anyhow::Result<PathBuf> {
    let path = dir.join(format!("{name}.wasm"));
    if path.is_file() {
        Ok(path)
    } else {
        Err(anyhow!(
            "{} is missing: run ./scripts/build-contracts first",
            path.display()
        ))
    }
}

/// The release bundles' Wasm files of every code a deployment uploads.
///
/// Errors: one is missing.
pub fn bundles(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    uploads(dir)?
        .iter()
        .chain(ROUTED.map(String::from).iter())
        .map(|name| bundle(dir, name))
        .collect()
}

/// A sandbox with the clock at `now_ms`.
///
/// Errors: a bundle is missing.
pub fn sandbox(dir: &Path, now_ms: u64) -> anyhow::Result<SandboxChain> {
    Clock::Sandbox.set(now_ms);
    SandboxChain::new(dir)
}

/// Connects to the node at `url`.
///
/// Errors: no node answers there, or it is not a contracts chain.
pub async fn node(dir: &Path, url: &str) -> anyhow::Result<NodeChain> {
    NodeChain::connect(dir, url).await
}

/// A message ready to send, as the contracts' `ContractRef` builders make it.
pub type Message<Args, R> = ink_e2e::CallBuilderFinal<DefaultEnvironment, Args, R>;

/// A message's callee and encoded input.
pub fn encoded<Args: Encode + Clone, R>(msg: &Message<Args, R>) -> (AccountId, Vec<u8>) {
    let params = msg.clone().params();
    (*params.callee(), params.exec_input().encode())
}

/// What a `ContractRef`'s constructor (`RegistryRef::new(…)`) returns: the input set, the code
/// hash, endowment and salt not yet.
pub type Constructor<C, Args, R> = ink::env::call::CreateBuilder<
    DefaultEnvironment,
    C,
    ink::env::call::utils::Unset<Hash>,
    ink::env::call::utils::Set<ink::env::call::LimitParamsV2<DefaultEnvironment>>,
    ink::env::call::utils::Unset<u128>,
    ink::env::call::utils::Set<ink::env::call::ExecutionInput<Args>>,
    ink::env::call::utils::Unset<ink::env::call::state::Salt>,
    ink::env::call::utils::Set<ink::env::call::utils::ReturnType<R>>,
>;

/// A constructor's encoded input (selector and arguments), as a `ContractRef`'s `new` builds it.
pub fn constructor_input<C, Args: Encode, R>(builder: Constructor<C, Args, R>) -> Vec<u8> {
    // Only the input is wanted: the other parts are filled to make the parameters whole.
    builder
        .endowment(0)
        .code_hash(Hash::from([0u8; 32]))
        .salt_bytes(Vec::new())
        .params()
        .exec_input()
        .encode()
}

/// Decodes a message's return data, refusing an ink! `LangError` (a wrong address in a
/// manifest, say) instead of panicking.
fn decode<R: Decode>(data: &[u8], what: &str) -> anyhow::Result<R> {
    let result: ink::MessageResult<R> = Decode::decode(&mut &data[..]).map_err(|e| {
        anyhow!("{what}: the answer does not decode ({e}); is this the suite's contract?")
    })?;
    result.map_err(|e| anyhow!("{what}: {e:?}; is this the suite's contract?"))
}

/// Dry-runs `msg` as `who` with `value` and returns the dry run and the decoded answer.
///
/// Errors: the chain refused the dry run, the contract trapped, or the answer is not `R`.
pub async fn dry_run<C: Chain, Args: Encode + Clone, R: Decode>(
    client: &mut C,
    who: &Keypair,
    msg: &Message<Args, R>,
    value: u128,
    what: &str,
) -> anyhow::Result<(DryRun, R)> {
    let (dest, input) = encoded(msg);
    let dry = client.dry_call(who, dest, value, input).await?;
    let answer = match &dry.outcome {
        Ok((_, data)) => decode(data, what)?,
        Err(e) => bail!("{what}: {e}"),
    };
    Ok((dry, answer))
}

/// Reads `msg` as `who` with a dry run (no transaction).
///
/// Errors: the chain refused the dry run, the contract trapped, or the answer is not `R`.
pub async fn read<C: Chain, Args: Encode + Clone, R: Decode>(
    client: &mut C,
    who: &Keypair,
    msg: &Message<Args, R>,
    what: &str,
) -> anyhow::Result<R> {
    Ok(dry_run(client, who, msg, 0, what).await?.1)
}

/// Sends `msg` as `who` (with `value` attached) after a dry run that must accept it, with the
/// dry run's weight, and returns what the message answered in that dry run (a chain does not
/// hand a transaction's return data back; the transaction succeeding means the message did not
/// return an error, which would have reverted it).
///
/// Errors: the dry run or the transaction failed, or the message returned its error `E`
/// (named by `what`).
pub async fn send<C: Chain, Args: Encode + Clone, R: Decode, E: Decode + Debug>(
    client: &mut C,
    who: &Keypair,
    msg: &Message<Args, Result<R, E>>,
    value: u128,
    what: &str,
) -> anyhow::Result<R> {
    Ok(send_receipt(client, who, msg, value, what).await?.0)
}

/// [`send`], with the transaction's [`Receipt`].
///
/// Errors: as [`send`].
pub async fn send_receipt<C: Chain, Args: Encode + Clone, R: Decode, E: Decode + Debug>(
    client: &mut C,
    who: &Keypair,
    msg: &Message<Args, Result<R, E>>,
    value: u128,
    what: &str,
) -> anyhow::Result<(R, Receipt)> {
    let (dry, answer) = dry_run(client, who, msg, value, what).await?;
    let answer = answer.map_err(|e| anyhow!("{what}: {e:?}"))?;
    let receipt = call_as_dry_run(client, who, msg, value, &dry, what).await?;
    Ok((answer, receipt))
}

/// Sends a message whose answer is not a `Result` (a payable `deposit`, say) after a dry run
/// that must not trap or revert; returns the dry run's answer and the [`Receipt`].
///
/// Errors: the dry run trapped, reverted or was refused; the transaction failed.
pub async fn send_plain<C: Chain, Args: Encode + Clone, R: Decode>(
    client: &mut C,
    who: &Keypair,
    msg: &Message<Args, R>,
    value: u128,
    what: &str,
) -> anyhow::Result<(R, Receipt)> {
    let (dry, answer) = dry_run(client, who, msg, value, what).await?;
    if dry.reverted() {
        bail!("{what}: refused in the dry run; nothing was sent");
    }
    let receipt = call_as_dry_run(client, who, msg, value, &dry, what).await?;
    Ok((answer, receipt))
}

/// Sends `msg` with the weight its dry run `dry` required.
async fn call_as_dry_run<C: Chain, Args: Encode + Clone, R>(
    client: &mut C,
    who: &Keypair,
    msg: &Message<Args, R>,
    value: u128,
    dry: &DryRun,
    what: &str,
) -> anyhow::Result<Receipt> {
    let (dest, input) = encoded(msg);
    client
        .call(who, dest, value, input, dry.gas_required)
        .await
        .map_err(|e| anyhow!("{what}: {e:#}"))
}

/// Sends `msg` with the fixed weight `gas` and no dry run: for a call the last block cannot
/// judge because the chain's clock is behind (a node that seals blocks only on transactions
/// keeps its last block's time until the next one, which this transaction makes). The block it
/// lands in decides: a message that returns its error reverts, which fails the transaction.
///
/// Errors: the transaction failed (the message refused in its block, or the chain did).
pub async fn send_fixed<C: Chain, Args: Encode + Clone, E: Decode + Debug>(
    client: &mut C,
    who: &Keypair,
    msg: &Message<Args, Result<(), E>>,
    gas: (u64, u64),
    what: &str,
) -> anyhow::Result<Receipt> {
    let (dest, input) = encoded(msg);
    client
        .call(who, dest, 0, input, Weight::from_parts(gas.0, gas.1))
        .await
        .map_err(|e| anyhow!("{what}: refused in its block: {e:#}"))
}
