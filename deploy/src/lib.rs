//! The suite's deploy tool: one TOML config, one command, the in-process sandbox or a node.
//!
//! - [`config`]: the config file, checked (with the rules crate's own checks) before any
//!   transaction; every refusal names its field.
//! - [`chain`]: the two targets behind one trait — ink_e2e's sandbox client with a clock the tool
//!   moves, and ink_e2e's subxt client for a node.
//! - [`deploy`]: upload, instantiate, wire through the governor, read the wiring back.
//! - [`month`]: the demo month and the month report (table and CSV) read from chain.
//! - [`community_bounty`]: the demo's community bounty, awards and their claims.
//! - [`ops`]: the operator's commands after deployment (proposals, votes, the month's finalize,
//!   funding and sweep, promotion housekeeping, scores from the reviewer's sheet).
//! - [`cli`]: the `suite` command line over all of it.
//! - [`Manifest`]: what a deployment wrote down for later commands and the claim page.

pub mod chain;
pub mod cli;
pub mod community_bounty;
pub mod config;
pub mod deploy;
pub mod month;
pub mod ops;
pub mod progress;

use anyhow::{anyhow, bail, Context};
use chain::Chain;
use config::{ss58, Plan, Target};
use deploy::{Addresses, Deployed};
use governor::{Governor, Suite};
use ink::primitives::AccountId;
use ink_e2e::subxt::utils::AccountId32;
use reward_pool::Calendar;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// The deployment manifest (JSON), read by `month report` and the claim page.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Manifest {
    /// `"sandbox"` or the node URL.
    pub target: String,
    /// The chain's name as the node reports it (`None` in the sandbox).
    pub chain: Option<String>,
    /// The chain's genesis hash (hex; `None` in the sandbox or in manifests written before it
    /// was recorded): the app refuses a node of another chain with it.
    #[serde(default)]
    pub genesis_hash: Option<String>,
    /// Token symbol and decimals.
    pub token: config::Token,
    /// The best block after deployment (`None` in the sandbox).
    pub block: Option<u64>,
    /// Who deployed (SS58).
    pub deployed_by: String,
    /// When (ms, chain time).
    pub deployed_at_ms: u64,
    /// Each contract's code hash (hex).
    pub code_hashes: BTreeMap<String, String>,
    /// The contracts' addresses (SS58).
    pub addresses: Addresses,
    /// Each contract's metadata (JSON path, relative to the repository).
    pub metadata: BTreeMap<String, String>,
    /// The pool's calendar as instantiated.
    pub calendar: CalendarJson,
    /// Bootstrap proposals still waiting for council approvals.
    pub pending_proposals: Vec<u32>,
    /// The config the suite was deployed from.
    pub config: config::Config,
}

/// The calendar in the manifest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum CalendarJson {
    /// UTC calendar months.
    UtcMonths,
    /// Fixed periods.
    FixedPeriods {
        /// Start of period 0 (ms).
        start_ms: u64,
        /// Period length (ms).
        period_ms: u64,
        /// Submission deadline after a period's end (ms).
        deadline_offset_ms: u64,
    },
}

impl From<Calendar> for CalendarJson {
    fn from(c: Calendar) -> Self {
        match c {
            Calendar::UtcMonths => CalendarJson::UtcMonths,
            Calendar::FixedPeriods {
                start_ms,
                period_ms,
                deadline_offset_ms,
            } => CalendarJson::FixedPeriods {
                start_ms,
                period_ms,
                deadline_offset_ms,
            },
        }
    }
}

impl From<CalendarJson> for Calendar {
    fn from(c: CalendarJson) -> Self {
        match c {
            CalendarJson::UtcMonths => Calendar::UtcMonths,
            CalendarJson::FixedPeriods {
                start_ms,
                period_ms,
                deadline_offset_ms,
            } => Calendar::FixedPeriods {
                start_ms,
                period_ms,
                deadline_offset_ms,
            },
        }
    }
}

pub(crate) fn parse_address(field: &str, text: &str) -> anyhow::Result<AccountId> {
    let id = AccountId32::from_str(text)
        .map_err(|_| anyhow!("manifest field `{field}`: `{text}` is not an SS58 address"))?;
    Ok(AccountId::from(id.0))
}

