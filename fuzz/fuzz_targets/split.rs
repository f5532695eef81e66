//! The month's split, as the pool runs it: pool size, department totals kept up to date as
//! reviews arrive and are replaced, the frozen settlement, every member's reward, the sweep, and
//! the rank bonuses beside the pool.
//!
//! Invariants (rules::reward module docs):
//! - a settled month never promises more than it was funded: Σ slices (distributable) ≤ pool ≤
//!   funded, and distributable + carried = funded, to the unit;
//! - each department's slice is floor(pool × weight / 10,000) when it has points, else 0;
//! - Σ members' rewards per department ≤ its slice, and the rounding dust left is less than one
//!   unit per member in it; the sweep's unclaimed = distributable − Σ paid;
//! - removing a replaced review from the totals restores them exactly;
//! - combining reviews stays within the reviewers' range; percentages are at most 100%;
//! - the bonus reservation covers every rank bonus the month can owe.
//!
//! Large raw amounts must give `Err(Overflow)`, never a panic.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use rules::rank::Rank;
use rules::reward::{
    bonus_reservation, pool_size, rank_bonus_due, sum, update_totals, MonthSettlement, Totals,
};
use rules::submission::{combine_reviews, monthly_percentage_bps, passes_gate, review_spread};
use rules::{Error, BPS};
use suite_fuzz::{reviewed_points, weights, RawEntry};

#[derive(Debug, Arbitrary)]
struct Input {
    base: u128,
    step: u128,
    new_ambassadors: u32,
    carry_in: u128,
    extra_funding: u128,
    /// Shift the amounts right by this much (mod 128) so most runs use realistic sizes.
    scale: u8,
    weights: [u16; 7],
    gate_bps: u16,
    head_bonus: u64,
    senior_bonus: u64,
    members: Vec<(RawEntry, u8)>,
}

