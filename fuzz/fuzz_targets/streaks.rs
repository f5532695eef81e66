//! The streak rules against a model a program lead would keep: the list of a member's monthly
//! percentages, read backwards.
//!
//! Model (rules::rank docs, SPEC "Ranks"): a Candidate (Ambassador) is promoted one step in the
//! month its run of consecutive months at or above `to_ambassador_bps` (`to_senior_bps`), counted
//! since it reached its rank, reaches `streak_len`; Seniors and Heads are never promoted
//! automatically; a member is flagged for exit when the exit rule is on and its last
//! `streak_len` months (any rank) were all below `exit_below_bps`; a month with no score counts
//! as 0%. Also: recording n missed months in one step equals recording n months at 0%, and the
//! window of months a pool records is in order, within the finalized months and the limit, and
//! never reaches back before the member's first month in this pool.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use rules::rank::{
    months_skipped, months_to_record, record_missed_months, record_month, Rank, StreakParams,
    Streaks,
};

#[derive(Debug, Arbitrary)]
struct Input {
    params: (u16, u16, u16, u8, bool),
    rank: u8,
    /// Months in order: (missed months before it, its percentage in bps).
    months: Vec<(u8, u16)>,
    window: (Option<u32>, u32, Option<u32>, u32),
}

fn promotes(rank: Rank, params: &StreakParams) -> Option<u32> {
    match rank {
        Rank::Candidate => Some(params.to_ambassador_bps.into()),
        Rank::Ambassador => Some(params.to_senior_bps.into()),
        Rank::Senior | Rank::Head => None,
    }
}

fn trailing(history: &[u32], hit: impl Fn(u32) -> bool) -> usize {
    history.iter().rev().take_while(|p| hit(**p)).count()
}

fuzz_target!(|input: Input| {
    let (to_ambassador_bps, to_senior_bps, exit_below_bps, streak_len, exit_rule) = input.params;
    let params = StreakParams {
        to_ambassador_bps,
        to_senior_bps,
        exit_below_bps,
        streak_len,
        exit_rule,
    };
    if params.validate().is_err() {
        assert!(
            streak_len == 0
                || [to_ambassador_bps, to_senior_bps, exit_below_bps]
                    .iter()
                    .any(|t| *t == 0 || *t > 10_000)
        );
        return;
    }
    let mut rank =
        [Rank::Candidate, Rank::Ambassador, Rank::Senior, Rank::Head][usize::from(input.rank % 4)];
    let mut streaks = Streaks::default();
    // Every month's percentage so far, and those since the member reached its current rank.
    let mut history: Vec<u32> = Vec::new();
    let mut at_rank: Vec<u32> = Vec::new();
    let mut record = |rank: &mut Rank, streaks: &mut Streaks, pct: u32| {
        let outcome = record_month(*rank, *streaks, pct, &params);
        history.push(pct);
        at_rank.push(pct);
        let run = promotes(*rank, &params)
            .map(|threshold| trailing(&at_rank, |p| p >= threshold))
            .unwrap_or(0);
        let promoted = run >= usize::from(params.streak_len);
        let expected_rank = match (*rank, promoted) {
            (Rank::Candidate, true) => Rank::Ambassador,
            (Rank::Ambassador, true) => Rank::Senior,
            (r, _) => r,
        };
        assert_eq!(outcome.rank, expected_rank);
        assert_eq!(outcome.promoted_to, promoted.then_some(expected_rank));
        let low = trailing(&history, |p| p < u32::from(params.exit_below_bps));
        assert_eq!(
            outcome.exit_flagged,
            params.exit_rule && low >= usize::from(params.streak_len)
        );
        assert_eq!(usize::from(outcome.streaks.low), low.min(255));
        if promoted {
            at_rank.clear();
            assert_eq!(outcome.streaks.up, 0);
        } else {
            assert_eq!(usize::from(outcome.streaks.up), run);
        }
        *rank = outcome.rank;
        *streaks = outcome.streaks;
    };
    for (missed, pct) in input.months.iter().take(200) {
        if *missed > 0 {
            // n missed months at once = n months at 0%.
            let at_once = record_missed_months(rank, streaks, u32::from(*missed), &params);
            for _ in 0..*missed {
                record(&mut rank, &mut streaks, 0);
            }
            assert_eq!((at_once.rank, at_once.streaks), (rank, streaks));
            assert_eq!(at_once.promoted_to, None);
        }
        record(&mut rank, &mut streaks, u32::from(*pct));
    }

    // The months a pool records next.
    let (last_recorded, first_counted, last_finalized, limit) = input.window;
    let limit = limit % 64;
    let range = months_to_record(last_recorded, first_counted, last_finalized, limit);
    assert!(range.start <= range.end);
    assert!(range.end - range.start <= limit);
    if !range.is_empty() {
        assert!(range.start >= first_counted);
        assert!(last_finalized.is_some_and(|f| range.end - 1 <= f));
        if let Some(last) = last_recorded {
            assert_eq!(
                range.start,
                last + 1,
                "months are recorded in order, none skipped"
            );
            assert_eq!(months_skipped(Some(last), range.start), Ok(0));
        } else {
            assert_eq!(range.start, first_counted);
        }
    } else if limit > 0 {
        // Nothing to record only when nothing new is finalized or the gap belongs to another pool.
        let from = last_recorded.map_or(first_counted, |l| l.saturating_add(1));
        assert!(
            last_finalized.map_or(true, |f| f < from)
                || last_recorded.is_some_and(|l| l.saturating_add(1) < first_counted)
                || from == u32::MAX
        );
    }
    if let Some(last) = last_recorded {
        for m in [0, last, last.saturating_add(1), first_counted] {
            match months_skipped(Some(last), m) {
                Ok(skipped) => assert_eq!(skipped, m - last - 1),
                Err(_) => assert!(m <= last),
            }
        }
    }
});
