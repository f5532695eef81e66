//! The seven departments of a month, the five a member may choose, and their weights.

use crate::{Error, BPS};

/// Number of departments a month's pool is split into.
pub const DEPARTMENT_COUNT: usize = 7;

/// A department of the program. The discriminant is the index used in arrays and on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(
    feature = "codec",
    derive(scale::Encode, scale::Decode, scale_info::TypeInfo)
)]
#[cfg_attr(
    feature = "storage-layout",
    derive(ink::storage::traits::StorageLayout)
)]
pub enum Department {
    /// Basic responsibilities; scored by reviewers for everyone, never chosen.
    Basic = 0,
    /// Community management.
    CommunityManagement = 1,
    /// Marketing.
    Marketing = 2,
    /// Content creation.
    ContentCreation = 3,
    /// Business development.
    BusinessDevelopment = 4,
    /// Tech assistance.
    TechAssistance = 5,
    /// Others; scored by reviewers for everyone, never chosen.
    Others = 6,
}

impl Department {
    /// All departments in index order.
    pub const ALL: [Department; DEPARTMENT_COUNT] = [
        Department::Basic,
        Department::CommunityManagement,
        Department::Marketing,
        Department::ContentCreation,
        Department::BusinessDevelopment,
        Department::TechAssistance,
        Department::Others,
    ];

    /// The department's index in `0..7`.
    pub const fn index(self) -> usize {
        self as usize
    }

    /// The department at `index`.
    ///
    /// Errors: [`Error::UnknownDepartment`] when `index >= 7`.
    pub fn from_index(index: u8) -> Result<Self, Error> {
        Self::ALL
            .get(usize::from(index))
            .copied()
            .ok_or(Error::UnknownDepartment)
    }

    /// Whether a member may choose this department in a submission (CM, MK, CC, BD, Tech).
    /// Basic and Others are scored for everyone and never count toward the two-to-three choice.
    pub const fn is_choosable(self) -> bool {
        !matches!(self, Department::Basic | Department::Others)
    }
}

/// A set of departments, kept as a bit mask (bit `i` = department with index `i`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(
    feature = "codec",
    derive(scale::Encode, scale::Decode, scale_info::TypeInfo)
)]
#[cfg_attr(
    feature = "storage-layout",
    derive(ink::storage::traits::StorageLayout)
)]
pub struct DepartmentSet(pub u8);

impl DepartmentSet {
    /// Whether `department` is in the set.
    pub const fn contains(self, department: Department) -> bool {
        self.0 & (1 << department as u8) != 0
    }

    /// The set with `department` added.
    pub const fn with(self, department: Department) -> Self {
        Self(self.0 | (1 << department as u8))
    }

    /// Number of departments in the set.
    pub const fn len(self) -> u32 {
        self.0.count_ones()
    }

    /// Whether the set is empty.
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The departments of the set in index order.
    pub fn iter(self) -> impl Iterator<Item = Department> {
        Department::ALL
            .into_iter()
            .filter(move |d| self.contains(*d))
    }
}

/// The share of the pool each department receives, in basis points, indexed by [`Department`].
///
/// Invariant: the weights sum to exactly 10,000 ([`Weights::new`] checks it), so the slices never
/// exceed the pool.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(
    feature = "codec",
    derive(scale::Encode, scale::Decode, scale_info::TypeInfo)
)]
#[cfg_attr(
    feature = "storage-layout",
    derive(ink::storage::traits::StorageLayout)
)]
pub struct Weights([u16; DEPARTMENT_COUNT]);

impl Weights {
    /// Weights in department order (Basic, CM, MK, CC, BD, Tech, Others).
    ///
    /// Errors: [`Error::WeightsDoNotSumToWhole`] unless they sum to exactly 10,000.
    pub fn new(bps: [u16; DEPARTMENT_COUNT]) -> Result<Self, Error> {
        let sum: u32 = bps.iter().map(|w| u32::from(*w)).sum();
        if sum == BPS {
            Ok(Self(bps))
        } else {
            Err(Error::WeightsDoNotSumToWhole)
        }
    }

    /// The V.4 program's weights: Basic 10%, CM 25%, MK 20%, CC 20%, BD 10%, Tech 10%, Others 5%.
    pub const fn v4() -> Self {
        Self([1_000, 2_500, 2_000, 2_000, 1_000, 1_000, 500])
    }

    /// The weight of one department in basis points.
    pub const fn of(&self, department: Department) -> u16 {
        self.0[department as usize]
    }

    /// All weights in department order.
    pub const fn as_array(&self) -> [u16; DEPARTMENT_COUNT] {
        self.0
    }
}

impl Default for Weights {
    fn default() -> Self {
        Self::v4()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn v4_weights_sum_to_whole() {
        assert_eq!(Weights::new(Weights::v4().as_array()), Ok(Weights::v4()));
        assert_eq!(Weights::v4().of(Department::CommunityManagement), 2_500);
        assert_eq!(Weights::v4().of(Department::Others), 500);
    }

    #[test]
    fn weights_must_sum_to_exactly_whole() {
        assert_eq!(
            Weights::new([1_000, 2_500, 2_000, 2_000, 1_000, 1_000, 499]),
            Err(Error::WeightsDoNotSumToWhole)
        );
        assert_eq!(
            Weights::new([1_000, 2_500, 2_000, 2_000, 1_000, 1_000, 501]),
            Err(Error::WeightsDoNotSumToWhole)
        );
        // No overflow even with extreme entries.
        assert_eq!(
            Weights::new([u16::MAX; 7]),
            Err(Error::WeightsDoNotSumToWhole)
        );
        assert!(Weights::new([10_000, 0, 0, 0, 0, 0, 0]).is_ok());
    }

    #[test]
    fn five_departments_are_choosable() {
        let choosable: alloc::vec::Vec<_> = Department::ALL
            .into_iter()
            .filter(|d| d.is_choosable())
            .collect();
        assert_eq!(choosable.len(), 5);
        assert!(!Department::Basic.is_choosable());
        assert!(!Department::Others.is_choosable());
    }

    #[test]
    fn index_round_trips_and_rejects_unknown() {
        for d in Department::ALL {
            assert_eq!(Department::from_index(d.index() as u8), Ok(d));
        }
        assert_eq!(Department::from_index(7), Err(Error::UnknownDepartment));
    }

    #[test]
    fn set_tracks_members() {
        let set = DepartmentSet::default()
            .with(Department::Marketing)
            .with(Department::TechAssistance);
        assert_eq!(set.len(), 2);
        assert!(set.contains(Department::Marketing));
        assert!(!set.contains(Department::Basic));
        assert_eq!(
            set.iter().collect::<alloc::vec::Vec<_>>(),
            [Department::Marketing, Department::TechAssistance]
        );
        assert!(DepartmentSet::default().is_empty());
    }
}
