//! Governance of a suite contract: one governance account, handed over in two steps, and a pause.
//!
//! Every contract of the suite keeps one [`Admin`] in its storage and answers its governance
//! messages (`pause`, `unpause`, `propose_governance`, `accept_governance`, `set_code`) through it,
//! so the rules of who governs live in one place. The events are defined here too; a contract
//! emits them with `self.env().emit_event(..)`.
//!
//! # State machine
//! ```text
//! governance = G, pending = None ──propose(G → N)──▶ pending = N ──accept(by N)──▶ governance = N
//! running ──pause (G)──▶ paused ──unpause (G)──▶ running
//! ```
#![cfg_attr(not(feature = "std"), no_std)]

use ink::primitives::{AccountId, Hash};

/// Why a governance action was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum AdminError {
    /// The caller is not the governance account.
    NotGovernance,
    /// The caller is not the account governance is being handed to.
    NotPendingGovernance,
    /// The contract is paused.
    Paused,
    /// The contract is not paused.
    NotPaused,
}

/// Who governs a contract and whether it is paused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Admin {
    governance: AccountId,
    pending: Option<AccountId>,
    paused: bool,
}

impl Admin {
    /// Governed by `governance`, running.
    pub fn new(governance: AccountId) -> Self {
        Self {
            governance,
            pending: None,
            paused: false,
        }
    }

    /// The governance account.
    pub fn governance(&self) -> AccountId {
        self.governance
    }

    /// The account governance is being handed to, if any.
    pub fn pending(&self) -> Option<AccountId> {
        self.pending
    }

    /// Whether the contract is paused.
    pub fn is_paused(&self) -> bool {
        self.paused
    }

    /// Errors: [`AdminError::NotGovernance`] unless `caller` is the governance account.
    pub fn ensure_governance(&self, caller: AccountId) -> Result<(), AdminError> {
        if caller == self.governance {
            Ok(())
        } else {
            Err(AdminError::NotGovernance)
        }
    }

    /// Errors: [`AdminError::Paused`] while paused.
    pub fn ensure_running(&self) -> Result<(), AdminError> {
        if self.paused {
            Err(AdminError::Paused)
        } else {
            Ok(())
        }
    }

    /// Pauses, by governance.
    ///
    /// Errors: [`AdminError::NotGovernance`], [`AdminError::Paused`] (already paused).
    pub fn pause(&mut self, caller: AccountId) -> Result<PausedChanged, AdminError> {
        self.ensure_governance(caller)?;
        self.ensure_running()?;
        self.paused = true;
        Ok(PausedChanged { paused: true })
    }

    /// Unpauses, by governance.
    ///
    /// Errors: [`AdminError::NotGovernance`], [`AdminError::NotPaused`].
    pub fn unpause(&mut self, caller: AccountId) -> Result<PausedChanged, AdminError> {
        self.ensure_governance(caller)?;
        if !self.paused {
            return Err(AdminError::NotPaused);
        }
        self.paused = false;
        Ok(PausedChanged { paused: false })
    }

    /// First step of a handover, by governance: names the next governance account. A second
    /// proposal replaces the first.
    ///
    /// Errors: [`AdminError::NotGovernance`].
    pub fn propose(
        &mut self,
        caller: AccountId,
        to: AccountId,
    ) -> Result<GovernanceHandover, AdminError> {
        self.ensure_governance(caller)?;
        self.pending = Some(to);
        Ok(GovernanceHandover {
            to,
            accepted: false,
        })
    }

    /// Second step of a handover, by the proposed account.
    ///
    /// Errors: [`AdminError::NotPendingGovernance`].
    pub fn accept(&mut self, caller: AccountId) -> Result<GovernanceHandover, AdminError> {
        if self.pending != Some(caller) {
            return Err(AdminError::NotPendingGovernance);
        }
        self.governance = caller;
        self.pending = None;
        Ok(GovernanceHandover {
            to: caller,
            accepted: true,
        })
    }
}

/// Why an upgrade was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UpgradeError {
    /// The chain refused the code hash (no such code uploaded).
    UnknownCode,
    /// The new code cannot run this contract: it could not read the storage (another
    /// contract's code, or a layout that changed without a migration) or has no `version`
    /// message. The upgrade is reverted.
    IncompatibleCode,
}

