//! Ranks, member status, the Head cap and the month-by-month streak rules.
//!
//! # Streak state machine
//! Each recorded month moves a member's two counters:
//! - `up`: consecutive months at or above the promotion threshold of the member's *current* rank
//!   (Candidate: 65%, Ambassador: 90%). When it reaches the streak length (3) the member moves up
//!   one rank and `up` starts again from 0. Senior and Head never promote automatically (Head is
//!   granted only by governance), so their `up` stays 0.
//! - `low`: consecutive months strictly below the exit threshold (40%). With the exit rule on, a
//!   member whose `low` reaches the streak length is flagged for removal; a later month at or above
//!   the threshold clears the flag. The flag is advice to governance, which removes members.
//!
//! A month without a recorded score counts as 0%: it breaks every upward streak and extends `low`.

use crate::{Error, BPS};

/// A member's rank, lowest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(
    feature = "codec",
    derive(scale::Encode, scale::Decode, scale_info::TypeInfo)
)]
#[cfg_attr(
    feature = "storage-layout",
    derive(ink::storage::traits::StorageLayout)
)]
pub enum Rank {
    /// A new member on trial.
    Candidate,
    /// An official ambassador.
    Ambassador,
    /// A senior ambassador; earns the Senior bonus.
    Senior,
    /// A head ambassador; granted only by governance, capped in number; earns the Head bonus.
    Head,
}

/// Whether a member may currently act.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(
    feature = "codec",
    derive(scale::Encode, scale::Decode, scale_info::TypeInfo)
)]
#[cfg_attr(
    feature = "storage-layout",
    derive(ink::storage::traits::StorageLayout)
)]
pub enum Status {
    /// A member in good standing: submits, claims, is scored.
    Active,
    /// Suspended by governance: cannot submit until unsuspended.
    Suspended,
    /// Left on its own; terminal.
    Retired,
    /// Removed by governance; terminal.
    Removed,
}

/// A change of status asked for by governance or by the member.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusChange {
    /// Governance suspends the member.
    Suspend,
    /// Governance lifts a suspension.
    Unsuspend,
    /// The member retires itself.
    Retire,
    /// Governance removes the member.
    Remove,
}

impl Status {
    /// Whether the member has left (retired or removed).
    pub const fn has_left(self) -> bool {
        matches!(self, Status::Retired | Status::Removed)
    }

    /// The status after `change`.
    ///
    /// Errors: [`Error::MemberHasLeft`] for any change after retiring or removal,
    /// [`Error::AlreadySuspended`] when suspending a suspended member, [`Error::NotSuspended`] when
    /// unsuspending an active one.
    pub fn apply(self, change: StatusChange) -> Result<Status, Error> {
        if self.has_left() {
            return Err(Error::MemberHasLeft);
        }
        match (self, change) {
            (Status::Suspended, StatusChange::Suspend) => Err(Error::AlreadySuspended),
            (_, StatusChange::Suspend) => Ok(Status::Suspended),
            (Status::Suspended, StatusChange::Unsuspend) => Ok(Status::Active),
            (_, StatusChange::Unsuspend) => Err(Error::NotSuspended),
            (_, StatusChange::Retire) => Ok(Status::Retired),
            (_, StatusChange::Remove) => Ok(Status::Removed),
        }
    }
}

/// Checks that one more Head fits under the cap.
///
/// Errors: [`Error::HeadCapReached`] when `current_heads >= cap`.
pub fn check_head_cap(current_heads: u32, cap: u32) -> Result<(), Error> {
    if current_heads >= cap {
        Err(Error::HeadCapReached)
    } else {
        Ok(())
    }
}

/// The streak rules' parameters. Thresholds are in basis points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(
    feature = "codec",
    derive(scale::Encode, scale::Decode, scale_info::TypeInfo)
)]
#[cfg_attr(
    feature = "storage-layout",
    derive(ink::storage::traits::StorageLayout)
)]
pub struct StreakParams {
    /// A Candidate at or above this for `streak_len` months becomes an Ambassador (V.4: 6,500).
    pub to_ambassador_bps: u16,
    /// An Ambassador at or above this for `streak_len` months becomes a Senior (V.4: 9,000).
    pub to_senior_bps: u16,
    /// Below this for `streak_len` months flags a member for exit (4,000).
    pub exit_below_bps: u16,
    /// Consecutive months a streak needs (V.4: 3).
    pub streak_len: u8,
    /// Whether the exit rule applies.
    pub exit_rule: bool,
}

impl Default for StreakParams {
    fn default() -> Self {
        Self {
            to_ambassador_bps: 6_500,
            to_senior_bps: 9_000,
            exit_below_bps: 4_000,
            streak_len: 3,
            exit_rule: false,
        }
    }
}

