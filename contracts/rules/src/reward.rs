//! The month's pool: its size, the department slices, each member's reward, what carries forward
//! and the rank bonuses paid beside it.
//!
//! # How a month is split
//! 1. The pool size is `base + step × floor(new Ambassadors / 5) + carry-in` ([`pool_size`]).
//!    The month must be funded with at least that much ([`MonthSettlement::settle`]).
//! 2. Each department with points gets a slice `floor(pool × weight / 10,000)`.
//! 3. A member's reward from a department is `floor(its points × slice / all points there)`; its
//!    reward is the sum over departments ([`MonthSettlement::reward`]).
//! 4. What no slice takes (slices of departments without points, slice rounding, funding above the
//!    pool size) carries forward at finalization ([`MonthSettlement::carried`]); what members do not
//!    claim, member rounding dust included, carries forward when the claim window is swept
//!    ([`MonthSettlement::unclaimed`]).
//!
//! Finalization therefore needs only the department totals, kept up to date as reviewers score;
//! it never looks at a member. The optional minimum gate is applied when a member claims: a
//! member below it is paid nothing, and its share stays in the month until the sweep carries it
//! forward. Keeping gated points in the totals is what lets the gate be frozen at finalization
//! without revisiting any member.
//!
//! Rank bonuses are paid beside the pool from a separate reserve. Finalization sets aside
//! [`bonus_reservation`] for every Head and Senior that submitted, so that a claim never finds
//! the reserve short.

use crate::department::{Department, Weights, DEPARTMENT_COUNT};
use crate::rank::Rank;
use crate::submission::Points;
use crate::{mul_div, Error, BPS};

/// Each this many first-time Ambassadors grow the pool by one step.
pub const AMBASSADORS_PER_STEP: u32 = 5;

/// Sum of all members' points per department, in department order.
pub type Totals = [u64; DEPARTMENT_COUNT];

/// An amount per department, in department order.
pub type PerDepartment = [u128; DEPARTMENT_COUNT];

/// The pool size of a month: `base + step × floor(new_ambassadors / 5) + carry_in`, where
/// `carry_in` is everything added to the month beside governance's funding: what earlier months
/// carried forward and what bounty budget lines fed into it (SPEC: base + growth + carry-in +
/// feeds).
///
/// Errors: [`Error::Overflow`].
pub fn pool_size(
    base: u128,
    step: u128,
    new_ambassadors: u32,
    carry_in: u128,
) -> Result<u128, Error> {
    step.checked_mul(u128::from(new_ambassadors / AMBASSADORS_PER_STEP))
        .and_then(|growth| growth.checked_add(base))
        .and_then(|pool| pool.checked_add(carry_in))
        .ok_or(Error::Overflow)
}

/// The monthly rank bonus a member earns outside the pool: `head` for a Head, `senior` for a
/// Senior, nothing below.
pub fn rank_bonus(rank: Rank, head: u128, senior: u128) -> u128 {
    match rank {
        Rank::Head => head,
        Rank::Senior => senior,
        Rank::Candidate | Rank::Ambassador => 0,
    }
}

/// The rank bonus a member's month earns: its rank's bonus ([`rank_bonus`]) when the month
/// counts, nothing otherwise. A month counts when the member's percentage is above zero and
/// passes the gate: a Head or Senior whose report nobody scored, or scored zero, did not do the
/// month's work and is not paid for its rank.
pub fn rank_bonus_due(
    rank: Rank,
    percentage_bps: u32,
    gate_bps: u32,
    head: u128,
    senior: u128,
) -> u128 {
    if percentage_bps == 0 || !crate::submission::passes_gate(percentage_bps, gate_bps) {
        return 0;
    }
    rank_bonus(rank, head, senior)
}

/// What a month's rank bonuses can cost at most: `heads × head + seniors × senior`, for the Heads
/// and Seniors that submitted that month.
///
/// Errors: [`Error::Overflow`].
pub fn bonus_reservation(
    heads: u32,
    seniors: u32,
    head: u128,
    senior: u128,
) -> Result<u128, Error> {
    let heads = head.checked_mul(u128::from(heads));
    let seniors = senior.checked_mul(u128::from(seniors));
    heads
        .zip(seniors)
        .and_then(|(h, s)| h.checked_add(s))
        .ok_or(Error::Overflow)
}

