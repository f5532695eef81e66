//! # Governor
//!
//! The suite's governance account: a council of accounts with a threshold, a timelock and an
//! expiry. A proposal carries one [`Action`] from a fixed, typed set (finalize or fund a month,
//! decide a bounty or a milestone, induct or rank members, set parameters and roles, pause, upgrade,
//! hand over, change the council); once enough council members approve it and the timelock has
//! passed, anyone may execute it before it expires, and the governor carries it out by a
//! cross-contract call to the registry, the reward pool or the bounty contract, or on itself.
//! The council, vote counting and proposal states are rules in `rules::council`.
//!
//! ## Proposal lifecycle
//! ```text
//! propose (council member; its approval) ──▶ Pending ──approvals ≥ threshold──▶ Approved
//!   ──timelock──▶ Executable ──execute (anyone)──▶ Executed
//! cancel: by the proposer, or by a threshold of cancel votes ──▶ Cancelled
//! not executed before `expires_at` ──▶ Expired
//! ```
//!
//! ## Failed actions
//! When the callee refuses an action (for example a finalize before the review window ends) the
//! governor returns the callee's error wrapped in the variant naming it (`Registry(..)`,
//! `RewardPool(..)`, `Bounty(..)`, `Unreachable(..)`) and the whole call is reverted: nothing of
//! the action is applied, the proposal is **not** marked executed and **stays executable** until it
//! expires, so it can be executed again once the cause is fixed (or cancelled).
//!
//! ## Bounds and what a proposal keeps
//! - The timelock is at most 90 days and a proposal's lifetime at most 365 days and longer than the
//!   timelock (`rules::council::validate_times`, checked by the constructor, `SetTimes` and the
//!   deploy tool), so no accepted value can make proposing, approving or executing impossible.
//! - A proposal keeps the timelock and lifetime in force when it was made: a later `SetTimes`
//!   neither shortens the objection window of an approved upgrade nor makes a proposal expire
//!   early.
//! - The timelock stays below the bounty contract's payout delay (checked by `wire`, `SetTimes`
//!   and `SetSuite`), so an award can always be cancelled through a proposal made when it was
//!   awarded.
//! - `propose` refuses an action of a shape its target would refuse whatever the state
//!   (`check_action`): every reference at most `MAX_ACTION_REF_LEN` bytes, at most
//!   `MAX_REVIEWER_CHANGES` reviewer changes, times and threshold within bounds. With the
//!   description at most `MAX_DESCRIPTION_LEN` and at most `MAX_COUNCIL` seats voting, a stored
//!   proposal stays under 8 KiB, far inside ink!'s 16 KiB buffer.
//!
//! ## What a decision names
//! An action that decides on something that can change while it waits in the timelock names what
//! the council saw: `FinalizeMonth` the pool size, `DecideMilestone` the report version,
//! `ApproveBounty` the funding, `AcceptApplication` the application's time. The callee refuses it
//! if that changed.
//!
//! ## Upgrades and replaced contracts
//! `Upgrade` and `UpgradeGovernor` are reverted unless the new code answers `version()` over the
//! contract's storage and is a whole build, or a router whose main part answers
//! (`admin::replace_routed_code`): no upgrade can leave a contract that traps on every message or
//! misses most of them. After `SetSuite` the council reaches the contracts it still governs but no longer
//! wires with `propose_on(suite, action, ..)`, e.g. to wind a replaced pool down
//! (`WindDownPool`, then `ReleasePool` once its claim windows are over).
//!
//! ## Invariants
//! - `0 < threshold <= council size <= MAX_COUNCIL` after every change; council changes happen only
//!   through executed proposals.
//! - A proposal executes at most once; its action, and the call it runs (`Call`), are fixed when
//!   it is proposed.
//! - Only votes cast from a seat the voter still holds count: removing or replacing a council member
//!   drops its approvals (and cancel votes) on every open proposal at once.
//! - A council or threshold change restarts the timelock of every approved proposal.
//! - The proposal is marked executed before any cross-contract call; an error reverts both.
//!
//! ## Storage and builds (issue 20)
//! A proposal is stored in three parts, written together by `propose`: its `Record` (proposer,
//! times, votes, state), its `Action` with its description (read only by the `proposal` view)
//! and its `Call` (what `execute` runs: the suite message encoded once, or one of the governor's
//! own actions). So voting, cancelling and executing never decode the 31-variant `Action`, and
//! the governor deploys as a router and three builds of at most 32 KiB each (`main-code`: the
//! constructors, wiring, votes, execution; `propose-code`; `views-code`), as the other contracts
//! do. A governor of the one-code layout (before this split) keeps its council, times and suite
//! when upgraded to this code, but not its open proposals: they are made again.
#![cfg_attr(not(feature = "std"), no_std, no_main)]
// A routed build (`main-code`, `propose-code`, `views-code`) keeps some of the governor's
// messages beside `version` and `code_part`; the helpers the others use go unused.
#![cfg_attr(feature = "part", allow(dead_code, unused_imports))]

pub use rules::council::{ProposalState, Seat, MAX_COUNCIL};
pub use rules::Error as RuleError;

/// The code version `version()` reports; `next-version` builds report one more (upgrade test).
pub const CODE_VERSION: u32 = if cfg!(feature = "next-version") { 2 } else { 1 };
/// Longest description reference of a proposal, in bytes.
pub const MAX_DESCRIPTION_LEN: u32 = 256;
/// Longest reference (reason, evidence) an action may carry: the highest limit any suite
/// contract can be configured with. With it and the list bounds every proposal stays far below
/// ink!'s 16 KiB buffer with all approvals and cancel votes added (`largest_proposal_fits`).
pub const MAX_ACTION_REF_LEN: u32 = rules::submission::EVIDENCE_LIMIT_MAX;

mod suite_call;

#[ink::contract]
pub mod governor {
    use super::*;
    use crate::suite_call::{self, Answer};
    use ink::prelude::vec::Vec;
    use ink::selector_bytes as selector;
    use ink::storage::Mapping;
    use registry::{AuthorisedCaller, MemberId, Params, Rank};
    use reward_pool::Config;
    use rules::council::{self as rule, Council, ProposalFacts};
    use rules::submission;
    use scale::{DecodeAll, Encode};

    /// A contract of the suite that the governor governs.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    #[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
    pub enum Target {
        /// The contributor registry.
        Registry,
        /// The monthly reward pool.
        RewardPool,
        /// The bounty contract.
        Bounty,
    }

    /// The suite's addresses.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    #[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
    pub struct Suite {
        /// The contributor registry.
        pub registry: AccountId,
        /// The monthly reward pool.
        pub reward_pool: AccountId,
        /// The bounty contract.
        pub bounty: AccountId,
    }

