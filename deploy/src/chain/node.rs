//! A node over WebSocket, through subxt 0.38 (which signs for current polkadot-sdk runtimes,
//! `CheckMetadataHash` included): dry runs through the `ContractsApi` runtime API, transactions
//! signed with the tool's keys and followed until their block is final. A transaction that is
//! invalid, dropped or failed is an error in the chain's words, never a panic.

use super::events::Events;
use super::{bundle, Chain, Clock, DryRun, Receipt, CONTRACTS};
use anyhow::{anyhow, bail, Context};
use ink::primitives::{AccountId, Hash};
use ink_e2e::Keypair;
use ink_sandbox::pallet_contracts::{
    Code, CodeUploadResult, ContractExecResult, ContractInstantiateResult, Determinism,
};
use ink_sandbox::{DispatchError, Weight};
use scale::{Decode, Encode};
use std::path::{Path, PathBuf};
use std::time::Duration;
use subxt::backend::legacy::LegacyRpcMethods;
use subxt::backend::rpc::RpcClient;
use subxt::dynamic::Value;
use subxt::ext::scale_value::At;
use subxt::tx::{Payload, TxStatus};
use subxt::utils::{AccountId32, MultiAddress, MultiSignature, H256};
use subxt::{OnlineClient, PolkadotConfig};

/// How long a transaction may take from submission to a final block before the tool gives up
/// on it (it may still land: the error says so).
const FINALITY_WAIT: Duration = Duration::from_secs(300);

/// Where a node client's progress lines go.
pub type Progress = Box<dyn FnMut(&str) + Send>;

/// A node client.
pub struct NodeChain {
    api: OnlineClient<PolkadotConfig>,
    rpc: LegacyRpcMethods<PolkadotConfig>,
    dir: PathBuf,
    events: Events,
    /// What the node calls its chain (`system_chain`).
    pub name: Option<String>,
    /// Where progress lines about transactions go (in block, final); silent by default.
    pub progress: Option<Progress>,
}

/// The tool's key (subxt-signer 0.35, as ink_e2e holds it) as a subxt 0.38 signer.
struct Signer<'a>(&'a Keypair);

impl subxt::tx::Signer<PolkadotConfig> for Signer<'_> {
    fn account_id(&self) -> AccountId32 {
        AccountId32(self.0.public_key().0)
    }

    fn address(&self) -> MultiAddress<AccountId32, ()> {
        MultiAddress::Id(self.account_id())
    }

    fn sign(&self, payload: &[u8]) -> MultiSignature {
        MultiSignature::Sr25519(self.0.sign(payload).0)
    }
}

fn weight_value(w: Weight) -> Value {
    Value::named_composite([
        ("ref_time", Value::u128(u128::from(w.ref_time()))),
        ("proof_size", Value::u128(u128::from(w.proof_size()))),
    ])
}

fn none() -> Value {
    Value::unnamed_variant("None", [])
}

impl NodeChain {
    /// Connects to the node at `url` and reads its metadata.
    ///
    /// Errors: no node answers there, or it has no contracts pallet; a bundle's metadata is
    /// missing.
    pub async fn connect(dir: &Path, url: &str) -> anyhow::Result<Self> {
        let rpc = RpcClient::from_insecure_url(url)
            .await
            .with_context(|| format!("config field `target`: no node answers at {url}"))?;
        let api = OnlineClient::<PolkadotConfig>::from_rpc_client(rpc.clone())
            .await
            .with_context(|| format!("{url}: the node's metadata could not be read"))?;
        if api.metadata().pallet_by_name("Contracts").is_none() {
            bail!("config field `target`: {url} is not a contracts chain (no Contracts pallet)");
        }
        let rpc = LegacyRpcMethods::<PolkadotConfig>::new(rpc);
        let name = rpc.system_chain().await.ok();
        Ok(Self {
            api,
            rpc,
            dir: dir.to_path_buf(),
            events: Events::load(dir, &CONTRACTS)?,
            name,
            progress: None,
        })
    }

