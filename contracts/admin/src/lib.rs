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

/// Call arguments already SCALE-encoded, written after the selector as they are: how a contract
/// sends calls whose arguments have several types through one call body (the governor's suite
/// actions, the registry's notices to its pool), since each typed call builder costs every call
/// of the contract its code.
pub struct EncodedArgs<'a>(pub &'a [u8]);

impl scale::Encode for EncodedArgs<'_> {
    fn size_hint(&self) -> usize {
        self.0.len()
    }

    fn encode_to<O: scale::Output + ?Sized>(&self, dest: &mut O) {
        dest.write(self.0)
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
    match ask_self::<u32>(ink::selector_bytes!("version")) {
        Some(_version) => Ok(CodeUpgraded { code_hash }),
        None => Err(UpgradeError::IncompatibleCode),
    }
}

/// What this contract answers, called again (re-entered) through its account's current code,
/// to the argument-less message `selector`; `None` when the call fails or the answer does not
/// decode as `R`.
fn ask_self<R: scale::Decode>(selector: [u8; 4]) -> Option<R> {
    use ink::env::call::{build_call, ExecutionInput, Selector};
    use ink::env::{CallFlags, DefaultEnvironment};
    let me = ink::env::account_id::<DefaultEnvironment>();
    build_call::<DefaultEnvironment>()
        .call(me)
        .call_flags(CallFlags::ALLOW_REENTRY)
        .exec_input(ExecutionInput::new(Selector::new(selector)))
        .returns::<R>()
        .try_invoke()
        .ok()?
        .ok()
}

/// What code `code` answers, delegate-called over this contract's storage, to the
/// argument-less message `selector`; `None` when the chain does not know the code, the call
/// fails or the answer does not decode as `R`.
fn ask_code<R: scale::Decode>(code: Hash, selector: [u8; 4]) -> Option<R> {
    use ink::env::call::{build_call, ExecutionInput, Selector};
    use ink::env::DefaultEnvironment;
    build_call::<DefaultEnvironment>()
        .delegate(code)
        .exec_input(ExecutionInput::new(Selector::new(selector)))
        .returns::<R>()
        .try_invoke()
        .ok()?
        .ok()
}

/// The part builds a routed contract's router sends hot messages to (see [`Routes`]): each is
/// the same contract built with only that message (and `version`, `code_part`), over the same
/// storage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Parts {
    /// For `claim`: a member's claim, every member every month.
    pub claim: Hash,
    /// For `submit`: a member's report, every member every month.
    pub submit: Hash,
    /// For `score`: a reviewer's batch of scores.
    pub score: Hash,
}

/// A contract served by several codes behind a router (the reward pool, issue 20): where the
/// router finds them.
///
/// The account's own code is the small `pool_router`, whose one (wildcard) message delegate-calls
/// the part for `claim`, `submit` or `score` and `full` for every other message, over the
/// account's one storage. So a member's claim or report loads the router and a small part, not
/// the whole contract. Kept as one SCALE value under [`ROUTES_KEY`], a fixed four-byte key: the
/// root struct is key 0 and `Mapping` entries are keyed by more than four bytes; a contract that
/// routes must not give a `Lazy` (or other `ManualKey`) field this key (the pool has none). It is
/// also the router's own root (its storage struct is keyed here), so the router reads the routes
/// and nothing of the pool's before it delegates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Routes {
    /// The whole contract's code: every message without a part.
    pub full: Hash,
    /// The part builds.
    pub parts: Parts,
}

impl Routes {
    /// The code that serves a call with `selector`.
    pub fn code_for(&self, selector: [u8; 4]) -> Hash {
        match selector {
            CLAIM_SELECTOR => self.parts.claim,
            SUBMIT_SELECTOR => self.parts.submit,
            SCORE_SELECTOR => self.parts.score,
            _ => self.full,
        }
    }

    /// Every routed code: the whole contract's, then the parts'.
    fn codes(&self) -> [Hash; 4] {
        [
            self.full,
            self.parts.claim,
            self.parts.submit,
            self.parts.score,
        ]
    }
}