    /// What a proposal does when executed: one suite message with its arguments, or a change to
    /// the governor itself. Amounts are in the chain's smallest unit and come from the governor's
    /// own balance.
    #[derive(Debug, Clone, PartialEq, Eq)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    #[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
    pub enum Action {
        /// Reward pool `finalize(month, pool)`.
        FinalizeMonth {
            /// The month.
            month: u32,
            /// The pool size the council approves (the pool's `finalize_preview`): the finalize
            /// is refused if the month's pool differs when it runs.
            pool: Balance,
        },
        /// Reward pool `fund(month)` with `amount`.
        FundMonth {
            /// The month.
            month: u32,
            /// The amount sent.
            amount: Balance,
        },
        /// Reward pool `fund_bonus_reserve()` with `amount`.
        FundBonusReserve {
            /// The amount sent.
            amount: Balance,
        },
        /// Reward pool `set_config(config)` (applies to months not yet finalized).
        SetPoolConfig {
            /// The new configuration.
            config: Config,
        },
        /// Reward pool `set_reviewers(add, remove)`: at most `MAX_REVIEWER_CHANGES` together;
        /// no other role changes.
        SetReviewers {
            /// Reviewers to add.
            add: Vec<AccountId>,
            /// Reviewers to remove.
            remove: Vec<AccountId>,
        },
        /// Reward pool `set_funder(funder)`: the account that may feed months (the bounty
        /// contract); no other role changes.
        SetFunder {
            /// The authorised funder, or none.
            funder: Option<AccountId>,
        },
        /// Bounty `approve_and_fund(id)`, sending `funding`: refused unless it is the bounty's
        /// total plus its fee budget, so the council approves the figure it saw.
        ApproveBounty {
            /// The bounty proposal.
            id: u32,
            /// What the treasury sends: the proposal's total plus its fee budget.
            funding: Balance,
        },
        /// Bounty `reject(id, reason_ref)`.
        RejectBounty {
            /// The bounty proposal.
            id: u32,
            /// Why.
            reason_ref: Vec<u8>,
        },
        /// Bounty `decide_milestone(id, milestone, report, approve, reason_ref)`: refused if the
        /// curator has submitted another report since the one the council reviewed.
        DecideMilestone {
            /// The bounty proposal.
            id: u32,
            /// The milestone.
            milestone: u8,
            /// The report decided: the milestone's `report_version` the council reviewed.
            report: u32,
            /// Approve (true) or reject (false).
            approve: bool,
            /// Why.
            reason_ref: Vec<u8>,
        },
        /// Bounty `cancel_award(award)`.
        CancelAward {
            /// The award.
            award: u32,
        },
        /// Bounty `cancel(id)`.
        CancelBounty {
            /// The bounty proposal.
            id: u32,
        },
        /// Registry `accept_application(who, rank, applied_at)`: refused if the application is
        /// not the one the council reviewed.
        AcceptApplication {
            /// The applicant.
            who: AccountId,
            /// Its starting rank.
            rank: Rank,
            /// The reviewed application's `applied_at`.
            applied_at: u64,
        },
        /// Registry `reject_application(who, applied_at, reason_ref)`: refused if the application
        /// is not the one the council reviewed.
        RejectApplication {
            /// The applicant.
            who: AccountId,
            /// The reviewed application's `applied_at`.
            applied_at: u64,
            /// Why.
            reason_ref: Vec<u8>,
        },
        /// Registry `induct(who, rank, evidence_ref)`.
        Induct {
            /// The new member's wallet.
            who: AccountId,
            /// Its rank.
            rank: Rank,
            /// Evidence reference.
            evidence_ref: Vec<u8>,
        },
        /// Registry `set_rank(member, rank)`; granting Head is `rank: Head`.
        SetRank {
            /// The member.
            member: MemberId,
            /// The new rank.
            rank: Rank,
        },
        /// Registry `suspend(member, reason_ref)`.
        Suspend {
            /// The member.
            member: MemberId,
            /// Why.
            reason_ref: Vec<u8>,
        },
        /// Registry `unsuspend(member)`.
        Unsuspend {
            /// The member.
            member: MemberId,
        },
        /// Registry `remove(member, reason_ref)`.
        RemoveMember {
            /// The member.
            member: MemberId,
            /// Why.
            reason_ref: Vec<u8>,
        },
        /// Registry `set_params(params, from_month)`, from the month after the current one.
        SetRegistryParams {
            /// The new parameters; their streak part judges the months from the one after the
            /// pool's current month (the governor names it when the action runs).
            params: Params,
        },
        /// Registry `set_authorised(role, account)`: only the named role changes.
        SetAuthorised {
            /// The role: the pool records months, the bounty contract contributions.
            role: AuthorisedCaller,
            /// The contract allowed to act in it, or none.
            account: Option<AccountId>,
        },
        /// `pause()` on a suite contract.
        Pause {
            /// The contract.
            target: Target,
        },
        /// `unpause()` on a suite contract.
        Unpause {
            /// The contract.
            target: Target,
        },
        /// `set_code(code_hash)` on a suite contract (the code must be uploaded; for a routed
        /// pool's router, every code that router declares too).
        Upgrade {
            /// The contract.
            target: Target,
            /// The new code.
            code_hash: Hash,
        },
        /// `propose_governance(to)` on a suite contract: the first step of handing it over.
        HandOver {
            /// The contract.
            target: Target,
            /// The next governance account, which must accept.
            to: AccountId,
        },
        /// `accept_governance()` on a suite contract that is being handed to the governor.
        AcceptGovernance {
            /// The contract.
            target: Target,
        },
        /// Seats a council member.
        AddCouncilMember {
            /// The new member.
            who: AccountId,
        },
        /// Unseats a council member; its votes stop counting.
        RemoveCouncilMember {
            /// The member.
            who: AccountId,
        },
        /// Gives a council member's place to another account.
        ReplaceCouncilMember {
            /// The leaving member.
            old: AccountId,
            /// The arriving member.
            new: AccountId,
        },
        /// Sets the approval threshold.
        SetThreshold {
            /// The new threshold.
            threshold: u32,
        },
        /// Sets the timelock and the lifetime of proposals made from now on.
        SetTimes {
            /// Delay between reaching the threshold and execution (ms).
            timelock_ms: u64,
            /// Lifetime of a new proposal (ms); longer than the timelock.
            expiry_ms: u64,
        },
        /// Points the governor at other suite contracts.
        SetSuite {
            /// The new addresses.
            suite: Suite,
        },
        /// Pays `amount` of the governor's balance to `to` (treasury spending or a refund).
        Transfer {
            /// The recipient.
            to: AccountId,
            /// The amount.
            amount: Balance,
        },
        /// Replaces the governor's own code (the code must be uploaded and keep this storage): the
        /// governor's router, which declares the builds it routes to (each uploaded), or a whole
        /// build (`admin::replace_routed_code`).
        UpgradeGovernor {
            /// The new code.
            code_hash: Hash,
        },
        /// Bounty `set_curator(id, curator)`: replaces a curator who is gone or failing.
        SetCurator {
            /// The bounty proposal.
            id: u32,
            /// The new curator.
            curator: AccountId,
        },
        /// Bounty `close(id)` by governance, whatever its milestones: refunds what is neither
        /// spent nor earned as fee to the treasury.
        CloseBounty {
            /// The bounty proposal.
            id: u32,
        },
        /// Registry `withdraw_wallet(member)`: drops a member's proposed wallet move.
        WithdrawWallet {
            /// The member.
            member: MemberId,
        },
        /// Reward pool `wind_down()`: a replaced pool takes no more funding or reports (usually
        /// proposed with `propose_on`, naming the old pool).
        WindDownPool,
        /// Reward pool `release()`: once every finalized month is swept, what a wound-down pool
        /// still holds returns to the governor.
        ReleasePool,
    }

    impl Action {
        /// Whether the action is carried out by a call to a suite contract (and so may name
        /// other suite addresses through `propose_on`), not on the governor itself.
        pub fn is_suite_action(&self) -> bool {
            !matches!(
                self,
                Action::AddCouncilMember { .. }
                    | Action::RemoveCouncilMember { .. }
                    | Action::ReplaceCouncilMember { .. }
                    | Action::SetThreshold { .. }
                    | Action::SetTimes { .. }
                    | Action::SetSuite { .. }
                    | Action::Transfer { .. }
                    | Action::UpgradeGovernor { .. }
            )
        }
    }

    /// A proposal as stored.
    #[derive(Debug, Clone, PartialEq, Eq)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    #[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
    pub struct Proposal {
        /// The council member who proposed it.
        pub proposer: AccountId,
        /// What it does.
        pub action: Action,
        /// Description reference (a forum post, an IPFS CID).
        pub description_ref: Vec<u8>,
        /// When it was proposed (ms).
        pub created_at: u64,
        /// It cannot execute from then on (ms): its lifetime as in force when it was made.
        pub expires_at: u64,
        /// Its timelock, as in force when it was made: a later `SetTimes` changes neither.
        pub timelock_ms: u64,
        /// The suite addresses a suite action acts on: those wired when it was proposed, or those
        /// `propose_on` named (a contract the governor still governs but no longer wires, e.g. a
        /// replaced pool being wound down). `None` for the governor's own actions, or when
        /// nothing was wired yet (then the suite wired when it runs).
        pub suite: Option<Suite>,
        /// Approvals, each from a council seat.
        pub approvals: Vec<Seat<AccountId>>,
        /// When approvals last reached the threshold through a vote.
        pub approved_at: Option<u64>,
        /// Votes to cancel, each from a council seat.
        pub cancel_votes: Vec<Seat<AccountId>>,
        /// When it was executed.
        pub executed_at: Option<u64>,
        /// Whether it was cancelled.
        pub cancelled: bool,
    }