impl Manifest {
    /// The manifest of a finished deployment.
    pub fn new(
        plan: &Plan,
        d: &Deployed,
        at_ms: u64,
        chain: Option<String>,
        genesis_hash: Option<String>,
        block: Option<u64>,
    ) -> Self {
        let target = match &plan.target {
            Target::Sandbox => "sandbox".to_string(),
            Target::Node(url) => url.clone(),
        };
        Self {
            target,
            chain,
            genesis_hash,
            token: plan.token.clone(),
            block,
            deployed_by: ss58(&plan.signer.id),
            deployed_at_ms: at_ms,
            code_hashes: d
                .code_hashes
                .iter()
                .map(|(name, hash)| (name.clone(), deploy::hex(hash.as_ref())))
                .collect(),
            addresses: d.addresses(),
            metadata: chain::CONTRACTS
                .iter()
                .map(|name| (name.to_string(), format!("target/ink/release/{name}.json")))
                .collect(),
            calendar: d.calendar.into(),
            pending_proposals: d.pending.clone(),
            config: plan.source.clone(),
        }
    }

    /// Reads a manifest.
    ///
    /// Errors: the file is missing or not a manifest.
    pub fn read(path: &Path) -> anyhow::Result<Self> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read the manifest {}", path.display()))?;
        serde_json::from_str(&text)
            .with_context(|| format!("{} is not a deployment manifest", path.display()))
    }

    /// Writes it as pretty JSON, creating the directory.
    ///
    /// Errors: the file cannot be written.
    pub fn write(&self, path: &Path) -> anyhow::Result<()> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(path, serde_json::to_string_pretty(self)? + "\n")
            .with_context(|| format!("cannot write the manifest {}", path.display()))
    }

    /// The registry's address.
    ///
    /// Errors: not an SS58 address.
    pub fn registry(&self) -> anyhow::Result<AccountId> {
        parse_address("addresses.registry", &self.addresses.registry)
    }

    /// The pool's address.
    ///
    /// Errors: not an SS58 address.
    pub fn pool(&self) -> anyhow::Result<AccountId> {
        parse_address("addresses.reward_pool", &self.addresses.reward_pool)
    }

    /// The bounty contract's address.
    ///
    /// Errors: not an SS58 address.
    pub fn bounty(&self) -> anyhow::Result<AccountId> {
        parse_address("addresses.bounty", &self.addresses.bounty)
    }

    /// The deployment it records (code hashes aside).
    ///
    /// Errors: an address is not SS58.
    pub fn deployed(&self) -> anyhow::Result<Deployed> {
        Ok(Deployed {
            governor: self.governor()?,
            registry: self.registry()?,
            pool: self.pool()?,
            bounty: self.bounty()?,
            code_hashes: BTreeMap::new(),
            calendar: self.calendar.into(),
            pending: self.pending_proposals.clone(),
        })
    }

    /// The governor's address.
    ///
    /// Errors: not an SS58 address.
    pub fn governor(&self) -> anyhow::Result<AccountId> {
        parse_address("addresses.governor", &self.addresses.governor)
    }
}

/// Where `./scripts/build-contracts` leaves the release bundles: `$CARGO_TARGET_DIR/ink/release`
/// or the repository's `target/ink/release`.
pub fn bundle_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target"))
        .join("ink")
        .join("release")
}

/// Whether the manifest at hand already records a live deployment of this config: same target
/// and config, and the governor on chain still names the recorded suite.
///
/// Errors: the manifest was written for another config or target (the message says how to
/// deploy anew), or its contracts are not on the chain.
pub async fn already_deployed<C: Chain>(
    client: &mut C,
    plan: &Plan,
    manifest: &Manifest,
) -> anyhow::Result<()> {
    let config_now = serde_json::to_value(&plan.source)?;
    let config_then = serde_json::to_value(&manifest.config)?;
    if config_now != config_then {
        bail!("the manifest records a deployment of a different config; move it away (or pass another --manifest) to deploy anew");
    }
    let governor = ink_e2e::create_call_builder::<Governor>(manifest.governor()?);
    let me = plan
        .signer
        .key
        .as_ref()
        .ok_or_else(|| anyhow!("no signer key"))?;
    let suite = chain::read(client, me, &governor.suite(), "read the governor's suite")
        .await
        .with_context(|| format!("the manifest's governor {} is not the suite's governor on this chain; move the manifest away to deploy anew", manifest.addresses.governor))?;
    let recorded = Suite {
        registry: manifest.registry()?,
        reward_pool: manifest.pool()?,
        bounty: manifest.bounty()?,
    };
    if suite != Some(recorded) {
        bail!("the governor on chain does not name the manifest's contracts");
    }
    Ok(())
}
