//! The deployment config: one TOML file, read and checked before any transaction.
//!
//! [`Config::parse`] turns the file into a [`Plan`] — accounts resolved, token amounts in the
//! chain's smallest unit, parameters as the contracts take them — or stops with a
//! [`ConfigError`] that names the offending field. Every parameter rule is the rules crate's
//! own check (weights, basis points, calendar, streaks, council, times), so the tool refuses
//! exactly what the contracts would refuse, before anything is sent.

use ink::primitives::AccountId;
use ink_e2e::subxt::utils::AccountId32;
use ink_e2e::subxt_signer::SecretUri;
use ink_e2e::Keypair;
use registry::{Params, Rank, StreakParams};
use reward_pool::{Calendar, Config as PoolConfig, Weights, Windows};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A config field that is wrong, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// The field's path in the file, such as `program.weights` or `members[3].rank`.
    pub field: String,
    /// What is wrong with it.
    pub problem: String,
}

impl ConfigError {
    fn new(field: impl Into<String>, problem: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            problem: problem.into(),
        }
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "config field `{}`: {}", self.field, self.problem)
    }
}

impl std::error::Error for ConfigError {}

type Checked<T> = Result<T, ConfigError>;

/// The file as written. Unknown fields are refused so that a typo cannot silently fall back
/// to a default.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// `"sandbox"` (the in-process runtime, the default) or a node's WebSocket URL.
    #[serde(default = "sandbox")]
    pub target: String,
    /// Who signs the deployment: a dev account (`"//Alice"`) or `"env:VAR"`, a secret URI read
    /// from the environment variable VAR. Never a secret in the file.
    pub signer: String,
    /// The chain's token.
    pub token: Token,
    /// Where bounties refund unspent funds: an account (see [`Config::signer`] or an SS58
    /// address).
    pub treasury: String,
    /// Who governs the suite.
    pub governance: Governance,
    /// The program's parameters.
    pub program: Program,
    /// Members inducted at deployment.
    #[serde(default)]
    pub members: Vec<MemberEntry>,
    /// Funding sent at deployment.
    #[serde(default)]
    pub funding: Funding,
}

fn sandbox() -> String {
    "sandbox".into()
}

/// The chain's token.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Token {
    /// Its symbol, for reports.
    pub symbol: String,
    /// Its decimals: amounts in the file are whole tokens (`"84000"`, `"0.5"`).
    pub decimals: u8,
}

/// A council (the governor's) or one account, which becomes a council of one with no
/// timelock: the suite is always governed through the governor.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Governance {
    /// The council's accounts.
    #[serde(default)]
    pub council: Vec<String>,
    /// Approvals a proposal needs.
    #[serde(default)]
    pub threshold: Option<u32>,
    /// Time between reaching the threshold and execution (ms).
    #[serde(default)]
    pub timelock_ms: Option<u64>,
    /// A proposal's lifetime (ms).
    #[serde(default)]
    pub expiry_ms: Option<u64>,
    /// Instead of a council: the one governing account.
    #[serde(default)]
    pub account: Option<String>,
}

/// The calendar: UTC months, or fixed periods starting at deployment.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", tag = "kind")]
pub enum CalendarEntry {
    /// Calendar months in UTC.
    UtcMonths,
    /// Periods of `period_ms` from the deployment's time.
    FixedPeriods {
        /// Length of a period (ms).
        period_ms: u64,
        /// Submissions accepted this long after a period ends (ms).
        deadline_offset_ms: u64,
    },
}

/// Department weights in basis points; they must sum to 10,000.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct WeightsEntry {
    /// Basic.
    pub basic: u16,
    /// Community management.
    pub community_management: u16,
    /// Marketing.
    pub marketing: u16,
    /// Content creation.
    pub content_creation: u16,
    /// Business development.
    pub business_development: u16,
    /// Tech assistance.
    pub tech_assistance: u16,
    /// Others.
    pub others: u16,
}

