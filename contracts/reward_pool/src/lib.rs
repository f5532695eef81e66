//! # Monthly reward pool
//!
//! A month's life, message by message (the calendar, the split and every check are in the
//! plain-Rust `rules` crate; members and ranks are the registry's, reached by cross-contract
//! calls):
//!
//! 1. **fund** — governance or the authorised funder (the bounty contract) pays native tokens into
//!    a month that can still be finalized; finalization and sweeps carry leftovers into later
//!    months. What the funder feeds from a bounty's budget line enlarges that month's pool (base +
//!    growth + carry-in + feeds); governance's funding pays for the pool. Governance tops up a
//!    separate rank-bonus reserve.
//! 2. **submit** — an active member's wallet, between the month's start and its deadline, names 2
//!    or 3 departments, suggested scores and an evidence reference; a later submission replaces
//!    the earlier one (a draft). Where the month's configuration takes late reports, a member
//!    without one may still file it until the review window ends, flagged `late`.
//! 3. **score** — reviewers, from the deadline until the review window ends, score each
//!    submitter (never their own member) with a reason the member reads, in batches; up to
//!    `reviewers_per_entry` reviewers per entry, combined by `rules::submission::combine_reviews`
//!    (one, mean of two, median of three) and flagged when they disagree by more than
//!    `disagreement_gap`. Department totals follow every score.
//! 4. **dispute** — in the dispute window after the review window (`Windows::dispute_ms`, 0 =
//!    none), a member disputes its own entry once; reviewers rescore disputed entries only.
//!    Scores are final when the dispute window ends.
//! 5. **finalize** — governance, once scores are final, months in order, naming the pool size it
//!    approved (refused if anything changed it since): freezes the pool size,
//!    the slices, the totals, the gate and the bonuses, sets the bonuses aside from the reserve,
//!    and carries what no slice takes into the next month. Constant cost: it never visits a
//!    member.
//! 6. **claim** — a member's own wallet (the one it holds now: everything is keyed by member id),
//!    for one or several finalized months, each once, in any order, before the claim window ends:
//!    its share is computed on demand from the frozen totals, plus the rank bonus of the rank it
//!    submitted with when the month counts (above 0% and through the gate). A claim never writes
//!    to the registry, so no claim waits on it and no claim order changes a promotion. It marks
//!    the months in the member's claimed words and emits one `Claimed` listing them.
//! 7. **advance** — anyone, for up to 32 members at a time: sends each member's finalized months
//!    that the registry has not recorded yet, in month order, a month without a report at 0%, to
//!    the registry, which applies the promotion and exit rules. A member's rank after month N
//!    therefore depends only on its percentages in the finalized months up to N.
//! 8. **sweep** — anyone, after the claim window (its whole length counted from finalization, time
//!    spent paused not counted): what is unclaimed (rounding dust included) goes
//!    to the currently open month, unused bonus back to the reserve. A month passed over (funded,
//!    never finalized, before the last finalized one: it never will be) is swept whole, so no
//!    funding stays behind a first finalize that chose a later month.
//!
//! ## What a month keeps
//! - The configuration in force when the month opened: `set_config` applies from the next month
//!   that opens, so raising the gate or halving a bonus never reaches work already under way.
//! - What the council approved: `finalize` names the pool size and is refused if it differs, and
//!   scores cannot change after the review window, so nothing anyone does while a finalize waits
//!   in the governor's timelock changes what the month pays.
//! - Its whole claim window, counted on a clock that stops while the pool is paused, from the
//!   moment it was finalized, however late that was.
//!
//! ## Winding down
//! When governance replaces the pool, `wind_down` stops it taking reports and the funder's feeds;
//! governance still funds the months already worked, which are finalized, claimed, advanced and
//! swept as before, each keeping its whole claim window. Once every month with a report is
//! finalized and every finalized month swept, `release` pays everything left (all of
//! `liabilities`) to the governance account (the governor, i.e. the treasury the council
//! spends from), and nothing more can be finalized. Before the registry's pool role moves to the
//! replacement, run the old pool's `advance` for every member: the new pool never records a month
//! it did not run (`rules::rank::months_to_record`).
//!
//! ## Routed (what a claim and a report cost)
//! Deployed with `new_routed`, the pool's account runs the `router` contract (contracts/router),
//! which delegate-calls, over the one storage, one of six builds of this contract (the same
//! source, storage and rules, each with some messages beside `version` and `code_part`; the
//! features in route order): `main-code` (the constructors, funding, governance and the
//! registry's notices: every message without another route), `claim-code`, `submit-code`,
//! `score-code`, `month-code` (`dispute`, `finalize`, `advance`, `sweep`) and `views-code`
//! (`preview` and every read-only view). pallet-contracts charges every call for the code it
//! loads, per byte: each call loads the router and one build of at most 32 KiB (a claim or a
//! report about 20 KB) instead of the whole contract's 72 KB, for one delegate call more. A
//! router's build declares the codes it routes to and compiles in which selectors go where
//! (from the builds' metadata), so its hash pins them all. `new_routed`, run from the main
//! part, proves each code is the build its route needs before switching, and locks them all as
//! delegate dependencies. `set_code` to a next router installs the routes it declares, proved
//! the same way (the pool stays routed); `set_code` to a whole code runs it directly and
//! releases the locks. The whole build (no feature) is what clients read the ABI from; a pool
//! made with `new` runs everything in it.
//!
//! ## Invariants
//! - For every month, paid ≤ distributable ≤ funded, and bonuses paid ≤ bonuses set aside.
//! - A member's month is paid at most once: its bit in the member's claimed words
//!   (`rules::reward::claim_mark`) is set by the one claim that pays it and never cleared.
//! - `liabilities` is everything the contract still owes or holds for a purpose (open months'
//!   funds, finalized months' unclaimed rewards and bonuses, the bonus reserve); every payable
//!   message raises it by exactly the value received and every transfer lowers it by exactly the
//!   amount sent, so the contract's balance always covers it.
//! - State is written before any transfer; ink! denies reentry.
//! - `wallets` holds, at the current `wallets_epoch`, only what the registry told the pool while
//!   it was the registry's authorised pool, so every entry agrees with the registry's own map;
//!   a wallet not in it is looked up in the registry (see the registry's module docs, "The
//!   pool's copy of the wallets"). A claim by a member whose wallet the pool holds loads no
//!   other contract.
//! - `standing` likewise holds, at the current epoch, each member's rank and status as the
//!   registry last told it (a promotion by `advance` as `record_months` returned it), so it
//!   agrees with the registry's record; a report by a member whose wallet and standing the pool
//!   holds loads no other contract either.
#![cfg_attr(not(feature = "std"), no_std, no_main)]
// A routed build (`main-code`, `claim-code`, …) keeps some of the pool's messages beside `version`
// and `code_part`; the helpers the others use go unused.
#![cfg_attr(feature = "part", allow(dead_code, unused_imports))]

pub use admin::{Part, Routes, MAIN, WHOLE};
pub use registry::MemberId;
pub use rules::calendar::{Calendar, Windows};
pub use rules::department::{Department, Weights};
pub use rules::rank::{Rank, Status};
pub use rules::submission::{Points, Score};
pub use rules::Error as RuleError;

/// The code version `version()` reports; `next-version` builds report one more (upgrade test).
pub const CODE_VERSION: u32 = if cfg!(feature = "next-version") { 2 } else { 1 };
/// Most score entries in one `score` call.
pub const MAX_SCORE_BATCH: u32 = 100;
/// Most months in one `claim` or `preview` call.
pub const MAX_CLAIM_MONTHS: u32 = 12;
/// Most members in one `advance` call.
pub const MAX_ADVANCE_MEMBERS: u32 = 32;
/// Most entries one paged view returns.
pub const PAGE_MAX: u32 = 50;
/// Most reviewers added or removed in one `set_reviewers` call.
pub const MAX_REVIEWER_CHANGES: u32 = 32;

#[ink::contract]
pub mod reward_pool {
    use super::*;
    use admin::{Admin, AdminError};
    use ink::codegen::TraitCallBuilder;
    use ink::env::call::FromAccountId;
    use ink::prelude::vec::Vec;
    use ink::storage::Mapping;
    use registry::RegistryRef;
    use rules::calendar::Phase;
    use rules::department::{DepartmentSet, DEPARTMENT_COUNT};
    use rules::review::{self, Placement, ReportWindow, ScoringWindow};
    use rules::reward::{self, MonthSettlement, PerDepartment, Totals};
    use rules::submission;

    /// The program's pool parameters. A month keeps the configuration in force when it opened: a
    /// change applies from the next month that opens.
    #[derive(Debug, Clone, PartialEq, Eq)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    #[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
    pub struct Config {
        /// The pool before growth and carry (V.4: 84,000 PHA).
        pub base: Balance,
        /// Growth for every 5 first-time Ambassadors (V.4: 21,000 PHA).
        pub step: Balance,
        /// First-time Ambassadors already counted in `base` (the registry's count when the
        /// program's existing members were brought on chain).
        pub ambassador_baseline: u32,
        /// Department weights in basis points, summing to 10,000.
        pub weights: Weights,
        /// Review and claim window lengths.
        pub windows: Windows,
        /// Minimum monthly percentage for any reward, in bps (0 = no gate; V.3: 4,000).
        pub gate_bps: u32,
        /// Monthly bonus of a Head (V.4: 4,000 PHA), from the bonus reserve.
        pub head_bonus: Balance,
        /// Monthly bonus of a Senior (V.4: 2,000 PHA), from the bonus reserve.
        pub senior_bonus: Balance,
        /// Longest evidence reference accepted, in bytes (1 to 512); also bounds reviewers'
        /// reasons and members' dispute reasons.
        pub max_evidence_len: u32,
        /// Whether a report filed after the deadline is accepted until the review window ends,
        /// flagged late (the reviewer scores it or leaves it at 0%), or refused (V.4's rule).
        pub late_reports: bool,
        /// How many reviewers score each entry (1 to 3): its final points are the one score,
        /// the mean of two (rounded down) or the median of three, department by department.
        pub reviewers_per_entry: u8,
        /// An entry whose reviewers' total points differ by more than this is flagged for the
        /// council (ignored with one reviewer per entry).
        pub disagreement_gap: u16,
    }

    /// A member's submission for a month, with its review.
    #[derive(Debug, Clone, PartialEq, Eq)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    #[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
    pub struct Submission {
        /// The 2 or 3 departments chosen.
        pub departments: DepartmentSet,
        /// Suggested scores, one per chosen department in index order of `departments`.
        pub suggested: Vec<Score>,
        /// Evidence reference.
        pub evidence_ref: Vec<u8>,
        /// The member's rank when it submitted: decides its rank bonus.
        pub rank: Rank,
        /// When it was (last) submitted (ms).
        pub submitted_at: u64,
        /// Filed after the deadline, in a month whose configuration takes late reports.
        pub late: bool,
        /// Final points, once a reviewer scored it: its reviews combined
        /// (`rules::submission::combine_reviews`).
        pub points: Option<Points>,
        /// Each reviewer's points and reason (at most `reviewers_per_entry`); a reviewer who
        /// scores the entry again replaces its own review.
        pub reviews: Vec<Review>,
        /// The reviewers' total points differ by more than the month's `disagreement_gap`.
        pub flagged: bool,
        /// The member's dispute of its points, if it made one.
        pub dispute: Option<Dispute>,
        /// Whether the member has claimed it, as the views report it. Claims mark the member's
        /// claimed words (`claim`), not the entry: in storage this is `true` only for months a
        /// pool claimed before it had claimed words (kept so an upgraded pool still reads those
        /// entries and never pays them twice), and the views add the words' marks.
        pub claimed: bool,
    }

