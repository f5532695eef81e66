//! The month's commands: its finalize and its funding as council proposals (with the figures
//! the council approves read first), the sweep, the promotion housekeeping anyone may send
//! (`advance`), and the reviewer's scores from a spreadsheet.

use super::council::propose;
use super::sheet::{self, Problem};
use super::Ctx;
use crate::chain::Chain;
use crate::month::label;
use anyhow::{anyhow, bail};
use governor::{Action, Governor};
use registry::{Registry, MAX_RETELL};
use reward_pool::{MemberId, RewardPool, MAX_ADVANCE_MEMBERS, MAX_SCORE_BATCH, PAGE_MAX};
use rules::department::Department;
use std::collections::BTreeMap;

/// Proposes finalizing `month` with the pool its figures give now (the pool's
/// `finalize_preview`), after printing the slices and the carry the finalize would freeze (the
/// governor's preview). Returns the proposal id.
///
/// Errors: the month cannot be finalized as it stands (short of its pool, already finalized, …);
/// the governor refused the proposal.
pub async fn finalize<C: Chain>(
    ctx: &mut Ctx<'_, C>,
    month: u32,
    description: &str,
) -> anyhow::Result<u32> {
    let pool_calls = ink_e2e::create_call_builder::<RewardPool>(ctx.suite.pool);
    let gov_calls = ink_e2e::create_call_builder::<Governor>(ctx.suite.governor);
    let name = label(&ctx.suite.calendar, month);
    let pool = ctx
        .read(&pool_calls.finalize_preview(month), "read the month's pool")
        .await?
        .map_err(|e| anyhow!("{name} cannot be finalized: {e:?}"))?;
    let settlement = ctx
        .read(&gov_calls.finalize_preview(month), "read the settlement")
        .await?
        .map_err(|e| anyhow!("{name}: the finalize would be refused: {e:?}"))?;
    let slices: Vec<String> = Department::ALL
        .iter()
        .zip(settlement.slices)
        .filter(|(_, s)| *s > 0)
        .map(|(d, s)| format!("{d:?} {}", ctx.tokens(s)))
        .collect();
    let line = format!(
        "{name}: pool {}; shared out: {}; carried into the next month: {}",
        ctx.tokens(pool),
        if slices.is_empty() {
            "nothing (no department has points)".into()
        } else {
            slices.join(", ")
        },
        ctx.tokens(settlement.carried)
    );
    (ctx.out)(&line);
    propose(ctx, Action::FinalizeMonth { month, pool }, description).await
}

/// Proposes funding `month` with `amount` from the treasury, after saying what the month holds
/// against its pool. Returns the proposal id.
///
/// Errors: the governor refused the proposal.
pub async fn fund<C: Chain>(
    ctx: &mut Ctx<'_, C>,
    month: u32,
    amount: u128,
    description: &str,
) -> anyhow::Result<u32> {
    let calls = ink_e2e::create_call_builder::<RewardPool>(ctx.suite.pool);
    let state = ctx.read(&calls.month(month), "read the month").await?;
    let pool = ctx
        .read(&calls.finalize_preview(month), "read the month's pool")
        .await?;
    if let Ok(pool) = pool {
        let line = format!(
            "{} holds {} of a {} pool",
            label(&ctx.suite.calendar, month),
            ctx.tokens(state.funded),
            ctx.tokens(pool)
        );
        (ctx.out)(&line);
    }
    propose(ctx, Action::FundMonth { month, amount }, description).await
}

/// Sweeps `month` (anyone may): what its claim window left unclaimed, or a month a later
/// finalize passed over, moves into the month finalized next. Returns the amount moved.
///
/// Errors: the pool refused (not finalized, claim window still open, swept already, …).
pub async fn sweep<C: Chain>(ctx: &mut Ctx<'_, C>, month: u32) -> anyhow::Result<u128> {
    let mut calls = ink_e2e::create_call_builder::<RewardPool>(ctx.suite.pool);
    let what = format!("sweep {}", label(&ctx.suite.calendar, month));
    let amount = ctx.transact(&calls.sweep(month), 0, &what).await?;
    let line = format!("  {} moved forward", ctx.tokens(amount));
    (ctx.out)(&line);
    Ok(amount)
}

/// Brings every member up to date in the registry (the promotion housekeeping anyone may
/// send), `MAX_ADVANCE_MEMBERS` at a time; a batch with nothing to record is not sent. Returns
/// the member-months recorded.
///
/// Errors: a read failed; the pool refused a batch.
pub async fn advance<C: Chain>(ctx: &mut Ctx<'_, C>) -> anyhow::Result<u32> {
    let registry = ink_e2e::create_call_builder::<Registry>(ctx.suite.registry);
    let mut pool = ink_e2e::create_call_builder::<RewardPool>(ctx.suite.pool);
    let count = ctx
        .read(&registry.member_count(), "read the member count")
        .await?;
    let ids: Vec<MemberId> = (0..count).collect();
    let mut recorded = 0u32;
    for batch in ids.chunks(MAX_ADVANCE_MEMBERS as usize) {
        let msg = pool.advance(batch.to_vec());
        let what = format!("advance members {}–{}", batch[0], batch[batch.len() - 1]);
        // The dry run says how many member-months the batch would record: 0 is not worth a fee.
        let would = ctx
            .read(&msg, &what)
            .await?
            .map_err(|e| anyhow!("{what}: refused: {e:?}"))?;
        if would == 0 {
            continue;
        }
        recorded = recorded.saturating_add(ctx.transact(&msg, 0, &what).await?);
    }
    (ctx.out)(&format!("{recorded} member-months recorded"));
    Ok(recorded)
}

