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

/// A contract served by several codes behind a router (issue 20: the registry, the reward pool
/// and the bounty contract): the codes, in route order. `[0]` is the contract's **main part**:
/// its constructors, its governance and every message no other part serves (the router's
/// fallback). Each further code is a **part**: the same contract built with a few messages (and
/// `version`, `code_part`), over the same storage, which the router's compiled table sends those
/// messages' selectors to.
///
/// The account's own code is the contract's build of the small `router` contract, whose one
/// (wildcard) message delegate-calls the code that serves the call's selector, over the account's
/// one storage. So every call loads the router and one code of at most 32 KiB, never a whole
/// contract. Each router build declares its routes (compiled in: the router's hash pins every
/// code), and they are kept here too, as one SCALE value under [`ROUTES_KEY`], a fixed
/// four-byte key (the root struct is key 0 and `Mapping` entries are keyed by more than four
/// bytes; a contract that routes must not give a `Lazy`, or other `ManualKey`, field this key:
/// none of the routed contracts has one), as the record of which codes the contract has locked.
/// It is also the router's own root (its storage struct is keyed here), which the router reads
/// through without decoding, and nothing of the contract's, before it delegates.
pub type Routes = ink::prelude::vec::Vec<Hash>;

/// The storage key of a routed contract's [`Routes`].
pub const ROUTES_KEY: u32 = u32::from_be_bytes(*b"rout");

/// The routes this contract runs behind, or `None` when it runs one code (made with `new`, or
/// upgraded to a whole code since): what each routed contract's `routes()` view answers.
pub fn stored_routes() -> Option<Routes> {
    ink::env::get_contract_storage::<u32, Routes>(&ROUTES_KEY)
        .ok()
        .flatten()
}

/// The most codes a router may declare: its table stores a route as one hex digit.
pub const MAX_ROUTES: usize = 16;

/// Which build of a contract a code is, as its `code_part()` message answers: [`WHOLE`] for
/// the whole contract (every message: what a contract deployed with `new`, or upgraded to a
/// whole code, runs), else its index in the [`Routes`] a router declares ([`MAIN`] for the main
/// part).
pub type Part = u8;
/// `code_part()` of the whole contract.
pub const WHOLE: Part = u8::MAX;
/// `code_part()` of the main part, the router's fallback (`Routes[0]`).
pub const MAIN: Part = 0;
/// `code_part()` of a part built without its route index (by hand, not by
/// `./scripts/build-contracts`): neither a route nor the whole contract, so neither
/// `new_routed` nor `set_code` accepts it.
pub const UNINDEXED: Part = u8::MAX - 1;

/// This build's answer to `code_part()` (see [`Part`]): [`WHOLE`] for a build without the
/// `part` feature, else the route index `./scripts/build-contracts` compiles in as `ROUTE_INDEX`
/// (the position of the build's `*-code` feature among the contract's, in its Cargo.toml: the
/// order in which it has the router declare the builds). A part build without `ROUTE_INDEX`
/// answers [`UNINDEXED`], which no route and no upgrade accepts. For a routed contract's
/// `code_part` message: it expands in the contract's crate, whose features it reads.
#[macro_export]
macro_rules! code_part {
    () => {{
        const PART: $crate::Part = if cfg!(feature = "part") {
            $crate::route_index(option_env!("ROUTE_INDEX"))
        } else {
            $crate::WHOLE
        };
        PART
    }};
}

/// `ROUTE_INDEX` (decimal, below [`MAX_ROUTES`]) as a [`Part`], when [`code_part!`] is
/// compiled: a malformed index fails the build; a missing one gives [`UNINDEXED`] (not a
/// failure: cargo-contract checks each contract with all its features on, every part feature
/// at once, before it builds it).
// Evaluated by the compiler only: an overflow there fails the build, it cannot happen in a call;
// the value is asserted below MAX_ROUTES (16) before it is cast.
#[allow(clippy::arithmetic_side_effects, clippy::cast_possible_truncation)]
pub const fn route_index(index: Option<&str>) -> Part {
    let digits = match index {
        Some(digits) => digits.as_bytes(),
        None => return UNINDEXED,
    };
    assert!(!digits.is_empty(), "ROUTE_INDEX: a decimal number");
    let mut value = 0usize;
    let mut i = 0;
    while i < digits.len() {
        assert!(digits[i].is_ascii_digit(), "ROUTE_INDEX: a decimal number");
        value = value * 10 + (digits[i] - b'0') as usize;
        assert!(value < MAX_ROUTES, "ROUTE_INDEX: below MAX_ROUTES");
        i += 1;
    }
    value as Part
}

