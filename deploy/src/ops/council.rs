//! The council's commands: the proposals with their action in the program's words, state and
//! countdown; propose, approve, revoke, cancel and execute, each one signature. The governor
//! decides who may do what; a refusal comes back from the dry run in its terms.

use super::{duration, Ctx};
use crate::chain::Chain;
use crate::config::ss58;
use crate::month::label;
use governor::{Action, Governor, ProposalState, ProposalView, Target};
use registry::AuthorisedCaller;
use reward_pool::Calendar;

/// A governor action in the program's words: "Fund 2026-12 with 84,000.00 PHA".
pub fn action_words(
    action: &Action,
    calendar: &Calendar,
    tokens: &dyn Fn(u128) -> String,
) -> String {
    let month = |m: u32| label(calendar, m);
    let text = |b: &[u8]| String::from_utf8_lossy(b).replace(['\n', '\r'], " ");
    let why = |b: &[u8]| {
        if b.is_empty() {
            String::new()
        } else {
            format!(": \u{201c}{}\u{201d}", text(b))
        }
    };
    let accounts =
        |v: &[ink::primitives::AccountId]| v.iter().map(ss58).collect::<Vec<_>>().join(", ");
    let target = |t: &Target| match t {
        Target::Registry => "registry",
        Target::RewardPool => "reward pool",
        Target::Bounty => "bounty contract",
    };
    match action {
        Action::FinalizeMonth { month: m, pool } => {
            format!("Finalize {} with a pool of {}", month(*m), tokens(*pool))
        }
        Action::FundMonth { month: m, amount } => {
            format!("Fund {} with {}", month(*m), tokens(*amount))
        }
        Action::FundBonusReserve { amount } => {
            format!("Top up the bonus reserve with {}", tokens(*amount))
        }
        Action::SetPoolConfig { .. } => {
            "Change the reward pool's configuration (months not yet open)".into()
        }
        Action::SetReviewers { add, remove } => {
            let parts: Vec<String> = [("add", add), ("remove", remove)]
                .iter()
                .filter(|(_, v)| !v.is_empty())
                .map(|(w, v)| format!("{w} {}", accounts(v)))
                .collect();
            format!(
                "Reviewers: {}",
                if parts.is_empty() {
                    "no change".into()
                } else {
                    parts.join("; ")
                }
            )
        }
        Action::SetFunder { funder } => match funder {
            Some(f) => format!("Let {} feed months of the pool", ss58(f)),
            None => "Let no account feed months of the pool".into(),
        },
        Action::ApproveBounty { id, funding } => {
            format!("Approve bounty {id}, sending {}", tokens(*funding))
        }
        Action::RejectBounty { id, reason_ref } => format!("Reject bounty {id}{}", why(reason_ref)),
        Action::DecideMilestone {
            id,
            milestone,
            report,
            approve,
            reason_ref,
        } => format!(
            "{} milestone {} of bounty {id} (report {report}){}",
            if *approve { "Approve" } else { "Reject" },
            u32::from(*milestone) + 1,
            why(reason_ref)
        ),
        Action::CancelAward { award } => format!("Cancel award {award}"),
        Action::CancelBounty { id } => format!("Cancel bounty {id}"),
        Action::AcceptApplication { who, rank, .. } => {
            format!("Accept {}'s application as {rank:?}", ss58(who))
        }
        Action::RejectApplication {
            who, reason_ref, ..
        } => format!("Reject {}'s application{}", ss58(who), why(reason_ref)),
        Action::Induct { who, rank, .. } => format!("Induct {} as {rank:?}", ss58(who)),
        Action::SetRank { member, rank } => format!("Set member {member}'s rank to {rank:?}"),
        Action::Suspend { member, reason_ref } => {
            format!("Suspend member {member}{}", why(reason_ref))
        }
        Action::Unsuspend { member } => format!("Lift member {member}'s suspension"),
        Action::RemoveMember { member, reason_ref } => {
            format!("Remove member {member}{}", why(reason_ref))
        }
        Action::SetRegistryParams { .. } => {
            "Change the promotion and exit rules (from the month after the current one)".into()
        }
        Action::SetAuthorised { role, account } => {
            let role = match role {
                AuthorisedCaller::RewardPool => "reward pool (records months)",
                AuthorisedCaller::Bounty => "bounty contract (records contributions)",
            };
            match account {
                Some(a) => format!("Authorise {} as the registry's {role}", ss58(a)),
                None => format!("Authorise no contract as the registry's {role}"),
            }
        }
        Action::Pause { target: t } => format!("Pause the {}", target(t)),
        Action::Unpause { target: t } => format!("Unpause the {}", target(t)),
        Action::Upgrade {
            target: t,
            code_hash,
        } => format!("Upgrade the {} to code {code_hash:?}", target(t)),
        Action::HandOver { target: t, to } => {
            format!("Hand the {} over to {}", target(t), ss58(to))
        }
        Action::AcceptGovernance { target: t } => format!("Accept governance of the {}", target(t)),
        Action::AddCouncilMember { who } => format!("Seat {} on the council", ss58(who)),
        Action::RemoveCouncilMember { who } => format!("Unseat {} from the council", ss58(who)),
        Action::ReplaceCouncilMember { old, new } => {
            format!("Give {}'s council seat to {}", ss58(old), ss58(new))
        }
        Action::SetThreshold { threshold } => format!("Set the approval threshold to {threshold}"),
        Action::SetTimes {
            timelock_ms,
            expiry_ms,
        } => {
            format!(
                "Set the timelock to {} and the proposal lifetime to {}",
                duration(*timelock_ms),
                duration(*expiry_ms)
            )
        }
        Action::SetSuite { .. } => "Point the governor at other suite contracts".into(),
        Action::Transfer { to, amount } => {
            format!("Pay {} from the treasury to {}", tokens(*amount), ss58(to))
        }
        Action::UpgradeGovernor { code_hash } => {
            format!("Upgrade the governor to code {code_hash:?}")
        }
        Action::SetCurator { id, curator } => {
            format!("Make {} the curator of bounty {id}", ss58(curator))
        }
        Action::CloseBounty { id } => format!("Close bounty {id}"),
        Action::WithdrawWallet { member } => {
            format!("Withdraw member {member}'s pending wallet move")
        }
        Action::WindDownPool => "Wind the reward pool down (no new months)".into(),
        Action::ReleasePool => {
            "Release the wound-down pool's remaining funds to the treasury".into()
        }
    }
}