/// Fills the pool's copy of every member's wallet, rank and status from the registry (its
/// `retell`, which anyone may send), `MAX_RETELL` members at a time: after an upgrade of the
/// registry or the pool, or once a new pool is authorised, claims and reports load the
/// registry's code until the copy holds the member again. Returns the members told.
///
/// Errors: a read failed; the registry refused a batch (no authorised pool, or the pool refused).
pub async fn retell<C: Chain>(ctx: &mut Ctx<'_, C>) -> anyhow::Result<u32> {
    let mut registry = ink_e2e::create_call_builder::<Registry>(ctx.suite.registry);
    let count = ctx
        .read(&registry.member_count(), "read the member count")
        .await?;
    let mut from = 0;
    while from < count {
        let last = from.saturating_add(MAX_RETELL).min(count).saturating_sub(1);
        let what = format!("retell members {from}–{last}");
        let next = ctx
            .transact(&registry.retell(from, MAX_RETELL), 0, &what)
            .await?;
        // The registry answers where to go on from; never the same place while members remain.
        if next <= from {
            bail!("{what}: the registry told nobody");
        }
        from = next;
    }
    (ctx.out)(&format!("{count} members told to the pool"));
    Ok(count)
}

/// `month`'s entries (the pool's `submissions_page`, every member id), and the signer's own
/// member if it has one.
async fn entries<C: Chain>(
    ctx: &mut Ctx<'_, C>,
    month: u32,
) -> anyhow::Result<(Vec<(MemberId, reward_pool::Submission)>, Option<MemberId>)> {
    let registry = ink_e2e::create_call_builder::<Registry>(ctx.suite.registry);
    let pool = ink_e2e::create_call_builder::<RewardPool>(ctx.suite.pool);
    let count = ctx
        .read(&registry.member_count(), "read the member count")
        .await?;
    let mut out = Vec::new();
    let mut from = 0;
    while from < count {
        out.extend(
            ctx.read(
                &pool.submissions_page(month, from, PAGE_MAX),
                "read the month's reports",
            )
            .await?,
        );
        from = from.saturating_add(PAGE_MAX);
    }
    let me = ink::primitives::AccountId::from(ctx.signer.public_key().0);
    let own = ctx
        .read(&registry.bound_member_of(me), "read the signer's member")
        .await?;
    Ok((out, own))
}

/// The month's review queue as the scoring sheet (CSV), the signer's own member left out.
///
/// Errors: a read failed.
pub async fn queue<C: Chain>(ctx: &mut Ctx<'_, C>, month: u32) -> anyhow::Result<String> {
    let (entries, own) = entries(ctx, month).await?;
    sheet::queue_csv(&entries, own)
}

/// Scores `month` from a filled sheet: every row checked first (all problems are returned and
/// nothing is sent if there is one), then the entries in batches of `MAX_SCORE_BATCH`, one
/// signature each. A batch the pool refuses names the row it refused. Returns the entries sent.
///
/// Errors: a row is wrong (each listed with its line); a batch was refused.
pub async fn score<C: Chain>(
    ctx: &mut Ctx<'_, C>,
    month: u32,
    text: &str,
) -> anyhow::Result<usize> {
    let pool = ink_e2e::create_call_builder::<RewardPool>(ctx.suite.pool);
    let (entries, own) = entries(ctx, month).await?;
    let config = ctx
        .read(&pool.config_of(month), "read the month's configuration")
        .await?;
    let queue: BTreeMap<MemberId, _> = entries.iter().map(|(m, e)| (*m, e.departments)).collect();
    let (rows, problems) = sheet::read(text, &queue, own, config.max_evidence_len);
    if !problems.is_empty() {
        bail!(
            "the sheet has problems; nothing was sent:\n{}",
            words(&problems)
        );
    }
    if rows.is_empty() {
        bail!("the sheet scores nobody yet (every score cell is empty)");
    }
    let mut pool = pool;
    let mut sent = 0;
    for batch in rows.chunks(MAX_SCORE_BATCH as usize) {
        let what = format!(
            "score {} entries of {} (lines {}–{})",
            batch.len(),
            label(&ctx.suite.calendar, month),
            batch[0].line,
            batch[batch.len() - 1].line
        );
        let msg = pool.score(month, batch.iter().map(|r| r.entry.clone()).collect());
        if let Err(reward_pool::Error::ScoreRejected { index, fault }) =
            ctx.read(&msg, &what).await?
        {
            let line = batch.get(index as usize).map_or(0, |r| r.line);
            bail!("{what}: line {line} refused: {fault:?}; nothing of this batch was sent");
        }
        ctx.transact(&msg, 0, &what).await?;
        sent += batch.len();
    }
    Ok(sent)
}

fn words(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(|p| format!("  line {}: {}", p.line, p.problem))
        .collect::<Vec<_>>()
        .join("\n")
}