    /// One entry of a `score` batch: the member, its points per department, the reason.
    pub type ScoreEntry = (MemberId, Vec<(Department, Score)>, Vec<u8>);

    /// A month's dates (ms), for countdowns and reminders.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    pub struct MonthDates {
        /// The month starts: reports open.
        pub start: u64,
        /// Reports close (late ones, if taken, until `review_end`).
        pub deadline: u64,
        /// The review window ends; the dispute window (if any) opens.
        pub review_end: u64,
        /// Scores are final: governance may finalize from then on.
        pub scores_final: u64,
        /// When the claim window ends, once finalized and while the pool is not paused.
        pub claim_ends_at: Option<u64>,
    }

    /// One reviewer's score of an entry.
    #[derive(Debug, Clone, PartialEq, Eq)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    #[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
    pub struct Review {
        /// The reviewer.
        pub reviewer: AccountId,
        /// Its points per department.
        pub points: Points,
        /// Why (a short text, link or CID); empty for none.
        pub reason_ref: Vec<u8>,
    }

    /// A member's dispute of its month's points.
    #[derive(Debug, Clone, PartialEq, Eq)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    #[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
    pub struct Dispute {
        /// The member's reason reference.
        pub reason_ref: Vec<u8>,
        /// When it was made (ms).
        pub at: u64,
        /// Whether a reviewer rescored the entry after it.
        pub answered: bool,
    }

    /// What a finalized month froze.
    #[derive(Debug, Clone, PartialEq, Eq)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    #[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
    pub struct Finalized {
        /// Pool size, slices, totals and the carry.
        pub settlement: MonthSettlement,
        /// The gate in force.
        pub gate_bps: u32,
        /// The Head bonus in force.
        pub head_bonus: Balance,
        /// The Senior bonus in force.
        pub senior_bonus: Balance,
        /// Bonuses set aside from the reserve for this month's Heads and Seniors.
        pub bonus_reserved: Balance,
        /// Claims are accepted while the pool's running clock (wall time less time spent
        /// paused, see `rules::calendar::PauseClock`) is below this: the claim period counted
        /// from finalization.
        pub claim_deadline: u64,
        /// When it was finalized (ms).
        pub finalized_at: u64,
    }

    /// A month's accounts.
    #[derive(Debug, Clone, Default, PartialEq, Eq)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    #[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
    pub struct MonthState {
        /// Everything paid into the month, carry included.
        pub funded: Balance,
        /// The part of `funded` carried from earlier months (it adds to the pool size).
        pub carried_in: Balance,
        /// The part of `funded` fed from bounty budget lines by the funder (it adds to the pool
        /// size).
        pub fed: Balance,
        /// Everyone's points per department so far.
        pub totals: Totals,
        /// Members that submitted.
        pub submissions: u32,
        /// Submitters at Head rank.
        pub heads: u32,
        /// Submitters at Senior rank.
        pub seniors: u32,
        /// Set when finalized.
        pub finalized: Option<Finalized>,
        /// Rewards paid out.
        pub paid: Balance,
        /// Bonuses paid out.
        pub bonus_paid: Balance,
        /// Whether the claim window has been swept.
        pub swept: bool,
        /// Reports filed late.
        pub late: u32,
        /// Entries whose reviewers disagree by more than the gap.
        pub flagged: u32,
        /// Disputes made.
        pub disputes: u32,
        /// Disputes answered by a rescore.
        pub answered: u32,
    }

    /// Where a member's month stands in a preview.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    pub enum ClaimStatus {
        /// Not finalized yet.
        NotFinalized,
        /// The member did not submit that month.
        NoSubmission,
        /// Finalized and claimable now.
        Claimable,
        /// Already claimed.
        Claimed,
        /// The claim window is over.
        Expired,
    }

    /// A member's month as `claim` would pay it.
    #[derive(Debug, Clone, PartialEq, Eq)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    pub struct MonthPreview {
        /// The month id.
        pub month: u32,
        /// Its status.
        pub status: ClaimStatus,
        /// The reward per department (zero below the gate).
        pub per_department: PerDepartment,
        /// The rank bonus (zero below the gate).
        pub bonus: Balance,
        /// Reward plus bonus.
        pub total: Balance,
        /// The member's percentage that month, in bps.
        pub percentage_bps: u32,
        /// When the claim window ends (ms), if the pool is not paused and the month is
        /// finalized: for a countdown. The window waits while the pool is paused.
        pub claim_ends_at: Option<u64>,
    }

    /// Why one entry of a score batch was refused.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    pub enum ScoreFault {
        /// The reviewer is the member scored.
        OwnSubmission,
        /// The member did not submit that month.
        NoSubmission,
        /// The entry already has `reviewers_per_entry` reviews from other reviewers.
        EnoughReviews,
        /// In the dispute window: the member did not dispute this entry.
        NotDisputed,
        /// A rule refused the points (department not chosen, duplicate, above 20, overflow).
        Rule(RuleError),
    }

    /// Why a reward-pool message failed.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    pub enum Error {
        /// The caller is not the governance account.
        NotGovernance,
        /// The caller is not the account governance was handed to.
        NotPendingGovernance,
        /// The contract is paused.
        Paused,
        /// The contract is not paused.
        NotPaused,
        /// The chain refused the new code hash.
        UpgradeFailed,
        /// The new code cannot run this contract (it cannot read the storage, or has no
        /// `version` message): the upgrade was reverted.
        IncompatibleCode,
        /// The caller may not fund months (not governance nor the authorised funder).
        NotFunder,
        /// A payable message received nothing.
        ZeroValue,
        /// The caller is not a reviewer.
        NotReviewer,
        /// The month's submissions have not opened.
        SubmissionNotOpen,
        /// The month's submission deadline has passed.
        SubmissionClosed,
        /// Scoring opens at the submission deadline.
        ScoringNotOpen,
        /// The month is already finalized.
        MonthFinalized,
        /// The month is not finalized.
        NotFinalized,
        /// The review or dispute window has not ended: scores are not final yet.
        ReviewWindowOpen,
        /// Months are finalized in order; this is not the next one.
        FinalizeOutOfOrder,
        /// Nothing was paid into the month.
        Unfunded,
        /// The month's funding is below its pool size.
        Underfunded,
        /// The pool size named by the finalize differs from the month's pool now (a promotion or
        /// a funding changed it after the council's approval): approve the new figure.
        PoolSizeChanged,
        /// The review window is over: scores are final.
        ReviewClosed,
        /// The member already disputed this month.
        AlreadyDisputed,
        /// The member filed no report that month, so there is nothing to dispute.
        NothingToDispute,
        /// Disputes are accepted only in the dispute window (after the review window, before
        /// scores are final).
        DisputeWindowClosed,
        /// The month can never be finalized (it is not after the last finalized month), so it
        /// takes no more money.
        MonthClosed,
        /// The bonus reserve cannot cover the month's Head and Senior bonuses.
        BonusReserveShort,
        /// The caller's wallet is not a member's.
        NotMember,
        /// The member did not submit for that month.
        NothingToClaim,
        /// The month was already claimed.
        AlreadyClaimed,
        /// The claim window is over.
        ClaimWindowClosed,
        /// The claim window is still open.
        ClaimWindowOpen,
        /// The month was already swept.
        AlreadySwept,
        /// No months given, or more than allowed in one call.
        BadMonthCount,
        /// A month appears twice in one call.
        DuplicateMonth,
        /// No entries given, or more than allowed in one batch.
        BadBatchSize,
        /// Entry `index` of a score batch was refused, for `fault`.
        ScoreRejected {
            /// Position of the entry in the batch.
            index: u32,
            /// Why.
            fault: ScoreFault,
        },
        /// The pool is being wound down: it takes no more funding or reports.
        WindingDown,
        /// The pool is not being wound down (`wind_down` first).
        NotWindingDown,
        /// A finalized month's claim window is still open or the month is not swept yet:
        /// members keep their whole claim windows before the funds are released.
        ClaimWindowsOpen,
        /// The pool's funds were released: nothing more can be finalized.
        FundsReleased,
        /// A month with reports is not finalized yet: the council finalizes the months members
        /// worked before the funds are released.
        MonthsUnfinalized,
        /// A transfer out of the contract failed.
        TransferFailed,
        /// The registry refused: the inner error says why (e.g. `NotMember`, `Suspended`).
        Registry(registry::Error),
        /// The registry could not be called.
        RegistryUnreachable,
        /// A rule refused the input; the inner error names it.
        Rule(RuleError),
        /// Only the pool's registry tells it about wallets and members' standing.
        NotRegistry,
    }

    impl From<RuleError> for Error {
        fn from(error: RuleError) -> Self {
            match error {
                RuleError::Underfunded => Error::Underfunded,
                other => Error::Rule(other),
            }
        }
    }

    impl From<AdminError> for Error {
        fn from(error: AdminError) -> Self {
            match error {
                AdminError::NotGovernance => Error::NotGovernance,
                AdminError::NotPendingGovernance => Error::NotPendingGovernance,
                AdminError::Paused => Error::Paused,
                AdminError::NotPaused => Error::NotPaused,
            }
        }
    }

    impl From<admin::UpgradeError> for Error {
        fn from(error: admin::UpgradeError) -> Self {
            match error {
                admin::UpgradeError::UnknownCode => Error::UpgradeFailed,
                admin::UpgradeError::IncompatibleCode => Error::IncompatibleCode,
            }
        }
    }

    /// Result of the reward pool's messages.
    pub type Result<T> = core::result::Result<T, Error>;

    /// Tokens were paid into a month (by a funder, or carried from an earlier month).
    #[ink(event)]
    pub struct Funded {
        /// The month.
        #[ink(topic)]
        pub month: u32,
        /// Who paid; the pool itself for a carry.
        #[ink(topic)]
        pub from: AccountId,
        /// The amount.
        pub amount: Balance,
    }

    /// The bonus reserve was topped up.
    #[ink(event)]
    pub struct BonusReserveFunded {
        /// The amount.
        pub amount: Balance,
        /// The reserve after it.
        pub reserve: Balance,
    }

    /// A member submitted (or replaced) its month.
    #[ink(event)]
    pub struct Submitted {
        /// Its wallet.
        #[ink(topic)]
        pub who: AccountId,
        /// Its member id.
        pub member: MemberId,
        /// The month.
        pub month: u32,
        /// Whether it replaced an earlier submission.
        pub replaced: bool,
    }

    /// A reviewer scored a member's month.
    #[ink(event)]
    pub struct Scored {
        /// The reviewer.
        #[ink(topic)]
        pub reviewer: AccountId,
        /// The member.
        pub member: MemberId,
        /// The month.
        pub month: u32,
        /// This reviewer's points.
        pub points: Points,
        /// The entry's final points after this review (all its reviews combined).
        pub final_points: Option<Points>,
    }

    /// A member disputed its month's points.
    #[ink(event)]
    pub struct Disputed {
        /// Its wallet.
        #[ink(topic)]
        pub who: AccountId,
        /// Its member id.
        pub member: MemberId,
        /// The month.
        pub month: u32,
        /// The member's reason.
        pub reason_ref: Vec<u8>,
    }

    /// Governance finalized a month.
    #[ink(event)]
    pub struct MonthFinalized {
        /// The month.
        #[ink(topic)]
        pub month: u32,
        /// Its pool size.
        pub pool: Balance,
        /// What carried into the next month.
        pub carried: Balance,
        /// Bonuses set aside.
        pub bonus_reserved: Balance,
    }

    /// A member claimed one or more months in one call (one event per claim, not per month:
    /// an event costs a claim more than anything else it does for a month, BENCHMARKS.md).
    #[ink(event)]
    pub struct Claimed {
        /// Its wallet (the one paid).
        #[ink(topic)]
        pub who: AccountId,
        /// Its member id.
        pub member: MemberId,
        /// Each month claimed, in month order: the month, its reward, its rank bonus (the
        /// wallet was paid their sum).
        pub months: Vec<(u32, Balance, Balance)>,
    }

    /// A month's claim window was swept.
    #[ink(event)]
    pub struct Swept {
        /// The month swept.
        #[ink(topic)]
        pub month: u32,
        /// The month that received the unclaimed rewards.
        pub into_month: u32,
        /// Unclaimed rewards moved.
        pub amount: Balance,
        /// Unused bonuses returned to the reserve.
        pub bonus_returned: Balance,
    }

    /// Governance changed the configuration.
    #[ink(event)]
    pub struct ConfigChanged {
        /// The new configuration.
        pub config: Config,
        /// The first month it applies to (the next month to open).
        pub from_month: u32,
    }

    /// Governance started a wind-down (`released` 0) or released the remaining funds.
    #[ink(event)]
    pub struct WindDownChanged {
        /// Where the wind-down stands now.
        pub state: WindDown,
        /// What was paid to governance.
        pub released: Balance,
    }

    /// Governance changed who may score.
    #[ink(event)]
    pub struct ReviewersChanged {
        /// Reviewers added.
        pub added: Vec<AccountId>,
        /// Reviewers removed.
        pub removed: Vec<AccountId>,
    }

    /// Governance changed who may feed months from bounty budget lines.
    #[ink(event)]
    pub struct FunderChanged {
        /// The authorised funder.
        pub funder: Option<AccountId>,
    }

    /// The reward pool's storage.
    #[ink(storage)]
    pub struct RewardPool {
        admin: Admin,
        registry: AccountId,
        calendar: Calendar,
        /// The newest configuration version (what months opening from now on get).
        config: Config,
        /// Configuration versions, oldest first: `(first month it applies to, config)`.
        configs: Mapping<u32, (u32, Config)>,
        config_count: u32,
        /// Stops while the pool is paused; claim windows run on it.
        clock: rules::calendar::PauseClock,
        funder: Option<AccountId>,
        reviewers: Mapping<AccountId, ()>,
        months: Mapping<u32, MonthState>,
        submissions: Mapping<(u32, MemberId), Submission>,
        last_finalized: Option<u32>,
        /// The first month ever finalized: months before it were never finalized and count for
        /// nobody's streaks.
        first_finalized: Option<u32>,
        bonus_reserve: Balance,
        liabilities: Balance,
        /// Finalized months not swept yet: the funds wait for their claim windows.
        unswept: u32,
        /// The latest month anyone reported for: `release` waits until it is finalized.
        last_reported: Option<u32>,
        /// Each month's disputes in the order made: `(month, n)` → member.
        dispute_list: Mapping<(u32, u32), MemberId>,
        /// Where a wind-down stands.
        wind_down: WindDown,
        /// The registry's wallet → member map as the registry told it, with the epoch it was
        /// told in: claims read it instead of calling the registry.
        wallets: Mapping<AccountId, (MemberId, u32)>,
        /// Entries of `wallets` and `standing` from an earlier epoch are void: the registry
        /// made the pool forget them when it stopped being the authorised pool.
        wallets_epoch: u32,
        /// Each member's rank and status as the registry told it (or as `record_months`
        /// returned a promotion), with the epoch it was told in: reports read it instead of
        /// calling the registry.
        standing: Mapping<MemberId, Standing>,
        /// Each member's claimed months, one bit per month, 128 months per word
        /// (`rules::reward::claim_mark`): `(member, word)` → bits. A claim of several months reads
        /// and writes one word instead of rewriting each month's entry.
        claimed: Mapping<(MemberId, u32), u128>,
    }

    /// A member's rank and status as the registry told the pool, with the epoch it was told in.
    type Standing = (Rank, Status, u32);

    /// Where a replaced pool's wind-down stands.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    #[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
    pub enum WindDown {
        /// The pool runs normally.
        #[default]
        Running,
        /// Winding down since then (ms): no funding, no reports; months already worked may still
        /// be finalized, claimed, advanced and swept.
        Since(u64),
        /// Its remaining funds went to governance then (ms).
        Released(u64),
    }

    fn validate_config(config: &Config, calendar: &Calendar) -> Result<()> {
        Weights::new(config.weights.as_array())?;
        submission::check_reviewers_per_entry(config.reviewers_per_entry)?;
        config.windows.validate(calendar)?;
        rules::check_bps(config.gate_bps, RuleError::GateOutOfRange)?;
        submission::check_evidence_limit(config.max_evidence_len)?;
        Ok(())
    }

    fn add(a: Balance, b: Balance) -> Result<Balance> {
        a.checked_add(b).ok_or(Error::Rule(RuleError::Overflow))
    }

    fn sub(a: Balance, b: Balance) -> Result<Balance> {
        a.checked_sub(b).ok_or(Error::Rule(RuleError::Overflow))
    }

    impl RewardPool {
        /// Creates a pool governed by `governance`, reading members from `registry`, cutting
        /// months by `calendar` (fixed for the pool's life).
        ///
        /// Errors: `Rule(PeriodLengthZero)`, `Rule(WeightsDoNotSumToWhole)`,
        /// `Rule(WindowTooShort)`, `Rule(GateOutOfRange)`, `Rule(EvidenceLimitOutOfRange)`.
        #[cfg(not(feature = "part"))]
        #[ink(constructor)]
        pub fn new(
            governance: AccountId,
            registry: AccountId,
            calendar: Calendar,
            config: Config,
        ) -> Result<Self> {
            Self::create(governance, registry, calendar, config)
        }

        /// Creates a pool as [`Self::new`] does, served by several codes behind a router
        /// (issue 20: what every call costs): instantiated from the pool's main part (the
        /// `main-code` build), it makes `router` (the pool's build of the `router` contract) the account's
        /// code, which sends each message to the build that serves it (`admin::Routes`: this
        /// code, then the claim, submit, score, month and views parts the router declares),
        /// over this one storage. Every routed code is locked as the pool's delegate
        /// dependency, so its uploader cannot remove it while the pool uses it. Before
        /// switching, the router must declare this code as its main part and each code must
        /// answer over the new pool's storage that it is the build its route needs
        /// (`code_part()`), so a wrong hash refuses the deployment instead of leaving a pool no
        /// call reaches (`admin::install_routes`). Clients see one contract with the whole
        /// build's ABI; `set_code` later replaces the router, or installs another one's routes.
        /// Instantiated from any other code (the whole build, say) it is refused.
        ///
        /// Errors: those of [`Self::new`]; `IncompatibleCode` (`router` is not a router or
        /// declares another main part, a code the chain does not know or that does not answer
        /// over this storage as its route's build, or a code declared twice).
        #[cfg(any(not(feature = "part"), feature = "main-code"))]
        #[ink(constructor)]
        pub fn new_routed(
            governance: AccountId,
            registry: AccountId,
            calendar: Calendar,
            config: Config,
            router: Hash,
        ) -> Result<Self> {
            let pool = Self::create(governance, registry, calendar, config)?;
            admin::install_routes(&pool, router)?;
            Ok(pool)
        }

        /// Refused: a part build other than the main one is never instantiated; it only serves a
        /// routed pool's calls of its messages (see [`Self::new_routed`]).
        ///
        /// Errors: `IncompatibleCode`, always.
        #[cfg(all(feature = "part", not(feature = "main-code")))]
        #[ink(constructor)]
        pub fn never() -> Result<Self> {
            Err(Error::IncompatibleCode)
        }

        /// The pool both constructors create (one copy of the code: it is loaded on every call).
        #[cfg(any(not(feature = "part"), feature = "main-code"))]
        #[inline(never)]
        fn create(
            governance: AccountId,
            registry: AccountId,
            calendar: Calendar,
            config: Config,
        ) -> Result<Self> {
            calendar.validate()?;
            validate_config(&config, &calendar)?;
            let mut configs = Mapping::default();
            configs.insert(0, &(0u32, config.clone()));
            Ok(Self {
                admin: Admin::new(governance),
                registry,
                calendar,
                config,
                configs,
                config_count: 1,
                clock: Default::default(),
                funder: None,
                reviewers: Mapping::default(),
                months: Mapping::default(),
                submissions: Mapping::default(),
                last_finalized: None,
                first_finalized: None,
                bonus_reserve: 0,
                liabilities: 0,
                unswept: 0,
                last_reported: None,
                dispute_list: Mapping::default(),
                wind_down: WindDown::Running,
                wallets: Mapping::default(),
                wallets_epoch: 0,
                standing: Mapping::default(),
                claimed: Mapping::default(),
            })
        }

        // ---- funding -------------------------------------------------------------------------

        /// Pays the transferred value into `month`'s pool. Governance or the authorised funder
        /// (the bounty contract) only; any month that can still be finalized (after the last
        /// finalized one). What the funder pays is a feed from a bounty's budget line and
        /// enlarges the month's pool; governance's funding pays for the pool.
        ///
        /// While the pool winds down only governance funds (the months already worked); the
        /// funder's feeds stop, and a feed is refused once the month's scores are final.
        ///
        /// Errors: `Paused`, `FundsReleased`, `WindingDown` (a feed during a wind-down),
        /// `NotFunder`, `ZeroValue`, `MonthFinalized`, `Rule(BeforeCalendarStart)`,
        /// `Rule(TimeOverflow)`, `MonthClosed` (a feed after the month's scores are final, or a
        /// month
        /// before the last finalized one, which can never be finalized), `Rule(Overflow)`.
        #[cfg(any(not(feature = "part"), feature = "main-code"))]
        #[ink(message, payable)]
        pub fn fund(&mut self, month: u32) -> Result<()> {
            self.ensure_running()?;
            let caller = self.env().caller();
            let governance = caller == self.admin.governance();
            if !governance && Some(caller) != self.funder {
                return Err(Error::NotFunder);
            }
            match self.wind_down {
                WindDown::Released(_) => return Err(Error::FundsReleased),
                // Governance still funds the months members worked before the wind-down.
                WindDown::Since(_) if !governance => return Err(Error::WindingDown),
                _ => {}
            }
            // A feed changes the pool size; once scores are final the council may be approving
            // that figure, so a feed then would only block the finalize (`PoolSizeChanged`).
            if !governance {
                let windows = self.config_for(month).windows;
                if self.env().block_timestamp() >= self.calendar.scores_final(month, &windows)? {
                    return Err(Error::MonthClosed);
                }
            }
            let amount = self.env().transferred_value();
            if amount == 0 {
                return Err(Error::ZeroValue);
            }
            let mut state = self.months.get(month).unwrap_or_default();
            if state.finalized.is_some() {
                return Err(Error::MonthFinalized);
            }
            if self.last_finalized.is_some_and(|last| month < last) {
                return Err(Error::MonthClosed);
            }
            state.funded = add(state.funded, amount)?;
            if Some(caller) == self.funder {
                state.fed = add(state.fed, amount)?;
            }
            self.liabilities = add(self.liabilities, amount)?;
            self.months.insert(month, &state);
            self.env().emit_event(Funded {
                month,
                from: caller,
                amount,
            });
            Ok(())
        }

        /// Tops up the rank-bonus reserve with the transferred value. Governance only.
        ///
        /// Errors: `Paused`, `FundsReleased`, `NotGovernance`, `ZeroValue`, `Rule(Overflow)`.
        #[cfg(any(not(feature = "part"), feature = "main-code"))]
        #[ink(message, payable)]
        pub fn fund_bonus_reserve(&mut self) -> Result<()> {
            self.ensure_running()?;
            // Allowed while winding down: the months still to finalize may need bonuses.
            if matches!(self.wind_down, WindDown::Released(_)) {
                return Err(Error::FundsReleased);
            }
            self.ensure_governance()?;
            let amount = self.env().transferred_value();
            if amount == 0 {
                return Err(Error::ZeroValue);
            }
            self.bonus_reserve = add(self.bonus_reserve, amount)?;
            self.liabilities = add(self.liabilities, amount)?;
            self.env().emit_event(BonusReserveFunded {
                amount,
                reserve: self.bonus_reserve,
            });
            Ok(())
        }

        // ---- the month -----------------------------------------------------------------------

        /// Submits the calling member's month: 2 or 3 choosable departments, one suggested score
        /// per department (same order), an evidence reference. Only an active member's wallet,
        /// from the month's start until its deadline; a submission before the deadline is a
        /// draft the member may replace until then. If the month's configuration takes late
        /// reports, a member without a report may still file one after the deadline until the
        /// review window ends: it is flagged `late` and the reviewers score it or leave it at 0%.
        ///
        /// Errors: `Paused`, `WindingDown`, `SubmissionNotOpen`, `SubmissionClosed`,
        /// `Registry(NotMember)`,
        /// `Registry(Suspended)`, `Registry(Rule(MemberHasLeft))`, `RegistryUnreachable`,
        /// `Rule(TooFewDepartments)`, `Rule(TooManyDepartments)`, `Rule(DuplicateDepartment)`,
        /// `Rule(DepartmentNotChoosable)`, `Rule(ScoreCountMismatch)`, `Rule(EffortOutOfRange)`,
        /// `Rule(ResultsOutOfRange)`, `Rule(EvidenceEmpty)`, `Rule(EvidenceTooLong)`,
        /// `Rule(TimeOverflow)`, `Rule(Overflow)`.
        #[cfg(any(not(feature = "part"), feature = "submit-code"))]
        #[ink(message)]
        pub fn submit(
            &mut self,
            month: u32,
            departments: Vec<Department>,
            suggested: Vec<Score>,
            evidence_ref: Vec<u8>,
        ) -> Result<()> {
            self.ensure_running()?;
            self.ensure_not_winding_down()?;
            let config = self.config_for(month);
            let phase = self.phase(month)?;
            // Only a late report needs to know whether the member already reported (the registry
            // read below tells), so the window is decided in two steps (`rules::review`): first
            // as for a member without a report, the most a window ever takes.
            match review::report_window(phase, config.late_reports, false) {
                ReportWindow::NotOpen => return Err(Error::SubmissionNotOpen),
                ReportWindow::Closed => return Err(Error::SubmissionClosed),
                ReportWindow::OnTime | ReportWindow::Late => {}
            }
            let chosen = submission::validate_submission(
                &departments,
                &suggested,
                &evidence_ref,
                config.max_evidence_len,
            )?;
            let who = self.env().caller();
            let (member, rank) = self.active_member(who)?;
            let mut state = self.months.get(month).unwrap_or_default();
            let previous = self.submissions.get((month, member));
            let late = match review::report_window(phase, config.late_reports, previous.is_some()) {
                ReportWindow::OnTime => false,
                ReportWindow::Late => {
                    state.late = state.late.checked_add(1).ok_or(RuleError::Overflow)?;
                    true
                }
                ReportWindow::NotOpen => return Err(Error::SubmissionNotOpen),
                ReportWindow::Closed => return Err(Error::SubmissionClosed),
            };
            if let Some(old) = &previous {
                bonus_count(&mut state, old.rank, false)?;
            } else {
                state.submissions = state
                    .submissions
                    .checked_add(1)
                    .ok_or(RuleError::Overflow)?;
            }
            bonus_count(&mut state, rank, true)?;
            self.last_reported = self.last_reported.max(Some(month));
            // Suggested scores are kept in the department order of the chosen set (the
            // departments are distinct and as many as the scores: `validate_submission`).
            let ordered: Vec<Score> = chosen
                .iter()
                .filter_map(|department| {
                    let at = departments.iter().position(|d| *d == department)?;
                    suggested.get(at).copied()
                })
                .collect();
            self.submissions.insert(
                (month, member),
                &Submission {
                    departments: chosen,
                    suggested: ordered,
                    evidence_ref,
                    rank,
                    submitted_at: self.env().block_timestamp(),
                    late,
                    points: None,
                    reviews: Vec::new(),
                    flagged: false,
                    dispute: None,
                    claimed: false,
                },
            );
            self.months.insert(month, &state);
            self.env().emit_event(Submitted {
                who,
                member,
                month,
                replaced: previous.is_some(),
            });
            Ok(())
        }

        /// Scores a batch of `month`'s submissions: each entry is a member, its points per
        /// department (each chosen department plus Basic and Others; left out = 0) and the
        /// reviewer's reason (a short text, link or CID; may be empty), which the member reads.
        /// An entry takes up to `reviewers_per_entry` reviewers; a reviewer who scores it again
        /// replaces its own review, and a review by a reviewer governance has since removed
        /// gives way to a current reviewer's. The entry's final points are its reviews combined (one, the
        /// mean of two, the median of three: `rules::submission::combine_reviews`), and it is
        /// flagged when the reviewers' totals differ by more than `disagreement_gap`.
        /// Reviewers only, never on their own member's submission (by member id: a wallet that
        /// ever acted for a member counts as that member, whatever rotations happened): any
        /// entry in the review window; in the dispute window only entries their member disputed
        /// (the rescore answers the dispute). Scores are final when the dispute window ends, so
        /// a finalized month's scores never change. A rescore changes the department totals by
        /// that entry's difference only. Any bad entry fails the whole batch, naming its
        /// position.
        ///
        /// Errors: `Paused`, `NotReviewer`, `BadBatchSize`, `ScoringNotOpen`, `ReviewClosed`,
        /// `ScoreRejected { index, fault }` (`OwnSubmission`, `NoSubmission`, `EnoughReviews`,
        /// `NotDisputed`, `Rule(..)` for the points or the reason), `RegistryUnreachable`,
        /// `Rule(Overflow)`.
        #[cfg(any(not(feature = "part"), feature = "score-code"))]
        #[ink(message)]
        pub fn score(&mut self, month: u32, entries: Vec<ScoreEntry>) -> Result<()> {
            self.ensure_running()?;
            let reviewer = self.env().caller();
            if !self.reviewers.contains(reviewer) {
                return Err(Error::NotReviewer);
            }
            if entries.is_empty() || entries.len() > MAX_SCORE_BATCH as usize {
                return Err(Error::BadBatchSize);
            }
            let disputes_only = match review::scoring_window(self.phase(month)?) {
                ScoringWindow::NotOpen => return Err(Error::ScoringNotOpen),
                ScoringWindow::AnyEntry => false,
                ScoringWindow::DisputedOnly => true,
                ScoringWindow::Closed => return Err(Error::ReviewClosed),
            };
            let config = self.config_for(month);
            let mut state = self.months.get(month).unwrap_or_default();
            let own = self.registry_bound_member(reviewer)?;
            for (index, (member, scores, reason_ref)) in entries.into_iter().enumerate() {
                let reject = |fault| Error::ScoreRejected {
                    // Batches hold at most MAX_SCORE_BATCH entries.
                    index: u32::try_from(index).unwrap_or(u32::MAX),
                    fault,
                };
                if own == Some(member) {
                    return Err(reject(ScoreFault::OwnSubmission));
                }
                let mut entry = self
                    .submissions
                    .get((month, member))
                    .ok_or(reject(ScoreFault::NoSubmission))?;
                if disputes_only && entry.dispute.is_none() {
                    return Err(reject(ScoreFault::NotDisputed));
                }
                let points = submission::validate_review(entry.departments, &scores)
                    .map_err(|e| reject(ScoreFault::Rule(e)))?;
                if !reason_ref.is_empty() {
                    submission::validate_evidence(&reason_ref, config.max_evidence_len)
                        .map_err(|e| reject(ScoreFault::Rule(e)))?;
                }
                let review = Review {
                    reviewer,
                    points,
                    reason_ref,
                };
                let who: Vec<AccountId> = entry.reviews.iter().map(|r| r.reviewer).collect();
                let placement =
                    review::place_review(&who, &reviewer, config.reviewers_per_entry, |r| {
                        self.reviewers.contains(r)
                    });
                match placement {
                    Placement::Replace(slot) => {
                        if let Some(old) = entry.reviews.get_mut(slot) {
                            *old = review;
                        }
                    }
                    Placement::Append => entry.reviews.push(review),
                    Placement::Full => return Err(reject(ScoreFault::EnoughReviews)),
                }
                let all: Vec<Points> = entry.reviews.iter().map(|r| r.points).collect();
                let combined = submission::combine_reviews(&all);
                state.totals =
                    review::retotal(&state.totals, entry.points.as_ref(), combined.as_ref())
                        .map_err(|e| reject(ScoreFault::Rule(e)))?;
                entry.points = combined;
                let flagged = all.len() > 1
                    && submission::review_spread(&all) > u32::from(config.disagreement_gap);
                if flagged != entry.flagged {
                    state.flagged = if flagged {
                        state.flagged.checked_add(1)
                    } else {
                        state.flagged.checked_sub(1)
                    }
                    .ok_or(RuleError::Overflow)?;
                    entry.flagged = flagged;
                }
                if let Some(dispute) = entry.dispute.as_mut().filter(|_| disputes_only) {
                    if !dispute.answered {
                        dispute.answered = true;
                        state.answered =
                            state.answered.checked_add(1).ok_or(RuleError::Overflow)?;
                    }
                }
                self.submissions.insert((month, member), &entry);
                self.env().emit_event(Scored {
                    reviewer,
                    member,
                    month,
                    points,
                    final_points: combined,
                });
            }
            self.months.insert(month, &state);
            Ok(())
        }

        /// Disputes the calling member's points for `month`, once, with a reason reference.
        /// Only the member's current wallet, in the month's dispute window (after the review
        /// window, before scores are final); reviewers may then rescore the entry until the
        /// window ends. Open and answered disputes are listed by `disputes` and counted in the
        /// month's state, for the council to see before it approves the finalize.
        ///
        /// Errors: `Paused`, `DisputeWindowClosed`, `NotMember`, `RegistryUnreachable`,
        /// `NothingToDispute`, `AlreadyDisputed`, `Rule(EvidenceEmpty)`, `Rule(EvidenceTooLong)`,
        /// `Rule(BeforeCalendarStart)`, `Rule(TimeOverflow)`, `Rule(Overflow)`.
        #[cfg(any(not(feature = "part"), feature = "month-code"))]
        #[ink(message)]
        pub fn dispute(&mut self, month: u32, reason_ref: Vec<u8>) -> Result<()> {
            self.ensure_running()?;
            if self.phase(month)? != Phase::Dispute {
                return Err(Error::DisputeWindowClosed);
            }
            let config = self.config_for(month);
            submission::validate_evidence(&reason_ref, config.max_evidence_len)?;
            let who = self.env().caller();
            let member = self.member_of_wallet(who)?.ok_or(Error::NotMember)?;
            let mut entry = self
                .submissions
                .get((month, member))
                .ok_or(Error::NothingToDispute)?;
            if entry.dispute.is_some() {
                return Err(Error::AlreadyDisputed);
            }
            let now = self.env().block_timestamp();
            entry.dispute = Some(Dispute {
                reason_ref: reason_ref.clone(),
                at: now,
                answered: false,
            });
            let mut state = self.months.get(month).unwrap_or_default();
            self.dispute_list.insert((month, state.disputes), &member);
            state.disputes = state.disputes.checked_add(1).ok_or(RuleError::Overflow)?;
            self.submissions.insert((month, member), &entry);
            self.months.insert(month, &state);
            self.env().emit_event(Disputed {
                who,
                member,
                month,
                reason_ref,
            });
            Ok(())
        }

        /// Finalizes `month` with the pool size governance approved: freezes its pool size
        /// (base + growth + carry-in + feeds, by the configuration the month opened with),
        /// slices, totals, gate and bonuses, sets its Head and Senior bonuses aside from the
        /// reserve, starts its claim window (the whole claim period from now) and carries what
        /// no slice takes into the next month. Refused when `pool` differs from the month's pool
        /// now (`finalize_preview` shows it), so a promotion or funding that lands while the
        /// proposal waits in a timelock cannot change what the month pays. Governance only (the
        /// governor contract or the governance account), after the review window, months in
        /// order. One registry read; no member is visited.
        ///
        /// Errors: `Paused`, `NotGovernance`, `FundsReleased`, `MonthFinalized`,
        /// `FinalizeOutOfOrder`,
        /// `ReviewWindowOpen`, `Unfunded`, `PoolSizeChanged`, `Underfunded`,
        /// `BonusReserveShort`, `RegistryUnreachable`, `Rule(Overflow)`, `Rule(TimeOverflow)`.
        #[cfg(any(not(feature = "part"), feature = "month-code"))]
        #[ink(message)]
        pub fn finalize(&mut self, month: u32, pool: Balance) -> Result<()> {
            self.ensure_running()?;
            self.ensure_governance()?;
            if matches!(self.wind_down, WindDown::Released(_)) {
                return Err(Error::FundsReleased);
            }
            let mut state = self.months.get(month).unwrap_or_default();
            if state.finalized.is_some() {
                return Err(Error::MonthFinalized);
            }
            if let Some(last) = self.last_finalized {
                if Some(month) != last.checked_add(1) {
                    return Err(Error::FinalizeOutOfOrder);
                }
            }
            let config = self.config_for(month);
            let now = self.env().block_timestamp();
            if now < self.calendar.scores_final(month, &config.windows)? {
                return Err(Error::ReviewWindowOpen);
            }
            if state.funded == 0 {
                return Err(Error::Unfunded);
            }
            if self.pool_size_of(&state, &config)? != pool {
                return Err(Error::PoolSizeChanged);
            }
            let settlement =
                MonthSettlement::settle(state.funded, pool, &config.weights, state.totals)?;
            let bonus_reserved = reward::bonus_reservation(
                state.heads,
                state.seniors,
                config.head_bonus,
                config.senior_bonus,
            )?;
            self.bonus_reserve = self
                .bonus_reserve
                .checked_sub(bonus_reserved)
                .ok_or(Error::BonusReserveShort)?;
            let carried = settlement.carried;
            let claim_deadline = self
                .clock
                .running_ms(now)
                .checked_add(config.windows.claim_ms)
                .ok_or(RuleError::TimeOverflow)?;
            state.finalized = Some(Finalized {
                settlement,
                gate_bps: config.gate_bps,
                head_bonus: config.head_bonus,
                senior_bonus: config.senior_bonus,
                bonus_reserved,
                claim_deadline,
                finalized_at: now,
            });
            self.months.insert(month, &state);
            self.unswept = self.unswept.checked_add(1).ok_or(RuleError::Overflow)?;
            self.last_finalized = Some(month);
            if self.first_finalized.is_none() {
                self.first_finalized = Some(month);
            }
            let next = month.checked_add(1).ok_or(RuleError::Overflow)?;
            self.carry(next, carried)?;
            self.env().emit_event(MonthFinalized {
                month,
                pool,
                carried,
                bonus_reserved,
            });
            Ok(())
        }

        /// Claims the calling member's reward and rank bonus for each of `months` (1 to 12,
        /// distinct, each finalized, within its claim window, submitted by the member and not yet
        /// claimed), then transfers the total to the caller, the wallet the member holds now.
        /// Returns the total paid. A member below a month's gate gets nothing for it (the month
        /// still counts as claimed). A member suspended or removed after the month still claims
        /// it: the work was reviewed and finalized (misconduct is answered by the review, before
        /// the month is final). Months may be claimed in any order; promotion does not depend on
        /// it (see `advance`). Emits one `Claimed` for the call, listing every month it paid.
        ///
        /// Errors: `Paused`, `BadMonthCount`, `DuplicateMonth`, `NotMember`,
        /// `RegistryUnreachable`, `NotFinalized`, `ClaimWindowClosed`, `NothingToClaim`,
        /// `AlreadyClaimed`, `TransferFailed`, `Rule(Overflow)`.
        #[cfg(any(not(feature = "part"), feature = "claim-code"))]
        #[ink(message)]
        pub fn claim(&mut self, mut months: Vec<u32>) -> Result<Balance> {
            self.ensure_running()?;
            check_months(&mut months)?;
            let who = self.env().caller();
            let member = self.member_of_wallet(who)?.ok_or(Error::NotMember)?;
            let now = self.env().block_timestamp();
            let mut total: Balance = 0;
            let mut paid = Vec::new();
            // The claimed word being marked: months come sorted, so each word is read once and
            // written once when the claim moves past it (at most two words: ≤ 12 months).
            let mut marks: Option<(u32, u128)> = None;
            for month in months {
                let mut state = self.months.get(month).unwrap_or_default();
                let fin = state.finalized.clone().ok_or(Error::NotFinalized)?;
                if self.clock.running_ms(now) >= fin.claim_deadline {
                    return Err(Error::ClaimWindowClosed);
                }
                let entry = self
                    .submissions
                    .get((month, member))
                    .ok_or(Error::NothingToClaim)?;
                let (word, bit) = reward::claim_mark(month);
                let bits = match marks {
                    Some((held, bits)) if held == word => bits,
                    other => {
                        if let Some((held, bits)) = other {
                            self.claimed.insert((member, held), &bits);
                        }
                        self.claimed.get((member, word)).unwrap_or(0)
                    }
                };
                if entry.claimed || bits & bit != 0 {
                    return Err(Error::AlreadyClaimed);
                }
                marks = Some((word, bits | bit));
                let due = due(&fin, &entry)?;
                state.paid = add(state.paid, due.reward)?;
                state.bonus_paid = add(state.bonus_paid, due.bonus)?;
                total = add(total, due.reward)?;
                total = add(total, due.bonus)?;
                self.months.insert(month, &state);
                paid.push((month, due.reward, due.bonus));
            }
            if let Some((word, bits)) = marks {
                self.claimed.insert((member, word), &bits);
            }
            self.liabilities = sub(self.liabilities, total)?;
            self.env().emit_event(Claimed {
                who,
                member,
                months: paid,
            });
            if total > 0 {
                self.env()
                    .transfer(who, total)
                    .map_err(|_| Error::TransferFailed)?;
            }
            Ok(total)
        }

        /// Brings each of `members` (1 to `MAX_ADVANCE_MEMBERS`) up to date in the registry: the
        /// finalized months it has not recorded yet, from the month it joined in (or the pool's
        /// first finalized month, if later), in month order, up to 12 per member per call, each
        /// at the member's percentage that month (0% without a report, the gate not applied).
        /// The registry then applies promotions and the exit flag, and returns the promotions,
        /// which the pool applies to its copy of the members' standing. Anyone may call it, in
        /// any order, as often as they like: it can only record what the finalized months
        /// already decide. Two registry calls whatever the batch (one read, one write). Returns
        /// how many months it recorded.
        ///
        /// Errors: `Paused`, `BadBatchSize`, `RegistryUnreachable`, `Registry(NotMember)`,
        /// `Registry(Paused)`, `Registry(NotAuthorisedCaller)` (this pool is not the registry's
        /// authorised pool), `Registry(Rule(Overflow))`, `Registry(Rule(PercentageOutOfRange))`,
        /// `Rule(TimeOverflow)`, `Rule(Overflow)`.
        #[cfg(any(not(feature = "part"), feature = "month-code"))]
        #[ink(message)]
        pub fn advance(&mut self, members: Vec<MemberId>) -> Result<u32> {
            self.ensure_running()?;
            if members.is_empty() || members.len() > MAX_ADVANCE_MEMBERS as usize {
                return Err(Error::BadBatchSize);
            }
            let Some(first_finalized) = self.first_finalized else {
                return Ok(0);
            };
            let progress = self
                .registry_ref()
                .call()
                .progress(members.clone())
                .try_invoke()
                .map_err(|_| Error::RegistryUnreachable)?
                .map_err(|_| Error::RegistryUnreachable)?;
            let mut entries: Vec<(MemberId, u32, Vec<u32>)> = Vec::new();
            let mut recorded: u32 = 0;
            for (member, progress) in members.into_iter().zip(progress) {
                let (joined_at, last_month) =
                    progress.ok_or(Error::Registry(registry::Error::NotMember))?;
                let first = self
                    .calendar
                    .first_counted_month(joined_at)?
                    .max(first_finalized);
                let months = rules::rank::months_to_record(
                    last_month,
                    first,
                    self.last_finalized,
                    registry::MAX_RECORD_MONTHS,
                );
                if months.is_empty() {
                    continue;
                }
                let start = months.start;
                let percentages: Vec<u32> = months
                    .map(|month| self.percentage_of(month, member))
                    .collect();
                let count = u32::try_from(percentages.len()).map_err(|_| RuleError::Overflow)?;
                recorded = recorded.checked_add(count).ok_or(RuleError::Overflow)?;
                entries.push((member, start, percentages));
            }
            if entries.is_empty() {
                return Ok(0);
            }
            let promoted = self
                .registry_ref()
                .call_mut()
                .record_months(entries)
                .try_invoke()
                .map_err(|_| Error::RegistryUnreachable)?
                .map_err(|_| Error::RegistryUnreachable)?
                .map_err(Error::Registry)?;
            // The registry cannot call back into this pool (ink! refuses re-entry), so its
            // promotions reach the copy of the standing here.
            for (member, rank) in promoted {
                if let Some((_, status, epoch)) = self.standing.get(member) {
                    if epoch == self.wallets_epoch {
                        self.standing.insert(member, &(rank, status, epoch));
                    }
                }
            }
            Ok(recorded)
        }

        /// After `month`'s claim window, moves what is unclaimed (rounding dust included) into
        /// the currently open month and returns unused bonuses to the reserve. A month passed
        /// over (never finalized, before the last finalized month: months are finalized in
        /// order, so it never will be; e.g. funded before the council's first finalize chose a
        /// later month) is swept the same way: everything it was funded, fed or carried moves
        /// forward, so no funding stays behind. Anyone may call it, once per month.
        ///
        /// Errors: `Paused`, `NotFinalized` (nor passed over with funds in it),
        /// `ClaimWindowOpen`, `AlreadySwept`, `Rule(BeforeCalendarStart)`,
        /// `Rule(ExceedsDistributable)`, `Rule(Overflow)`.
        #[cfg(any(not(feature = "part"), feature = "month-code"))]
        #[ink(message)]
        pub fn sweep(&mut self, month: u32) -> Result<Balance> {
            self.ensure_running()?;
            let mut state = self.months.get(month).unwrap_or_default();
            let now = self.env().block_timestamp();
            let (amount, bonus_returned) = match state.finalized.clone() {
                Some(fin) => {
                    if self.clock.running_ms(now) < fin.claim_deadline {
                        return Err(Error::ClaimWindowOpen);
                    }
                    if state.swept {
                        return Err(Error::AlreadySwept);
                    }
                    self.unswept = self.unswept.checked_sub(1).ok_or(RuleError::Overflow)?;
                    (
                        fin.settlement.unclaimed(state.paid)?,
                        sub(fin.bonus_reserved, state.bonus_paid)?,
                    )
                }
                None => {
                    let passed_over = self.last_finalized.is_some_and(|last| month < last);
                    if !passed_over || state.funded == 0 {
                        return Err(Error::NotFinalized);
                    }
                    if state.swept {
                        return Err(Error::AlreadySwept);
                    }
                    // Nothing of it was set aside or owed to a member: all of it moves.
                    (state.funded, 0)
                }
            };
            state.swept = true;
            self.months.insert(month, &state);
            self.bonus_reserve = add(self.bonus_reserve, bonus_returned)?;
            // The open month is never finalized (finalizing needs its review window over),
            // but months are finalized in order, so never carry behind the next one either.
            let open = self.calendar.month_of(now)?;
            let into_month = match self.last_finalized.and_then(|m| m.checked_add(1)) {
                Some(next) => open.max(next),
                None => open,
            };
            self.carry(into_month, amount)?;
            self.env().emit_event(Swept {
                month,
                into_month,
                amount,
                bonus_returned,
            });
            Ok(amount)
        }

        /// What `member` can claim for each of `months` (1 to 12), month by month and department
        /// by department, exactly as `claim` would pay it now.
        ///
        /// Errors: `BadMonthCount`, `DuplicateMonth`, `Rule(Overflow)`.
        #[cfg(any(not(feature = "part"), feature = "views-code"))]
        #[ink(message)]
        pub fn preview(&self, member: MemberId, mut months: Vec<u32>) -> Result<Vec<MonthPreview>> {
            check_months(&mut months)?;
            let now = self.env().block_timestamp();
            let mut out = Vec::new();
            for month in months {
                let fin = self.months.get(month).and_then(|s| s.finalized);
                let entry = self.submissions.get((month, member));
                let mut preview = MonthPreview {
                    month,
                    status: ClaimStatus::NotFinalized,
                    per_department: [0; DEPARTMENT_COUNT],
                    bonus: 0,
                    total: 0,
                    percentage_bps: 0,
                    claim_ends_at: None,
                };
                match (fin, entry) {
                    (None, _) => {}
                    (Some(_), None) => preview.status = ClaimStatus::NoSubmission,
                    (Some(fin), Some(entry)) => {
                        let due = due(&fin, &entry)?;
                        preview.claim_ends_at = self.clock.wall_time_of(fin.claim_deadline, now);
                        preview.status = if self.has_claimed(member, month, &entry) {
                            ClaimStatus::Claimed
                        } else if self.clock.running_ms(now) >= fin.claim_deadline {
                            ClaimStatus::Expired
                        } else {
                            ClaimStatus::Claimable
                        };
                        preview.per_department = due.per_department;
                        preview.bonus = due.bonus;
                        preview.total = add(due.reward, due.bonus)?;
                        preview.percentage_bps = due.percentage_bps;
                    }
                }
                out.push(preview);
            }
            Ok(out)
        }

        // ---- governance ----------------------------------------------------------------------

        /// Sets the configuration for the months that open from now on: it applies from the
        /// month after the current one; months already open keep theirs. A second change in the
        /// same month replaces the first. Governance only.
        ///
        /// Errors: `NotGovernance`, `Paused`, `Rule(WeightsDoNotSumToWhole)`,
        /// `Rule(WindowTooShort)`, `Rule(GateOutOfRange)`, `Rule(EvidenceLimitOutOfRange)`,
        /// `Rule(TimeOverflow)`, `Rule(Overflow)`.
        #[cfg(any(not(feature = "part"), feature = "main-code"))]
        #[ink(message)]
        pub fn set_config(&mut self, config: Config) -> Result<()> {
            self.ensure_governance()?;
            self.ensure_running()?;
            validate_config(&config, &self.calendar)?;
            let from_month = match self.calendar.month_of(self.env().block_timestamp()) {
                // Before a fixed calendar starts, month 0 has not opened yet.
                Err(RuleError::BeforeCalendarStart) => 0,
                other => other?.checked_add(1).ok_or(RuleError::Overflow)?,
            };
            let last = self
                .config_count
                .checked_sub(1)
                .ok_or(RuleError::Overflow)?;
            let index = match self.configs.get(last) {
                Some((from, _)) if from == from_month => last,
                _ => self.config_count,
            };
            self.configs.insert(index, &(from_month, config.clone()));
            self.config_count = index.checked_add(1).ok_or(RuleError::Overflow)?;
            self.config = config.clone();
            self.env().emit_event(ConfigChanged { config, from_month });
            Ok(())
        }

        /// Adds and removes reviewers (at most 32 changes a call); touches no other role.
        /// Governance only.
        ///
        /// Errors: `NotGovernance`, `Paused`, `BadBatchSize`.
        #[cfg(any(not(feature = "part"), feature = "main-code"))]
        #[ink(message)]
        pub fn set_reviewers(&mut self, add: Vec<AccountId>, remove: Vec<AccountId>) -> Result<()> {
            self.ensure_governance()?;
            self.ensure_running()?;
            if add.len().saturating_add(remove.len()) > MAX_REVIEWER_CHANGES as usize {
                return Err(Error::BadBatchSize);
            }
            for who in &add {
                self.reviewers.insert(who, &());
            }
            for who in &remove {
                self.reviewers.remove(who);
            }
            self.env().emit_event(ReviewersChanged {
                added: add,
                removed: remove,
            });
            Ok(())
        }

        /// Sets the authorised funder (the bounty contract), or none; touches no other role.
        /// Governance only.
        ///
        /// Errors: `NotGovernance`, `Paused`.
        #[cfg(any(not(feature = "part"), feature = "main-code"))]
        #[ink(message)]
        pub fn set_funder(&mut self, funder: Option<AccountId>) -> Result<()> {
            self.ensure_governance()?;
            self.ensure_running()?;
            self.funder = funder;
            self.env().emit_event(FunderChanged { funder });
            Ok(())
        }

        /// Starts winding this pool down, when governance replaces it: from now on it takes no
        /// reports and no feeds (governance still funds the months already worked and the bonus
        /// reserve); those months are still finalized, and members
        /// claim, advance and sweep as before, each month keeping its whole claim window. Once
        /// every finalized month is swept, `release` returns the rest. Governance only.
        ///
        /// Errors: `NotGovernance`, `Paused`, `WindingDown` (already).
        #[cfg(any(not(feature = "part"), feature = "main-code"))]
        #[ink(message)]
        pub fn wind_down(&mut self) -> Result<()> {
            self.ensure_governance()?;
            self.ensure_running()?;
            self.ensure_not_winding_down()?;
            let now = self.env().block_timestamp();
            self.wind_down = WindDown::Since(now);
            self.env().emit_event(WindDownChanged {
                state: self.wind_down,
                released: 0,
            });
            Ok(())
        }

        /// Ends a wind-down: pays everything the pool still holds for a purpose (unfinalized
        /// months' funds, carried and swept amounts, the bonus reserve: all of `liabilities`) to
        /// the governance account, the treasury. Only once every finalized month's claim window
        /// has ended and the month was swept, so no member loses a claim. Afterwards nothing can
        /// be finalized. Governance only. Returns the amount.
        ///
        /// Every month with a report must be finalized first (governance may still fund it), so
        /// the work members did is paid before anything returns.
        ///
        /// Errors: `NotGovernance`, `Paused`, `NotWindingDown`, `FundsReleased` (already),
        /// `MonthsUnfinalized`, `ClaimWindowsOpen`, `TransferFailed`.
        #[cfg(any(not(feature = "part"), feature = "main-code"))]
        #[ink(message)]
        pub fn release(&mut self) -> Result<Balance> {
            self.ensure_governance()?;
            self.ensure_running()?;
            match self.wind_down {
                WindDown::Running => return Err(Error::NotWindingDown),
                WindDown::Released(_) => return Err(Error::FundsReleased),
                WindDown::Since(_) => {}
            }
            if self.last_reported > self.last_finalized {
                return Err(Error::MonthsUnfinalized);
            }
            if self.unswept > 0 {
                return Err(Error::ClaimWindowsOpen);
            }
            let amount = self.liabilities;
            self.liabilities = 0;
            self.bonus_reserve = 0;
            self.wind_down = WindDown::Released(self.env().block_timestamp());
            self.env().emit_event(WindDownChanged {
                state: self.wind_down,
                released: amount,
            });
            if amount > 0 {
                self.env()
                    .transfer(self.admin.governance(), amount)
                    .map_err(|_| Error::TransferFailed)?;
            }
            Ok(amount)
        }

        /// Pauses every state change except governance's unpause, upgrade and handover and the
        /// registry's notices (the copy of wallets and standing stays true), and stops the clock
        /// claim windows run on (nobody can claim while paused). Governance only.
        ///
        /// Errors: `NotGovernance`, `Paused` (already paused).
        #[cfg(any(not(feature = "part"), feature = "main-code"))]
        #[ink(message)]
        pub fn pause(&mut self) -> Result<()> {
            let event = self.admin.pause(self.env().caller())?;
            self.clock.pause(self.env().block_timestamp());
            self.env().emit_event(event);
            Ok(())
        }

        /// Lifts a pause. Governance only.
        ///
        /// Errors: `NotGovernance`, `NotPaused`.
        #[cfg(any(not(feature = "part"), feature = "main-code"))]
        #[ink(message)]
        pub fn unpause(&mut self) -> Result<()> {
            let event = self.admin.unpause(self.env().caller())?;
            self.clock.unpause(self.env().block_timestamp());
            self.env().emit_event(event);
            Ok(())
        }

        /// Replaces the contract's code, keeping its storage, and reverts unless the new code
        /// answers `version()` over this storage and is a whole build of the pool, or a router
        /// whose main part answers (`code_part()`, `admin::replace_routed_code`): an upgrade to
        /// another contract's code, to one of the routed builds, or to a build whose storage
        /// layout changed without a migration, is refused and the contract keeps running its
        /// old code. To a **router** (the pool's build of the `router` contract, declaring the
        /// codes it routes to):
        /// the routes it declares are installed once each of its codes proves over this storage
        /// that it is the build its route needs, so the pool stays routed and the router's hash,
        /// the one governance names, pins every code; the old codes' locks are released and the
        /// new ones' taken. To a **whole** code: it runs directly, the routes are forgotten and
        /// their locks released.
        /// The copy of the registry's wallets and members' standing is voided (the epoch moves
        /// on): code that does not keep it, run even for a while, would miss the registry's
        /// notices, so claims and reports ask the registry again. Governance only, also while
        /// paused.
        ///
        /// Errors: `NotGovernance`, `UpgradeFailed` (unknown code hash), `IncompatibleCode`,
        /// `Rule(Overflow)`.
        #[cfg(any(not(feature = "part"), feature = "main-code"))]
        #[ink(message)]
        pub fn set_code(&mut self, code_hash: Hash) -> Result<()> {
            self.ensure_governance()?;
            self.wallets_epoch = self
                .wallets_epoch
                .checked_add(1)
                .ok_or(Error::Rule(RuleError::Overflow))?;
            let event = admin::replace_routed_code(code_hash)?;
            self.env().emit_event(event);
            Ok(())
        }

        /// First step of a governance handover. Governance only.
        ///
        /// Errors: `NotGovernance`.
        #[cfg(any(not(feature = "part"), feature = "main-code"))]
        #[ink(message)]
        pub fn propose_governance(&mut self, to: AccountId) -> Result<()> {
            let event = self.admin.propose(self.env().caller(), to)?;
            self.env().emit_event(event);
            Ok(())
        }

        /// Second step of a governance handover, by the proposed account.
        ///
        /// Errors: `NotPendingGovernance`.
        #[cfg(any(not(feature = "part"), feature = "main-code"))]
        #[ink(message)]
        pub fn accept_governance(&mut self) -> Result<()> {
            let event = self.admin.accept(self.env().caller())?;
            self.env().emit_event(event);
            Ok(())
        }

        // ---- the registry's notices -----------------------------------------------------------

        /// The registry tells the pool that `member` now acts with `new`, and no longer with
        /// `old` (`None` for a member joining). The pool's registry only, whenever it assigns a
        /// wallet while this pool is its authorised pool, also while the pool is paused or
        /// winding down (the registry's changes must never wait on the pool's state). Claims
        /// then find the member without calling the registry.
        ///
        /// Errors: `NotRegistry`.
        #[cfg(any(not(feature = "part"), feature = "main-code"))]
        #[ink(message)]
        pub fn wallet_moved(
            &mut self,
            member: MemberId,
            old: Option<AccountId>,
            new: AccountId,
        ) -> Result<()> {
            self.ensure_registry()?;
            if let Some(old) = old {
                self.wallets.remove(old);
            }
            self.wallets.insert(new, &(member, self.wallets_epoch));
            Ok(())
        }

        /// The registry tells the pool `member`'s rank and status, whenever it inducts the
        /// member or changes either while this pool is its authorised pool (except promotions
        /// by `record_months`, which `advance` applies), in any state of the pool, like
        /// `wallet_moved`. Reports then check the member without calling the registry.
        ///
        /// Errors: `NotRegistry`.
        #[cfg(any(not(feature = "part"), feature = "main-code"))]
        #[ink(message)]
        pub fn standing_changed(
            &mut self,
            member: MemberId,
            rank: Rank,
            status: Status,
        ) -> Result<()> {
            self.ensure_registry()?;
            self.standing
                .insert(member, &(rank, status, self.wallets_epoch));
            Ok(())
        }

        /// The pool's registry tells it several members' wallets, ranks and status at once (its
        /// `retell`, which anyone may run to fill a voided copy, in batches of
        /// `registry::MAX_RETELL`, and which reaches only the pool it has authorised), in any
        /// state of the pool, like `wallet_moved` and `standing_changed`: their claims and
        /// reports are then checked from the copy. The pool's registry only.
        ///
        /// Errors: `NotRegistry`.
        #[cfg(any(not(feature = "part"), feature = "main-code"))]
        #[ink(message)]
        pub fn members_told(&mut self, members: Vec<registry::MemberCopy>) -> Result<()> {
            self.ensure_registry()?;
            for (member, wallet, rank, status) in members {
                self.wallets.insert(wallet, &(member, self.wallets_epoch));
                self.standing
                    .insert(member, &(rank, status, self.wallets_epoch));
            }
            Ok(())
        }

        /// The registry tells the pool it is no longer its authorised pool, so it will not hear
        /// of later rotations or changes of standing: every wallet and standing it holds is
        /// void from now on, and claims and reports ask the registry again. The pool's registry
        /// only, in any state.
        ///
        /// Errors: `NotRegistry`, `Rule(Overflow)`.
        #[cfg(any(not(feature = "part"), feature = "main-code"))]
        #[ink(message)]
        pub fn forget_wallets(&mut self) -> Result<()> {
            self.ensure_registry()?;
            self.wallets_epoch = self
                .wallets_epoch
                .checked_add(1)
                .ok_or(Error::Rule(RuleError::Overflow))?;
            Ok(())
        }

        // ---- views ---------------------------------------------------------------------------

        /// A month's accounts (default values for a month nobody touched).
        #[cfg(any(not(feature = "part"), feature = "views-code"))]
        #[ink(message)]
        pub fn month(&self, month: u32) -> MonthState {
            self.months.get(month).unwrap_or_default()
        }

        /// A member's submission for a month.
        #[cfg(any(not(feature = "part"), feature = "views-code"))]
        #[ink(message)]
        pub fn submission(&self, month: u32, member: MemberId) -> Option<Submission> {
            self.entry_view(month, member)
        }

        /// The month `now` falls in, and its phase.
        ///
        /// Errors: `Rule(BeforeCalendarStart)`, `Rule(TimeOverflow)`.
        #[cfg(any(not(feature = "part"), feature = "views-code"))]
        #[ink(message)]
        pub fn current_month(&self) -> Result<(u32, Phase)> {
            let month = self.calendar.month_of(self.env().block_timestamp())?;
            Ok((month, self.phase(month)?))
        }

        /// The last finalized month.
        #[cfg(any(not(feature = "part"), feature = "views-code"))]
        #[ink(message)]
        pub fn last_finalized(&self) -> Option<u32> {
            self.last_finalized
        }

        /// The unreserved bonus reserve.
        #[cfg(any(not(feature = "part"), feature = "views-code"))]
        #[ink(message)]
        pub fn bonus_reserve(&self) -> Balance {
            self.bonus_reserve
        }

        /// Everything the contract owes or holds for a purpose; its balance always covers it.
        #[cfg(any(not(feature = "part"), feature = "views-code"))]
        #[ink(message)]
        pub fn liabilities(&self) -> Balance {
            self.liabilities
        }

        /// Whether `who` is a reviewer.
        #[cfg(any(not(feature = "part"), feature = "views-code"))]
        #[ink(message)]
        pub fn is_reviewer(&self, who: AccountId) -> bool {
            self.reviewers.contains(who)
        }

        /// The latest configuration (the one months opening from now on get).
        #[cfg(any(not(feature = "part"), feature = "views-code"))]
        #[ink(message)]
        pub fn config(&self) -> Config {
            self.latest_config()
        }

        /// The configuration `month` runs by: the one in force when it opened.
        #[cfg(any(not(feature = "part"), feature = "views-code"))]
        #[ink(message)]
        pub fn config_of(&self, month: u32) -> Config {
            self.config_for(month)
        }

        /// The pool size `finalize(month, ..)` would accept now (base + growth + carry-in +
        /// feeds): the figure a council approves. Anyone may read it.
        ///
        /// Errors: `RegistryUnreachable`, `Rule(Overflow)`.
        #[cfg(any(not(feature = "part"), feature = "views-code"))]
        #[ink(message)]
        pub fn finalize_preview(&self, month: u32) -> Result<Balance> {
            let state = self.months.get(month).unwrap_or_default();
            self.pool_size_of(&state, &self.config_for(month))
        }

        /// The pool's running clock now (wall time less time spent paused): claim deadlines
        /// (`Finalized::claim_deadline`) are on it.
        #[cfg(any(not(feature = "part"), feature = "views-code"))]
        #[ink(message)]
        pub fn running_time(&self) -> u64 {
            self.clock.running_ms(self.env().block_timestamp())
        }

        /// The calendar, the registry and the authorised funder.
        #[cfg(any(not(feature = "part"), feature = "views-code"))]
        #[ink(message)]
        pub fn wiring(&self) -> (Calendar, AccountId, Option<AccountId>) {
            (self.calendar, self.registry, self.funder)
        }

        /// The governance account.
        #[cfg(any(not(feature = "part"), feature = "views-code"))]
        #[ink(message)]
        pub fn governance(&self) -> AccountId {
            self.admin.governance()
        }

        /// The account governance is being handed to, if any.
        #[cfg(any(not(feature = "part"), feature = "views-code"))]
        #[ink(message)]
        pub fn pending_governance(&self) -> Option<AccountId> {
            self.admin.pending()
        }

        /// Whether the contract is paused.
        #[cfg(any(not(feature = "part"), feature = "views-code"))]
        #[ink(message)]
        pub fn paused(&self) -> bool {
            self.admin.is_paused()
        }

        /// `month`'s dates by the configuration it opened with: start, report deadline, review
        /// end, scores final and, once finalized, the claim window's end (none while paused).
        /// Anyone; what the app's reminders and the CLI's `month status` show.
        ///
        /// Errors: `Rule(BeforeCalendarStart)`, `Rule(TimeOverflow)`.
        #[cfg(any(not(feature = "part"), feature = "views-code"))]
        #[ink(message)]
        pub fn month_dates(&self, month: u32) -> Result<MonthDates> {
            let windows = self.config_for(month).windows;
            let now = self.env().block_timestamp();
            let claim_ends_at = self
                .months
                .get(month)
                .and_then(|state| state.finalized)
                .and_then(|fin| self.clock.wall_time_of(fin.claim_deadline, now));
            Ok(MonthDates {
                start: self.calendar.start(month)?,
                deadline: self.calendar.submission_deadline(month)?,
                review_end: self.calendar.review_end(month, &windows)?,
                scores_final: self.calendar.scores_final(month, &windows)?,
                claim_ends_at,
            })
        }

        /// `month`'s submissions by the members with ids `from` to `from + limit - 1`, at most
        /// `PAGE_MAX` ids per call, in id order: what a review queue and a month report page
        /// through. It scans ids, not entries, so a page may be empty before the last one; the
        /// registry's `member_count` says where ids end. Anyone, any time.
        #[cfg(any(not(feature = "part"), feature = "views-code"))]
        #[ink(message)]
        pub fn submissions_page(
            &self,
            month: u32,
            from: MemberId,
            limit: u32,
        ) -> Vec<(MemberId, Submission)> {
            let end = from.saturating_add(limit.min(PAGE_MAX));
            (from..end)
                .filter_map(|member| Some((member, self.entry_view(month, member)?)))
                .collect()
        }

        /// `month`'s disputes in the order made, from position `from`, at most `PAGE_MAX`:
        /// each member with its entry (points, reviews with reasons, the dispute and whether it
        /// was answered). The council reads it before approving the finalize.
        #[cfg(any(not(feature = "part"), feature = "views-code"))]
        #[ink(message)]
        pub fn disputes(&self, month: u32, from: u32, limit: u32) -> Vec<(MemberId, Submission)> {
            let total = self.months.get(month).map_or(0, |state| state.disputes);
            let end = from.saturating_add(limit.min(PAGE_MAX)).min(total);
            (from..end)
                .filter_map(|n| {
                    let member = self.dispute_list.get((month, n))?;
                    Some((member, self.entry_view(month, member)?))
                })
                .collect()
        }

        /// Where a wind-down stands, and how many finalized months wait for their sweep.
        #[cfg(any(not(feature = "part"), feature = "views-code"))]
        #[ink(message)]
        pub fn wind_down_state(&self) -> (WindDown, u32) {
            (self.wind_down, self.unswept)
        }

        /// The version of the running code.
        #[ink(message)]
        pub fn version(&self) -> u32 {
            CODE_VERSION
        }

        /// The codes a routed pool's router sends calls to (`admin::Routes`: the main part, then
        /// the claim, submit, score, month and views parts), or `None` for a pool that runs one
        /// code (made with `new`, or upgraded to a whole code since). Anyone.
        #[cfg(any(not(feature = "part"), feature = "main-code"))]
        #[ink(message)]
        pub fn routes(&self) -> Option<admin::Routes> {
            admin::stored_routes()
        }

        /// Which build of the pool answers (`admin::Part`): `admin::WHOLE` for the whole
        /// contract, else the build's index in the routes (`admin::MAIN` for the main part, then
        /// claim 1, submit 2, score 3, month 4, views 5: the order of the `*-code` features in
        /// Cargo.toml, in which `./scripts/build-contracts` has the router declare them and
        /// compiles the index in: `admin::code_part!`). Through a routed pool's router the main
        /// part answers. How `new_routed` and `set_code` prove each code is the one its route
        /// needs. Anyone.
        #[ink(message)]
        pub fn code_part(&self) -> admin::Part {
            admin::code_part!()
        }

        // ---- internals -----------------------------------------------------------------------

        fn ensure_governance(&self) -> Result<()> {
            Ok(self.admin.ensure_governance(self.env().caller())?)
        }

        fn ensure_running(&self) -> Result<()> {
            Ok(self.admin.ensure_running()?)
        }

        fn ensure_not_winding_down(&self) -> Result<()> {
            match self.wind_down {
                WindDown::Running => Ok(()),
                _ => Err(Error::WindingDown),
            }
        }

        fn phase(&self, month: u32) -> Result<Phase> {
            let now = self.env().block_timestamp();
            let windows = self.config_for(month).windows;
            Ok(self.calendar.phase(month, now, &windows)?)
        }

        fn latest_config(&self) -> Config {
            self.config.clone()
        }

        /// The configuration in force when `month` opened: the newest version whose first
        /// month is not after it. Walks back from the newest version, so current months cost
        /// one read; versions are governance's rare changes.
        fn config_for(&self, month: u32) -> Config {
            // Version 0 applies from month 0, so only a broken store falls back to the latest.
            rules::in_force(self.config_count, month, |i| self.configs.get(i))
                .unwrap_or_else(|| self.latest_config())
        }

        /// A month's pool size by `config`: base + step per five first-time Ambassadors (one
        /// registry read) + carry-in + feeds.
        fn pool_size_of(&self, state: &MonthState, config: &Config) -> Result<Balance> {
            let new_ambassadors = self
                .registry_ref()
                .call()
                .first_time_ambassadors()
                .try_invoke()
                .map_err(|_| Error::RegistryUnreachable)?
                .map_err(|_| Error::RegistryUnreachable)?
                .saturating_sub(config.ambassador_baseline);
            Ok(reward::pool_size(
                config.base,
                config.step,
                new_ambassadors,
                add(state.carried_in, state.fed)?,
            )?)
        }

        fn registry_ref(&self) -> RegistryRef {
            RegistryRef::from_account_id(self.registry)
        }

        fn registry_bound_member(&self, wallet: AccountId) -> Result<Option<MemberId>> {
            self.registry_ref()
                .call()
                .bound_member_of(wallet)
                .try_invoke()
                .map_err(|_| Error::RegistryUnreachable)?
                .map_err(|_| Error::RegistryUnreachable)
        }

        fn ensure_registry(&self) -> Result<()> {
            if self.env().caller() != self.registry {
                return Err(Error::NotRegistry);
            }
            Ok(())
        }

        /// The member `wallet` acts for now: from the pool's copy of the registry's map when it
        /// holds the wallet (no registry call), else from the registry.
        fn member_of_wallet(&self, wallet: AccountId) -> Result<Option<MemberId>> {
            match self.wallets.get(wallet) {
                Some((member, epoch)) if epoch == self.wallets_epoch => Ok(Some(member)),
                _ => self.registry_member_id(wallet),
            }
        }

        /// Whether `member` has claimed `month`, whose entry is `entry`: its mark in the
        /// member's claimed words, or the entry's own flag from before the words (`Submission`).
        #[cfg(any(not(feature = "part"), feature = "views-code"))]
        fn has_claimed(&self, member: MemberId, month: u32, entry: &Submission) -> bool {
            let (word, bit) = reward::claim_mark(month);
            entry.claimed || self.claimed.get((member, word)).unwrap_or(0) & bit != 0
        }

        /// `member`'s entry for `month` as the views show it: `claimed` as `has_claimed` says.
        #[cfg(any(not(feature = "part"), feature = "views-code"))]
        fn entry_view(&self, month: u32, member: MemberId) -> Option<Submission> {
            let mut entry = self.submissions.get((month, member))?;
            entry.claimed = self.has_claimed(member, month, &entry);
            Some(entry)
        }

        /// The id and rank of the active member `wallet` acts for, as the registry's
        /// `active_member` answers: from the pool's copy when it holds both the wallet and the
        /// member's standing (no registry call), else from the registry.
        fn active_member(&self, wallet: AccountId) -> Result<(MemberId, Rank)> {
            let epoch = self.wallets_epoch;
            if let Some((member, told)) = self.wallets.get(wallet) {
                if told == epoch {
                    if let Some((rank, status, told)) = self.standing.get(member) {
                        if told == epoch {
                            let rank =
                                registry::reporting_rank(rank, status).map_err(Error::Registry)?;
                            return Ok((member, rank));
                        }
                    }
                }
            }
            registry_result(
                self.registry_ref()
                    .call()
                    .active_member(wallet)
                    .try_invoke(),
            )
        }

        fn registry_member_id(&self, wallet: AccountId) -> Result<Option<MemberId>> {
            self.registry_ref()
                .call()
                .member_id_of(wallet)
                .try_invoke()
                .map_err(|_| Error::RegistryUnreachable)?
                .map_err(|_| Error::RegistryUnreachable)
        }

        /// Credits `amount` carried from an earlier month to `month` (already in liabilities).
        fn carry(&mut self, month: u32, amount: Balance) -> Result<()> {
            if amount == 0 {
                return Ok(());
            }
            let mut state = self.months.get(month).unwrap_or_default();
            state.funded = add(state.funded, amount)?;
            state.carried_in = add(state.carried_in, amount)?;
            self.months.insert(month, &state);
            self.env().emit_event(Funded {
                month,
                from: self.env().account_id(),
                amount,
            });
            Ok(())
        }

        /// A member's percentage in a finalized month: 0 without a report or a score.
        fn percentage_of(&self, month: u32, member: MemberId) -> u32 {
            self.submissions.get((month, member)).map_or(0, |entry| {
                submission::monthly_percentage_bps(
                    &entry.points.unwrap_or_default(),
                    entry.departments,
                )
            })
        }
    }

    /// What a finalized month owes a member's submission.
    struct Due {
        per_department: PerDepartment,
        reward: Balance,
        bonus: Balance,
        percentage_bps: u32,
    }

    fn due(fin: &Finalized, entry: &Submission) -> Result<Due> {
        let points = entry.points.unwrap_or_default();
        let percentage_bps = submission::monthly_percentage_bps(&points, entry.departments);
        if !submission::passes_gate(percentage_bps, fin.gate_bps) {
            return Ok(Due {
                per_department: [0; DEPARTMENT_COUNT],
                reward: 0,
                bonus: 0,
                percentage_bps,
            });
        }
        let per_department = fin.settlement.reward(&points)?;
        Ok(Due {
            per_department,
            reward: reward::sum(&per_department)?,
            bonus: reward::rank_bonus_due(
                entry.rank,
                percentage_bps,
                fin.gate_bps,
                fin.head_bonus,
                fin.senior_bonus,
            ),
            percentage_bps,
        })
    }

    fn bonus_count(state: &mut MonthState, rank: Rank, add: bool) -> Result<()> {
        let slot = match rank {
            Rank::Head => &mut state.heads,
            Rank::Senior => &mut state.seniors,
            Rank::Candidate | Rank::Ambassador => return Ok(()),
        };
        *slot = if add {
            slot.checked_add(1)
        } else {
            slot.checked_sub(1)
        }
        .ok_or(RuleError::Overflow)?;
        Ok(())
    }

    /// Sorts a claim's months and checks their count and distinctness.
    fn check_months(months: &mut [u32]) -> Result<()> {
        if months.is_empty() || months.len() > MAX_CLAIM_MONTHS as usize {
            return Err(Error::BadMonthCount);
        }
        rules::sort_small(months);
        if months.windows(2).any(|pair| pair[0] == pair[1]) {
            return Err(Error::DuplicateMonth);
        }
        Ok(())
    }

    fn registry_result(
        result: core::result::Result<
            ink::MessageResult<registry::Result<(MemberId, Rank)>>,
            ink::env::Error,
        >,
    ) -> Result<(MemberId, Rank)> {
        result
            .map_err(|_| Error::RegistryUnreachable)?
            .map_err(|_| Error::RegistryUnreachable)?
            .map_err(Error::Registry)
    }
}

pub use reward_pool::{
    ClaimStatus, Config, Dispute, Error, Finalized, MonthDates, MonthPreview, MonthState, Result,
    Review, RewardPool, RewardPoolRef, ScoreEntry, ScoreFault, Submission, WindDown,
};
