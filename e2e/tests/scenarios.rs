//! Every drink scenario and ink_e2e test of the suite, in one test binary: each linked test binary
//! embeds a whole Substrate runtime (about 300 MB in debug), so one binary instead of six keeps a
//! cold CI run's disk and link time down. Run one part with `cargo test -p e2e -- <module>::`.

#[path = "access.rs"]
mod access;
#[path = "bounty.rs"]
mod bounty_contract;
#[path = "claimed_marks.rs"]
mod claimed_marks;
#[path = "governance_safety.rs"]
mod governance_safety;
#[path = "governor.rs"]
mod governor_contract;
#[path = "ink_flow.rs"]
mod ink_flow;
#[path = "money_and_promotion.rs"]
mod money_and_promotion;
#[path = "month_as_approved.rs"]
mod month_as_approved;
#[path = "program.rs"]
mod program;
#[path = "registry.rs"]
mod registry_contract;
#[path = "retell.rs"]
mod retell;
#[path = "review.rs"]
mod review;
#[path = "reward_pool.rs"]
mod reward_pool_contract;
#[path = "routing.rs"]
mod routing;
#[path = "standing_copy.rs"]
mod standing_copy;
#[path = "stateful.rs"]
mod stateful;
#[path = "wallet_copy.rs"]
mod wallet_copy;
