//! `suite`: deploy the contributor-rewards suite from one config, run a demo month, report a month.
//!
//! ```text
//! suite check  <config.toml>                      check a config, send nothing
//! suite deploy <config.toml> [--manifest <path>]  deploy (once: a matching manifest means done)
//! suite demo   <config.toml> [--manifest <path>] [--leave-unclaimed <n>]
//!                                                 deploy, run the current month and a community
//!                                                 bounty, print the month's report (the last n
//!                                                 members claim neither month nor award)
//! suite month report <month> --manifest <path> [--csv <path>]   a month's table from a node
//! suite month status <month> --manifest <path>    a month's dates: deadline, review, disputes,
//!                                                 scores final, claim window end
//! ```
//! The manifest defaults to `target/deploy/<config name>.json`; contracts are read from
//! `target/ink/release/` (`./scripts/build-contracts`).

use anyhow::{anyhow, bail, Context};
use deploy::chain::{self, Chain};
use deploy::config::{Config, Plan, Target};
use deploy::{community_bounty, month, Manifest};
use ink_e2e::subxt::backend::legacy::LegacyRpcMethods;
use ink_e2e::PolkadotConfig;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "usage:
  suite check  <config.toml>
  suite deploy <config.toml> [--manifest <path>]
  suite demo   <config.toml> [--manifest <path>] [--leave-unclaimed <n>]
  suite month report <month> --manifest <path> [--csv <path>]
  suite month status <month> --manifest <path>";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let runtime = match ink_e2e::tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(args)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// The value after `--name` in `rest`, which holds only `--flag value` pairs.
fn option(rest: &[String], name: &str) -> anyhow::Result<Option<String>> {
    let mut found = None;
    for pair in rest.chunks(2) {
        match pair {
            [flag, value] if flag == name => found = Some(value.clone()),
            [flag, _] if ["--manifest", "--csv", "--leave-unclaimed"].contains(&flag.as_str()) => {}
            _ => bail!("unexpected arguments {pair:?}\n{USAGE}"),
        }
    }
    Ok(found)
}

fn load(config: &str) -> anyhow::Result<Plan> {
    let text = std::fs::read_to_string(config).with_context(|| format!("cannot read {config}"))?;
    Config::parse(&text).with_context(|| format!("{config} refused"))
}

fn default_manifest(config: &str) -> PathBuf {
    let stem = Path::new(config)
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_else(|| "deployment".into());
    PathBuf::from("target/deploy").join(format!("{stem}.json"))
}