/// Replaces the calling contract's code with `code_hash` and proves, in the same call, that the
/// new code still runs over the contract's storage: right after the switch the contract calls
/// its own `version()` (re-entering itself, which the new code serves). ink! decodes the whole
/// root storage before every message, so code that cannot read it traps there; the caller
/// returns the error and the chain reverts the switch with the rest of the call. So no upgrade
/// can leave a contract that traps on every message, `set_code` included (the UUPS rule: an
/// incompatible upgrade reverts). Returns the event to emit.
///
/// Only for the governance path of a contract's `set_code` (after its governance check).
///
/// Errors: [`UpgradeError::UnknownCode`], [`UpgradeError::IncompatibleCode`].
pub fn replace_code(code_hash: Hash) -> Result<CodeUpgraded, UpgradeError> {
    use ink::env::DefaultEnvironment;
    ink::env::set_code_hash::<DefaultEnvironment>(&code_hash)
        .map_err(|_| UpgradeError::UnknownCode)?;
    if answers_through_self() {
        Ok(CodeUpgraded { code_hash })
    } else {
        Err(UpgradeError::IncompatibleCode)
    }
}

/// Whether this contract, called again (re-entered) through its account's current code,
/// answers `version()`.
fn answers_through_self() -> bool {
    use ink::env::call::{build_call, ExecutionInput, Selector};
    use ink::env::{CallFlags, DefaultEnvironment};
    let me = ink::env::account_id::<DefaultEnvironment>();
    matches!(
        build_call::<DefaultEnvironment>()
            .call(me)
            .call_flags(CallFlags::ALLOW_REENTRY)
            .exec_input(ExecutionInput::new(Selector::new(ink::selector_bytes!(
                "version"
            ))))
            .returns::<u32>()
            .try_invoke(),
        Ok(Ok(_))
    )
}

/// A contract served by two codes behind a router (the reward pool, issue 20): where the router
/// finds them.
///
/// The account's own code is the small `pool_router`, whose one (wildcard) message delegate-calls
/// `claim` for the claim selector and `full` for every other message, over the account's one
/// storage. So a claim loads the router and the claim-only code, not the whole contract. Kept as
/// one SCALE value under [`ROUTES_KEY`], a fixed key no `Mapping` or `Lazy` field can take (their
/// entries are keyed by more than four bytes; the root struct is key 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct Routes {
    /// The whole contract's code: every message but `claim`.
    pub full: Hash,
    /// The claim-only build of the same contract (same storage).
    pub claim: Hash,
}

/// The storage key of a routed contract's [`Routes`].
pub const ROUTES_KEY: u32 = u32::from_be_bytes(*b"rout");

/// The selector the router sends to [`Routes::claim`]: the pool's `claim`.
pub const CLAIM_SELECTOR: [u8; 4] = ink::selector_bytes!("claim");

/// Asks the code `code` whether it can serve this contract: delegate-calls its `version()` over
/// this contract's storage. False when the chain does not know the code, or the code cannot read
/// the storage or has no `version` message.
fn serves_here(code: Hash) -> bool {
    use ink::env::call::{build_call, ExecutionInput, Selector};
    use ink::env::DefaultEnvironment;
    matches!(
        build_call::<DefaultEnvironment>()
            .delegate(code)
            .exec_input(ExecutionInput::new(Selector::new(ink::selector_bytes!(
                "version"
            ))))
            .returns::<u32>()
            .try_invoke(),
        Ok(Ok(_))
    )
}

