//! `scripts/bench`: what each message of the suite costs (ref_time, proof_size, storage deposit)
//! at 10, 100 and 1,000 members, next to one ordinary contract call (a PSP22-style `transfer`),
//! on drink's sandbox with the release bundles, in one process and one run.
//!
//! Writes `target/bench/bench.md`, `bench.csv` and `cost.svg` and prints the table. Nothing here
//! is a test: the targets are shown, not asserted.

use e2e::{account, id, ink_id, many, AccountId, Chain, PoolMoney, Receipt, UNIT};
use registry::Rank;
use reward_pool::{Department, Score};
use std::fmt::Write as _;
use std::path::PathBuf;

const GOV: u8 = 1;
const REVIEWER: u8 = 20;
const CURATOR: u8 = 21;
const STRANGER: u8 = 22;
const TREASURY: u8 = 30;
const PERIOD: u64 = 1_000_000;
const BASE: u128 = 84_000 * UNIT;
/// A standard parachain block: 2 s of ref_time (in ps), 5 MiB of proof, 75 % for normal calls.
const BLOCK_REF_TIME: f64 = 2e12 * 0.75;
const BLOCK_PROOF: f64 = 5.0 * 1024.0 * 1024.0 * 0.75;
const SIZES: [u32; 3] = [10, 100, 1_000];
const SCORE_BATCH: u32 = 50;

type R<T> = Result<T, reward_pool::Error>;

/// One measured message.
#[derive(Clone)]
struct Row {
    message: &'static str,
    members: u32,
    ref_time: u64,
    proof_size: u64,
    deposit: i128,
}

struct Bench {
    chain: Chain,
    reg: AccountId,
    pool: AccountId,
    bounty: AccountId,
    token: AccountId,
    rows: Vec<Row>,
    members: u32,
}

fn points(i: u32) -> Vec<(Department, Score)> {
    vec![
        (
            Department::Basic,
            Score {
                effort: 15,
                results: 10 + (i % 10) as u8,
            },
        ),
        (
            Department::CommunityManagement,
            Score {
                effort: 12,
                results: 14,
            },
        ),
        (
            Department::Marketing,
            Score {
                effort: 10 + (i % 7) as u8,
                results: 9,
            },
        ),
    ]
}

impl Bench {
    /// Registry, pool and bounty governed by account 1 (the messages themselves are measured,
    /// not a governor in front of them), the reference token, and `members` members (member 0 a
    /// Senior, the rest Candidates so that the pool does not grow).
    fn new(members: u32) -> Self {
        let money = PoolMoney {
            base: BASE,
            step: 21_000 * UNIT,
            head_bonus: 4_000 * UNIT,
            senior_bonus: 2_000 * UNIT,
        };
        let (mut chain, reg, pool, bounty) = Chain::with_pool_and_bounty(
            money,
            vec![id(REVIEWER)],
            &account(TREASURY),
            1_000,
            PERIOD,
        );
        let gov = account(GOV);
        let token = chain
            .deploy::<_, ()>("reference_token", &gov, "new", 1_000_000_000 * UNIT, b"")
            .expect("token");
        for i in 0..members {
            chain.fund(&many(i), 100 * UNIT);
            let rank = if i == 0 {
                Rank::Senior
            } else {
                Rank::Candidate
            };
            let r: registry::Result<u32> = chain.call(
                &reg,
                &gov,
                "induct",
                (ink_id(&many(i)), rank, b"i".to_vec()),
            );
            assert_eq!(r, Ok(i), "induct {i}");
        }
        for month in 0..=6u32 {
            let r: R<()> = chain.call_with_value(&pool, &gov, "fund", month, BASE);
            r.expect("fund");
        }
        let r: R<()> = chain.call_with_value(&pool, &gov, "fund_bonus_reserve", (), 100_000 * UNIT);
        r.expect("bonus reserve");
        Self {
            chain,
            reg,
            pool,
            bounty,
            token,
            rows: Vec::new(),
            members,
        }
    }

    fn record(&mut self, message: &'static str) -> Receipt {
        let r = self.chain.receipt().clone();
        assert!(!r.reverted, "{message} reverted");
        self.rows.push(Row {
            message,
            members: self.members,
            ref_time: r.ref_time,
            proof_size: r.proof_size,
            deposit: r.deposit,
        });
        r
    }