/// The program's parameters.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Program {
    /// How months are cut.
    pub calendar: CalendarEntry,
    /// Monthly pool base (tokens).
    pub base: String,
    /// Added per five first-time Ambassadors (tokens).
    pub step: String,
    /// First-time Ambassadors already counted in `base`; by default the initial members at
    /// Ambassador rank or above, whom the base already pays for.
    #[serde(default)]
    pub ambassador_baseline: Option<u32>,
    /// Department weights.
    pub weights: WeightsEntry,
    /// From the submission deadline: reviewers score (ms).
    pub review_ms: u64,
    /// After the review window: members may dispute their points once and reviewers rescore
    /// disputed entries (ms; 0 = none). Scores are final when it ends.
    #[serde(default)]
    pub dispute_ms: u64,
    /// The claim window, counted from a month's finalization (ms).
    pub claim_ms: u64,
    /// Whether reports filed after the deadline are accepted (flagged late) until the review
    /// window ends; by default they are refused.
    #[serde(default)]
    pub late_reports: bool,
    /// Reviewers per entry, 1 to 3 (final points: the one, the mean of two, the median of three).
    #[serde(default = "one_reviewer")]
    pub reviewers_per_entry: u8,
    /// Flag entries whose reviewers' totals differ by more than this many points.
    #[serde(default)]
    pub disagreement_gap: u16,
    /// Members below this percentage (bps) earn nothing that month.
    #[serde(default)]
    pub gate_bps: u32,
    /// Head bonus per month (tokens).
    pub head_bonus: String,
    /// Senior bonus per month (tokens).
    pub senior_bonus: String,
    /// Most Heads at once.
    pub head_cap: u32,
    /// Longest evidence reference (bytes, 1 to 512).
    pub max_evidence_len: u32,
    /// Candidate → Ambassador threshold (bps).
    pub to_ambassador_bps: u16,
    /// Ambassador → Senior threshold (bps).
    pub to_senior_bps: u16,
    /// Exit-flag threshold (bps).
    pub exit_below_bps: u16,
    /// Months a streak needs.
    pub streak_len: u8,
    /// Whether the exit rule applies.
    #[serde(default)]
    pub exit_rule: bool,
    /// The pool's reviewers.
    pub reviewers: Vec<String>,
    /// Bounty award payout delay (ms).
    pub payout_delay_ms: u64,
}

fn one_reviewer() -> u8 {
    1
}

/// A member inducted at deployment.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MemberEntry {
    /// Its wallet.
    pub account: String,
    /// `Candidate`, `Ambassador`, `Senior` or `Head`.
    pub rank: String,
}

/// Funding sent at deployment (tokens); all optional.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Funding {
    /// Deposited by the signer into the governor's treasury.
    #[serde(default)]
    pub governor_deposit: Option<String>,
    /// Sent by the governor into the month current at deployment.
    #[serde(default)]
    pub current_month: Option<String>,
    /// Sent by the governor into the pool's bonus reserve.
    #[serde(default)]
    pub bonus_reserve: Option<String>,
}

/// Where the suite goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// ink_e2e's in-process runtime; the tool moves its clock.
    Sandbox,
    /// A node at this WebSocket URL.
    Node(String),
}

/// An account named in the config, with its key when the tool can sign for it.
#[derive(Clone)]
pub struct Account {
    /// As written in the config (a dev URI, `env:VAR` or an address).
    pub name: String,
    /// Its address.
    pub id: AccountId,
    /// Its key, for dev URIs and `env:` secrets.
    pub key: Option<Keypair>,
}

impl fmt::Debug for Account {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.name, ss58(&self.id))
    }
}

/// The config, checked and resolved: what the deployment does.
#[derive(Debug, Clone)]
pub struct Plan {
    /// Where.
    pub target: Target,
    /// Who signs.
    pub signer: Account,
    /// Token symbol and decimals.
    pub token: Token,
    /// Bounty refunds go here.
    pub treasury: Account,
    /// The governor's council.
    pub council: Vec<Account>,
    /// Approvals a proposal needs.
    pub threshold: u32,
    /// Governor timelock (ms).
    pub timelock_ms: u64,
    /// Governor proposal lifetime (ms).
    pub expiry_ms: u64,
    /// The pool's calendar; fixed periods start at deployment (filled in then).
    pub calendar: CalendarEntry,
    /// The pool's configuration.
    pub pool: PoolConfig,
    /// The registry's parameters.
    pub registry: Params,
    /// The pool's reviewers.
    pub reviewers: Vec<Account>,
    /// Bounty payout delay (ms).
    pub payout_delay_ms: u64,
    /// Members and ranks.
    pub members: Vec<(Account, Rank)>,
    /// Into the governor (smallest units).
    pub governor_deposit: u128,
    /// Into the current month (smallest units).
    pub current_month: u128,
    /// Into the bonus reserve (smallest units).
    pub bonus_reserve: u128,
    /// The config as read, for the manifest.
    pub source: Config,
}

