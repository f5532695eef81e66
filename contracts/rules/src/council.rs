//! The governor's council and its proposals.
//!
//! # Council
//! A council is a list of seats and a threshold. Every seat gets a number that is never reused, and
//! a vote is recorded with the voter's seat: a vote counts only while that seat is still held by
//! the voter. Removing (or replacing) a member therefore drops its votes on every open proposal at
//! once, without a loop over proposals, and re-adding it later does not revive them. After every
//! change `0 < threshold <= size <= max` holds ([`validate_council`]); a change that would break it
//! is refused and leaves the council as it was.
//!
//! # Proposal state machine
//! ```text
//! Pending ──(approvals reach threshold)──▶ Approved ──(timelock passes)──▶ Executable ──execute──▶ Executed
//!    │  ▲                                     │                              │
//!    │  └──(revoke / member removed)──────────┴──────────────────────────────┤
//!    └────────── cancel ──────────────────────┴────────── cancel ────────────┴──▶ Cancelled
//! any state but Executed / Cancelled ──(now ≥ expiry)──▶ Expired
//! ```
//! Approvals are counted when asked. The timelock runs from the later of the moment approvals
//! last reached the threshold and the last council change: a new council (or threshold) always
//! gets a whole timelock to object before anything it did not approve runs.

use crate::Error;
use alloc::vec::Vec;

/// The largest council a governor accepts.
pub const MAX_COUNCIL: u32 = 32;

/// Checks the council invariant `0 < threshold <= size <= max`.
///
/// Errors: [`Error::ThresholdZero`], [`Error::ThresholdAboveCouncilSize`] (an empty council is
/// refused this way too, since its threshold cannot be positive), [`Error::CouncilTooLarge`].
pub fn validate_council(size: u32, threshold: u32, max: u32) -> Result<(), Error> {
    if threshold == 0 {
        return Err(Error::ThresholdZero);
    }
    if threshold > size {
        return Err(Error::ThresholdAboveCouncilSize);
    }
    if size > max {
        return Err(Error::CouncilTooLarge);
    }
    Ok(())
}

/// Checks that a bounty's payout delay leaves governance time to cancel an award through the
/// governor: a cancel proposed the moment an award is made runs after the timelock, so the delay
/// must be strictly longer.
///
/// Errors: [`Error::PayoutDelayWithinTimelock`] when `payout_delay_ms <= timelock_ms`.
pub fn check_payout_delay(payout_delay_ms: u64, timelock_ms: u64) -> Result<(), Error> {
    if payout_delay_ms <= timelock_ms {
        Err(Error::PayoutDelayWithinTimelock)
    } else {
        Ok(())
    }
}

/// Longest timelock a governor accepts: 90 days.
pub const MAX_TIMELOCK_MS: u64 = 90 * crate::calendar::DAY_MS;
/// Longest proposal lifetime a governor accepts: 365 days.
pub const MAX_LIFETIME_MS: u64 = 365 * crate::calendar::DAY_MS;

/// Checks a governor's times: a proposal must live longer than its timelock, and both are
/// bounded, so that no accepted value can make proposing (whose expiry is `now + lifetime`),
/// approving or executing impossible; a council that needs longer can renew a proposal.
///
/// Errors: [`Error::ExpiryWithinTimelock`], [`Error::TimelockTooLong`],
/// [`Error::LifetimeTooLong`].
pub fn validate_times(timelock_ms: u64, expiry_ms: u64) -> Result<(), Error> {
    if timelock_ms > MAX_TIMELOCK_MS {
        Err(Error::TimelockTooLong)
    } else if expiry_ms > MAX_LIFETIME_MS {
        Err(Error::LifetimeTooLong)
    } else if expiry_ms <= timelock_ms {
        Err(Error::ExpiryWithinTimelock)
    } else {
        Ok(())
    }
}

/// A council seat, or a vote cast from one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(
    feature = "codec",
    derive(scale::Encode, scale::Decode, scale_info::TypeInfo)
)]
#[cfg_attr(
    feature = "storage-layout",
    derive(ink::storage::traits::StorageLayout)
)]
pub struct Seat<A> {
    /// Who holds (or held) the seat.
    pub who: A,
    /// The seat's number; never reused.
    pub seat: u32,
}