fuzz_target!(|input: Input| {
    let shift = u32::from(input.scale % 128);
    let (base, step, carry) = (
        input.base >> shift,
        input.step >> shift,
        input.carry_in >> shift,
    );
    let pool = match pool_size(base, step, input.new_ambassadors, carry) {
        Ok(pool) => pool,
        Err(e) => {
            assert_eq!(e, Error::Overflow);
            return;
        }
    };
    let growth = u128::from(input.new_ambassadors / rules::reward::AMBASSADORS_PER_STEP);
    assert_eq!(
        Some(pool),
        step.checked_mul(growth)
            .and_then(|g| g.checked_add(base))
            .and_then(|p| p.checked_add(carry))
    );
    let weights = weights(input.weights);
    let gate = u32::from(input.gate_bps) % (BPS + 1);

    // The totals as the pool keeps them: each review adds the entry's combined points; a later
    // review replaces them (take out, add back).
    let mut totals: Totals = [0; 7];
    let mut entries = Vec::new();
    for (raw, rank) in input.members.iter().take(64) {
        let Some((chosen, reviews)) = reviewed_points(raw) else {
            continue;
        };
        let mut current = None;
        for n in 1..=reviews.len() {
            let combined = combine_reviews(&reviews[..n]).expect("at least one review");
            for d in 0..7 {
                let values = reviews[..n].iter().map(|p| p.as_array()[d]);
                let (low, high) = (values.clone().min().unwrap(), values.max().unwrap());
                assert!(low <= combined.as_array()[d] && combined.as_array()[d] <= high);
                assert!(combined.as_array()[d] <= 40);
            }
            let spread = review_spread(&reviews[..n]);
            assert!(spread <= 7 * 40);
            if n == 1 {
                assert_eq!(spread, 0);
            }
            if let Some(old) = current {
                let before = totals;
                let out =
                    update_totals(&totals, &old, false).expect("its points are in the totals");
                assert_eq!(update_totals(&out, &old, true), Ok(before));
                totals = out;
            }
            totals = update_totals(&totals, &combined, true).expect("u64 totals of ≤ 64 members");
            current = Some(combined);
        }
        assert!(combine_reviews(&[]).is_none());
        if let Some(points) = current {
            let pct = monthly_percentage_bps(&points, chosen);
            assert!(pct <= BPS);
            let rank = [Rank::Candidate, Rank::Ambassador, Rank::Senior, Rank::Head]
                [usize::from(rank % 4)];
            entries.push((points, pct, rank));
        }
    }
    assert_eq!(
        totals,
        entries.iter().fold([0u64; 7], |mut t, (p, _, _)| {
            for (t, v) in t.iter_mut().zip(p.as_array()) {
                *t += u64::from(v);
            }
            t
        })
    );

    let funded = match pool.checked_add(input.extra_funding >> shift) {
        Some(funded) => funded,
        None => return,
    };
    if pool > 0 {
        assert_eq!(
            MonthSettlement::settle(pool - 1, pool, &weights, totals),
            Err(Error::Underfunded)
        );
    }
    let month = match MonthSettlement::settle(funded, pool, &weights, totals) {
        Ok(month) => month,
        Err(e) => {
            // Only a pool too large for pool × weight overflows.
            assert_eq!(e, Error::Overflow);
            assert!(pool > u128::MAX / u128::from(BPS));
            return;
        }
    };
    let distributable = month.distributable();
    assert!(distributable <= pool && pool <= funded);
    assert_eq!(distributable + month.carried, funded);
    for (d, slice) in month.slices.iter().enumerate() {
        let expected = if totals[d] > 0 {
            pool * u128::from(weights.as_array()[d]) / u128::from(BPS)
        } else {
            0
        };
        assert_eq!(*slice, expected);
    }

    // Every member claims.
    let mut paid_per_department = [0u128; 7];
    let mut members_in = [0u128; 7];
    let mut paid = 0u128;
    let mut overflowed = false;
    for (points, _, _) in &entries {
        let reward = match month.reward(points) {
            Ok(reward) => reward,
            Err(e) => {
                // Only slice × points beyond u128 (a pool near 2^122) may fail.
                assert_eq!(e, Error::Overflow);
                assert!(month.slices.iter().any(|s| s.checked_mul(40).is_none()));
                overflowed = true;
                continue;
            }
        };
        for d in 0..7 {
            paid_per_department[d] += reward[d];
            if points.as_array()[d] > 0 {
                members_in[d] += 1;
            }
        }
        paid += sum(&reward).expect("a reward is within the pool");
    }
    for d in 0..7 {
        assert!(paid_per_department[d] <= month.slices[d]);
        if !overflowed {
            // Each member's floor loses less than one unit.
            assert!(month.slices[d] - paid_per_department[d] < members_in[d].max(1));
        }
    }
    assert!(paid <= distributable);
    assert_eq!(month.unclaimed(paid), Ok(distributable - paid));
    assert_eq!(
        month.unclaimed(distributable + 1),
        Err(Error::ExceedsDistributable)
    );

    // Points never counted in the totals are refused.
    if let Some((points, _, _)) = entries.first() {
        let mut outside = month;
        outside.totals = [0; 7];
        if points.as_array().iter().any(|p| *p > 0) {
            assert_eq!(outside.reward(points), Err(Error::ExceedsDistributable));
        }
    }

    // Rank bonuses: the reservation made at finalization covers what claims can owe.
    let (head, senior) = (u128::from(input.head_bonus), u128::from(input.senior_bonus));
    let heads = entries.iter().filter(|e| e.2 == Rank::Head).count() as u32;
    let seniors = entries.iter().filter(|e| e.2 == Rank::Senior).count() as u32;
    let reserved = bonus_reservation(heads, seniors, head, senior).expect("u64 bonuses × ≤ 64");
    let owed: u128 = entries
        .iter()
        .map(|(_, pct, rank)| {
            let due = rank_bonus_due(*rank, *pct, gate, head, senior);
            if *pct == 0 || !passes_gate(*pct, gate) {
                assert_eq!(due, 0);
            }
            due
        })
        .sum();
    assert!(owed <= reserved);
});