impl Plan {
    /// What the signer spends at deployment, fees and deposits aside.
    pub fn signer_outlay(&self) -> u128 {
        self.governor_deposit
    }

    /// The calendar as the pool takes it, fixed periods starting at `now_ms`.
    pub fn calendar_at(&self, now_ms: u64) -> Calendar {
        match self.calendar {
            CalendarEntry::UtcMonths => Calendar::UtcMonths,
            CalendarEntry::FixedPeriods {
                period_ms,
                deadline_offset_ms,
            } => Calendar::FixedPeriods {
                start_ms: now_ms,
                period_ms,
                deadline_offset_ms,
            },
        }
    }
}

/// An address in SS58 (generic substrate prefix 42).
pub fn ss58(id: &AccountId) -> String {
    AccountId32(*id.as_ref()).to_string()
}

/// Resolves an account named at `field`: `//Name` (a dev key), `env:VAR` (a secret URI in the
/// environment) or an SS58 address.
pub fn account(field: &str, name: &str) -> Checked<Account> {
    let secret = if name.starts_with("//") {
        Some(name.to_string())
    } else if let Some(var) = name.strip_prefix("env:") {
        Some(std::env::var(var).map_err(|_| {
            ConfigError::new(field, format!("environment variable {var} is not set"))
        })?)
    } else {
        None
    };
    match secret {
        Some(secret) => {
            let uri = SecretUri::from_str(&secret)
                .map_err(|e| ConfigError::new(field, format!("not a secret URI: {e}")))?;
            let key = Keypair::from_uri(&uri)
                .map_err(|e| ConfigError::new(field, format!("not a usable key: {e}")))?;
            Ok(Account {
                name: name.to_string(),
                id: AccountId::from(key.public_key().0),
                key: Some(key),
            })
        }
        None => {
            let id = AccountId32::from_str(name).map_err(|_| {
                ConfigError::new(
                    field,
                    format!(
                        "`{name}` is neither a dev account (//Name), env:VAR nor an SS58 address"
                    ),
                )
            })?;
            Ok(Account {
                name: name.to_string(),
                id: AccountId::from(id.0),
                key: None,
            })
        }
    }
}

/// Parses a token amount (`"84000"`, `"0.25"`) into smallest units at `decimals`.
pub fn amount(field: &str, text: &str, decimals: u8) -> Checked<u128> {
    let bad = || ConfigError::new(field, format!("`{text}` is not a token amount"));
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    if whole.is_empty() && fraction.is_empty() {
        return Err(bad());
    }
    if fraction.len() > usize::from(decimals) {
        return Err(ConfigError::new(
            field,
            format!("`{text}` has more than {decimals} decimals"),
        ));
    }
    let digits = |s: &str| -> Checked<u128> {
        if s.is_empty() {
            return Ok(0);
        }
        if !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        s.parse::<u128>().map_err(|_| bad())
    };
    let scale = 10u128
        .checked_pow(u32::from(decimals))
        .ok_or_else(|| ConfigError::new("token.decimals", "too many decimals"))?;
    let padding = 10u128.pow(u32::from(decimals) - fraction.len() as u32);
    digits(whole)?
        .checked_mul(scale)
        .and_then(|w| digits(fraction).ok()?.checked_mul(padding)?.checked_add(w))
        .ok_or_else(|| ConfigError::new(field, format!("`{text}` overflows a balance")))
}

/// Parses a rank name.
pub fn rank(field: &str, text: &str) -> Checked<Rank> {
    match text {
        "Candidate" => Ok(Rank::Candidate),
        "Ambassador" => Ok(Rank::Ambassador),
        "Senior" => Ok(Rank::Senior),
        "Head" => Ok(Rank::Head),
        other => Err(ConfigError::new(
            field,
            format!("unknown rank `{other}` (Candidate, Ambassador, Senior or Head)"),
        )),
    }
}

fn rule(field: &str, result: Result<(), rules::Error>) -> Checked<()> {
    result.map_err(|e| ConfigError::new(field, format!("refused by the program's rules: {e:?}")))
}

impl Config {
    /// Reads and checks a config from TOML text.
    ///
    /// Errors: a [`ConfigError`] naming the first wrong field (`toml` for a syntax error or an
    /// unknown or missing field).
    pub fn parse(text: &str) -> Checked<Plan> {
        let config: Config =
            toml::from_str(text).map_err(|e| ConfigError::new("toml", e.to_string()))?;
        config.check()
    }

