//! The calendar (UTC months and fixed periods), a month's windows and phases, and the pause
//! clock claim windows run on.
//!
//! Invariants (rules::calendar docs):
//! - `month_of(t) = m` exactly when `start(m) ≤ t < end(m)`; `end(m) = start(m + 1)`; months are
//!   contiguous and increasing; a UTC month is 28 to 31 days and `year_month` steps one month at
//!   a time;
//! - a month's dates are ordered: start < end ≤ deadline ≤ review end ≤ scores final ≤ claim end;
//! - its phase never goes back as time moves forward, and matches the dates it is defined by;
//! - validated windows are within their bounds; invalid ones are refused with an error;
//! - the pause clock's running time never decreases, never exceeds wall time, stands still while
//!   paused, and `wall_time_of` names a time at which the deadline is reached if nothing pauses.
//!
//! Nothing panics for any `u64` time or `u32` month: out-of-range values are `TimeOverflow`.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use rules::calendar::{
    year_month, Calendar, PauseClock, Phase, Windows, DAY_MS, MAX_CLAIM_MS, MAX_DISPUTE_MS,
    MAX_REVIEW_MS,
};
use rules::Error;

#[derive(Debug, Arbitrary)]
struct Input {
    fixed: Option<(u64, u64, u64)>,
    windows: (u64, u64, u64),
    month: u32,
    times: Vec<u64>,
    /// Pause-clock steps: (advance by, toggle pause).
    clock: Vec<(u32, bool)>,
    deadline: u64,
}

fuzz_target!(|input: Input| {
    let calendar = match input.fixed {
        None => Calendar::UtcMonths,
        Some((start_ms, period_ms, deadline_offset_ms)) => Calendar::FixedPeriods {
            start_ms,
            period_ms,
            deadline_offset_ms,
        },
    };
    if let Err(e) = calendar.validate() {
        assert_eq!(e, Error::PeriodLengthZero);
        // An invalid calendar still answers with errors, never a panic.
        let _ = calendar.month_of(input.month.into());
        let _ = calendar.start(input.month);
        return;
    }
    let (review_ms, dispute_ms, claim_ms) = input.windows;
    let windows = Windows {
        review_ms,
        dispute_ms,
        claim_ms,
    };
    match windows.validate(&calendar) {
        Ok(()) => {
            assert!(review_ms > 0 && review_ms <= MAX_REVIEW_MS);
            assert!(dispute_ms <= MAX_DISPUTE_MS && claim_ms <= MAX_CLAIM_MS && claim_ms > 0);
            if calendar == Calendar::UtcMonths {
                assert!(claim_ms >= DAY_MS);
            }
        }
        Err(e) => assert!(matches!(e, Error::WindowTooShort | Error::WindowTooLong)),
    }

    // Month boundaries.
    let m = input.month;
    if let (Ok(start), Ok(end)) = (calendar.start(m), calendar.end(m)) {
        assert!(start < end);
        assert_eq!(calendar.start(m + 1), Ok(end));
        assert_eq!(calendar.month_of(start), Ok(m));
        assert_eq!(calendar.month_of(end - 1), Ok(m));
        if m < u32::MAX - 1 {
            if let Ok(next) = calendar.month_of(end) {
                assert_eq!(next, m + 1);
            }
        }
        if m > 0 {
            assert_eq!(calendar.month_of(start - 1), Ok(m - 1));
        }
        if calendar == Calendar::UtcMonths {
            let days = (end - start) / DAY_MS;
            assert!((28..=31).contains(&days) && (end - start) % DAY_MS == 0);
            let (y, mo) = year_month(m);
            let (ny, nmo) = year_month(m + 1);
            assert!((1..=12).contains(&mo));
            assert!((ny == y && nmo == mo + 1) || (ny == y + 1 && mo == 12 && nmo == 1));
        }
        // The month's dates in order, and its phases as time moves on.
        let dates = [
            calendar.submission_deadline(m),
            calendar.review_end(m, &windows),
            calendar.scores_final(m, &windows),
            calendar.claim_end(m, &windows),
        ];
        let mut last = end;
        for date in dates.iter().flatten() {
            assert!(*date >= last);
            last = *date;
        }
        if dates.iter().all(Result::is_ok) {
            let mut times = input.times.clone();
            times.extend([start, end, last, start.saturating_sub(1)]);
            times.sort_unstable();
            let mut previous = Phase::Upcoming;
            for t in times {
                let phase = calendar
                    .phase(m, t, &windows)
                    .expect("dates are representable");
                assert!(phase >= previous);
                previous = phase;
                let [deadline, review_end, scores_final, claim_end] =
                    dates.map(|d| d.expect("checked"));
                let expected = if t < start {
                    Phase::Upcoming
                } else if t < deadline {
                    Phase::Submission
                } else if t < review_end {
                    Phase::Review
                } else if t < scores_final {
                    Phase::Dispute
                } else if t < claim_end {
                    Phase::Claim
                } else {
                    Phase::Expired
                };
                assert_eq!(phase, expected);
            }
        }
    } else {
        assert!(matches!(calendar.end(m), Err(Error::TimeOverflow)));
    }

    // Any time maps to the month containing it (or before a fixed calendar's start).
    for t in input.times.iter().copied() {
        match calendar.month_of(t) {
            Ok(id) => {
                let start = calendar
                    .start(id)
                    .expect("a month holding a u64 time starts in u64");
                assert!(start <= t);
                if let Ok(end) = calendar.end(id) {
                    assert!(t < end);
                }
                assert_eq!(calendar.first_counted_month(t), Ok(id));
            }
            Err(Error::BeforeCalendarStart) => {
                assert_eq!(calendar.first_counted_month(t), Ok(0));
            }
            Err(e) => assert_eq!(e, Error::TimeOverflow),
        }
    }

    // The pause clock.
    let mut clock = PauseClock::default();
    let mut now = input.times.first().copied().unwrap_or(0) >> 1;
    let mut running = clock.running_ms(now);
    for (advance, toggle) in input.clock.iter().take(64) {
        if *toggle {
            if clock.paused_since.is_some() {
                clock.unpause(now);
            } else {
                clock.pause(now);
            }
            assert_eq!(
                clock.running_ms(now),
                running,
                "toggling does not move the clock"
            );
        }
        let paused = clock.paused_since.is_some();
        now = now.saturating_add(u64::from(*advance));
        let after = clock.running_ms(now);
        assert!(after >= running && after <= now);
        if paused {
            assert_eq!(after, running, "a paused clock stands still");
            assert_eq!(clock.wall_time_of(input.deadline, now), None);
        } else if let Some(at) = clock.wall_time_of(input.deadline, now) {
            assert!(at >= now);
            if at < u64::MAX {
                assert!(clock.running_ms(at) >= input.deadline);
            }
        }
        running = after;
    }
});
