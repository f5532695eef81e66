//! The `suite` command line (clap): deployment (`check`, `deploy`, `demo`) and everything after
//! it on a node (`proposals`, `propose`, `approve` … `execute`, `month`, `fund`, `member`,
//! `advance`, `retell`, `score`). A command that sends reads the manifest, signs with `--signer`, dry-runs,
//! prints what it will do, asks on a chain that is not a development chain unless `--yes`, then
//! sends (see [`crate::ops`]).

use crate::chain::{self, Chain};
use crate::config::{self, Config, Plan, Target};
use crate::deploy::Deployed;
use crate::ops::council::{self, Vote};
use crate::ops::{bounty, months, Confirm, Ctx};
use crate::{community_bounty, month, Manifest};
use anyhow::{anyhow, bail, Context};
use clap::{Args, Parser, Subcommand};
use governor::{Action, Target as Contract};
use ink_e2e::Keypair;
use reward_pool::MemberId;
use std::path::{Path, PathBuf};

/// Deploy and run the contributor-rewards suite.
#[derive(Debug, Parser)]
#[command(name = "suite", version, about, long_about = None, after_help = EXAMPLES)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

const EXAMPLES: &str = "Examples:
  suite deploy deploy/config/local-node.toml
  suite proposals --manifest target/deploy/local-node.json
  suite fund 680 84000 --manifest m.json --signer env:COUNCIL_KEY --description https://forum/fund-2026-09
  suite approve 12 --manifest m.json --signer //Bob
  suite execute 12 --manifest m.json --signer //Charlie
  suite execute 12 --wait --manifest m.json --signer //Charlie
  suite month finalize 680 --manifest m.json --signer //Alice --description https://forum/finalize
  suite score 680 --queue sheet.csv --manifest m.json --signer //Eve
  suite score 680 --csv sheet.csv --manifest m.json --signer //Eve";

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check a config; send nothing.
    Check {
        /// The config (TOML).
        config: PathBuf,
    },
    /// Deploy the suite (once: a matching manifest means it is done; a deployment cut short
    /// resumes from `<manifest>.partial.json`).
    Deploy {
        /// The config (TOML).
        config: PathBuf,
        /// Where the manifest goes (default target/deploy/<config name>.json).
        #[arg(long)]
        manifest: Option<PathBuf>,
    },
    /// Deploy, run the current month and a community bounty, print the month's report.
    Demo {
        /// The config (TOML).
        config: PathBuf,
        /// Where the manifest goes (default target/deploy/<config name>.json).
        #[arg(long)]
        manifest: Option<PathBuf>,
        /// The last n members claim neither their month nor their award.
        #[arg(long, default_value_t = 0)]
        leave_unclaimed: usize,
    },
    /// The council's proposals, newest first, with their state and countdown.
    Proposals {
        #[command(flatten)]
        on: On,
        /// How many, newest first.
        #[arg(long, default_value_t = 25)]
        limit: u32,
    },
    /// Propose a governor action (the council; your approval counts).
    Propose {
        #[command(flatten)]
        on: On,
        /// The description the council reads (a link or IPFS CID).
        #[arg(long)]
        description: String,
        /// The action.
        #[command(subcommand)]
        action: ProposeAction,
    },
    /// Approve a proposal (a council member).
    Approve(Vote1),
    /// Withdraw your approval of a proposal.
    Revoke(Vote1),
    /// Cancel a proposal (its proposer) or vote to cancel it (another council member).
    Cancel(Vote1),
    /// Carry out a proposal once its timelock has passed (anyone); `--wait` waits for it.
    Execute(ExecuteArgs),
    /// A month: its dates, its report, its finalize (a proposal), its sweep.
    Month {
        /// What to do with the month.
        #[command(subcommand)]
        what: MonthCommand,
    },
    /// Propose funding a month from the treasury.
    Fund {
        /// The month id.
        month: u32,
        /// The amount in tokens ("84000", "0.5").
        amount: String,
        #[command(flatten)]
        on: On,
        /// The description the council reads.
        #[arg(long)]
        description: String,
    },
    /// Propose a change to a member: induct, rank, suspend, unsuspend, remove.
    Member {
        #[command(flatten)]
        on: On,
        /// The description the council reads.
        #[arg(long)]
        description: String,
        /// The change.
        #[command(subcommand)]
        change: MemberChange,
    },
    /// Bring every member up to date in the registry (promotion housekeeping; anyone).
    Advance {
        #[command(flatten)]
        on: On,
    },
    /// Fill the pool's copy of the members' wallets and standing from the registry, after an
    /// upgrade of either or a new pool (cheaper claims and reports; anyone).
    Retell {
        #[command(flatten)]
        on: On,
    },
    /// A bounty: show it; the curator proposes, reports, awards, feeds, closes; the council
    /// approves it and decides milestones (proposals).
    Bounty {
        #[command(flatten)]
        on: On,
        /// What to do.
        #[command(subcommand)]
        what: BountyCommand,
    },
    /// A reviewer's scores from the scoring sheet (CSV), or the month's queue as that sheet.
    Score {
        /// The month id.
        month: u32,
        /// The filled sheet to send (every row checked first).
        #[arg(long, conflicts_with = "queue")]
        csv: Option<PathBuf>,
        /// Write the month's queue as a sheet to this file instead.
        #[arg(long)]
        queue: Option<PathBuf>,
        #[command(flatten)]
        on: On,
    },
}

