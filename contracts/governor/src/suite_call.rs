//! How the governor calls a suite contract: one untyped call for every action.
//!
//! Each action becomes a selector, its arguments SCALE-encoded once and the value sent with it
//! (`Governor::suite_call`), and one `build_call` sends them all. A typed `ContractRef` call per
//! action instead instantiates a call builder and a reply decoder for every message, which made
//! the dispatch 22 KB of the governor's 60 KB (issue 20, measured). The reply is read as
//! `Result<_, E>`: only its first byte and, on an error, the callee's error are decoded, by the
//! caller, which knows which contract it called.
//!
//! The arguments must be encoded exactly as the callee's message declares them (same order,
//! same types); `e2e/tests/governor.rs::every_suite_action_reaches_its_target` executes every
//! action through a governor.

use ink::env::call::{build_call, ExecutionInput, Selector};
use ink::env::DefaultEnvironment;
use ink::prelude::vec::Vec;
use ink::primitives::AccountId;

use admin::EncodedArgs;

/// A callee's whole reply, undecoded.
struct Reply(Vec<u8>);

impl scale::Decode for Reply {
    fn decode<I: scale::Input>(input: &mut I) -> Result<Self, scale::Error> {
        let len = input.remaining_len()?.ok_or("a reply of unknown length")?;
        let mut bytes = ink::prelude::vec![0u8; len];
        input.read(&mut bytes)?;
        Ok(Reply(bytes))
    }
}

/// What a suite message answered.
pub enum Answer {
    /// `Ok(_)`: the message ran and answered a value of the expected size.
    Done,
    /// `Err(e)`: the message refused; the callee's error, encoded (decoded by the caller).
    Refused(Vec<u8>),
    /// The call trapped, the callee does not exist or has no such message, or the reply is not
    /// the `Result` expected.
    Unreachable,
}

/// Calls message `selector` of `callee` with `args` (its arguments, SCALE-encoded) and `value`,
/// and returns its reply, undecoded; `None` if the call trapped or the callee does not exist or
/// has no such message.
pub fn call(callee: AccountId, selector: [u8; 4], args: &[u8], value: u128) -> Option<Vec<u8>> {
    let reply = build_call::<DefaultEnvironment>()
        .call(callee)
        .transferred_value(value)
        .exec_input(ExecutionInput::new(Selector::new(selector)).push_arg(EncodedArgs(args)))
        .returns::<Reply>()
        .try_invoke();
    match reply {
        Ok(Ok(Reply(bytes))) => Some(bytes),
        _ => None,
    }
}

/// Calls a message that returns `Result<T, E>` (every suite action does), where `T` encodes to
/// `ok_len` bytes, and splits the reply. A reply that is not exactly `Ok` with a `T` or `Err`
/// with an error is `Unreachable`: a same-named message of another shape (after a mistaken
/// `SetSuite` or upgrade) never counts as done. A refusal is returned, not reverted here: the
/// governor's message returns the error, which reverts the whole call.
pub fn act(
    callee: AccountId,
    selector: [u8; 4],
    args: &[u8],
    value: u128,
    ok_len: usize,
) -> Answer {
    match call(callee, selector, args, value).as_deref() {
        Some([0, ok @ ..]) if ok.len() == ok_len => Answer::Done,
        Some([1, error @ ..]) => Answer::Refused(error.into()),
        _ => Answer::Unreachable,
    }
}

/// Calls a view and decodes its whole reply as `T`; `None` if unreachable or not a `T`.
pub fn query<T: scale::Decode>(callee: AccountId, selector: [u8; 4], args: &[u8]) -> Option<T> {
    let bytes = call(callee, selector, args, 0)?;
    <T as scale::DecodeAll>::decode_all(&mut &bytes[..]).ok()
}