impl StreakParams {
    /// Checks the parameters.
    ///
    /// Errors: [`Error::ThresholdOutOfRange`] for a threshold of 0 (a missed month would then count
    /// toward promotion, or nothing could ever be below it) or above 10,000;
    /// [`Error::StreakLengthZero`].
    pub fn validate(&self) -> Result<(), Error> {
        for threshold in [
            self.to_ambassador_bps,
            self.to_senior_bps,
            self.exit_below_bps,
        ] {
            if threshold == 0 || u32::from(threshold) > BPS {
                return Err(Error::ThresholdOutOfRange);
            }
        }
        if self.streak_len == 0 {
            return Err(Error::StreakLengthZero);
        }
        Ok(())
    }

    /// The threshold that counts toward promotion from `rank`, if it promotes automatically.
    fn promotion_threshold(&self, rank: Rank) -> Option<u16> {
        match rank {
            Rank::Candidate => Some(self.to_ambassador_bps),
            Rank::Ambassador => Some(self.to_senior_bps),
            Rank::Senior | Rank::Head => None,
        }
    }
}

/// A member's streak counters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(
    feature = "codec",
    derive(scale::Encode, scale::Decode, scale_info::TypeInfo)
)]
#[cfg_attr(
    feature = "storage-layout",
    derive(ink::storage::traits::StorageLayout)
)]
pub struct Streaks {
    /// Consecutive months at or above the current rank's promotion threshold.
    pub up: u8,
    /// Consecutive months below the exit threshold (saturates at 255).
    pub low: u8,
}

/// What recording a month did to a member.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MonthOutcome {
    /// The rank after the month.
    pub rank: Rank,
    /// The streak counters after the month.
    pub streaks: Streaks,
    /// The rank the member was promoted to this month, if any.
    pub promoted_to: Option<Rank>,
    /// Whether the member is flagged for exit after this month.
    pub exit_flagged: bool,
}

fn next_rank(rank: Rank) -> Rank {
    match rank {
        Rank::Candidate => Rank::Ambassador,
        Rank::Ambassador => Rank::Senior,
        other => other,
    }
}

fn exit_flag(streaks: Streaks, params: &StreakParams) -> bool {
    params.exit_rule && streaks.low >= params.streak_len
}

/// Records one month at `percentage_bps` for a member at `rank` with `streaks`.
/// See the module documentation for the rules.
pub fn record_month(
    rank: Rank,
    streaks: Streaks,
    percentage_bps: u32,
    params: &StreakParams,
) -> MonthOutcome {
    let low = if percentage_bps < u32::from(params.exit_below_bps) {
        streaks.low.saturating_add(1)
    } else {
        0
    };
    let mut next = Streaks { up: 0, low };
    let mut promoted_to = None;
    let mut new_rank = rank;
    if let Some(threshold) = params.promotion_threshold(rank) {
        if percentage_bps >= u32::from(threshold) {
            let up = streaks.up.saturating_add(1);
            if up >= params.streak_len {
                new_rank = next_rank(rank);
                promoted_to = Some(new_rank);
            } else {
                next.up = up;
            }
        }
    }
    MonthOutcome {
        rank: new_rank,
        streaks: next,
        promoted_to,
        exit_flagged: exit_flag(next, params),
    }
}

/// Records `count` months without a score (0% each) in one step, whatever `count` is: upward
/// streaks break, the low streak grows by `count` (saturating), nobody is promoted.
pub fn record_missed_months(
    rank: Rank,
    streaks: Streaks,
    count: u32,
    params: &StreakParams,
) -> MonthOutcome {
    if count == 0 {
        return MonthOutcome {
            rank,
            streaks,
            promoted_to: None,
            exit_flagged: exit_flag(streaks, params),
        };
    }
    let added = u8::try_from(count).unwrap_or(u8::MAX);
    let next = Streaks {
        up: 0,
        low: streaks.low.saturating_add(added),
    };
    MonthOutcome {
        rank,
        streaks: next,
        promoted_to: None,
        exit_flagged: exit_flag(next, params),
    }
}

/// How many months lie strictly between the member's last recorded month and `month`; these
/// count as missed (0%). Months are ids from [`crate::calendar`].
///
/// Errors: [`Error::MonthOutOfOrder`] when `month` is not after `last`.
pub fn months_skipped(last: Option<u32>, month: u32) -> Result<u32, Error> {
    match last {
        None => Ok(0),
        Some(last) if month > last => Ok(month.saturating_sub(last).saturating_sub(1)),
        Some(_) => Err(Error::MonthOutOfOrder),
    }
}