/// Which deployment, who signs, and whether to ask.
#[derive(Debug, Args)]
pub struct On {
    /// The deployment's manifest (written by `suite deploy`).
    #[arg(long)]
    pub manifest: PathBuf,
    /// Who signs: a dev account (//Alice) or env:VAR (a secret URI in that variable).
    #[arg(long, default_value = "//Alice")]
    pub signer: String,
    /// Send without asking, also on a chain that is not a development chain.
    #[arg(long)]
    pub yes: bool,
}

/// `suite execute`: a proposal id, whether to wait for its timelock, and the deployment.
#[derive(Debug, Args)]
pub struct ExecuteArgs {
    /// Wait until the proposal's timelock ends (a countdown), then execute it.
    #[arg(long)]
    pub wait: bool,
    #[command(flatten)]
    pub vote: Vote1,
}

/// A proposal id and the deployment.
#[derive(Debug, Args)]
pub struct Vote1 {
    /// The proposal id.
    pub id: u32,
    #[command(flatten)]
    pub on: On,
}

/// The month subcommands.
#[derive(Debug, Subcommand)]
pub enum MonthCommand {
    /// The month's dates: deadline, review, disputes, scores final, claim window end.
    Status {
        /// The month id.
        month: u32,
        #[command(flatten)]
        on: On,
    },
    /// Every member's points, reward, bonus and claim (Markdown; CSV with --csv).
    Report {
        /// The month id.
        month: u32,
        /// Also write the table as CSV here.
        #[arg(long)]
        csv: Option<PathBuf>,
        #[command(flatten)]
        on: On,
    },
    /// Propose finalizing the month with the pool its figures give now.
    Finalize {
        /// The month id.
        month: u32,
        #[command(flatten)]
        on: On,
        /// The description the council reads.
        #[arg(long)]
        description: String,
    },
    /// Move what a month left unclaimed (or a month passed over) forward (anyone).
    Sweep {
        /// The month id.
        month: u32,
        #[command(flatten)]
        on: On,
    },
}

/// Member changes (each a proposal).
#[derive(Debug, Subcommand)]
pub enum MemberChange {
    /// Induct an account at a rank.
    Induct {
        /// The new member's address (SS58).
        who: String,
        /// Candidate, Ambassador, Senior or Head.
        rank: String,
        /// Evidence it joins on (a link).
        #[arg(long)]
        evidence: String,
    },
    /// Set a member's rank.
    Rank {
        /// The member id.
        member: MemberId,
        /// Candidate, Ambassador, Senior or Head.
        rank: String,
    },
    /// Suspend a member.
    Suspend {
        /// The member id.
        member: MemberId,
        /// Why (a link or text the member reads).
        #[arg(long)]
        reason: String,
    },
    /// Lift a member's suspension.
    Unsuspend {
        /// The member id.
        member: MemberId,
    },
    /// Remove a member (it keeps what it earned).
    Remove {
        /// The member id.
        member: MemberId,
        /// Why.
        #[arg(long)]
        reason: String,
    },
}

