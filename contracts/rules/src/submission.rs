//! A member's monthly submission, a reviewer's points, the monthly percentage and the gate.

use crate::department::{Department, DepartmentSet, DEPARTMENT_COUNT};
use crate::{Error, BPS};

/// Fewest departments a submission may choose.
pub const MIN_CHOSEN: usize = 2;
/// Most departments a submission may choose.
pub const MAX_CHOSEN: usize = 3;
/// Highest effort score, and highest results score, in one department.
pub const MAX_HALF_SCORE: u8 = 20;
/// Points a department is worth: 20 for effort plus 20 for results.
pub const POINTS_PER_DEPARTMENT: u32 = 2 * MAX_HALF_SCORE as u32;

/// The largest evidence-reference limit a program may set, in bytes: room for a URL or a CID
/// with a path, small enough to keep each stored record cheap.
pub const EVIDENCE_LIMIT_MAX: u32 = 512;

/// Checks a program's evidence-reference limit: 1 to [`EVIDENCE_LIMIT_MAX`] bytes.
///
/// Errors: [`Error::EvidenceLimitOutOfRange`].
pub fn check_evidence_limit(limit: u32) -> Result<(), Error> {
    if limit == 0 || limit > EVIDENCE_LIMIT_MAX {
        Err(Error::EvidenceLimitOutOfRange)
    } else {
        Ok(())
    }
}

/// Checks a monthly percentage reported to the registry: at most 10,000 bps.
///
/// Errors: [`Error::PercentageOutOfRange`].
pub fn check_percentage(percentage_bps: u32) -> Result<(), Error> {
    crate::check_bps(percentage_bps, Error::PercentageOutOfRange)
}

/// Effort and results points in one department, each at most 20.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(
    feature = "codec",
    derive(scale::Encode, scale::Decode, scale_info::TypeInfo)
)]
#[cfg_attr(
    feature = "storage-layout",
    derive(ink::storage::traits::StorageLayout)
)]
pub struct Score {
    /// Points for effort, 0 to 20.
    pub effort: u8,
    /// Points for results, 0 to 20.
    pub results: u8,
}

impl Score {
    /// The score's points (effort + results), after checking both halves.
    ///
    /// Errors: [`Error::EffortOutOfRange`], [`Error::ResultsOutOfRange`] for a half above 20.
    pub fn points(self) -> Result<u8, Error> {
        if self.effort > MAX_HALF_SCORE {
            return Err(Error::EffortOutOfRange);
        }
        if self.results > MAX_HALF_SCORE {
            return Err(Error::ResultsOutOfRange);
        }
        Ok(self.effort.saturating_add(self.results))
    }
}

/// A member's final points for a month, per department (index = [`Department::index`]), each at
/// most 40. Built only by [`validate_review`], so the bound always holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(
    feature = "codec",
    derive(scale::Encode, scale::Decode, scale_info::TypeInfo)
)]
#[cfg_attr(
    feature = "storage-layout",
    derive(ink::storage::traits::StorageLayout)
)]
pub struct Points([u8; DEPARTMENT_COUNT]);

impl Points {
    /// Points in one department.
    pub const fn of(&self, department: Department) -> u8 {
        self.0[department as usize]
    }

    /// Points in every department, in department order.
    pub const fn as_array(&self) -> [u8; DEPARTMENT_COUNT] {
        self.0
    }

    /// Sum of the points in the departments of `set`.
    pub fn total_in(&self, set: DepartmentSet) -> u32 {
        set.iter().map(|d| u32::from(self.of(d))).sum()
    }
}

/// Checks a member's choice of departments: 2 or 3 distinct choosable departments.
///
/// Errors: [`Error::TooFewDepartments`], [`Error::TooManyDepartments`],
/// [`Error::DepartmentNotChoosable`] (Basic or Others), [`Error::DuplicateDepartment`].
pub fn validate_choice(departments: &[Department]) -> Result<DepartmentSet, Error> {
    if departments.len() < MIN_CHOSEN {
        return Err(Error::TooFewDepartments);
    }
    if departments.len() > MAX_CHOSEN {
        return Err(Error::TooManyDepartments);
    }
    let mut set = DepartmentSet::default();
    for department in departments {
        if !department.is_choosable() {
            return Err(Error::DepartmentNotChoosable);
        }
        if set.contains(*department) {
            return Err(Error::DuplicateDepartment);
        }
        set = set.with(*department);
    }
    Ok(set)
}