/// The storage key of a routed contract's [`Routes`].
pub const ROUTES_KEY: u32 = u32::from_be_bytes(*b"rout");

/// The pool's `claim`, served by [`Parts::claim`].
pub const CLAIM_SELECTOR: [u8; 4] = ink::selector_bytes!("claim");
/// The pool's `submit`, served by [`Parts::submit`].
pub const SUBMIT_SELECTOR: [u8; 4] = ink::selector_bytes!("submit");
/// The pool's `score`, served by [`Parts::score`].
pub const SCORE_SELECTOR: [u8; 4] = ink::selector_bytes!("score");

/// Which build of a routed contract a code is: what its `code_part()` message answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum Part {
    /// The whole contract.
    Whole,
    /// The claim-only part.
    Claim,
    /// The submit-only part.
    Submit,
    /// The score-only part.
    Score,
}

/// Whether code `code` is build `part` of this contract and reads its storage: delegate-calls
/// its `code_part()` over this contract's storage. False when the chain does not know the code,
/// or the code cannot read the storage, has no such message or is another part.
fn serves_here(code: Hash, part: Part) -> bool {
    ask_code::<Part>(code, CODE_PART_SELECTOR) == Some(part)
}

/// The `code_part()` message every build of a routed contract has.
const CODE_PART_SELECTOR: [u8; 4] = ink::selector_bytes!("code_part");

/// The message every router build answers itself with the routes it declares
/// (`Option<Routes>`; codes no chain has for a build compiled without them): how [`install_routes`] and
/// [`replace_routed_code`] learn which codes a router sends calls to. No contract message has it.
pub const DECLARED_ROUTES_SELECTOR: [u8; 4] = ink::selector_bytes!("declared_routes");

/// The routes router code `router` declares, delegate-called over this contract's storage (the
/// router reads [`ROUTES_KEY`] as its root first, so something must be stored there); `None`
/// when the code is not a router or is unknown.
fn declared_routes(router: Hash) -> Option<Routes> {
    ask_code::<Option<Routes>>(router, DECLARED_ROUTES_SELECTOR).flatten()
}

/// Whether `routes` may be installed behind `router`: the five codes are distinct (locking a
/// code twice, or the account's own code, traps; a router built without routes declares four
/// zero hashes and fails here), the whole code answers `code_part()` with [`Part::Whole`] over
/// this storage and each part with its own part (so each decodes this contract's root and was
/// built to serve the message its route sends it). It does not compare versions: a router
/// pairing a whole code with parts of another version whose `Mapping` values differ passes,
/// and governance must not approve one (`./scripts/build-contracts` builds a router from one
/// build of all four).
fn routes_serve_here(routes: &Routes, router: Hash) -> bool {
    let codes = routes.codes();
    for (i, code) in codes.iter().enumerate() {
        if *code == router || codes[..i].contains(code) {
            return false;
        }
    }
    serves_here(routes.full, Part::Whole)
        && serves_here(routes.parts.claim, Part::Claim)
        && serves_here(routes.parts.submit, Part::Submit)
        && serves_here(routes.parts.score, Part::Score)
}

/// Puts a contract being instantiated behind a router (see [`Routes`]): its own code (the one
/// running) becomes the full route, `parts` the parts, `router` the account's code. Writes
/// `root` (the contract's root struct, which ink! writes again after the constructor) so that
/// each code can prove over it that it reads this storage and is the build its route needs
/// (`code_part()`), records the routes, requires `router` to declare exactly these routes (its
/// build pins them: see `pool_router`; a part or any other code in the router's place declares
/// nothing), switches the code and locks every routed code as a delegate dependency (their
/// uploader cannot remove them while the contract uses them). For a constructor only
/// (`RewardPool::new_routed`).
///
/// Errors: [`UpgradeError::IncompatibleCode`] (two of the five codes are one, or a part or the
/// router is unknown, does not read this storage or is not the build its route needs, or the
/// router declares other routes), [`UpgradeError::UnknownCode`] (the contract's own code hash
/// could not be read).
pub fn install_routes<R: ink::storage::traits::Storable>(
    root: &R,
    router: Hash,
    parts: Parts,
) -> Result<(), UpgradeError> {
    use ink::env::DefaultEnvironment;
    let full =
        ink::env::own_code_hash::<DefaultEnvironment>().map_err(|_| UpgradeError::UnknownCode)?;
    let routes = Routes { full, parts };
    ink::env::set_contract_storage(&0u32, root);
    if !routes_serve_here(&routes, router) {
        return Err(UpgradeError::IncompatibleCode);
    }
    ink::env::set_contract_storage(&ROUTES_KEY, &routes);
    // A contract under construction cannot be called, so the router is asked by delegate call.
    if declared_routes(router) != Some(routes) {
        return Err(UpgradeError::IncompatibleCode);
    }
    ink::env::set_code_hash::<DefaultEnvironment>(&router)
        .map_err(|_| UpgradeError::UnknownCode)?;
    lock_routes(&routes);
    Ok(())
}

