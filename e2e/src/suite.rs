//! The whole suite deployed as governance expects it: a governor whose council governs the
//! registry, the reward pool and the bounty contract, wired to each other. Shared by the governor
//! tests and the program scenarios.

use crate::{account, id, ink_id, AccountId, Balance, Chain, UNIT};
use governor::{Action, ProposalView, Suite as Addresses};
use ink::primitives::AccountId as InkId;
use registry::{AuthorisedCaller, Rank};
use reward_pool::{Calendar, Config, Weights, Windows};

/// A bounty proposal's arguments (`propose`'s tuple): curator account `curator`, one budget
/// line of `total`, one milestone of 100% due at `due`, running over `window`, a 1% fee budget.
pub fn one_milestone_bounty(
    curator: u8,
    total: Balance,
    window: (u64, u64),
    due: u64,
) -> impl scale::Encode {
    (
        id(curator),
        b"ipfs://proposal".to_vec(),
        window,
        total,
        vec![(b"weekly".to_vec(), total)],
        vec![(b"final".to_vec(), due, 10_000u16)],
        100u16,
    )
}

/// An account outside every role of [`SuiteSpec::small`] (not council, deployer or treasury).
pub const OUTSIDER: u8 = 25;

/// How to deploy the suite. Accounts are seeds of [`account`].
#[derive(Debug, Clone)]
pub struct SuiteSpec {
    /// The council.
    pub council: Vec<u8>,
    /// Approvals a proposal needs.
    pub threshold: u32,
    /// Governor timelock (ms).
    pub timelock_ms: u64,
    /// Governor proposal lifetime (ms).
    pub expiry_ms: u64,
    /// The pool's calendar.
    pub calendar: Calendar,
    /// The pool's configuration.
    pub config: Config,
    /// The registry's parameters.
    pub registry: registry::Params,
    /// Reviewers of the pool.
    pub reviewers: Vec<u8>,
    /// Where bounties refund to.
    pub treasury: u8,
    /// Bounty payout delay (ms).
    pub payout_delay_ms: u64,
    /// Deposited into the governor's treasury at deployment.
    pub governor_funds: u128,
}

/// Fixed periods of the tests: month `m` runs from `PERIOD_START + m × PERIOD`.
pub const PERIOD_START: u64 = 1_000_000;
/// Length of a test month (ms).
pub const PERIOD: u64 = 1_000_000;

impl SuiteSpec {
    /// A council of accounts 2, 3 and 4 needing 2 approvals, a 1,000 ms timelock, proposals living
    /// 500,000 ms; the V.4 pool (84,000 base, 21,000 step, Head 4,000 and Senior 2,000 bonuses)
    /// over fixed periods of 1,000,000 ms with a 100,000 ms submission deadline and review
    /// window; reviewer account 20; treasury account 30; 1,000,000 tokens in the governor.
    pub fn small() -> Self {
        Self {
            council: vec![2, 3, 4],
            threshold: 2,
            timelock_ms: 1_000,
            expiry_ms: 500_000,
            calendar: Calendar::FixedPeriods {
                start_ms: PERIOD_START,
                period_ms: PERIOD,
                deadline_offset_ms: 100_000,
            },
            config: Config {
                base: 84_000 * UNIT,
                step: 21_000 * UNIT,
                ambassador_baseline: 0,
                weights: Weights::v4(),
                windows: Windows {
                    review_ms: 100_000,
                    dispute_ms: 0,
                    claim_ms: 10 * PERIOD,
                },
                gate_bps: 0,
                head_bonus: 4_000 * UNIT,
                senior_bonus: 2_000 * UNIT,
                max_evidence_len: 64,
                late_reports: false,
                reviewers_per_entry: 1,
                disagreement_gap: 0,
            },
            registry: registry::Params {
                streak: registry::StreakParams::default(),
                head_cap: 1,
                max_evidence_len: 64,
            },
            reviewers: vec![20],
            treasury: 30,
            // Longer than every timelock the tests set (the governor refuses one at or above it).
            payout_delay_ms: 60_000,
            governor_funds: 1_000_000 * UNIT,
        }
    }
}

/// The deployed suite on a sandboxed chain.
pub struct Suite {
    /// The chain.
    pub chain: Chain,
    /// How it was deployed.
    pub spec: SuiteSpec,
    /// The governor (governance of the other three).
    pub governor: AccountId,
    /// The contributor registry.
    pub registry: AccountId,
    /// The monthly reward pool.
    pub pool: AccountId,
    /// The bounty contract.
    pub bounty: AccountId,
}

/// The deployer of every contract: account 1.
pub const DEPLOYER: u8 = 1;

impl Suite {
    /// Deploys governor, registry, pool and bounty from account 1 on a [`Chain::funded`] chain,
    /// wires the governor, and through governor proposals authorises the pool and the bounty
    /// contract in the registry and sets the pool's reviewers and funder.
    pub fn deploy(spec: SuiteSpec) -> Self {
        let mut chain = Chain::funded();
        let by = account(DEPLOYER);
        let council: Vec<InkId> = spec.council.iter().copied().map(id).collect();
        let governor = chain
            .deploy_routed::<_, governor::Error>(
                "governor",
                &by,
                (council, spec.threshold, spec.timelock_ms, spec.expiry_ms),
                b"",
            )
            .expect("governor deploys");
        let gov = ink_id(&governor);
        let registry = chain
            .deploy_routed::<_, registry::Error>("registry", &by, (gov, spec.registry.clone()), b"")
            .expect("registry deploys");
        let (pool, bounty) = chain.deploy_pool_and_bounty(
            &by,
            gov,
            &registry,
            (spec.calendar, spec.config.clone()),
            &account(spec.treasury),
            spec.payout_delay_ms,
        );
        let mut suite = Self {
            chain,
            spec,
            governor,
            registry,
            pool,
            bounty,
        };
        let r: governor::Result<()> = suite.call_governor(DEPLOYER, "wire", suite.addresses());
        r.expect("wire");
        let funds = suite.spec.governor_funds;
        let governor = suite.governor.clone();
        let () = suite
            .chain
            .call_with_value(&governor, &by, "deposit", (), funds);
        let (pool, bounty) = (ink_id(&suite.pool), ink_id(&suite.bounty));
        for (role, account) in [
            (AuthorisedCaller::RewardPool, pool),
            (AuthorisedCaller::Bounty, bounty),
        ] {
            suite
                .govern(Action::SetAuthorised {
                    role,
                    account: Some(account),
                })
                .expect("authorise pool and bounty");
        }
        let reviewers = suite.spec.reviewers.iter().copied().map(id).collect();
        suite
            .govern(Action::SetReviewers {
                add: reviewers,
                remove: vec![],
            })
            .expect("reviewers");
        suite
            .govern(Action::SetFunder {
                funder: Some(bounty),
            })
            .expect("funder");
        suite
    }

