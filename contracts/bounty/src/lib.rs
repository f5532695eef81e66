//! # Bounty milestones
//!
//! The on-chain form of a treasury "community bounty" proposal: a curator, a total split into
//! budget lines, milestones that unlock shares of the total, awards to recipients after a payout
//! delay, feeds of a budget line into the monthly reward pool, and a close that pays the curator
//! fee and refunds the rest to the treasury. The arithmetic and the milestone state machine are in
//! `rules::bounty`.
//!
//! ## Proposal lifecycle
//! ```text
//! Proposed ──approve_and_fund (governance, value = total)──▶ Active ──close──▶ Closed
//!    │                                                         │
//!    └──reject──▶ Rejected         cancel (governance, nothing spent) ──▶ Cancelled
//! ```
//!
//! ## Awards and exits
//! - An award to a registry member is held by its **member id**: whichever wallet the member
//!   holds when it claims is paid, and a wallet it rotated away from gets `NotRecipient`. An
//!   award to any other account is held by that account.
//! - Governance can cancel any unpaid award during its payout delay, before or after the close
//!   (after it, the amount goes to the treasury), also while the contract is paused. The delay
//!   runs on a clock that stops while the contract is paused, so a pause to investigate cannot
//!   let it run out; the governor refuses a timelock at or above the delay, so a cancel proposed
//!   when an award is made can always execute in time; a cancelled award is taken off the member's
//!   contribution total, so the registry's history shows only awards that stand.
//! - Governance can replace the curator (`set_curator`) and can close a bounty itself whatever its
//!   milestones (`close`): no bounty's funds depend on a curator staying around.
//! - The curator fee is budgeted on top of the total (`rules::bounty::fee_budget`): governance
//!   funds `total + fee budget`, and the close earns the curator its bps of what was spent. The
//!   curator collects it with `claim_fee`, so a close never depends on the curator's account
//!   being able to receive it.
//!
//! ## Invariants
//! - Σ spent (awards not cancelled + pool feeds) ≤ unlocked ≤ total, per line spent ≤ cap.
//! - `liabilities` (funded totals not yet refunded, paid as fee, fed or claimed) is covered by the
//!   balance; every payable message raises it by exactly its value, every transfer lowers it by
//!   exactly the amount sent.
//! - No message loops over awards or proposals; loops run over at most 8 lines or milestones.
//! - State is written before any transfer or cross-contract call that moves value.
#![cfg_attr(not(feature = "std"), no_std, no_main)]
// A routed build (`main-code`, `awards-code`, `views-code`) keeps some of the contract's messages
// beside `version` and `code_part`; the helpers the others use go unused.
#![cfg_attr(feature = "part", allow(dead_code, unused_imports))]

pub use rules::bounty::{BudgetLine, MilestoneState, MAX_BUDGET_LINES, MAX_MILESTONES};
pub use rules::Error as RuleError;

/// The code version `version()` reports; `next-version` builds report one more (upgrade test).
pub const CODE_VERSION: u32 = if cfg!(feature = "next-version") { 2 } else { 1 };
/// Most awards one paged view returns.
pub const PAGE_MAX: u32 = 50;

#[ink::contract]
pub mod bounty {
    use super::*;
    use admin::{Admin, AdminError};
    use ink::codegen::TraitCallBuilder;
    use ink::env::call::FromAccountId;
    use ink::prelude::vec::Vec;
    use ink::storage::Mapping;
    use registry::{MemberId, RegistryRef};
    use reward_pool::RewardPoolRef;
    use rules::{bounty as rule, submission};

    /// Where a proposal stands.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    #[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
    pub enum Status {
        /// Awaiting governance.
        Proposed,
        /// Funded; the curator awards and reports.
        Active,
        /// Refused by governance.
        Rejected,
        /// Closed: fee paid, unspent refunded; awards made stay claimable.
        Closed,
        /// Cancelled by governance before any spending; everything refunded.
        Cancelled,
    }

    /// A bounty proposal.
    #[derive(Debug, Clone, PartialEq, Eq)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    #[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
    pub struct Proposal {
        /// Who proposed it.
        pub proposer: AccountId,
        /// Who runs it.
        pub curator: AccountId,
        /// Description reference.
        pub description_ref: Vec<u8>,
        /// The period it covers (ms, inclusive start, exclusive end); may lie in the past.
        pub period: (u64, u64),
        /// Total requested; equals the sum of the line caps.
        pub total: Balance,
        /// Curator fee in bps of what is spent.
        pub fee_bps: u16,
        /// The fee budgeted on top of the total (`fee_bps` of it); funding = total + this.
        pub fee_budget: Balance,
        /// Its status.
        pub status: Status,
        /// Number of budget lines.
        pub lines: u8,
        /// Number of milestones.
        pub milestones: u8,
        /// Sum of the approved milestones' shares, in bps.
        pub approved_bps: u32,
        /// Awards (not cancelled) plus pool feeds.
        pub spent: Balance,
        /// Of `spent`, what went to the reward pool.
        pub fed_to_pool: Balance,
        /// Awards made (including cancelled ones): ids are listed by `proposal_awards`.
        pub awards: u32,
        /// Fee the curator earned at the close (its bps of what was spent).
        pub fee_paid: Balance,
        /// Whether the curator collected that fee (`claim_fee`).
        pub fee_claimed: bool,
        /// Refunded to the treasury at the close or cancel.
        pub refunded: Balance,
        /// Governance's reason when rejected.
        pub reason_ref: Vec<u8>,
    }

    /// A budget line.
    #[derive(Debug, Clone, PartialEq, Eq)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    #[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
    pub struct Line {
        /// Its name (e.g. "weekly bounties").
        pub name: Vec<u8>,
        /// Cap and spent.
        pub budget: BudgetLine,
    }

    /// A milestone.
    #[derive(Debug, Clone, PartialEq, Eq)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    #[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
    pub struct Milestone {
        /// What it delivers.
        pub description_ref: Vec<u8>,
        /// When it is due (ms).
        pub due_ms: u64,
        /// Share of the total it unlocks, in bps.
        pub share_bps: u16,
        /// Its state.
        pub state: MilestoneState,
        /// The curator's last report.
        pub report_ref: Vec<u8>,
        /// How many reports the curator has submitted for it: a decision names the report it
        /// decides by this number, so a decision made on one report never applies to a later one.
        pub report_version: u32,
        /// Governance's last reason.
        pub reason_ref: Vec<u8>,
    }