/// Checks an evidence reference (an IPFS CID, a URL or its hash): not empty, at most `max_len` bytes.
///
/// Errors: [`Error::EvidenceEmpty`], [`Error::EvidenceTooLong`].
pub fn validate_evidence(evidence: &[u8], max_len: u32) -> Result<(), Error> {
    if evidence.is_empty() {
        return Err(Error::EvidenceEmpty);
    }
    // A length that does not fit in u32 is certainly above any u32 maximum.
    match u32::try_from(evidence.len()) {
        Ok(len) if len <= max_len => Ok(()),
        _ => Err(Error::EvidenceTooLong),
    }
}

/// Checks a whole submission: the department choice, one suggested score per chosen department
/// (in the same order), and the evidence reference. Returns the chosen set.
///
/// Errors: those of [`validate_choice`], [`Error::ScoreCountMismatch`], those of
/// [`Score::points`], those of [`validate_evidence`].
pub fn validate_submission(
    departments: &[Department],
    suggested: &[Score],
    evidence: &[u8],
    max_evidence_len: u32,
) -> Result<DepartmentSet, Error> {
    let chosen = validate_choice(departments)?;
    if suggested.len() != departments.len() {
        return Err(Error::ScoreCountMismatch);
    }
    for score in suggested {
        score.points()?;
    }
    validate_evidence(evidence, max_evidence_len)?;
    Ok(chosen)
}

/// Checks a reviewer's scores for a member who chose `chosen`, and returns the member's points.
///
/// Reviewers may score each chosen department plus Basic and Others; a department they leave out
/// scores 0.
///
/// Errors: [`Error::DepartmentNotChosen`] for a choosable department the member did not choose,
/// [`Error::DuplicateDepartment`], and those of [`Score::points`].
pub fn validate_review(
    chosen: DepartmentSet,
    scores: &[(Department, Score)],
) -> Result<Points, Error> {
    let mut points = [0u8; DEPARTMENT_COUNT];
    let mut seen = DepartmentSet::default();
    for (department, score) in scores {
        if department.is_choosable() && !chosen.contains(*department) {
            return Err(Error::DepartmentNotChosen);
        }
        if seen.contains(*department) {
            return Err(Error::DuplicateDepartment);
        }
        seen = seen.with(*department);
        points[department.index()] = score.points()?;
    }
    Ok(Points(points))
}

/// Most reviewers one entry can take (`reviewers_per_entry` is 1 to this).
pub const MAX_REVIEWERS_PER_ENTRY: u8 = 3;

/// Checks a pool's `reviewers_per_entry`: 1 (one reviewer decides, V.4) to
/// [`MAX_REVIEWERS_PER_ENTRY`].
///
/// Errors: [`Error::ReviewersPerEntryOutOfRange`].
pub fn check_reviewers_per_entry(reviewers: u8) -> Result<(), Error> {
    if (1..=MAX_REVIEWERS_PER_ENTRY).contains(&reviewers) {
        Ok(())
    } else {
        Err(Error::ReviewersPerEntryOutOfRange)
    }
}

/// An entry's final points from its reviewers' points, department by department: the one
/// review's points, the mean of two (rounded down), the median of three. `None` before any
/// review. Each reviewer's points are bounded by [`validate_review`], so the result is too.
/// Reviews beyond three are ignored (a pool takes at most [`MAX_REVIEWERS_PER_ENTRY`]).
pub fn combine_reviews(reviews: &[Points]) -> Option<Points> {
    let mut out = [0u8; DEPARTMENT_COUNT];
    for (department, slot) in out.iter_mut().enumerate() {
        let mut values = [0u8; MAX_REVIEWERS_PER_ENTRY as usize];
        let mut count = 0usize;
        for (value, review) in values.iter_mut().zip(reviews) {
            *value = review.0[department];
            count = count.saturating_add(1);
        }
        let taken = values.get_mut(..count)?;
        crate::sort_small(taken);
        *slot = match *taken {
            [] => return None,
            [one] => one,
            // The mean, rounded down, without overflow.
            [a, b] => a.midpoint(b),
            [_, median, ..] => median,
        };
    }
    Some(Points(out))
}

/// How far an entry's reviewers disagree: the largest minus the smallest of their total points
/// (every department). 0 with fewer than two reviews. An entry whose spread exceeds the pool's
/// `disagreement_gap` is flagged for the council.
pub fn review_spread(reviews: &[Points]) -> u32 {
    let totals = reviews
        .iter()
        .map(|points| points.0.iter().map(|&p| u32::from(p)).sum::<u32>());
    let (mut low, mut high) = (u32::MAX, 0u32);
    for total in totals {
        low = low.min(total);
        high = high.max(total);
    }
    high.saturating_sub(low.min(high))
}