/// Whether code `code` is build `part` of this contract and reads its storage: delegate-calls
/// its `code_part()` over this contract's storage. False when the chain does not know the code,
/// or the code cannot read the storage, has no such message or is another build.
fn serves_here(code: Hash, part: Part) -> bool {
    ask_code::<Part>(code, CODE_PART_SELECTOR) == Some(part)
}

/// The `code_part()` message every build of a routed contract has.
const CODE_PART_SELECTOR: [u8; 4] = ink::selector_bytes!("code_part");

/// The message every router build answers itself with the routes it declares
/// (`Option<Routes>`; one zero hash, a code no chain has, for a build compiled without them):
/// how [`install_routes`] and [`replace_routed_code`] learn which codes a router sends calls
/// to. No contract message has it.
pub const DECLARED_ROUTES_SELECTOR: [u8; 4] = ink::selector_bytes!("declared_routes");

/// The routes router code `router` declares, delegate-called over this contract's storage (the
/// router decodes [`ROUTES_KEY`] as its root first, so something must be stored there); `None`
/// when the code is not a router or is unknown.
fn declared_routes(router: Hash) -> Option<Routes> {
    ask_code::<Option<Routes>>(router, DECLARED_ROUTES_SELECTOR).flatten()
}

/// Whether `routes` may be installed behind `router`: one to [`MAX_ROUTES`] codes, distinct
/// and none of them the router (locking a code twice, or the account's own code, traps; a
/// router built without routes declares a zero hash, which no chain knows), none of them a
/// router itself (asked over this storage, another router would forward `code_part()` to its
/// own main part and pass as one, while that main part stayed unlocked: its uploader could
/// remove it and leave every fallback message, `set_code` included, trapping), and each answers
/// `code_part()` over this storage with its index (so each decodes this contract's root and was
/// built to serve the messages the router's table sends it; the first is the main part). It does
/// not compare versions: a router pairing parts of two versions whose `Mapping` values differ
/// passes, and governance must not approve one (`./scripts/build-contracts` builds a router from
/// one build of every part).
fn routes_serve_here(routes: &Routes, router: Hash) -> bool {
    if routes.is_empty() || routes.len() > MAX_ROUTES {
        return false;
    }
    for (i, code) in routes.iter().enumerate() {
        if *code == router || routes[..i].contains(code) {
            return false;
        }
    }
    // At most MAX_ROUTES codes: every index fits a `Part` below WHOLE.
    routes
        .iter()
        .zip(0..WHOLE)
        .all(|(code, part)| declared_routes(*code).is_none() && serves_here(*code, part))
}