    /// A proposal with what follows from it now.
    #[derive(Debug, Clone, PartialEq, Eq)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    pub struct ProposalView {
        /// The stored proposal.
        pub proposal: Proposal,
        /// Its state now (with the time the timelock ends while it runs).
        pub state: ProposalState,
        /// Approvals that count (from members still holding their seats).
        pub approvals: u32,
        /// Cancel votes that count.
        pub cancel_votes: u32,
        /// The threshold both are measured against.
        pub threshold: u32,
    }

    /// What a proposal's votes, cancels and execution read and write: the stored proposal
    /// without its action and description (`Proposal` is this with them, as the views show it).
    /// Kept apart so that approving, cancelling and executing never decode the 31-variant
    /// `Action` (issue 20: what made the governor too large for one code).
    #[derive(Debug, Clone, PartialEq, Eq)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    #[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
    pub struct Record {
        /// The council member who proposed it.
        pub proposer: AccountId,
        /// When it was proposed (ms).
        pub created_at: u64,
        /// It cannot execute from then on (ms).
        pub expires_at: u64,
        /// Its timelock, as in force when it was made.
        pub timelock_ms: u64,
        /// The suite addresses a suite action acts on (see `Proposal::suite`).
        pub suite: Option<Suite>,
        /// Approvals, each from a council seat.
        pub approvals: Vec<Seat<AccountId>>,
        /// When approvals last reached the threshold through a vote.
        pub approved_at: Option<u64>,
        /// Votes to cancel, each from a council seat.
        pub cancel_votes: Vec<Seat<AccountId>>,
        /// When it was executed.
        pub executed_at: Option<u64>,
        /// Whether it was cancelled.
        pub cancelled: bool,
    }

    /// What executing a proposal does, fixed when it is proposed (`Governor::call_of`): one
    /// suite message, encoded, or one of the governor's own actions. `execute` carries it out
    /// without the `Action` it came from.
    #[derive(Debug, Clone, PartialEq, Eq)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    #[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
    pub enum Call {
        /// A suite message: sent to `target` in the proposal's suite with `value`.
        Suite {
            /// The contract.
            target: Target,
            /// The message's selector.
            selector: [u8; 4],
            /// Its arguments, SCALE-encoded as the message declares them.
            args: Vec<u8>,
            /// The value sent (checked against the treasury first).
            value: Balance,
            /// The size of what the message answers inside `Ok`: a member id 4, a balance 16.
            reply_len: u8,
            /// Whether the month after the pool's current one is appended to `args` when it
            /// runs (`SetRegistryParams`: new streak parameters judge the months that open from
            /// then on).
            next_month: bool,
        },
        /// `Action::AddCouncilMember`.
        AddCouncilMember {
            /// The new member.
            who: AccountId,
        },
        /// `Action::RemoveCouncilMember`.
        RemoveCouncilMember {
            /// The member.
            who: AccountId,
        },
        /// `Action::ReplaceCouncilMember`.
        ReplaceCouncilMember {
            /// The leaving member.
            old: AccountId,
            /// The arriving member.
            new: AccountId,
        },
        /// `Action::SetThreshold`.
        SetThreshold {
            /// The new threshold.
            threshold: u32,
        },
        /// `Action::SetTimes`.
        SetTimes {
            /// The timelock (ms).
            timelock_ms: u64,
            /// The proposal lifetime (ms).
            expiry_ms: u64,
        },
        /// `Action::SetSuite`.
        SetSuite {
            /// The new addresses.
            suite: Suite,
        },
        /// `Action::Transfer`.
        Transfer {
            /// The recipient.
            to: AccountId,
            /// The amount.
            amount: Balance,
        },
        /// `Action::UpgradeGovernor`.
        UpgradeGovernor {
            /// The new code.
            code_hash: Hash,
        },
    }

    /// Why a governor message failed.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    pub enum Error {
        /// The caller does not sit on the council.
        NotCouncilMember,
        /// The caller did not instantiate the governor (wiring the suite is the deployer's).
        NotDeployer,
        /// The suite was already wired; change it with a `SetSuite` proposal.
        AlreadyWired,
        /// The suite is not wired yet, so suite actions cannot run.
        NotWired,
        /// `propose_on` names suite addresses for an action the governor carries out on itself.
        NotASuiteAction,
        /// A finalize is proposed before the month's scores are final (its review and dispute
        /// windows): reviewers could still change what the council approves.
        ScoresNotFinal,
        /// No proposal with this id.
        NoSuchProposal,
        /// The proposal has fewer approvals than the threshold.
        NotEnoughApprovals,
        /// The proposal's timelock has not passed.
        TimelockRunning,
        /// The proposal has expired.
        ProposalExpired,
        /// The proposal was already executed.
        AlreadyExecuted,
        /// The proposal was cancelled.
        AlreadyCancelled,
        /// The action would send more than the governor holds.
        InsufficientFunds,
        /// The action carries more than its target accepts in one call (e.g. more than
        /// `MAX_REVIEWER_CHANGES` reviewer changes).
        ActionTooLarge,
        /// The chain refused a `Transfer` (not enough free balance, or it would leave the
        /// recipient below the existential deposit).
        TransferFailed,
        /// The chain refused the governor's new code hash.
        UpgradeFailed,
        /// The new code cannot run this contract (it cannot read the storage, or has no
        /// `version` message): the upgrade was reverted.
        IncompatibleCode,
        /// The registry refused the action; the inner error says why.
        Registry(registry::Error),
        /// The reward pool refused the action; the inner error says why.
        RewardPool(reward_pool::Error),
        /// The bounty contract refused the action; the inner error says why.
        Bounty(bounty::Error),
        /// The suite contract could not be called (no contract there, or it trapped).
        Unreachable(Target),
        /// A council rule refused the input; the inner error names it.
        Rule(RuleError),
    }

    impl From<RuleError> for Error {
        fn from(error: RuleError) -> Self {
            Error::Rule(error)
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

    /// Result of the governor's messages.
    pub type Result<T> = core::result::Result<T, Error>;

    /// A proposal was made.
    #[ink(event)]
    pub struct Proposed {
        /// Its id.
        #[ink(topic)]
        pub id: u32,
        /// The proposer.
        #[ink(topic)]
        pub proposer: AccountId,
        /// What it does.
        pub action: Action,
        /// The suite addresses it acts on, if not the wired ones (`propose_on`).
        pub suite: Option<Suite>,
        /// When it expires (ms).
        pub expires_at: u64,
    }

    /// A council member approved a proposal or revoked its approval.
    #[ink(event)]
    pub struct Voted {
        /// The proposal.
        #[ink(topic)]
        pub id: u32,
        /// The council member.
        #[ink(topic)]
        pub who: AccountId,
        /// Approved (true) or revoked (false).
        pub approve: bool,
        /// Approvals that count after the vote.
        pub approvals: u32,
    }

    /// A council member voted to cancel a proposal.
    #[ink(event)]
    pub struct CancelVoted {
        /// The proposal.
        #[ink(topic)]
        pub id: u32,
        /// The council member.
        #[ink(topic)]
        pub who: AccountId,
        /// Cancel votes that count after the vote.
        pub votes: u32,
    }

    /// A proposal was cancelled.
    #[ink(event)]
    pub struct Cancelled {
        /// The proposal.
        #[ink(topic)]
        pub id: u32,
    }

    /// A proposal was executed.
    #[ink(event)]
    pub struct Executed {
        /// The proposal.
        #[ink(topic)]
        pub id: u32,
        /// Who executed it.
        pub by: AccountId,
    }

    /// The council or its threshold changed.
    #[ink(event)]
    pub struct CouncilChanged {
        /// The members.
        pub members: Vec<AccountId>,
        /// The threshold.
        pub threshold: u32,
    }

    /// The timelock or the proposal lifetime changed.
    #[ink(event)]
    pub struct TimesChanged {
        /// The timelock (ms).
        pub timelock_ms: u64,
        /// The proposal lifetime (ms).
        pub expiry_ms: u64,
    }

    /// The suite's addresses were set.
    #[ink(event)]
    pub struct SuiteWired {
        /// The addresses.
        pub suite: Suite,
    }

    /// Funds arrived through `deposit`.
    #[ink(event)]
    pub struct Deposited {
        /// The sender.
        #[ink(topic)]
        pub from: AccountId,
        /// The amount.
        pub amount: Balance,
    }

    /// A `Transfer` action paid out.
    #[ink(event)]
    pub struct Transferred {
        /// The recipient.
        #[ink(topic)]
        pub to: AccountId,
        /// The amount.
        pub amount: Balance,
    }

    /// A proposal's action and its description reference, as stored.
    type Described = (Action, Vec<u8>);

    /// The governor's storage.
    #[ink(storage)]
    pub struct Governor {
        council: Council<AccountId>,
        council_changed_at: u64,
        timelock_ms: u64,
        expiry_ms: u64,
        deployer: AccountId,
        suite: Option<Suite>,
        next_proposal: u32,
        /// Each proposal's votes and state.
        records: Mapping<u32, Record>,
        /// Each proposal's action and description: read only by the views.
        actions: Mapping<u32, Described>,
        /// What executing each proposal does.
        calls: Mapping<u32, Call>,
    }

    /// Refuses an action whose shape its target (or the governor) would refuse whatever the
    /// state: references empty or over `MAX_ACTION_REF_LEN`, more reviewer changes than one call
    /// takes, times or a threshold out of bounds. Bounds every `Vec` in an action, which is what
    /// keeps a proposal storable.
    pub(crate) fn check_action(action: &Action) -> Result<()> {
        match action {
            Action::RejectBounty { reason_ref, .. }
            | Action::DecideMilestone { reason_ref, .. }
            | Action::RejectApplication { reason_ref, .. }
            | Action::Suspend { reason_ref, .. }
            | Action::RemoveMember { reason_ref, .. }
            | Action::Induct {
                evidence_ref: reason_ref,
                ..
            } => submission::validate_evidence(reason_ref, MAX_ACTION_REF_LEN)?,
            Action::SetReviewers { add, remove } => {
                let changes = add.len().saturating_add(remove.len());
                if changes > reward_pool::MAX_REVIEWER_CHANGES as usize {
                    return Err(Error::ActionTooLarge);
                }
            }
            Action::SetTimes {
                timelock_ms,
                expiry_ms,
            } => rule::validate_times(*timelock_ms, *expiry_ms)?,
            Action::SetThreshold { threshold } => {
                // The council's size when it runs is unknown here; the bounds are not.
                rule::validate_council(MAX_COUNCIL, *threshold, MAX_COUNCIL)?
            }
            _ => {}
        }
        Ok(())
    }

    /// The callee's refusal as the governor's error: the callee's own error wrapped in the
    /// variant naming it, or `Unreachable(target)` if it is not one.
    fn refused(target: Target, error: &[u8]) -> Error {
        let mut input = error;
        let wrapped = match target {
            Target::Registry => registry::Error::decode_all(&mut input).map(Error::Registry),
            Target::RewardPool => reward_pool::Error::decode_all(&mut input).map(Error::RewardPool),
            Target::Bounty => bounty::Error::decode_all(&mut input).map(Error::Bounty),
        };
        wrapped.unwrap_or(Error::Unreachable(target))
    }

    impl Suite {
        /// The address of `target`.
        pub fn address(&self, target: Target) -> AccountId {
            match target {
                Target::Registry => self.registry,
                Target::RewardPool => self.reward_pool,
                Target::Bounty => self.bounty,
            }
        }
    }

    impl Governor {
        /// Creates a governor with `council` (no duplicates), `threshold` approvals, a timelock of
        /// `timelock_ms` and proposals living `expiry_ms`. The caller becomes the deployer, who may
        /// wire the suite's addresses once with `wire`.
        ///
        /// Errors: `Rule(AlreadyOnCouncil)`, `Rule(ThresholdZero)`,
        /// `Rule(ThresholdAboveCouncilSize)`, `Rule(CouncilTooLarge)`, `Rule(ExpiryWithinTimelock)`,
        /// `Rule(TimelockTooLong)`, `Rule(LifetimeTooLong)`.
        #[cfg(not(feature = "part"))]
        #[ink(constructor)]
        pub fn new(
            council: Vec<AccountId>,
            threshold: u32,
            timelock_ms: u64,
            expiry_ms: u64,
        ) -> Result<Self> {
            Self::create(council, threshold, timelock_ms, expiry_ms)
        }

        /// Creates a governor as [`Self::new`] does, served by several codes behind a router
        /// (issue 20: every code at most 32 KiB, what each call loads): instantiated from the
        /// governor's main part (the `main-code` build), it makes `router` (the governor's build
        /// of the `router` contract) the account's code, which sends each message to the build
        /// that serves it (`admin::Routes`: this code, then the propose and views parts the
        /// router declares), over this one storage, and locks every routed code as the
        /// governor's delegate dependency. Before switching, the router must declare this code
        /// as its main part and each code must answer over the new governor's storage that it is
        /// the build its route needs (`admin::install_routes`). Clients see one contract with
        /// the whole build's ABI. Instantiated from any other code it is refused. The caller
        /// becomes the deployer.
        ///
        /// Errors: those of [`Self::new`]; `IncompatibleCode` (`router` is not a router or
        /// declares another main part, a code the chain does not know or that does not answer
        /// over this storage as its route's build, or a code declared twice).
        #[cfg(any(not(feature = "part"), feature = "main-code"))]
        #[ink(constructor)]
        pub fn new_routed(
            council: Vec<AccountId>,
            threshold: u32,
            timelock_ms: u64,
            expiry_ms: u64,
            router: Hash,
        ) -> Result<Self> {
            let governor = Self::create(council, threshold, timelock_ms, expiry_ms)?;
            admin::install_routes(&governor, router)?;
            Ok(governor)
        }

        /// Refused: a part build other than the main one is never instantiated; it only serves
        /// a routed governor's calls of its messages (see [`Self::new_routed`]).
        ///
        /// Errors: `IncompatibleCode`, always.
        #[cfg(all(feature = "part", not(feature = "main-code")))]
        #[ink(constructor)]
        pub fn never() -> Result<Self> {
            Err(Error::IncompatibleCode)
        }

        /// The governor both constructors create (one copy of the code).
        #[cfg(any(not(feature = "part"), feature = "main-code"))]
        #[inline(never)]
        fn create(
            council: Vec<AccountId>,
            threshold: u32,
            timelock_ms: u64,
            expiry_ms: u64,
        ) -> Result<Self> {
            rule::validate_times(timelock_ms, expiry_ms)?;
            let council = Council::new(council, threshold, MAX_COUNCIL)?;
            Ok(Self {
                council,
                council_changed_at: 0,
                timelock_ms,
                expiry_ms,
                deployer: Self::env().caller(),
                suite: None,
                next_proposal: 0,
                records: Mapping::default(),
                actions: Mapping::default(),
                calls: Mapping::default(),
            })
        }

        /// Sets the suite's addresses, once, right after deployment (the suite contracts are
        /// instantiated with the governor as their governance, so they come after it). The
        /// deployer only; later changes go through a `SetSuite` proposal.
        ///
        /// Errors: `NotDeployer`, `AlreadyWired`, `Rule(PayoutDelayWithinTimelock)` (the
        /// bounty's payout delay is not longer than the timelock), `Unreachable(Bounty)`.
        #[cfg(any(not(feature = "part"), feature = "main-code"))]
        #[ink(message)]
        pub fn wire(&mut self, suite: Suite) -> Result<()> {
            if self.env().caller() != self.deployer {
                return Err(Error::NotDeployer);
            }
            if self.suite.is_some() {
                return Err(Error::AlreadyWired);
            }
            Self::check_bounty_delay(&suite, self.timelock_ms)?;
            self.set_suite(suite);
            Ok(())
        }

        /// Proposes `action`, described at `description_ref`; the proposal counts the proposer's
        /// approval, expires `expiry_ms` from now and keeps today's timelock whatever later
        /// `SetTimes` say. A suite action keeps the suite wired now: a later `SetSuite` does not
        /// redirect it. A council member only. Returns its id.
        ///
        /// The action is checked for shape first (`check_action`): every list within what one
        /// call takes, every reference within `MAX_ACTION_REF_LEN` (the highest limit any suite
        /// contract accepts; the target's own, lower limit is checked when it runs), times and
        /// thresholds within their bounds, so no proposal is too large to store or to approve.
        /// A finalize is refused before the month's scores are final.
        ///
        /// Errors: `NotCouncilMember`, `ActionTooLarge`, `ScoresNotFinal`, `RewardPool(..)`,
        /// `Unreachable(RewardPool)` (reading a finalize's month), `Rule(EvidenceEmpty)`,
        /// `Rule(EvidenceTooLong)` (the description or a reference in the action),
        /// `Rule(ExpiryWithinTimelock)`, `Rule(TimelockTooLong)`, `Rule(LifetimeTooLong)`,
        /// `Rule(ThresholdZero)`, `Rule(ThresholdAboveCouncilSize)`, `Rule(TimeOverflow)`,
        /// `Rule(Overflow)`.
        #[cfg(any(not(feature = "part"), feature = "propose-code"))]
        #[ink(message)]
        pub fn propose(&mut self, action: Action, description_ref: Vec<u8>) -> Result<u32> {
            self.make_proposal(action, None, description_ref)
        }

        /// Like `propose`, for a suite action on the contracts at `suite` instead of the wired
        /// ones: how the council reaches a contract it still governs after `SetSuite` replaced
        /// it (to wind down an old pool, close an old bounty's proposals, cancel its awards,
        /// hand it over). A suite contract checks that the governor governs it; any other
        /// address is whatever the council approves (as with `Transfer`). A council member
        /// only.
        ///
        /// Errors: those of `propose`, and `NotASuiteAction` (an action on the governor itself).
        #[cfg(any(not(feature = "part"), feature = "propose-code"))]
        #[ink(message)]
        pub fn propose_on(
            &mut self,
            suite: Suite,
            action: Action,
            description_ref: Vec<u8>,
        ) -> Result<u32> {
            if !action.is_suite_action() {
                return Err(Error::NotASuiteAction);
            }
            self.make_proposal(action, Some(suite), description_ref)
        }

        fn make_proposal(
            &mut self,
            action: Action,
            suite: Option<Suite>,
            description_ref: Vec<u8>,
        ) -> Result<u32> {
            let caller = self.env().caller();
            self.ensure_council(caller)?;
            submission::validate_evidence(&description_ref, MAX_DESCRIPTION_LEN)?;
            check_action(&action)?;
            // A suite action runs on the contracts wired when it was proposed (or those named):
            // a later `SetSuite` does not redirect what the council approved.
            let suite = if action.is_suite_action() {
                suite.or(self.suite)
            } else {
                None
            };
            if let (Action::FinalizeMonth { month, .. }, Some(suite)) = (&action, suite) {
                self.ensure_scores_final(&suite, *month)?;
            }
            let now = self.env().block_timestamp();
            let expires_at = now
                .checked_add(self.expiry_ms)
                .ok_or(RuleError::TimeOverflow)?;
            let id = self.next_proposal;
            self.next_proposal = id.checked_add(1).ok_or(RuleError::Overflow)?;
            let mut approvals = Vec::new();
            let count = self.council.vote(&mut approvals, &caller)?;
            let record = Record {
                proposer: caller,
                created_at: now,
                expires_at,
                timelock_ms: self.timelock_ms,
                suite,
                approvals,
                approved_at: rule::approval_time(0, count, self.council.threshold(), None, now),
                cancel_votes: Vec::new(),
                executed_at: None,
                cancelled: false,
            };
            self.records.insert(id, &record);
            self.calls.insert(id, &call_of(&action));
            let stored = (action, description_ref);
            self.actions.insert(id, &stored);
            self.env().emit_event(Proposed {
                id,
                proposer: caller,
                action: stored.0,
                suite,
                expires_at,
            });
            self.env().emit_event(Voted {
                id,
                who: caller,
                approve: true,
                approvals: count,
            });
            Ok(id)
        }

        /// Approves proposal `id`. A council member only, while the proposal is open (pending,
        /// approved or executable). The timelock starts when the approvals reach the threshold.
        ///
        /// Errors: `NotCouncilMember`, `NoSuchProposal`, `AlreadyExecuted`, `AlreadyCancelled`,
        /// `ProposalExpired`, `Rule(AlreadyVoted)`.
        #[cfg(any(not(feature = "part"), feature = "main-code"))]
        #[ink(message)]
        pub fn approve(&mut self, id: u32) -> Result<()> {
            self.vote(id, true)
        }

        /// Withdraws the caller's approval of proposal `id`; below the threshold the timelock
        /// stops and restarts from zero when it is reached again. A council member only, while
        /// the proposal is open.
        ///
        /// Errors: `NotCouncilMember`, `NoSuchProposal`, `AlreadyExecuted`, `AlreadyCancelled`,
        /// `ProposalExpired`, `Rule(NotVoted)`.
        #[cfg(any(not(feature = "part"), feature = "main-code"))]
        #[ink(message)]
        pub fn revoke(&mut self, id: u32) -> Result<()> {
            self.vote(id, false)
        }

        /// Cancels proposal `id` when called by its proposer (still on the council); from any
        /// other council member it records a cancel vote, and the proposal is cancelled when the
        /// votes reach the threshold. Returns whether it is now cancelled. Council members only,
        /// while the proposal is open.
        ///
        /// Errors: `NotCouncilMember`, `NoSuchProposal`, `AlreadyExecuted`, `AlreadyCancelled`,
        /// `ProposalExpired`, `Rule(AlreadyVoted)`.
        #[cfg(any(not(feature = "part"), feature = "main-code"))]
        #[ink(message)]
        pub fn cancel(&mut self, id: u32) -> Result<bool> {
            let caller = self.env().caller();
            self.ensure_council(caller)?;
            let mut record = self.open_proposal(id)?;
            let cancelled = if caller == record.proposer {
                true
            } else {
                let votes = self.council.vote(&mut record.cancel_votes, &caller)?;
                self.env().emit_event(CancelVoted {
                    id,
                    who: caller,
                    votes,
                });
                votes >= self.council.threshold()
            };
            record.cancelled = cancelled;
            self.records.insert(id, &record);
            if cancelled {
                self.env().emit_event(Cancelled { id });
            }
            Ok(cancelled)
        }

        /// Executes proposal `id`: carries out its action. Anyone may call it once the proposal
        /// is executable (approvals at the threshold, timelock passed, not expired). On a callee's
        /// refusal nothing is applied and the proposal stays executable (see the crate docs).
        ///
        /// Errors: `NoSuchProposal`, `NotEnoughApprovals`, `TimelockRunning`, `ProposalExpired`,
        /// `AlreadyExecuted`, `AlreadyCancelled`, `NotWired`, `InsufficientFunds`,
        /// `TransferFailed`, `UpgradeFailed`, `IncompatibleCode`, `Registry(..)`, `RewardPool(..)`, `Bounty(..)`,
        /// `Unreachable(..)`, `Rule(..)` (council changes that would break the invariant, bad
        /// times).
        #[cfg(any(not(feature = "part"), feature = "main-code"))]
        #[ink(message)]
        pub fn execute(&mut self, id: u32) -> Result<()> {
            let mut record = self.records.get(id).ok_or(Error::NoSuchProposal)?;
            match self.state_of(&record)? {
                ProposalState::Executable => {}
                ProposalState::Pending => return Err(Error::NotEnoughApprovals),
                ProposalState::Approved { .. } => return Err(Error::TimelockRunning),
                other => return Err(Self::closed(other)),
            }
            // Marked first: a reentrant execute finds it done; an error below reverts the mark.
            record.executed_at = Some(self.env().block_timestamp());
            self.records.insert(id, &record);
            // Written with the record at `propose`: present whenever the record is.
            let call = self.calls.get(id).ok_or(Error::NoSuchProposal)?;
            self.carry_out(call, record.suite)?;
            self.env().emit_event(Executed {
                id,
                by: self.env().caller(),
            });
            Ok(())
        }

        /// Accepts native tokens into the governor's treasury for fund actions. Anyone.
        #[cfg(any(not(feature = "part"), feature = "main-code"))]
        #[ink(message, payable)]
        pub fn deposit(&mut self) {
            self.env().emit_event(Deposited {
                from: self.env().caller(),
                amount: self.env().transferred_value(),
            });
        }

        /// Proposal `id` with its state now, counted approvals and cancel votes, or `None`.
        #[cfg(any(not(feature = "part"), feature = "views-code"))]
        #[ink(message)]
        pub fn proposal(&self, id: u32) -> Option<ProposalView> {
            let record = self.records.get(id)?;
            let (action, description_ref) = self.actions.get(id)?;
            // Only a timelock end beyond u64 fails here; report it as still pending.
            let state = self.state_of(&record).unwrap_or(ProposalState::Pending);
            Some(ProposalView {
                approvals: self.council.count(&record.approvals),
                cancel_votes: self.council.count(&record.cancel_votes),
                threshold: self.council.threshold(),
                state,
                proposal: Proposal {
                    proposer: record.proposer,
                    action,
                    description_ref,
                    created_at: record.created_at,
                    expires_at: record.expires_at,
                    timelock_ms: record.timelock_ms,
                    suite: record.suite,
                    approvals: record.approvals,
                    approved_at: record.approved_at,
                    cancel_votes: record.cancel_votes,
                    executed_at: record.executed_at,
                    cancelled: record.cancelled,
                },
            })
        }

        /// Number of proposals made; ids run from 0 to this minus one.
        #[cfg(any(not(feature = "part"), feature = "views-code"))]
        #[ink(message)]
        pub fn proposal_count(&self) -> u32 {
            self.next_proposal
        }

        /// The council members, in seating order.
        #[cfg(any(not(feature = "part"), feature = "views-code"))]
        #[ink(message)]
        pub fn council(&self) -> Vec<AccountId> {
            self.council.members()
        }

        /// Approvals a proposal needs (and cancel votes that cancel it).
        #[cfg(any(not(feature = "part"), feature = "views-code"))]
        #[ink(message)]
        pub fn threshold(&self) -> u32 {
            self.council.threshold()
        }

        /// (timelock, proposal lifetime) in ms.
        #[cfg(any(not(feature = "part"), feature = "views-code"))]
        #[ink(message)]
        pub fn times(&self) -> (u64, u64) {
            (self.timelock_ms, self.expiry_ms)
        }

        /// When the council or threshold last changed (ms; 0 = never).
        #[cfg(any(not(feature = "part"), feature = "views-code"))]
        #[ink(message)]
        pub fn council_changed_at(&self) -> u64 {
            self.council_changed_at
        }

        /// What finalizing `month` would freeze if it ran now: the pool size a `FinalizeMonth`
        /// proposal carries (the reward pool's `finalize_preview`) and the settlement the pool
        /// computes from it at finalize (`rules::reward::MonthSettlement::settle`: each
        /// department's slice, the totals, what carries into the next month), so the council
        /// sees the slices and the carry before it signs. Read from the wired reward pool.
        /// Anyone may read it.
        ///
        /// Errors: `NotWired`, `Unreachable(RewardPool)`, `RewardPool(..)` (the pool refused
        /// its preview), `Rule(Underfunded)` (the month holds less than its pool: fund it
        /// first), `Rule(Overflow)`.
        #[cfg(any(not(feature = "part"), feature = "views-code"))]
        #[ink(message)]
        pub fn finalize_preview(&self, month: u32) -> Result<rules::reward::MonthSettlement> {
            let pool_at = self.suite.ok_or(Error::NotWired)?.reward_pool;
            let args = month.encode();
            let unreachable = Error::Unreachable(Target::RewardPool);
            let pool = match suite_call::query::<core::result::Result<Balance, reward_pool::Error>>(
                pool_at,
                selector!("finalize_preview"),
                &args,
            ) {
                Some(Ok(pool)) => pool,
                Some(Err(error)) => return Err(Error::RewardPool(error)),
                None => return Err(unreachable),
            };
            let state =
                suite_call::query::<reward_pool::MonthState>(pool_at, selector!("month"), &args)
                    .ok_or(unreachable)?;
            let config = suite_call::query::<Config>(pool_at, selector!("config_of"), &args)
                .ok_or(unreachable)?;
            // The settlement rule is the pool's own (`MonthSettlement::settle`), run here on the
            // pool's figures, so the claim path's pool carries no extra view (this one adds
            // 2.4 KB to the governor, measured; reading only the month's first fields saved
            // 0.2 KB of it and was not kept).
            Ok(rules::reward::MonthSettlement::settle(
                state.funded,
                pool,
                &config.weights,
                state.totals,
            )?)
        }

        /// The suite's addresses, once wired.
        #[cfg(any(not(feature = "part"), feature = "views-code"))]
        #[ink(message)]
        pub fn suite(&self) -> Option<Suite> {
            self.suite
        }

        /// The account that instantiated the governor.
        #[cfg(any(not(feature = "part"), feature = "views-code"))]
        #[ink(message)]
        pub fn deployer(&self) -> AccountId {
            self.deployer
        }

        /// The code version (1; upgrade tests deploy a version 2).
        #[ink(message)]
        pub fn version(&self) -> u32 {
            CODE_VERSION
        }

        /// The codes a routed governor's router sends calls to (`admin::Routes`: the main part,
        /// then the propose and views parts), or `None` for a governor that runs one code (made
        /// with `new`, or upgraded to a whole code since). Anyone.
        #[cfg(any(not(feature = "part"), feature = "main-code"))]
        #[ink(message)]
        pub fn routes(&self) -> Option<admin::Routes> {
            admin::stored_routes()
        }

        /// Which build of the governor answers (`admin::Part`): `admin::WHOLE` for the whole
        /// contract, else the build's index in the routes (`admin::MAIN` for the main part, then
        /// propose 1, views 2: the order of the `*-code` features in Cargo.toml, compiled in by
        /// `./scripts/build-contracts`: `admin::code_part!`). Through a routed governor's router
        /// the main part answers. How `new_routed` and `UpgradeGovernor` prove each code is the
        /// one its route needs. Anyone.
        #[ink(message)]
        pub fn code_part(&self) -> admin::Part {
            admin::code_part!()
        }

        fn ensure_council(&self, who: AccountId) -> Result<()> {
            self.council
                .ensure_member(&who)
                .map(|_| ())
                .map_err(|_| Error::NotCouncilMember)
        }

        fn state_of(&self, proposal: &Record) -> Result<ProposalState> {
            let facts = ProposalFacts {
                approvals: self.council.count(&proposal.approvals),
                approved_at: proposal.approved_at,
                council_changed_at: self.council_changed_at,
                executed: proposal.executed_at.is_some(),
                cancelled: proposal.cancelled,
                expires_at: proposal.expires_at,
            };
            Ok(rule::proposal_state(
                &facts,
                self.council.threshold(),
                proposal.timelock_ms,
                self.env().block_timestamp(),
            )?)
        }

        /// The error for acting on a proposal in a closed state.
        fn closed(state: ProposalState) -> Error {
            match state {
                ProposalState::Executed => Error::AlreadyExecuted,
                ProposalState::Cancelled => Error::AlreadyCancelled,
                _ => Error::ProposalExpired,
            }
        }

        /// Proposal `id` if it is still open to votes.
        fn open_proposal(&self, id: u32) -> Result<Record> {
            let record = self.records.get(id).ok_or(Error::NoSuchProposal)?;
            match self.state_of(&record)? {
                state @ (ProposalState::Executed
                | ProposalState::Cancelled
                | ProposalState::Expired) => Err(Self::closed(state)),
                _ => Ok(record),
            }
        }

        fn vote(&mut self, id: u32, approve: bool) -> Result<()> {
            let caller = self.env().caller();
            self.ensure_council(caller)?;
            let mut proposal = self.open_proposal(id)?;
            let before = self.council.count(&proposal.approvals);
            let after = if approve {
                self.council.vote(&mut proposal.approvals, &caller)?
            } else {
                self.council.unvote(&mut proposal.approvals, &caller)?
            };
            proposal.approved_at = rule::approval_time(
                before,
                after,
                self.council.threshold(),
                proposal.approved_at,
                self.env().block_timestamp(),
            );
            self.records.insert(id, &proposal);
            self.env().emit_event(Voted {
                id,
                who: caller,
                approve,
                approvals: after,
            });
            Ok(())
        }

        fn wired(&self) -> Result<Suite> {
            self.suite.ok_or(Error::NotWired)
        }

        fn ensure_funds(&self, amount: Balance) -> Result<()> {
            if amount > self.env().balance() {
                Err(Error::InsufficientFunds)
            } else {
                Ok(())
            }
        }

        /// Refuses a finalize proposal before the month's scores are final (the end of its
        /// dispute window): the council approves the figure and the scores as they will be paid.
        fn ensure_scores_final(&self, suite: &Suite, month: u32) -> Result<()> {
            let dates = match suite_call::query::<
                core::result::Result<reward_pool::MonthDates, reward_pool::Error>,
            >(
                suite.reward_pool, selector!("month_dates"), &month.encode()
            ) {
                Some(Ok(dates)) => dates,
                Some(Err(error)) => return Err(Error::RewardPool(error)),
                None => return Err(Error::Unreachable(Target::RewardPool)),
            };
            if self.env().block_timestamp() < dates.scores_final {
                return Err(Error::ScoresNotFinal);
            }
            Ok(())
        }

        /// Refuses a timelock at or above the payout delay of `suite`'s bounty contract
        /// (`rules::council::check_payout_delay`): a cancel of an award, proposed when the award
        /// is made, must be able to execute before the award can be claimed.
        fn check_bounty_delay(suite: &Suite, timelock_ms: u64) -> Result<()> {
            // `wiring()` answers (registry, pool, treasury, payout delay).
            let delay = match suite_call::query::<(AccountId, AccountId, AccountId, u64)>(
                suite.bounty,
                selector!("wiring"),
                &[],
            ) {
                Some((_, _, _, delay)) => delay,
                None => return Err(Error::Unreachable(Target::Bounty)),
            };
            Ok(rule::check_payout_delay(delay, timelock_ms)?)
        }

        fn set_suite(&mut self, suite: Suite) {
            self.suite = Some(suite);
            self.env().emit_event(SuiteWired { suite });
        }

        fn council_changed(&mut self) {
            self.council_changed_at = self.env().block_timestamp();
            self.env().emit_event(CouncilChanged {
                members: self.council.members(),
                threshold: self.council.threshold(),
            });
        }

        fn carry_out(&mut self, call: Call, suite: Option<Suite>) -> Result<()> {
            match call {
                Call::AddCouncilMember { who } => {
                    self.council.add(who, MAX_COUNCIL)?;
                    self.council_changed();
                }
                Call::RemoveCouncilMember { who } => {
                    self.council.remove(&who, MAX_COUNCIL)?;
                    self.council_changed();
                }
                Call::ReplaceCouncilMember { old, new } => {
                    self.council.replace(&old, new, MAX_COUNCIL)?;
                    self.council_changed();
                }
                Call::SetThreshold { threshold } => {
                    self.council.set_threshold(threshold, MAX_COUNCIL)?;
                    self.council_changed();
                }
                Call::SetTimes {
                    timelock_ms,
                    expiry_ms,
                } => {
                    rule::validate_times(timelock_ms, expiry_ms)?;
                    if let Some(suite) = self.suite {
                        Self::check_bounty_delay(&suite, timelock_ms)?;
                    }
                    self.timelock_ms = timelock_ms;
                    self.expiry_ms = expiry_ms;
                    self.env().emit_event(TimesChanged {
                        timelock_ms,
                        expiry_ms,
                    });
                }
                Call::SetSuite { suite } => {
                    Self::check_bounty_delay(&suite, self.timelock_ms)?;
                    self.set_suite(suite);
                }
                Call::Transfer { to, amount } => {
                    self.env()
                        .transfer(to, amount)
                        .map_err(|_| Error::TransferFailed)?;
                    self.env().emit_event(Transferred { to, amount });
                }
                Call::UpgradeGovernor { code_hash } => {
                    let event = admin::replace_routed_code(code_hash)?;
                    self.env().emit_event(event);
                }
                Call::Suite {
                    target,
                    selector,
                    mut args,
                    value,
                    reply_len,
                    next_month,
                } => {
                    let suite = match suite {
                        Some(named) => named,
                        None => self.wired()?,
                    };
                    if next_month {
                        Self::next_month(&suite)?.encode_to(&mut args);
                    }
                    if value > 0 {
                        self.ensure_funds(value)?;
                    }
                    let callee = suite.address(target);
                    match suite_call::act(callee, selector, &args, value, reply_len.into()) {
                        Answer::Done => {}
                        Answer::Refused(error) => return Err(refused(target, &error)),
                        Answer::Unreachable => return Err(Error::Unreachable(target)),
                    }
                }
            }
            Ok(())
        }

        /// The month after `suite`'s pool's current one (0 before its calendar starts): the
        /// first month new streak parameters judge.
        fn next_month(suite: &Suite) -> Result<u32> {
            match suite_call::query::<
                core::result::Result<(u32, rules::calendar::Phase), reward_pool::Error>,
            >(suite.reward_pool, selector!("current_month"), &[])
            {
                Some(Ok((month, _))) => Ok(month.checked_add(1).ok_or(RuleError::Overflow)?),
                Some(Err(reward_pool::Error::Rule(RuleError::BeforeCalendarStart))) => Ok(0),
                _ => Err(Error::Unreachable(Target::RewardPool)),
            }
        }
    }

    /// What executing `action` does, fixed when it is proposed: the governor's own actions as
    /// they are, a suite action as the message it is carried out by (its contract, selector,
    /// arguments encoded as the message declares them, the value sent, the size of its answer).
    pub(crate) fn call_of(action: &Action) -> Call {
        use Target::{Bounty, Registry, RewardPool};
        let suite = |target, selector, args, value| Call::Suite {
            target,
            selector,
            args,
            value,
            reply_len: 0,
            next_month: false,
        };
        match action {
            Action::FinalizeMonth { month, pool } => {
                suite(RewardPool, selector!("finalize"), (month, pool).encode(), 0)
            }
            Action::FundMonth { month, amount } => {
                suite(RewardPool, selector!("fund"), month.encode(), *amount)
            }
            Action::FundBonusReserve { amount } => suite(
                RewardPool,
                selector!("fund_bonus_reserve"),
                Vec::new(),
                *amount,
            ),
            Action::SetPoolConfig { config } => {
                suite(RewardPool, selector!("set_config"), config.encode(), 0)
            }
            Action::SetReviewers { add, remove } => suite(
                RewardPool,
                selector!("set_reviewers"),
                (add, remove).encode(),
                0,
            ),
            Action::SetFunder { funder } => {
                suite(RewardPool, selector!("set_funder"), funder.encode(), 0)
            }
            Action::WindDownPool => suite(RewardPool, selector!("wind_down"), Vec::new(), 0),
            // `release` answers the balance it returned.
            Action::ReleasePool => Call::Suite {
                target: RewardPool,
                selector: selector!("release"),
                args: Vec::new(),
                value: 0,
                reply_len: 16,
                next_month: false,
            },
            // The bounty refuses any other figure than total + fee budget
            // (`FundingMismatch`), and the call reverts with the value sent.
            Action::ApproveBounty { id, funding } => {
                suite(Bounty, selector!("approve_and_fund"), id.encode(), *funding)
            }
            Action::RejectBounty { id, reason_ref } => {
                suite(Bounty, selector!("reject"), (id, reason_ref).encode(), 0)
            }
            Action::DecideMilestone {
                id,
                milestone,
                report,
                approve,
                reason_ref,
            } => suite(
                Bounty,
                selector!("decide_milestone"),
                (id, milestone, report, approve, reason_ref).encode(),
                0,
            ),
            Action::CancelAward { award } => {
                suite(Bounty, selector!("cancel_award"), award.encode(), 0)
            }
            Action::CancelBounty { id } => suite(Bounty, selector!("cancel"), id.encode(), 0),
            Action::SetCurator { id, curator } => {
                suite(Bounty, selector!("set_curator"), (id, curator).encode(), 0)
            }
            Action::CloseBounty { id } => suite(Bounty, selector!("close"), id.encode(), 0),
            // Both answer the new member's id.
            Action::AcceptApplication {
                who,
                rank,
                applied_at,
            } => Call::Suite {
                target: Registry,
                selector: selector!("accept_application"),
                args: (who, rank, applied_at).encode(),
                value: 0,
                reply_len: 4,
                next_month: false,
            },
            Action::Induct {
                who,
                rank,
                evidence_ref,
            } => Call::Suite {
                target: Registry,
                selector: selector!("induct"),
                args: (who, rank, evidence_ref).encode(),
                value: 0,
                reply_len: 4,
                next_month: false,
            },
            Action::RejectApplication {
                who,
                applied_at,
                reason_ref,
            } => suite(
                Registry,
                selector!("reject_application"),
                (who, applied_at, reason_ref).encode(),
                0,
            ),
            Action::SetRank { member, rank } => {
                suite(Registry, selector!("set_rank"), (member, rank).encode(), 0)
            }
            Action::Suspend { member, reason_ref } => suite(
                Registry,
                selector!("suspend"),
                (member, reason_ref).encode(),
                0,
            ),
            Action::Unsuspend { member } => {
                suite(Registry, selector!("unsuspend"), member.encode(), 0)
            }
            Action::RemoveMember { member, reason_ref } => suite(
                Registry,
                selector!("remove"),
                (member, reason_ref).encode(),
                0,
            ),
            // `set_params(params, from_month)`: the month is named when it runs.
            Action::SetRegistryParams { params } => Call::Suite {
                target: Registry,
                selector: selector!("set_params"),
                args: params.encode(),
                value: 0,
                reply_len: 0,
                next_month: true,
            },
            Action::SetAuthorised { role, account } => suite(
                Registry,
                selector!("set_authorised"),
                (role, account).encode(),
                0,
            ),
            Action::WithdrawWallet { member } => {
                suite(Registry, selector!("withdraw_wallet"), member.encode(), 0)
            }
            // The three contracts answer the governance messages under the same names.
            Action::Pause { target } => suite(*target, selector!("pause"), Vec::new(), 0),
            Action::Unpause { target } => suite(*target, selector!("unpause"), Vec::new(), 0),
            Action::Upgrade { target, code_hash } => {
                suite(*target, selector!("set_code"), code_hash.encode(), 0)
            }
            Action::HandOver { target, to } => {
                suite(*target, selector!("propose_governance"), to.encode(), 0)
            }
            Action::AcceptGovernance { target } => {
                suite(*target, selector!("accept_governance"), Vec::new(), 0)
            }
            Action::AddCouncilMember { who } => Call::AddCouncilMember { who: *who },
            Action::RemoveCouncilMember { who } => Call::RemoveCouncilMember { who: *who },
            Action::ReplaceCouncilMember { old, new } => Call::ReplaceCouncilMember {
                old: *old,
                new: *new,
            },
            Action::SetThreshold { threshold } => Call::SetThreshold {
                threshold: *threshold,
            },
            Action::SetTimes {
                timelock_ms,
                expiry_ms,
            } => Call::SetTimes {
                timelock_ms: *timelock_ms,
                expiry_ms: *expiry_ms,
            },
            Action::SetSuite { suite } => Call::SetSuite { suite: *suite },
            Action::Transfer { to, amount } => Call::Transfer {
                to: *to,
                amount: *amount,
            },
            Action::UpgradeGovernor { code_hash } => Call::UpgradeGovernor {
                code_hash: *code_hash,
            },
        }
    }
}

pub use governor::{
    Action, Call, Error, Governor, GovernorRef, Proposal, ProposalView, Record, Result, Suite,
    Target,
};

#[cfg(test)]
mod tests {
    use super::*;
    use governor::{call_of, check_action};
    use ink::primitives::AccountId;
    use scale::Encode;

    /// The largest proposal `propose` accepts, with every seat's approval and cancel vote (the
    /// whole `Proposal` the view shows, more than any one of its stored parts), and the call it
    /// runs, stay well inside ink!'s 16 KiB buffer, so storing, approving, executing and
    /// emitting it never traps (issue 24 item 4).
    #[test]
    fn largest_proposal_fits() {
        let account = |i: u8| AccountId::from([i; 32]);
        let reference = vec![7u8; MAX_ACTION_REF_LEN as usize];
        let actions = [
            Action::SetReviewers {
                add: (0..reward_pool::MAX_REVIEWER_CHANGES as u8)
                    .map(account)
                    .collect(),
                remove: Vec::new(),
            },
            Action::DecideMilestone {
                id: u32::MAX,
                milestone: u8::MAX,
                report: u32::MAX,
                approve: true,
                reason_ref: reference.clone(),
            },
            Action::Induct {
                who: account(1),
                rank: registry::Rank::Head,
                evidence_ref: reference,
            },
        ];
        let seats: Vec<Seat<AccountId>> = (0..MAX_COUNCIL)
            .map(|i| Seat {
                who: account(i as u8),
                seat: i,
            })
            .collect();
        for action in actions {
            check_action(&action).expect("a largest action is accepted");
            // Stored beside the record: what `execute` runs.
            let call = call_of(&action).encoded_size();
            assert!(call < 8 * 1024, "{call} bytes");
            let proposal = Proposal {
                proposer: account(0),
                action,
                description_ref: vec![1; MAX_DESCRIPTION_LEN as usize],
                created_at: u64::MAX,
                expires_at: u64::MAX,
                timelock_ms: u64::MAX,
                suite: Some(Suite {
                    registry: account(1),
                    reward_pool: account(2),
                    bounty: account(3),
                }),
                approvals: seats.clone(),
                approved_at: Some(u64::MAX),
                cancel_votes: seats.clone(),
                executed_at: Some(u64::MAX),
                cancelled: true,
            };
            let size = proposal.encoded_size();
            assert!(size < 8 * 1024, "{size} bytes");
        }
        let too_many = Action::SetReviewers {
            add: (0..=reward_pool::MAX_REVIEWER_CHANGES as u8)
                .map(account)
                .collect(),
            remove: Vec::new(),
        };
        assert_eq!(check_action(&too_many), Err(Error::ActionTooLarge));
    }
}
