//! # The reward pool's router
//!
//! A pool deployed with `RewardPool::new_routed` runs this code as its own: one wildcard message
//! that reads the call's selector and delegate-calls, with the call's own input (`CLONE_INPUT`)
//! and as its last act (`TAIL_CALL`, so the callee's answer and revert flag are the caller's
//! answer), the pool's claim-only, submit-only or score-only build for `claim`, `submit` and
//! `score`, and the whole pool for everything else (`admin::Routes`, written under
//! `admin::ROUTES_KEY` by `new_routed`, or by `set_code` when it installs a router). A delegate
//! call runs the
//! callee's code over this account's storage with the original caller and value, so clients, the
//! registry and the governor see one contract with the pool's ABI and metadata.
//!
//! Why: pallet-contracts charges every call for loading the code it runs, per byte, in ref_time
//! and proof size, and a claim and a report are the calls every member makes every month (scores
//! come in every reviewer's batches). Behind the router they load the router and a part a third
//! of the pool's size; every other message pays the router and one delegate call more.
//!
//! The router keeps nothing of its own: its root struct is the routes, keyed where `new_routed`
//! writes them (ink! loads a contract's root before every message, so this is its one read),
//! and it never writes storage. Without routes (an account instantiated from this code
//! directly) every call traps.
//!
//! **Its routes are part of its code.** Each build declares the four codes it routes to, compiled
//! in from the `POOL_ROUTES` build variable (`./scripts/build-contracts` builds the whole pool and
//! its parts first, then this router with their code hashes), and answers
//! `admin::DECLARED_ROUTES_SELECTOR` with them itself. `new_routed` refuses a router that
//! declares other codes than it installs, and the pool's `set_code` to a router installs the
//! routes that router declares (after proving each code over the pool's storage). So the one hash
//! a council approves, the router's, pins the whole pool and every part (code hashes are content
//! hashes), and an upgrade keeps the pool routed. A build without `POOL_ROUTES` declares zero hashes
//! (codes no chain has) and can be neither installed nor upgraded to.
#![cfg_attr(not(feature = "std"), no_std, no_main)]

#[ink::contract]
pub mod pool_router {
    use admin::{Routes, DECLARED_ROUTES_SELECTOR, ROUTES_KEY};
    use ink::env::call::{build_call, ExecutionInput, Selector};
    use ink::env::CallFlags;
    use ink::storage::traits::{ManualKey, StorageKey};