/// Puts a contract being instantiated behind a router (see [`Routes`]): its own code (the one
/// running, which must be the main part) and the parts `router` declares serve it, `router`
/// becomes the account's code. Writes `root` (the contract's root struct, which ink! writes
/// again after the constructor) so that each code can prove over it that it reads this storage
/// and is the build its route needs (`code_part()`), records the routes, switches the code and
/// locks every routed code as a delegate dependency (their uploader cannot remove them while
/// the contract uses them). For a constructor only (each routed contract's `new_routed`).
///
/// Errors: [`UpgradeError::IncompatibleCode`] (`router` is not a router, or declares another
/// main part than this code, or a code that is unknown, does not read this storage, is not the
/// build its route needs, or appears twice), [`UpgradeError::UnknownCode`] (the contract's own
/// code hash could not be read).
pub fn install_routes<R: ink::storage::traits::Storable>(
    root: &R,
    router: Hash,
) -> Result<(), UpgradeError> {
    use ink::env::DefaultEnvironment;
    let own =
        ink::env::own_code_hash::<DefaultEnvironment>().map_err(|_| UpgradeError::UnknownCode)?;
    ink::env::set_contract_storage(&0u32, root);
    // A contract under construction cannot be called, so the router is asked by delegate call,
    // and it decodes its root first: a stand-in until the declared routes replace it.
    ink::env::set_contract_storage(&ROUTES_KEY, &ink::prelude::vec![own]);
    let routes = declared_routes(router).ok_or(UpgradeError::IncompatibleCode)?;
    if routes.first() != Some(&own) || !routes_serve_here(&routes, router) {
        return Err(UpgradeError::IncompatibleCode);
    }
    ink::env::set_contract_storage(&ROUTES_KEY, &routes);
    ink::env::set_code_hash::<DefaultEnvironment>(&router)
        .map_err(|_| UpgradeError::UnknownCode)?;
    lock_routes(&routes);
    Ok(())
}

/// Locks every code of `routes` as this contract's delegate dependency. Each exists (it
/// answered `code_part()`), is locked once and differs from the account's code (the router),
/// checked by [`routes_serve_here`]: no lock can fail.
fn lock_routes(routes: &Routes) {
    for code in routes {
        ink::env::lock_delegate_dependency::<ink::env::DefaultEnvironment>(code);
    }
}

/// [`replace_code`] for a contract that may be behind a router.
///
/// - **To a router** (code that declares routes, see `router`): the routes it declares
///   replace the old ones, once each code has proved over this storage that it is the build
///   its route needs (as [`install_routes`] proves them: [`routes_serve_here`]; every declared
///   code must be uploaded); the old codes' locks are released and the new ones' taken. So an
///   upgrade keeps the contract routed, and the router's hash, the one a council approves, pins
///   every code the contract will run.
/// - **To any other code** (a next version's whole code, run directly): the routes are
///   forgotten and their locks released, so that code answers every message.
///
/// Either way the new code must then answer `version()` (the [`replace_code`] check), and
/// `code_part()` with [`MAIN`] through a router or [`WHOLE`] run directly: a part, or the main
/// part run directly, answers `version()` too, but would leave a contract missing most of its
/// messages (a part has no governance: no `set_code`, no `pause`, nothing to release its
/// funds).
///
/// Errors: those of [`replace_code`]; [`UpgradeError::IncompatibleCode`] (the new code is a
/// part or the main part run directly, or a router whose routes do not serve this storage).
pub fn replace_routed_code(code_hash: Hash) -> Result<CodeUpgraded, UpgradeError> {
    use ink::env::DefaultEnvironment;
    let old = stored_routes();
    // A router decodes the routes as its root before it answers anything: while it is asked,
    // an unrouted contract keeps a stand-in there (replaced or cleared below; a refusal
    // reverts it with the rest of the call).
    if old.is_none() {
        let own = ink::env::own_code_hash::<DefaultEnvironment>()
            .map_err(|_| UpgradeError::UnknownCode)?;
        ink::env::set_contract_storage(&ROUTES_KEY, &ink::prelude::vec![own]);
    }
    let new = declared_routes(code_hash);
    match &new {
        Some(routes) if routes_serve_here(routes, code_hash) => {
            ink::env::set_contract_storage(&ROUTES_KEY, routes);
        }
        Some(_) => return Err(UpgradeError::IncompatibleCode),
        None => {
            ink::env::clear_contract_storage(&ROUTES_KEY);
        }
    }
    for code in old.iter().flatten() {
        ink::env::unlock_delegate_dependency::<DefaultEnvironment>(code);
    }
    let event = replace_code(code_hash)?;
    let expected = if new.is_some() { MAIN } else { WHOLE };
    if ask_self::<Part>(CODE_PART_SELECTOR) != Some(expected) {
        return Err(UpgradeError::IncompatibleCode);
    }
    if let Some(routes) = &new {
        lock_routes(routes);
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