    fn pool_call<T: scale::Decode>(
        &mut self,
        by: &AccountId,
        message: &str,
        args: impl scale::Encode,
    ) -> T {
        let pool = self.pool.clone();
        self.chain.call(&pool, by, message, args)
    }

    fn submit(&mut self, member: u32, month: u32) {
        let r: R<()> = self.pool_call(
            &many(member),
            "submit",
            (
                month,
                vec![Department::CommunityManagement, Department::Marketing],
                vec![
                    Score {
                        effort: 15,
                        results: 15
                    };
                    2
                ],
                b"github.com/program/issues/1".to_vec(),
            ),
        );
        r.expect("submit");
    }

    fn score(&mut self, month: u32, members: std::ops::Range<u32>) {
        // Each entry with a reason, as reviewers write them.
        let batch: Vec<(u32, Vec<(Department, Score)>, Vec<u8>)> = members
            .map(|m| (m, points(m), b"links open; only this month's work".to_vec()))
            .collect();
        let r: R<()> = self.pool_call(&account(REVIEWER), "score", (month, batch));
        r.expect("score");
    }

    fn finalize(&mut self, month: u32) {
        self.chain.set_time((u64::from(month) + 1) * PERIOD + 250);
        let pool = self.pool.clone();
        let r = self.chain.finalize(&pool, &account(GOV), month);
        r.expect("finalize");
    }

