/// Why a rule refused its input. One variant per thing the caller got wrong.
///
/// Contracts map these to their own error enums (or carry them) so that every failure a user sees
/// names its cause.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(
    feature = "codec",
    derive(scale::Encode, scale::Decode, scale_info::TypeInfo)
)]
pub enum Error {
    /// An amount or count would overflow its integer type.
    Overflow,
    /// A division by zero was asked for (a zero denominator reached [`crate::mul_div`]).
    DivisionByZero,
    /// A timestamp computation would leave the `u64` millisecond range.
    TimeOverflow,

    // Departments and weights.
    /// A department index is not one of the seven departments.
    UnknownDepartment,
    /// Department weights do not sum to exactly 10,000 basis points.
    WeightsDoNotSumToWhole,

    // Submissions and reviews.
    /// Fewer than two departments were chosen.
    TooFewDepartments,
    /// More than three departments were chosen.
    TooManyDepartments,
    /// The same department appears twice.
    DuplicateDepartment,
    /// A chosen department is not one of the five choosable ones (CM, MK, CC, BD, Tech).
    DepartmentNotChoosable,
    /// A reviewer scored a department the member did not choose (other than Basic and Others).
    DepartmentNotChosen,
    /// The number of suggested scores differs from the number of chosen departments.
    ScoreCountMismatch,
    /// An effort score is above 20.
    EffortOutOfRange,
    /// A results score is above 20.
    ResultsOutOfRange,
    /// The evidence reference is empty.
    EvidenceEmpty,
    /// The evidence reference is longer than the configured maximum.
    EvidenceTooLong,
    /// The minimum-percentage gate is above 10,000 basis points.
    GateOutOfRange,
    /// A monthly percentage is above 10,000 basis points.
    PercentageOutOfRange,
    /// The evidence-reference limit is zero or above [`crate::submission::EVIDENCE_LIMIT_MAX`].
    EvidenceLimitOutOfRange,

    // Ranks, streaks and membership.
    /// A streak threshold is zero or above 10,000 basis points.
    ThresholdOutOfRange,
    /// The streak length is zero.
    StreakLengthZero,
    /// Granting Head would exceed the Head cap.
    HeadCapReached,
    /// A month was recorded at or before the member's last recorded month.
    MonthOutOfOrder,
    /// The member is already suspended.
    AlreadySuspended,
    /// The member is not suspended.
    NotSuspended,
    /// The member has retired or was removed; no further status change applies.
    MemberHasLeft,

    // Calendar.
    /// A fixed-period calendar has a zero period length.
    PeriodLengthZero,
    /// A timestamp lies before a fixed-period calendar's start.
    BeforeCalendarStart,

    // Pool.
    /// A month's funding is below its pool size.
    Underfunded,
    /// More was claimed from a month than it can still pay.
    ExceedsDistributable,

    // Bounties.
    /// A bounty's total is zero.
    ZeroTotal,
    /// A bounty has no budget line.
    NoBudgetLines,
    /// A bounty has more budget lines than allowed.
    TooManyBudgetLines,
    /// The budget-line caps do not sum to the bounty's total.
    LineCapsDoNotSumToTotal,
    /// A bounty has no milestone.
    NoMilestones,
    /// A bounty has more milestones than allowed.
    TooManyMilestones,
    /// A milestone's share is zero.
    ZeroMilestoneShare,
    /// Milestone shares do not sum to exactly 10,000 basis points.
    MilestoneSharesDoNotSumToWhole,
    /// The curator fee is above 10,000 basis points.
    FeeOutOfRange,
    /// An award or pool feed of zero.
    ZeroAmount,
    /// An award or pool feed would take a budget line above its cap.
    LineCapExceeded,
    /// An award or pool feed would spend more than approved milestones have unlocked.
    BeyondUnlocked,
    /// Released more from a budget line than it had spent.
    ReleaseExceedsSpent,
    /// A milestone report was submitted while one awaits a decision or after approval.
    ReportNotExpected,
    /// A milestone decision was asked for with no report awaiting it.
    NoReportToDecide,

    // Council.
    /// The council threshold is zero.
    ThresholdZero,
    /// The council threshold exceeds the council size.
    ThresholdAboveCouncilSize,
    /// The council is larger than its maximum.
    CouncilTooLarge,
    /// The account already sits on the council (or is listed twice).
    AlreadyOnCouncil,
    /// The account does not sit on the council.
    NotOnCouncil,
    /// The council member already voted this way on the proposal.
    AlreadyVoted,
    /// The council member has not approved the proposal.
    NotVoted,
    /// A proposal's lifetime is not longer than the timelock, so nothing could ever execute.
    ExpiryWithinTimelock,
    /// A bounty's payout delay is not longer than the governor's timelock, so a cancel could
    /// never execute before the award becomes claimable.
    PayoutDelayWithinTimelock,
    /// A review window of zero, or a claim window shorter than a day on calendar months (zero on
    /// fixed periods): members or reviewers would have no time to act.
    WindowTooShort,
    /// A governor timelock above [`crate::council::MAX_TIMELOCK_MS`] (90 days).
    TimelockTooLong,
    /// A proposal lifetime above [`crate::council::MAX_LIFETIME_MS`] (365 days).
    LifetimeTooLong,
    /// Reviewers per entry outside 1 to [`crate::submission::MAX_REVIEWERS_PER_ENTRY`] (3).
    ReviewersPerEntryOutOfRange,
    /// A review window over 90 days, a dispute window over 30 days or a claim window over two
    /// years: one typo would hold a month (and, finalized in order, every later month) for good.
    WindowTooLong,
}
