//! Shared input shaping for the fuzz targets: raw fuzzer values turned into the valid inputs a
//! contract would hand the rules (validated weights, a member's reviewed points), so that the
//! targets spend their time on the rules' arithmetic rather than on inputs the contracts refuse
//! before reaching it. Invalid raw inputs are still passed to the validators first: they must
//! refuse them with an error, never panic.

use arbitrary::Arbitrary;
use rules::department::{Department, Weights, DEPARTMENT_COUNT};
use rules::submission::{validate_choice, validate_review, Points, Score};
use rules::BPS;

/// Weights from raw values: the raw ones when they already sum to 10,000, otherwise the same
/// proportions scaled to 10,000 (rounding left to the last department with weight), or the V.4
/// weights when every raw value is zero.
pub fn weights(raw: [u16; DEPARTMENT_COUNT]) -> Weights {
    if let Ok(w) = Weights::new(raw) {
        return w;
    }
    let sum: u32 = raw.iter().map(|w| u32::from(*w)).sum();
    if sum == 0 {
        return Weights::v4();
    }
    let mut bps = [0u16; DEPARTMENT_COUNT];
    let mut given = 0u32;
    let mut last = 0usize;
    for (i, w) in raw.iter().enumerate() {
        let share = u32::from(*w) * BPS / sum;
        bps[i] = u16::try_from(share).expect("a share of 10,000 fits in u16");
        given += share;
        if *w > 0 {
            last = i;
        }
    }
    bps[last] += u16::try_from(BPS - given).expect("rounding is below 10,000");
    Weights::new(bps).expect("scaled weights sum to 10,000")
}

/// A reviewer's raw scores for one member: a score per department (`None` = left out).
#[derive(Debug, Clone, Arbitrary)]
pub struct RawReview(pub [Option<(u8, u8)>; DEPARTMENT_COUNT]);

/// A member's month as the fuzzer writes it: the departments it chose (indices) and its
/// reviewers' raw scores.
#[derive(Debug, Clone, Arbitrary)]
pub struct RawEntry {
    pub chosen: Vec<u8>,
    pub reviews: Vec<RawReview>,
}

/// The member's points per review, each built the way the pool builds them: the choice through
/// `validate_choice`, each review through `validate_review`. A raw value out of range goes
/// through the validator (which must refuse it) and is then folded into range, so most entries
/// still produce points. `None` when the choice itself is invalid even after folding.
pub fn reviewed_points(
    entry: &RawEntry,
) -> Option<(rules::department::DepartmentSet, Vec<Points>)> {
    let raw: Vec<Department> = entry
        .chosen
        .iter()
        .filter_map(|i| Department::from_index(*i % 8).ok())
        .collect();
    let chosen = match validate_choice(&raw) {
        Ok(set) => set,
        Err(_) => {
            // Fold to a valid choice: the first two or three distinct choosable departments.
            let mut picked: Vec<Department> = Vec::new();
            for d in raw.iter().copied().filter(|d| d.is_choosable()) {
                if !picked.contains(&d) && picked.len() < 3 {
                    picked.push(d);
                }
            }
            validate_choice(&picked).ok()?
        }
    };
    let mut reviews = Vec::new();
    for review in entry.reviews.iter().take(3) {
        let scores: Vec<(Department, Score)> = Department::ALL
            .into_iter()
            .zip(review.0)
            .filter_map(|(d, s)| s.map(|(effort, results)| (d, Score { effort, results })))
            .collect();
        let points = match validate_review(chosen, &scores) {
            Ok(points) => points,
            Err(_) => {
                let folded: Vec<(Department, Score)> = scores
                    .iter()
                    .filter(|(d, _)| !d.is_choosable() || chosen.contains(*d))
                    .map(|(d, s)| {
                        (
                            *d,
                            Score {
                                effort: s.effort % 21,
                                results: s.results % 21,
                            },
                        )
                    })
                    .collect();
                validate_review(chosen, &folded).expect("folded scores are valid")
            }
        };
        reviews.push(points);
    }
    Some((chosen, reviews))
}
