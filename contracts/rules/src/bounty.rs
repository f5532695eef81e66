//! Bounty accounting: a proposal's shape, budget lines, milestones, awards and the close.
//!
//! # Invariants
//! - The budget-line caps sum to the total, and the milestone shares to 10,000 bps.
//! - Spending (awards and pool feeds) never takes a line above its cap, nor the bounty above what
//!   approved milestones have unlocked: `Σ spent <= unlocked <= total`.
//! - At the close, `Σ spent + curator fee + refund = total`, to the unit.

use crate::{check_bps, mul_div, Error, BPS};

/// Most budget lines a bounty may have.
pub const MAX_BUDGET_LINES: usize = 8;
/// Most milestones a bounty may have.
pub const MAX_MILESTONES: usize = 8;

/// A budget line: what it may spend and what it has spent (awards and pool feeds, less cancelled
/// awards).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(
    feature = "codec",
    derive(scale::Encode, scale::Decode, scale_info::TypeInfo)
)]
#[cfg_attr(
    feature = "storage-layout",
    derive(ink::storage::traits::StorageLayout)
)]
pub struct BudgetLine {
    /// Most the line may spend.
    pub cap: u128,
    /// What it has spent.
    pub spent: u128,
}

impl BudgetLine {
    /// A line with nothing spent.
    pub const fn new(cap: u128) -> Self {
        Self { cap, spent: 0 }
    }

    /// What the line may still spend.
    pub const fn remaining(&self) -> u128 {
        self.cap.saturating_sub(self.spent)
    }
}

/// Where a milestone stands.
///
/// ```text
/// Pending ──report──▶ Submitted ──approve──▶ Approved (unlocks its share; final)
///                        │
///                        └──reject──▶ Rejected ──report again──▶ Submitted
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(
    feature = "codec",
    derive(scale::Encode, scale::Decode, scale_info::TypeInfo)
)]
#[cfg_attr(
    feature = "storage-layout",
    derive(ink::storage::traits::StorageLayout)
)]
pub enum MilestoneState {
    /// No report yet.
    Pending,
    /// A report awaits governance's decision.
    Submitted,
    /// Approved: its share is unlocked.
    Approved,
    /// Rejected: the curator may report again.
    Rejected,
}

impl MilestoneState {
    /// The state after the curator reports.
    ///
    /// Errors: [`Error::ReportNotExpected`] unless Pending or Rejected.
    pub fn report(self) -> Result<Self, Error> {
        match self {
            MilestoneState::Pending | MilestoneState::Rejected => Ok(MilestoneState::Submitted),
            _ => Err(Error::ReportNotExpected),
        }
    }

    /// The state after governance decides on a submitted report.
    ///
    /// Errors: [`Error::NoReportToDecide`] unless Submitted.
    pub fn decide(self, approve: bool) -> Result<Self, Error> {
        match (self, approve) {
            (MilestoneState::Submitted, true) => Ok(MilestoneState::Approved),
            (MilestoneState::Submitted, false) => Ok(MilestoneState::Rejected),
            _ => Err(Error::NoReportToDecide),
        }
    }

    /// Whether governance has ruled on it (approved, or rejected and not yet reported again).
    pub const fn is_decided(self) -> bool {
        matches!(self, MilestoneState::Approved | MilestoneState::Rejected)
    }
}

/// Checks a bounty proposal's shape.
///
/// Errors: [`Error::ZeroTotal`], [`Error::NoBudgetLines`], [`Error::TooManyBudgetLines`],
/// [`Error::LineCapsDoNotSumToTotal`], [`Error::NoMilestones`], [`Error::TooManyMilestones`],
/// [`Error::ZeroMilestoneShare`], [`Error::MilestoneSharesDoNotSumToWhole`],
/// [`Error::FeeOutOfRange`].
pub fn validate_proposal(
    total: u128,
    line_caps: &[u128],
    milestone_shares_bps: &[u16],
    curator_fee_bps: u16,
) -> Result<(), Error> {
    if total == 0 {
        return Err(Error::ZeroTotal);
    }
    if line_caps.is_empty() {
        return Err(Error::NoBudgetLines);
    }
    if line_caps.len() > MAX_BUDGET_LINES {
        return Err(Error::TooManyBudgetLines);
    }
    // An overflowing sum cannot equal a u128 total.
    let caps = line_caps
        .iter()
        .try_fold(0u128, |sum, cap| sum.checked_add(*cap));
    if caps != Some(total) {
        return Err(Error::LineCapsDoNotSumToTotal);
    }
    if milestone_shares_bps.is_empty() {
        return Err(Error::NoMilestones);
    }
    if milestone_shares_bps.len() > MAX_MILESTONES {
        return Err(Error::TooManyMilestones);
    }
    if milestone_shares_bps.contains(&0) {
        return Err(Error::ZeroMilestoneShare);
    }
    let shares: u32 = milestone_shares_bps.iter().map(|s| u32::from(*s)).sum();
    if shares != BPS {
        return Err(Error::MilestoneSharesDoNotSumToWhole);
    }
    check_bps(u32::from(curator_fee_bps), Error::FeeOutOfRange)
}

