//! The review of a month's entries as a state machine over the month's phases: when a report is
//! taken (on time, or late where the program allows it), when reviewers score (any entry in the
//! review window, disputed entries only in the dispute window), where a reviewer's score goes
//! among an entry's reviews, and how the department totals follow an entry's final points.
//!
//! ```text
//! Submission ──deadline──▶ Review ──review end──▶ Dispute ──scores final──▶ Claim
//!  reports (drafts)          late reports?          disputes once            finalize
//!                            score any entry        rescore disputed only
//! ```

use crate::calendar::Phase;
use crate::reward::{update_totals, Totals};
use crate::submission::Points;
use crate::Error;

/// Whether a report filed now is taken, and how.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportWindow {
    /// The month has not started.
    NotOpen,
    /// Before the deadline: taken, and it replaces the member's earlier report (a draft).
    OnTime,
    /// After the deadline, in the review window, where the program takes late reports and the
    /// member has none yet: taken and flagged late.
    Late,
    /// Refused: after the review window, or late where the program takes no late reports, or a
    /// late report that would replace one (which a reviewer may be scoring).
    Closed,
}

/// Where a report filed in `phase` stands, for a program that takes late reports or not
/// (`late_reports`) and a member that already reported this month or not (`has_report`).
pub fn report_window(phase: Phase, late_reports: bool, has_report: bool) -> ReportWindow {
    match phase {
        Phase::Upcoming => ReportWindow::NotOpen,
        Phase::Submission => ReportWindow::OnTime,
        Phase::Review if late_reports && !has_report => ReportWindow::Late,
        _ => ReportWindow::Closed,
    }
}

/// Which entries reviewers may score now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScoringWindow {
    /// Before the deadline.
    NotOpen,
    /// The review window: any entry.
    AnyEntry,
    /// The dispute window: only entries their member disputed (a rescore answers the dispute).
    DisputedOnly,
    /// Scores are final.
    Closed,
}

/// Which entries reviewers may score in `phase`.
pub fn scoring_window(phase: Phase) -> ScoringWindow {
    match phase {
        Phase::Upcoming | Phase::Submission => ScoringWindow::NotOpen,
        Phase::Review => ScoringWindow::AnyEntry,
        Phase::Dispute => ScoringWindow::DisputedOnly,
        Phase::Claim | Phase::Expired => ScoringWindow::Closed,
    }
}

/// Where a reviewer's score goes among an entry's reviews.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    /// Replaces the review at this position: the reviewer's own, or one by a reviewer who has
    /// since been removed (so a removed reviewer's scores never lock an entry).
    Replace(usize),
    /// Added: the entry has fewer reviews than reviewers per entry.
    Append,
    /// Refused: the entry has its reviews, all from current reviewers other than this one.
    Full,
}

/// Where `reviewer`'s score goes in an entry already reviewed by `reviewers` (in order), with
/// `per_entry` reviewers per entry and `is_current` telling whether a reviewer still holds the
/// role. A reviewer's own review is replaced first; then a free slot is used; then a removed
/// reviewer's review gives way.
pub fn place_review<A: PartialEq>(
    reviewers: &[A],
    reviewer: &A,
    per_entry: u8,
    is_current: impl Fn(&A) -> bool,
) -> Placement {
    if let Some(mine) = reviewers.iter().position(|r| r == reviewer) {
        return Placement::Replace(mine);
    }
    if reviewers.len() < usize::from(per_entry) {
        return Placement::Append;
    }
    match reviewers.iter().position(|r| !is_current(r)) {
        Some(removed) => Placement::Replace(removed),
        None => Placement::Full,
    }
}

