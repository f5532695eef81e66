//! The in-process sandbox target: drink's runtime (via ink_sandbox) with the tool's clock,
//! driven through pallet-contracts' own `bare_*` entry points. No fees and no blocks: each call
//! is final once it returns, and a call that reverts changes nothing.

use super::events::Events;
use super::{bundle, Chain, Clock, ClockSandbox, DryRun, Receipt, CONTRACTS};
use anyhow::{anyhow, bail};
use ink::primitives::{AccountId, Hash};
use ink_e2e::Keypair;
use ink_sandbox::api::balance_api::BalanceAPI;
use ink_sandbox::api::contracts_api::ContractAPI;
use ink_sandbox::api::system_api::SystemAPI;
use ink_sandbox::pallet_contracts::{self, Determinism};
use ink_sandbox::{AccountId32, Sandbox, Weight};
use std::path::{Path, PathBuf};

type Runtime = <ClockSandbox as Sandbox>::Runtime;

/// The sandbox client: a [`ClockSandbox`] and the bundles it loads code from.
pub struct SandboxChain {
    sandbox: ClockSandbox,
    dir: PathBuf,
    events: Events,
}

impl SandboxChain {
    /// A fresh sandbox loading code from `dir` (dev accounts endowed, see [`ClockSandbox`]).
    ///
    /// Errors: a bundle or its metadata is missing.
    pub fn new(dir: &Path) -> anyhow::Result<Self> {
        super::bundles(dir)?;
        Ok(Self {
            sandbox: ClockSandbox::default(),
            dir: dir.to_path_buf(),
            events: Events::load(dir, &CONTRACTS)?,
        })
    }

    /// The suite's events among the runtime's since the last reset, in words.
    fn take_events(&mut self) -> Vec<String> {
        let records = self.sandbox.events();
        self.sandbox.reset_events();
        records
            .into_iter()
            .filter_map(|r| {
                let event: pallet_contracts::Event<Runtime> = r.event.try_into().ok()?;
                match event {
                    pallet_contracts::Event::ContractEmitted { contract, data } => {
                        let topics: Vec<[u8; 32]> = r.topics.iter().map(|t| t.0).collect();
                        let from: [u8; 32] = *contract.as_ref();
                        Some(self.events.describe(from, &topics, &data))
                    }
                    _ => None,
                }
            })
            .collect()
    }

    fn receipt(&mut self) -> Receipt {
        Receipt {
            block: "the sandbox".into(),
            finalized: true,
            fee: None,
            events: self.take_events(),
        }
    }
}

fn account(who: &Keypair) -> AccountId32 {
    who.public_key().0.into()
}

fn id32(id: AccountId) -> AccountId32 {
    AccountId32::new(*id.as_ref())
}

/// The weight a sandbox dry run or instantiation may use: a whole block's.
fn dry_run_limit() -> Weight {
    ClockSandbox::default_gas_limit()
}

impl Chain for SandboxChain {
    fn clock(&self) -> Clock {
        Clock::Sandbox
    }

    fn bundles_dir(&self) -> &std::path::Path {
        &self.dir
    }

    async fn balance(&mut self, who: AccountId) -> anyhow::Result<u128> {
        Ok(self.sandbox.free_balance(&id32(who)))
    }

    async fn transfer(
        &mut self,
        from: &Keypair,
        to: AccountId,
        amount: u128,
    ) -> anyhow::Result<Receipt> {
        let call = ink_sandbox::pallet_balances::Call::<Runtime>::transfer_keep_alive {
            dest: id32(to).into(),
            value: amount,
        };
        self.sandbox
            .runtime_call(
                call.into(),
                ClockSandbox::convert_account_to_origin(account(from)),
            )
            .map_err(|e| anyhow!("transfer: {:?}", e.error))?;
        Ok(self.receipt())
    }

    async fn dry_call(
        &mut self,
        who: &Keypair,
        dest: AccountId,
        value: u128,
        input: Vec<u8>,
    ) -> anyhow::Result<DryRun> {
        let origin = account(who);
        let result = self.sandbox.dry_run(|s| {
            s.call_contract(
                id32(dest),
                value,
                input,
                origin,
                dry_run_limit(),
                None,
                Determinism::Enforced,
            )
        });
        Ok(DryRun {
            gas_required: result.gas_required,
            deposit: result.storage_deposit.charge_or_zero(),
            outcome: result
                .result
                .map(|r| (r.flags.bits(), r.data))
                .map_err(|e| format!("{e:?}")),
        })
    }

    async fn fee(
        &mut self,
        _: &Keypair,
        _: AccountId,
        _: u128,
        _: Vec<u8>,
        _: Weight,
    ) -> Option<u128> {
        None
    }

    async fn call(
        &mut self,
        who: &Keypair,
        dest: AccountId,
        value: u128,
        input: Vec<u8>,
        gas: Weight,
    ) -> anyhow::Result<Receipt> {
        self.sandbox.reset_events();
        let result = self.sandbox.call_contract(
            id32(dest),
            value,
            input,
            account(who),
            gas,
            None,
            Determinism::Enforced,
        );
        match result.result {
            Err(e) => bail!("the call failed: {e:?}"),
            // A revert rolled the call's changes back, as the chain's `ContractReverted` does.
            Ok(r) if r.did_revert() => bail!("the contract reverted the call"),
            Ok(_) => Ok(self.receipt()),
        }
    }

    async fn upload(&mut self, who: &Keypair, name: &str) -> anyhow::Result<(Hash, Receipt)> {
        let code = std::fs::read(bundle(&self.dir, name)?)?;
        let result = self
            .sandbox
            .upload_contract(code, account(who), None, Determinism::Enforced)
            .map_err(|e| anyhow!("the upload failed: {e:?}"))?;
        let hash: [u8; 32] = result.code_hash.into();
        Ok((Hash::from(hash), self.receipt()))
    }

    async fn instantiate(
        &mut self,
        who: &Keypair,
        code_hash: Hash,
        input: Vec<u8>,
        salt: Vec<u8>,
    ) -> anyhow::Result<(AccountId, Receipt)> {
        self.sandbox.reset_events();
        let result = self.sandbox.instantiate_contract(
            code_hash.as_ref().to_vec(),
            0,
            input,
            salt,
            account(who),
            dry_run_limit(),
            None,
        );
        match result.result {
            Err(e) => bail!("the instantiation failed: {e:?}"),
            Ok(r) if r.result.did_revert() => bail!("the constructor refused"),
            Ok(r) => {
                let at: [u8; 32] = *r.account_id.as_ref();
                Ok((AccountId::from(at), self.receipt()))
            }
        }
    }

    async fn seal_block(&mut self, _: &Keypair) -> anyhow::Result<()> {
        Ok(())
    }

    fn events(&mut self) -> &mut Events {
        &mut self.events
    }

    async fn facts(&mut self) -> super::Facts {
        super::Facts::default()
    }
}