/// What approved milestones have unlocked: `floor(total × approved shares / 10,000)`; all
/// milestones approved unlock exactly the total.
///
/// Errors: [`Error::Overflow`].
pub fn unlocked(total: u128, approved_shares_bps: u32) -> Result<u128, Error> {
    mul_div(
        total,
        u128::from(approved_shares_bps.min(BPS)),
        u128::from(BPS),
    )
}

/// Spends `amount` from `line` (an award or a pool feed) when the bounty has spent `spent_total`
/// so far and approved milestones have unlocked `unlocked`. Returns the line after spending.
///
/// Errors: [`Error::ZeroAmount`], [`Error::LineCapExceeded`], [`Error::BeyondUnlocked`],
/// [`Error::Overflow`].
pub fn spend(
    line: &BudgetLine,
    amount: u128,
    spent_total: u128,
    unlocked: u128,
) -> Result<BudgetLine, Error> {
    if amount == 0 {
        return Err(Error::ZeroAmount);
    }
    if amount > line.remaining() {
        return Err(Error::LineCapExceeded);
    }
    let after = spent_total.checked_add(amount).ok_or(Error::Overflow)?;
    if after > unlocked {
        return Err(Error::BeyondUnlocked);
    }
    Ok(BudgetLine {
        cap: line.cap,
        spent: line.spent.checked_add(amount).ok_or(Error::Overflow)?,
    })
}

/// Gives `amount` back to `line` (a cancelled award). Returns the line after release.
///
/// Errors: [`Error::ReleaseExceedsSpent`].
pub fn release(line: &BudgetLine, amount: u128) -> Result<BudgetLine, Error> {
    Ok(BudgetLine {
        cap: line.cap,
        spent: line
            .spent
            .checked_sub(amount)
            .ok_or(Error::ReleaseExceedsSpent)?,
    })
}

/// How a closed bounty's funds leave it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(
    feature = "codec",
    derive(scale::Encode, scale::Decode, scale_info::TypeInfo)
)]
pub struct Closing {
    /// Paid to the curator.
    pub fee: u128,
    /// Returned to the treasury.
    pub refund: u128,
}

/// The curator fee budgeted on top of a bounty's total: `floor(total × fee_bps / 10,000)`.
///
/// Treasury proposals (seeds/treasury-proposal-4) ask for the fee beside the budget lines, so a
/// bounty is funded with `total + fee_budget` and the fee never eats into what the lines may
/// spend: a fully spent bounty still pays its curator.
///
/// Errors: [`Error::Overflow`].
pub fn fee_budget(total: u128, fee_bps: u16) -> Result<u128, Error> {
    mul_div(total, u128::from(fee_bps), u128::from(BPS))
}