    fn say(&mut self, line: &str) {
        if let Some(progress) = self.progress.as_mut() {
            progress(line);
        }
    }

    /// Calls runtime API function `func` with SCALE-encoded `params` on the best block.
    async fn state_call(&self, func: &str, params: Vec<u8>) -> anyhow::Result<Vec<u8>> {
        self.rpc
            .state_call(func, Some(&params), None)
            .await
            .map_err(|e| anyhow!("{func}: {e}"))
    }

    /// A runtime `DispatchError` in the chain's words ("Contracts::ContractTrapped: …").
    fn words(&self, e: &DispatchError) -> String {
        match subxt::error::DispatchError::decode_from(e.encode(), self.api.metadata()) {
            Ok(e) => e.to_string(),
            Err(_) => format!("{e:?}"),
        }
    }

    /// Signs `payload` as `who`, submits it and follows it until its block is final.
    ///
    /// Errors: signing (nonce, metadata), an invalid/dropped transaction, a failed
    /// extrinsic, or no final block within [`FINALITY_WAIT`].
    async fn submit<P: Payload>(
        &mut self,
        who: &Keypair,
        payload: P,
        what: &str,
    ) -> anyhow::Result<Receipt> {
        let tx = self
            .api
            .tx()
            .create_signed(&payload, &Signer(who), Default::default())
            .await
            .map_err(|e| anyhow!("{what}: could not be signed: {e}"))?;
        let mut progress = tx
            .submit_and_watch()
            .await
            .map_err(|e| anyhow!("{what}: the node refused the transaction: {e}"))?;
        let deadline = tokio::time::Instant::now() + FINALITY_WAIT;
        let mut in_block: Option<H256> = None;
        loop {
            let status = tokio::time::timeout_at(deadline, progress.next()).await;
            let status = match status {
                Err(_) => bail!(
                    "{what}: no final block within {} s{}",
                    FINALITY_WAIT.as_secs(),
                    in_block
                        .map(|h| format!(" (it is in block {h:?}, which may still become final)"))
                        .unwrap_or_default()
                ),
                Ok(None) => bail!(
                    "{what}: the node stopped reporting on the transaction{}",
                    landed(in_block)
                ),
                Ok(Some(Err(e))) => bail!("{what}: {e}{}", landed(in_block)),
                Ok(Some(Ok(status))) => status,
            };
            match status {
                TxStatus::InBestBlock(b) => {
                    in_block = Some(b.block_hash());
                    let number = self.block_number(b.block_hash()).await;
                    self.say(&format!("  in block {number}, waiting until it is final"));
                }
                TxStatus::InFinalizedBlock(b) => {
                    let number = self.block_number(b.block_hash()).await;
                    let events = b.wait_for_success().await.map_err(|e| match e {
                        subxt::Error::Runtime(e) => {
                            anyhow!("{what}: failed in block {number}: {e}")
                        }
                        // Final, but its outcome could not be read: it may have succeeded.
                        e => anyhow!(
                            "{what}: in final block {number}, but its events could not be read \
                             ({e}): check before sending again"
                        ),
                    })?;
                    let mut receipt = Receipt {
                        block: format!("block {number} ({:?})", b.block_hash()),
                        finalized: true,
                        fee: None,
                        events: Vec::new(),
                    };
                    for event in events.iter() {
                        let Ok(event) = event else { continue };
                        match (event.pallet_name(), event.variant_name()) {
                            ("Contracts", "ContractEmitted") => {
                                let topics: Vec<[u8; 32]> =
                                    event.topics().iter().map(|t| t.0).collect();
                                // The fields: the contract's address, then its data.
                                if let Ok((from, data)) =
                                    <([u8; 32], Vec<u8>)>::decode(&mut event.field_bytes())
                                {
                                    receipt
                                        .events
                                        .push(self.events.describe(from, &topics, &data));
                                }
                            }
                            ("TransactionPayment", "TransactionFeePaid") => {
                                // who, actual_fee, tip
                                if let Ok((_, fee, _)) =
                                    <([u8; 32], u128, u128)>::decode(&mut event.field_bytes())
                                {
                                    receipt.fee = Some(fee);
                                }
                            }
                            _ => {}
                        }
                    }
                    return Ok(receipt);
                }
                TxStatus::Invalid { message } => bail!(
                    "{what}: the transaction is invalid: {message}{}",
                    landed(in_block)
                ),
                TxStatus::Dropped { message } => bail!(
                    "{what}: the transaction was dropped: {message}{}",
                    landed(in_block)
                ),
                TxStatus::Error { message } => bail!("{what}: {message}{}", landed(in_block)),
                TxStatus::NoLongerInBestBlock => {
                    self.say("  its block was retracted; waiting for the chain to settle");
                }
                TxStatus::Validated | TxStatus::Broadcasted { .. } => {}
            }
        }
    }