    /// Why the router refused.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    pub enum Error {
        /// The router only runs as a routed pool's code (`RewardPool::new_routed`).
        NotInstantiable,
    }

    /// The routes and nothing else: the router's root is keyed at `admin::ROUTES_KEY`, where
    /// `new_routed` writes the routes, so the one storage read before every message is the
    /// routes themselves (not the pool's root, which the part the call goes to reads anyway).
    /// Never written: the messages take `&self` and the constructor refuses.
    #[ink(storage)]
    pub struct PoolRouter<KEY: StorageKey = ManualKey<ROUTES_KEY>> {
        routes: Routes,
    }

    impl PoolRouter {
        /// Refused: the router is never instantiated on its own. A routed pool is instantiated
        /// from the whole pool's code (`RewardPool::new_routed`), which switches the account to
        /// this code once its storage is written.
        ///
        /// Errors: `NotInstantiable`, always.
        #[ink(constructor)]
        pub fn never() -> Result<Self, Error> {
            Err(Error::NotInstantiable)
        }

        /// Every message of the pool: delegate-calls the part that serves it (`claim`,
        /// `submit`, `score`) or the whole pool's code, with this call's input, caller and value; the
        /// callee's answer (and revert) is this call's. Anyone, whenever the pool's own message
        /// allows. Traps where the pool's code trapped (nothing changed), and on an account
        /// without routes. Answers `admin::DECLARED_ROUTES_SELECTOR` itself (see `forward`);
        /// payable only because the pool's payable messages (`fund`) pass through here.
        #[ink(message, payable, selector = _)]
        pub fn route(&self) {
            forward(&self.routes)
        }

        /// The one other message ink! allows beside a wildcard (its reserved selector, which no
        /// pool message has): routed like any other, so the pool answers it as an unknown
        /// selector.
        #[ink(message, payable, selector = @)]
        pub fn complement(&self) {
            forward(&self.routes)
        }
    }

    /// This build's answer to `admin::DECLARED_ROUTES_SELECTOR`, encoded as the message's
    /// result (`MessageResult<Option<Routes>>`: `Ok`, `Some`, then the whole pool's and the
    /// claim, submit and score parts' code hashes) from `POOL_ROUTES` (the four hashes, 64 hex
    /// digits each, comma-separated), parsed when the router is compiled: a malformed value fails
    /// the build. Without `POOL_ROUTES` the hashes are zero, codes no chain has, so such a build
    /// can be neither installed nor upgraded to. Kept encoded: answering costs a copy, not an
    /// encoder, on every routed call's code.
    const DECLARED: [u8; 2 + 4 * 32] = match option_env!("POOL_ROUTES") {
        Some(hex) => parse_routes(hex.as_bytes()),
        None => {
            let mut answer = [0u8; 2 + 4 * 32];
            answer[1] = 1;
            answer
        }
    };

    /// [`DECLARED`] from `a,b,c,d` in hex.
    // Evaluated by the compiler only: an index out of range or an overflow there fails the
    // build, it cannot happen in a call.
    #[allow(clippy::arithmetic_side_effects)]
    const fn parse_routes(hex: &[u8]) -> [u8; 2 + 4 * 32] {
        assert!(
            hex.len() == 4 * 64 + 3,
            "POOL_ROUTES: four hashes, comma-separated"
        );
        let mut answer = [0u8; 2 + 4 * 32];
        answer[1] = 1;
        let mut code = 0;
        while code < 4 {
            let start = code * 65;
            assert!(
                code == 3 || hex[start + 64] == b',',
                "POOL_ROUTES: comma expected"
            );
            let mut byte = 0;
            while byte < 32 {
                let high = nibble(hex[start + 2 * byte]);
                let low = nibble(hex[start + 2 * byte + 1]);
                answer[2 + code * 32 + byte] = high * 16 + low;
                byte += 1;
            }
            code += 1;
        }
        answer
    }

    #[allow(clippy::arithmetic_side_effects)]
    const fn nibble(digit: u8) -> u8 {
        match digit {
            b'0'..=b'9' => digit - b'0',
            b'a'..=b'f' => digit - b'a' + 10,
            b'A'..=b'F' => digit - b'A' + 10,
            _ => panic!("POOL_ROUTES: hex digits expected"),
        }
    }

    /// Delegates this call to the code its selector is routed to in `routes` (see `route`), or
    /// answers `admin::DECLARED_ROUTES_SELECTOR` itself with the routes this build declares
    /// (how `new_routed` and `set_code` learn them; no pool message has that selector), and
    /// traps if that call carries value (nothing would account for it). An input too short for
    /// a selector goes to the whole code, which answers it as before.
    fn forward(routes: &Routes) -> ! {
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
            .delegate(routes.code_for(selector))
            .call_flags(CallFlags::CLONE_INPUT | CallFlags::TAIL_CALL)
            .exec_input(ExecutionInput::new(Selector::new(selector)))
            .returns::<()>()
            .try_invoke();
        trap()
    }

    /// Ends the call trapped, as the pool's own code did when the callee trapped (value sent to
    /// a message that takes none, say): callers see the same failure routed or not. Without
    /// routes (which `new_routed`, or `set_code`, writes before the router becomes the code, and
    /// `set_code` clears when it replaces the router with a whole code) there is nothing to
    /// serve.
    fn trap() -> ! {
        panic!("the routed call trapped")
    }
}
