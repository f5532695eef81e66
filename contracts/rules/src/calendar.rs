//! The program's calendar: which month a timestamp falls in, and each month's deadlines.
//!
//! Timestamps are milliseconds since the Unix epoch (what pallet-timestamp gives contracts). A month
//! is identified by a `u32` id. Every month, in both modes, goes through the same phases:
//!
//! ```text
//! start ── submissions ──▶ deadline ── review window ──▶ review end ── claim window ──▶ claim end
//! ```
//!
//! Submissions are accepted in `[start, deadline)`, reviewers score in `[deadline, review end)`,
//! governance may finalize from review end on, and claims are open until claim end, after which
//! anyone may sweep what is left.

use crate::Error;

/// Milliseconds in a day.
pub const DAY_MS: u64 = 86_400_000;
/// In UTC-month mode a month's submissions close at the end of this day of the following month.
pub const UTC_DEADLINE_DAY: u64 = 5;

/// How months are cut; fixed when a pool is instantiated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(
    feature = "codec",
    derive(scale::Encode, scale::Decode, scale_info::TypeInfo)
)]
#[cfg_attr(
    feature = "storage-layout",
    derive(ink::storage::traits::StorageLayout)
)]
pub enum Calendar {
    /// Calendar months in UTC (the default). Month id = months since January 1970, so id 0 is
    /// January 1970 and id 654 is July 2024. The deadline is the end of the 5th day of the
    /// following month.
    UtcMonths,
    /// Fixed-length periods counted from `start_ms`: period `n` runs
    /// `[start_ms + n × period_ms, start_ms + (n + 1) × period_ms)` and its deadline is
    /// `deadline_offset_ms` after its end. For weekly programs, and for tests and demos on a real
    /// chain whose clock cannot be moved.
    FixedPeriods {
        /// When period 0 starts.
        start_ms: u64,
        /// Length of a period; not zero.
        period_ms: u64,
        /// Time after a period's end during which submissions for it are still accepted.
        deadline_offset_ms: u64,
    },
}

/// Longest review window: 90 days.
pub const MAX_REVIEW_MS: u64 = 90 * DAY_MS;
/// Longest dispute window: 30 days.
pub const MAX_DISPUTE_MS: u64 = 30 * DAY_MS;
/// Longest claim window: two years.
pub const MAX_CLAIM_MS: u64 = 730 * DAY_MS;

/// Lengths of the windows that follow a month's submission deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(
    feature = "codec",
    derive(scale::Encode, scale::Decode, scale_info::TypeInfo)
)]
#[cfg_attr(
    feature = "storage-layout",
    derive(ink::storage::traits::StorageLayout)
)]
pub struct Windows {
    /// From the submission deadline: reviewers score every entry (and late reports arrive, if the
    /// program accepts them).
    pub review_ms: u64,
    /// From the end of the review window: members see their points and reasons and may dispute
    /// their own entry once; reviewers rescore disputed entries only. 0 = no dispute window.
    /// Scores are final when it ends, and governance may finalize from then on.
    pub dispute_ms: u64,
    /// The claim window's length, counted from the month's finalization.
    pub claim_ms: u64,
}

impl Windows {
    /// Checks that reviewers and members get time to act: a review window above zero, and a claim
    /// window of at least a day on calendar months (above zero on fixed periods, which tests and
    /// demos run in seconds).
    ///
    /// Bounded above too ([`MAX_REVIEW_MS`], [`MAX_DISPUTE_MS`], [`MAX_CLAIM_MS`]), so that no
    /// accepted value can hold a month's finalization off for good.
    ///
    /// Errors: [`Error::WindowTooShort`], [`Error::WindowTooLong`].
    pub fn validate(&self, calendar: &Calendar) -> Result<(), Error> {
        let min_claim = match calendar {
            Calendar::UtcMonths => DAY_MS,
            Calendar::FixedPeriods { .. } => 1,
        };
        if self.review_ms == 0 || self.claim_ms < min_claim {
            return Err(Error::WindowTooShort);
        }
        if self.review_ms > MAX_REVIEW_MS
            || self.dispute_ms > MAX_DISPUTE_MS
            || self.claim_ms > MAX_CLAIM_MS
        {
            return Err(Error::WindowTooLong);
        }
        Ok(())
    }
}