    /// "#12" for block `hash`, or its hash when the header cannot be read.
    async fn block_number(&self, hash: H256) -> String {
        match self.rpc.chain_get_header(Some(hash)).await {
            Ok(Some(h)) => format!("#{}", h.number),
            _ => format!("{hash:?}"),
        }
    }

    fn call_payload(dest: AccountId, value: u128, input: Vec<u8>, gas: Weight) -> impl Payload {
        subxt::dynamic::tx(
            "Contracts",
            "call",
            vec![
                Value::unnamed_variant("Id", [Value::from_bytes(dest)]),
                Value::u128(value),
                weight_value(gas),
                none(),
                Value::from_bytes(input),
            ],
        )
    }
}

impl Chain for NodeChain {
    fn clock(&self) -> Clock {
        Clock::Wall
    }

    fn bundles_dir(&self) -> &std::path::Path {
        &self.dir
    }

    async fn balance(&mut self, who: AccountId) -> anyhow::Result<u128> {
        let key = subxt::dynamic::storage("System", "Account", vec![Value::from_bytes(who)]);
        let account = self
            .api
            .storage()
            .at_latest()
            .await?
            .fetch_or_default(&key)
            .await?
            .to_value()?;
        let free = account
            .at("data")
            .and_then(|d| d.at("free"))
            .and_then(|f| f.as_u128())
            .ok_or_else(|| anyhow!("balance: the account record has no data.free"))?;
        Ok(free)
    }

    async fn transfer(
        &mut self,
        from: &Keypair,
        to: AccountId,
        amount: u128,
    ) -> anyhow::Result<Receipt> {
        let payload = subxt::dynamic::tx(
            "Balances",
            "transfer_keep_alive",
            vec![
                Value::unnamed_variant("Id", [Value::from_bytes(to)]),
                Value::u128(amount),
            ],
        );
        let what = format!("transfer to {}", crate::config::ss58(&to));
        self.submit(from, payload, &what).await
    }

    async fn dry_call(
        &mut self,
        who: &Keypair,
        dest: AccountId,
        value: u128,
        input: Vec<u8>,
    ) -> anyhow::Result<DryRun> {
        let origin: [u8; 32] = who.public_key().0;
        let dest: [u8; 32] = *dest.as_ref();
        let params = (origin, dest, value, None::<Weight>, None::<u128>, input).encode();
        let bytes = self.state_call("ContractsApi_call", params).await?;
        // The last field (the events the call emitted) is not decoded: its type is the runtime's.
        let result = ContractExecResult::<u128, ()>::decode(&mut &bytes[..])
            .map_err(|e| anyhow!("ContractsApi_call: the answer does not decode ({e})"))?;
        Ok(DryRun {
            gas_required: result.gas_required,
            deposit: result.storage_deposit.charge_or_zero(),
            outcome: result
                .result
                .map(|r| (r.flags.bits(), r.data))
                .map_err(|e| self.words(&e)),
        })
    }

    async fn fee(
        &mut self,
        who: &Keypair,
        dest: AccountId,
        value: u128,
        input: Vec<u8>,
        gas: Weight,
    ) -> Option<u128> {
        let payload = Self::call_payload(dest, value, input, gas);
        let tx = self
            .api
            .tx()
            .create_signed(&payload, &Signer(who), Default::default())
            .await
            .ok()?;
        tx.partial_fee_estimate().await.ok()
    }