    /// The addresses as the governor stores them.
    pub fn addresses(&self) -> Addresses {
        Addresses {
            registry: ink_id(&self.registry),
            reward_pool: ink_id(&self.pool),
            bounty: ink_id(&self.bounty),
        }
    }

    /// Calls the governor as account `by`.
    pub fn call_governor<A: scale::Encode, T: scale::Decode>(
        &mut self,
        by: u8,
        message: &str,
        args: A,
    ) -> T {
        let governor = self.governor.clone();
        self.chain.call(&governor, &account(by), message, args)
    }

    /// Calls the reward pool as account `by`.
    pub fn call_pool<A: scale::Encode, T: scale::Decode>(
        &mut self,
        by: u8,
        message: &str,
        args: A,
    ) -> T {
        let pool = self.pool.clone();
        self.chain.call(&pool, &account(by), message, args)
    }

    /// Calls the registry as account `by`.
    pub fn call_registry<A: scale::Encode, T: scale::Decode>(
        &mut self,
        by: u8,
        message: &str,
        args: A,
    ) -> T {
        let registry = self.registry.clone();
        self.chain.call(&registry, &account(by), message, args)
    }

    /// Calls the bounty contract as account `by`.
    pub fn call_bounty<A: scale::Encode, T: scale::Decode>(
        &mut self,
        by: u8,
        message: &str,
        args: A,
    ) -> T {
        let bounty = self.bounty.clone();
        self.chain.call(&bounty, &account(by), message, args)
    }

    /// Proposes (as account `by`) a bounty of `total` curated by account `curator`: one budget
    /// line, one milestone of 100% due at `due`, running over `window`, with a 1% fee budget.
    pub fn propose_bounty(
        &mut self,
        by: u8,
        curator: u8,
        total: Balance,
        window: (u64, u64),
        due: u64,
    ) -> bounty::Result<u32> {
        self.call_bounty(
            by,
            "propose",
            one_milestone_bounty(curator, total, window, due),
        )
    }

    /// A bounty of `total` (see [`Suite::propose_bounty`]; window 0..10 ms, due at 10 ms)
    /// proposed by [`OUTSIDER`] and approved by the council at its funding, total + 1% (the
    /// governor's treasury pays it). Returns its id.
    pub fn approved_bounty(&mut self, curator: u8, total: Balance) -> u32 {
        let b = self
            .propose_bounty(OUTSIDER, curator, total, (0, 10), 10)
            .expect("bounty proposed");
        self.govern(Action::ApproveBounty {
            id: b,
            funding: total + total / 100,
        })
        .expect("bounty approved");
        b
    }

    /// Inducts account `seed` at `rank` through the council (evidence "onboarding").
    pub fn induct(&mut self, seed: u8, rank: Rank) {
        self.govern(Action::Induct {
            who: id(seed),
            rank,
            evidence_ref: b"onboarding".to_vec(),
        })
        .expect("induct");
    }

    /// The governor action that finalizes `month` at the pool size the pool previews now.
    pub fn finalize_action(&mut self, month: u32) -> Action {
        let pool = self.pool.clone();
        let size: reward_pool::Result<u128> =
            self.chain
                .call(&pool, &account(DEPLOYER), "finalize_preview", month);
        Action::FinalizeMonth {
            month,
            pool: size.expect("finalize preview"),
        }
    }

    /// Proposes `action` as council member `by`.
    pub fn propose(&mut self, by: u8, action: Action) -> governor::Result<u32> {
        self.call_governor(by, "propose", (action, b"forum post".to_vec()))
    }

    /// Proposal `id` as the governor reports it.
    pub fn proposal(&mut self, id: u32) -> ProposalView {
        let view: Option<ProposalView> = self.call_governor(DEPLOYER, "proposal", id);
        view.expect("proposal exists")
    }

    /// Proposes `action` from the first council member, approves it with the next ones up to the
    /// threshold, lets the timelock pass and executes it (from account 1, not on the council).
    /// Returns the proposal id, or the proposal's refusal, or the execution's error (the proposal
    /// then stays executable).
    pub fn govern(&mut self, action: Action) -> Result<u32, governor::Error> {
        let council = self.spec.council.clone();
        let id = self.propose(council[0], action)?;
        for member in council
            .iter()
            .skip(1)
            .take(self.spec.threshold as usize - 1)
        {
            let r: governor::Result<()> = self.call_governor(*member, "approve", id);
            r.expect("approve");
        }
        let now = self.chain.time();
        self.chain.set_time(now + self.spec.timelock_ms);
        let r: governor::Result<()> = self.call_governor(DEPLOYER, "execute", id);
        r.map(|()| id)
    }
}
