//! The suite's core flow as ink_e2e tests: deploy the four contracts, wire them under a governor,
//! induct a member, fund, submit, score, finalize through the governor (threshold + timelock) and
//! claim with the member's own wallet.
//!
//! The same flow runs on two backends:
//! - `core_flow_on_sandbox`: ink_e2e's in-process sandbox (runtime only), inside `./scripts/test`.
//!   Its clock is the test's: the deploy tool's [`ClockSandbox`] stamps every block with
//!   [`Clock::Sandbox`]'s time.
//! - `core_flow_on_node` (feature `node`): a real contracts-node at ws://127.0.0.1:9944, started by
//!   `scripts/e2e-node`. A real chain's clock cannot be moved, so the pool runs on fixed periods of
//!   a few seconds and the test waits for the wall clock.
//!
//! ink_e2e builds every contract of the workspace itself (debug mode, once per run) before the
//! first test; the drink tests read the release bundles of `./scripts/build-contracts` instead.

use deploy::chain::{Clock, ClockSandbox};
use governor::{Action, Governor, Suite};
use ink::codegen::ContractCallBuilder;
use ink::env::DefaultEnvironment;
use ink::primitives::AccountId;
use ink_e2e::{account_id, alice, bob, charlie, dave, AccountKeyring};
use ink_e2e::{ChainBackend, ContractsBackend};
use ink_sandbox::Weight;
use registry::{Params, Rank, StreakParams};
use reward_pool::{Calendar, Config, Department, RewardPool, Score, Weights, Windows};
use std::fmt::Debug;

type E2EResult<T> = std::result::Result<T, Box<dyn std::error::Error>>;
type GovernorCalls = <Governor as ContractCallBuilder>::Type;

/// 10⁻³ of a 12-decimal token: the sandbox funds each dev account with 1,000 tokens only.
const MILLI: u128 = 1_000_000_000;
const POOL: u128 = 84_000 * MILLI;
const TIMELOCK_MS: u64 = 1_000;
/// Enough for any message of the suite, so that a dry run made on a block older than the
/// timelock (a real chain only stamps a block when one is built) cannot starve the real call.
const GAS: (u64, u64) = (100_000_000_000, 3 * 1024 * 1024);

/// Either ink_e2e client (the sandbox here, a node in `scripts/e2e-node`).
trait Chain:
    ink_e2e::E2EBackend<DefaultEnvironment>
    + ChainBackend<Error: Debug>
    + ContractsBackend<DefaultEnvironment, Error: Debug>
{
}

impl<T> Chain for T where
    T: ink_e2e::E2EBackend<DefaultEnvironment>
        + ChainBackend<Error: Debug>
        + ContractsBackend<DefaultEnvironment, Error: Debug>
{
}

/// Lets time pass until `t` on `clock`: the sandbox's clock is set; on a node the test sleeps
/// and then seals a block (a tiny funded account) so that the next dry run sees the new time.
async fn wait_until<C: Chain>(clock: Clock, client: &mut C, t: u64) {
    match clock {
        Clock::Sandbox => Clock::Sandbox.set(Clock::Sandbox.now().max(t)),
        Clock::Wall => {
            let now = clock.now();
            if t >= now {
                ink_e2e::tokio::time::sleep(std::time::Duration::from_millis(t - now + 500)).await;
            }
            let _ = client
                .create_and_fund_account(&alice(), C::Balance::from(u32::MAX))
                .await;
        }
    }
}

fn id(who: AccountKeyring) -> AccountId {
    account_id(who)
}

/// Proposes `action` as Alice, approves it as Bob, waits out the timelock and executes it as
/// Charlie (anyone may).
async fn govern<C: Chain>(
    client: &mut C,
    clock: Clock,
    governor: &mut GovernorCalls,
    action: Action,
) {
    let proposal = client
        .call(
            &alice(),
            &governor.propose(action.clone(), b"forum post".to_vec()),
        )
        .submit()
        .await
        .unwrap_or_else(|_| panic!("propose {action:?}"))
        .return_value()
        .expect("proposed");
    client
        .call(&bob(), &governor.approve(proposal))
        .submit()
        .await
        .unwrap_or_else(|_| panic!("approve {action:?}"))
        .return_value()
        .expect("approved");
    let now = clock.now();
    wait_until(clock, client, now + TIMELOCK_MS).await;
    let executed = client
        .call(&charlie(), &governor.execute(proposal))
        .gas_limit(Weight::from_parts(GAS.0, GAS.1))
        .submit()
        .await
        .unwrap_or_else(|_| panic!("execute {action:?}"))
        .return_value();
    assert_eq!(executed, Ok(()), "{action:?}");
}