/// Bounty subcommands.
#[derive(Debug, Subcommand)]
pub enum BountyCommand {
    /// Status, lines (cap, spent, left), milestones, awards.
    Show {
        /// The bounty id.
        id: u32,
    },
    /// Propose a bounty (anyone); its total is the lines' sum.
    Propose {
        /// The curator (default: the signer).
        #[arg(long)]
        curator: Option<String>,
        /// What the bounty is for (a link).
        #[arg(long)]
        description: String,
        /// First day of its period (YYYY-MM-DD, UTC; may lie in the past).
        #[arg(long)]
        from: String,
        /// Last day of its period (YYYY-MM-DD).
        #[arg(long)]
        to: String,
        /// A budget line, "name=cap" (repeat for more).
        #[arg(long = "line", required = true)]
        lines: Vec<String>,
        /// A milestone, "what|YYYY-MM-DD|percent" (repeat; percents sum to 100).
        #[arg(long = "milestone", required = true)]
        milestones: Vec<String>,
        /// The curator's fee in percent of what is spent ("2", "2.5").
        #[arg(long, default_value = "0")]
        fee: String,
    },
    /// Report a milestone (the curator).
    Report {
        /// The bounty id.
        id: u32,
        /// The milestone, counted from 1.
        milestone: u8,
        /// The report (a link).
        report: String,
    },
    /// Award from a budget line to a member's wallet or any account (the curator).
    Award {
        /// The bounty id.
        id: u32,
        /// The line, counted from 1.
        line: u8,
        /// The recipient (SS58).
        recipient: String,
        /// The amount in tokens.
        amount: String,
        /// What it is for.
        #[arg(long, default_value = "")]
        memo: String,
    },
    /// Feed a budget line into a month's pool (the curator).
    Feed {
        /// The bounty id.
        id: u32,
        /// The line, counted from 1.
        line: u8,
        /// The month id.
        month: u32,
        /// The amount in tokens.
        amount: String,
    },
    /// Close the bounty: the fee on what was spent, the rest refunded (the curator).
    Close {
        /// The bounty id.
        id: u32,
    },
    /// Propose approving and funding the bounty with what it asks (council).
    Approve {
        /// The bounty id.
        id: u32,
        /// The description the council reads.
        #[arg(long)]
        why: String,
    },
    /// Propose deciding a reported milestone on its current report (council).
    Decide {
        /// The bounty id.
        id: u32,
        /// The milestone, counted from 1.
        milestone: u8,
        /// Approve (else reject).
        #[arg(long)]
        approve: bool,
        /// Why (a link or text the curator reads).
        #[arg(long)]
        reason: String,
        /// The description the council reads.
        #[arg(long)]
        why: String,
    },
}

/// Other governor actions.
#[derive(Debug, Subcommand)]
pub enum ProposeAction {
    /// Top up the bonus reserve.
    Bonus {
        /// The amount in tokens.
        amount: String,
    },
    /// Add and remove reviewers.
    Reviewers {
        /// Addresses to add.
        #[arg(long)]
        add: Vec<String>,
        /// Addresses to remove.
        #[arg(long)]
        remove: Vec<String>,
    },
    /// Pause a contract: registry, pool or bounty.
    Pause {
        /// registry, pool or bounty.
        target: String,
    },
    /// Resume a contract.
    Unpause {
        /// registry, pool or bounty.
        target: String,
    },
    /// Cancel a bounty award during its payout delay.
    CancelAward {
        /// The award id.
        award: u32,
    },
    /// Pay from the treasury.
    Transfer {
        /// The recipient (SS58).
        to: String,
        /// The amount in tokens.
        amount: String,
    },
}