/// A clock that stops while a contract is paused: claim windows run on it, so time spent paused
/// (when nobody can claim) never counts against a member's window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(
    feature = "codec",
    derive(scale::Encode, scale::Decode, scale_info::TypeInfo)
)]
#[cfg_attr(
    feature = "storage-layout",
    derive(ink::storage::traits::StorageLayout)
)]
pub struct PauseClock {
    /// Paused time accumulated by earlier pauses (ms).
    pub paused_ms: u64,
    /// When the current pause began, if paused.
    pub paused_since: Option<u64>,
}

impl PauseClock {
    /// Running (unpaused) milliseconds at wall time `now_ms`: `now` less every paused stretch,
    /// the current one included. Never decreases as `now` grows.
    pub fn running_ms(&self, now_ms: u64) -> u64 {
        let current = self
            .paused_since
            .map_or(0, |since| now_ms.saturating_sub(since));
        now_ms
            .saturating_sub(self.paused_ms)
            .saturating_sub(current)
    }

    /// Stops the clock at `now_ms` (no effect if stopped).
    pub fn pause(&mut self, now_ms: u64) {
        if self.paused_since.is_none() {
            self.paused_since = Some(now_ms);
        }
    }

    /// Restarts the clock at `now_ms`, adding the pause to the paused total (no effect if
    /// running).
    pub fn unpause(&mut self, now_ms: u64) {
        if let Some(since) = self.paused_since.take() {
            self.paused_ms = self.paused_ms.saturating_add(now_ms.saturating_sub(since));
        }
    }

    /// The wall time at which running time reaches `deadline_running_ms`, if the clock runs
    /// from `now_ms` without a pause: for showing a countdown. `None` while stopped (the
    /// deadline waits).
    pub fn wall_time_of(&self, deadline_running_ms: u64, now_ms: u64) -> Option<u64> {
        if self.paused_since.is_some() {
            return None;
        }
        Some(now_ms.saturating_add(deadline_running_ms.saturating_sub(self.running_ms(now_ms))))
    }
}

/// Where a month stands at a given time; the variants are ordered in time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[cfg_attr(
    feature = "codec",
    derive(scale::Encode, scale::Decode, scale_info::TypeInfo)
)]
pub enum Phase {
    /// The month has not started.
    Upcoming,
    /// Submissions are accepted.
    Submission,
    /// Submissions are closed (late reports still accepted if the program allows them);
    /// reviewers score.
    Review,
    /// The review window is over: members may dispute their entry; reviewers rescore disputed
    /// entries only.
    Dispute,
    /// Scores are final; governance may finalize and, once finalized, members claim.
    Claim,
    /// The claim window is over; unclaimed rewards may be swept.
    Expired,
}

/// Proleptic-Gregorian date arithmetic (Howard Hinnant's algorithms) for UTC month ids.
///
/// Overflow cannot happen here, which is why the arithmetic lint is lifted for this module only:
/// inputs are a day count below 2^37 (a `u64` of ms divided by a day) or a month id below 2^32,
/// so every intermediate stays below 2^50, far inside `i64`.
#[allow(
    clippy::arithmetic_side_effects,
    clippy::cast_possible_truncation,
    clippy::cast_possible_wrap,
    clippy::cast_sign_loss
)]
mod civil {
    /// Days from 1970-01-01 to the first day of `month` (1 to 12) of `year`.
    fn days_from_civil(year: i64, month: i64) -> i64 {
        let y = if month <= 2 { year - 1 } else { year };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (month + 9) % 12;
        let doy = (153 * mp + 2) / 5;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The year and month (1 to 12) of the day `days` after 1970-01-01.
    fn civil_from_days(days: i64) -> (i64, i64) {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        (yoe + era * 400 + i64::from(month <= 2), month)
    }

    /// The month id (months since January 1970) of the day `days` after 1970-01-01.
    pub(super) fn month_of_day(days: u64) -> i64 {
        let (year, month) = civil_from_days(days as i64);
        (year - 1970) * 12 + (month - 1)
    }

    /// Days from 1970-01-01 to the first day of month id `month`.
    pub(super) fn first_day(month: u32) -> i64 {
        days_from_civil(1970 + i64::from(month / 12), i64::from(month % 12) + 1)
    }

    /// The year and month (1 to 12) of month id `month`.
    pub(super) fn year_month(month: u32) -> (u32, u8) {
        (1970 + month / 12, (month % 12) as u8 + 1)
    }
}

/// The UTC year and month (1 to 12) of a UTC-month id, for display.
pub fn year_month(month: u32) -> (u32, u8) {
    civil::year_month(month)
}

impl Calendar {
    /// Checks the calendar.
    ///
    /// Errors: [`Error::PeriodLengthZero`] for fixed periods of length zero.
    pub fn validate(&self) -> Result<(), Error> {
        match self {
            Calendar::FixedPeriods { period_ms: 0, .. } => Err(Error::PeriodLengthZero),
            _ => Ok(()),
        }
    }

