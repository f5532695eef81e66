//! # A routed contract's router
//!
//! A suite contract deployed with `new_routed` (issue 20: the registry, the reward pool and the
//! bounty contract) runs a build of this code as its own: one wildcard message that reads the
//! call's selector and delegate-calls, with the call's own input (`CLONE_INPUT`) and as its last
//! act (`TAIL_CALL`, so the callee's answer and revert flag are the caller's answer), the build
//! of the contract that serves that selector: one of its parts, or its main part for every
//! selector without a route of its own (the constructors, governance and whatever else the main
//! part holds). A delegate call runs the callee's code over this account's storage with the
//! original caller and value, so clients and the other contracts see one contract with the whole
//! build's ABI and metadata.
//!
//! Why: pallet-contracts charges every call for loading the code it runs, per byte, in ref_time
//! and proof size. Behind the router every call loads the router (2 KB) and one build of at
//! most 32 KiB instead of the whole contract (the pool's is 72 KB), for one delegate call more.
//!
//! **Its routes are part of its code.** `./scripts/build-contracts` builds one router per routed
//! contract (`<contract>_router`), once it has built every part, compiling in from two build
//! variables:
//! - `ROUTE_CODES`: the codes it routes to, comma-separated blake2-256 hashes (64 hex digits
//!   each, as the chain hashes code) in route order, the main part first (at most
//!   `admin::MAX_ROUTES`);
//! - `ROUTE_TABLE`: which selectors go to which code, comma-separated `selector:route` pairs
//!   (8 hex digits, one hex digit ≥ 1), from each part's metadata.
//!
//! A malformed value fails the build. It answers `admin::DECLARED_ROUTES_SELECTOR` with the codes
//! itself. `new_routed` and `set_code` to a router install the codes a router declares (after
//! proving each is the build its route needs: `admin::install_routes`,
//! `admin::replace_routed_code`), so the one hash a council approves, the router's, pins every
//! code the contract runs and which message each serves (code hashes are content hashes). A build
//! without `ROUTE_CODES` declares one zero hash (a code no chain has) and can be neither installed
//! nor upgraded to.
//!
//! The router keeps nothing of its own: its root is the contract's record of its routes, keyed
//! where `new_routed` writes them and read through without decoding (ink! reads a contract's
//! root before every message, so this is its one read), and it never writes storage. Without
//! that record (an account instantiated from this code directly) every call traps.
#![cfg_attr(not(feature = "std"), no_std, no_main)]

#[ink::contract]
pub mod router {
    use admin::{DECLARED_ROUTES_SELECTOR, ROUTES_KEY};
    use ink::env::call::{build_call, ExecutionInput, Selector};
    use ink::env::CallFlags;
    use ink::storage::traits::{ManualKey, StorageKey};