/// A proposal's state in words at `now` (ms, chain time): "open: 1 of 2 approvals, lapses in
/// 13 d 23 h", "approved, executable in 23 h 59 min", "executable now (anyone may execute)".
pub fn state_words(view: &ProposalView, now: u64) -> String {
    let votes = format!("{} of {} approvals", view.approvals, view.threshold);
    let lapses = if view.proposal.expires_at > now {
        format!("lapses in {}", duration(view.proposal.expires_at - now))
    } else {
        "lapsed".to_string()
    };
    match view.state {
        ProposalState::Pending => format!("open: {votes}, {lapses}"),
        ProposalState::Approved { executable_at } => {
            format!(
                "approved ({votes}), executable in {}, {lapses}",
                duration(executable_at.saturating_sub(now))
            )
        }
        ProposalState::Executable => format!("executable now (anyone may execute), {lapses}"),
        ProposalState::Executed => "executed".into(),
        ProposalState::Cancelled => "cancelled".into(),
        ProposalState::Expired => "expired: not executed in time".into(),
    }
}

/// The newest `limit` proposals, newest first, each as one line in words.
///
/// Errors: a read failed.
pub async fn proposals<C: Chain>(
    ctx: &mut Ctx<'_, C>,
    limit: u32,
) -> anyhow::Result<Vec<(u32, ProposalView, String)>> {
    let calls = ink_e2e::create_call_builder::<Governor>(ctx.suite.governor);
    let count = ctx
        .read(&calls.proposal_count(), "read the proposal count")
        .await?;
    let now = ctx.client.clock().now();
    let mut out = Vec::new();
    for id in (count.saturating_sub(limit)..count).rev() {
        let Some(view) = ctx
            .read(&calls.proposal(id), &format!("read proposal {id}"))
            .await?
        else {
            continue;
        };
        let line = format!(
            "#{id}: {} — {} (proposed by {}; description: {})",
            action_words(&view.proposal.action, &ctx.suite.calendar, &|a| ctx
                .tokens(a)),
            state_words(&view, now),
            ss58(&view.proposal.proposer),
            String::from_utf8_lossy(&view.proposal.description_ref)
        );
        out.push((id, view, line));
    }
    Ok(out)
}