    async fn call(
        &mut self,
        who: &Keypair,
        dest: AccountId,
        value: u128,
        input: Vec<u8>,
        gas: Weight,
    ) -> anyhow::Result<Receipt> {
        let payload = Self::call_payload(dest, value, input, gas);
        self.submit(who, payload, "the call").await
    }

    async fn upload(&mut self, who: &Keypair, name: &str) -> anyhow::Result<(Hash, Receipt)> {
        let code = std::fs::read(bundle(&self.dir, name)?)?;
        let origin: [u8; 32] = who.public_key().0;
        let params = (origin, code.clone(), None::<u128>, Determinism::Enforced).encode();
        let bytes = self.state_call("ContractsApi_upload_code", params).await?;
        let dry = CodeUploadResult::<Hash, u128>::decode(&mut &bytes[..])
            .map_err(|e| anyhow!("ContractsApi_upload_code: the answer does not decode ({e})"))?
            .map_err(|e| anyhow!("the chain refuses the code: {}", self.words(&e)))?;
        let payload = subxt::dynamic::tx(
            "Contracts",
            "upload_code",
            vec![
                Value::from_bytes(code),
                none(),
                Value::unnamed_variant("Enforced", []),
            ],
        );
        let receipt = self.submit(who, payload, &format!("upload {name}")).await?;
        Ok((dry.code_hash, receipt))
    }

    async fn instantiate(
        &mut self,
        who: &Keypair,
        code_hash: Hash,
        input: Vec<u8>,
        salt: Vec<u8>,
    ) -> anyhow::Result<(AccountId, Receipt)> {
        let origin: [u8; 32] = who.public_key().0;
        let code = Code::<Hash>::Existing(code_hash);
        let params = (
            origin,
            0u128,
            None::<Weight>,
            None::<u128>,
            code,
            input.clone(),
            salt.clone(),
        )
            .encode();
        let bytes = self.state_call("ContractsApi_instantiate", params).await?;
        let dry = ContractInstantiateResult::<[u8; 32], u128, ()>::decode(&mut &bytes[..])
            .map_err(|e| anyhow!("ContractsApi_instantiate: the answer does not decode ({e})"))?;
        let gas = dry.gas_required;
        let ok = dry
            .result
            .map_err(|e| anyhow!("the chain refuses: {}", self.words(&e)))?;
        if ok.result.did_revert() {
            bail!("the constructor refused in the dry run");
        }
        let payload = subxt::dynamic::tx(
            "Contracts",
            "instantiate",
            vec![
                Value::u128(0),
                weight_value(gas),
                none(),
                Value::from_bytes(code_hash),
                Value::from_bytes(input),
                Value::from_bytes(salt),
            ],
        );
        let receipt = self.submit(who, payload, "instantiate").await?;
        Ok((AccountId::from(ok.account_id), receipt))
    }

    async fn seal_block(&mut self, payer: &Keypair) -> anyhow::Result<()> {
        let me = AccountId::from(payer.public_key().0);
        self.transfer(payer, me, 1).await.map(|_| ())
    }

    fn events(&mut self) -> &mut Events {
        &mut self.events
    }

    async fn facts(&mut self) -> super::Facts {
        super::Facts {
            name: self.name.clone(),
            genesis: self
                .rpc
                .genesis_hash()
                .await
                .ok()
                .map(|h| crate::deploy::hex(h.as_ref())),
            block: self
                .rpc
                .chain_get_header(None)
                .await
                .ok()
                .flatten()
                .map(|h| u64::from(h.number)),
        }
    }
}

/// What an error after inclusion must add: the transaction was in a block, which may still
/// become final (a finality timeout is reported as "invalid" by the node's legacy RPC).
fn landed(in_block: Option<H256>) -> String {
    match in_block {
        Some(h) => format!(
            " (it was in block {h:?}, which may still become final: check before sending again)"
        ),
        None => String::new(),
    }
}