/// Runs a parsed command.
///
/// Errors: whatever the command met, in words.
pub async fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Check { config } => {
            let plan = load(&config)?;
            println!(
                "{}: ok ({} council members, threshold {}, {} members, {} reviewers)",
                config.display(),
                plan.council.len(),
                plan.threshold,
                plan.members.len(),
                plan.reviewers.len()
            );
            Ok(())
        }
        Command::Deploy { config, manifest } => deploy_or_demo(&config, manifest, None).await,
        Command::Demo {
            config,
            manifest,
            leave_unclaimed,
        } => deploy_or_demo(&config, manifest, Some(leave_unclaimed)).await,
        Command::Month {
            what: MonthCommand::Report { month, csv, on },
        } => {
            let mut node = Node::open(&on).await?;
            let m = &node.manifest;
            let report = month::report(
                &mut node.client,
                &node.signer,
                node.suite.registry,
                node.suite.pool,
                month,
                &m.token.symbol,
                m.token.decimals,
            )
            .await?;
            publish(
                &report,
                matches!(m.calendar, crate::CalendarJson::UtcMonths),
                csv.as_deref(),
            )
        }
        Command::Month {
            what: MonthCommand::Status { month, on },
        } => {
            let mut node = Node::open(&on).await?;
            let pool = ink_e2e::create_call_builder::<reward_pool::RewardPool>(node.suite.pool);
            let dates = chain::read(
                &mut node.client,
                &node.signer,
                &pool.month_dates(month),
                "read the month's dates",
            )
            .await?
            .map_err(|e| anyhow!("month {month}: {e:?}"))?;
            println!("{}:", month::label(&node.suite.calendar, month));
            for line in month::status_lines(&dates, chain::wall_ms()) {
                println!("  {line}");
            }
            Ok(())
        }
        Command::Month {
            what:
                MonthCommand::Finalize {
                    month,
                    on,
                    description,
                },
        } => {
            let mut node = Node::open(&on).await?;
            months::finalize(&mut node.ctx(&mut print), month, &description)
                .await
                .map(|_| ())
        }
        Command::Month {
            what: MonthCommand::Sweep { month, on },
        } => {
            let mut node = Node::open(&on).await?;
            months::sweep(&mut node.ctx(&mut print), month)
                .await
                .map(|_| ())
        }
        Command::Fund {
            month,
            amount,
            on,
            description,
        } => {
            let mut node = Node::open(&on).await?;
            let amount = node.amount("amount", &amount)?;
            months::fund(&mut node.ctx(&mut print), month, amount, &description)
                .await
                .map(|_| ())
        }
        Command::Proposals { on, limit } => {
            let mut node = Node::open(&on).await?;
            let list = council::proposals(&mut node.ctx(&mut print), limit).await?;
            if list.is_empty() {
                println!("no proposal yet");
            }
            for (_, _, line) in list {
                println!("{line}");
            }
            Ok(())
        }
        Command::Propose {
            on,
            description,
            action,
        } => {
            let mut node = Node::open(&on).await?;
            let action = node.action(action)?;
            council::propose(&mut node.ctx(&mut print), action, &description)
                .await
                .map(|_| ())
        }
        Command::Member {
            on,
            description,
            change,
        } => {
            let mut node = Node::open(&on).await?;
            let action = member_action(change)?;
            council::propose(&mut node.ctx(&mut print), action, &description)
                .await
                .map(|_| ())
        }
        Command::Approve(v) => vote(v, Vote::Approve).await,
        Command::Revoke(v) => vote(v, Vote::Revoke).await,
        Command::Cancel(v) => vote(v, Vote::Cancel).await,
        Command::Execute(e) => {
            let how = if e.wait {
                Vote::ExecuteWhenReady
            } else {
                Vote::Execute
            };
            vote(e.vote, how).await
        }
        Command::Advance { on } => {
            let mut node = Node::open(&on).await?;
            months::advance(&mut node.ctx(&mut print)).await.map(|_| ())
        }
        Command::Retell { on } => {
            let mut node = Node::open(&on).await?;
            months::retell(&mut node.ctx(&mut print)).await.map(|_| ())
        }
        Command::Bounty { on, what } => {
            let mut node = Node::open(&on).await?;
            let curator_default = ink::primitives::AccountId::from(node.signer.public_key().0);
            let decimals = node.manifest.token.decimals;
            let mut say = print;
            let mut ctx = node.ctx(&mut say);
            match what {
                BountyCommand::Show { id } => {
                    for line in bounty::show(&mut ctx, id).await? {
                        println!("{line}");
                    }
                    Ok(())
                }
                BountyCommand::Propose {
                    curator,
                    description,
                    from,
                    to,
                    lines,
                    milestones,
                    fee,
                } => {
                    let spec = bounty_spec(
                        curator_default,
                        curator.as_deref(),
                        description,
                        &from,
                        &to,
                        &lines,
                        &milestones,
                        &fee,
                        decimals,
                    )?;
                    bounty::propose_bounty(&mut ctx, spec).await.map(|_| ())
                }
                BountyCommand::Report {
                    id,
                    milestone,
                    report,
                } => bounty::report(&mut ctx, id, milestone, &report).await,
                BountyCommand::Award {
                    id,
                    line,
                    recipient,
                    amount,
                    memo,
                } => {
                    let amount = config::amount("amount", &amount, decimals)?;
                    bounty::award(
                        &mut ctx,
                        id,
                        line,
                        address("recipient", &recipient)?,
                        amount,
                        &memo,
                    )
                    .await
                    .map(|_| ())
                }
                BountyCommand::Feed {
                    id,
                    line,
                    month,
                    amount,
                } => {
                    let amount = config::amount("amount", &amount, decimals)?;
                    bounty::feed(&mut ctx, id, line, month, amount).await
                }
                BountyCommand::Close { id } => bounty::close(&mut ctx, id).await,
                BountyCommand::Approve { id, why } => {
                    bounty::approve(&mut ctx, id, &why).await.map(|_| ())
                }
                BountyCommand::Decide {
                    id,
                    milestone,
                    approve,
                    reason,
                    why,
                } => bounty::decide(&mut ctx, id, milestone, approve, &reason, &why)
                    .await
                    .map(|_| ()),
            }
        }
        Command::Score {
            month,
            csv,
            queue,
            on,
        } => {
            let mut node = Node::open(&on).await?;
            match (csv, queue) {
                (Some(csv), None) => {
                    let text = std::fs::read_to_string(&csv).with_context(|| format!("cannot read {}", csv.display()))?;
                    let sent = months::score(&mut node.ctx(&mut print), month, &text).await?;
                    println!("{sent} entries scored");
                    Ok(())
                }
                (None, Some(out)) => {
                    let sheet = months::queue(&mut node.ctx(&mut print), month).await?;
                    std::fs::write(&out, sheet).with_context(|| format!("cannot write {}", out.display()))?;
                    println!("queue written to {}", out.display());
                    Ok(())
                }
                _ => bail!("give --csv <filled sheet> to send scores, or --queue <file> to write the queue"),
            }
        }
    }
}

