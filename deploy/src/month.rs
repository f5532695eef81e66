//! A month of the program driven by the tool (the demo), and the month report read from chain.

use crate::chain::{read, send, Chain, Clock};
use crate::config::{ss58, Plan};
use crate::deploy::{govern_now, tokens, tokens_2dp, Deployed};
use anyhow::{anyhow, ensure};
use governor::Action;
use ink::primitives::AccountId;
use ink_e2e::Keypair;
use registry::{Rank, Registry};
use reward_pool::{ClaimStatus, Department, RewardPool, Score};
use std::fmt::Write as _;

/// How long the demo allows, on a real chain, for funding a month through the governor
/// (propose, approve, the timelock, execute: four blocks and a second) before that month begins.
const FUNDING_MS: u64 = 15_000;

/// A reviewer's points for one member: department and score.
type Review = Vec<(Department, Score)>;

/// Self-scores and review points of the demo: member `i` chooses two or three departments and
/// the reviewer moves each self-score a little, as staff do in the V.4 program.
fn demo_submission(i: usize) -> (Vec<Department>, Vec<Score>, Review) {
    let chosen = rules::submission::MIN_CHOSEN + i % 2;
    let departments: Vec<Department> = Department::ALL
        .iter()
        .filter(|d| d.is_choosable())
        .cycle()
        .skip(i % 5)
        .take(chosen)
        .copied()
        .collect();
    let suggested: Vec<Score> = (0..chosen)
        .map(|k| Score {
            effort: 10 + ((i * 3 + k * 5) % 11) as u8,
            results: 8 + ((i * 7 + k * 3) % 13) as u8,
        })
        .collect();
    let mut reviewed = vec![(
        Department::Basic,
        Score {
            effort: 14 + (i % 7) as u8,
            results: 12 + (i % 9) as u8,
        },
    )];
    for (d, s) in departments.iter().zip(&suggested) {
        reviewed.push((
            *d,
            Score {
                effort: s.effort.saturating_sub((i % 3) as u8),
                results: (s.results + (i % 2) as u8).min(20),
            },
        ));
    }
    if i.is_multiple_of(4) {
        // Reviewers score Others (events, translations) for anyone, unasked.
        reviewed.push((
            Department::Others,
            Score {
                effort: 6,
                results: 4,
            },
        ));
    }
    (departments, suggested, reviewed)
}