/// Puts a contract being instantiated behind a router (see [`Routes`]): its own code (the one
/// running) becomes the full route, `claim_code` the claim route, `router` the account's code.
/// Writes `root` (the contract's root struct, which ink! writes again after the constructor) so
/// that the claim code can prove over it that it reads this storage, switches the code, records
/// the routes, proves that the router answers `version()` through them, switches the code and
/// locks both routed codes as delegate dependencies (their uploader cannot remove them while the
/// contract uses them). For a constructor only (`RewardPool::new_routed`).
///
/// Errors: [`UpgradeError::IncompatibleCode`] (two of the three codes are one, or the claim
/// code or the router is unknown or does not answer over this storage),
/// [`UpgradeError::UnknownCode`] (the contract's own code hash could not be read).
pub fn install_routes<R: ink::storage::traits::Storable>(
    root: &R,
    router: Hash,
    claim_code: Hash,
) -> Result<(), UpgradeError> {
    use ink::env::DefaultEnvironment;
    let full =
        ink::env::own_code_hash::<DefaultEnvironment>().map_err(|_| UpgradeError::UnknownCode)?;
    // Locking a code twice, or the contract's own code, traps: refuse first.
    if full == claim_code || full == router || router == claim_code {
        return Err(UpgradeError::IncompatibleCode);
    }
    ink::env::set_contract_storage(&0u32, root);
    if !serves_here(claim_code) {
        return Err(UpgradeError::IncompatibleCode);
    }
    let routes = Routes {
        full,
        claim: claim_code,
    };
    ink::env::set_contract_storage(&ROUTES_KEY, &routes);
    // A contract under construction cannot be called, so the router is asked by delegate call
    // too (it then delegates `version` to this code).
    if !serves_here(router) {
    }
    ink::env::set_code_hash::<DefaultEnvironment>(&router)
        .map_err(|_| UpgradeError::UnknownCode)?;
    // Both exist (the full code runs, the claim code answered) and differ from the router
    // (now the account's code): neither lock can fail.
    ink::env::lock_delegate_dependency::<DefaultEnvironment>(&full);
    ink::env::lock_delegate_dependency::<DefaultEnvironment>(&claim_code);
    Ok(())
}

/// [`replace_code`] for a contract that may be behind a router: first forgets the routes and
/// releases their two delegate-dependency locks, so the new code (which may be a next version's
/// whole code, run directly) is what answers `version()`; re-installing a router without routes
/// therefore fails that check and the whole upgrade reverts.
///
/// Errors: those of [`replace_code`].
pub fn replace_routed_code(code_hash: Hash) -> Result<CodeUpgraded, UpgradeError> {
    use ink::env::DefaultEnvironment;
    if let Ok(Some(routes)) = ink::env::get_contract_storage::<u32, Routes>(&ROUTES_KEY) {
        ink::env::clear_contract_storage(&ROUTES_KEY);
        ink::env::unlock_delegate_dependency::<DefaultEnvironment>(&routes.full);
        ink::env::unlock_delegate_dependency::<DefaultEnvironment>(&routes.claim);
    }
    replace_code(code_hash)
}

/// The contract was paused or unpaused.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PausedChanged {
    /// Whether it is now paused.
    pub paused: bool,
}

/// Governance proposed (`accepted` = false) or completed (`true`) a handover.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GovernanceHandover {
    /// The account governance is handed to.
    #[ink(topic)]
    pub to: AccountId,
    /// Whether it has accepted.
    pub accepted: bool,
}

/// The contract's code was replaced.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeUpgraded {
    /// The new code hash.
    pub code_hash: Hash,
}

#[cfg(test)]
mod tests {
    use super::*;

    const G: AccountId = AccountId([1; 32]);
    const N: AccountId = AccountId([2; 32]);
    const X: AccountId = AccountId([3; 32]);

    #[test]
    fn handover_takes_two_steps() {
        let mut admin = Admin::new(G);
        assert_eq!(admin.propose(X, N), Err(AdminError::NotGovernance));
        assert!(admin.propose(G, N).is_ok());
        assert_eq!(admin.pending(), Some(N));
        assert_eq!(admin.governance(), G, "nothing changes until accepted");
        assert_eq!(admin.accept(X), Err(AdminError::NotPendingGovernance));
        assert!(admin.accept(N).is_ok());
        assert_eq!(admin.governance(), N);
        assert_eq!(admin.pending(), None);
        assert_eq!(admin.ensure_governance(G), Err(AdminError::NotGovernance));
    }

    #[test]
    fn pause_and_unpause() {
        let mut admin = Admin::new(G);
        assert_eq!(admin.unpause(G), Err(AdminError::NotPaused));
        assert_eq!(admin.pause(X), Err(AdminError::NotGovernance));
        assert!(admin.pause(G).is_ok());
        assert_eq!(admin.ensure_running(), Err(AdminError::Paused));
        assert_eq!(admin.pause(G), Err(AdminError::Paused));
        assert!(admin.unpause(G).is_ok());
        assert_eq!(admin.ensure_running(), Ok(()));
    }
}
