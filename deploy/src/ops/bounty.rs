//! The bounty commands: a bounty shown as its curator and the council read it (status, lines
//! with cap, spent and left, milestones, awards); the curator's proposal, milestone report,
//! award, feed into a month's pool and close; and the council's approval (with the exact funding
//! the bounty asks: its total and fee budget) and milestone decision (naming the report it
//! decides), built from what the chain holds so that a later change is refused.

use super::council::propose;
use super::Ctx;
use crate::chain::Chain;
use crate::config::ss58;
use crate::month::{label, utc};
use anyhow::anyhow;
use bounty::{AwardState, Bounty, Status};
use governor::Action;
use ink::primitives::AccountId;
use rules::bounty::MilestoneState;

/// What a new bounty asks for: curator, description, period (ms, UTC), budget lines (name,
/// cap), milestones (what it delivers, due, share in bps) and the curator's fee in bps. Its
/// total is the lines' sum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spec {
    /// Who runs it.
    pub curator: AccountId,
    /// Its description (a link).
    pub description: String,
    /// From and to (ms).
    pub period: (u64, u64),
    /// Budget lines: name and cap.
    pub lines: Vec<(String, u128)>,
    /// Milestones: what it delivers, due (ms), share (bps).
    pub milestones: Vec<(String, u64, u16)>,
    /// The curator's fee (bps of what is spent).
    pub fee_bps: u16,
}

/// Bounty `id` in words, one line each: status and money, lines, milestones, awards.
///
/// Errors: no such bounty; a read failed.
pub async fn show<C: Chain>(ctx: &mut Ctx<'_, C>, id: u32) -> anyhow::Result<Vec<String>> {
    let calls = ink_e2e::create_call_builder::<Bounty>(ctx.suite.bounty);
    let r = ctx
        .read(&calls.report(id), &format!("read bounty {id}"))
        .await?
        .map_err(|e| anyhow!("bounty {id}: {e:?}"))?;
    let p = &r.proposal;
    let mut out = vec![format!(
        "bounty {id}: {:?}, total {}, fee {}.{:02} % (budget {}), curator {}, period {} to {}; spent {}, fed to the pool {}, unlocked {}, spendable {}{}",
        p.status,
        ctx.tokens(p.total),
        p.fee_bps / 100,
        p.fee_bps % 100,
        ctx.tokens(p.fee_budget),
        ss58(&p.curator),
        &utc(p.period.0)[..10],
        &utc(p.period.1)[..10],
        ctx.tokens(p.spent),
        ctx.tokens(p.fed_to_pool),
        ctx.tokens(r.unlocked),
        ctx.tokens(r.spendable),
        if p.status == Status::Closed {
            format!("; refunded {}, fee paid {}", ctx.tokens(p.refunded), ctx.tokens(p.fee_paid))
        } else {
            String::new()
        },
    )];
    for (i, l) in r.lines.iter().enumerate() {
        out.push(format!(
            "  line {}: {} — cap {}, spent {}, left {}",
            i + 1,
            String::from_utf8_lossy(&l.name),
            ctx.tokens(l.budget.cap),
            ctx.tokens(l.budget.spent),
            ctx.tokens(l.budget.cap.saturating_sub(l.budget.spent))
        ));
    }
    for (i, m) in r.milestones.iter().enumerate() {
        out.push(format!(
            "  milestone {}: {} ({}.{:02} %, due {}) — {:?}{}",
            i + 1,
            String::from_utf8_lossy(&m.description_ref),
            m.share_bps / 100,
            m.share_bps % 100,
            &utc(m.due_ms)[..10],
            m.state,
            if m.report_version > 0 {
                format!(
                    ", report {}: {}",
                    m.report_version,
                    String::from_utf8_lossy(&m.report_ref)
                )
            } else {
                String::new()
            }
        ));
    }
    let ids = ctx
        .read(
            &calls.proposal_awards(id, 0, bounty::PAGE_MAX),
            "read the awards",
        )
        .await?;
    for a in ids {
        if let Some(w) = ctx.read(&calls.award_of(a), "read an award").await? {
            let state = match w.state {
                AwardState::Pending => match ctx
                    .read(&calls.claimable_at(a), "read the payout time")
                    .await?
                {
                    Some(at) => format!("pending, claimable from {}", utc(at)),
                    None => "pending, payout on hold (the contract is paused)".into(),
                },
                other => format!("{other:?}").to_lowercase(),
            };
            let who = w
                .member
                .map_or_else(|| ss58(&w.recipient), |m| format!("member {m}"));
            out.push(format!(
                "  award {a}: {} from line {} to {who} — {state}",
                ctx.tokens(w.amount),
                w.line + 1
            ));
        }
    }
    Ok(out)
}

/// Proposes a bounty (anyone may); returns its id.
///
/// Errors: the bounty contract refused (lines not summing, shares not 100 %, fee out of range, …).
pub async fn propose_bounty<C: Chain>(ctx: &mut Ctx<'_, C>, spec: Spec) -> anyhow::Result<u32> {
    let mut calls = ink_e2e::create_call_builder::<Bounty>(ctx.suite.bounty);
    let total = spec
        .lines
        .iter()
        .try_fold(0u128, |t, (_, cap)| t.checked_add(*cap))
        .ok_or_else(|| anyhow!("the lines overflow a balance"))?;
    let what = format!(
        "propose a bounty of {} in {} lines and {} milestones, curator {}",
        ctx.tokens(total),
        spec.lines.len(),
        spec.milestones.len(),
        ss58(&spec.curator)
    );
    let msg = calls.propose(
        spec.curator,
        spec.description.into_bytes(),
        spec.period,
        total,
        spec.lines
            .into_iter()
            .map(|(n, c)| (n.into_bytes(), c))
            .collect(),
        spec.milestones
            .into_iter()
            .map(|(d, due, share)| (d.into_bytes(), due, share))
            .collect(),
        spec.fee_bps,
    );
    let id = ctx.transact(&msg, 0, &what).await?;
    (ctx.out)(&format!("  bounty {id}"));
    Ok(id)
}