/// Runs a month with every member the tool holds a key for: in the sandbox the month current
/// now, on a real chain the next one that begins at least `FUNDING_MS` from now (its start
/// awaited after funding). Funds it through the governor when it is short of the pool base,
/// members submit (every seventh stays
/// silent), the first reviewer with a key scores them all in one batch after the deadline, the
/// governor finalizes after the review window, and each submitter claims with its own wallet,
/// except the last `leave_unclaimed` (so that a claim page has something to claim).
/// Returns the month id.
///
/// Errors: no reviewer key; a step refused (named), or a claim paying other than its preview.
pub async fn run_demo_month<C: Chain>(
    client: &mut C,
    plan: &Plan,
    d: &Deployed,
    leave_unclaimed: usize,
    log: &mut dyn FnMut(&str),
) -> anyhow::Result<u32> {
    let me = plan
        .signer
        .key
        .as_ref()
        .ok_or_else(|| anyhow!("no signer key"))?;
    let reviewer = plan
        .reviewers
        .iter()
        .find_map(|a| a.key.as_ref())
        .ok_or_else(|| anyhow!("the demo needs a reviewer the tool holds a key for"))?;
    let mut pool = ink_e2e::create_call_builder::<RewardPool>(d.pool);
    let registry = ink_e2e::create_call_builder::<Registry>(d.registry);
    let clock = client.clock();
    let calendar_error = |e| anyhow!("calendar: {e:?}");
    let month = match clock {
        Clock::Sandbox => d.calendar.month_of(clock.now()).map_err(calendar_error)?,
        // A real chain's clock runs while each step waits for its block (2-2.5 s on
        // chopsticks), and a test chain's submission window is seconds long (30 s in
        // local-node.toml): what is left of the current month's may close before the last
        // member submits (on chopsticks it closed before the fourth). So the demo runs a month
        // that has not begun yet, funded ahead of its start (which the pool allows), and every
        // member submits from the first second of its window.
        Clock::Wall => d
            .calendar
            .month_of(clock.now().saturating_add(FUNDING_MS))
            .map_err(calendar_error)?
            .checked_add(1)
            .ok_or_else(|| anyhow!("calendar: no month after the current one"))?,
    };
    let state = read(client, me, &pool.month(month), "read the month").await?;
    let first_time = read(
        client,
        me,
        &registry.first_time_ambassadors(),
        "read first-time ambassadors",
    )
    .await?;
    let config = &plan.pool;
    let size = rules::reward::pool_size(
        config.base,
        config.step,
        first_time.saturating_sub(config.ambassador_baseline),
        state.carried_in.saturating_add(state.fed),
    )
    .map_err(|e| anyhow!("pool size: {e:?}"))?;
    if state.funded < size {
        let amount = size - state.funded;
        govern_now(
            client,
            plan,
            d.governor,
            Action::FundMonth { month, amount },
            "fund month",
        )
        .await?;
        log(&format!(
            "governor funded month {month} with {}",
            tokens(amount, plan.token.decimals)
        ));
    }

    if clock == Clock::Wall {
        let start = d.calendar.start(month).map_err(calendar_error)?;
        if clock.now() > start {
            log(&format!(
                "month {month} began {} s before its funding was done: its submission window \
                 may close before every member submits",
                (clock.now() - start) / 1000
            ));
        }
        clock.wait_until(client, me, start).await;
    }
    let mut submitters: Vec<(u32, &Keypair, Review)> = Vec::new();
    for (i, (who, _)) in plan.members.iter().enumerate() {
        let Some(key) = who.key.as_ref() else {
            continue;
        };
        if i % 7 == 6 {
            continue;
        }
        let member = read(client, me, &registry.member_id_of(who.id), "read member id")
            .await?
            .ok_or_else(|| anyhow!("{} is not a member", who.name))?;
        let (departments, suggested, reviewed) = demo_submission(i);
        let evidence = format!("github.com/program/reports/issues/{}", 100 + i).into_bytes();
        let message = pool.submit(month, departments, suggested, evidence);
        send(client, key, &message, 0, &format!("{} submits", who.name)).await?;
        submitters.push((member, key, reviewed));
    }
    log(&format!(
        "{} members submitted for month {month}",
        submitters.len()
    ));

    let deadline = d
        .calendar
        .submission_deadline(month)
        .map_err(|e| anyhow!("calendar: {e:?}"))?;
    clock.wait_until(client, me, deadline).await;
    let batch: Vec<_> = submitters
        .iter()
        .map(|(member, _, reviewed)| {
            let reason = b"reviewed against the evidence".to_vec();
            (*member, reviewed.clone(), reason)
        })
        .collect();
    send(client, reviewer, &pool.score(month, batch), 0, "review").await?;
    log(&format!(
        "reviewer scored {} submissions in one batch",
        submitters.len()
    ));

    // Scores are final when the review window (and the dispute window, if any) ends.
    let scores_final = d
        .calendar
        .scores_final(month, &plan.pool.windows)
        .map_err(|e| anyhow!("calendar: {e:?}"))?;
    clock.wait_until(client, me, scores_final).await;
    // The council approves the pool size the pool shows now; the finalize is refused if it
    // changes before the action runs.
    let size = read(
        client,
        me,
        &pool.finalize_preview(month),
        "read the pool size",
    )
    .await?
    .map_err(|e| anyhow!("finalize preview: {e:?}"))?;
    govern_now(
        client,
        plan,
        d.governor,
        Action::FinalizeMonth { month, pool: size },
        "finalize",
    )
    .await?;
    log(&format!(
        "governor finalized month {month} at a pool of {}",
        tokens(size, plan.token.decimals)
    ));

    let claimers = submitters.len().saturating_sub(leave_unclaimed);
    for (member, key, _) in &submitters[..claimers] {
        let preview = read(client, key, &pool.preview(*member, vec![month]), "preview")
            .await?
            .map_err(|e| anyhow!("preview: {e:?}"))?;
        let claimed = format!("member {member} claims");
        let paid = send(client, key, &pool.claim(vec![month]), 0, &claimed).await?;
        ensure!(
            paid == preview[0].total,
            "member {member} was paid {paid}, previewed {}",
            preview[0].total
        );
    }
    log(&format!(
        "{claimers} members claimed with their own wallets"
    ));

    // Promotion housekeeping anyone may run (`suite advance`): the registry takes every
    // member's finalized months (0% for the silent ones) from the pool, whoever claimed.
    let mut quiet = |_: &str| {};
    let mut ctx = crate::ops::Ctx {
        client,
        suite: d,
        token: &plan.token,
        signer: me,
        confirm: crate::ops::Confirm::Yes,
        out: &mut quiet,
    };
    let recorded = crate::ops::months::advance(&mut ctx).await?;
    log(&format!(
        "registry brought up to date: {recorded} member-months recorded"
    ));
    Ok(month)
}