/// How many months' claimed marks one of a member's claimed words holds (a `u128`, one bit per
/// month id).
pub const CLAIM_MARKS_PER_WORD: u32 = 128;

/// Where month `month`'s claimed mark sits among a member's claimed words: the word's index and
/// the month's bit in it. Up to 128 consecutive month ids (ten years of months) share one word, so
/// a claim of several months reads and writes one word instead of rewriting an entry per month
/// (issue 20: a further month in a claim cost more than half a transfer). Distinct months have
/// distinct marks.
pub const fn claim_mark(month: u32) -> (u32, u128) {
    (
        month / CLAIM_MARKS_PER_WORD,
        1u128 << (month % CLAIM_MARKS_PER_WORD),
    )
}

/// Adds a member's points to the department totals (`add = true`) or takes them out (`false`,
/// when a later score replaces an earlier one).
///
/// Errors: [`Error::Overflow`] when adding overflows or taking out goes below zero.
pub fn update_totals(totals: &Totals, points: &Points, add: bool) -> Result<Totals, Error> {
    let mut next = *totals;
    for (total, p) in next.iter_mut().zip(points.as_array()) {
        let p = u64::from(p);
        *total = if add {
            total.checked_add(p)
        } else {
            total.checked_sub(p)
        }
        .ok_or(Error::Overflow)?;
    }
    Ok(next)
}

/// A finalized month, frozen: everything a claim needs to compute a member's share on demand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(
    feature = "codec",
    derive(scale::Encode, scale::Decode, scale_info::TypeInfo)
)]
#[cfg_attr(
    feature = "storage-layout",
    derive(ink::storage::traits::StorageLayout)
)]
pub struct MonthSettlement {
    /// The pool size the month was split by.
    pub pool: u128,
    /// Each department's slice; zero for departments without points.
    pub slices: PerDepartment,
    /// Everyone's points per department, frozen.
    pub totals: Totals,
    /// Funding not given to any slice; carries forward at finalization.
    pub carried: u128,
}

impl MonthSettlement {
    /// Freezes a month funded with `funded` whose pool size is `pool`.
    ///
    /// Errors: [`Error::Underfunded`] when `funded < pool`; [`Error::Overflow`].
    pub fn settle(
        funded: u128,
        pool: u128,
        weights: &Weights,
        totals: Totals,
    ) -> Result<Self, Error> {
        if funded < pool {
            return Err(Error::Underfunded);
        }
        let mut slices = [0u128; DEPARTMENT_COUNT];
        let mut distributable: u128 = 0;
        for department in Department::ALL {
            let i = department.index();
            if totals[i] > 0 {
                slices[i] = mul_div(pool, u128::from(weights.of(department)), u128::from(BPS))?;
                distributable = distributable
                    .checked_add(slices[i])
                    .ok_or(Error::Overflow)?;
            }
        }
        // Weights sum to 10,000, so the slices never exceed the pool, nor the funding.
        let carried = funded.checked_sub(distributable).ok_or(Error::Overflow)?;
        Ok(Self {
            pool,
            slices,
            totals,
            carried,
        })
    }

    /// What the slices hold together: the most the month's members can be paid.
    pub fn distributable(&self) -> u128 {
        // Each slice is at most pool × weight / 10,000 and the weights sum to 10,000.
        self.slices
            .iter()
            .fold(0u128, |sum, s| sum.saturating_add(*s))
    }

    /// A member's reward per department for `points`, rounded down in each department.
    /// A member outside the totals (not scored, or below the gate) must be passed zero points.
    ///
    /// Errors: [`Error::ExceedsDistributable`] when the points exceed a department's total (they
    /// were never counted in it); [`Error::Overflow`].
    pub fn reward(&self, points: &Points) -> Result<PerDepartment, Error> {
        let mut out = [0u128; DEPARTMENT_COUNT];
        for (i, p) in points.as_array().into_iter().enumerate() {
            let p = u64::from(p);
            if p == 0 {
                continue;
            }
            if p > self.totals[i] {
                return Err(Error::ExceedsDistributable);
            }
            out[i] = mul_div(self.slices[i], u128::from(p), u128::from(self.totals[i]))?;
        }
        Ok(out)
    }