/// A council: its seats and its threshold.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(
    feature = "codec",
    derive(scale::Encode, scale::Decode, scale_info::TypeInfo)
)]
#[cfg_attr(
    feature = "storage-layout",
    derive(ink::storage::traits::StorageLayout)
)]
pub struct Council<A> {
    seats: Vec<Seat<A>>,
    threshold: u32,
    next_seat: u32,
}

impl<A: PartialEq + Clone> Council<A> {
    /// A council of `members` needing `threshold` approvals, at most `max` members.
    ///
    /// Errors: [`Error::AlreadyOnCouncil`] (a member listed twice), the [`validate_council`] errors.
    pub fn new(members: Vec<A>, threshold: u32, max: u32) -> Result<Self, Error> {
        let mut council = Self {
            seats: Vec::new(),
            threshold,
            next_seat: 0,
        };
        for who in members {
            council.seat(who)?;
        }
        council.check(max)?;
        Ok(council)
    }

    /// The members, in seating order.
    pub fn members(&self) -> Vec<A> {
        self.seats.iter().map(|s| s.who.clone()).collect()
    }

    /// The members' seats.
    pub fn seats(&self) -> &[Seat<A>] {
        &self.seats
    }

    /// Approvals (or cancel votes) a proposal needs.
    pub fn threshold(&self) -> u32 {
        self.threshold
    }

    /// Number of members.
    pub fn size(&self) -> u32 {
        u32::try_from(self.seats.len()).unwrap_or(u32::MAX)
    }

    /// The seat `who` holds, if it sits on the council.
    pub fn seat_of(&self, who: &A) -> Option<Seat<A>> {
        self.seats.iter().find(|s| &s.who == who).cloned()
    }

    /// Errors: [`Error::NotOnCouncil`] unless `who` sits on the council.
    pub fn ensure_member(&self, who: &A) -> Result<Seat<A>, Error> {
        self.seat_of(who).ok_or(Error::NotOnCouncil)
    }

    /// Seats `who` (a new seat number).
    ///
    /// Errors: [`Error::AlreadyOnCouncil`], [`Error::CouncilTooLarge`], [`Error::Overflow`] (seat
    /// numbers exhausted).
    pub fn add(&mut self, who: A, max: u32) -> Result<(), Error> {
        let mut next = self.clone();
        next.seat(who)?;
        next.check(max)?;
        *self = next;
        Ok(())
    }

    /// Unseats `who`; its votes stop counting.
    ///
    /// Errors: [`Error::NotOnCouncil`], [`Error::ThresholdAboveCouncilSize`] (the council would
    /// become smaller than its threshold).
    pub fn remove(&mut self, who: &A, max: u32) -> Result<(), Error> {
        let mut next = self.clone();
        next.unseat(who)?;
        next.check(max)?;
        *self = next;
        Ok(())
    }

    /// Gives `old`'s place to `new` (a new seat: `old`'s votes stop counting).
    ///
    /// Errors: [`Error::NotOnCouncil`] (`old`), [`Error::AlreadyOnCouncil`] (`new`),
    /// [`Error::Overflow`].
    pub fn replace(&mut self, old: &A, new: A, max: u32) -> Result<(), Error> {
        let mut next = self.clone();
        next.unseat(old)?;
        next.seat(new)?;
        next.check(max)?;
        *self = next;
        Ok(())
    }

    /// Sets the threshold.
    ///
    /// Errors: the [`validate_council`] errors.
    pub fn set_threshold(&mut self, threshold: u32, max: u32) -> Result<(), Error> {
        validate_council(self.size(), threshold, max)?;
        self.threshold = threshold;
        Ok(())
    }

    /// How many of `votes` still count: cast from a seat its voter still holds.
    pub fn count(&self, votes: &[Seat<A>]) -> u32 {
        let valid = votes.iter().filter(|v| self.seats.contains(v)).count();
        u32::try_from(valid).unwrap_or(u32::MAX)
    }

    /// Adds `who`'s vote to `votes` (dropping votes that no longer count) and returns the count.
    ///
    /// Errors: [`Error::NotOnCouncil`], [`Error::AlreadyVoted`].
    pub fn vote(&self, votes: &mut Vec<Seat<A>>, who: &A) -> Result<u32, Error> {
        let seat = self.ensure_member(who)?;
        votes.retain(|v| self.seats.contains(v));
        if votes.contains(&seat) {
            return Err(Error::AlreadyVoted);
        }
        votes.push(seat);
        Ok(self.count(votes))
    }