async fn run(args: Vec<String>) -> anyhow::Result<()> {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        ["check", config] => {
            let plan = load(config)?;
            println!(
                "{config}: ok ({} council members, threshold {}, {} members, {} reviewers)",
                plan.council.len(),
                plan.threshold,
                plan.members.len(),
                plan.reviewers.len()
            );
            Ok(())
        }
        ["deploy" | "demo", config, rest @ ..] => {
            let rest: Vec<String> = rest.iter().map(|s| s.to_string()).collect();
            let manifest = option(&rest, "--manifest")?
                .map(PathBuf::from)
                .unwrap_or_else(|| default_manifest(config));
            let plan = load(config)?;
            let demo = args[0] == "demo";
            let leave_unclaimed: usize = match option(&rest, "--leave-unclaimed")? {
                Some(n) => n
                    .parse()
                    .map_err(|_| anyhow!("--leave-unclaimed needs a number"))?,
                None => 0,
            };
            let stem = manifest.with_extension("");
            match plan.target.clone() {
                Target::Sandbox => {
                    let mut client = chain::sandbox(&deploy::bundle_dir(), chain::wall_ms())?;
                    println!("target: in-process sandbox (gone when this command ends)");
                    go(
                        &mut client,
                        &plan,
                        &manifest,
                        &stem,
                        demo.then_some(leave_unclaimed),
                        None,
                        None,
                    )
                    .await
                }
                Target::Node(url) => {
                    let mut client = chain::node(&deploy::bundle_dir(), &url).await?;
                    let rpc = ink_e2e::RpcClient::from_url(&url).await?;
                    let legacy = LegacyRpcMethods::<PolkadotConfig>::new(rpc);
                    let name = legacy.system_chain().await.ok();
                    println!(
                        "target: {url} ({})",
                        name.as_deref().unwrap_or("unknown chain")
                    );
                    if manifest.exists() {
                        let recorded = Manifest::read(&manifest)?;
                        deploy::already_deployed(&mut client, &plan, &recorded)
                            .await
                            .with_context(|| format!("manifest {}", manifest.display()))?;
                        println!(
                            "already deployed (manifest {}): governor {}",
                            manifest.display(),
                            recorded.addresses.governor
                        );
                        if !demo {
                            return Ok(());
                        }
                    }
                    go(
                        &mut client,
                        &plan,
                        &manifest,
                        &stem,
                        demo.then_some(leave_unclaimed),
                        name,
                        Some(legacy),
                    )
                    .await
                }
            }
        }
        ["month", "report", month, rest @ ..] => {
            let rest: Vec<String> = rest.iter().map(|s| s.to_string()).collect();
            let (month, m) = node_month(month, &rest)?;
            let mut client = chain::node(&deploy::bundle_dir(), &m.target).await?;
            let report = month::report(
                &mut client,
                &ink_e2e::alice(),
                m.registry()?,
                m.pool()?,
                month,
                &m.token.symbol,
                m.token.decimals,
            )
            .await?;
            let utc = matches!(m.calendar, deploy::CalendarJson::UtcMonths);
            let csv = option(&rest, "--csv")?.map(PathBuf::from);
            publish(&report, utc, csv.as_deref())
        }
        ["month", "status", month, rest @ ..] => {
            let rest: Vec<String> = rest.iter().map(|s| s.to_string()).collect();
            let (month, m) = node_month(month, &rest)?;
            let mut client = chain::node(&deploy::bundle_dir(), &m.target).await?;
            let pool = ink_e2e::create_call_builder::<reward_pool::RewardPool>(m.pool()?);
            let dates = chain::read(
                &mut client,
                &ink_e2e::alice(),
                &pool.month_dates(month),
                "read the month's dates",
            )
            .await?
            .map_err(|e| anyhow!("month {month}: {e:?}"))?;
            println!("month {month}:");
            for line in month::status_lines(&dates, chain::wall_ms()) {
                println!("  {line}");
            }
            Ok(())
        }
        _ => bail!("{USAGE}"),
    }
}

/// The month id and the node deployment's manifest (`--manifest`) of a `month` command; a
/// sandbox deployment is refused (it ended with the command that made it).
fn node_month(month: &str, rest: &[String]) -> anyhow::Result<(u32, Manifest)> {
    let month: u32 = month
        .parse()
        .map_err(|_| anyhow!("`{month}` is not a month id"))?;
    let path =
        option(rest, "--manifest")?.ok_or_else(|| anyhow!("--manifest is required\n{USAGE}"))?;
    let m = Manifest::read(Path::new(&path))?;
    if m.target == "sandbox" {
        bail!("{path} records a sandbox deployment, which ended with its command; `suite demo` prints its report");
    }
    Ok((month, m))
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
    chain_name: Option<String>,
    legacy: Option<LegacyRpcMethods<PolkadotConfig>>,
) -> anyhow::Result<()> {
    let recorded = if demo.is_some() && manifest.exists() && plan.target != Target::Sandbox {
        Some(Manifest::read(manifest)?)
    } else {
        None
    };
    let deployed = match recorded {
        Some(m) => m.deployed()?,
        None => {
            let at = client.clock().now();
            let d = deploy::deploy::deploy(client, plan, &mut |line| println!("  {line}")).await?;
            let block = match &legacy {
                Some(legacy) => legacy
                    .chain_get_header(None)
                    .await
                    .ok()
                    .flatten()
                    .map(|h| u64::from(h.number)),
                None => None,
            };
            let genesis = match &legacy {
                Some(legacy) => legacy
                    .genesis_hash()
                    .await
                    .ok()
                    .map(|h| deploy::deploy::hex(h.as_ref())),
                None => None,
            };
            Manifest::new(plan, &d, at, chain_name, genesis, block).write(manifest)?;
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
