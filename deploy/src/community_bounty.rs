//! The demo's community bounty, in the shape of treasury proposal #4: proposed, approved and
//! funded through the governor, its milestone reported by the curator and approved by the
//! council, awards to the members, and each award claimed with the member's own wallet after the
//! payout delay.

use crate::chain::{read, send, Chain};
use crate::config::Plan;
use crate::deploy::{govern_now, tokens, Deployed};
use anyhow::{anyhow, ensure};
use bounty::{AwardState, Bounty};
use governor::Action;
use ink_e2e::Keypair;

/// The demo bounty's total: 1/14 of the pool base (6,000 tokens next to an 84,000 pool), half of
/// it awarded so that the bounty keeps an unspent part, as real ones do until they close.
const TOTAL_PER_BASE: u128 = 14;

/// What the demo bounty did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoBounty {
    /// The bounty proposal id.
    pub id: u32,
    /// Its total (approved and funded by the governor).
    pub total: u128,
    /// One award per member the tool holds a key for: (award id, amount, claimed in the demo).
    pub awards: Vec<(u32, u128, bool)>,
}

/// Runs a community bounty with every member the tool holds a key for: the signer proposes it
/// as its curator (one budget line, one milestone due now), the governor approves and funds it,
/// the curator reports the milestone and the council approves the report, the curator awards
/// each member an equal share of half the total, and after the payout delay each member claims
/// its award with its own wallet, except the last `leave_unclaimed` (so that a claim page has
/// an award to claim).
///
/// Errors: no member key or a pool base too small for an award; a step refused (named); a
/// proposal waiting for council approvals the tool cannot give; an award paying other than its
/// amount.
pub async fn run_demo_bounty<C: Chain>(
    client: &mut C,
    plan: &Plan,
    d: &Deployed,
    leave_unclaimed: usize,
    log: &mut dyn FnMut(&str),
) -> anyhow::Result<DemoBounty> {
    let curator = plan
        .signer
        .key
        .as_ref()
        .ok_or_else(|| anyhow!("no signer key"))?;
    let recipients: Vec<(ink::primitives::AccountId, &Keypair)> = plan
        .members
        .iter()
        .filter_map(|(who, _)| who.key.as_ref().map(|key| (who.id, key)))
        .collect();
    ensure!(!recipients.is_empty(), "the demo bounty needs a member key");
    let total = plan.pool.base / TOTAL_PER_BASE;
    let each = total / 2 / recipients.len() as u128;
    ensure!(each > 0, "the pool base is too small for the demo bounty");
    let decimals = plan.token.decimals;

    let mut calls = ink_e2e::create_call_builder::<Bounty>(d.bounty);
    let now = client.clock().now();
    let quarter_ms = 90 * rules::calendar::DAY_MS;
    let propose = calls.propose(
        plan.signer.id,
        b"treasury proposal #4: community events and content (demo)".to_vec(),
        (now, now.saturating_add(quarter_ms)),
        total,
        vec![(b"community events".to_vec(), total)],
        vec![(b"kick-off: first events held".to_vec(), now, 10_000)],
        0,
    );
    let id = send(client, curator, &propose, 0, "propose the bounty").await?;
    // The council approves the figure it reads: the total plus the curator's fee budget.
    let proposal = read(client, curator, &calls.proposal(id), "read the bounty")
        .await?
        .ok_or_else(|| anyhow!("bounty {id} not found"))?;
    let funding = proposal
        .total
        .checked_add(proposal.fee_budget)
        .ok_or_else(|| anyhow!("bounty {id}: funding overflows"))?;
    govern_now(
        client,
        plan,
        d.governor,
        Action::ApproveBounty { id, funding },
        "approve the bounty",
    )
    .await?;
    log(&format!(
        "bounty {id}: {} {} approved and funded by the governor",
        tokens(total, decimals),
        plan.token.symbol
    ));

    let report = b"github.com/program/bounty/reports/1".to_vec();
    send(
        client,
        curator,
        &calls.submit_report(id, 0, report),
        0,
        "report the milestone",
    )
    .await?;
    // The decision names the report the council read (the milestone's first).
    let decide = Action::DecideMilestone {
        id,
        milestone: 0,
        report: 1,
        approve: true,
        reason_ref: b"council: report accepted".to_vec(),
    };
    govern_now(client, plan, d.governor, decide, "approve the milestone").await?;
    log(&format!("bounty {id}: milestone reported and approved"));

    let mut awards = Vec::new();
    for (i, (who, _)) in recipients.iter().enumerate() {
        let memo = format!("github.com/program/bounty/awards/{}", i + 1).into_bytes();
        let award = calls.award(id, 0, *who, each, memo);
        awards.push(send(client, curator, &award, 0, "award").await?);
    }
    log(&format!(
        "bounty {id}: {} awards of {} {}",
        awards.len(),
        tokens(each, decimals),
        plan.token.symbol
    ));

    let last = *awards.last().ok_or_else(|| anyhow!("no award"))?;
    let claimable_at = read(client, curator, &calls.claimable_at(last), "read the award")
        .await?
        .ok_or_else(|| anyhow!("award {last} not found or the bounty contract is paused"))?;
    client
        .clock()
        .wait_until(client, curator, claimable_at)
        .await;
    let claimers = recipients.len().saturating_sub(leave_unclaimed);
    let mut summary = Vec::new();
    for (i, (award, (_, key))) in awards.iter().zip(&recipients).enumerate() {
        let claimed = i < claimers;
        if claimed {
            let what = format!("claim award {award}");
            let paid = send(client, key, &calls.claim_award(*award), 0, &what).await?;
            ensure!(paid == each, "award {award} paid {paid}, awarded {each}");
            let state = read(client, key, &calls.award_of(*award), "read the award")
                .await?
                .map(|a| a.state);
            ensure!(
                state == Some(AwardState::Claimed),
                "award {award}: {state:?}"
            );
        }
        summary.push((*award, each, claimed));
    }
    log(&format!(
        "bounty {id}: {claimers} awards claimed with the members' own wallets"
    ));
    Ok(DemoBounty {
        id,
        total,
        awards: summary,
    })
}