/// The monthly percentage used for promotion, in basis points, rounded down: the member's points
/// in its chosen departments divided by 40 × the number chosen. Basic and Others do not count.
/// A member that chose nothing (did not submit) is at 0.
pub fn monthly_percentage_bps(points: &Points, chosen: DepartmentSet) -> u32 {
    // At most 3 × 40 × 10,000: nothing here comes near u32::MAX.
    let possible = POINTS_PER_DEPARTMENT.saturating_mul(chosen.len());
    points
        .total_in(chosen)
        .saturating_mul(BPS)
        .checked_div(possible)
        .unwrap_or(0)
}

/// Whether a member at `percentage_bps` passes the optional minimum-percentage gate
/// (`gate_bps` = 0 means no gate). A member below the gate earns nothing that month.
pub fn passes_gate(percentage_bps: u32, gate_bps: u32) -> bool {
    percentage_bps >= gate_bps
}

#[cfg(test)]
mod tests {
    use super::*;
    use Department::*;

    fn points(values: [u8; DEPARTMENT_COUNT]) -> Points {
        Points(values)
    }

    #[test]
    fn reviews_combine_to_the_one_the_mean_of_two_or_the_median_of_three() {
        let a = points([10, 20, 0, 0, 0, 0, 40]);
        let b = points([15, 25, 0, 0, 0, 0, 0]);
        let c = points([40, 21, 0, 0, 0, 0, 1]);
        assert_eq!(combine_reviews(&[]), None);
        assert_eq!(combine_reviews(&[a]), Some(a));
        // Mean of two, rounded down: (10+15)/2 = 12, (20+25)/2 = 22, (40+0)/2 = 20.
        assert_eq!(
            combine_reviews(&[a, b]),
            Some(points([12, 22, 0, 0, 0, 0, 20]))
        );
        // Median of three, department by department.
        assert_eq!(
            combine_reviews(&[a, b, c]),
            Some(points([15, 21, 0, 0, 0, 0, 1]))
        );
        assert_eq!(review_spread(&[]), 0);
        assert_eq!(review_spread(&[a]), 0);
        // Totals 70, 40 and 62.
        assert_eq!(review_spread(&[a, b, c]), 30);
        assert_eq!(
            check_reviewers_per_entry(0),
            Err(Error::ReviewersPerEntryOutOfRange)
        );
        assert_eq!(check_reviewers_per_entry(1), Ok(()));
        assert_eq!(check_reviewers_per_entry(3), Ok(()));
        assert_eq!(
            check_reviewers_per_entry(4),
            Err(Error::ReviewersPerEntryOutOfRange)
        );
    }

    proptest::proptest! {
        /// The combined points do not depend on the order of the reviews and lie, in every
        /// department, between the lowest and the highest reviewer's points; the spread is the
        /// same in any order.
        #[test]
        fn combined_reviews_are_order_free_and_between_the_reviewers(
            raw in proptest::collection::vec(
                proptest::array::uniform7(0u8..=40), 1..=3usize),
        ) {
            let reviews: Vec<Points> = raw.iter().copied().map(points).collect();
            let combined = combine_reviews(&reviews).unwrap();
            let mut reversed = reviews.clone();
            reversed.reverse();
            proptest::prop_assert_eq!(combine_reviews(&reversed), Some(combined));
            proptest::prop_assert_eq!(review_spread(&reversed), review_spread(&reviews));
            for d in 0..DEPARTMENT_COUNT {
                let low = raw.iter().map(|r| r[d]).min().unwrap();
                let high = raw.iter().map(|r| r[d]).max().unwrap();
                proptest::prop_assert!(low <= combined.0[d] && combined.0[d] <= high);
            }
        }
    }

    const fn s(effort: u8, results: u8) -> Score {
        Score { effort, results }
    }

    #[test]
    fn choice_of_two_or_three_choosable_departments() {
        let set = validate_choice(&[CommunityManagement, Marketing]).unwrap();
        assert_eq!(set.len(), 2);
        let set = validate_choice(&[ContentCreation, BusinessDevelopment, TechAssistance]).unwrap();
        assert_eq!(set.len(), 3);
    }

    #[test]
    fn choice_errors() {
        assert_eq!(validate_choice(&[Marketing]), Err(Error::TooFewDepartments));
        assert_eq!(validate_choice(&[]), Err(Error::TooFewDepartments));
        assert_eq!(
            validate_choice(&[
                Marketing,
                ContentCreation,
                TechAssistance,
                BusinessDevelopment
            ]),
            Err(Error::TooManyDepartments)
        );
        assert_eq!(
            validate_choice(&[Marketing, Marketing]),
            Err(Error::DuplicateDepartment)
        );
        assert_eq!(
            validate_choice(&[Basic, Marketing]),
            Err(Error::DepartmentNotChoosable)
        );
        assert_eq!(
            validate_choice(&[Marketing, Others]),
            Err(Error::DepartmentNotChoosable)
        );
    }