/// The department totals after an entry's final points change from `old` to `new` (either may
/// be none: not scored yet). Only that entry's difference moves the totals, so a rescore or a
/// dispute never changes what another member's points count for.
///
/// Errors: [`Error::Overflow`].
pub fn retotal(
    totals: &Totals,
    old: Option<&Points>,
    new: Option<&Points>,
) -> Result<Totals, Error> {
    let mut next = *totals;
    if let Some(old) = old {
        next = update_totals(&next, old, false)?;
    }
    if let Some(new) = new {
        next = update_totals(&next, new, true)?;
    }
    Ok(next)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::department::{Department, DepartmentSet, DEPARTMENT_COUNT};
    use crate::submission::{combine_reviews, validate_review, Score};
    use proptest::prelude::*;

    #[test]
    fn reports_are_taken_on_time_or_late_only_where_the_program_allows_it() {
        assert_eq!(
            report_window(Phase::Upcoming, true, false),
            ReportWindow::NotOpen
        );
        assert_eq!(
            report_window(Phase::Submission, false, true),
            ReportWindow::OnTime
        );
        assert_eq!(
            report_window(Phase::Review, true, false),
            ReportWindow::Late
        );
        assert_eq!(
            report_window(Phase::Review, true, true),
            ReportWindow::Closed
        );
        assert_eq!(
            report_window(Phase::Review, false, false),
            ReportWindow::Closed
        );
        assert_eq!(
            report_window(Phase::Dispute, true, false),
            ReportWindow::Closed
        );
        assert_eq!(scoring_window(Phase::Submission), ScoringWindow::NotOpen);
        assert_eq!(scoring_window(Phase::Review), ScoringWindow::AnyEntry);
        assert_eq!(scoring_window(Phase::Dispute), ScoringWindow::DisputedOnly);
        assert_eq!(scoring_window(Phase::Claim), ScoringWindow::Closed);
    }

    #[test]
    fn a_reviewer_replaces_its_own_then_fills_then_displaces_a_removed_one() {
        let all = |_: &u8| true;
        assert_eq!(place_review(&[], &1, 1, all), Placement::Append);
        assert_eq!(place_review(&[1], &1, 1, all), Placement::Replace(0));
        assert_eq!(place_review(&[1], &2, 1, all), Placement::Full);
        assert_eq!(place_review(&[1], &2, 2, all), Placement::Append);
        assert_eq!(
            place_review(&[1, 2], &3, 2, |r| *r != 1),
            Placement::Replace(0)
        );
        assert_eq!(
            place_review(&[1, 2], &2, 2, |r| *r != 2),
            Placement::Replace(1)
        );
    }

    /// Points for a member that chose Marketing and Content creation.
    fn points(marketing: u8, content: u8, basic: u8) -> Points {
        let chosen = DepartmentSet::default()
            .with(Department::Marketing)
            .with(Department::ContentCreation);
        let half = |p: u8| Score {
            effort: p / 2,
            results: p - p / 2,
        };
        validate_review(
            chosen,
            &[
                (Department::Marketing, half(marketing)),
                (Department::ContentCreation, half(content)),
                (Department::Basic, half(basic)),
            ],
        )
        .expect("valid points")
    }

    proptest! {
        /// Any sequence of scores by any reviewers on a month's entries, kept the way the pool
        /// keeps them (placement, combination, totals moved by each entry's difference), leaves
        /// the totals equal to the sum of every entry's final points computed afresh; and each
        /// score changes no other entry's final points.
        #[test]
        fn totals_always_equal_the_sum_of_the_entries_final_points(
            per_entry in 1u8..=3,
            scores in proptest::collection::vec(
                (0usize..5, 0u8..4, 0u8..=40, 0u8..=40, 0u8..=40), 1..60),
        ) {
            let mut entries: Vec<Vec<(u8, Points)>> = vec![Vec::new(); 5];
            let mut finals: Vec<Option<Points>> = vec![None; 5];
            let mut totals: Totals = [0; DEPARTMENT_COUNT];
            for (entry, reviewer, m, c, b) in scores {
                let before = finals.clone();
                let reviews = &mut entries[entry];
                let who: Vec<u8> = reviews.iter().map(|(r, _)| *r).collect();
                let review = (reviewer, points(m, c, b));
                match place_review(&who, &reviewer, per_entry, |_| true) {
                    Placement::Replace(i) => reviews[i] = review,
                    Placement::Append => reviews.push(review),
                    Placement::Full => continue,
                }
                prop_assert!(reviews.len() <= usize::from(per_entry));
                let all: Vec<Points> = reviews.iter().map(|(_, p)| *p).collect();
                let combined = combine_reviews(&all);
                totals = retotal(&totals, finals[entry].as_ref(), combined.as_ref()).unwrap();
                finals[entry] = combined;
                for other in (0..5).filter(|&o| o != entry) {
                    prop_assert_eq!(finals[other], before[other]);
                }
                let mut afresh: Totals = [0; DEPARTMENT_COUNT];
                for p in finals.iter().flatten() {
                    afresh = update_totals(&afresh, p, true).unwrap();
                }
                prop_assert_eq!(totals, afresh);
            }
        }
    }
}