/// The curator reports milestone `milestone` (1-based) of bounty `id`.
///
/// Errors: not the curator, not active, a report already decided, … (the contract's terms).
pub async fn report<C: Chain>(
    ctx: &mut Ctx<'_, C>,
    id: u32,
    milestone: u8,
    report_ref: &str,
) -> anyhow::Result<()> {
    let mut calls = ink_e2e::create_call_builder::<Bounty>(ctx.suite.bounty);
    let index = milestone
        .checked_sub(1)
        .ok_or_else(|| anyhow!("milestones count from 1"))?;
    let msg = calls.submit_report(id, index, report_ref.as_bytes().to_vec());
    ctx.transact(
        &msg,
        0,
        &format!("report milestone {milestone} of bounty {id}"),
    )
    .await
}

/// The curator awards `amount` from line `line` (1-based) to `recipient`; returns the award id.
///
/// Errors: the contract refused (not the curator, over the line's cap or what is unlocked, …).
pub async fn award<C: Chain>(
    ctx: &mut Ctx<'_, C>,
    id: u32,
    line: u8,
    recipient: AccountId,
    amount: u128,
    memo: &str,
) -> anyhow::Result<u32> {
    let mut calls = ink_e2e::create_call_builder::<Bounty>(ctx.suite.bounty);
    let index = line
        .checked_sub(1)
        .ok_or_else(|| anyhow!("lines count from 1"))?;
    let what = format!(
        "award {} from line {line} of bounty {id} to {}",
        ctx.tokens(amount),
        ss58(&recipient)
    );
    let msg = calls.award(id, index, recipient, amount, memo.as_bytes().to_vec());
    let award = ctx.transact(&msg, 0, &what).await?;
    (ctx.out)(&format!("  award {award}"));
    Ok(award)
}

/// The curator feeds `amount` from line `line` (1-based) into `month`'s pool.
///
/// Errors: the contract or the pool refused.
pub async fn feed<C: Chain>(
    ctx: &mut Ctx<'_, C>,
    id: u32,
    line: u8,
    month: u32,
    amount: u128,
) -> anyhow::Result<()> {
    let mut calls = ink_e2e::create_call_builder::<Bounty>(ctx.suite.bounty);
    let index = line
        .checked_sub(1)
        .ok_or_else(|| anyhow!("lines count from 1"))?;
    let what = format!(
        "feed {} from line {line} of bounty {id} into {}",
        ctx.tokens(amount),
        label(&ctx.suite.calendar, month)
    );
    ctx.transact(&calls.feed_pool(id, index, month, amount), 0, &what)
        .await
}

/// The curator closes bounty `id`: the fee is paid on what was spent, the rest refunded.
///
/// Errors: the contract refused.
pub async fn close<C: Chain>(ctx: &mut Ctx<'_, C>, id: u32) -> anyhow::Result<()> {
    let mut calls = ink_e2e::create_call_builder::<Bounty>(ctx.suite.bounty);
    ctx.transact(&calls.close(id), 0, &format!("close bounty {id}"))
        .await
}

/// Proposes approving bounty `id` with the funding it asks now (total + fee budget).
///
/// Errors: no such bounty, not waiting for approval; the governor refused.
pub async fn approve<C: Chain>(
    ctx: &mut Ctx<'_, C>,
    id: u32,
    description: &str,
) -> anyhow::Result<u32> {
    let calls = ink_e2e::create_call_builder::<Bounty>(ctx.suite.bounty);
    let p = ctx
        .read(&calls.proposal(id), "read the bounty")
        .await?
        .ok_or_else(|| anyhow!("there is no bounty {id}"))?;
    if p.status != Status::Proposed {
        anyhow::bail!("bounty {id} is {:?}, not waiting for approval", p.status);
    }
    let funding = p
        .total
        .checked_add(p.fee_budget)
        .ok_or_else(|| anyhow!("funding overflows"))?;
    propose(ctx, Action::ApproveBounty { id, funding }, description).await
}

/// Proposes deciding milestone `milestone` (1-based) of bounty `id` on the report it holds now.
///
/// Errors: no such bounty or milestone, no report waiting; the governor refused.
pub async fn decide<C: Chain>(
    ctx: &mut Ctx<'_, C>,
    id: u32,
    milestone: u8,
    approve: bool,
    reason: &str,
    description: &str,
) -> anyhow::Result<u32> {
    let calls = ink_e2e::create_call_builder::<Bounty>(ctx.suite.bounty);
    let r = ctx
        .read(&calls.report(id), "read the bounty")
        .await?
        .map_err(|e| anyhow!("bounty {id}: {e:?}"))?;
    let index = milestone
        .checked_sub(1)
        .ok_or_else(|| anyhow!("milestones count from 1"))?;
    let m = r
        .milestones
        .get(usize::from(index))
        .ok_or_else(|| anyhow!("bounty {id} has no milestone {milestone}"))?;
    if m.state != MilestoneState::Submitted {
        anyhow::bail!(
            "milestone {milestone} of bounty {id} is {:?}: no report waits for a decision",
            m.state
        );
    }
    let action = Action::DecideMilestone {
        id,
        milestone: index,
        report: m.report_version,
        approve,
        reason_ref: reason.as_bytes().to_vec(),
    };
    propose(ctx, action, description).await
}