/// One member's line in a month report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// Member id.
    pub member: u32,
    /// Its wallet (SS58).
    pub wallet: String,
    /// Rank it submitted at (or holds, without a submission).
    pub rank: Rank,
    /// Final points per department (`None`: not scored or no submission).
    pub points: Option<[u8; 7]>,
    /// Its percentage (bps).
    pub percentage_bps: u32,
    /// Reward per department, summed.
    pub reward: u128,
    /// Rank bonus.
    pub bonus: u128,
    /// The review in words: late flag, each reviewer's reason, disagreement, dispute.
    pub review: String,
    /// Claim status.
    pub status: ClaimStatus,
}

/// A month as a program lead publishes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// Month id.
    pub month: u32,
    /// Token symbol and decimals.
    pub symbol: String,
    /// Token decimals.
    pub decimals: u8,
    /// Everything paid into the month.
    pub funded: u128,
    /// Of which carried in from earlier months.
    pub carried_in: u128,
    /// Pool size the month was split by (when finalized).
    pub pool: Option<u128>,
    /// Carried forward to the next month at finalization.
    pub carried_forward: Option<u128>,
    /// Paid out so far (rewards + bonuses).
    pub paid: u128,
    /// Reports filed late, entries flagged for reviewer disagreement, disputes made and
    /// answered.
    pub review_counts: (u32, u32, u32, u32),
    /// One line per member.
    pub lines: Vec<Line>,
}

/// Reads `month` of the deployed suite: every member's points, reward, bonus and claim status,
/// and the month's funding, pool and carry-forward. `reader` signs nothing (dry runs only).
///
/// Errors: a read failed.
pub async fn report<C: Chain>(
    client: &mut C,
    reader: &Keypair,
    registry_at: AccountId,
    pool_at: AccountId,
    month: u32,
    symbol: &str,
    decimals: u8,
) -> anyhow::Result<Report> {
    let registry = ink_e2e::create_call_builder::<Registry>(registry_at);
    let pool = ink_e2e::create_call_builder::<RewardPool>(pool_at);
    macro_rules! read {
        ($calls:expr) => {
            read(
                client,
                reader,
                &$calls,
                concat!("read ", stringify!($calls)),
            )
            .await?
        };
    }
    let state = read!(pool.month(month));
    let count = read!(registry.member_count());
    let mut lines = Vec::new();
    for member in 0..count {
        let Some(record) = read!(registry.member(member)) else {
            continue;
        };
        let submission = read!(pool.submission(month, member));
        let preview = read!(pool.preview(member, vec![month]))
            .map_err(|e| anyhow!("preview member {member}: {e:?}"))?;
        let p = &preview[0];
        lines.push(Line {
            member,
            wallet: ss58(&record.wallet),
            rank: submission.as_ref().map_or(record.rank, |s| s.rank),
            points: submission
                .as_ref()
                .and_then(|s| s.points)
                .map(|pts| Department::ALL.map(|d| pts.of(d))),
            percentage_bps: p.percentage_bps,
            reward: p.per_department.iter().sum(),
            bonus: p.bonus,
            review: submission.as_ref().map_or_else(String::new, review_words),
            status: p.status,
        });
    }
    Ok(Report {
        month,
        symbol: symbol.to_string(),
        decimals,
        funded: state.funded,
        carried_in: state.carried_in,
        pool: state.finalized.as_ref().map(|f| f.settlement.pool),
        carried_forward: state.finalized.as_ref().map(|f| f.settlement.carried),
        paid: state.paid + state.bonus_paid,
        review_counts: (state.late, state.flagged, state.disputes, state.answered),
        lines,
    })
}