    fn run(mut self) -> Vec<Row> {
        let n = self.members;
        // Month 0: everyone submits; the last submission is measured.
        self.chain.set_time(10);
        for m in 0..n {
            self.submit(m, 0);
        }
        self.record("submit");
        self.chain.set_time(PERIOD + 150);
        // Scores: a batch of one, then the rest in batches of SCORE_BATCH (per entry).
        self.score(0, 0..1);
        self.record("score (1 entry)");
        let mut first = 1;
        let mut batch_row = None;
        while first < n {
            let last = (first + SCORE_BATCH).min(n);
            self.score(0, first..last);
            if last - first == SCORE_BATCH && batch_row.is_none() {
                batch_row = Some(self.chain.receipt().clone());
            }
            first = last;
        }
        if let Some(r) = batch_row {
            self.rows.push(Row {
                message: "score (per entry, batch of 50)",
                members: n,
                ref_time: r.ref_time / u64::from(SCORE_BATCH),
                proof_size: r.proof_size / u64::from(SCORE_BATCH),
                deposit: r.deposit / i128::from(SCORE_BATCH),
            });
        }
        self.finalize(0);
        self.record("finalize");
        let _: R<Vec<reward_pool::MonthPreview>> =
            self.pool_call(&many(1), "preview", (1u32, vec![0u32]));
        self.record("preview (1 month)");
        let r: R<u128> = self.pool_call(&many(1), "claim", vec![0u32]);
        r.expect("claim");
        self.record("claim (1 month)");
        // The promotion housekeeping for one member and one finalized month.
        let r: R<u32> = self.pool_call(&account(STRANGER), "advance", vec![2u32]);
        assert_eq!(r, Ok(1), "advance records month 0");
        self.record("advance (1 member, 1 month)");

        // Months 1 to 6 with member 0 (a Senior: reward + bonus), then one claim of all six.
        for month in 1..=6u32 {
            self.chain.set_time(u64::from(month) * PERIOD + 10);
            self.submit(0, month);
            self.chain.set_time(u64::from(month + 1) * PERIOD + 150);
            self.score(month, 0..1);
            self.finalize(month);
        }
        let r: R<u128> = self.pool_call(&many(0), "claim", (1..=6u32).collect::<Vec<_>>());
        r.expect("claim six");
        self.record("claim (6 months)");

        // The sweep of month 0 after its claim window.
        self.chain.set_time(11 * PERIOD + 300);
        let r: R<u128> = self.pool_call(&account(STRANGER), "sweep", 0u32);
        r.expect("sweep");
        self.record("sweep");

        // A retell as after an upgrade: the registry reads a batch of members and the pool
        // writes each one's wallet and standing into its copy (the first MAX_RETELL members;
        // every member at 10). A 1,000-member copy takes 1,000 / MAX_RETELL of these.
        let reg = self.reg.clone();
        let batch = registry::MAX_RETELL.min(n);
        let r: registry::Result<u32> =
            self.chain
                .call(&reg, &account(STRANGER), "retell", (0u32, batch));
        assert_eq!(r, Ok(batch), "retell");
        self.record("registry retell (batch of up to 50)");

        // record_months as the pool's advance calls it: the registry's own cost, with account 1
        // standing in for the authorised pool.
        let (reg, gov) = (self.reg.clone(), account(GOV));
        let r: registry::Result<()> = self.chain.call(
            &reg,
            &gov,
            "set_authorised",
            (registry::AuthorisedCaller::RewardPool, Some(id(GOV))),
        );
        r.expect("authorise account 1");
        let r: registry::Result<Vec<(u32, registry::Rank)>> = self.chain.call(
            &reg,
            &gov,
            "record_months",
            vec![(3u32.min(n - 1), 20u32, vec![7_000u32])],
        );
        r.expect("record_months");
        self.record("registry record_months (1 month)");

        // A treasury-proposal-#4 bounty: an award to member 1 and its claim after the delay.
        let bounty = self.bounty.clone();
        let lines = vec![
            (b"weekly bounties".to_vec(), 54_000 * UNIT),
            (b"educators".to_vec(), 26_000 * UNIT),
        ];
        let milestones = vec![
            (b"month 1 report".to_vec(), 30u64, 3_000u16),
            (b"month 2 report".to_vec(), 60u64, 3_000u16),
            (b"final report".to_vec(), 90u64, 4_000u16),
        ];
        let now = self.chain.time();
        let p: bounty::Result<u32> = self.chain.call(
            &bounty,
            &account(STRANGER),
            "propose",
            (
                id(CURATOR),
                b"ipfs://proposal-4".to_vec(),
                (now, now + 90 * PERIOD),
                80_000 * UNIT,
                lines,
                milestones,
                100u16,
            ),
        );
        let p = p.expect("propose bounty");
        let r: bounty::Result<()> =
            self.chain
                .call_with_value(&bounty, &gov, "approve_and_fund", p, 80_800 * UNIT);
        r.expect("fund bounty");
        // Awards spend what approved milestones unlocked: the first milestone, 30 %.
        let r: bounty::Result<()> = self.chain.call(
            &bounty,
            &account(CURATOR),
            "submit_report",
            (p, 0u8, b"report".to_vec()),
        );
        r.expect("milestone report");
        let r: bounty::Result<()> = self.chain.call(
            &bounty,
            &gov,
            "decide_milestone",
            (p, 0u8, 1u32, true, b"ok".to_vec()),
        );
        r.expect("milestone approved");
        let award: bounty::Result<u32> = self.chain.call(
            &bounty,
            &account(CURATOR),
            "award",
            (p, 1u8, ink_id(&many(1)), 500 * UNIT, b"memo".to_vec()),
        );
        let award = award.expect("award");
        self.record("bounty award");
        self.chain.set_time(now + 2_000);
        let r: bounty::Result<u128> = self.chain.call(&bounty, &many(1), "claim_award", award);
        r.expect("claim_award");
        self.record("bounty claim_award");

        // The yardstick: a PSP22 transfer between two existing holders.
        let token = self.token.clone();
        let r: Result<(), u8> = self.chain.call(
            &token,
            &gov,
            "transfer",
            (id(2), 1_000u128, Vec::<u8>::new()),
        );
        r.expect("first transfer");
        let r: Result<(), u8> = self.chain.call(
            &token,
            &gov,
            "transfer",
            (id(2), 1_000u128, Vec::<u8>::new()),
        );
        r.expect("transfer");
        self.record("reference transfer");
        self.rows
    }
}

/// Blocks a whole month of `members` takes: every member submits, is scored in batches and
/// claims once, plus one finalize; whichever of ref_time and proof size binds.
fn whole_month_blocks(
    members: u32,
    submit: &Row,
    per_entry: &Row,
    finalize: &Row,
    claim: &Row,
) -> f64 {
    let n = f64::from(members);
    let total_ref = n * (submit.ref_time + claim.ref_time + per_entry.ref_time) as f64
        + finalize.ref_time as f64;
    let total_proof = n * (submit.proof_size + claim.proof_size + per_entry.proof_size) as f64
        + finalize.proof_size as f64;
    (total_ref / BLOCK_REF_TIME)
        .max(total_proof / BLOCK_PROOF)
        .ceil()
}

/// `+12.3 %` from `before` to `now`.
fn change(before: u64, now: u64) -> String {
    if before == 0 {
        return "–".into();
    }
    format!(
        "{:+.1} %",
        (now as f64 - before as f64) / before as f64 * 100.0
    )
}