    /// Checks this config and resolves it into a [`Plan`].
    ///
    /// Errors: a [`ConfigError`] naming the first wrong field.
    pub fn check(self) -> Checked<Plan> {
        let target = match self.target.as_str() {
            "sandbox" => Target::Sandbox,
            url if url.starts_with("ws://") || url.starts_with("wss://") => {
                Target::Node(url.to_string())
            }
            other => {
                return Err(ConfigError::new(
                    "target",
                    format!("`{other}` is neither \"sandbox\" nor a ws:// or wss:// URL"),
                ))
            }
        };
        let signer = account("signer", &self.signer)?;
        if signer.key.is_none() {
            return Err(ConfigError::new(
                "signer",
                "the tool must sign: give a dev account (//Name) or env:VAR",
            ));
        }
        if self.token.decimals > 30 {
            return Err(ConfigError::new("token.decimals", "at most 30"));
        }
        let decimals = self.token.decimals;
        let treasury = account("treasury", &self.treasury)?;

        let g = &self.governance;
        let (council, threshold, timelock_ms) = match (&g.account, g.council.is_empty()) {
            (Some(_), false) => {
                return Err(ConfigError::new(
                    "governance",
                    "give either `account` or `council`, not both",
                ))
            }
            (Some(one), true) => {
                if g.threshold.is_some() || g.timelock_ms.is_some() {
                    return Err(ConfigError::new(
                        "governance",
                        "threshold and timelock_ms belong to a council, not to `account`",
                    ));
                }
                (vec![account("governance.account", one)?], 1, 0)
            }
            (None, true) => {
                return Err(ConfigError::new(
                    "governance",
                    "give a `council` (with threshold and timelock_ms) or one `account`",
                ))
            }
            (None, false) => {
                let council = g
                    .council
                    .iter()
                    .enumerate()
                    .map(|(i, name)| account(&format!("governance.council[{i}]"), name))
                    .collect::<Checked<Vec<_>>>()?;
                let threshold = g.threshold.ok_or_else(|| {
                    ConfigError::new("governance.threshold", "required with a council")
                })?;
                let timelock_ms = g.timelock_ms.ok_or_else(|| {
                    ConfigError::new("governance.timelock_ms", "required with a council")
                })?;
                (council, threshold, timelock_ms)
            }
        };
        for (i, a) in council.iter().enumerate() {
            if council[..i].iter().any(|b| b.id == a.id) {
                return Err(ConfigError::new(
                    format!("governance.council[{i}]"),
                    format!("{} is on the council twice", a.name),
                ));
            }
        }
        let size = u32::try_from(council.len()).unwrap_or(u32::MAX);
        rule(
            "governance.threshold",
            rules::council::validate_council(size, threshold, rules::council::MAX_COUNCIL),
        )?;
        let expiry_ms = g.expiry_ms.unwrap_or(7 * 24 * 3_600_000);
        rule(
            "governance.expiry_ms",
            rules::council::validate_times(timelock_ms, expiry_ms),
        )?;

        let p = &self.program;
        rule(
            "program.payout_delay_ms",
            rules::council::check_payout_delay(p.payout_delay_ms, timelock_ms),
        )?;
        let w = &p.weights;
        let weights = [
            w.basic,
            w.community_management,
            w.marketing,
            w.content_creation,
            w.business_development,
            w.tech_assistance,
            w.others,
        ];
        let weights = Weights::new(weights).map_err(|_| {
            let sum: u32 = weights.iter().map(|w| u32::from(*w)).sum();
            ConfigError::new(
                "program.weights",
                format!("weights sum to {sum} bps; they must sum to 10000"),
            )
        })?;
        if let CalendarEntry::FixedPeriods { period_ms, .. } = p.calendar {
            rule(
                "program.calendar.period_ms",
                Calendar::FixedPeriods {
                    start_ms: 0,
                    period_ms,
                    deadline_offset_ms: 0,
                }
                .validate(),
            )?;
        }
        rule(
            "program.gate_bps",
            rules::check_bps(p.gate_bps, rules::Error::GateOutOfRange),
        )?;
        rule(
            "program.max_evidence_len",
            rules::submission::check_evidence_limit(p.max_evidence_len),
        )?;
        let streak = StreakParams {
            to_ambassador_bps: p.to_ambassador_bps,
            to_senior_bps: p.to_senior_bps,
            exit_below_bps: p.exit_below_bps,
            streak_len: p.streak_len,
            exit_rule: p.exit_rule,
        };
        rule("program (streak thresholds)", streak.validate())?;
        if p.head_cap == 0 {
            return Err(ConfigError::new("program.head_cap", "must be at least 1"));
        }
        let pool = PoolConfig {
            base: amount("program.base", &p.base, decimals)?,
            step: amount("program.step", &p.step, decimals)?,
            ambassador_baseline: p.ambassador_baseline.unwrap_or_else(|| {
                let counted = self
                    .members
                    .iter()
                    .filter(|m| m.rank != "Candidate")
                    .count();
                u32::try_from(counted).unwrap_or(u32::MAX)
            }),
            weights,
            windows: Windows {
                review_ms: p.review_ms,
                dispute_ms: p.dispute_ms,
                claim_ms: p.claim_ms,
            },
            gate_bps: p.gate_bps,
            head_bonus: amount("program.head_bonus", &p.head_bonus, decimals)?,
            senior_bonus: amount("program.senior_bonus", &p.senior_bonus, decimals)?,
            max_evidence_len: p.max_evidence_len,
            late_reports: p.late_reports,
            reviewers_per_entry: p.reviewers_per_entry,
            disagreement_gap: p.disagreement_gap,
        };
        rule(
            "program.reviewers_per_entry",
            rules::submission::check_reviewers_per_entry(p.reviewers_per_entry),
        )?;
        // The pool refuses windows that leave members or reviewers no time; say so first.
        let kind = match p.calendar {
            CalendarEntry::UtcMonths => Calendar::UtcMonths,
            CalendarEntry::FixedPeriods { period_ms, .. } => Calendar::FixedPeriods {
                start_ms: 0,
                period_ms,
                deadline_offset_ms: 0,
            },
        };
        let windows_field = if p.review_ms == 0 || p.review_ms > rules::calendar::MAX_REVIEW_MS {
            "program.review_ms"
        } else if p.dispute_ms > rules::calendar::MAX_DISPUTE_MS {
            "program.dispute_ms"
        } else {
            "program.claim_ms"
        };
        rule(windows_field, pool.windows.validate(&kind))?;
        let registry = Params {
            streak,
            head_cap: p.head_cap,
            max_evidence_len: p.max_evidence_len,
        };
        let reviewers = p
            .reviewers
            .iter()
            .enumerate()
            .map(|(i, name)| account(&format!("program.reviewers[{i}]"), name))
            .collect::<Checked<Vec<_>>>()?;

        let mut members: Vec<(Account, Rank)> = Vec::new();
        let mut heads = 0;
        for (i, m) in self.members.iter().enumerate() {
            let who = account(&format!("members[{i}].account"), &m.account)?;
            let r = rank(&format!("members[{i}].rank"), &m.rank)?;
            if members.iter().any(|(a, _)| a.id == who.id) {
                return Err(ConfigError::new(
                    format!("members[{i}].account"),
                    format!("{} is listed twice", who.name),
                ));
            }
            if r == Rank::Head {
                heads += 1;
                rule(
                    &format!("members[{i}].rank"),
                    rules::rank::check_head_cap(heads - 1, p.head_cap),
                )?;
            }
            members.push((who, r));
        }

        let optional = |field: &str, value: &Option<String>| -> Checked<u128> {
            value
                .as_deref()
                .map_or(Ok(0), |v| amount(field, v, decimals))
        };
        let f = &self.funding;
        let governor_deposit = optional("funding.governor_deposit", &f.governor_deposit)?;
        let current_month = optional("funding.current_month", &f.current_month)?;
        let bonus_reserve = optional("funding.bonus_reserve", &f.bonus_reserve)?;
        let spent = current_month
            .checked_add(bonus_reserve)
            .ok_or_else(|| ConfigError::new("funding", "overflows a balance"))?;
        if spent > governor_deposit {
            return Err(ConfigError::new(
                "funding.governor_deposit",
                "smaller than current_month + bonus_reserve, which the governor pays from it",
            ));
        }

        Ok(Plan {
            target,
            signer,
            token: self.token.clone(),
            treasury,
            council,
            threshold,
            timelock_ms,
            expiry_ms,
            calendar: p.calendar.clone(),
            pool,
            registry,
            reviewers,
            payout_delay_ms: p.payout_delay_ms,
            members,
            governor_deposit,
            current_month,
            bonus_reserve,
            source: self,
        })
    }
}
