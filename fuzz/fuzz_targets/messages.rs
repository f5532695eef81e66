//! Decoding every message and constructor call of the four contracts, with ink!'s own generated
//! decoders (the code a contract runs on its input before any of ours): selector, then the
//! arguments. Any byte string must decode or be refused with a `DispatchError`, never panic.
//! The callee errors the governor decodes from a refused suite action (`decode_all`) and the
//! types kept in storage are decoded from the same bytes too.
#![no_main]

use ink::reflect::{ContractConstructorDecoder, ContractMessageDecoder, DecodeDispatch};
use libfuzzer_sys::fuzz_target;
use scale::{Decode, DecodeAll};

/// Decodes `data` as a call of every message and every constructor of `C`.
fn dispatch<C: ContractMessageDecoder + ContractConstructorDecoder>(data: &[u8])
where
    <C as ContractMessageDecoder>::Type: DecodeDispatch,
    <C as ContractConstructorDecoder>::Type: DecodeDispatch,
{
    let _ =
        <<C as ContractMessageDecoder>::Type as DecodeDispatch>::decode_dispatch(&mut &data[..]);
    let _ = <<C as ContractConstructorDecoder>::Type as DecodeDispatch>::decode_dispatch(
        &mut &data[..],
    );
}

fn decode<T: Decode>(data: &[u8]) {
    let _ = T::decode(&mut &data[..]);
    let _ = T::decode_all(&mut &data[..]);
}

fuzz_target!(|data: &[u8]| {
    dispatch::<registry::Registry>(data);
    dispatch::<reward_pool::RewardPool>(data);
    dispatch::<bounty::Bounty>(data);
    dispatch::<governor::Governor>(data);
    // The callee errors a governor decodes from a refused action.
    decode::<registry::Error>(data);
    decode::<reward_pool::Error>(data);
    decode::<bounty::Error>(data);
    decode::<governor::Error>(data);
    // What proposals and views carry.
    decode::<governor::Action>(data);
    decode::<governor::Proposal>(data);
    decode::<reward_pool::Config>(data);
    decode::<bounty::Proposal>(data);
    decode::<registry::Member>(data);
});
