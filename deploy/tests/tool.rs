//! The deploy tool's tests in one test binary (each linked test binary embeds a whole Substrate
//! runtime): bad configs (`config::`), the sandbox path (`sandbox::`) and the operator's
//! commands after deployment (`ops::`).

mod config;
mod ops;
mod sandbox;

/// What the sandbox tests share: the example config and a sandbox nine days into its first
/// month, and a runtime to run a test's async body on.
mod fixture {
    use deploy::chain::{self, SandboxChain};
    use deploy::config::{Config, Plan};
    use reward_pool::Calendar;

    /// `deploy/config/sandbox.toml`.
    pub const SANDBOX: &str = include_str!("../config/sandbox.toml");
    /// The example's first month (UTC months since 1970).
    pub const NOVEMBER_2026: u32 = (2026 - 1970) * 12 + 10;

    /// The example's plan and a fresh sandbox whose clock is 9 days into November 2026.
    pub fn example_on_sandbox() -> (Plan, SandboxChain) {
        let plan = Config::parse(SANDBOX).expect("example config");
        let start = Calendar::UtcMonths.start(NOVEMBER_2026).expect("start") + 9 * 86_400_000;
        let client = chain::sandbox(&deploy::bundle_dir(), start).expect("bundles");
        (plan, client)
    }

    /// Runs `body` to completion on a single-threaded runtime.
    pub fn block_on<F: std::future::Future>(body: F) -> F::Output {
        ink_e2e::tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime")
            .block_on(body)
    }
}