    /// Takes `who`'s vote out of `votes` and returns the count.
    ///
    /// Errors: [`Error::NotOnCouncil`], [`Error::NotVoted`].
    pub fn unvote(&self, votes: &mut Vec<Seat<A>>, who: &A) -> Result<u32, Error> {
        let seat = self.ensure_member(who)?;
        votes.retain(|v| self.seats.contains(v));
        let before = votes.len();
        votes.retain(|v| v != &seat);
        if votes.len() == before {
            return Err(Error::NotVoted);
        }
        Ok(self.count(votes))
    }

    fn seat(&mut self, who: A) -> Result<(), Error> {
        if self.seat_of(&who).is_some() {
            return Err(Error::AlreadyOnCouncil);
        }
        let seat = self.next_seat;
        self.next_seat = seat.checked_add(1).ok_or(Error::Overflow)?;
        self.seats.push(Seat { who, seat });
        Ok(())
    }

    fn unseat(&mut self, who: &A) -> Result<(), Error> {
        let before = self.seats.len();
        self.seats.retain(|s| &s.who != who);
        if self.seats.len() == before {
            return Err(Error::NotOnCouncil);
        }
        Ok(())
    }

    fn check(&self, max: u32) -> Result<(), Error> {
        // A list longer than u32 can never pass `max`.
        validate_council(self.size(), self.threshold, max)
    }
}

/// When a proposal's approvals reached the threshold, after a vote moved them from `before` to
/// `after`: set now when the vote crossed the threshold upwards, cleared when it fell below it,
/// kept otherwise.
pub fn approval_time(
    before: u32,
    after: u32,
    threshold: u32,
    approved_at: Option<u64>,
    now_ms: u64,
) -> Option<u64> {
    if after < threshold {
        None
    } else if before < threshold {
        Some(now_ms)
    } else {
        approved_at
    }
}

/// Where a governor proposal stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(
    feature = "codec",
    derive(scale::Encode, scale::Decode, scale_info::TypeInfo)
)]
#[cfg_attr(
    feature = "storage-layout",
    derive(ink::storage::traits::StorageLayout)
)]
pub enum ProposalState {
    /// Fewer approvals than the threshold.
    Pending,
    /// Enough approvals; executable from `executable_at` (ms) on.
    Approved {
        /// When the timelock ends.
        executable_at: u64,
    },
    /// Enough approvals and the timelock has passed.
    Executable,
    /// Carried out.
    Executed,
    /// Cancelled by its proposer or by a threshold of the council.
    Cancelled,
    /// Not executed before its expiry.
    Expired,
}

/// What is recorded about a proposal, from which its state follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProposalFacts {
    /// Approvals that still count.
    pub approvals: u32,
    /// When approvals last reached the threshold through a vote, if they are there.
    pub approved_at: Option<u64>,
    /// When the council or its threshold last changed (ms).
    pub council_changed_at: u64,
    /// Set once executed.
    pub executed: bool,
    /// Set once cancelled.
    pub cancelled: bool,
    /// When it expires (ms).
    pub expires_at: u64,
}

