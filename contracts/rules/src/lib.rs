//! Every rule of the contributor-rewards program, in plain Rust.
//!
//! The ink! contracts of the suite (registry, reward pool, bounty, governor) are thin shells around
//! this crate: they hold storage, check who is calling, emit events and make cross-contract calls;
//! every formula and every state transition of SPEC.md lives here, where it is unit- and
//! property-tested without a chain. Nothing here depends on ink!'s environment (the optional
//! `storage-layout` feature only derives a metadata trait), which keeps a move to ink! 6 and
//! pallet-revive mechanical.
//!
//! # Invariants the crate guarantees
//! - Balances are `u128` in the chain's smallest unit; there is no floating point, and every
//!   operation that can overflow is checked and returns [`Error::Overflow`] (or
//!   [`Error::TimeOverflow`] for timestamps) instead of wrapping or panicking.
//! - A month's split never pays more than its pool: for any points, the rewards of all members plus
//!   what carries forward equal the pool exactly ([`reward::MonthSettlement`]).
//! - A bounty never spends above a budget line's cap nor above what approved milestones unlocked,
//!   and closing it pays out exactly what was funded ([`bounty`]).
//! - A council always satisfies `0 < threshold <= size <= max` ([`council`]).
//!
//! # Map
//! - [`rank`]: ranks, member status transitions, the Head cap and the month-by-month streak rules.
//! - [`department`]: the seven departments, the five choosable ones and the weights.
//! - [`submission`]: validation of a monthly submission and of a reviewer's points, the monthly
//!   percentage and the minimum-percentage gate.
//! - [`calendar`]: UTC calendar months or fixed-length periods, deadlines and windows.
//! - [`reward`]: pool size, department slices, a member's reward and what carries forward.
//! - [`bounty`]: proposal shape, budget lines, milestones, unlocked amounts, awards and the close.
//! - [`council`]: council invariants and the governor's proposal states.
#![cfg_attr(not(any(feature = "std", test)), no_std)]
#![deny(missing_docs)]
// cargo-contract lints contracts and their path dependencies with these; keep them on here too.
#![cfg_attr(
    not(test),
    deny(
        clippy::arithmetic_side_effects,
        clippy::cast_possible_truncation,
        clippy::cast_possible_wrap,
        clippy::cast_sign_loss
    )
)]

extern crate alloc;

pub mod bounty;
pub mod calendar;
pub mod council;
pub mod department;
mod error;
pub mod rank;
pub mod review;
pub mod reward;
pub mod submission;

pub use error::Error;

/// Basis points in a whole: 10,000 bps = 100%.
pub const BPS: u32 = 10_000;

/// Checks that a basis-point value is at most 10,000.
///
/// Returns `err` when it is not; callers pass the variant that names the parameter.
pub fn check_bps(value: u32, err: Error) -> Result<(), Error> {
    if value > BPS {
        Err(err)
    } else {
        Ok(())
    }
}

/// The value in force for `month` among `count` versions kept oldest first as `(first month it
/// applies to, value)` and read by `get(index)`: the newest version whose first month is not after
/// `month`. This is the rule "a month keeps the parameters in force when it opened" (the pool's
/// configuration, the registry's streak parameters). It walks back from the newest version, so a
/// current month costs one read; versions are governance's rare changes. `None` when no version
/// applies.
pub fn in_force<T>(count: u32, month: u32, get: impl Fn(u32) -> Option<(u32, T)>) -> Option<T> {
    let mut index = count;
    while let Some(i) = index.checked_sub(1) {
        if let Some((from, value)) = get(i) {
            if from <= month {
                return Some(value);
            }
        }
        index = i;
    }
    None
}

/// `floor(amount * numerator / denominator)` with every step checked.
///
/// Returns [`Error::Overflow`] when `amount * numerator` does not fit in a `u128` and
/// [`Error::DivisionByZero`] when `denominator` is zero.
pub fn mul_div(amount: u128, numerator: u128, denominator: u128) -> Result<u128, Error> {
    amount
        .checked_mul(numerator)
        .ok_or(Error::Overflow)?
        .checked_div(denominator)
        .ok_or(Error::DivisionByZero)
}

/// Sorts a short slice (a claim's months, an entry's reviews) in place, ascending: an insertion
/// sort. The core library's sorts are built for long slices and cost a contract kilobytes of
/// code per element type (issue 20, measured); every list a contract sorts holds at most a few
/// dozen items, where this is as fast.
pub fn sort_small<T: Ord + Copy>(items: &mut [T]) {
    for end in 1..items.len() {
        let mut i = end;
        while let Some(before) = i.checked_sub(1) {
            if items[before] <= items[i] {
                break;
            }
            items.swap(before, i);
            i = before;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn sort_small_sorts_like_the_core_sort(mut items in proptest::collection::vec(any::<u16>(), 0..40)) {
            let mut expected = items.clone();
            expected.sort_unstable();
            sort_small(&mut items);
            prop_assert_eq!(items, expected);
        }
    }

    #[test]
    fn check_bps_accepts_up_to_a_whole() {
        assert_eq!(check_bps(10_000, Error::GateOutOfRange), Ok(()));
        assert_eq!(
            check_bps(10_001, Error::GateOutOfRange),
            Err(Error::GateOutOfRange)
        );
    }

    #[test]
    fn the_newest_version_not_after_the_month_is_in_force() {
        let versions = [(0u32, 'a'), (5, 'b'), (9, 'c')];
        let get = |i: u32| versions.get(i as usize).copied();
        assert_eq!(in_force(3, 0, get), Some('a'));
        assert_eq!(in_force(3, 4, get), Some('a'));
        assert_eq!(in_force(3, 5, get), Some('b'));
        assert_eq!(in_force(3, 100, get), Some('c'));
        assert_eq!(in_force(2, 100, get), Some('b'));
        assert_eq!(in_force(0, 100, get), None);
        let later = [(3u32, 'x')];
        assert_eq!(
            in_force(1, 2, |i: u32| later.get(i as usize).copied()),
            None
        );
    }

    #[test]
    fn mul_div_rounds_down_and_checks() {
        assert_eq!(mul_div(10, 1, 3), Ok(3));
        assert_eq!(mul_div(u128::MAX, 2, 3), Err(Error::Overflow));
        assert_eq!(mul_div(1, 1, 0), Err(Error::DivisionByZero));
    }
}