    /// The id of the month `now_ms` falls in.
    ///
    /// Errors: [`Error::BeforeCalendarStart`] before a fixed calendar's start;
    /// [`Error::PeriodLengthZero`]; [`Error::TimeOverflow`] for a month id beyond `u32`.
    pub fn month_of(&self, now_ms: u64) -> Result<u32, Error> {
        let id = match *self {
            Calendar::UtcMonths => civil::month_of_day(now_ms / DAY_MS),
            Calendar::FixedPeriods {
                start_ms,
                period_ms,
                ..
            } => {
                let since = now_ms
                    .checked_sub(start_ms)
                    .ok_or(Error::BeforeCalendarStart)?;
                let period = since
                    .checked_div(period_ms)
                    .ok_or(Error::PeriodLengthZero)?;
                i64::try_from(period).map_err(|_| Error::TimeOverflow)?
            }
        };
        u32::try_from(id).map_err(|_| Error::TimeOverflow)
    }

    /// The first month that counts toward a member's streaks when it joined at `joined_ms`: the
    /// month it joined in (month 0 for a member that joined before a fixed calendar's start).
    /// Earlier months were not its months: a report it still filed for one before that month's
    /// deadline is paid, but does not count.
    ///
    /// Errors: [`Error::PeriodLengthZero`], [`Error::TimeOverflow`].
    pub fn first_counted_month(&self, joined_ms: u64) -> Result<u32, Error> {
        match self.month_of(joined_ms) {
            Err(Error::BeforeCalendarStart) => Ok(0),
            other => other,
        }
    }

    /// When `month` starts, in ms.
    ///
    /// Errors: [`Error::TimeOverflow`] beyond the `u64` range.
    pub fn start(&self, month: u32) -> Result<u64, Error> {
        match *self {
            Calendar::UtcMonths => u64::try_from(civil::first_day(month))
                .ok()
                .and_then(|d| d.checked_mul(DAY_MS))
                .ok_or(Error::TimeOverflow),
            Calendar::FixedPeriods {
                start_ms,
                period_ms,
                ..
            } => period_ms
                .checked_mul(u64::from(month))
                .and_then(|offset| offset.checked_add(start_ms))
                .ok_or(Error::TimeOverflow),
        }
    }

    /// When `month` ends (the next month's start), in ms.
    ///
    /// Errors: [`Error::TimeOverflow`].
    pub fn end(&self, month: u32) -> Result<u64, Error> {
        self.start(month.checked_add(1).ok_or(Error::TimeOverflow)?)
    }

    /// The submission deadline of `month`: submissions are accepted strictly before it.
    ///
    /// Errors: [`Error::TimeOverflow`].
    pub fn submission_deadline(&self, month: u32) -> Result<u64, Error> {
        let offset = match *self {
            Calendar::UtcMonths => UTC_DEADLINE_DAY * DAY_MS,
            Calendar::FixedPeriods {
                deadline_offset_ms, ..
            } => deadline_offset_ms,
        };
        self.end(month)?
            .checked_add(offset)
            .ok_or(Error::TimeOverflow)
    }

    /// The end of `month`'s review window: reviewers score every entry before it; the dispute
    /// window follows.
    ///
    /// Errors: [`Error::TimeOverflow`].
    pub fn review_end(&self, month: u32, windows: &Windows) -> Result<u64, Error> {
        self.submission_deadline(month)?
            .checked_add(windows.review_ms)
            .ok_or(Error::TimeOverflow)
    }

