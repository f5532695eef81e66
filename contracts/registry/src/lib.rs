//! # Contributor registry
//!
//! Who the program's members are: a stable member id per person, the wallet that currently acts
//! for it, its rank and status, the months recorded for it with the streaks that promote it, and
//! the contributions bounties paid it. The rules themselves (streaks, status transitions, the
//! Head cap, evidence bounds) live in the plain-Rust `rules` crate; this contract keeps storage,
//! checks roles, emits events and answers the pool and bounty contracts.
//!
//! ## Roles
//! - **governance** (an account or the governor contract): inducts, accepts and rejects
//!   applications, sets ranks, suspends, removes, authorises the pool and bounty contracts, sets
//!   parameters, pauses, upgrades, hands governance over in two steps.
//! - **any wallet**: applies to join.
//! - **a member's wallet**: retires, proposes a new wallet (which must accept within
//!   `WALLET_PROPOSAL_LIFETIME_MS`), withdraws that proposal (governance may withdraw it too).
//! - **the authorised reward pool**: records finalized months (`record_months`), which it does
//!   in its permissionless `advance`.
//! - **the authorised bounty contract**: records contributions when it awards and reverses
//!   them when governance cancels an award (`record_contribution`, `reverse_contribution`).
//!
//! ## The pool's copy of the wallets
//! A claim is the message members pay for most often, and loading the registry's code for it
//! cost as much proof as the rest of the claim. So the authorised reward pool keeps a copy of
//! the wallet → member map, and the registry keeps it true: every wallet it assigns (a member
//! joining, a rotation accepted) is told to the authorised pool (`wallet_moved`) in the same
//! transaction, and a pool that stops being the authorised one is told to forget its copy
//! (`forget_wallets`). A report needs the member's rank and status too, and loading the
//! registry for them cost a submission as much as the rest of it, so the pool keeps those as
//! well: every join, rank change and status change is told to the pool (`standing_changed`),
//! except promotions by `record_months`, whose caller is the pool itself (ink! refuses a call
//! back into it): `record_months` returns them and the pool applies them to its copy. If the
//! pool refuses or cannot be called, the change is refused (`PoolUnreachable`) and nothing
//! changes. A pool asks the registry for any wallet or standing its copy does not hold, so a
//! copy that starts late (a replacement pool) is incomplete, never wrong. An upgrade of either
//! contract voids the copy (the registry's `set_code` tells the pool to forget; the pool's moves
//! its epoch on): code that does not keep it true, run even for a while, would leave it wrong.
//! What a voided copy costs is that claims and reports ask the registry until the members'
//! wallets and standing are told again: on their next rotation or change, or by `retell`, which
//! anyone may run over the members in batches of `MAX_RETELL` to fill the copy at once (after an
//! upgrade, a re-authorisation, or for members who joined before the pool was authorised).
//!
//! ## The promotion rule
//! A member's rank and streaks after month N depend only on its percentages in the finalized
//! months from the month it joined in up to N, in month order, a month without a report counting
//! as 0%. Months reach the registry only from the pool's `advance` (anyone may call it, for any
//! member): each finalized month exactly once, contiguous, in order (`record_months` refuses
//! anything else), never from a claim. So nobody can change a member's promotion by the order in
//! which they claim or call anything: they can only make it happen sooner.
//!
//! ## Which parameters judge a month
//! A month is judged by the streak parameters in force for it, however late its record arrives:
//! `set_params` names the first month the new streak parameters judge (the governor passes the
//! month after the pool's current one), and is refused for a month already recorded for anyone.
//! The Head cap and the reference limit apply from the change on.
//!
//! ## Invariants
//! - A wallet maps to at most one member id and a member id to exactly one wallet.
//! - `rank_counts` counts members that have not left, per rank; `rank_counts[Head] <= head_cap`
//!   whenever a Head is added (lowering the cap later does not demote anyone).
//! - Months are recorded per member contiguously and in order, each once.
//! - While a contract is the authorised reward pool, its copy of the wallets agrees with
//!   `member_of` for every wallet it holds, and its copy of a member's standing with the
//!   member's rank and status (the calls above succeed or the change is undone).
//! - A wallet that ever acted for a member stays bound to that member (`bound_member_of`): it can
//!   never become another member's wallet, so a check "is this reviewer that member?" made by
//!   member id holds across rotations.
//! - `first_time_ambassadors` counts members whose rank reached Ambassador or above for the first
//!   time, however they got there (induction, acceptance, promotion, a rank set by governance); it
//!   never decreases.
//! - No message iterates over all members: `retell` reads at most `MAX_RETELL` of them.
#![cfg_attr(not(feature = "std"), no_std, no_main)]
// A routed build (`main-code`, `records-code`, `views-code`) keeps some of the registry's messages
// beside `version` and `code_part`; the helpers the others use go unused.
#![cfg_attr(feature = "part", allow(dead_code, unused_imports))]

pub use rules::rank::{Rank, Status, StreakParams, Streaks};
pub use rules::Error as RuleError;

/// A member's stable id: what the pool and bounty contracts key their records by.
pub type MemberId = u32;

/// The code version `version()` reports. Built with the `next-version` feature the same contract
/// reports one more, which is how the upgrade test tells new code from old over the same storage.
pub const CODE_VERSION: u32 = if cfg!(feature = "next-version") { 2 } else { 1 };

/// How long a proposed wallet may accept the move (14 days): a proposal nobody accepts lapses,
/// so a wallet the member once named cannot take the member over months later.
pub const WALLET_PROPOSAL_LIFETIME_MS: u64 = 14 * rules::calendar::DAY_MS;
/// Most month records one `history` call returns.
pub const HISTORY_PAGE_MAX: u32 = 64;
/// Most months one `record_months` call records per member.
pub const MAX_RECORD_MONTHS: u32 = 12;
/// Most members one `record_months` or `progress` call covers.
pub const MAX_RECORD_MEMBERS: u32 = 32;
/// Most members one `retell` tells the pool of.
pub const MAX_RETELL: u32 = 50;

/// What `retell` tells the pool of one member: its id, the wallet acting for it, its rank and
/// its status.
pub type MemberCopy = (MemberId, ink::primitives::AccountId, Rank, Status);

#[ink::contract]
pub mod registry {
    use super::*;
    use admin::{Admin, AdminError};
    use ink::prelude::vec::Vec;
    use ink::storage::Mapping;
    use rules::rank::{self, StatusChange};
    use rules::submission;

    /// The program's registry parameters, set at instantiation and by governance.
    #[derive(Debug, Clone, PartialEq, Eq)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    #[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
    pub struct Params {
        /// Promotion thresholds, streak length and the exit rule.
        pub streak: StreakParams,
        /// Most Heads at any time.
        pub head_cap: u32,
        /// Longest evidence or reason reference accepted, in bytes (1 to 512).
        pub max_evidence_len: u32,
    }

    /// Everything the registry knows about a member.
    #[derive(Debug, Clone, PartialEq, Eq)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    #[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
    pub struct Member {
        /// The wallet that currently acts for the member.
        pub wallet: AccountId,
        /// Current rank.
        pub rank: Rank,
        /// Current status.
        pub status: Status,
        /// When the member joined (block timestamp, ms).
        pub joined_at: u64,
        /// Evidence given on joining (application or induction).
        pub evidence_ref: Vec<u8>,
        /// The last month recorded for the member.
        pub last_month: Option<u32>,
        /// Streak counters toward promotion and exit.
        pub streaks: Streaks,
        /// Whether the exit rule currently flags the member for removal.
        pub exit_flagged: bool,
        /// Whether the member has ever been Ambassador or above.
        pub reached_ambassador: bool,
        /// Total of the contributions bounties recorded for the member.
        pub contribution_total: Balance,
        /// Number of months recorded (the length of its history).
        pub months_recorded: u32,
    }