    /// Where an award stands.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    #[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
    pub enum AwardState {
        /// Waiting for its recipient (after the payout delay).
        Pending,
        /// Paid.
        Claimed,
        /// Cancelled by governance during the delay.
        Cancelled,
    }

    /// Who holds awards: a member by id (whatever its wallet) or another account.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    pub enum Holder {
        /// A registry member.
        Member(MemberId),
        /// An account that was not a member's wallet when awarded.
        Account(AccountId),
    }

    /// An award from a budget line.
    #[derive(Debug, Clone, PartialEq, Eq)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    #[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
    pub struct Award {
        /// The proposal.
        pub proposal: u32,
        /// The line.
        pub line: u8,
        /// The account named when it was awarded; for a member, its wallet at that time.
        pub recipient: AccountId,
        /// The registry member it is held for, if the recipient was a member's wallet: then
        /// the member's current wallet claims it, not `recipient`.
        pub member: Option<MemberId>,
        /// The amount.
        pub amount: Balance,
        /// Memo reference.
        pub memo_ref: Vec<u8>,
        /// Claimable once the bounty contract's running time (time not spent paused) reaches
        /// this (ms); `claimable_at` shows it as a wall time.
        pub claimable_after: u64,
        /// Its state.
        pub state: AwardState,
    }

    /// A month-end style report of a proposal: what today's free-text report says, read from
    /// the chain.
    #[derive(Debug, Clone, PartialEq, Eq)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    pub struct Report {
        /// The proposal.
        pub proposal: Proposal,
        /// Its lines.
        pub lines: Vec<Line>,
        /// Its milestones.
        pub milestones: Vec<Milestone>,
        /// What approved milestones have unlocked.
        pub unlocked: Balance,
        /// What can still be spent: unlocked − spent.
        pub spendable: Balance,
    }

    /// Why a bounty message failed.
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
        /// The caller is not the proposal's curator.
        NotCurator,
        /// The caller is neither the curator nor governance.
        NotCuratorOrGovernance,
        /// No proposal with this id.
        NoSuchProposal,
        /// The proposal is not awaiting a decision.
        NotProposed,
        /// The proposal is not active.
        NotActive,
        /// The value sent differs from the proposal's funding (total + fee budget).
        FundingMismatch,
        /// The period ends before it starts.
        BadPeriod,
        /// No budget line with this index.
        NoSuchLine,
        /// No milestone with this index.
        NoSuchMilestone,
        /// The last milestone has not been decided.
        MilestonesUndecided,
        /// Something was already spent; cancel is no longer possible (close instead).
        AlreadySpent,
        /// No award with this id.
        NoSuchAward,
        /// The caller is not the award's recipient.
        NotRecipient,
        /// The award was already claimed.
        AlreadyClaimed,
        /// The award was cancelled.
        AwardCancelled,
        /// The payout delay has not passed.
        PayoutDelayRunning,
        /// The payout delay has passed; the award can no longer be cancelled.
        PayoutDelayOver,
        /// The curator's fee was already collected, or the bounty earned none.
        NoFeeDue,
        /// The milestone's report is not the one the decision names: the curator submitted
        /// another since.
        ReportChanged,
        /// A transfer out of the contract failed.
        TransferFailed,
        /// The reward pool refused the feed: the inner error says why.
        Pool(reward_pool::Error),
        /// The registry refused to record the contribution: the inner error says why.
        Registry(registry::Error),
        /// The reward pool or the registry could not be called.
        CalleeUnreachable,
        /// A rule refused the input; the inner error names it.
        Rule(RuleError),
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

    /// Result of the bounty's messages.
    pub type Result<T> = core::result::Result<T, Error>;

    /// A proposal was made.
    #[ink(event)]
    pub struct Proposed {
        /// Its id.
        #[ink(topic)]
        pub id: u32,
        /// Its curator.
        #[ink(topic)]
        pub curator: AccountId,
        /// Its total.
        pub total: Balance,
    }

    /// A proposal changed status (approved and funded, rejected, closed, cancelled).
    #[ink(event)]
    pub struct StatusChanged {
        /// The proposal.
        #[ink(topic)]
        pub id: u32,
        /// Its new status.
        pub status: Status,
        /// Fee paid to the curator (closing).
        pub fee: Balance,
        /// Refunded to the treasury (closing, cancelling).
        pub refund: Balance,
    }

    /// A milestone report was submitted or decided.
    #[ink(event)]
    pub struct MilestoneChanged {
        /// The proposal.
        #[ink(topic)]
        pub id: u32,
        /// The milestone.
        pub milestone: u8,
        /// Its new state.
        pub state: MilestoneState,
        /// The report or reason reference.
        pub reference: Vec<u8>,
    }

    /// An award was made, claimed or cancelled.
    #[ink(event)]
    pub struct AwardChanged {
        /// The award.
        pub award: u32,
        /// The proposal.
        #[ink(topic)]
        pub id: u32,
        /// The recipient.
        #[ink(topic)]
        pub recipient: AccountId,
        /// The amount.
        pub amount: Balance,
        /// Its new state.
        pub state: AwardState,
    }

    /// Governance replaced a proposal's curator.
    #[ink(event)]
    pub struct CuratorChanged {
        /// The proposal.
        #[ink(topic)]
        pub id: u32,
        /// The new curator.
        #[ink(topic)]
        pub curator: AccountId,
    }

    /// The curator collected its fee.
    #[ink(event)]
    pub struct FeeClaimed {
        /// The proposal.
        #[ink(topic)]
        pub id: u32,
        /// The curator paid.
        pub curator: AccountId,
        /// The fee.
        pub amount: Balance,
    }

    /// A budget line fed a month of the reward pool.
    #[ink(event)]
    pub struct PoolFed {
        /// The proposal.
        #[ink(topic)]
        pub id: u32,
        /// The line.
        pub line: u8,
        /// The pool's month.
        pub month: u32,
        /// The amount.
        pub amount: Balance,
    }

    /// The bounty contract's storage.
    #[ink(storage)]
    pub struct Bounty {
        admin: Admin,
        registry: AccountId,
        pool: AccountId,
        treasury: AccountId,
        payout_delay_ms: u64,
        /// Stops while the contract is paused; payout delays run on it.
        clock: rules::calendar::PauseClock,
        max_ref_len: u32,
        next_proposal: u32,
        proposals: Mapping<u32, Proposal>,
        lines: Mapping<(u32, u8), Line>,
        milestones: Mapping<(u32, u8), Milestone>,
        next_award: u32,
        awards: Mapping<u32, Award>,
        proposal_awards: Mapping<(u32, u32), u32>,
        holder_awards: Mapping<(Holder, u32), u32>,
        holder_count: Mapping<Holder, u32>,
        liabilities: Balance,
    }

    fn add(a: Balance, b: Balance) -> Result<Balance> {
        a.checked_add(b).ok_or(Error::Rule(RuleError::Overflow))
    }

    fn sub(a: Balance, b: Balance) -> Result<Balance> {
        a.checked_sub(b).ok_or(Error::Rule(RuleError::Overflow))
    }

    fn bump(n: u32) -> Result<u32> {
        n.checked_add(1).ok_or(Error::Rule(RuleError::Overflow))
    }

    impl Bounty {
        /// Creates the bounty contract: `governance` approves and decides, `registry` records
        /// members' contributions, `pool` receives feeds, `treasury` receives refunds; awards are
        /// claimable `payout_delay_ms` after they are made; references are at most `max_ref_len`
        /// bytes.
        ///
        /// Runs one code (the whole build).
        ///
        /// Errors: `Rule(EvidenceLimitOutOfRange)`.
        #[cfg(not(feature = "part"))]
        #[ink(constructor)]
        pub fn new(
            governance: AccountId,
            registry: AccountId,
            pool: AccountId,
            treasury: AccountId,
            payout_delay_ms: u64,
            max_ref_len: u32,
        ) -> Result<Self> {
            Self::create(
                governance,
                registry,
                pool,
                treasury,
                payout_delay_ms,
                max_ref_len,
            )
        }

        /// Creates the bounty contract as [`Self::new`] does, served by several codes behind a
        /// router (issue 20: every code at most 32 KiB, what each call loads): instantiated
        /// from its main part (the `main-code` build), it makes `router` (the bounty's build of
        /// the `router` contract) the account's code, which sends each message to the build
        /// that serves it (`admin::Routes`: this code, then the awards and views parts the router
        /// declares), over this one storage. Every routed code is locked as the contract's
        /// delegate dependency. Before switching, the router must declare this code as its main
        /// part and each code must answer over the new contract's storage that it is the build
        /// its route needs (`code_part()`: `admin::install_routes`). Clients see one contract
        /// with the whole build's ABI. Instantiated from any other code it is refused.
        ///
        /// Errors: those of [`Self::new`]; `IncompatibleCode` (`router` is not a router or
        /// declares another main part, a code the chain does not know or that does not answer
        /// over this storage as its route's build, or a code declared twice).
        #[cfg(any(not(feature = "part"), feature = "main-code"))]
        #[ink(constructor)]
        pub fn new_routed(
            governance: AccountId,
            registry: AccountId,
            pool: AccountId,
            treasury: AccountId,
            payout_delay_ms: u64,
            max_ref_len: u32,
            router: Hash,
        ) -> Result<Self> {
            let bounty = Self::create(
                governance,
                registry,
                pool,
                treasury,
                payout_delay_ms,
                max_ref_len,
            )?;
            admin::install_routes(&bounty, router)?;
            Ok(bounty)
        }

        /// Refused: a part build other than the main one is never instantiated; it only serves
        /// a routed contract's calls of its messages (see [`Self::new_routed`]).
        ///
        /// Errors: `IncompatibleCode`, always.
        #[cfg(all(feature = "part", not(feature = "main-code")))]
        #[ink(constructor)]
        pub fn never() -> Result<Self> {
            Err(Error::IncompatibleCode)
        }

        /// The contract both constructors create (one copy of the code).
        #[cfg(any(not(feature = "part"), feature = "main-code"))]
        #[inline(never)]
        fn create(
            governance: AccountId,
            registry: AccountId,
            pool: AccountId,
            treasury: AccountId,
            payout_delay_ms: u64,
            max_ref_len: u32,
        ) -> Result<Self> {
            submission::check_evidence_limit(max_ref_len)?;
            Ok(Self {
                admin: Admin::new(governance),
                registry,
                pool,
                treasury,
                payout_delay_ms,
                clock: Default::default(),
                max_ref_len,
                next_proposal: 0,
                proposals: Mapping::default(),
                lines: Mapping::default(),
                milestones: Mapping::default(),
                next_award: 0,
                awards: Mapping::default(),
                proposal_awards: Mapping::default(),
                holder_awards: Mapping::default(),
                holder_count: Mapping::default(),
                liabilities: 0,
            })
        }

        /// Proposes a bounty. Anyone may call it. `lines` are (name, cap) and must sum to
        /// `total`; `milestones` are (description reference, due time, share in bps) and their
        /// shares must sum to 10,000; the period may lie in the past. Returns the proposal id.
        ///
        /// Errors: `Paused`, `BadPeriod`, `Rule(ZeroTotal)`, `Rule(NoBudgetLines)`,
        /// `Rule(TooManyBudgetLines)`, `Rule(LineCapsDoNotSumToTotal)`, `Rule(NoMilestones)`,
        /// `Rule(TooManyMilestones)`, `Rule(ZeroMilestoneShare)`,
        /// `Rule(MilestoneSharesDoNotSumToWhole)`, `Rule(FeeOutOfRange)`,
        /// `Rule(EvidenceEmpty)`, `Rule(EvidenceTooLong)`, `Rule(Overflow)`.
        #[cfg(any(not(feature = "part"), feature = "main-code"))]
        #[ink(message)]
        #[allow(clippy::too_many_arguments)]
        pub fn propose(
            &mut self,
            curator: AccountId,
            description_ref: Vec<u8>,
            period: (u64, u64),
            total: Balance,
            lines: Vec<(Vec<u8>, Balance)>,
            milestones: Vec<(Vec<u8>, u64, u16)>,
            fee_bps: u16,
        ) -> Result<u32> {
            self.ensure_running()?;
            if period.1 < period.0 {
                return Err(Error::BadPeriod);
            }
            let caps: Vec<Balance> = lines.iter().map(|(_, cap)| *cap).collect();
            let shares: Vec<u16> = milestones.iter().map(|(_, _, share)| *share).collect();
            rule::validate_proposal(total, &caps, &shares, fee_bps)?;
            let fee_budget = rule::fee_budget(total, fee_bps)?;
            self.check_ref(&description_ref)?;
            for (name, _) in &lines {
                self.check_ref(name)?;
            }
            for (reference, _, _) in &milestones {
                self.check_ref(reference)?;
            }
            let id = self.next_proposal;
            self.next_proposal = bump(id)?;
            // validate_proposal bounds both counts by 8.
            let line_count =
                u8::try_from(lines.len()).map_err(|_| RuleError::TooManyBudgetLines)?;
            let milestone_count =
                u8::try_from(milestones.len()).map_err(|_| RuleError::TooManyMilestones)?;
            for (index, (name, cap)) in (0u8..).zip(lines) {
                self.lines.insert(
                    (id, index),
                    &Line {
                        name,
                        budget: BudgetLine::new(cap),
                    },
                );
            }
            for (index, (description_ref, due_ms, share_bps)) in (0u8..).zip(milestones) {
                self.milestones.insert(
                    (id, index),
                    &Milestone {
                        description_ref,
                        due_ms,
                        share_bps,
                        state: MilestoneState::Pending,
                        report_ref: Vec::new(),
                        report_version: 0,
                        reason_ref: Vec::new(),
                    },
                );
            }
            self.proposals.insert(
                id,
                &Proposal {
                    proposer: self.env().caller(),
                    curator,
                    description_ref,
                    period,
                    total,
                    fee_bps,
                    fee_budget,
                    status: Status::Proposed,
                    lines: line_count,
                    milestones: milestone_count,
                    approved_bps: 0,
                    spent: 0,
                    fed_to_pool: 0,
                    awards: 0,
                    fee_paid: 0,
                    fee_claimed: false,
                    refunded: 0,
                    reason_ref: Vec::new(),
                },
            );
            self.env().emit_event(Proposed { id, curator, total });
            Ok(id)
        }

        /// Approves proposal `id` and funds it with the transferred value, which must equal its
        /// total plus its fee budget (`funding`). Governance only.
        ///
        /// Errors: `Paused`, `NotGovernance`, `NoSuchProposal`, `NotProposed`,
        /// `FundingMismatch`, `Rule(Overflow)`.
        #[cfg(any(not(feature = "part"), feature = "main-code"))]
        #[ink(message, payable)]
        pub fn approve_and_fund(&mut self, id: u32) -> Result<()> {
            self.ensure_running()?;
            self.ensure_governance()?;
            let mut proposal = self.proposal_record(id)?;
            if proposal.status != Status::Proposed {
                return Err(Error::NotProposed);
            }
            let funding = add(proposal.total, proposal.fee_budget)?;
            if self.env().transferred_value() != funding {
                return Err(Error::FundingMismatch);
            }
            self.liabilities = add(self.liabilities, funding)?;
            proposal.status = Status::Active;
            self.proposals.insert(id, &proposal);
            self.emit_status(id, Status::Active, 0, 0);
            Ok(())
        }

        /// Rejects proposal `id` with a reason reference. Governance only.
        ///
        /// Errors: `Paused`, `NotGovernance`, `NoSuchProposal`, `NotProposed`,
        /// `Rule(EvidenceEmpty)`, `Rule(EvidenceTooLong)`.
        #[cfg(any(not(feature = "part"), feature = "main-code"))]
        #[ink(message)]
        pub fn reject(&mut self, id: u32, reason_ref: Vec<u8>) -> Result<()> {
            self.ensure_running()?;
            self.ensure_governance()?;
            self.check_ref(&reason_ref)?;
            let mut proposal = self.proposal_record(id)?;
            if proposal.status != Status::Proposed {
                return Err(Error::NotProposed);
            }
            proposal.status = Status::Rejected;
            proposal.reason_ref = reason_ref;
            self.proposals.insert(id, &proposal);
            self.emit_status(id, Status::Rejected, 0, 0);
            Ok(())
        }

        /// Submits (or, after a rejection, resubmits) the report of milestone `milestone`.
        /// The curator only, while the proposal is active.
        ///
        /// Each report raises the milestone's `report_version`; a decision names the version.
        ///
        /// Errors: `Paused`, `NoSuchProposal`, `NotCurator`, `NotActive`, `NoSuchMilestone`,
        /// `Rule(ReportNotExpected)`, `Rule(EvidenceEmpty)`, `Rule(EvidenceTooLong)`,
        /// `Rule(Overflow)`.
        #[cfg(any(not(feature = "part"), feature = "main-code"))]
        #[ink(message)]
        pub fn submit_report(&mut self, id: u32, milestone: u8, report_ref: Vec<u8>) -> Result<()> {
            self.ensure_running()?;
            self.active_as_curator(id)?;
            self.check_ref(&report_ref)?;
            let mut record = self.milestone_record(id, milestone)?;
            record.state = record.state.report()?;
            record.report_ref = report_ref.clone();
            record.report_version = bump(record.report_version)?;
            self.milestones.insert((id, milestone), &record);
            self.env().emit_event(MilestoneChanged {
                id,
                milestone,
                state: record.state,
                reference: report_ref,
            });
            Ok(())
        }

        /// Approves (unlocking its share) or rejects report number `report` of a milestone (its
        /// `report_version`, the one governance reviewed), with a reason reference. Refused when
        /// the curator has submitted another report since, so a decision waiting in a timelock
        /// never applies to a report nobody reviewed. Governance only, while the proposal is
        /// active.
        ///
        /// Errors: `Paused`, `NotGovernance`, `NoSuchProposal`, `NotActive`, `NoSuchMilestone`,
        /// `ReportChanged`, `Rule(NoReportToDecide)`, `Rule(EvidenceEmpty)`,
        /// `Rule(EvidenceTooLong)`.
        #[cfg(any(not(feature = "part"), feature = "main-code"))]
        #[ink(message)]
        pub fn decide_milestone(
            &mut self,
            id: u32,
            milestone: u8,
            report: u32,
            approve: bool,
            reason_ref: Vec<u8>,
        ) -> Result<()> {
            self.ensure_running()?;
            self.ensure_governance()?;
            self.check_ref(&reason_ref)?;
            let mut proposal = self.active(id)?;
            let mut record = self.milestone_record(id, milestone)?;
            if record.report_version != report {
                return Err(Error::ReportChanged);
            }
            record.state = record.state.decide(approve)?;
            record.reason_ref = reason_ref.clone();
            if approve {
                proposal.approved_bps = proposal
                    .approved_bps
                    .checked_add(u32::from(record.share_bps))
                    .ok_or(RuleError::Overflow)?;
                self.proposals.insert(id, &proposal);
            }
            self.milestones.insert((id, milestone), &record);
            self.env().emit_event(MilestoneChanged {
                id,
                milestone,
                state: record.state,
                reference: reason_ref,
            });
            Ok(())
        }

        /// Awards `amount` from budget line `line` to `recipient`, claimable after the payout
        /// delay. Never above the line's remaining cap nor above what approved milestones have
        /// unlocked. An award to a registry member's wallet is held for the member id (its
        /// current wallet claims it) and recorded in its contribution history.
        /// The curator only, while the proposal is active. Returns the award id.
        ///
        /// Errors: `Paused`, `NoSuchProposal`, `NotCurator`, `NotActive`, `NoSuchLine`,
        /// `Rule(ZeroAmount)`, `Rule(LineCapExceeded)`, `Rule(BeyondUnlocked)`,
        /// `Rule(EvidenceEmpty)`, `Rule(EvidenceTooLong)`, `Registry(..)`,
        /// `CalleeUnreachable`, `Rule(Overflow)`, `Rule(TimeOverflow)`.
        #[cfg(any(not(feature = "part"), feature = "awards-code"))]
        #[ink(message)]
        pub fn award(
            &mut self,
            id: u32,
            line: u8,
            recipient: AccountId,
            amount: Balance,
            memo_ref: Vec<u8>,
        ) -> Result<u32> {
            self.ensure_running()?;
            self.active_as_curator(id)?;
            self.check_ref(&memo_ref)?;
            self.spend(id, line, amount, false)?;
            let mut proposal = self.proposal_record(id)?;
            let claimable_after = self
                .running_ms()
                .checked_add(self.payout_delay_ms)
                .ok_or(RuleError::TimeOverflow)?;
            let member = self.member_id_of(recipient)?;
            let award = self.next_award;
            self.next_award = bump(award)?;
            self.proposal_awards.insert((id, proposal.awards), &award);
            proposal.awards = bump(proposal.awards)?;
            self.proposals.insert(id, &proposal);
            let holder = member.map_or(Holder::Account(recipient), Holder::Member);
            let count = self.holder_count.get(holder).unwrap_or(0);
            self.holder_awards.insert((holder, count), &award);
            self.holder_count.insert(holder, &bump(count)?);
            self.awards.insert(
                award,
                &Award {
                    proposal: id,
                    line,
                    recipient,
                    member,
                    amount,
                    memo_ref: memo_ref.clone(),
                    claimable_after,
                    state: AwardState::Pending,
                },
            );
            if let Some(member) = member {
                self.registry_ref()
                    .call_mut()
                    .record_contribution(member, id, amount, memo_ref)
                    .try_invoke()
                    .map_err(|_| Error::CalleeUnreachable)?
                    .map_err(|_| Error::CalleeUnreachable)?
                    .map_err(Error::Registry)?;
            }
            self.env().emit_event(AwardChanged {
                award,
                id,
                recipient,
                amount,
                state: AwardState::Pending,
            });
            Ok(award)
        }

        /// Cancels an award during its payout delay (counted, like the claim, on the contract's
        /// running time: a pause to investigate stops it). While the proposal is active the amount
        /// goes back to its line; after the close it goes to the treasury. A member's award is
        /// taken off its contribution total. Governance only, also while the contract is paused
        /// (a pause to investigate must not let the delay defeat the cancel).
        ///
        /// Errors: `NotGovernance`, `NoSuchAward`, `AlreadyClaimed`, `AwardCancelled`,
        /// `PayoutDelayOver`, `Rule(ReleaseExceedsSpent)`, `Registry(..)`, `CalleeUnreachable`,
        /// `TransferFailed`, `Rule(Overflow)`.
        #[cfg(any(not(feature = "part"), feature = "awards-code"))]
        #[ink(message)]
        pub fn cancel_award(&mut self, award: u32) -> Result<()> {
            self.ensure_governance()?;
            let mut record = self.pending_award(award)?;
            if self.running_ms() >= record.claimable_after {
                return Err(Error::PayoutDelayOver);
            }
            let mut proposal = self.proposal_record(record.proposal)?;
            let to_treasury = match proposal.status {
                Status::Active => {
                    let key = (record.proposal, record.line);
                    let mut line = self.lines.get(key).ok_or(Error::NoSuchLine)?;
                    line.budget = rule::release(&line.budget, record.amount)?;
                    proposal.spent = sub(proposal.spent, record.amount)?;
                    self.lines.insert(key, &line);
                    0
                }
                // Closed: the line's budget was already settled; the amount is refunded.
                _ => {
                    proposal.refunded = add(proposal.refunded, record.amount)?;
                    self.liabilities = sub(self.liabilities, record.amount)?;
                    record.amount
                }
            };
            record.state = AwardState::Cancelled;
            self.proposals.insert(record.proposal, &proposal);
            self.awards.insert(award, &record);
            if let Some(member) = record.member {
                self.registry_ref()
                    .call_mut()
                    .reverse_contribution(member, record.proposal, record.amount)
                    .try_invoke()
                    .map_err(|_| Error::CalleeUnreachable)?
                    .map_err(|_| Error::CalleeUnreachable)?
                    .map_err(Error::Registry)?;
            }
            self.emit_award(award, &record);
            self.pay(self.treasury, to_treasury)
        }

        /// Pays an award, once, after the payout delay, also after the proposal closed. An award
        /// held for a member is paid to the wallet the member holds now, and only that wallet
        /// may claim it; another award only to its recipient account.
        ///
        /// Errors: `Paused`, `NoSuchAward`, `NotRecipient`, `AlreadyClaimed`, `AwardCancelled`,
        /// `PayoutDelayRunning`, `CalleeUnreachable`, `TransferFailed`, `Rule(Overflow)`.
        #[cfg(any(not(feature = "part"), feature = "awards-code"))]
        #[ink(message)]
        pub fn claim_award(&mut self, award: u32) -> Result<Balance> {
            self.ensure_running()?;
            let mut record = self.pending_award(award)?;
            let caller = self.env().caller();
            let entitled = match record.member {
                Some(member) => self.member_id_of(caller)? == Some(member),
                None => caller == record.recipient,
            };
            if !entitled {
                return Err(Error::NotRecipient);
            }
            if self.running_ms() < record.claimable_after {
                return Err(Error::PayoutDelayRunning);
            }
            record.state = AwardState::Claimed;
            self.awards.insert(award, &record);
            self.liabilities = sub(self.liabilities, record.amount)?;
            self.emit_award(award, &record);
            self.env()
                .transfer(caller, record.amount)
                .map_err(|_| Error::TransferFailed)?;
            Ok(record.amount)
        }

        /// Moves `amount` of budget line `line` into `month` of the reward pool, by a
        /// cross-contract call carrying the value (this contract must be the pool's authorised
        /// funder). The month's pool grows by it. Counts against the line and the unlocked
        /// amount like an award. The curator only, while the proposal is active.
        ///
        /// Errors: `Paused`, `NoSuchProposal`, `NotCurator`, `NotActive`, `NoSuchLine`,
        /// `Rule(ZeroAmount)`, `Rule(LineCapExceeded)`, `Rule(BeyondUnlocked)`,
        /// `Pool(MonthFinalized)`, `Pool(MonthClosed)`, `Pool(NotFunder)`, `Pool(..)`,
        /// `CalleeUnreachable`, `Rule(Overflow)`.
        #[cfg(any(not(feature = "part"), feature = "awards-code"))]
        #[ink(message)]
        pub fn feed_pool(&mut self, id: u32, line: u8, month: u32, amount: Balance) -> Result<()> {
            self.ensure_running()?;
            self.active_as_curator(id)?;
            self.spend(id, line, amount, true)?;
            self.liabilities = sub(self.liabilities, amount)?;
            let mut pool: RewardPoolRef = FromAccountId::from_account_id(self.pool);
            pool.call_mut()
                .fund(month)
                .transferred_value(amount)
                .try_invoke()
                .map_err(|_| Error::CalleeUnreachable)?
                .map_err(|_| Error::CalleeUnreachable)?
                .map_err(Error::Pool)?;
            self.env().emit_event(PoolFed {
                id,
                line,
                month,
                amount,
            });
            Ok(())
        }

        /// Closes proposal `id`: the curator once its last milestone is decided, governance at
        /// any time (so funds never depend on a curator staying around). The curator earns its
        /// fee (its bps of what was spent, from the fee budget), collected with `claim_fee`; the
        /// rest of the funding that is neither spent nor earned is refunded to the treasury.
        /// Awards already made stay claimable, and governance can still cancel those in their
        /// payout delay.
        ///
        /// Errors: `Paused`, `NoSuchProposal`, `NotCuratorOrGovernance`, `NotActive`,
        /// `MilestonesUndecided` (the curator, before the last milestone is decided),
        /// `TransferFailed` (the refund), `Rule(Overflow)`.
        #[cfg(any(not(feature = "part"), feature = "main-code"))]
        #[ink(message)]
        pub fn close(&mut self, id: u32) -> Result<()> {
            self.ensure_running()?;
            let mut proposal = self.proposal_record(id)?;
            let caller = self.env().caller();
            let by_governance = caller == self.admin.governance();
            if caller != proposal.curator && !by_governance {
                return Err(Error::NotCuratorOrGovernance);
            }
            if proposal.status != Status::Active {
                return Err(Error::NotActive);
            }
            let last = proposal.milestones.saturating_sub(1);
            if !by_governance && !self.milestone_record(id, last)?.state.is_decided() {
                return Err(Error::MilestonesUndecided);
            }
            let closing = rule::close_out(proposal.total, proposal.spent, proposal.fee_bps)?;
            proposal.status = Status::Closed;
            proposal.fee_paid = closing.fee;
            proposal.fee_claimed = closing.fee == 0;
            proposal.refunded = closing.refund;
            self.proposals.insert(id, &proposal);
            self.liabilities = sub(self.liabilities, closing.refund)?;
            self.emit_status(id, Status::Closed, closing.fee, closing.refund);
            self.pay(self.treasury, closing.refund)
        }

        /// Pays the curator the fee its bounty earned at the close. The curator of a closed
        /// proposal only, once.
        ///
        /// Errors: `Paused`, `NoSuchProposal`, `NotCurator`, `NotActive` (not closed),
        /// `NoFeeDue`, `TransferFailed`, `Rule(Overflow)`.
        #[cfg(any(not(feature = "part"), feature = "awards-code"))]
        #[ink(message)]
        pub fn claim_fee(&mut self, id: u32) -> Result<Balance> {
            self.ensure_running()?;
            let mut proposal = self.proposal_record(id)?;
            let curator = self.env().caller();
            if curator != proposal.curator {
                return Err(Error::NotCurator);
            }
            if proposal.status != Status::Closed {
                return Err(Error::NotActive);
            }
            if proposal.fee_claimed {
                return Err(Error::NoFeeDue);
            }
            proposal.fee_claimed = true;
            self.proposals.insert(id, &proposal);
            let amount = proposal.fee_paid;
            self.liabilities = sub(self.liabilities, amount)?;
            self.env().emit_event(FeeClaimed {
                id,
                curator,
                amount,
            });
            self.pay(curator, amount)?;
            Ok(amount)
        }

        /// Cancels proposal `id` before anything was spent, refunding its funding (if any) to
        /// the treasury. Governance only.
        ///
        /// Errors: `Paused`, `NotGovernance`, `NoSuchProposal`, `NotActive` (rejected, closed
        /// or cancelled already), `AlreadySpent`, `TransferFailed`, `Rule(Overflow)`.
        #[cfg(any(not(feature = "part"), feature = "main-code"))]
        #[ink(message)]
        pub fn cancel(&mut self, id: u32) -> Result<()> {
            self.ensure_running()?;
            self.ensure_governance()?;
            let mut proposal = self.proposal_record(id)?;
            let refund = match proposal.status {
                Status::Proposed => 0,
                Status::Active if proposal.spent == 0 && proposal.awards == 0 => {
                    add(proposal.total, proposal.fee_budget)?
                }
                Status::Active => return Err(Error::AlreadySpent),
                _ => return Err(Error::NotActive),
            };
            proposal.status = Status::Cancelled;
            proposal.refunded = refund;
            self.proposals.insert(id, &proposal);
            self.liabilities = sub(self.liabilities, refund)?;
            self.emit_status(id, Status::Cancelled, 0, refund);
            self.pay(self.treasury, refund)
        }

        /// Replaces proposal `id`'s curator, while it is proposed or active. Governance only.
        ///
        /// Errors: `Paused`, `NotGovernance`, `NoSuchProposal`, `NotActive` (rejected, closed
        /// or cancelled).
        #[cfg(any(not(feature = "part"), feature = "main-code"))]
        #[ink(message)]
        pub fn set_curator(&mut self, id: u32, curator: AccountId) -> Result<()> {
            self.ensure_running()?;
            self.ensure_governance()?;
            let mut proposal = self.proposal_record(id)?;
            if !matches!(proposal.status, Status::Proposed | Status::Active) {
                return Err(Error::NotActive);
            }
            proposal.curator = curator;
            self.proposals.insert(id, &proposal);
            self.env().emit_event(CuratorChanged { id, curator });
            Ok(())
        }

        // ---- governance ----------------------------------------------------------------------

        /// Pauses every state change except governance's unpause, upgrade and handover.
        /// Governance only.
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
        /// answers `version()` over this storage and is a whole build, or a router whose main
        /// part answers (`code_part()`, `admin::replace_routed_code`): an upgrade to another
        /// contract's code, to one of the routed builds, or to a build whose storage layout
        /// changed without a migration, is refused and the contract keeps running its old code.
        /// To a **router** (the bounty's build of the `router` contract, declaring the codes it
        /// routes to): the routes it declares are installed once each of its codes proves over
        /// this storage that it is the build its route needs, so the contract stays routed and
        /// the router's hash, the one governance names, pins every code; the old codes' locks
        /// are released and the new ones' taken. To a **whole** code: it runs directly, the
        /// routes are forgotten and their locks released. Governance only, also while paused.
        ///
        /// Errors: `NotGovernance`, `UpgradeFailed` (unknown code hash), `IncompatibleCode`.
        #[cfg(any(not(feature = "part"), feature = "main-code"))]
        #[ink(message)]
        pub fn set_code(&mut self, code_hash: Hash) -> Result<()> {
            self.ensure_governance()?;
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

        // ---- views ---------------------------------------------------------------------------

        /// A proposal.
        #[cfg(any(not(feature = "part"), feature = "views-code"))]
        #[ink(message)]
        pub fn proposal(&self, id: u32) -> Option<Proposal> {
            self.proposals.get(id)
        }

        /// A proposal's report: lines, milestones, unlocked and spendable amounts.
        ///
        /// Errors: `NoSuchProposal`, `Rule(Overflow)`.
        #[cfg(any(not(feature = "part"), feature = "views-code"))]
        #[ink(message)]
        pub fn report(&self, id: u32) -> Result<Report> {
            let proposal = self.proposal_record(id)?;
            let lines = (0..proposal.lines)
                .filter_map(|i| self.lines.get((id, i)))
                .collect();
            let milestones = (0..proposal.milestones)
                .filter_map(|i| self.milestones.get((id, i)))
                .collect();
            let unlocked = rule::unlocked(proposal.total, proposal.approved_bps)?;
            Ok(Report {
                spendable: unlocked.saturating_sub(proposal.spent),
                unlocked,
                lines,
                milestones,
                proposal,
            })
        }

        /// An award.
        #[cfg(any(not(feature = "part"), feature = "views-code"))]
        #[ink(message)]
        pub fn award_of(&self, award: u32) -> Option<Award> {
            self.awards.get(award)
        }

        /// Up to `limit` (at most 50) ids of the awards `wallet` may claim, oldest first, from
        /// the `from`-th: the awards held for its member when it is a member's current wallet,
        /// otherwise those held for the account itself. An unreachable registry reads as "not a
        /// member".
        #[cfg(any(not(feature = "part"), feature = "views-code"))]
        #[ink(message)]
        pub fn awards_of(&self, wallet: AccountId, from: u32, limit: u32) -> Vec<u32> {
            let holder = match self.member_id_of(wallet) {
                Ok(Some(member)) => Holder::Member(member),
                _ => Holder::Account(wallet),
            };
            self.holder_awards(holder, from, limit)
        }

        /// Up to `limit` (at most 50) award ids held by `holder`, oldest first, from the
        /// `from`-th.
        #[cfg(any(not(feature = "part"), feature = "views-code"))]
        #[ink(message)]
        pub fn holder_awards(&self, holder: Holder, from: u32, limit: u32) -> Vec<u32> {
            let count = self.holder_count.get(holder).unwrap_or(0);
            let end = from.saturating_add(limit.min(PAGE_MAX)).min(count);
            (from..end)
                .filter_map(|i| self.holder_awards.get((holder, i)))
                .collect()
        }

        /// Up to `limit` (at most 50) award ids of proposal `id`, oldest first, from the
        /// `from`-th.
        #[cfg(any(not(feature = "part"), feature = "views-code"))]
        #[ink(message)]
        pub fn proposal_awards(&self, id: u32, from: u32, limit: u32) -> Vec<u32> {
            let count = self.proposals.get(id).map_or(0, |p| p.awards);
            let end = from.saturating_add(limit.min(PAGE_MAX)).min(count);
            (from..end)
                .filter_map(|i| self.proposal_awards.get((id, i)))
                .collect()
        }

        /// Everything the contract still holds for a purpose; its balance always covers it.
        #[cfg(any(not(feature = "part"), feature = "views-code"))]
        #[ink(message)]
        pub fn liabilities(&self) -> Balance {
            self.liabilities
        }

        /// When award `award` becomes claimable, as a wall time, if the contract is not paused
        /// meanwhile (a pause moves it later by the pause's length): `None` for no such award
        /// and while paused.
        #[cfg(any(not(feature = "part"), feature = "views-code"))]
        #[ink(message)]
        pub fn claimable_at(&self, award: u32) -> Option<u64> {
            let record = self.awards.get(award)?;
            self.clock
                .wall_time_of(record.claimable_after, self.env().block_timestamp())
        }

        /// The registry, the reward pool, the treasury and the payout delay.
        #[cfg(any(not(feature = "part"), feature = "views-code"))]
        #[ink(message)]
        pub fn wiring(&self) -> (AccountId, AccountId, AccountId, u64) {
            (
                self.registry,
                self.pool,
                self.treasury,
                self.payout_delay_ms,
            )
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

        /// The version of the running code.
        #[ink(message)]
        pub fn version(&self) -> u32 {
            CODE_VERSION
        }

        /// The codes a routed bounty contract's router sends calls to (`admin::Routes`: the main
        /// part, then the awards and views parts), or `None` for one that runs one code (made
        /// with `new`, or upgraded to a whole code since). Anyone.
        #[cfg(any(not(feature = "part"), feature = "main-code"))]
        #[ink(message)]
        pub fn routes(&self) -> Option<admin::Routes> {
            admin::stored_routes()
        }

        /// Which build of the bounty contract answers (`admin::Part`): `admin::WHOLE` for the
        /// whole contract, else the build's index in the routes (`admin::MAIN` for the main
        /// part, then awards 1, views 2: the order of the `*-code` features in Cargo.toml, in
        /// which `./scripts/build-contracts` has the router declare them and compiles the index
        /// in: `admin::code_part!`). Through a routed contract's router the main part answers.
        /// How `new_routed` and `set_code` prove each code is the one its route needs. Anyone.
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

        fn check_ref(&self, reference: &[u8]) -> Result<()> {
            Ok(submission::validate_evidence(reference, self.max_ref_len)?)
        }

        fn proposal_record(&self, id: u32) -> Result<Proposal> {
            self.proposals.get(id).ok_or(Error::NoSuchProposal)
        }

        fn active(&self, id: u32) -> Result<Proposal> {
            let proposal = self.proposal_record(id)?;
            if proposal.status == Status::Active {
                Ok(proposal)
            } else {
                Err(Error::NotActive)
            }
        }

        fn active_as_curator(&self, id: u32) -> Result<Proposal> {
            let proposal = self.proposal_record(id)?;
            if self.env().caller() != proposal.curator {
                return Err(Error::NotCurator);
            }
            self.active(id)
        }

        fn milestone_record(&self, id: u32, milestone: u8) -> Result<Milestone> {
            self.milestones
                .get((id, milestone))
                .ok_or(Error::NoSuchMilestone)
        }

        fn pending_award(&self, award: u32) -> Result<Award> {
            let record = self.awards.get(award).ok_or(Error::NoSuchAward)?;
            match record.state {
                AwardState::Pending => Ok(record),
                AwardState::Claimed => Err(Error::AlreadyClaimed),
                AwardState::Cancelled => Err(Error::AwardCancelled),
            }
        }

        /// Spends `amount` of line `line` of proposal `id` against its cap and the unlocked
        /// amount, and stores the result.
        fn spend(&mut self, id: u32, line: u8, amount: Balance, to_pool: bool) -> Result<()> {
            let mut proposal = self.proposal_record(id)?;
            let mut record = self.lines.get((id, line)).ok_or(Error::NoSuchLine)?;
            let unlocked = rule::unlocked(proposal.total, proposal.approved_bps)?;
            record.budget = rule::spend(&record.budget, amount, proposal.spent, unlocked)?;
            proposal.spent = add(proposal.spent, amount)?;
            if to_pool {
                proposal.fed_to_pool = add(proposal.fed_to_pool, amount)?;
            }
            self.lines.insert((id, line), &record);
            self.proposals.insert(id, &proposal);
            Ok(())
        }

        fn registry_ref(&self) -> RegistryRef {
            RegistryRef::from_account_id(self.registry)
        }

        fn member_id_of(&self, wallet: AccountId) -> Result<Option<MemberId>> {
            self.registry_ref()
                .call()
                .member_id_of(wallet)
                .try_invoke()
                .map_err(|_| Error::CalleeUnreachable)?
                .map_err(|_| Error::CalleeUnreachable)
        }

        fn pay(&self, to: AccountId, amount: Balance) -> Result<()> {
            if amount == 0 {
                return Ok(());
            }
            self.env()
                .transfer(to, amount)
                .map_err(|_| Error::TransferFailed)
        }

        fn emit_status(&self, id: u32, status: Status, fee: Balance, refund: Balance) {
            self.env().emit_event(StatusChanged {
                id,
                status,
                fee,
                refund,
            });
        }

        /// Milliseconds the contract has run unpaused: the clock payout delays count on.
        fn running_ms(&self) -> u64 {
            self.clock.running_ms(self.env().block_timestamp())
        }

        fn emit_award(&self, award: u32, record: &Award) {
            self.env().emit_event(AwardChanged {
                award,
                id: record.proposal,
                recipient: record.recipient,
                amount: record.amount,
                state: record.state,
            });
        }
    }
}

pub use bounty::{
    Award, AwardState, Bounty, BountyRef, Error, Holder, Line, Milestone, Proposal, Report, Result,
    Status,
};