/// The close of a bounty funded with `total + fee_budget(total, fee_bps)` that spent `spent` of
/// `total`: the curator fee is `fee_bps` of what was spent, rounded down (so never above the fee
/// budget); everything else is refunded. `spent + fee + refund = total + fee budget`, to the unit.
///
/// Errors: [`Error::ExceedsDistributable`] when `spent > total`; [`Error::Overflow`].
pub fn close_out(total: u128, spent: u128, fee_bps: u16) -> Result<Closing, Error> {
    let left = total
        .checked_sub(spent)
        .ok_or(Error::ExceedsDistributable)?;
    let budget = fee_budget(total, fee_bps)?;
    let fee = mul_div(spent, u128::from(fee_bps), u128::from(BPS))?;
    let refund = left
        .checked_add(budget)
        .and_then(|held| held.checked_sub(fee))
        .ok_or(Error::Overflow)?;
    Ok(Closing { fee, refund })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const PHA: u128 = 1_000_000_000_000;
    /// Treasury proposal #4: four lines summing to 80,000.
    const LINES: [u128; 4] = [54_000 * PHA, 10_000 * PHA, 2_000 * PHA, 14_000 * PHA];

    #[test]
    fn proposal_four_is_valid() {
        assert_eq!(
            validate_proposal(80_000 * PHA, &LINES, &[3_000, 3_000, 4_000], 100),
            Ok(())
        );
    }

    #[test]
    fn proposal_shape_errors() {
        let t = 80_000 * PHA;
        let m = [5_000, 5_000];
        assert_eq!(validate_proposal(0, &[], &m, 0), Err(Error::ZeroTotal));
        assert_eq!(validate_proposal(t, &[], &m, 0), Err(Error::NoBudgetLines));
        assert_eq!(
            validate_proposal(9, &[1; 9], &m, 0),
            Err(Error::TooManyBudgetLines)
        );
        assert_eq!(
            validate_proposal(t + 1, &LINES, &m, 0),
            Err(Error::LineCapsDoNotSumToTotal)
        );
        assert_eq!(
            validate_proposal(1, &[u128::MAX, 2], &m, 0),
            Err(Error::LineCapsDoNotSumToTotal)
        );
        assert_eq!(
            validate_proposal(t, &LINES, &[], 0),
            Err(Error::NoMilestones)
        );
        assert_eq!(
            validate_proposal(t, &LINES, &[1_250; 9], 0),
            Err(Error::TooManyMilestones)
        );
        assert_eq!(
            validate_proposal(t, &LINES, &[10_000, 0], 0),
            Err(Error::ZeroMilestoneShare)
        );
        assert_eq!(
            validate_proposal(t, &LINES, &[5_000, 4_999], 0),
            Err(Error::MilestoneSharesDoNotSumToWhole)
        );
        assert_eq!(
            validate_proposal(t, &LINES, &m, 10_001),
            Err(Error::FeeOutOfRange)
        );
    }

    #[test]
    fn milestone_reports_and_decisions() {
        use MilestoneState::*;
        assert_eq!(Pending.report(), Ok(Submitted));
        assert_eq!(Submitted.report(), Err(Error::ReportNotExpected));
        assert_eq!(Approved.report(), Err(Error::ReportNotExpected));
        assert_eq!(Submitted.decide(false), Ok(Rejected));
        assert_eq!(
            Rejected.report(),
            Ok(Submitted),
            "a rejected report can be resubmitted"
        );
        assert_eq!(Submitted.decide(true), Ok(Approved));
        assert_eq!(Pending.decide(true), Err(Error::NoReportToDecide));
        assert_eq!(Approved.decide(false), Err(Error::NoReportToDecide));
        assert!(Approved.is_decided() && Rejected.is_decided());
        assert!(!Pending.is_decided() && !Submitted.is_decided());
    }

    #[test]
    fn milestones_unlock_their_share() {
        let t = 80_000 * PHA;
        assert_eq!(unlocked(t, 0), Ok(0));
        assert_eq!(unlocked(t, 3_000), Ok(24_000 * PHA));
        assert_eq!(unlocked(t, 10_000), Ok(t));
        assert_eq!(unlocked(7, 3_333), Ok(2));
        assert_eq!(unlocked(u128::MAX, 10_000), Err(Error::Overflow));
    }

    #[test]
    fn spending_respects_cap_and_unlocked() {
        let line = BudgetLine::new(2_000);
        let after = spend(&line, 1_500, 0, 10_000).unwrap();
        assert_eq!(after.spent, 1_500);
        assert_eq!(after.remaining(), 500);
        assert_eq!(
            spend(&after, 501, 1_500, 10_000),
            Err(Error::LineCapExceeded)
        );
        assert_eq!(spend(&after, 500, 1_500, 1_999), Err(Error::BeyondUnlocked));
        assert_eq!(spend(&after, 0, 1_500, 10_000), Err(Error::ZeroAmount));
        assert_eq!(
            spend(&BudgetLine::new(u128::MAX), 2, u128::MAX - 1, u128::MAX),
            Err(Error::Overflow)
        );
        let back = release(&after, 1_000).unwrap();
        assert_eq!(back.spent, 500);
        assert_eq!(release(&back, 501), Err(Error::ReleaseExceedsSpent));
    }

    #[test]
    fn close_pays_fee_on_spent_from_the_budget_on_top_and_refunds_rest() {
        let t = 80_000 * PHA;
        // Funded with 80,000 + the 800 fee budget.
        assert_eq!(fee_budget(t, 100), Ok(800 * PHA));
        let c = close_out(t, 60_000 * PHA, 100).unwrap();
        assert_eq!(c.fee, 600 * PHA);
        assert_eq!(c.refund, 20_200 * PHA);
        // Fully spent: the curator still earns the whole budgeted fee.
        assert_eq!(
            close_out(t, t, 100),
            Ok(Closing {
                fee: 800 * PHA,
                refund: 0
            })
        );
        assert_eq!(close_out(t, t + 1, 100), Err(Error::ExceedsDistributable));
    }

    proptest! {
        #[test]
        fn close_accounts_for_every_unit(
            total in 1u128..=1_000_000_000_000_000_000_000_000_000_000u128,
            spent_share in 0u32..=10_000,
            fee_bps in 0u16..=10_000,
        ) {
            let spent = mul_div(total, u128::from(spent_share), 10_000).unwrap();
            let c = close_out(total, spent, fee_bps).unwrap();
            let budget = fee_budget(total, fee_bps).unwrap();
            prop_assert!(c.fee <= budget);
            prop_assert_eq!(spent + c.fee + c.refund, total + budget);
        }

        #[test]
        fn spends_never_pass_cap_or_unlocked(
            cap in 1u128..1_000_000,
            amounts in proptest::collection::vec(1u128..100_000, 1..50),
            unlocked_amount in 0u128..1_000_000,
        ) {
            let mut line = BudgetLine::new(cap);
            let mut total = 0u128;
            for a in amounts {
                if let Ok(next) = spend(&line, a, total, unlocked_amount) {
                    line = next;
                    total += a;
                }
                prop_assert!(line.spent <= line.cap);
                prop_assert!(total <= unlocked_amount);
            }
        }
    }
}