/// The figures of an earlier run kept in `e2e/bench/baseline/` (`bench.csv` and `wasm.csv` as
/// this program writes them), for the before column.
struct Baseline {
    label: String,
    rows: Vec<(String, u32, u64, u64)>,
    wasm: Vec<(String, u64)>,
    month_blocks: Option<f64>,
}

impl Baseline {
    fn load() -> Self {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("bench/baseline");
        let read = |name: &str| std::fs::read_to_string(dir.join(name)).unwrap_or_default();
        let label = read("LABEL").trim().to_string();
        let mut rows = Vec::new();
        let mut month_blocks = None;
        for line in read("bench.csv").lines().skip(1) {
            // A message name may hold commas ("advance (1 member, 1 month)"): the six numeric
            // fields are the last ones.
            let f: Vec<&str> = line.split(',').collect();
            let Some(split) = f.len().checked_sub(6) else {
                continue;
            };
            let m = f[..split].join(",");
            let (n, r, p) = (f[split], f[split + 1], f[split + 2]);
            if m == "whole month blocks" {
                month_blocks = r.parse().ok();
                continue;
            }
            if let (Ok(n), Ok(r), Ok(p)) = (n.parse(), r.parse(), p.parse()) {
                rows.push((m, n, r, p));
            }
        }
        let wasm = read("wasm.csv")
            .lines()
            .skip(1)
            .filter_map(|l| {
                let (name, bytes) = l.split_once(',')?;
                Some((name.to_string(), bytes.trim().parse().ok()?))
            })
            .collect();
        Self {
            label: if label.is_empty() {
                "none kept".into()
            } else {
                label
            },
            rows,
            wasm,
            month_blocks,
        }
    }

    fn row(&self, message: &str, members: u32) -> Option<(u64, u64)> {
        self.rows
            .iter()
            .find(|(m, n, _, _)| m == message && *n == members)
            .map(|(_, _, r, p)| (*r, *p))
    }

    fn wasm(&self, name: &str) -> Option<u64> {
        self.wasm.iter().find(|(n, _)| n == name).map(|(_, b)| *b)
    }
}

fn find(rows: &[Row], message: &str, members: u32) -> Option<Row> {
    rows.iter()
        .find(|r| r.message == message && r.members == members)
        .cloned()
}

fn ratio(a: u64, b: u64) -> f64 {
    a as f64 / b.max(1) as f64
}

fn per_block(r: &Row) -> u64 {
    (BLOCK_REF_TIME / r.ref_time.max(1) as f64).min(BLOCK_PROOF / r.proof_size.max(1) as f64) as u64
}

fn svg(rows: &[Row], messages: &[&str]) -> String {
    let (w, h, left, bottom) = (760.0, 420.0, 70.0, 50.0);
    let max = rows
        .iter()
        .filter(|r| messages.contains(&r.message))
        .map(|r| r.ref_time)
        .max()
        .unwrap_or(1) as f64;
    let x = |n: u32| left + (f64::from(n).log10() - 1.0) / 2.0 * (w - left - 200.0);
    let y = |v: u64| h - bottom - v as f64 / max * (h - bottom - 20.0);
    let colours = [
        "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
        "#bcbd22", "#17becf", "#393b79", "#637939",
    ];
    let mut out = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" font-family="sans-serif" font-size="11">"#
    );
    let _ = write!(
        out,
        r#"<line x1="{left}" y1="{}" x2="{}" y2="{}" stroke="black"/><line x1="{left}" y1="20" x2="{left}" y2="{}" stroke="black"/>"#,
        h - bottom,
        w - 200.0,
        h - bottom,
        h - bottom
    );
    for n in SIZES {
        let _ = write!(
            out,
            r#"<text x="{}" y="{}" text-anchor="middle">{n} members</text>"#,
            x(n),
            h - bottom + 18.0
        );
    }
    let _ = write!(
        out,
        r#"<text x="10" y="14">ref_time (ps), max {max:.3e}</text>"#
    );
    for (i, message) in messages.iter().enumerate() {
        let colour = colours[i % colours.len()];
        let points: Vec<String> = SIZES
            .iter()
            .filter_map(|n| {
                find(rows, message, *n).map(|r| format!("{:.1},{:.1}", x(*n), y(r.ref_time)))
            })
            .collect();
        let _ = write!(
            out,
            r#"<polyline fill="none" stroke="{colour}" stroke-width="2" points="{}"/>"#,
            points.join(" ")
        );
        let _ = write!(
            out,
            r#"<text x="{}" y="{}" fill="{colour}">{message}</text>"#,
            w - 190.0,
            30.0 + 16.0 * i as f64
        );
    }
    out.push_str("</svg>\n");
    out
}