    /// When `month`'s scores are final: the end of its dispute window (the review window's end
    /// when there is none). Finalization is allowed from then on.
    ///
    /// Errors: [`Error::TimeOverflow`].
    pub fn scores_final(&self, month: u32, windows: &Windows) -> Result<u64, Error> {
        self.review_end(month, windows)?
            .checked_add(windows.dispute_ms)
            .ok_or(Error::TimeOverflow)
    }

    /// The earliest end of `month`'s claim window: the claim period counted from the moment
    /// scores are final (a month finalized later keeps its whole window from its finalization).
    ///
    /// Errors: [`Error::TimeOverflow`].
    pub fn claim_end(&self, month: u32, windows: &Windows) -> Result<u64, Error> {
        self.scores_final(month, windows)?
            .checked_add(windows.claim_ms)
            .ok_or(Error::TimeOverflow)
    }

    /// The phase of `month` at `now_ms`.
    ///
    /// Errors: [`Error::TimeOverflow`].
    pub fn phase(&self, month: u32, now_ms: u64, windows: &Windows) -> Result<Phase, Error> {
        Ok(if now_ms < self.start(month)? {
            Phase::Upcoming
        } else if now_ms < self.submission_deadline(month)? {
            Phase::Submission
        } else if now_ms < self.review_end(month, windows)? {
            Phase::Review
        } else if now_ms < self.scores_final(month, windows)? {
            Phase::Dispute
        } else if now_ms < self.claim_end(month, windows)? {
            Phase::Claim
        } else {
            Phase::Expired
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// 2024-07-01T00:00:00Z.
    const JULY_2024: u64 = 1_719_792_000_000;
    const WINDOWS: Windows = Windows {
        review_ms: 10 * DAY_MS,
        dispute_ms: 0,
        claim_ms: 180 * DAY_MS,
    };

    #[test]
    fn windows_leave_time_to_act() {
        let fixed = Calendar::FixedPeriods {
            start_ms: 0,
            period_ms: 10,
            deadline_offset_ms: 1,
        };
        assert_eq!(WINDOWS.validate(&Calendar::UtcMonths), Ok(()));
        let no_claims = Windows {
            review_ms: DAY_MS,
            dispute_ms: 0,
            claim_ms: 0,
        };
        assert_eq!(
            no_claims.validate(&Calendar::UtcMonths),
            Err(Error::WindowTooShort)
        );
        assert_eq!(no_claims.validate(&fixed), Err(Error::WindowTooShort));
        let an_hour = Windows {
            review_ms: DAY_MS,
            dispute_ms: 0,
            claim_ms: 3_600_000,
        };
        assert_eq!(
            an_hour.validate(&Calendar::UtcMonths),
            Err(Error::WindowTooShort)
        );
        assert_eq!(an_hour.validate(&fixed), Ok(()));
        let no_review = Windows {
            review_ms: 0,
            dispute_ms: 0,
            claim_ms: DAY_MS,
        };
        assert_eq!(no_review.validate(&fixed), Err(Error::WindowTooShort));
        // A typo of a unit cannot freeze a month.
        let forever = Windows {
            dispute_ms: MAX_DISPUTE_MS + 1,
            ..WINDOWS
        };
        assert_eq!(
            forever.validate(&Calendar::UtcMonths),
            Err(Error::WindowTooLong)
        );
        let long_review = Windows {
            review_ms: MAX_REVIEW_MS + 1,
            ..WINDOWS
        };
        assert_eq!(long_review.validate(&fixed), Err(Error::WindowTooLong));
    }

    #[test]
    fn the_pause_clock_stops_while_paused() {
        let mut clock = PauseClock::default();
        assert_eq!(clock.running_ms(100), 100);
        clock.pause(100);
        assert_eq!(clock.running_ms(150), 100);
        assert_eq!(clock.wall_time_of(120, 150), None);
        clock.pause(160);
        clock.unpause(200);
        assert_eq!(clock.running_ms(200), 100);
        assert_eq!(clock.running_ms(250), 150);
        assert_eq!(clock.wall_time_of(170, 250), Some(270));
        clock.unpause(300);
        assert_eq!(clock.running_ms(300), 200);
    }

    proptest! {
        #[test]
        fn running_time_never_runs_backwards(
            events in proptest::collection::vec((0u64..1_000, proptest::bool::ANY), 0..20),
        ) {
            let mut clock = PauseClock::default();
            let (mut now, mut last) = (0u64, 0u64);
            for (step, pause) in events {
                now += step;
                if pause { clock.pause(now) } else { clock.unpause(now) }
                let running = clock.running_ms(now);
                prop_assert!(running >= last && running <= now);
                last = running;
            }
        }
    }

    #[test]
    fn utc_month_ids() {
        let cal = Calendar::UtcMonths;
        assert_eq!(cal.month_of(0), Ok(0));
        assert_eq!(cal.month_of(JULY_2024), Ok(654));
        assert_eq!(year_month(654), (2024, 7));
        assert_eq!(cal.month_of(JULY_2024 - 1), Ok(653));
        assert_eq!(cal.start(654), Ok(JULY_2024));
    }

    #[test]
    fn utc_deadline_is_end_of_fifth_day_of_next_month() {
        let cal = Calendar::UtcMonths;
        // July 2024 closes at 2024-08-06T00:00:00Z.
        assert_eq!(cal.submission_deadline(654), Ok(1_722_902_400_000));
        assert_eq!(
            cal.review_end(654, &WINDOWS),
            Ok(1_722_902_400_000 + 10 * DAY_MS)
        );
        assert_eq!(
            cal.claim_end(654, &WINDOWS),
            Ok(1_722_902_400_000 + 190 * DAY_MS)
        );
    }

    #[test]
    fn december_rolls_into_january() {
        let cal = Calendar::UtcMonths;
        let dec_2024 = 54 * 12 + 11;
        assert_eq!(year_month(dec_2024), (2024, 12));
        // 2025-01-01T00:00:00Z and 2025-01-06T00:00:00Z.
        assert_eq!(cal.end(dec_2024), Ok(1_735_689_600_000));
        assert_eq!(cal.submission_deadline(dec_2024), Ok(1_736_121_600_000));
        assert_eq!(cal.month_of(1_735_689_600_000 - 1), Ok(dec_2024));
        assert_eq!(cal.month_of(1_735_689_600_000), Ok(dec_2024 + 1));
    }

    #[test]
    fn leap_years() {
        let cal = Calendar::UtcMonths;
        let feb = |year: u32| (year - 1970) * 12 + 1;
        let len = |m: u32| (cal.end(m).unwrap() - cal.start(m).unwrap()) / DAY_MS;
        assert_eq!(len(feb(2024)), 29);
        assert_eq!(len(feb(2023)), 28);
        assert_eq!(len(feb(2000)), 29);
        assert_eq!(len(feb(2100)), 28);
        // 2024-02-29T12:00:00Z lies in February 2024.
        assert_eq!(cal.month_of(1_709_208_000_000), Ok(feb(2024)));
    }

    #[test]
    fn fixed_periods() {
        let cal = Calendar::FixedPeriods {
            start_ms: 1_000,
            period_ms: 60_000,
            deadline_offset_ms: 5_000,
        };
        assert_eq!(cal.validate(), Ok(()));
        assert_eq!(cal.month_of(999), Err(Error::BeforeCalendarStart));
        assert_eq!(cal.month_of(1_000), Ok(0));
        assert_eq!(cal.month_of(60_999), Ok(0));
        assert_eq!(cal.month_of(61_000), Ok(1));
        assert_eq!(cal.start(2), Ok(121_000));
        assert_eq!(cal.submission_deadline(0), Ok(66_000));
        let w = Windows {
            review_ms: 10_000,
            dispute_ms: 0,
            claim_ms: 100_000,
        };
        assert_eq!(cal.review_end(0, &w), Ok(76_000));
        assert_eq!(cal.scores_final(0, &w), Ok(76_000));
        assert_eq!(cal.claim_end(0, &w), Ok(176_000));
        assert_eq!(cal.phase(0, 75_999, &w), Ok(Phase::Review));
        assert_eq!(cal.phase(0, 76_000, &w), Ok(Phase::Claim));
        // A dispute window sits between the review window and final scores.
        let w = Windows {
            dispute_ms: 3_000,
            ..w
        };
        assert_eq!(cal.scores_final(0, &w), Ok(79_000));
        assert_eq!(cal.phase(0, 76_000, &w), Ok(Phase::Dispute));
        assert_eq!(cal.phase(0, 78_999, &w), Ok(Phase::Dispute));
        assert_eq!(cal.phase(0, 79_000, &w), Ok(Phase::Claim));
        assert_eq!(cal.claim_end(0, &w), Ok(179_000));
    }

    #[test]
    fn zero_period_is_refused() {
        let cal = Calendar::FixedPeriods {
            start_ms: 0,
            period_ms: 0,
            deadline_offset_ms: 0,
        };
        assert_eq!(cal.validate(), Err(Error::PeriodLengthZero));
        assert_eq!(cal.month_of(5), Err(Error::PeriodLengthZero));
    }

    #[test]
    fn overflow_is_an_error() {
        let cal = Calendar::FixedPeriods {
            start_ms: u64::MAX - 10,
            period_ms: 100,
            deadline_offset_ms: 0,
        };
        assert_eq!(cal.start(1), Err(Error::TimeOverflow));
        assert_eq!(Calendar::UtcMonths.end(u32::MAX), Err(Error::TimeOverflow));
        let tiny = Calendar::FixedPeriods {
            start_ms: 0,
            period_ms: 1,
            deadline_offset_ms: 0,
        };
        assert_eq!(tiny.month_of(u64::MAX), Err(Error::TimeOverflow));
    }

    #[test]
    fn phases_in_order() {
        let cal = Calendar::FixedPeriods {
            start_ms: 0,
            period_ms: 100,
            deadline_offset_ms: 10,
        };
        let w = Windows {
            review_ms: 20,
            dispute_ms: 0,
            claim_ms: 50,
        };
        let phase = |now| cal.phase(1, now, &w).unwrap();
        assert_eq!(phase(99), Phase::Upcoming);
        assert_eq!(phase(100), Phase::Submission);
        assert_eq!(phase(209), Phase::Submission);
        assert_eq!(phase(210), Phase::Review);
        assert_eq!(phase(230), Phase::Claim);
        assert_eq!(phase(280), Phase::Expired);
    }

    proptest! {
        #[test]
        fn utc_round_trip(now in 0u64..=253_402_300_799_999) {
            // Any timestamp up to the year 9999.
            let cal = Calendar::UtcMonths;
            let month = cal.month_of(now).unwrap();
            let start = cal.start(month).unwrap();
            let end = cal.end(month).unwrap();
            prop_assert!(start <= now && now < end);
            prop_assert_eq!(cal.month_of(start).unwrap(), month);
            prop_assert_eq!(cal.month_of(end).unwrap(), month + 1);
            let len_days = (end - start) / DAY_MS;
            prop_assert!((28..=31).contains(&len_days));
            prop_assert_eq!((end - start) % DAY_MS, 0);
            let deadline = cal.submission_deadline(month).unwrap();
            prop_assert_eq!(deadline - end, 5 * DAY_MS);
            prop_assert_eq!(cal.month_of(deadline).unwrap(), month + 1);
            prop_assert_eq!(cal.phase(month, now, &WINDOWS).unwrap(), Phase::Submission);
        }

        #[test]
        fn fixed_round_trip(
            start_ms in 0u64..1_000_000_000_000,
            period_ms in 1u64..1_000_000_000,
            offset in 0u64..1_000_000_000,
            after in 0u64..1_000_000_000_000,
        ) {
            let cal = Calendar::FixedPeriods { start_ms, period_ms, deadline_offset_ms: offset };
            let now = start_ms + after;
            let month = cal.month_of(now).unwrap();
            let start = cal.start(month).unwrap();
            prop_assert!(start <= now && now < cal.end(month).unwrap());
            prop_assert_eq!(cal.end(month).unwrap() - start, period_ms);
            prop_assert_eq!(cal.submission_deadline(month).unwrap(), start + period_ms + offset);
        }
    }
}