/// The months a member's next record covers, in month order: from the month after its last
/// recorded one (or from `first_counted`, the month it joined in, when none is recorded) up to
/// `last_finalized`, at most `limit` of them. Empty when nothing new is finalized, and empty when
/// the month after the last recorded one comes before `first_counted`: those months belong to
/// another pool (the one this pool replaced), which must record them; this pool never records a
/// month it did not run, so it never writes a worked month as 0%.
///
/// This is what makes promotion independent of claims: months reach the registry only through
/// this window, each once, in order, only once finalized, a month without a report at 0%.
pub fn months_to_record(
    last_recorded: Option<u32>,
    first_counted: u32,
    last_finalized: Option<u32>,
    limit: u32,
) -> core::ops::Range<u32> {
    let from = match last_recorded {
        Some(last) if last.saturating_add(1) < first_counted => {
            return first_counted..first_counted
        }
        Some(last) => last.saturating_add(1),
        None => first_counted,
    };
    let Some(last_finalized) = last_finalized else {
        return from..from;
    };
    let end = last_finalized
        .saturating_add(1)
        .min(from.saturating_add(limit))
        .max(from);
    from..end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_another_pool_ran_are_never_recorded_by_this_one() {
        // Recorded up to month 5 by the old pool; this pool's first month is 8.
        assert!(months_to_record(Some(5), 8, Some(9), 12).is_empty());
        // Once the old pool recorded 6 and 7, this one goes on from 8.
        assert_eq!(months_to_record(Some(7), 8, Some(9), 12), 8..10);
    }

    #[test]
    fn months_to_record_run_in_order_up_to_the_last_finalized() {
        assert_eq!(months_to_record(None, 5, None, 12), 5..5);
        assert_eq!(months_to_record(None, 5, Some(4), 12), 5..5);
        assert_eq!(months_to_record(None, 5, Some(7), 12), 5..8);
        assert_eq!(months_to_record(Some(5), 0, Some(7), 12), 6..8);
        assert_eq!(months_to_record(Some(7), 0, Some(7), 12), 8..8);
        assert_eq!(months_to_record(Some(1), 0, Some(40), 12), 2..14);
        assert_eq!(
            months_to_record(Some(u32::MAX), 0, Some(u32::MAX), 12).len(),
            0
        );
    }

    fn run(rank: Rank, months: &[u32], params: &StreakParams) -> MonthOutcome {
        let mut outcome = MonthOutcome {
            rank,
            streaks: Streaks::default(),
            promoted_to: None,
            exit_flagged: false,
        };
        for pct in months {
            outcome = record_month(outcome.rank, outcome.streaks, *pct, params);
        }
        outcome
    }

    #[test]
    fn ranks_are_ordered() {
        assert!(Rank::Candidate < Rank::Ambassador);
        assert!(Rank::Ambassador < Rank::Senior);
        assert!(Rank::Senior < Rank::Head);
    }

    #[test]
    fn candidate_promoted_after_three_months_at_65() {
        let p = StreakParams::default();
        let two = run(Rank::Candidate, &[6_500, 7_000], &p);
        assert_eq!(two.rank, Rank::Candidate);
        assert_eq!(two.streaks.up, 2);
        let three = run(Rank::Candidate, &[6_500, 7_000, 6_500], &p);
        assert_eq!(three.rank, Rank::Ambassador);
        assert_eq!(three.promoted_to, Some(Rank::Ambassador));
        assert_eq!(three.streaks.up, 0, "the new rank's streak starts afresh");
    }

    #[test]
    fn candidate_below_65_breaks_the_streak() {
        let p = StreakParams::default();
        let out = run(Rank::Candidate, &[6_500, 6_499, 6_500, 6_500], &p);
        assert_eq!(out.rank, Rank::Candidate);
        assert_eq!(out.streaks.up, 2);
    }

    #[test]
    fn ambassador_promoted_after_three_months_at_90_only() {
        let p = StreakParams::default();
        assert_eq!(
            run(Rank::Ambassador, &[8_999; 5], &p).rank,
            Rank::Ambassador
        );
        let out = run(Rank::Ambassador, &[9_000, 10_000, 9_500], &p);
        assert_eq!(out.rank, Rank::Senior);
        assert_eq!(out.promoted_to, Some(Rank::Senior));
    }

    #[test]
    fn a_candidate_at_90_climbs_one_rank_at_a_time() {
        let p = StreakParams::default();
        assert_eq!(
            run(Rank::Candidate, &[10_000; 3], &p).rank,
            Rank::Ambassador
        );
        assert_eq!(
            run(Rank::Candidate, &[10_000; 5], &p).rank,
            Rank::Ambassador
        );
        assert_eq!(run(Rank::Candidate, &[10_000; 6], &p).rank, Rank::Senior);
    }

    #[test]
    fn senior_and_head_never_promote_automatically() {
        let p = StreakParams::default();
        assert_eq!(run(Rank::Senior, &[10_000; 9], &p).rank, Rank::Senior);
        assert_eq!(run(Rank::Head, &[10_000; 9], &p).rank, Rank::Head);
    }

    #[test]
    fn missed_month_breaks_upward_streak() {
        let p = StreakParams::default();
        let two = run(Rank::Candidate, &[7_000, 7_000], &p);
        let missed = record_missed_months(two.rank, two.streaks, 1, &p);
        assert_eq!(missed.streaks.up, 0);
        assert_eq!(missed.streaks.low, 1);
        let after = record_month(missed.rank, missed.streaks, 7_000, &p);
        assert_eq!(after.rank, Rank::Candidate);
        // The same as a recorded 0% month.
        let zero = record_month(two.rank, two.streaks, 0, &p);
        assert_eq!(zero.streaks, missed.streaks);
        // No change for zero missed months.
        assert_eq!(
            record_missed_months(two.rank, two.streaks, 0, &p).streaks,
            two.streaks
        );
        // Huge gaps saturate rather than overflow.
        assert_eq!(
            record_missed_months(Rank::Candidate, Streaks::default(), u32::MAX, &p)
                .streaks
                .low,
            u8::MAX
        );
    }

    #[test]
    fn exit_flag_after_three_low_months_only_when_rule_on() {
        let off = StreakParams::default();
        assert!(!run(Rank::Ambassador, &[3_999; 3], &off).exit_flagged);
        let on = StreakParams {
            exit_rule: true,
            ..off
        };
        assert!(!run(Rank::Ambassador, &[3_999; 2], &on).exit_flagged);
        assert!(run(Rank::Ambassador, &[3_999; 3], &on).exit_flagged);
        assert!(!run(Rank::Ambassador, &[3_999, 3_999, 4_000], &on).exit_flagged);
        // A good month clears the flag.
        assert!(!run(Rank::Ambassador, &[0, 0, 0, 5_000], &on).exit_flagged);
        let missed = record_missed_months(Rank::Senior, Streaks::default(), 3, &on);
        assert!(missed.exit_flagged);
    }

    #[test]
    fn params_are_validated() {
        assert_eq!(StreakParams::default().validate(), Ok(()));
        let p = StreakParams {
            to_ambassador_bps: 0,
            ..Default::default()
        };
        assert_eq!(p.validate(), Err(Error::ThresholdOutOfRange));
        let p = StreakParams {
            exit_below_bps: 10_001,
            ..Default::default()
        };
        assert_eq!(p.validate(), Err(Error::ThresholdOutOfRange));
        let p = StreakParams {
            streak_len: 0,
            ..Default::default()
        };
        assert_eq!(p.validate(), Err(Error::StreakLengthZero));
    }

    #[test]
    fn status_transitions() {
        use StatusChange::*;
        assert_eq!(Status::Active.apply(Suspend), Ok(Status::Suspended));
        assert_eq!(
            Status::Suspended.apply(Suspend),
            Err(Error::AlreadySuspended)
        );
        assert_eq!(Status::Suspended.apply(Unsuspend), Ok(Status::Active));
        assert_eq!(Status::Active.apply(Unsuspend), Err(Error::NotSuspended));
        assert_eq!(Status::Suspended.apply(Retire), Ok(Status::Retired));
        assert_eq!(Status::Active.apply(Remove), Ok(Status::Removed));
        for left in [Status::Retired, Status::Removed] {
            for change in [Suspend, Unsuspend, Retire, Remove] {
                assert_eq!(left.apply(change), Err(Error::MemberHasLeft));
            }
        }
    }

    #[test]
    fn head_cap() {
        assert_eq!(check_head_cap(0, 1), Ok(()));
        assert_eq!(check_head_cap(1, 1), Err(Error::HeadCapReached));
        assert_eq!(check_head_cap(0, 0), Err(Error::HeadCapReached));
    }

    #[test]
    fn months_in_order() {
        assert_eq!(months_skipped(None, 5), Ok(0));
        assert_eq!(months_skipped(Some(5), 6), Ok(0));
        assert_eq!(months_skipped(Some(5), 9), Ok(3));
        assert_eq!(months_skipped(Some(5), 5), Err(Error::MonthOutOfOrder));
        assert_eq!(months_skipped(Some(5), 4), Err(Error::MonthOutOfOrder));
    }
}