fn print(line: &str) {
    println!("{line}");
}

async fn vote(v: Vote1, how: Vote) -> anyhow::Result<()> {
    let mut node = Node::open(&v.on).await?;
    council::act(&mut node.ctx(&mut print), v.id, how).await
}

/// A member change as the governor action it proposes.
///
/// Errors: an address or rank that does not parse.
pub fn member_action(change: MemberChange) -> anyhow::Result<Action> {
    Ok(match change {
        MemberChange::Induct {
            who,
            rank,
            evidence,
        } => Action::Induct {
            who: address("who", &who)?,
            rank: config::rank("rank", &rank)?,
            evidence_ref: evidence.into_bytes(),
        },
        MemberChange::Rank { member, rank } => Action::SetRank {
            member,
            rank: config::rank("rank", &rank)?,
        },
        MemberChange::Suspend { member, reason } => Action::Suspend {
            member,
            reason_ref: reason.into_bytes(),
        },
        MemberChange::Unsuspend { member } => Action::Unsuspend { member },
        MemberChange::Remove { member, reason } => Action::RemoveMember {
            member,
            reason_ref: reason.into_bytes(),
        },
    })
}

fn address(field: &str, text: &str) -> anyhow::Result<ink::primitives::AccountId> {
    let a = config::account(field, text)?;
    Ok(a.id)
}