/// Locks every code of `routes` as this contract's delegate dependency. Each exists (it
/// answered `code_part()`), is locked once and differs from the account's code (the router),
/// checked by [`routes_serve_here`]: no lock can fail.
fn lock_routes(routes: &Routes) {
    for code in routes.codes() {
        ink::env::lock_delegate_dependency::<ink::env::DefaultEnvironment>(&code);
    }
}

/// [`replace_code`] for a contract that may be behind a router.
///
/// - **To a router** (code that declares routes, see `pool_router`): the routes it declares
///   replace the old ones, once each code has proved over this storage that it is the build
///   its route needs (as [`install_routes`] proves them: [`routes_serve_here`]; every declared
///   code must be uploaded); the old codes' locks are released and
///   the new ones' taken. So an upgrade keeps the contract routed, and the router's hash, the one
///   a council approves, pins every code the contract will run.
/// - **To any other code** (a next version's whole code, run directly): the routes are
///   forgotten and their locks released, so that code answers every message.
///
/// Either way the new code must then answer `version()` (the [`replace_code`] check) and
/// answer `code_part()` with [`Part::Whole`]: a part answers `version()` too, but would leave a
/// contract with one message and no governance (no `set_code`, no `pause`, nothing to release
/// its funds).
///
/// Errors: those of [`replace_code`]; [`UpgradeError::IncompatibleCode`] (the new code is a
/// part, or a router whose routes do not serve this storage).
pub fn replace_routed_code(code_hash: Hash) -> Result<CodeUpgraded, UpgradeError> {
    use ink::env::DefaultEnvironment;
    let old = ink::env::get_contract_storage::<u32, Routes>(&ROUTES_KEY)
        .ok()
        .flatten();
    // A router reads the routes as its root before it answers anything: while it is asked,
    // an unrouted contract keeps a stand-in there (replaced or cleared below; a refusal
    // reverts it with the rest of the call).
    if old.is_none() {
        let own = ink::env::own_code_hash::<DefaultEnvironment>()
            .map_err(|_| UpgradeError::UnknownCode)?;
        let stand_in = Routes {
            full: own,
            parts: Parts {
                claim: own,
                submit: own,
                score: own,
            },
        };
        ink::env::set_contract_storage(&ROUTES_KEY, &stand_in);
    }
    let new = declared_routes(code_hash);
    match new {
        Some(routes) if routes_serve_here(&routes, code_hash) => {
            ink::env::set_contract_storage(&ROUTES_KEY, &routes);
        }
        Some(_) => return Err(UpgradeError::IncompatibleCode),
        None => {
            ink::env::clear_contract_storage(&ROUTES_KEY);
        }
    }
    if let Some(old) = old {
        for code in old.codes() {
            ink::env::unlock_delegate_dependency::<DefaultEnvironment>(&code);
        }
    }
    let event = replace_code(code_hash)?;
    if ask_self::<Part>(CODE_PART_SELECTOR) != Some(Part::Whole) {
        return Err(UpgradeError::IncompatibleCode);
    }
    if let Some(routes) = new {
        lock_routes(&routes);
    }
    Ok(event)
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