/// A submission's review in words for the report: late flag, reasons, disagreement, dispute.
fn review_words(s: &reward_pool::Submission) -> String {
    let mut parts = Vec::new();
    if s.late {
        parts.push("late report".to_string());
    }
    for review in &s.reviews {
        let reason = String::from_utf8_lossy(&review.reason_ref);
        parts.push(if reason.is_empty() {
            "reviewed".to_string()
        } else {
            format!("reason: {reason}")
        });
    }
    if s.flagged {
        parts.push("reviewers disagree".to_string());
    }
    if let Some(d) = &s.dispute {
        let reason = String::from_utf8_lossy(&d.reason_ref);
        parts.push(if d.answered {
            format!("disputed ({reason}), rescored")
        } else {
            format!("disputed ({reason}), not rescored")
        });
    }
    // Neither a Markdown cell nor a CSV field may hold these.
    parts.join("; ").replace(['|', ',', '\n'], " ")
}

const DEPARTMENT_HEADS: [&str; 7] = ["Basic", "CM", "MK", "CC", "BD", "Tech", "Others"];

fn status_word(status: ClaimStatus) -> &'static str {
    match status {
        ClaimStatus::NotFinalized => "not finalized",
        ClaimStatus::NoSubmission => "no submission",
        ClaimStatus::Claimable => "claimable",
        ClaimStatus::Claimed => "claimed",
        ClaimStatus::Expired => "expired",
    }
}

fn month_name(month: u32) -> String {
    let (year, m) = rules::calendar::year_month(month);
    format!("{year}-{m:02}")
}

/// A month's name under `calendar`: "2026-11" for UTC months, "period 42" for fixed periods.
pub fn label(calendar: &reward_pool::Calendar, month: u32) -> String {
    match calendar {
        reward_pool::Calendar::UtcMonths => month_name(month),
        reward_pool::Calendar::FixedPeriods { .. } => format!("period {month}"),
    }
}