    /// What is left for the sweep once `paid` has been claimed: unclaimed rewards plus member
    /// rounding dust.
    ///
    /// Errors: [`Error::ExceedsDistributable`] when `paid` is above [`Self::distributable`].
    pub fn unclaimed(&self, paid: u128) -> Result<u128, Error> {
        self.distributable()
            .checked_sub(paid)
            .ok_or(Error::ExceedsDistributable)
    }
}

/// The sum of a per-department amount.
///
/// Errors: [`Error::Overflow`].
pub fn sum(amounts: &PerDepartment) -> Result<u128, Error> {
    amounts
        .iter()
        .try_fold(0u128, |acc, a| acc.checked_add(*a))
        .ok_or(Error::Overflow)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::department::DepartmentSet;
    use crate::submission::{validate_review, Score};
    use alloc::vec::Vec;
    use proptest::prelude::*;

    const PHA: u128 = 1_000_000_000_000;

    #[test]
    fn claim_marks_are_distinct_and_a_word_holds_128_months() {
        assert_eq!(claim_mark(0), (0, 1));
        assert_eq!(claim_mark(127), (0, 1 << 127));
        assert_eq!(claim_mark(128), (1, 1));
        assert_eq!(claim_mark(u32::MAX), (u32::MAX / 128, 1 << 127));
        let mut seen = alloc::collections::BTreeSet::new();
        for month in (0..300).chain(u32::MAX - 300..=u32::MAX) {
            let (word, bit) = claim_mark(month);
            assert_eq!(bit.count_ones(), 1, "month {month}");
            assert!(seen.insert((word, bit)), "month {month} shares a mark");
        }
    }

    #[test]
    fn rank_bonus_needs_a_scored_month_that_passes_the_gate() {
        let (head, senior) = (4_000 * PHA, 2_000 * PHA);
        assert_eq!(rank_bonus_due(Rank::Head, 5_000, 0, head, senior), head);
        assert_eq!(rank_bonus_due(Rank::Senior, 1, 0, head, senior), senior);
        assert_eq!(rank_bonus_due(Rank::Head, 0, 0, head, senior), 0);
        assert_eq!(rank_bonus_due(Rank::Senior, 3_999, 4_000, head, senior), 0);
        assert_eq!(
            rank_bonus_due(Rank::Senior, 4_000, 4_000, head, senior),
            senior
        );
        assert_eq!(rank_bonus_due(Rank::Ambassador, 10_000, 0, head, senior), 0);
    }

    /// Points for a member who may be scored in every department.
    fn points(p: [u8; DEPARTMENT_COUNT]) -> Points {
        let all = DepartmentSet(0b111_1111);
        let scores: Vec<_> = Department::ALL
            .into_iter()
            .map(|d| {
                let v = p[d.index()];
                (
                    d,
                    Score {
                        effort: v / 2,
                        results: v - v / 2,
                    },
                )
            })
            .collect();
        validate_review(all, &scores).unwrap()
    }

    fn totals_of(members: &[Points]) -> Totals {
        members.iter().fold([0; DEPARTMENT_COUNT], |t, p| {
            update_totals(&t, p, true).unwrap()
        })
    }

    #[test]
    fn pool_grows_by_a_step_per_five_new_ambassadors() {
        let base = 84_000 * PHA;
        let step = 21_000 * PHA;
        assert_eq!(pool_size(base, step, 0, 0), Ok(base));
        assert_eq!(pool_size(base, step, 4, 0), Ok(base));
        assert_eq!(pool_size(base, step, 5, 0), Ok(105_000 * PHA));
        assert_eq!(pool_size(base, step, 12, 7), Ok(126_000 * PHA + 7));
        assert_eq!(pool_size(u128::MAX, 1, 5, 0), Err(Error::Overflow));
        assert_eq!(pool_size(0, u128::MAX, 10, 0), Err(Error::Overflow));
        assert_eq!(pool_size(u128::MAX, 0, 0, 1), Err(Error::Overflow));
    }

    #[test]
    fn rank_bonuses() {
        assert_eq!(rank_bonus(Rank::Head, 4_000, 2_000), 4_000);
        assert_eq!(rank_bonus(Rank::Senior, 4_000, 2_000), 2_000);
        assert_eq!(rank_bonus(Rank::Ambassador, 4_000, 2_000), 0);
        assert_eq!(rank_bonus(Rank::Candidate, 4_000, 2_000), 0);
    }

    #[test]
    fn bonus_reservation_covers_heads_and_seniors() {
        assert_eq!(
            bonus_reservation(1, 7, 4_000 * PHA, 2_000 * PHA),
            Ok(18_000 * PHA)
        );
        assert_eq!(bonus_reservation(0, 0, 4_000, 2_000), Ok(0));
        assert_eq!(bonus_reservation(2, 0, u128::MAX, 0), Err(Error::Overflow));
        assert_eq!(bonus_reservation(1, 1, u128::MAX, 1), Err(Error::Overflow));
    }

    #[test]
    fn v4_month_split_by_hand() {
        // Two members; only Basic, CM and Others have points: MK, CC, BD, Tech carry forward.
        let a = points([20, 30, 0, 0, 0, 0, 10]);
        let b = points([20, 10, 0, 0, 0, 0, 0]);
        let pool = 84_000 * PHA;
        let m = MonthSettlement::settle(pool, pool, &Weights::v4(), totals_of(&[a, b])).unwrap();
        assert_eq!(m.slices[0], 8_400 * PHA);
        assert_eq!(m.slices[1], 21_000 * PHA);
        assert_eq!(m.slices[2], 0);
        assert_eq!(m.slices[6], 4_200 * PHA);
        // MK 16,800 + CC 16,800 + BD 8,400 + Tech 8,400 carry.
        assert_eq!(m.carried, 50_400 * PHA);
        let ra = m.reward(&a).unwrap();
        assert_eq!(ra, [4_200 * PHA, 15_750 * PHA, 0, 0, 0, 0, 4_200 * PHA]);
        let rb = m.reward(&b).unwrap();
        assert_eq!(sum(&rb), Ok(4_200 * PHA + 5_250 * PHA));
        let paid = sum(&ra).unwrap() + sum(&rb).unwrap();
        assert_eq!(m.unclaimed(paid), Ok(0));
        assert_eq!(m.unclaimed(paid + 1), Err(Error::ExceedsDistributable));
    }

    #[test]
    fn rounding_dust_stays_in_the_month() {
        let one = points([1, 0, 0, 0, 0, 0, 0]);
        let weights = Weights::new([10_000, 0, 0, 0, 0, 0, 0]).unwrap();
        let m = MonthSettlement::settle(10, 10, &weights, totals_of(&[one, one, one])).unwrap();
        assert_eq!(m.reward(&one).unwrap()[0], 3);
        assert_eq!(m.unclaimed(9), Ok(1));
    }

    #[test]
    fn underfunded_month_is_refused_and_excess_carries() {
        let a = points([10, 10, 10, 10, 10, 10, 10]);
        assert_eq!(
            MonthSettlement::settle(99, 100, &Weights::v4(), totals_of(&[a])),
            Err(Error::Underfunded)
        );
        let m = MonthSettlement::settle(150, 100, &Weights::v4(), totals_of(&[a])).unwrap();
        assert_eq!(m.carried, 50);
        assert_eq!(m.distributable(), 100);
    }

    #[test]
    fn month_without_points_carries_everything() {
        let m = MonthSettlement::settle(500, 500, &Weights::v4(), [0; DEPARTMENT_COUNT]).unwrap();
        assert_eq!(m.carried, 500);
        assert_eq!(m.distributable(), 0);
        assert_eq!(m.reward(&Points::default()), Ok([0; DEPARTMENT_COUNT]));
    }

    #[test]
    fn points_outside_the_totals_are_refused() {
        let a = points([10, 0, 0, 0, 0, 0, 0]);
        let b = points([20, 0, 0, 0, 0, 0, 0]);
        let m = MonthSettlement::settle(100, 100, &Weights::v4(), totals_of(&[a])).unwrap();
        assert_eq!(m.reward(&b), Err(Error::ExceedsDistributable));
    }

    #[test]
    fn totals_update_and_replace() {
        let a = points([10, 20, 0, 0, 0, 0, 0]);
        let b = points([5, 0, 0, 0, 0, 0, 40]);
        let t = totals_of(&[a, b]);
        assert_eq!(t, [15, 20, 0, 0, 0, 0, 40]);
        assert_eq!(update_totals(&t, &a, false), Ok([5, 0, 0, 0, 0, 0, 40]));
        assert_eq!(
            update_totals(&[0; DEPARTMENT_COUNT], &a, false),
            Err(Error::Overflow)
        );
        assert_eq!(
            update_totals(&[u64::MAX; DEPARTMENT_COUNT], &a, true),
            Err(Error::Overflow)
        );
    }

    #[test]
    fn overflowing_sum_is_an_error() {
        assert_eq!(sum(&[u128::MAX, 1, 0, 0, 0, 0, 0]), Err(Error::Overflow));
    }

    fn weights_strategy() -> impl Strategy<Value = Weights> {
        proptest::collection::vec(0u16..=10_000, DEPARTMENT_COUNT - 1).prop_map(|mut cuts| {
            cuts.sort_unstable();
            let mut w = [0u16; DEPARTMENT_COUNT];
            let mut prev = 0;
            for (i, c) in cuts.iter().enumerate() {
                w[i] = c - prev;
                prev = *c;
            }
            w[DEPARTMENT_COUNT - 1] = 10_000 - prev;
            Weights::new(w).unwrap()
        })
    }

    fn member_strategy() -> impl Strategy<Value = Points> {
        // A third of the departments left at zero, as most members choose 2 or 3.
        proptest::array::uniform7(prop_oneof![Just(0u8), 0u8..=40]).prop_map(points)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn split_is_exact_and_bounded(
            members in proptest::collection::vec(member_strategy(), 1..=1_000),
            weights in weights_strategy(),
            pool in 0u128..=1_000_000_000_000_000_000_000_000_000_000u128,
            extra in 0u128..=1_000_000_000_000u128,
        ) {
            let totals = totals_of(&members);
            let m = MonthSettlement::settle(pool + extra, pool, &weights, totals).unwrap();
            let mut per_dept = [0u128; DEPARTMENT_COUNT];
            let mut paid = 0u128;
            for p in &members {
                let r = m.reward(p).unwrap();
                for i in 0..DEPARTMENT_COUNT {
                    // A member's reward from a department never exceeds that slice.
                    prop_assert!(r[i] <= m.slices[i]);
                    // Zero points earn zero.
                    if p.as_array()[i] == 0 { prop_assert_eq!(r[i], 0); }
                    per_dept[i] += r[i];
                }
                paid += sum(&r).unwrap();
            }
            for (paid_here, slice) in per_dept.iter().zip(m.slices) {
                prop_assert!(*paid_here <= slice);
                // Each member loses less than one unit to rounding in each department.
                prop_assert!(slice - paid_here < members.len() as u128 || slice == 0);
            }
            // Σ rewards + carried = everything funded, to the unit.
            let dust = m.unclaimed(paid).unwrap();
            prop_assert_eq!(paid + dust + m.carried, pool + extra);
            prop_assert!(m.distributable() <= pool);
        }

        #[test]
        fn own_points_rising_never_lowers_the_reward(
            others in proptest::collection::vec(member_strategy(), 0..50),
            mine in proptest::array::uniform7(0u8..40),
            dept in 0usize..DEPARTMENT_COUNT,
            weights in weights_strategy(),
            pool in 0u128..=1_000_000_000_000_000_000_000_000_000_000u128,
        ) {
            let before = points(mine);
            let mut raised = mine;
            raised[dept] += 1;
            let after = points(raised);
            let reward_of = |me: Points| {
                let mut all = others.clone();
                all.push(me);
                let m = MonthSettlement::settle(pool, pool, &weights, totals_of(&all)).unwrap();
                sum(&m.reward(&me).unwrap()).unwrap()
            };
            prop_assert!(reward_of(after) >= reward_of(before));
        }
    }
}