/// Proposes `action` with `description` (a link the council reads); returns its id. The
/// proposer's approval counts.
///
/// Errors: the governor refused (not on the council, a description too long, …).
pub async fn propose<C: Chain>(
    ctx: &mut Ctx<'_, C>,
    action: Action,
    description: &str,
) -> anyhow::Result<u32> {
    let mut calls = ink_e2e::create_call_builder::<Governor>(ctx.suite.governor);
    let what = format!(
        "propose: {}",
        action_words(&action, &ctx.suite.calendar, &|a| ctx.tokens(a))
    );
    let msg = calls.propose(action, description.as_bytes().to_vec());
    let id = ctx.transact(&msg, 0, &what).await?;
    (ctx.out)(&format!("  proposal {id}"));
    Ok(id)
}

/// What a council member does to an existing proposal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Vote {
    /// Approve it.
    Approve,
    /// Withdraw an approval.
    Revoke,
    /// Cancel it (its proposer) or vote to cancel it (another member).
    Cancel,
    /// Carry it out (anyone, once executable).
    Execute,
    /// Wait until its timelock ends (a countdown on a terminal), then carry it out: for an
    /// approved proposal; any other is executed (or refused) at once.
    ExecuteWhenReady,
}

/// Approves, revokes, cancels or executes proposal `id`, after saying what it does.
///
/// Errors: no such proposal; the governor refused (not on the council, not executable yet,
/// the action's contract refused, …).
pub async fn act<C: Chain>(ctx: &mut Ctx<'_, C>, id: u32, vote: Vote) -> anyhow::Result<()> {
    let mut calls = ink_e2e::create_call_builder::<Governor>(ctx.suite.governor);
    let view = ctx
        .read(&calls.proposal(id), &format!("read proposal {id}"))
        .await?
        .ok_or_else(|| anyhow::anyhow!("there is no proposal {id}"))?;
    let words = action_words(&view.proposal.action, &ctx.suite.calendar, &|a| {
        ctx.tokens(a)
    });
    let what = |verb: &str| format!("{verb} proposal {id} ({words})");
    match vote {
        Vote::Approve => ctx.transact(&calls.approve(id), 0, &what("approve")).await,
        Vote::Revoke => {
            ctx.transact(&calls.revoke(id), 0, &what("revoke my approval of"))
                .await
        }
        Vote::Cancel => {
            let done = ctx.transact(&calls.cancel(id), 0, &what("cancel")).await?;
            (ctx.out)(if done {
                "  cancelled"
            } else {
                "  cancel vote recorded"
            });
            Ok(())
        }
        Vote::ExecuteWhenReady => match view.state {
            ProposalState::Approved { executable_at }
                if executable_at > ctx.client.clock().now() =>
            {
                (ctx.out)(&format!(
                    "proposal {id} can be executed in {}; waiting",
                    super::duration(executable_at.saturating_sub(ctx.client.clock().now()))
                ));
                let clock = ctx.client.clock();
                // The wait ends with a block stamped after the timelock (see `wait_until`), so
                // the dry run judges the execution itself.
                clock
                    .wait_until(ctx.client, ctx.signer, executable_at)
                    .await;
                ctx.transact(&calls.execute(id), 0, &what("execute")).await
            }
            _ => Box::pin(act(ctx, id, Vote::Execute)).await,
        },
        Vote::Execute => match view.state {
            // Approved and past its timelock by the clock, but the last block is older.
            ProposalState::Approved { executable_at }
                if executable_at <= ctx.client.clock().now() =>
            {
                ctx.send_at_next_block(&calls.execute(id), crate::deploy::GAS, &what("execute"))
                    .await
            }
            _ => ctx.transact(&calls.execute(id), 0, &what("execute")).await,
        },
    }
}