impl Report {
    /// The report as a Markdown table with a summary; `utc` names the month as YYYY-MM.
    pub fn markdown(&self, utc: bool) -> String {
        let t = |v: u128| tokens_2dp(v, self.decimals);
        let mut out = String::new();
        let name = if utc {
            format!("month {} ({})", self.month, month_name(self.month))
        } else {
            format!("period {}", self.month)
        };
        let _ = writeln!(out, "## Reward pool, {name}\n");
        let _ = writeln!(
            out,
            "| member | wallet | rank | {} | % | reward {s} | bonus {s} | review | status |",
            DEPARTMENT_HEADS.join(" | "),
            s = self.symbol
        );
        let _ = writeln!(out, "|{}", "---|".repeat(7 + 8));
        for l in &self.lines {
            let points: Vec<String> = match l.points {
                Some(p) => p.iter().map(|v| v.to_string()).collect(),
                None => vec!["-".into(); 7],
            };
            let _ = writeln!(
                out,
                "| {} | {}…{} | {:?} | {} | {}.{:02} | {} | {} | {} | {} |",
                l.member,
                &l.wallet[..6],
                &l.wallet[l.wallet.len() - 4..],
                l.rank,
                points.join(" | "),
                l.percentage_bps / 100,
                l.percentage_bps % 100,
                t(l.reward),
                t(l.bonus),
                l.review,
                status_word(l.status)
            );
        }
        let _ = writeln!(out);
        let (late, flagged, disputes, answered) = self.review_counts;
        let _ = writeln!(
            out,
            "- review: {late} late reports, {flagged} entries where reviewers disagree, \
             {disputes} disputes ({answered} answered by a rescore)"
        );
        let _ = writeln!(
            out,
            "- funded: {} {} (carried in: {})",
            t(self.funded),
            self.symbol,
            t(self.carried_in)
        );
        match (self.pool, self.carried_forward) {
            (Some(pool), Some(carry)) => {
                let _ = writeln!(out, "- pool size: {} {}", t(pool), self.symbol);
                let _ = writeln!(
                    out,
                    "- carried forward to the next month: {} {}",
                    t(carry),
                    self.symbol
                );
            }
            _ => {
                let _ = writeln!(out, "- not finalized yet");
            }
        }
        let owed: u128 = self
            .lines
            .iter()
            .filter(|l| l.status == ClaimStatus::Claimable)
            .map(|l| l.reward + l.bonus)
            .sum();
        let _ = writeln!(
            out,
            "- paid (rewards and bonuses): {} {}; still claimable: {} {}",
            t(self.paid),
            self.symbol,
            t(owed),
            self.symbol
        );
        out
    }

    /// The report as CSV: one row per member, amounts in whole tokens.
    pub fn csv(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "month,member,wallet,rank,{},percentage_bps,reward,bonus,review,status",
            DEPARTMENT_HEADS.map(|d| d.to_lowercase()).join(",")
        );
        for l in &self.lines {
            let points: Vec<String> = match l.points {
                Some(p) => p.iter().map(|v| v.to_string()).collect(),
                None => vec![String::new(); 7],
            };
            let _ = writeln!(
                out,
                "{},{},{},{:?},{},{},{},{},{},{}",
                self.month,
                l.member,
                l.wallet,
                l.rank,
                points.join(","),
                l.percentage_bps,
                tokens(l.reward, self.decimals),
                tokens(l.bonus, self.decimals),
                l.review,
                status_word(l.status)
            );
        }
        out
    }
}

/// `ms` since the epoch as `YYYY-MM-DD HH:MM UTC` (Howard Hinnant's civil-from-days).
pub fn utc(ms: u64) -> String {
    let secs = ms / 1_000;
    let days = (secs / 86_400) as i64;
    let (hh, mm) = ((secs % 86_400) / 3_600, (secs % 3_600) / 60);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02} {hh:02}:{mm:02} UTC")
}

/// A month's dates (the pool's `month_dates`) in words, one line each, with what each means for
/// members, reviewers and the council, marked `(past)` once `now_ms` has passed them.
pub fn status_lines(dates: &reward_pool::MonthDates, now_ms: u64) -> Vec<String> {
    let mut lines = vec![
        (
            dates.start,
            "reports open (a report is a draft, replaceable until the deadline)",
        ),
        (dates.deadline, "report deadline; reviewers start scoring"),
    ];
    if dates.scores_final > dates.review_end {
        lines.push((
            dates.review_end,
            "review ends; members may dispute their points once",
        ));
        lines.push((
            dates.scores_final,
            "disputes close; scores are final, the council may finalize",
        ));
    } else {
        lines.push((
            dates.review_end,
            "review ends; scores are final, the council may finalize",
        ));
    }
    let mut out: Vec<String> = lines
        .into_iter()
        .map(|(at, what)| {
            let past = if at <= now_ms { " (past)" } else { "" };
            format!("{}  {what}{past}", utc(at))
        })
        .collect();
    out.push(match dates.claim_ends_at {
        Some(at) => format!(
            "{}  claim window ends (counted from the finalization)",
            utc(at)
        ),
        None => {
            "-                     claim window: opens at the finalization (or the pool is paused)"
                .into()
        }
    });
    out
}