/// The state of a proposal at `now_ms` under `threshold` and `timelock_ms`.
///
/// The timelock runs from the later of `approved_at` and `council_changed_at` (from the council
/// change alone when a lowered threshold, not a vote, brought the approvals up to it).
///
/// Errors: [`Error::TimeOverflow`] when the timelock end overflows.
pub fn proposal_state(
    facts: &ProposalFacts,
    threshold: u32,
    timelock_ms: u64,
    now_ms: u64,
) -> Result<ProposalState, Error> {
    if facts.executed {
        return Ok(ProposalState::Executed);
    }
    if facts.cancelled {
        return Ok(ProposalState::Cancelled);
    }
    if now_ms >= facts.expires_at {
        return Ok(ProposalState::Expired);
    }
    if facts.approvals < threshold {
        return Ok(ProposalState::Pending);
    }
    let start = facts.approved_at.map_or(facts.council_changed_at, |at| {
        at.max(facts.council_changed_at)
    });
    let executable_at = start.checked_add(timelock_ms).ok_or(Error::TimeOverflow)?;
    Ok(if now_ms >= executable_at {
        ProposalState::Executable
    } else {
        ProposalState::Approved { executable_at }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn governance_times_are_bounded() {
        assert_eq!(validate_times(1_000, 2_000), Ok(()));
        assert_eq!(validate_times(MAX_TIMELOCK_MS, MAX_LIFETIME_MS), Ok(()));
        assert_eq!(validate_times(1_000, u64::MAX), Err(Error::LifetimeTooLong));
        assert_eq!(
            validate_times(MAX_TIMELOCK_MS + 1, MAX_LIFETIME_MS),
            Err(Error::TimelockTooLong)
        );
        assert_eq!(
            validate_times(2_000, 2_000),
            Err(Error::ExpiryWithinTimelock)
        );
    }

    #[test]
    fn payout_delay_must_outlast_the_timelock() {
        assert_eq!(check_payout_delay(1_001, 1_000), Ok(()));
        assert_eq!(
            check_payout_delay(1_000, 1_000),
            Err(Error::PayoutDelayWithinTimelock)
        );
        assert_eq!(
            check_payout_delay(0, 0),
            Err(Error::PayoutDelayWithinTimelock)
        );
    }
    use alloc::vec;

    #[test]
    fn council_invariant() {
        assert_eq!(validate_council(3, 2, 10), Ok(()));
        assert_eq!(validate_council(3, 3, 3), Ok(()));
        assert_eq!(validate_council(3, 0, 10), Err(Error::ThresholdZero));
        assert_eq!(
            validate_council(0, 1, 10),
            Err(Error::ThresholdAboveCouncilSize)
        );
        assert_eq!(
            validate_council(3, 4, 10),
            Err(Error::ThresholdAboveCouncilSize)
        );
        assert_eq!(validate_council(11, 2, 10), Err(Error::CouncilTooLarge));
    }

    #[test]
    fn new_council_is_checked() {
        assert_eq!(
            Council::new(vec![1, 2, 1], 2, 5),
            Err(Error::AlreadyOnCouncil)
        );
        assert_eq!(
            Council::new(vec![1, 2], 3, 5),
            Err(Error::ThresholdAboveCouncilSize)
        );
        assert_eq!(Council::new(vec![1, 2], 0, 5), Err(Error::ThresholdZero));
        assert_eq!(
            Council::new(vec![1, 2, 3], 1, 2),
            Err(Error::CouncilTooLarge)
        );
        let c = Council::new(vec![1, 2, 3], 2, 5).unwrap();
        assert_eq!(c.members(), vec![1, 2, 3]);
        assert_eq!((c.size(), c.threshold()), (3, 2));
    }

    #[test]
    fn changes_keep_the_invariant_or_change_nothing() {
        let mut c = Council::new(vec![1, 2], 2, 3).unwrap();
        let before = c.clone();
        assert_eq!(c.remove(&1, 3), Err(Error::ThresholdAboveCouncilSize));
        assert_eq!(c.remove(&9, 3), Err(Error::NotOnCouncil));
        assert_eq!(c.add(2, 3), Err(Error::AlreadyOnCouncil));
        assert_eq!(c.set_threshold(3, 3), Err(Error::ThresholdAboveCouncilSize));
        assert_eq!(c.set_threshold(0, 3), Err(Error::ThresholdZero));
        assert_eq!(c.replace(&9, 4, 3), Err(Error::NotOnCouncil));
        assert_eq!(c.replace(&1, 2, 3), Err(Error::AlreadyOnCouncil));
        assert_eq!(c, before);
        c.add(3, 3).unwrap();
        assert_eq!(c.add(4, 3), Err(Error::CouncilTooLarge));
        c.remove(&1, 3).unwrap();
        c.replace(&2, 5, 3).unwrap();
        c.set_threshold(1, 3).unwrap();
        assert_eq!(c.members(), vec![3, 5]);
        assert_eq!(c.threshold(), 1);
    }

    #[test]
    fn removed_or_replaced_members_votes_stop_counting_for_good() {
        let mut c = Council::new(vec![1, 2, 3], 2, 5).unwrap();
        let mut votes = Vec::new();
        assert_eq!(c.vote(&mut votes, &1), Ok(1));
        assert_eq!(c.vote(&mut votes, &1), Err(Error::AlreadyVoted));
        assert_eq!(c.vote(&mut votes, &9), Err(Error::NotOnCouncil));
        assert_eq!(c.vote(&mut votes, &2), Ok(2));
        c.remove(&1, 5).unwrap();
        assert_eq!(c.count(&votes), 1);
        // Re-seated: a new seat, the old vote stays dead, a new vote counts.
        c.add(1, 5).unwrap();
        assert_eq!(c.count(&votes), 1);
        assert_eq!(c.vote(&mut votes, &1), Ok(2));
        c.replace(&2, 4, 5).unwrap();
        assert_eq!(c.count(&votes), 1);
        assert_eq!(c.unvote(&mut votes, &4), Err(Error::NotVoted));
        assert_eq!(c.unvote(&mut votes, &1), Ok(0));
        assert_eq!(c.unvote(&mut votes, &9), Err(Error::NotOnCouncil));
        assert!(votes.is_empty());
    }

    #[test]
    fn approval_time_follows_the_threshold_crossings() {
        assert_eq!(approval_time(0, 1, 2, None, 10), None);
        assert_eq!(approval_time(1, 2, 2, None, 10), Some(10));
        assert_eq!(approval_time(2, 3, 2, Some(10), 20), Some(10));
        assert_eq!(approval_time(2, 1, 2, Some(10), 20), None);
        // Already above the threshold through a council change: the change time governs.
        assert_eq!(approval_time(2, 3, 2, None, 20), None);
    }

    #[test]
    fn a_proposal_outlives_its_timelock() {
        assert_eq!(validate_times(10, 11), Ok(()));
        assert_eq!(validate_times(10, 10), Err(Error::ExpiryWithinTimelock));
        assert_eq!(validate_times(0, 0), Err(Error::ExpiryWithinTimelock));
    }

    fn facts() -> ProposalFacts {
        ProposalFacts {
            approvals: 1,
            approved_at: None,
            council_changed_at: 0,
            executed: false,
            cancelled: false,
            expires_at: 1_000,
        }
    }

    #[test]
    fn proposal_moves_through_its_states() {
        let f = facts();
        assert_eq!(proposal_state(&f, 2, 100, 0), Ok(ProposalState::Pending));
        let f = ProposalFacts {
            approvals: 2,
            approved_at: Some(50),
            ..f
        };
        assert_eq!(
            proposal_state(&f, 2, 100, 149),
            Ok(ProposalState::Approved { executable_at: 150 })
        );
        assert_eq!(
            proposal_state(&f, 2, 100, 150),
            Ok(ProposalState::Executable)
        );
        assert_eq!(
            proposal_state(&f, 2, 100, 1_000),
            Ok(ProposalState::Expired)
        );
        // A removed approval takes it back below the threshold.
        let dropped = ProposalFacts { approvals: 1, ..f };
        assert_eq!(
            proposal_state(&dropped, 2, 100, 150),
            Ok(ProposalState::Pending)
        );
        let done = ProposalFacts {
            executed: true,
            ..f
        };
        assert_eq!(
            proposal_state(&done, 2, 100, 5_000),
            Ok(ProposalState::Executed)
        );
        let cancelled = ProposalFacts {
            cancelled: true,
            ..f
        };
        assert_eq!(
            proposal_state(&cancelled, 2, 100, 150),
            Ok(ProposalState::Cancelled)
        );
        let huge = ProposalFacts {
            approved_at: Some(u64::MAX),
            expires_at: u64::MAX,
            ..f
        };
        assert_eq!(proposal_state(&huge, 2, 1, 0), Err(Error::TimeOverflow));
    }

    #[test]
    fn a_council_change_restarts_the_timelock() {
        let f = ProposalFacts {
            approvals: 2,
            approved_at: Some(50),
            council_changed_at: 120,
            ..facts()
        };
        assert_eq!(
            proposal_state(&f, 2, 100, 150),
            Ok(ProposalState::Approved { executable_at: 220 })
        );
        // Lowered threshold, no vote at the threshold: from the change.
        let lowered = ProposalFacts {
            approvals: 1,
            approved_at: None,
            ..f
        };
        assert_eq!(
            proposal_state(&lowered, 1, 100, 220),
            Ok(ProposalState::Executable)
        );
        assert_eq!(
            proposal_state(&lowered, 1, 100, 219),
            Ok(ProposalState::Approved { executable_at: 220 })
        );
    }
}