    /// Why the router refused.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    pub enum Error {
        /// The router only runs as a routed contract's code (`new_routed`).
        NotInstantiable,
    }

    /// The routes' record and nothing else: the router's root is keyed at `admin::ROUTES_KEY`,
    /// where `new_routed` writes the routes (the codes this build declares), so the one storage
    /// read before every message is that record (not the contract's root, which the code the call
    /// goes to reads anyway), and an account without it traps. Never written: the messages take
    /// `&self` and the constructor refuses.
    #[ink(storage)]
    pub struct Router<KEY: StorageKey = ManualKey<ROUTES_KEY>> {
        routes: Record,
    }

    /// The stored routes, read and not decoded: the calls are routed by what the build
    /// declares (the same codes), so decoding them (a `Vec` of hashes) would only add code that
    /// every routed call loads. ink! requires a root to consume its whole entry: this one reads
    /// the bytes through and keeps none.
    #[derive(Debug, Clone, Copy, Default)]
    #[ink::scale_derive(TypeInfo)]
    pub struct Record;

    impl scale::Decode for Record {
        fn decode<I: scale::Input>(input: &mut I) -> Result<Self, scale::Error> {
            let mut chunk = [0u8; 32];
            while let Some(left) = input.remaining_len()? {
                if left == 0 {
                    break;
                }
                let take = chunk.get_mut(..left.min(32)).unwrap_or_default();
                input.read(take)?;
            }
            Ok(Record)
        }
    }

    impl scale::Encode for Record {
        fn encode_to<T: scale::Output + ?Sized>(&self, _dest: &mut T) {}
    }

    #[cfg(feature = "std")]
    impl ink::storage::traits::StorageLayout for Record {
        fn layout(key: &ink::primitives::Key) -> ink::metadata::layout::Layout {
            use ink::metadata::layout::{Layout, LayoutKey, LeafLayout};
            Layout::Leaf(LeafLayout::from_key::<Self>(LayoutKey::from(key)))
        }
    }

    impl Router {
        /// Refused: the router is never instantiated on its own. A routed contract is
        /// instantiated from its main part (`new_routed`), which switches the account to this
        /// code once its storage is written.
        ///
        /// Errors: `NotInstantiable`, always.
        #[ink(constructor)]
        pub fn never() -> Result<Self, Error> {
            Err(Error::NotInstantiable)
        }

        /// Every message of the contract: delegate-calls the build that serves it (the part its
        /// selector is routed to, or the main part), with this call's input, caller and value;
        /// the callee's answer (and revert) is this call's. Anyone, whenever the contract's own
        /// message allows. Traps where the contract's code trapped (nothing changed), and on an
        /// account without routes. Answers `admin::DECLARED_ROUTES_SELECTOR` itself (see
        /// `forward`); payable only because the contract's payable messages (the pool's `fund`,
        /// the bounty's `approve_and_fund`) pass through here.
        #[ink(message, payable, selector = _)]
        pub fn route(&self) {
            let _ = &self.routes;
            forward()
        }

        /// The one other message ink! allows beside a wildcard (its reserved selector, which no
        /// contract message has): routed like any other, so the contract answers it as an
        /// unknown selector.
        #[ink(message, payable, selector = @)]
        pub fn complement(&self) {
            let _ = &self.routes;
            forward()
        }
    }

    /// `ROUTE_CODES` as bytes, or one zero hash without it.
    const CODES_HEX: &[u8] = match option_env!("ROUTE_CODES") {
        Some(hex) => hex.as_bytes(),
        None => &[b'0'; 64],
    };

    /// How many codes this build routes to.
    // Evaluated by the compiler only (as are the other constants' functions): an index out of
    // range or an overflow there fails the build, it cannot happen in a call.
    #[allow(clippy::arithmetic_side_effects)]
    const CODES: usize = (CODES_HEX.len() + 1) / 65;

    /// This build's answer to `admin::DECLARED_ROUTES_SELECTOR`, encoded as the message's result
    /// (`MessageResult<Option<Routes>>`: `Ok`, `Some`, the compact length, then each code hash)
    /// from `ROUTE_CODES`, and where [`forward`] finds each route's code. Kept encoded:
    /// answering costs a copy, not an encoder, on every routed call's code.
    #[allow(clippy::arithmetic_side_effects)]
    const DECLARED: [u8; 3 + 32 * CODES] = declare(CODES_HEX);

    /// [`DECLARED`] from `a,b,…` in hex.
    // The count is asserted to be at most MAX_ROUTES (16) before it is cast.
    #[allow(clippy::arithmetic_side_effects, clippy::cast_possible_truncation)]
    const fn declare<const LEN: usize>(hex: &[u8]) -> [u8; LEN] {
        let codes = (LEN - 3) / 32;
        assert!(
            codes >= 1 && codes <= admin::MAX_ROUTES && hex.len() == codes * 65 - 1,
            "ROUTE_CODES: 1 to 16 hashes of 64 hex digits, comma-separated"
        );
        let mut answer = [0u8; LEN];
        answer[1] = 1;
        // SCALE's compact encoding of a length below 64: the length shifted left by two.
        answer[2] = (codes as u8) << 2;
        let mut code = 0;
        while code < codes {
            let start = code * 65;
            assert!(
                code + 1 == codes || hex[start + 64] == b',',
                "ROUTE_CODES: comma expected"
            );
            let mut byte = 0;
            while byte < 32 {
                let high = nibble(hex[start + 2 * byte]);
                let low = nibble(hex[start + 2 * byte + 1]);
                answer[3 + code * 32 + byte] = high * 16 + low;
                byte += 1;
            }
            code += 1;
        }
        answer
    }

    /// `ROUTE_TABLE` as bytes (empty without it: every call goes to the main part).
    const TABLE_HEX: &[u8] = match option_env!("ROUTE_TABLE") {
        Some(hex) => hex.as_bytes(),
        None => b"",
    };

    /// How many selectors have a route of their own.
    #[allow(clippy::arithmetic_side_effects)]
    const ROUTED: usize = (TABLE_HEX.len() + 1) / 11;

    /// Each routed selector and the index (in [`DECLARED`]) of the code that serves it. A
    /// `static`, searched by a loop: as a `const` the compiler unrolls the search into a compare
    /// per selector, 1.3 KB more router on every routed call.
    static TABLE: [([u8; 4], u8); ROUTED] = table(TABLE_HEX);

    /// [`TABLE`] from `selector:route,…` in hex.
    #[allow(clippy::arithmetic_side_effects)]
    const fn table<const ROUTED: usize>(hex: &[u8]) -> [([u8; 4], u8); ROUTED] {
        assert!(
            hex.len() == if ROUTED == 0 { 0 } else { ROUTED * 11 - 1 },
            "ROUTE_TABLE: selector:route pairs (8 hex digits, 1 hex digit), comma-separated"
        );
        let mut table = [([0u8; 4], 0u8); ROUTED];
        let mut entry = 0;
        while entry < ROUTED {
            let start = entry * 11;
            assert!(hex[start + 8] == b':', "ROUTE_TABLE: colon expected");
            assert!(
                entry + 1 == ROUTED || hex[start + 10] == b',',
                "ROUTE_TABLE: comma expected"
            );
            let mut byte = 0;
            while byte < 4 {
                let high = nibble(hex[start + 2 * byte]);
                let low = nibble(hex[start + 2 * byte + 1]);
                table[entry].0[byte] = high * 16 + low;
                byte += 1;
            }
            let route = nibble(hex[start + 9]);
            assert!(
                route >= 1 && (route as usize) < CODES,
                "ROUTE_TABLE: a route names a declared code other than the main part"
            );
            let mut earlier = 0;
            while earlier < entry {
                let a = table[earlier].0;
                let b = table[entry].0;
                assert!(
                    !(a[0] == b[0] && a[1] == b[1] && a[2] == b[2] && a[3] == b[3]),
                    "ROUTE_TABLE: a selector routed twice"
                );
                earlier += 1;
            }
            table[entry].1 = route;
            entry += 1;
        }
        table
    }

    #[allow(clippy::arithmetic_side_effects)]
    const fn nibble(digit: u8) -> u8 {
        match digit {
            b'0'..=b'9' => digit - b'0',
            b'a'..=b'f' => digit - b'a' + 10,
            b'A'..=b'F' => digit - b'A' + 10,
            _ => panic!("ROUTE_CODES, ROUTE_TABLE: hex digits expected"),
        }
    }

    /// The code hash of the build that serves `selector`: its route in [`TABLE`], else the main
    /// part (route 0).
    fn code_for(selector: [u8; 4]) -> Hash {
        let route = TABLE
            .iter()
            .find(|(routed, _)| *routed == selector)
            .map_or(0, |(_, route)| usize::from(*route));
        let mut code = [0u8; 32];
        // Every route in TABLE is below CODES (checked when the table is compiled).
        #[allow(clippy::arithmetic_side_effects)]
        let start = 3 + 32 * route;
        if let Some(bytes) = DECLARED.get(start..start.saturating_add(32)) {
            code.copy_from_slice(bytes);
        }
        Hash::from(code)
    }

    /// Delegates this call to the code its selector is routed to (see `route`), or answers
    /// `admin::DECLARED_ROUTES_SELECTOR` itself with the routes this build declares (how
    /// `new_routed` and `set_code` learn them; no contract message has that selector), and traps if
    /// that call carries value (nothing would account for it). An input too short for a
    /// selector goes to the main part, which answers it as the whole contract would.
    fn forward() -> ! {
        let selector = ink::env::decode_input::<[u8; 4]>().unwrap_or_default();
        if selector == DECLARED_ROUTES_SELECTOR {
            if ink::env::transferred_value::<Environment>() != 0 {
                trap()
            }
            // A fixed-size array encodes as its bytes: the answer as `DECLARED` holds it.
            ink::env::return_value(ink::env::ReturnFlags::empty(), &DECLARED)
        }
        // With TAIL_CALL a callee that returns (revert flag included) ends this call with
        // its answer; only a trapped callee comes back here.
        let _ = build_call::<Environment>()
            .delegate(code_for(selector))
            .call_flags(CallFlags::CLONE_INPUT | CallFlags::TAIL_CALL)
            .exec_input(ExecutionInput::new(Selector::new(selector)))
            .returns::<()>()
            .try_invoke();
        trap()
    }

    /// Ends the call trapped, as the contract's own code did when the callee trapped (value sent
    /// to a message that takes none, say): callers see the same failure routed or not. Without
    /// routes (which `new_routed`, or `set_code`, writes before the router becomes the code, and
    /// `set_code` clears when it replaces the router with a whole code) there is nothing to
    /// serve.
    fn trap() -> ! {
        panic!("the routed call trapped")
    }
}