/// A bounty proposal from the command line's words: lines "name=cap" in tokens, milestones
/// "what|YYYY-MM-DD|percent", days in UTC, the fee in percent.
///
/// Errors: a part that does not parse, named.
#[allow(clippy::too_many_arguments)]
pub fn bounty_spec(
    signer: ink::primitives::AccountId,
    curator: Option<&str>,
    description: String,
    from: &str,
    to: &str,
    lines: &[String],
    milestones: &[String],
    fee: &str,
    decimals: u8,
) -> anyhow::Result<bounty::Spec> {
    let lines = lines
        .iter()
        .map(|l| {
            let (name, cap) = l
                .rsplit_once('=')
                .ok_or_else(|| anyhow!("--line `{l}`: write it as name=cap"))?;
            Ok((
                name.trim().to_string(),
                config::amount("--line", cap.trim(), decimals)?,
            ))
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    let milestones = milestones
        .iter()
        .map(|m| {
            let parts: Vec<&str> = m.split('|').collect();
            let [what, due, share] = parts[..] else {
                bail!("--milestone `{m}`: write it as what|YYYY-MM-DD|percent");
            };
            Ok((
                what.trim().to_string(),
                day_ms(due.trim())?,
                percent_bps(share.trim())?,
            ))
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    // The period's last day counts whole: it ends at that day's last millisecond.
    let period = (day_ms(from)?, day_ms(to)?.saturating_add(86_399_999));
    Ok(bounty::Spec {
        curator: match curator {
            Some(c) => address("--curator", c)?,
            None => signer,
        },
        description,
        period,
        lines,
        milestones,
        fee_bps: percent_bps(fee)?,
    })
}

/// `YYYY-MM-DD` as ms since 1970 at 00:00 UTC (Howard Hinnant's days-from-civil).
///
/// Errors: not a date.
pub fn day_ms(text: &str) -> anyhow::Result<u64> {
    let bad = || anyhow!("`{text}` is not a date (YYYY-MM-DD)");
    let mut it = text.split('-');
    let (Some(y), Some(m), Some(d), None) = (it.next(), it.next(), it.next(), it.next()) else {
        return Err(bad());
    };
    let (y, m, d): (i64, i64, i64) = (
        y.parse().map_err(|_| bad())?,
        m.parse().map_err(|_| bad())?,
        d.parse().map_err(|_| bad())?,
    );
    if !(1970..=9999).contains(&y) || !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return Err(bad());
    }
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    u64::try_from(days * 86_400_000).map_err(|_| bad())
}

/// A percent ("2", "2.5", "100") as basis points.
///
/// Errors: not a percent from 0 to 100 with at most two decimals.
pub fn percent_bps(text: &str) -> anyhow::Result<u16> {
    let bps = config::amount("percent", text, 2)
        .map_err(|_| anyhow!("`{text}` is not a percent (such as 2 or 2.5)"))?;
    u16::try_from(bps)
        .ok()
        .filter(|b| *b <= 10_000)
        .ok_or_else(|| anyhow!("`{text}` is more than 100 %"))
}

fn contract(text: &str) -> anyhow::Result<Contract> {
    match text {
        "registry" => Ok(Contract::Registry),
        "pool" | "reward_pool" | "reward-pool" => Ok(Contract::RewardPool),
        "bounty" => Ok(Contract::Bounty),
        other => bail!("`{other}` is not a suite contract (registry, pool or bounty)"),
    }
}

/// A node deployment opened for a command: the client, the manifest and what it records, the
/// signer and the confirmation policy.
struct Node {
    client: chain::NodeChain,
    manifest: Manifest,
    suite: Deployed,
    signer: Keypair,
    confirm: Confirm,
}

impl Node {
    async fn open(on: &On) -> anyhow::Result<Self> {
        let manifest = Manifest::read(&on.manifest)?;
        if manifest.target == "sandbox" {
            bail!(
                "{} records a sandbox deployment, which ended with its command; `suite demo` prints its report",
                on.manifest.display()
            );
        }
        let signer = config::account("--signer", &on.signer)?
            .key
            .ok_or_else(|| {
                anyhow!("--signer must be a dev account (//Name) or env:VAR holding a secret URI")
            })?;
        let mut client = chain::node(&crate::bundle_dir(), &manifest.target).await?;
        client.progress = Some(Box::new(|line: &str| println!("{line}")));
        let name = client.name.clone();
        let suite = manifest.deployed()?;
        client.events().name(suite.named());
        Ok(Self {
            client,
            suite,
            signer,
            confirm: Confirm::for_chain(name.as_deref(), on.yes),
            manifest,
        })
    }

    fn ctx<'a>(&'a mut self, out: &'a mut dyn FnMut(&str)) -> Ctx<'a, chain::NodeChain> {
        Ctx {
            client: &mut self.client,
            suite: &self.suite,
            token: &self.manifest.token,
            signer: &self.signer,
            confirm: self.confirm,
            out,
        }
    }

    fn amount(&self, field: &str, text: &str) -> anyhow::Result<u128> {
        Ok(config::amount(field, text, self.manifest.token.decimals)?)
    }

    fn action(&self, action: ProposeAction) -> anyhow::Result<Action> {
        Ok(match action {
            ProposeAction::Bonus { amount } => Action::FundBonusReserve {
                amount: self.amount("amount", &amount)?,
            },
            ProposeAction::Reviewers { add, remove } => Action::SetReviewers {
                add: add
                    .iter()
                    .map(|a| address("--add", a))
                    .collect::<anyhow::Result<_>>()?,
                remove: remove
                    .iter()
                    .map(|a| address("--remove", a))
                    .collect::<anyhow::Result<_>>()?,
            },
            ProposeAction::Pause { target } => Action::Pause {
                target: contract(&target)?,
            },
            ProposeAction::Unpause { target } => Action::Unpause {
                target: contract(&target)?,
            },
            ProposeAction::CancelAward { award } => Action::CancelAward { award },
            ProposeAction::Transfer { to, amount } => Action::Transfer {
                to: address("to", &to)?,
                amount: self.amount("amount", &amount)?,
            },
        })
    }
}

fn load(config: &Path) -> anyhow::Result<Plan> {
    let text = std::fs::read_to_string(config)
        .with_context(|| format!("cannot read {}", config.display()))?;
    Config::parse(&text).with_context(|| format!("{} refused", config.display()))
}

fn default_manifest(config: &Path) -> PathBuf {
    let stem = config
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_else(|| "deployment".into());
    PathBuf::from("target/deploy").join(format!("{stem}.json"))
}

async fn deploy_or_demo(
    config: &Path,
    manifest: Option<PathBuf>,
    demo: Option<usize>,
) -> anyhow::Result<()> {
    let manifest = manifest.unwrap_or_else(|| default_manifest(config));
    let plan = load(config)?;
    let stem = manifest.with_extension("");
    match plan.target.clone() {
        Target::Sandbox => {
            let mut client = chain::sandbox(&crate::bundle_dir(), chain::wall_ms())?;
            println!("target: in-process sandbox (gone when this command ends)");
            go(&mut client, &plan, &manifest, &stem, demo).await
        }
        Target::Node(url) => {
            let mut client = chain::node(&crate::bundle_dir(), &url).await?;
            println!(
                "target: {url} ({})",
                client.name.as_deref().unwrap_or("unknown chain")
            );
            if manifest.exists() {
                let recorded = Manifest::read(&manifest)?;
                crate::already_deployed(&mut client, &plan, &recorded)
                    .await
                    .with_context(|| format!("manifest {}", manifest.display()))?;
                println!(
                    "already deployed (manifest {}): governor {}",
                    manifest.display(),
                    recorded.addresses.governor
                );
                if demo.is_none() {
                    return Ok(());
                }
            }
            go(&mut client, &plan, &manifest, &stem, demo).await
        }
    }
}

/// Deploys, writes the manifest and, for `demo` (`Some(n)`: the last n members claim neither
/// their month nor their award), runs the current month and a community bounty and prints the
/// month's report.
async fn go<C: Chain>(
    client: &mut C,
    plan: &Plan,
    manifest: &Path,
    stem: &Path,
    demo: Option<usize>,
) -> anyhow::Result<()> {
    let recorded = if demo.is_some() && manifest.exists() && plan.target != Target::Sandbox {
        Some(Manifest::read(manifest)?)
    } else {
        None
    };
    let deployed = match recorded {
        Some(m) => {
            let d = m.deployed()?;
            client.events().name(d.named());
            d
        }
        None => {
            let at = client.clock().now();
            let d = deploy_recorded(client, plan, manifest).await?;
            let facts = client.facts().await;
            Manifest::new(plan, &d, at, facts.name, facts.genesis, facts.block).write(manifest)?;
            // The deployment is whole and its manifest written: its step record goes.
            let _ = std::fs::remove_file(partial_path(manifest));
            println!("manifest written to {}", manifest.display());
            d
        }
    };
    let Some(leave_unclaimed) = demo else {
        return Ok(());
    };
    let month = month::run_demo_month(client, plan, &deployed, leave_unclaimed, &mut |line| {
        println!("  {line}")
    })
    .await?;
    community_bounty::run_demo_bounty(client, plan, &deployed, leave_unclaimed, &mut |line| {
        println!("  {line}")
    })
    .await?;
    let me = plan
        .signer
        .key
        .as_ref()
        .ok_or_else(|| anyhow!("no signer key"))?;
    let report = month::report(
        client,
        me,
        deployed.registry,
        deployed.pool,
        month,
        &plan.token.symbol,
        plan.token.decimals,
    )
    .await?;
    let utc = matches!(deployed.calendar, reward_pool::Calendar::UtcMonths);
    let csv = PathBuf::from(format!("{}-month-{month}.csv", stem.display()));
    publish(&report, utc, Some(&csv))
}

/// Where a deployment in progress is recorded: beside its manifest, `<manifest>.partial.json`.
pub fn partial_path(manifest: &Path) -> PathBuf {
    manifest.with_extension("partial.json")
}

/// Deploys, resuming a deployment cut short that [`partial_path`] records (same config, target
/// and chain) and recording each step there as it is done; the record is removed once the
/// manifest is written (by the caller). The sandbox keeps no record: it ends with the command.
///
/// Errors: those of [`crate::deploy::deploy_resuming`]; the record is not one, or cannot be
/// written.
async fn deploy_recorded<C: Chain>(
    client: &mut C,
    plan: &Plan,
    manifest: &Path,
) -> anyhow::Result<crate::deploy::Deployed> {
    use crate::deploy::{deploy_resuming, Partial};
    let mut log = |line: &str| println!("  {line}");
    if plan.target == Target::Sandbox {
        let mut partial = Partial::resume(plan, None, None);
        return deploy_resuming(client, plan, &mut partial, &mut |_| Ok(()), &mut log).await;
    }
    let path = partial_path(manifest);
    let earlier = match std::fs::read_to_string(&path) {
        Ok(text) => Some(serde_json::from_str::<Partial>(&text).with_context(|| {
            format!(
                "{} is not a deployment record: move it away to deploy afresh",
                path.display()
            )
        })?),
        Err(_) => None,
    };
    let genesis = client.facts().await.genesis;
    let mut partial = Partial::resume(plan, genesis, earlier);
    if !partial.is_fresh() {
        println!("  resuming from {}", path.display());
    }
    let mut save = |p: &Partial| -> anyhow::Result<()> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(&path, serde_json::to_string_pretty(p)? + "\n")
            .with_context(|| format!("cannot record the deployment in {}", path.display()))
    };
    deploy_resuming(client, plan, &mut partial, &mut save, &mut log).await
}

/// Prints a month report as Markdown and writes it as CSV to `csv` when given.
fn publish(report: &month::Report, utc: bool, csv: Option<&Path>) -> anyhow::Result<()> {
    println!("\n{}", report.markdown(utc));
    if let Some(csv) = csv {
        std::fs::write(csv, report.csv())
            .with_context(|| format!("cannot write {}", csv.display()))?;
        println!("CSV written to {}", csv.display());
    }
    Ok(())
}
