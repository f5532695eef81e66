//! Bounty accounting through a whole bounty's life: a proposal's shape, milestone reports and
//! decisions, awards and pool feeds spent from budget lines, cancelled awards released, and the
//! close.
//!
//! Invariants (rules::bounty docs):
//! - a proposal is valid exactly when it has a non-zero total, 1 to 8 lines whose caps sum to
//!   it, 1 to 8 non-zero milestone shares summing to 10,000 and a fee of at most 10,000 bps;
//! - milestones move only along Pending → Submitted → Approved | Rejected → Submitted;
//! - at every step: each line's spent ≤ its cap, Σ lines' spent = Σ live awards, and
//!   Σ spent ≤ unlocked ≤ total; all milestones approved unlock exactly the total;
//! - a refused spend or release changes nothing;
//! - at the close: spent + fee + refund = total + fee budget, to the unit, and fee ≤ budget.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use rules::bounty::{
    close_out, fee_budget, release, spend, unlocked, validate_proposal, BudgetLine, MilestoneState,
    MAX_BUDGET_LINES, MAX_MILESTONES,
};
use rules::{Error, BPS};

#[derive(Debug, Arbitrary)]
enum Op {
    Report(u8),
    Decide(u8, bool),
    Spend(u8, u128),
    Release(u8),
}

#[derive(Debug, Arbitrary)]
struct Input {
    total: u128,
    caps: Vec<u128>,
    shares: Vec<u16>,
    fee_bps: u16,
    scale: u8,
    ops: Vec<Op>,
}

/// Caps in the raw proportions summing to `total` (the last line takes the rounding).
fn fitted_caps(total: u128, raw: &[u128]) -> Vec<u128> {
    let n = raw.len().clamp(1, MAX_BUDGET_LINES);
    let mut caps: Vec<u128> = raw
        .iter()
        .take(n)
        .map(|c| c % (total / n as u128).saturating_add(1))
        .collect();
    caps.resize(n, 0);
    let given: u128 = caps.iter().sum();
    caps[n - 1] += total - given;
    caps
}

/// Milestone shares in the raw proportions, each non-zero, summing to 10,000.
fn fitted_shares(raw: &[u16]) -> Vec<u16> {
    let n = raw.len().clamp(1, MAX_MILESTONES);
    let mut shares: Vec<u16> = raw
        .iter()
        .take(n)
        .map(|s| 1 + s % (10_000 / n as u16))
        .collect();
    shares.resize(n, 1);
    let given: u16 = shares.iter().sum();
    shares[n - 1] += 10_000 - given;
    shares
}

fuzz_target!(|input: Input| {
    let fee_bps = input.fee_bps % 10_001;
    // The raw proposal: valid or refused with an error, never a panic.
    let raw = validate_proposal(input.total, &input.caps, &input.shares, input.fee_bps);
    let caps_sum = input.caps.iter().try_fold(0u128, |s, c| s.checked_add(*c));
    let shares_sum: u32 = input.shares.iter().map(|s| u32::from(*s)).sum();
    let valid = input.total > 0
        && (1..=MAX_BUDGET_LINES).contains(&input.caps.len())
        && caps_sum == Some(input.total)
        && (1..=MAX_MILESTONES).contains(&input.shares.len())
        && !input.shares.contains(&0)
        && shares_sum == BPS
        && u32::from(input.fee_bps) <= BPS;
    assert_eq!(raw.is_ok(), valid, "{raw:?}");

    let total = (input.total >> (input.scale % 128)).max(1);
    let caps = fitted_caps(total, &input.caps);
    let shares = fitted_shares(&input.shares);
    assert_eq!(validate_proposal(total, &caps, &shares, fee_bps), Ok(()));
    let budget = match fee_budget(total, fee_bps) {
        Ok(budget) => budget,
        Err(e) => {
            assert_eq!(e, Error::Overflow);
            return;
        }
    };

    // A total beyond u128 / 10,000 cannot be unlocked in shares: refused, not a panic (no
    // token's supply comes near it).
    if let Err(e) = unlocked(total, BPS) {
        assert_eq!(e, Error::Overflow);
        return;
    }

    let mut lines: Vec<BudgetLine> = caps.iter().map(|c| BudgetLine::new(*c)).collect();
    let mut states = vec![MilestoneState::Pending; shares.len()];
    let mut awards: Vec<(usize, u128)> = Vec::new();
    let mut spent_total = 0u128;
    let mut approved = 0u32;
    for op in input.ops.iter().take(256) {
        match *op {
            Op::Report(m) => {
                let i = usize::from(m) % states.len();
                let before = states[i];
                match before.report() {
                    Ok(next) => {
                        assert!(matches!(
                            before,
                            MilestoneState::Pending | MilestoneState::Rejected
                        ));
                        assert_eq!(next, MilestoneState::Submitted);
                        states[i] = next;
                    }
                    Err(e) => assert_eq!(e, Error::ReportNotExpected),
                }
            }
            Op::Decide(m, approve) => {
                let i = usize::from(m) % states.len();
                match states[i].decide(approve) {
                    Ok(next) => {
                        assert_eq!(states[i], MilestoneState::Submitted);
                        if approve {
                            assert_eq!(next, MilestoneState::Approved);
                            approved += u32::from(shares[i]);
                        } else {
                            assert_eq!(next, MilestoneState::Rejected);
                        }
                        assert!(next.is_decided());
                        states[i] = next;
                    }
                    Err(e) => assert_eq!(e, Error::NoReportToDecide),
                }
            }
            Op::Spend(line, amount) => {
                let l = usize::from(line) % lines.len();
                let amount = amount % (total + 1);
                let open = unlocked(total, approved).expect("checked before the ops");
                match spend(&lines[l], amount, spent_total, open) {
                    Ok(after) => {
                        assert!(amount > 0 && after.spent <= after.cap);
                        assert_eq!(after.spent, lines[l].spent + amount);
                        lines[l] = after;
                        spent_total += amount;
                        awards.push((l, amount));
                    }
                    Err(e) => assert!(
                        match e {
                            Error::ZeroAmount => amount == 0,
                            Error::LineCapExceeded => amount > lines[l].remaining(),
                            Error::BeyondUnlocked => spent_total + amount > open,
                            _ => false,
                        },
                        "{e:?}"
                    ),
                }
            }
            Op::Release(a) => {
                if awards.is_empty() {
                    assert_eq!(
                        release(&lines[0], lines[0].spent + 1),
                        Err(Error::ReleaseExceedsSpent)
                    );
                    continue;
                }
                let (l, amount) = awards.swap_remove(usize::from(a) % awards.len());
                let after = release(&lines[l], amount).expect("a live award is within its line");
                assert_eq!(after.spent + amount, lines[l].spent);
                lines[l] = after;
                spent_total -= amount;
            }
        }
        let open = unlocked(total, approved).expect("checked above");
        assert_eq!(lines.iter().map(|l| l.spent).sum::<u128>(), spent_total);
        assert_eq!(awards.iter().map(|a| a.1).sum::<u128>(), spent_total);
        assert!(lines.iter().all(|l| l.spent <= l.cap));
        assert!(spent_total <= open && open <= total);
    }
    if states.iter().all(|s| *s == MilestoneState::Approved) {
        assert_eq!(unlocked(total, approved), Ok(total));
    }

    // The close.
    let closing = close_out(total, spent_total, fee_bps).expect("spent ≤ total");
    assert!(closing.fee <= budget);
    assert_eq!(spent_total + closing.fee + closing.refund, total + budget);
    assert_eq!(
        close_out(total, total + 1, fee_bps),
        Err(Error::ExceedsDistributable)
    );
});