/// The core flow on `clock`, with months of `period_ms`.
async fn core_flow<C: Chain>(client: &mut C, clock: Clock, period_ms: u64) {
    let start = clock.now();
    let mut constructor = governor::GovernorRef::new(
        vec![id(AccountKeyring::Alice), id(AccountKeyring::Bob)],
        2,
        TIMELOCK_MS,
        3_600_000,
    );
    let governor_contract = client
        .instantiate("governor", &alice(), &mut constructor)
        .submit()
        .await
        .unwrap_or_else(|_| panic!("governor"));
    let gov = governor_contract.account_id;
    let mut governor = governor_contract.call_builder::<Governor>();

    let mut constructor = registry::RegistryRef::new(
        gov,
        Params {
            streak: StreakParams::default(),
            head_cap: 1,
            max_evidence_len: 64,
        },
    );
    let reg = client
        .instantiate("registry", &alice(), &mut constructor)
        .submit()
        .await
        .unwrap_or_else(|_| panic!("registry"))
        .account_id;
    let calendar = Calendar::FixedPeriods {
        start_ms: start,
        period_ms,
        deadline_offset_ms: period_ms / 10,
    };
    let windows = Windows {
        review_ms: period_ms / 10,
        dispute_ms: 0,
        claim_ms: 10 * period_ms,
    };
    let config = Config {
        base: POOL,
        step: 0,
        ambassador_baseline: 0,
        weights: Weights::v4(),
        windows,
        gate_bps: 0,
        head_bonus: 0,
        senior_bonus: 0,
        max_evidence_len: 64,
        late_reports: false,
        reviewers_per_entry: 1,
        disagreement_gap: 0,
    };
    let mut constructor = reward_pool::RewardPoolRef::new(gov, reg, calendar, config);
    let pool_contract = client
        .instantiate("reward_pool", &alice(), &mut constructor)
        .submit()
        .await
        .unwrap_or_else(|_| panic!("reward_pool"));
    let pool = pool_contract.account_id;
    let mut pool_calls = pool_contract.call_builder::<RewardPool>();
    // The payout delay must outlast the governor's timelock (the governor checks it when wired).
    let mut constructor =
        bounty::BountyRef::new(gov, reg, pool, id(AccountKeyring::Eve), TIMELOCK_MS + 1, 64);
    let bounty = client
        .instantiate("bounty", &alice(), &mut constructor)
        .submit()
        .await
        .unwrap_or_else(|_| panic!("bounty"))
        .account_id;

    let suite = Suite {
        registry: reg,
        reward_pool: pool,
        bounty,
    };
    let wired = client
        .call(&alice(), &governor.wire(suite))
        .submit()
        .await
        .unwrap_or_else(|_| panic!("wire"))
        .return_value();
    assert_eq!(wired, Ok(()));
    client
        .call(&alice(), &governor.deposit())
        .value(2 * POOL)
        .submit()
        .await
        .unwrap_or_else(|_| panic!("deposit"));

    for (role, account) in [
        (registry::AuthorisedCaller::RewardPool, pool),
        (registry::AuthorisedCaller::Bounty, bounty),
    ] {
        govern(
            client,
            clock,
            &mut governor,
            Action::SetAuthorised {
                role,
                account: Some(account),
            },
        )
        .await;
    }
    govern(
        client,
        clock,
        &mut governor,
        Action::SetReviewers {
            add: vec![id(AccountKeyring::Charlie)],
            remove: vec![],
        },
    )
    .await;
    govern(
        client,
        clock,
        &mut governor,
        Action::SetFunder {
            funder: Some(bounty),
        },
    )
    .await;
    govern(
        client,
        clock,
        &mut governor,
        Action::Induct {
            who: id(AccountKeyring::Dave),
            rank: Rank::Ambassador,
            evidence_ref: b"onboarding".to_vec(),
        },
    )
    .await;
    govern(
        client,
        clock,
        &mut governor,
        Action::FundMonth {
            month: 0,
            amount: POOL,
        },
    )
    .await;

    // Dave reports month 0 with its own wallet; Charlie reviews after the deadline.
    let submitted = client
        .call(
            &dave(),
            &pool_calls.submit(
                0,
                vec![Department::CommunityManagement, Department::Marketing],
                vec![
                    Score {
                        effort: 15,
                        results: 15
                    };
                    2
                ],
                b"github.com/issue/1".to_vec(),
            ),
        )
        .submit()
        .await
        .unwrap_or_else(|_| panic!("submit"))
        .return_value();
    assert_eq!(submitted, Ok(()));
    wait_until(
        clock,
        client,
        calendar.submission_deadline(0).expect("deadline"),
    )
    .await;
    let scores = vec![(
        0u32,
        vec![
            (
                Department::Basic,
                Score {
                    effort: 20,
                    results: 20,
                },
            ),
            (
                Department::CommunityManagement,
                Score {
                    effort: 20,
                    results: 10,
                },
            ),
            (
                Department::Marketing,
                Score {
                    effort: 10,
                    results: 10,
                },
            ),
        ],
        b"links open, this month's work".to_vec(),
    )];
    let scored = client
        .call(&charlie(), &pool_calls.score(0, scores))
        .submit()
        .await
        .unwrap_or_else(|_| panic!("score"))
        .return_value();
    assert_eq!(scored, Ok(()));

    // Finalization only through the governor.
    let direct = client
        .call(&alice(), &pool_calls.finalize(0, POOL))
        .dry_run()
        .await
        .unwrap_or_else(|_| panic!("finalize dry run"))
        .return_value();
    assert_eq!(direct, Err(reward_pool::Error::NotGovernance));
    wait_until(
        clock,
        client,
        calendar.review_end(0, &windows).expect("review end"),
    )
    .await;
    govern(
        client,
        clock,
        &mut governor,
        // Month 0 has no carry-in, feeds or new Ambassadors: its pool is the base.
        Action::FinalizeMonth {
            month: 0,
            pool: POOL,
        },
    )
    .await;

    // The only member's Basic, CM and MK slices are all its: 10% + 25% + 20% of the pool.
    let expected = POOL / 10 + POOL / 4 + POOL / 5;
    let preview = client
        .call(&dave(), &pool_calls.preview(0, vec![0]))
        .dry_run()
        .await
        .unwrap_or_else(|_| panic!("preview"))
        .return_value()
        .expect("preview");
    assert_eq!(preview[0].total, expected);
    let owed_before = client
        .call(&dave(), &pool_calls.liabilities())
        .dry_run()
        .await
        .unwrap_or_else(|_| panic!("liabilities"))
        .return_value();
    let claimed = client
        .call(&dave(), &pool_calls.claim(vec![0]))
        .submit()
        .await
        .unwrap_or_else(|_| panic!("claim"))
        .return_value();
    assert_eq!(claimed, Ok(expected));
    let owed_after = client
        .call(&dave(), &pool_calls.liabilities())
        .dry_run()
        .await
        .unwrap_or_else(|_| panic!("liabilities"))
        .return_value();
    assert_eq!(owed_before - owed_after, expected);
    let again = client
        .call(&dave(), &pool_calls.claim(vec![0]))
        .dry_run()
        .await
        .unwrap_or_else(|_| panic!("second claim"))
        .return_value();
    assert_eq!(again, Err(reward_pool::Error::AlreadyClaimed));
}

#[ink_e2e::test(backend(runtime_only(sandbox = ClockSandbox)))]
async fn core_flow_on_sandbox<Client: E2EBackend>(mut client: Client) -> E2EResult<()> {
    Clock::Sandbox.set(1_000_000);
    core_flow(&mut client, Clock::Sandbox, 1_000_000).await;
    Ok(())
}

/// Months of 60 s: deployment and wiring (about 20 transactions and four timelocks) fit in month
/// 0's submission window of 66 s.
#[cfg(feature = "node")]
#[ink_e2e::test(backend(node(url = "ws://127.0.0.1:9944")))]
async fn core_flow_on_node<Client: E2EBackend>(mut client: Client) -> E2EResult<()> {
    core_flow(&mut client, Clock::Wall, 60_000).await;
    Ok(())
}