    #[test]
    fn score_halves_are_bounded() {
        assert_eq!(s(20, 20).points(), Ok(40));
        assert_eq!(s(21, 0).points(), Err(Error::EffortOutOfRange));
        assert_eq!(s(0, 21).points(), Err(Error::ResultsOutOfRange));
    }

    #[test]
    fn evidence_is_bounded_and_present() {
        assert_eq!(validate_evidence(b"ipfs://cid", 10), Ok(()));
        assert_eq!(
            validate_evidence(b"ipfs://cid!", 10),
            Err(Error::EvidenceTooLong)
        );
        assert_eq!(validate_evidence(b"", 10), Err(Error::EvidenceEmpty));
    }

    #[test]
    fn submission_checks_each_part() {
        let depts = [CommunityManagement, Marketing];
        assert!(validate_submission(&depts, &[s(10, 10), s(5, 5)], b"x", 64).is_ok());
        assert_eq!(
            validate_submission(&depts, &[s(10, 10)], b"x", 64),
            Err(Error::ScoreCountMismatch)
        );
        assert_eq!(
            validate_submission(&depts, &[s(10, 10), s(25, 5)], b"x", 64),
            Err(Error::EffortOutOfRange)
        );
        assert_eq!(
            validate_submission(&depts, &[s(10, 10), s(5, 5)], &[0u8; 65], 64),
            Err(Error::EvidenceTooLong)
        );
        assert_eq!(
            validate_submission(&[Marketing], &[s(1, 1)], b"x", 64),
            Err(Error::TooFewDepartments)
        );
    }

    #[test]
    fn review_scores_chosen_plus_basic_and_others() {
        let chosen = validate_choice(&[CommunityManagement, Marketing]).unwrap();
        let points = validate_review(
            chosen,
            &[
                (Basic, s(10, 10)),
                (CommunityManagement, s(20, 15)),
                (Others, s(1, 2)),
            ],
        )
        .unwrap();
        assert_eq!(points.of(Basic), 20);
        assert_eq!(points.of(CommunityManagement), 35);
        assert_eq!(points.of(Marketing), 0);
        assert_eq!(points.of(Others), 3);
    }

    #[test]
    fn review_errors() {
        let chosen = validate_choice(&[CommunityManagement, Marketing]).unwrap();
        assert_eq!(
            validate_review(chosen, &[(TechAssistance, s(1, 1))]),
            Err(Error::DepartmentNotChosen)
        );
        assert_eq!(
            validate_review(chosen, &[(Basic, s(1, 1)), (Basic, s(2, 2))]),
            Err(Error::DuplicateDepartment)
        );
        assert_eq!(
            validate_review(chosen, &[(Marketing, s(1, 30))]),
            Err(Error::ResultsOutOfRange)
        );
    }

    #[test]
    fn percentage_counts_only_chosen_departments() {
        let chosen = validate_choice(&[CommunityManagement, Marketing]).unwrap();
        let points = validate_review(
            chosen,
            &[
                (Basic, s(20, 20)),
                (CommunityManagement, s(20, 20)),
                (Marketing, s(6, 6)),
            ],
        )
        .unwrap();
        // (40 + 12) / 80 = 65%.
        assert_eq!(monthly_percentage_bps(&points, chosen), 6_500);
        let three = validate_choice(&[CommunityManagement, Marketing, TechAssistance]).unwrap();
        // 52 / 120 = 43.33% rounded down.
        assert_eq!(monthly_percentage_bps(&points, three), 4_333);
        assert_eq!(monthly_percentage_bps(&points, DepartmentSet::default()), 0);
    }

    #[test]
    fn evidence_limit_and_percentage_bounds() {
        assert_eq!(check_evidence_limit(1), Ok(()));
        assert_eq!(check_evidence_limit(EVIDENCE_LIMIT_MAX), Ok(()));
        assert_eq!(check_evidence_limit(0), Err(Error::EvidenceLimitOutOfRange));
        assert_eq!(
            check_evidence_limit(EVIDENCE_LIMIT_MAX + 1),
            Err(Error::EvidenceLimitOutOfRange)
        );
        assert_eq!(check_percentage(10_000), Ok(()));
        assert_eq!(check_percentage(10_001), Err(Error::PercentageOutOfRange));
    }

    #[test]
    fn gate_refuses_below_minimum_only() {
        assert!(passes_gate(4_000, 4_000));
        assert!(!passes_gate(3_999, 4_000));
        assert!(passes_gate(0, 0));
    }
}