    /// One recorded month.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    #[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
    pub struct MonthRecord {
        /// The month id (see `rules::calendar`).
        pub month: u32,
        /// The member's percentage that month, in basis points.
        pub percentage_bps: u32,
    }

    /// A wallet's pending application.
    #[derive(Debug, Clone, PartialEq, Eq)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    #[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
    pub struct Application {
        /// The applicant's evidence reference.
        pub evidence_ref: Vec<u8>,
        /// When it applied (ms).
        pub applied_at: u64,
    }

    /// A proposed move of a member to a new wallet.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    #[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
    pub struct PendingWallet {
        /// The wallet that may accept.
        pub wallet: AccountId,
        /// It may accept until then (ms, exclusive).
        pub expires_at: u64,
    }

    /// A contract the registry lets record into members' histories.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    #[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
    pub enum AuthorisedCaller {
        /// The reward pool, which records finalized months.
        RewardPool,
        /// The bounty contract, which records and reverses contributions.
        Bounty,
    }

    /// Why a registry message failed.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    pub enum Error {
        /// The caller is not the governance account.
        NotGovernance,
        /// The caller is not the account governance was handed to.
        NotPendingGovernance,
        /// The caller is not the authorised reward pool (or bounty) contract.
        NotAuthorisedCaller,
        /// The wallet already belongs to a member.
        AlreadyMember,
        /// No member has this wallet or id.
        NotMember,
        /// The wallet already has a pending application.
        ApplicationPending,
        /// The wallet has no pending application.
        NoApplication,
        /// The pending application is not the one the acceptance names (`applied_at`): it was
        /// replaced after governance reviewed it.
        ApplicationChanged,
        /// The member is suspended.
        Suspended,
        /// The contract is paused.
        Paused,
        /// The contract is not paused.
        NotPaused,
        /// The target wallet already belongs to a member.
        WalletInUse,
        /// No wallet rotation to this wallet is pending.
        NoPendingWallet,
        /// The proposed move to this wallet lapsed (`WALLET_PROPOSAL_LIFETIME_MS` passed); the
        /// member proposes again.
        WalletProposalExpired,
        /// Only the member's current wallet or governance may withdraw its proposed move.
        NotMemberNorGovernance,
        /// The member already has that rank.
        RankUnchanged,
        /// No members or months given to record, or more than `MAX_RECORD_MEMBERS` members or
        /// `MAX_RECORD_MONTHS` months for one of them.
        BadMonthCount,
        /// A reversal exceeds the contributions recorded for the member.
        ReversalExceedsContributions,
        /// New streak parameters would judge a month already recorded for some member.
        ParamsForRecordedMonth,
        /// The chain refused the new code hash.
        UpgradeFailed,
        /// The new code cannot run this contract (it cannot read the storage, or has no
        /// `version` message): the upgrade was reverted.
        IncompatibleCode,
        /// A program rule refused the input; the inner error names the rule.
        Rule(RuleError),
        /// The authorised reward pool refused or could not be told of the change (a new
        /// member, a rotated wallet, a rank or status change, or that it is no longer
        /// authorised): nothing changed.
        /// Governance fixes or replaces the pool first.
        PoolUnreachable,
    }

    impl From<RuleError> for Error {
        fn from(error: RuleError) -> Self {
            Error::Rule(error)
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

    /// Result of the registry's messages.
    pub type Result<T> = core::result::Result<T, Error>;

    /// A wallet applied to join.
    #[ink(event)]
    pub struct Applied {
        /// The applicant.
        #[ink(topic)]
        pub who: AccountId,
        /// Its evidence reference.
        pub evidence_ref: Vec<u8>,
    }

    /// Governance rejected an application.
    #[ink(event)]
    pub struct ApplicationRejected {
        /// The applicant.
        #[ink(topic)]
        pub who: AccountId,
        /// Why, as a reference.
        pub reason_ref: Vec<u8>,
    }

    /// A member joined (an accepted application or an induction).
    #[ink(event)]
    pub struct MemberJoined {
        /// Its wallet.
        #[ink(topic)]
        pub who: AccountId,
        /// Its new member id.
        pub member: MemberId,
        /// Its starting rank.
        pub rank: Rank,
    }

    /// A member's rank changed.
    #[ink(event)]
    pub struct RankChanged {
        /// Its wallet.
        #[ink(topic)]
        pub who: AccountId,
        /// Its id.
        pub member: MemberId,
        /// The rank before.
        pub from: Rank,
        /// The rank after.
        pub to: Rank,
        /// True for a promotion by the streak rules, false for governance's act.
        pub automatic: bool,
    }

    /// A member's status changed (suspended, unsuspended, retired, removed).
    #[ink(event)]
    pub struct StatusChanged {
        /// Its wallet.
        #[ink(topic)]
        pub who: AccountId,
        /// Its id.
        pub member: MemberId,
        /// The status after.
        pub status: Status,
        /// Why, as a reference (empty for unsuspend and retire).
        pub reason_ref: Vec<u8>,
    }

    /// A member proposed to move to a new wallet.
    #[ink(event)]
    pub struct WalletProposed {
        /// The current wallet.
        #[ink(topic)]
        pub who: AccountId,
        /// The member's id.
        pub member: MemberId,
        /// The proposed wallet.
        #[ink(topic)]
        pub new_wallet: AccountId,
    }

    /// A member's proposed wallet move was withdrawn, by the member or by governance.
    #[ink(event)]
    pub struct WalletProposalWithdrawn {
        /// The member's id.
        pub member: MemberId,
        /// The wallet that was proposed.
        #[ink(topic)]
        pub new_wallet: AccountId,
        /// Who withdrew it.
        pub by: AccountId,
    }

    /// A member moved to a new wallet.
    #[ink(event)]
    pub struct WalletRotated {
        /// The new wallet.
        #[ink(topic)]
        pub who: AccountId,
        /// The member's id.
        pub member: MemberId,
        /// The old wallet, which no longer acts for the member.
        #[ink(topic)]
        pub old_wallet: AccountId,
    }

    /// A month was recorded for a member.
    #[ink(event)]
    pub struct MonthRecorded {
        /// Its wallet.
        #[ink(topic)]
        pub who: AccountId,
        /// Its id.
        pub member: MemberId,
        /// The month id.
        pub month: u32,
        /// Its percentage, in basis points.
        pub percentage_bps: u32,
        /// Streaks after the month.
        pub streaks: Streaks,
    }

    /// The exit rule flagged a member for removal (governance decides).
    #[ink(event)]
    pub struct ExitFlagged {
        /// Its wallet.
        #[ink(topic)]
        pub who: AccountId,
        /// Its id.
        pub member: MemberId,
    }

    /// A bounty recorded a contribution for a member.
    #[ink(event)]
    pub struct ContributionRecorded {
        /// Its wallet.
        #[ink(topic)]
        pub who: AccountId,
        /// Its id.
        pub member: MemberId,
        /// Where it came from (the bounty id).
        pub source: u32,
        /// The amount.
        pub amount: Balance,
        /// A reference (an award memo).
        pub reference: Vec<u8>,
        /// The member's total after it.
        pub total: Balance,
    }

    /// Governance cancelled an award a bounty had recorded: it no longer counts.
    #[ink(event)]
    pub struct ContributionReversed {
        /// Its wallet.
        #[ink(topic)]
        pub who: AccountId,
        /// Its id.
        pub member: MemberId,
        /// Where it came from (the bounty id).
        pub source: u32,
        /// The amount taken off.
        pub amount: Balance,
        /// The member's total after it.
        pub total: Balance,
    }

    /// Governance changed the parameters.
    #[ink(event)]
    pub struct ParamsChanged {
        /// The new parameters.
        pub params: Params,
        /// The first month their streak parameters judge.
        pub from_month: u32,
    }

    /// Governance changed an authorised contract; both are shown as they now are.
    #[ink(event)]
    pub struct CallersAuthorised {
        /// The contract allowed to record months.
        pub reward_pool: Option<AccountId>,
        /// The contract allowed to record contributions.
        pub bounty: Option<AccountId>,
    }

    /// The registry's storage.
    #[ink(storage)]
    pub struct Registry {
        admin: Admin,
        params: Params,
        /// Streak parameter versions, oldest first: `(first month they judge, parameters)`.
        streak_versions: Mapping<u32, (u32, StreakParams)>,
        streak_version_count: u32,
        /// The latest month recorded for any member.
        max_recorded_month: Option<u32>,
        reward_pool: Option<AccountId>,
        bounty: Option<AccountId>,
        next_member_id: MemberId,
        member_of: Mapping<AccountId, MemberId>,
        /// Every wallet that ever acted for a member, to that member (current ones included).
        bound_to: Mapping<AccountId, MemberId>,
        members: Mapping<MemberId, Member>,
        history: Mapping<(MemberId, u32), MonthRecord>,
        applications: Mapping<AccountId, Application>,
        pending_wallets: Mapping<MemberId, PendingWallet>,
        /// The member that last proposed a move to each wallet: how a new wallet finds the move
        /// it may accept without its member id (`pending_move_to` checks it is still pending).
        pending_to: Mapping<AccountId, MemberId>,
        rank_counts: [u32; 4],
        first_time_ambassadors: u32,
    }

    fn validate_params(params: &Params) -> Result<()> {
        params.streak.validate()?;
        submission::check_evidence_limit(params.max_evidence_len)?;
        Ok(())
    }

    /// What the registry tells its authorised pool about the wallet map.
    enum PoolNotice {
        /// `member` now acts with the third wallet; the second (if any) no longer acts.
        WalletMoved(MemberId, Option<AccountId>, AccountId),
        /// `member`'s rank or status changed (or it joined): what a report checks.
        Standing(MemberId, Rank, Status),
        /// The pool is no longer the authorised one: its copy is no longer kept true.
        Forget,
    }

    /// Calls the pool's message `selector` with `args`; true if it answered `Ok(())` or has no
    /// such message (ink!'s `CouldNotReadInput`: a pool build that keeps no copy has nothing to
    /// be told); false if it refused (the reply is then not `Ok(())` and does not decode as
    /// one), trapped or could not be called. One body for every notice (the arguments are
    /// encoded by the caller): each copy of a call builder costs every registry call its code.
    fn call_pool<A: scale::Encode>(pool: AccountId, selector: [u8; 4], args: A) -> bool {
        call_pool_encoded(pool, selector, &args.encode(), true)
    }

    /// [`call_pool`] with the arguments encoded; `missing_ok`: whether a pool without the
    /// message counts as told (true for the notices; `retell`, which exists to fill the copy,
    /// must not report members told to a pool that cannot take them).
    #[inline(never)]
    fn call_pool_encoded(
        pool: AccountId,
        selector: [u8; 4],
        args: &[u8],
        missing_ok: bool,
    ) -> bool {
        use ink::env::call::{build_call, ExecutionInput, Selector};
        let reply = build_call::<ink::env::DefaultEnvironment>()
            .call(pool)
            .exec_input(
                ExecutionInput::new(Selector::new(selector)).push_arg(admin::EncodedArgs(args)),
            )
            .returns::<core::result::Result<(), ()>>()
            .try_invoke();
        match reply {
            Ok(Ok(Ok(()))) => true,
            Ok(Err(ink::LangError::CouldNotReadInput)) => missing_ok,
            _ => false,
        }
    }

    impl Registry {
        /// Creates a registry governed by `governance` with `params`, running one code (the
        /// whole build).
        ///
        /// Errors: `Rule(ThresholdOutOfRange)`, `Rule(StreakLengthZero)`,
        /// `Rule(EvidenceLimitOutOfRange)` for bad parameters.
        #[cfg(not(feature = "part"))]
        #[ink(constructor)]
        pub fn new(governance: AccountId, params: Params) -> Result<Self> {
            Self::create(governance, params)
        }

        /// Creates a registry as [`Self::new`] does, served by several codes behind a router
        /// (issue 20: every code at most 32 KiB, what each call loads): instantiated from the
        /// registry's main part (the `main-code` build), it makes `router` (the registry's
        /// build of the `router` contract) the account's code, which sends each message to the
        /// build that serves it (`admin::Routes`: this code, then the records and views parts
        /// the router declares), over this one storage. Every routed code is locked as the
        /// registry's delegate dependency. Before switching, the router must declare this code
        /// as its main part and each code must answer over the new registry's storage that it is
        /// the build its route needs (`code_part()`: `admin::install_routes`). Clients see one
        /// contract with the whole build's ABI. Instantiated from any other code it is refused.
        ///
        /// Errors: those of [`Self::new`]; `IncompatibleCode` (`router` is not a router or
        /// declares another main part, a code the chain does not know or that does not answer
        /// over this storage as its route's build, or a code declared twice).
        #[cfg(any(not(feature = "part"), feature = "main-code"))]
        #[ink(constructor)]
        pub fn new_routed(governance: AccountId, params: Params, router: Hash) -> Result<Self> {
            let registry = Self::create(governance, params)?;
            admin::install_routes(&registry, router)?;
            Ok(registry)
        }

        /// Refused: a part build other than the main one is never instantiated; it only serves
        /// a routed registry's calls of its messages (see [`Self::new_routed`]).
        ///
        /// Errors: `IncompatibleCode`, always.
        #[cfg(all(feature = "part", not(feature = "main-code")))]
        #[ink(constructor)]
        pub fn never() -> Result<Self> {
            Err(Error::IncompatibleCode)
        }

        /// The registry both constructors create (one copy of the code).
        #[cfg(any(not(feature = "part"), feature = "main-code"))]
        #[inline(never)]
        fn create(governance: AccountId, params: Params) -> Result<Self> {
            validate_params(&params)?;
            let mut streak_versions = Mapping::default();
            streak_versions.insert(0, &(0u32, params.streak));
            Ok(Self {
                admin: Admin::new(governance),
                params,
                streak_versions,
                streak_version_count: 1,
                max_recorded_month: None,
                reward_pool: None,
                bounty: None,
                next_member_id: 0,
                member_of: Mapping::default(),
                bound_to: Mapping::default(),
                members: Mapping::default(),
                history: Mapping::default(),
                applications: Mapping::default(),
                pending_wallets: Mapping::default(),
                pending_to: Mapping::default(),
                rank_counts: [0; 4],
                first_time_ambassadors: 0,
            })
        }

        // ---- joining -------------------------------------------------------------------------

        /// Applies to join with an evidence reference. Any wallet that is not a member, was
        /// never a member's wallet and has no pending application may call it.
        ///
        /// Errors: `Paused`, `AlreadyMember`, `WalletInUse` (a member's former wallet: it stays
        /// bound to that member, so it could never be accepted), `ApplicationPending`,
        /// `Rule(EvidenceEmpty)`, `Rule(EvidenceTooLong)`.
        #[cfg(any(not(feature = "part"), feature = "main-code"))]
        #[ink(message)]
        pub fn apply(&mut self, evidence_ref: Vec<u8>) -> Result<()> {
            self.ensure_running()?;
            let who = self.env().caller();
            self.ensure_not_member(who, Error::AlreadyMember)?;
            if self.bound_to.contains(who) {
                return Err(Error::WalletInUse);
            }
            if self.applications.contains(who) {
                return Err(Error::ApplicationPending);
            }
            submission::validate_evidence(&evidence_ref, self.params.max_evidence_len)?;
            let application = Application {
                evidence_ref: evidence_ref.clone(),
                applied_at: self.env().block_timestamp(),
            };
            self.applications.insert(who, &application);
            self.env().emit_event(Applied { who, evidence_ref });
            Ok(())
        }

        /// Accepts `who`'s pending application at `rank`. The acceptance names the application
        /// it accepts by its `applied_at` (what governance reviewed): if that application was
        /// rejected and `who` applied again meanwhile, the acceptance is refused. Governance
        /// only.
        ///
        /// Errors: `NotGovernance`, `Paused`, `NoApplication`, `ApplicationChanged`,
        /// `AlreadyMember` (the wallet became a member meanwhile), `WalletInUse` (a former
        /// wallet of a member), `Rule(HeadCapReached)`, `Rule(Overflow)`, `PoolUnreachable`.
        #[cfg(any(not(feature = "part"), feature = "main-code"))]
        #[ink(message)]
        pub fn accept_application(
            &mut self,
            who: AccountId,
            rank: Rank,
            applied_at: u64,
        ) -> Result<MemberId> {
            self.ensure_governance()?;
            self.ensure_running()?;
            let application = self.applications.take(who).ok_or(Error::NoApplication)?;
            if application.applied_at != applied_at {
                return Err(Error::ApplicationChanged);
            }
            self.join(who, rank, application.evidence_ref)
        }

        /// Rejects `who`'s pending application, with a reason reference. Like the acceptance it
        /// names the application it rejects by its `applied_at`, so a rejection waiting in the
        /// timelock never rejects a re-application nobody reviewed. Governance only.
        ///
        /// Errors: `NotGovernance`, `Paused`, `NoApplication`, `ApplicationChanged`,
        /// `Rule(EvidenceEmpty)`, `Rule(EvidenceTooLong)` for the reason.
        #[cfg(any(not(feature = "part"), feature = "main-code"))]
        #[ink(message)]
        pub fn reject_application(
            &mut self,
            who: AccountId,
            applied_at: u64,
            reason_ref: Vec<u8>,
        ) -> Result<()> {
            self.ensure_governance()?;
            self.ensure_running()?;
            submission::validate_evidence(&reason_ref, self.params.max_evidence_len)?;
            let application = self.applications.get(who).ok_or(Error::NoApplication)?;
            if application.applied_at != applied_at {
                return Err(Error::ApplicationChanged);
            }
            self.applications.remove(who);
            self.env()
                .emit_event(ApplicationRejected { who, reason_ref });
            Ok(())
        }

        /// Inducts `who` directly at `rank`, with an evidence reference. Governance only. A
        /// pending application of `who` is consumed.
        ///
        /// Errors: `NotGovernance`, `Paused`, `AlreadyMember`, `WalletInUse` (a former wallet of
        /// a member), `Rule(HeadCapReached)`,
        /// `Rule(EvidenceEmpty)`, `Rule(EvidenceTooLong)`, `Rule(Overflow)`, `PoolUnreachable`.
        #[cfg(any(not(feature = "part"), feature = "main-code"))]
        #[ink(message)]
        pub fn induct(
            &mut self,
            who: AccountId,
            rank: Rank,
            evidence_ref: Vec<u8>,
        ) -> Result<MemberId> {
            self.ensure_governance()?;
            self.ensure_running()?;
            submission::validate_evidence(&evidence_ref, self.params.max_evidence_len)?;
            let id = self.join(who, rank, evidence_ref)?;
            self.applications.remove(who);
            Ok(id)
        }

        // ---- rank and status -----------------------------------------------------------------

        /// Sets a member's rank: promote, demote or grant Head. Governance only.
        ///
        /// Errors: `NotGovernance`, `Paused`, `NotMember`, `Rule(MemberHasLeft)`,
        /// `RankUnchanged`, `Rule(HeadCapReached)`, `Rule(Overflow)`, `PoolUnreachable` (the
        /// authorised pool could not be told; module docs, "The pool's copy of the wallets").
        #[cfg(any(not(feature = "part"), feature = "main-code"))]
        #[ink(message)]
        pub fn set_rank(&mut self, member: MemberId, rank: Rank) -> Result<()> {
            self.ensure_governance()?;
            self.ensure_running()?;
            let mut record = self.member_record(member)?;
            if record.status.has_left() {
                return Err(RuleError::MemberHasLeft.into());
            }
            if record.rank == rank {
                return Err(Error::RankUnchanged);
            }
            self.change_rank(member, &mut record, rank, false)?;
            self.members.insert(member, &record);
            self.tell_pool(PoolNotice::Standing(member, rank, record.status))
        }

        /// Suspends a member, with a reason reference. Governance only.
        ///
        /// Errors: `NotGovernance`, `Paused`, `NotMember`, `Rule(AlreadySuspended)`,
        /// `Rule(MemberHasLeft)`, `Rule(EvidenceEmpty)`, `Rule(EvidenceTooLong)`,
        /// `PoolUnreachable`.
        #[cfg(any(not(feature = "part"), feature = "main-code"))]
        #[ink(message)]
        pub fn suspend(&mut self, member: MemberId, reason_ref: Vec<u8>) -> Result<()> {
            self.ensure_governance()?;
            self.change_status(member, StatusChange::Suspend, reason_ref)
        }

        /// Lifts a member's suspension. Governance only.
        ///
        /// Errors: `NotGovernance`, `Paused`, `NotMember`, `Rule(NotSuspended)`,
        /// `Rule(MemberHasLeft)`, `PoolUnreachable`.
        #[cfg(any(not(feature = "part"), feature = "main-code"))]
        #[ink(message)]
        pub fn unsuspend(&mut self, member: MemberId) -> Result<()> {
            self.ensure_governance()?;
            self.change_status(member, StatusChange::Unsuspend, Vec::new())
        }

        /// Removes a member, with a reason reference. Governance only. The member keeps its id
        /// and wallet so that it can still claim what it earned before.
        ///
        /// Errors: `NotGovernance`, `Paused`, `NotMember`, `Rule(MemberHasLeft)`,
        /// `Rule(EvidenceEmpty)`, `Rule(EvidenceTooLong)`, `PoolUnreachable`.
        #[cfg(any(not(feature = "part"), feature = "main-code"))]
        #[ink(message)]
        pub fn remove(&mut self, member: MemberId, reason_ref: Vec<u8>) -> Result<()> {
            self.ensure_governance()?;
            self.change_status(member, StatusChange::Remove, reason_ref)
        }

        /// Retires the calling member. Its wallet keeps its id so it can still claim.
        ///
        /// Errors: `Paused`, `NotMember`, `Rule(MemberHasLeft)`, `PoolUnreachable`.
        #[cfg(any(not(feature = "part"), feature = "main-code"))]
        #[ink(message)]
        pub fn retire(&mut self) -> Result<()> {
            let member = self.caller_member()?;
            self.change_status(member, StatusChange::Retire, Vec::new())
        }

        // ---- wallet rotation -----------------------------------------------------------------

        /// Proposes to move the calling member to `new_wallet`; the new wallet must accept within
        /// `WALLET_PROPOSAL_LIFETIME_MS`. A second proposal replaces the first (and its clock).
        ///
        /// Errors: `Paused`, `NotMember`, `WalletInUse` (the target is a member's wallet, or
        /// once acted for another member), `Rule(TimeOverflow)`.
        #[cfg(any(not(feature = "part"), feature = "records-code"))]
        #[ink(message)]
        pub fn propose_wallet(&mut self, new_wallet: AccountId) -> Result<()> {
            self.ensure_running()?;
            let who = self.env().caller();
            let member = self.caller_member()?;
            self.ensure_not_member(new_wallet, Error::WalletInUse)?;
            self.ensure_unbound_or(new_wallet, member, Error::WalletInUse)?;
            let expires_at = self
                .env()
                .block_timestamp()
                .checked_add(WALLET_PROPOSAL_LIFETIME_MS)
                .ok_or(RuleError::TimeOverflow)?;
            self.drop_pending_to(member);
            self.pending_to.insert(new_wallet, &member);
            self.pending_wallets.insert(
                member,
                &PendingWallet {
                    wallet: new_wallet,
                    expires_at,
                },
            );
            self.env().emit_event(WalletProposed {
                who,
                member,
                new_wallet,
            });
            Ok(())
        }

        /// Accepts a pending move of `member` to the calling wallet, before the proposal lapses.
        /// Rank, status, history, streaks and contributions move with the id; the old wallet
        /// stops being a member. A pending application of the new wallet is dropped.
        ///
        /// Errors: `Paused`, `NoPendingWallet`, `WalletProposalExpired`, `WalletInUse` (the
        /// caller became a member's wallet meanwhile, or once acted for another member),
        /// `NotMember`, `PoolUnreachable` (the authorised pool could not be told: the old
        /// wallet keeps acting).
        #[cfg(any(not(feature = "part"), feature = "records-code"))]
        #[ink(message)]
        pub fn accept_wallet(&mut self, member: MemberId) -> Result<()> {
            self.ensure_running()?;
            let who = self.env().caller();
            let pending = self
                .pending_wallets
                .get(member)
                .filter(|pending| pending.wallet == who)
                .ok_or(Error::NoPendingWallet)?;
            if self.env().block_timestamp() >= pending.expires_at {
                return Err(Error::WalletProposalExpired);
            }
            self.ensure_not_member(who, Error::WalletInUse)?;
            self.ensure_unbound_or(who, member, Error::WalletInUse)?;
            let mut record = self.member_record(member)?;
            let old_wallet = record.wallet;
            record.wallet = who;
            self.pending_wallets.remove(member);
            self.pending_to.remove(who);
            self.member_of.remove(old_wallet);
            self.member_of.insert(who, &member);
            self.bound_to.insert(who, &member);
            self.members.insert(member, &record);
            self.applications.remove(who);
            self.tell_pool(PoolNotice::WalletMoved(member, Some(old_wallet), who))?;
            self.env().emit_event(WalletRotated {
                who,
                member,
                old_wallet,
            });
            Ok(())
        }

        /// Withdraws `member`'s proposed wallet move (pending or lapsed). The member's current
        /// wallet or governance (a wallet named by mistake, or suspected to be compromised), also
        /// while the registry is paused.
        ///
        /// Errors: `NotMemberNorGovernance`, `NoPendingWallet`.
        #[cfg(any(not(feature = "part"), feature = "records-code"))]
        #[ink(message)]
        pub fn withdraw_wallet(&mut self, member: MemberId) -> Result<()> {
            let by = self.env().caller();
            let own = self.member_of.get(by) == Some(member);
            if !own && self.admin.ensure_governance(by).is_err() {
                return Err(Error::NotMemberNorGovernance);
            }
            let pending = self
                .pending_wallets
                .get(member)
                .ok_or(Error::NoPendingWallet)?;
            self.drop_pending_to(member);
            self.pending_wallets.remove(member);
            self.env().emit_event(WalletProposalWithdrawn {
                member,
                new_wallet: pending.wallet,
                by,
            });
            Ok(())
        }

        // ---- records from the pool and the bounty --------------------------------------------

        /// Records, for each `(member, first_month, percentages)` entry (1 to
        /// `MAX_RECORD_MEMBERS` of them), the member's percentages for the consecutive months
        /// `first_month`, `first_month + 1`, … (1 to `MAX_RECORD_MONTHS`), applying the streak
        /// rules to each in order: automatic promotion Candidate → Ambassador and Ambassador →
        /// Senior, and the exit flag. A member's first month must follow its last recorded one
        /// exactly, so every month is recorded once and in order. For a member that has left only
        /// the history is kept. Only the authorised reward-pool contract may call it (from its
        /// `advance`, with finalized months only, a month without a report at 0%); one bad entry
        /// refuses the whole call. Returns the members it promoted, each with its rank after
        /// the call: the pool is the caller, so the registry cannot call it back with the
        /// change (ink! refuses re-entry), and the pool updates its copy of their standing
        /// itself (module docs, "The pool's copy of the wallets").
        ///
        /// Errors: `Paused`, `NotAuthorisedCaller`, `NotMember`, `BadMonthCount`,
        /// `Rule(MonthOutOfOrder)`, `Rule(PercentageOutOfRange)`, `Rule(Overflow)`.
        #[cfg(any(not(feature = "part"), feature = "records-code"))]
        #[ink(message)]
        pub fn record_months(
            &mut self,
            entries: Vec<(MemberId, u32, Vec<u32>)>,
        ) -> Result<Vec<(MemberId, Rank)>> {
            self.ensure_running()?;
            if Some(self.env().caller()) != self.reward_pool {
                return Err(Error::NotAuthorisedCaller);
            }
            if entries.is_empty() || entries.len() > MAX_RECORD_MEMBERS as usize {
                return Err(Error::BadMonthCount);
            }
            let mut promoted = Vec::new();
            for (member, first_month, percentages) in entries {
                if let Some(rank) = self.record_member_months(member, first_month, percentages)? {
                    promoted.push((member, rank));
                }
            }
            Ok(promoted)
        }

        /// Adds a bounty contribution to `member`'s total and emits it. Only the authorised
        /// bounty contract may call it.
        ///
        /// Errors: `Paused`, `NotAuthorisedCaller`, `NotMember`, `Rule(EvidenceEmpty)`,
        /// `Rule(EvidenceTooLong)` for the reference, `Rule(Overflow)`.
        #[cfg(any(not(feature = "part"), feature = "records-code"))]
        #[ink(message)]
        pub fn record_contribution(
            &mut self,
            member: MemberId,
            source: u32,
            amount: Balance,
            reference: Vec<u8>,
        ) -> Result<()> {
            self.ensure_running()?;
            if Some(self.env().caller()) != self.bounty {
                return Err(Error::NotAuthorisedCaller);
            }
            submission::validate_evidence(&reference, self.params.max_evidence_len)?;
            let mut record = self.member_record(member)?;
            record.contribution_total = record
                .contribution_total
                .checked_add(amount)
                .ok_or(RuleError::Overflow)?;
            self.members.insert(member, &record);
            self.env().emit_event(ContributionRecorded {
                who: record.wallet,
                member,
                source,
                amount,
                reference,
                total: record.contribution_total,
            });
            Ok(())
        }

        /// Takes a cancelled award off `member`'s contribution total, so the history shows
        /// only awards that stand. Only the authorised bounty contract may call it (when
        /// governance cancels an award it had recorded); it works while the registry is paused,
        /// because governance's right to cancel an award must not depend on the registry.
        ///
        /// Errors: `NotAuthorisedCaller`, `NotMember`, `ReversalExceedsContributions`.
        #[cfg(any(not(feature = "part"), feature = "records-code"))]
        #[ink(message)]
        pub fn reverse_contribution(
            &mut self,
            member: MemberId,
            source: u32,
            amount: Balance,
        ) -> Result<()> {
            if Some(self.env().caller()) != self.bounty {
                return Err(Error::NotAuthorisedCaller);
            }
            let mut record = self.member_record(member)?;
            record.contribution_total = record
                .contribution_total
                .checked_sub(amount)
                .ok_or(Error::ReversalExceedsContributions)?;
            self.members.insert(member, &record);
            self.env().emit_event(ContributionReversed {
                who: record.wallet,
                member,
                source,
                amount,
                total: record.contribution_total,
            });
            Ok(())
        }

        /// Tells the authorised pool the wallet, rank and status of the members with ids from
        /// `from` up to `from + count` (at most `MAX_RETELL`, none past the last member), in
        /// one call, so that its copy answers their claims and reports again without the
        /// registry: after an upgrade of either contract or a re-authorisation voided the copy,
        /// or for members who joined while the pool was not authorised. It only copies what the
        /// registry holds now, so anyone may run it (the caller pays), whenever, also while the
        /// registry or the pool is paused. Returns the id to go on from; `from` itself when the
        /// range holds no member (`count` 0, or `from` past the last member), and then nothing
        /// is sent.
        ///
        /// Errors: `PoolUnreachable` (no authorised pool, or it is not a contract, refused, has
        /// no `members_told` (a pool build that keeps no copy: upgrade it first) or could not be
        /// called).
        #[cfg(any(not(feature = "part"), feature = "records-code"))]
        #[ink(message)]
        pub fn retell(&mut self, from: MemberId, count: u32) -> Result<MemberId> {
            let pool = self
                .reward_pool
                .filter(|pool| self.env().is_contract(pool))
                .ok_or(Error::PoolUnreachable)?;
            let end = from
                .saturating_add(count.min(MAX_RETELL))
                .min(self.next_member_id);
            let told: Vec<MemberCopy> = (from..end)
                .filter_map(|id| {
                    let m = self.members.get(id)?;
                    Some((id, m.wallet, m.rank, m.status))
                })
                .collect();
            if told.is_empty() {
                return Ok(from);
            }
            // Not `call_pool`: a pool without the message has taken nothing.
            if !call_pool_encoded(
                pool,
                ink::selector_bytes!("members_told"),
                &scale::Encode::encode(&told),
                false,
            ) {
                return Err(Error::PoolUnreachable);
            }
            Ok(end)
        }

        // ---- governance ----------------------------------------------------------------------

        /// Sets the contract allowed to act as `role` (the reward pool records months, the
        /// bounty contract records contributions), or none; the other role is untouched.
        /// Governance only.
        ///
        /// A pool that stops being the authorised one is told to forget its copy of the wallets
        /// and members' standing (see the module docs).
        ///
        /// Errors: `NotGovernance`, `Paused`, `PoolUnreachable` (the pool being replaced could
        /// not be told to forget its copy).
        #[cfg(any(not(feature = "part"), feature = "main-code"))]
        #[ink(message)]
        pub fn set_authorised(
            &mut self,
            role: AuthorisedCaller,
            account: Option<AccountId>,
        ) -> Result<()> {
            self.ensure_governance()?;
            self.ensure_running()?;
            match role {
                AuthorisedCaller::RewardPool => {
                    if self.reward_pool != account {
                        self.tell_pool(PoolNotice::Forget)?;
                    }
                    self.reward_pool = account
                }
                AuthorisedCaller::Bounty => self.bounty = account,
            }
            self.env().emit_event(CallersAuthorised {
                reward_pool: self.reward_pool,
                bounty: self.bounty,
            });
            Ok(())
        }

        /// Replaces the parameters. The streak parameters judge the months from `from_month`
        /// on (earlier months keep theirs, however late they are recorded); the Head cap and the
        /// reference limit apply at once. A second change for the same first month replaces the
        /// first. Governance only; the governor names the month after the pool's current one.
        ///
        /// Errors: `NotGovernance`, `Paused`, `ParamsForRecordedMonth` (a month up to
        /// `from_month` is already recorded for a member, or an earlier change starts later),
        /// `Rule(ThresholdOutOfRange)`, `Rule(StreakLengthZero)`,
        /// `Rule(EvidenceLimitOutOfRange)`, `Rule(Overflow)`.
        #[cfg(any(not(feature = "part"), feature = "main-code"))]
        #[ink(message)]
        pub fn set_params(&mut self, params: Params, from_month: u32) -> Result<()> {
            self.ensure_governance()?;
            self.ensure_running()?;
            validate_params(&params)?;
            if self.max_recorded_month.is_some_and(|max| from_month <= max) {
                return Err(Error::ParamsForRecordedMonth);
            }
            let last = self
                .streak_version_count
                .checked_sub(1)
                .ok_or(RuleError::Overflow)?;
            let index = match self.streak_versions.get(last) {
                Some((from, _)) if from == from_month => last,
                Some((from, _)) if from > from_month => return Err(Error::ParamsForRecordedMonth),
                _ => self.streak_version_count,
            };
            self.streak_versions
                .insert(index, &(from_month, params.streak));
            self.streak_version_count = index.checked_add(1).ok_or(RuleError::Overflow)?;
            self.params = params.clone();
            self.env().emit_event(ParamsChanged { params, from_month });
            Ok(())
        }

        /// Pauses every state change except governance's unpause, upgrade and handover (so a
        /// fix can be deployed while paused). Governance only.
        ///
        /// Errors: `NotGovernance`, `Paused` (already paused).
        #[cfg(any(not(feature = "part"), feature = "main-code"))]
        #[ink(message)]
        pub fn pause(&mut self) -> Result<()> {
            let event = self.admin.pause(self.env().caller())?;
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
            self.env().emit_event(event);
            Ok(())
        }

        /// Replaces the contract's code, keeping its storage, and reverts unless the new code
        /// answers `version()` over this storage and is a whole build, or a router whose main
        /// part answers (`code_part()`, `admin::replace_routed_code`): an upgrade to another
        /// contract's code, to one of the routed builds, or to a build whose storage layout
        /// changed without a migration, is refused and the contract keeps running its old code.
        /// To a **router** (the registry's build of the `router` contract, declaring the codes
        /// it routes to): the routes it declares are installed once each of its codes proves
        /// over this storage that it is the build its route needs, so the registry stays routed
        /// and the router's hash, the one governance names, pins every code; the old codes'
        /// locks are released and the new ones' taken. To a **whole** code: it runs directly,
        /// the routes are forgotten and their locks released. The authorised pool is first told
        /// to forget its copy (`forget_wallets`): the new code may not keep it true (an older
        /// build does not tell the pool of ranks and status), so the pool asks the registry
        /// again. Governance only, also while paused.
        ///
        /// Errors: `NotGovernance`, `PoolUnreachable` (the pool could not be told: governance
        /// fixes or replaces it first), `UpgradeFailed` (unknown code hash), `IncompatibleCode`.
        #[cfg(any(not(feature = "part"), feature = "main-code"))]
        #[ink(message)]
        pub fn set_code(&mut self, code_hash: Hash) -> Result<()> {
            self.ensure_governance()?;
            self.tell_pool(PoolNotice::Forget)?;
            let event = admin::replace_routed_code(code_hash)?;
            self.env().emit_event(event);
            Ok(())
        }

        /// First step of a governance handover: names the next governance account, which must
        /// accept. A second proposal replaces the first. Governance only.
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

        // ---- views ---------------------------------------------------------------------------

        /// The member id of `wallet`, if it is a member's current wallet.
        #[cfg(any(not(feature = "part"), feature = "views-code"))]
        #[ink(message)]
        pub fn member_id_of(&self, wallet: AccountId) -> Option<MemberId> {
            self.member_of.get(wallet)
        }

        /// The member `wallet` acts for now or ever acted for: what the pool checks so that no
        /// reviewer scores its own member, whatever wallets changed.
        #[cfg(any(not(feature = "part"), feature = "views-code"))]
        #[ink(message)]
        pub fn bound_member_of(&self, wallet: AccountId) -> Option<MemberId> {
            self.bound_to.get(wallet)
        }

        /// For each of `members` (at most `MAX_RECORD_MEMBERS`; more are ignored), when it
        /// joined and the last month recorded for it, or `None` for an unknown id: what the
        /// pool's `advance` reads to know which months to send.
        #[cfg(any(not(feature = "part"), feature = "views-code"))]
        #[ink(message)]
        pub fn progress(&self, members: Vec<MemberId>) -> Vec<Option<(u64, Option<u32>)>> {
            members
                .into_iter()
                .take(MAX_RECORD_MEMBERS as usize)
                .map(|member| {
                    self.members
                        .get(member)
                        .map(|record| (record.joined_at, record.last_month))
                })
                .collect()
        }

        /// The record of `member`.
        #[cfg(any(not(feature = "part"), feature = "views-code"))]
        #[ink(message)]
        pub fn member(&self, member: MemberId) -> Option<Member> {
            self.members.get(member)
        }

        /// The id and rank of the active member whose wallet is `wallet`: what the pool checks
        /// before a submission.
        ///
        /// Errors: `NotMember`, `Suspended`, `Rule(MemberHasLeft)`.
        #[cfg(any(not(feature = "part"), feature = "views-code"))]
        #[ink(message)]
        pub fn active_member(&self, wallet: AccountId) -> Result<(MemberId, Rank)> {
            let id = self.member_of.get(wallet).ok_or(Error::NotMember)?;
            let record = self.member_record(id)?;
            Ok((id, super::reporting_rank(record.rank, record.status)?))
        }

        /// Up to `limit` (at most 64) of `member`'s recorded months, oldest first, starting at
        /// the `from`-th.
        #[cfg(any(not(feature = "part"), feature = "views-code"))]
        #[ink(message)]
        pub fn history(&self, member: MemberId, from: u32, limit: u32) -> Vec<MonthRecord> {
            let recorded = self
                .members
                .get(member)
                .map_or(0, |record| record.months_recorded);
            let end = from
                .saturating_add(limit.min(HISTORY_PAGE_MAX))
                .min(recorded);
            (from..end)
                .filter_map(|index| self.history.get((member, index)))
                .collect()
        }

        /// Members that have not left, per rank: `[Candidate, Ambassador, Senior, Head]`.
        #[cfg(any(not(feature = "part"), feature = "views-code"))]
        #[ink(message)]
        pub fn rank_counts(&self) -> [u32; 4] {
            self.rank_counts
        }

        /// Members that reached Ambassador or above for the first time, ever.
        #[cfg(any(not(feature = "part"), feature = "views-code"))]
        #[ink(message)]
        pub fn first_time_ambassadors(&self) -> u32 {
            self.first_time_ambassadors
        }

        /// Member ids issued so far (ids run from 0 to this, exclusive).
        #[cfg(any(not(feature = "part"), feature = "views-code"))]
        #[ink(message)]
        pub fn member_count(&self) -> u32 {
            self.next_member_id
        }

        /// The move a member proposed to `wallet` and that is still pending (it may have lapsed:
        /// compare `expires_at` with the chain's time): the member id and the proposal. What the
        /// new wallet reads to accept the move without knowing the member id.
        #[cfg(any(not(feature = "part"), feature = "views-code"))]
        #[ink(message)]
        pub fn pending_move_to(&self, wallet: AccountId) -> Option<(MemberId, PendingWallet)> {
            let member = self.pending_to.get(wallet)?;
            let pending = self.pending_wallets.get(member)?;
            (pending.wallet == wallet).then_some((member, pending))
        }

        /// The pending application of `wallet`.
        #[cfg(any(not(feature = "part"), feature = "views-code"))]
        #[ink(message)]
        pub fn application(&self, wallet: AccountId) -> Option<Application> {
            self.applications.get(wallet)
        }

        /// The wallet `member` proposed to move to and until when it may accept, if a proposal
        /// was made and not accepted or withdrawn (a lapsed one is shown until replaced).
        #[cfg(any(not(feature = "part"), feature = "views-code"))]
        #[ink(message)]
        pub fn pending_wallet(&self, member: MemberId) -> Option<PendingWallet> {
            self.pending_wallets.get(member)
        }

        /// The contracts authorised to record months and contributions: `(reward_pool, bounty)`.
        #[cfg(any(not(feature = "part"), feature = "views-code"))]
        #[ink(message)]
        pub fn authorised(&self) -> (Option<AccountId>, Option<AccountId>) {
            (self.reward_pool, self.bounty)
        }

        /// The latest parameters.
        #[cfg(any(not(feature = "part"), feature = "views-code"))]
        #[ink(message)]
        pub fn params(&self) -> Params {
            self.params.clone()
        }

        /// The streak parameters that judge `month`.
        #[cfg(any(not(feature = "part"), feature = "views-code"))]
        #[ink(message)]
        pub fn streak_params_of(&self, month: u32) -> StreakParams {
            self.streak_params_for(month)
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

        /// The version of the running code ([`CODE_VERSION`]).
        #[ink(message)]
        pub fn version(&self) -> u32 {
            CODE_VERSION
        }

        /// The codes a routed registry's router sends calls to (`admin::Routes`: the main part,
        /// then the records and views parts), or `None` for a registry that runs one code (made
        /// with `new`, or upgraded to a whole code since). Anyone.
        #[cfg(any(not(feature = "part"), feature = "main-code"))]
        #[ink(message)]
        pub fn routes(&self) -> Option<admin::Routes> {
            admin::stored_routes()
        }

        /// Which build of the registry answers (`admin::Part`): `admin::WHOLE` for the whole
        /// contract, else the build's index in the routes (`admin::MAIN` for the main part, then
        /// records 1, views 2: the order of the `*-code` features in Cargo.toml, in which
        /// `./scripts/build-contracts` has the router declare them and compiles the index in:
        /// `admin::code_part!`). Through a routed registry's router the main part answers. How
        /// `new_routed` and `set_code` prove each code is the one its route needs. Anyone.
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

        fn ensure_not_member(&self, wallet: AccountId, error: Error) -> Result<()> {
            if self.member_of.contains(wallet) {
                Err(error)
            } else {
                Ok(())
            }
        }

        /// Records one member's consecutive months (see `record_months`); its new rank if they
        /// promoted it.
        fn record_member_months(
            &mut self,
            member: MemberId,
            first_month: u32,
            percentages: Vec<u32>,
        ) -> Result<Option<Rank>> {
            if percentages.is_empty() || percentages.len() > MAX_RECORD_MONTHS as usize {
                return Err(Error::BadMonthCount);
            }
            let mut record = self.member_record(member)?;
            let rank_before = record.rank;
            if let Some(last) = record.last_month {
                if last.checked_add(1) != Some(first_month) {
                    return Err(RuleError::MonthOutOfOrder.into());
                }
            }
            for (month, percentage_bps) in (first_month..).zip(percentages) {
                submission::check_percentage(percentage_bps)?;
                // Each month is judged by the streak parameters in force for it.
                let streak = self.streak_params_for(month);
                if self.max_recorded_month.is_none_or(|max| month > max) {
                    self.max_recorded_month = Some(month);
                }
                if !record.status.has_left() {
                    let outcome =
                        rank::record_month(record.rank, record.streaks, percentage_bps, &streak);
                    record.streaks = outcome.streaks;
                    if outcome.exit_flagged && !record.exit_flagged {
                        self.env().emit_event(ExitFlagged {
                            who: record.wallet,
                            member,
                        });
                    }
                    record.exit_flagged = outcome.exit_flagged;
                    if let Some(to) = outcome.promoted_to {
                        self.change_rank(member, &mut record, to, true)?;
                    }
                }
                let index = record.months_recorded;
                record.months_recorded = index.checked_add(1).ok_or(RuleError::Overflow)?;
                record.last_month = Some(month);
                self.history.insert(
                    (member, index),
                    &MonthRecord {
                        month,
                        percentage_bps,
                    },
                );
                self.env().emit_event(MonthRecorded {
                    who: record.wallet,
                    member,
                    month,
                    percentage_bps,
                    streaks: record.streaks,
                });
            }
            self.members.insert(member, &record);
            Ok((record.rank != rank_before).then_some(record.rank))
        }

        /// Refuses `wallet` when it once acted for a member other than `member`.
        fn ensure_unbound_or(
            &self,
            wallet: AccountId,
            member: MemberId,
            error: Error,
        ) -> Result<()> {
            match self.bound_to.get(wallet) {
                Some(bound) if bound != member => Err(error),
                _ => Ok(()),
            }
        }

        /// The newest streak parameters whose first month is not after `month`.
        fn streak_params_for(&self, month: u32) -> StreakParams {
            // Version 0 applies from month 0, so only a broken store falls back to the latest.
            rules::in_force(self.streak_version_count, month, |i| {
                self.streak_versions.get(i)
            })
            .unwrap_or(self.params.streak)
        }

        fn member_record(&self, member: MemberId) -> Result<Member> {
            self.members.get(member).ok_or(Error::NotMember)
        }

        fn caller_member(&self) -> Result<MemberId> {
            self.member_of
                .get(self.env().caller())
                .ok_or(Error::NotMember)
        }

        fn count(&mut self, rank: Rank, add: bool) -> Result<()> {
            let slot = &mut self.rank_counts[rank as usize];
            *slot = if add {
                slot.checked_add(1)
            } else {
                slot.checked_sub(1)
            }
            .ok_or(RuleError::Overflow)?;
            Ok(())
        }

        /// Notes a first arrival at Ambassador or above.
        fn note_ambassador(&mut self, record: &mut Member) -> Result<()> {
            if record.rank >= Rank::Ambassador && !record.reached_ambassador {
                record.reached_ambassador = true;
                self.first_time_ambassadors = self
                    .first_time_ambassadors
                    .checked_add(1)
                    .ok_or(RuleError::Overflow)?;
            }
            Ok(())
        }

        /// Tells the authorised reward pool what changed in the wallet map or a member's standing,
        /// or to forget its copy (see the module docs, "The pool's copy of the wallets").
        /// Nothing to tell without a pool, or when a plain account stands in as the pool (it
        /// keeps no copy). The pool must answer `Ok`: a refusal or a trap refuses the change,
        /// because a pool that missed a rotation would still pay the old wallet, or one that
        /// missed a suspension take the member's report. A contract without the message keeps no
        /// copy either (a contract authorised by mistake), so governance can always authorise
        /// another.
        fn tell_pool(&self, notice: PoolNotice) -> Result<()> {
            let Some(pool) = self.reward_pool else {
                return Ok(());
            };
            if !self.env().is_contract(&pool) {
                return Ok(());
            }
            let told = match notice {
                PoolNotice::WalletMoved(member, old, new) => call_pool(
                    pool,
                    ink::selector_bytes!("wallet_moved"),
                    (member, old, new),
                ),
                PoolNotice::Standing(member, rank, status) => call_pool(
                    pool,
                    ink::selector_bytes!("standing_changed"),
                    (member, rank, status),
                ),
                PoolNotice::Forget => call_pool(pool, ink::selector_bytes!("forget_wallets"), ()),
            };
            if told {
                Ok(())
            } else {
                Err(Error::PoolUnreachable)
            }
        }

        /// Removes the reverse entry of `member`'s pending move, if it still points at it.
        fn drop_pending_to(&mut self, member: MemberId) {
            if let Some(pending) = self.pending_wallets.get(member) {
                if self.pending_to.get(pending.wallet) == Some(member) {
                    self.pending_to.remove(pending.wallet);
                }
            }
        }

        fn join(&mut self, who: AccountId, rank: Rank, evidence_ref: Vec<u8>) -> Result<MemberId> {
            self.ensure_not_member(who, Error::AlreadyMember)?;
            // A former wallet of a member stays that member's: it cannot join as someone else.
            if self.bound_to.contains(who) {
                return Err(Error::WalletInUse);
            }
            if rank == Rank::Head {
                rank::check_head_cap(self.rank_counts[Rank::Head as usize], self.params.head_cap)?;
            }
            let id = self.next_member_id;
            self.next_member_id = id.checked_add(1).ok_or(RuleError::Overflow)?;
            let mut record = Member {
                wallet: who,
                rank,
                status: Status::Active,
                joined_at: self.env().block_timestamp(),
                evidence_ref,
                last_month: None,
                streaks: Streaks::default(),
                exit_flagged: false,
                reached_ambassador: false,
                contribution_total: 0,
                months_recorded: 0,
            };
            self.count(rank, true)?;
            self.note_ambassador(&mut record)?;
            self.members.insert(id, &record);
            self.member_of.insert(who, &id);
            self.bound_to.insert(who, &id);
            self.tell_pool(PoolNotice::WalletMoved(id, None, who))?;
            self.tell_pool(PoolNotice::Standing(id, rank, Status::Active))?;
            self.env().emit_event(MemberJoined {
                who,
                member: id,
                rank,
            });
            Ok(id)
        }

        /// Moves a member that has not left to `to`, keeping the counts, the Head cap and the
        /// first-time count; the caller stores the record.
        fn change_rank(
            &mut self,
            member: MemberId,
            record: &mut Member,
            to: Rank,
            automatic: bool,
        ) -> Result<()> {
            if to == Rank::Head && record.rank != Rank::Head {
                rank::check_head_cap(self.rank_counts[Rank::Head as usize], self.params.head_cap)?;
            }
            let from = record.rank;
            self.count(from, false)?;
            self.count(to, true)?;
            record.rank = to;
            // A new rank starts its own promotion streak.
            record.streaks.up = 0;
            self.note_ambassador(record)?;
            self.env().emit_event(RankChanged {
                who: record.wallet,
                member,
                from,
                to,
                automatic,
            });
            Ok(())
        }

        fn change_status(
            &mut self,
            member: MemberId,
            change: StatusChange,
            reason_ref: Vec<u8>,
        ) -> Result<()> {
            self.ensure_running()?;
            if matches!(change, StatusChange::Suspend | StatusChange::Remove) {
                submission::validate_evidence(&reason_ref, self.params.max_evidence_len)?;
            }
            let mut record = self.member_record(member)?;
            let status = record.status.apply(change)?;
            if status.has_left() {
                self.count(record.rank, false)?;
            }
            record.status = status;
            self.members.insert(member, &record);
            self.tell_pool(PoolNotice::Standing(member, record.rank, status))?;
            self.env().emit_event(StatusChanged {
                who: record.wallet,
                member,
                status,
                reason_ref,
            });
            Ok(())
        }
    }
}

/// The rank a member with `rank` and `status` reports at: what `active_member` answers and what
/// the pool applies to its copy of a member's standing, so both refuse the same members alike.
///
/// Errors: `Suspended`, `Rule(MemberHasLeft)` (retired or removed).
pub fn reporting_rank(rank: Rank, status: Status) -> Result<Rank> {
    match status {
        Status::Active => Ok(rank),
        Status::Suspended => Err(Error::Suspended),
        Status::Retired | Status::Removed => Err(RuleError::MemberHasLeft.into()),
    }
}

pub use registry::{
    Application, AuthorisedCaller, Error, Member, MonthRecord, Params, PendingWallet, Registry,
    RegistryRef, Result,
};
