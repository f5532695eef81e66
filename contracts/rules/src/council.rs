//! The governor's council and its proposals.
//!
//! # Proposal state machine
//! ```text
//! Pending ──(approvals reach threshold)──▶ Approved ──(timelock passes)──▶ Executable ──▶ Executed
//!    │                                        │                              │   └──(callee fails)──▶ Failed
//!    └────────── cancel ──────────────────────┴────────── cancel ────────────┘──▶ Cancelled
//! any state but Executed / Failed / Cancelled ──(now ≥ expiry)──▶ Expired
//! ```
//! Approvals are counted when asked, so a council change that drops a member's approval can move
//! an Approved proposal back to Pending.

use crate::Error;

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
    /// Its callee refused the action; it will not run again.
    Failed,
    /// Not executed before its expiry.
    Expired,
}

/// What is recorded about a proposal, from which its state follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProposalFacts {
    /// Current approvals from council members.
    pub approvals: u32,
    /// When approvals first reached the threshold (the timelock runs from then), if they have.
    pub approved_at: Option<u64>,
    /// Set once executed.
    pub executed: bool,
    /// Set once cancelled.
    pub cancelled: bool,
    /// Set once its execution failed.
    pub failed: bool,
    /// When it expires (ms).
    pub expires_at: u64,
}

/// The state of a proposal at `now_ms` under `threshold` and `timelock_ms`.
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
    if facts.failed {
        return Ok(ProposalState::Failed);
    }
    if now_ms >= facts.expires_at {
        return Ok(ProposalState::Expired);
    }
    match facts.approved_at {
        Some(at) if facts.approvals >= threshold => {
            let executable_at = at.checked_add(timelock_ms).ok_or(Error::TimeOverflow)?;
            Ok(if now_ms >= executable_at {
                ProposalState::Executable
            } else {
                ProposalState::Approved { executable_at }
            })
        }
        _ => Ok(ProposalState::Pending),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    fn facts() -> ProposalFacts {
        ProposalFacts {
            approvals: 1,
            approved_at: None,
            executed: false,
            cancelled: false,
            failed: false,
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
        let failed = ProposalFacts { failed: true, ..f };
        assert_eq!(
            proposal_state(&failed, 2, 100, 150),
            Ok(ProposalState::Failed)
        );
        let huge = ProposalFacts {
            approved_at: Some(u64::MAX),
            expires_at: u64::MAX,
            ..f
        };
        assert_eq!(proposal_state(&huge, 2, 1, 0), Err(Error::TimeOverflow));
    }
}