fn main() {
    let mut rows = Vec::new();
    for n in SIZES {
        eprintln!("bench: {n} members");
        rows.extend(Bench::new(n).run());
    }
    let mut messages: Vec<&'static str> = Vec::new();
    for r in &rows {
        if !messages.contains(&r.message) {
            messages.push(r.message);
        }
    }
    let transfer = |n| find(&rows, "reference transfer", n).expect("transfer measured");

    let mut md = String::new();
    let _ = writeln!(md, "## Cost per message (drink sandbox, release Wasm)\n");
    let _ = writeln!(md, "| message | members | ref_time (ps) | proof_size (B) | storage deposit | × transfer (ref_time) | × transfer (proof) |");
    let _ = writeln!(md, "|---|---:|---:|---:|---:|---:|---:|");
    let mut csv = String::from(
        "message,members,ref_time,proof_size,storage_deposit,ratio_ref_time,ratio_proof_size\n",
    );
    for message in &messages {
        for n in SIZES {
            let Some(r) = find(&rows, message, n) else {
                continue;
            };
            let t = transfer(n);
            let (rr, rp) = (
                ratio(r.ref_time, t.ref_time),
                ratio(r.proof_size, t.proof_size),
            );
            let _ = writeln!(
                md,
                "| {message} | {n} | {} | {} | {} | {rr:.2} | {rp:.2} |",
                r.ref_time, r.proof_size, r.deposit
            );
            let _ = writeln!(
                csv,
                "{message},{n},{},{},{},{rr:.3},{rp:.3}",
                r.ref_time, r.proof_size, r.deposit
            );
        }
    }

    let big = SIZES[2];
    let get = |m: &str, n: u32| find(&rows, m, n).unwrap_or_else(|| panic!("{m} at {n} measured"));
    let claim = get("claim (1 month)", big);
    let per_entry = find(&rows, "score (per entry, batch of 50)", big)
        .unwrap_or_else(|| get("score (1 entry)", big));
    let month_blocks = whole_month_blocks(
        big,
        &get("submit", big),
        &per_entry,
        &get("finalize", big),
        &claim,
    );
    // Each routed contract's whole build, then the router its account runs and the builds it
    // sends each message to (issue 20): what any call loads is the router and one build. The
    // whole builds are where clients read the ABI; a deployment never uploads them.
    const ROUTED: [&str; 4] = ["governor", "registry", "reward_pool", "bounty"];
    let names: Vec<String> = ROUTED
        .into_iter()
        .flat_map(|contract| {
            [contract.to_string(), format!("{contract}_router")]
                .into_iter()
                .chain(e2e::routed_builds(contract))
        })
        .chain(["reference_token"].map(String::from))
        .collect();
    let sizes: Vec<(&str, usize)> = names
        .iter()
        .map(|n| (n.as_str(), e2e::wasm(n).len()))
        .collect();
    let uploaded = |name: &str| !ROUTED.contains(&name);

    let _ = writeln!(md, "\n## Targets (issue 20)\n");
    let _ = writeln!(md, "| target | measured | met |");
    let _ = writeln!(md, "|---|---:|---|");
    let mut target = |name: &str, value: f64, limit: f64| {
        let _ = writeln!(
            md,
            "| {name} ≤ {limit} | {value:.3} | {} |",
            if value <= limit { "yes" } else { "NO" }
        );
    };
    for (name, bytes) in sizes.iter().filter(|(name, _)| uploaded(name)) {
        target(&format!("{name} Wasm, KiB"), *bytes as f64 / 1024.0, 32.0);
    }
    target(
        "claim 1 month / transfer, ref_time",
        ratio(claim.ref_time, transfer(big).ref_time),
        2.0,
    );
    target(
        "claim 1 month / transfer, proof size",
        ratio(claim.proof_size, transfer(big).proof_size),
        2.5,
    );
    target(
        "claim 6 months / claim 1 month, ref_time",
        ratio(get("claim (6 months)", big).ref_time, claim.ref_time),
        2.0,
    );
    target(
        "submit / transfer, ref_time",
        ratio(get("submit", big).ref_time, transfer(big).ref_time),
        2.5,
    );
    target(
        "score per entry (batch of 50) / transfer, ref_time",
        ratio(per_entry.ref_time, transfer(big).ref_time),
        0.5,
    );
    target(
        &format!("blocks for a whole {big}-member month"),
        month_blocks,
        20.0,
    );
    target(
        "finalize(1000) / finalize(10), ref_time",
        ratio(get("finalize", big).ref_time, get("finalize", 10).ref_time),
        1.05,
    );

    // Before and after: the figures of the run kept in e2e/bench/baseline/ (the code before the
    // cost issue), next to this run's.
    let baseline = Baseline::load();
    let _ = writeln!(
        md,
        "\n## Before and after ({big} members; before = e2e/bench/baseline/, {})\n",
        baseline.label
    );
    let _ = writeln!(
        md,
        "| message | ref_time before | ref_time now | change | proof before | proof now | change |"
    );
    let _ = writeln!(md, "|---|---:|---:|---:|---:|---:|---:|");
    for message in &messages {
        let Some(now) = find(&rows, message, big) else {
            continue;
        };
        match baseline.row(message, big) {
            Some((ref_time, proof)) => {
                let _ = writeln!(
                    md,
                    "| {message} | {ref_time} | {} | {} | {proof} | {} | {} |",
                    now.ref_time,
                    change(ref_time, now.ref_time),
                    now.proof_size,
                    change(proof, now.proof_size)
                );
            }
            None => {
                let _ = writeln!(
                    md,
                    "| {message} | – | {} | – | – | {} | – |",
                    now.ref_time, now.proof_size
                );
            }
        }
    }
    if let Some(before) = baseline.month_blocks {
        let _ = writeln!(
            md,
            "| blocks for a whole {big}-member month | {before} | {month_blocks} | {} | | | |",
            change(before as u64, month_blocks as u64)
        );
    }
    let _ = writeln!(md, "\n## Optimised Wasm size\n");
    let _ = writeln!(
        md,
        "| contract | bytes before | bytes now | change | ≤ 32 KiB |"
    );
    let _ = writeln!(md, "|---|---:|---:|---:|---|");
    let mut wasm_csv = String::from("contract,bytes\n");
    for (name, bytes) in &sizes {
        let before = baseline.wasm(name);
        let _ = writeln!(
            md,
            "| {name} | {} | {bytes} | {} | {} |",
            before.map_or("–".to_string(), |b| b.to_string()),
            before.map_or("–".to_string(), |b| change(b, *bytes as u64)),
            if !uploaded(name) {
                "– (the ABI's build, never uploaded)"
            } else if *bytes <= 32 * 1024 {
                "yes"
            } else {
                "NO"
            }
        );
        let _ = writeln!(wasm_csv, "{name},{bytes}");
    }
    let _ = writeln!(csv, "whole month blocks,{big},{month_blocks},0,0,0,0");

    let _ = writeln!(
        md,
        "\n## Per block (2 s ref_time, 5 MiB proof, 75 % normal)\n"
    );
    let _ = writeln!(md, "- claims of one month per block: {}", per_block(&claim));
    let _ = writeln!(
        md,
        "- a whole {big}-member month (submissions, scores in batches of {SCORE_BATCH}, finalize, claims): {month_blocks} blocks"
    );
    let _ = writeln!(
        md,
        "\n(extrinsic base weight and fees not included: contract execution only)"
    );

    let dir = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target"))
        .join("bench");
    std::fs::create_dir_all(&dir).expect("target/bench");
    std::fs::write(dir.join("bench.md"), &md).expect("bench.md");
    std::fs::write(dir.join("bench.csv"), &csv).expect("bench.csv");
    std::fs::write(dir.join("wasm.csv"), &wasm_csv).expect("wasm.csv");
    let charted: Vec<&str> = messages
        .iter()
        .copied()
        .filter(|m| *m != "score (per entry, batch of 50)")
        .collect();
    std::fs::write(dir.join("cost.svg"), svg(&rows, &charted)).expect("cost.svg");
    println!("{md}");
    println!(
        "written: {}/bench.md, bench.csv, wasm.csv, cost.svg (copy bench.csv and wasm.csv to e2e/bench/baseline/ to make this run the new \"before\")",
        dir.display()
    );
}
