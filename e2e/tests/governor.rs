//! drink tests of the governor with the whole suite deployed and wired (`e2e::Suite`): a month
//! finalized only through the governor, votes, timelock, expiry, cancel, council changes, failing
//! actions, pausing and upgrading suite contracts, and every governor error variant.

use e2e::{account, id, next_wasm, Suite, SuiteSpec, DEPLOYER, UNIT};
use governor::{Action, Error, ProposalState, RuleError, Target};
use ink::primitives::{AccountId as InkId, Hash};
use registry::Rank;
use reward_pool::{Department::*, Score};

type R<T> = Result<T, Error>;

const MEMBER: u8 = 10;
const REVIEWER: u8 = 20;
const ANYONE: u8 = 25;

fn s(effort: u8, results: u8) -> Score {
    Score { effort, results }
}

fn approve(suite: &mut Suite, by: u8, proposal: u32) -> R<()> {
    suite.call_governor(by, "approve", proposal)
}

fn revoke(suite: &mut Suite, by: u8, proposal: u32) -> R<()> {
    suite.call_governor(by, "revoke", proposal)
}

fn cancel(suite: &mut Suite, by: u8, proposal: u32) -> R<bool> {
    suite.call_governor(by, "cancel", proposal)
}

fn execute(suite: &mut Suite, by: u8, proposal: u32) -> R<()> {
    suite.call_governor(by, "execute", proposal)
}

fn state(suite: &mut Suite, proposal: u32) -> ProposalState {
    suite.proposal(proposal).state
}

fn advance(suite: &mut Suite, ms: u64) {
    let now = suite.chain.time();
    suite.chain.set_time(now + ms);
}

fn pool_paused(suite: &mut Suite) -> bool {
    let pool = suite.pool.clone();
    suite.chain.call(&pool, &account(ANYONE), "paused", ())
}

/// The pool's month 0 runs through the governor: funding, then a finalize proposal that cannot run
/// without the threshold, before the timelock, from outside the council or straight on the pool,
/// fails while the review window is open (and stays executable), then runs exactly once.
#[test]
fn a_month_is_finalized_only_through_the_governor() {
    let mut suite = Suite::deploy(SuiteSpec::small());
    suite.induct(MEMBER, Rank::Ambassador);
    let cal = suite.spec.calendar;
    let windows = suite.spec.config.windows;
    suite.chain.set_time(cal.start(0).unwrap() + 1);
    let governor = suite.governor.clone();
    let treasury_before = suite.chain.balance(&governor);
    suite
        .govern(Action::FundMonth {
            month: 0,
            amount: 84_000 * UNIT,
        })
        .expect("fund through the governor");
    assert_eq!(
        suite.chain.balance(&governor),
        treasury_before - 84_000 * UNIT
    );
    let pool = suite.pool.clone();
    let r: reward_pool::Result<()> = suite.chain.call(
        &pool,
        &account(MEMBER),
        "submit",
        (
            0u32,
            vec![CommunityManagement, Marketing],
            vec![s(15, 15); 2],
            b"ipfs://evidence".to_vec(),
        ),
    );
    r.expect("submit");
    suite.chain.set_time(cal.submission_deadline(0).unwrap());
    let r: reward_pool::Result<()> = suite.chain.call(
        &pool,
        &account(REVIEWER),
        "score",
        (
            0u32,
            vec![(
                0u32,
                vec![
                    (Basic, s(20, 20)),
                    (CommunityManagement, s(20, 10)),
                    (Marketing, s(10, 10)),
                ],
                Vec::<u8>::new(),
            )],
        ),
    );
    r.expect("score");

    let finalize = suite.finalize_action(0);
    // Before the scores are final a finalize cannot even be proposed: reviewers could still
    // change what the council would approve.
    assert_eq!(
        suite.propose(2, finalize.clone()),
        Err(Error::ScoresNotFinal)
    );
    suite.chain.set_time(cal.review_end(0, &windows).unwrap());
    // What the council sees before it signs: the slices and the carry the finalize will freeze
    // (compared with the frozen settlement below), and a month short of its pool said so.
    let preview: R<rules::reward::MonthSettlement> =
        suite.call_governor(ANYONE, "finalize_preview", 0u32);
    let preview = preview.expect("settlement preview");
    assert!(preview.slices.iter().any(|slice| *slice > 0));
    let unfunded: R<rules::reward::MonthSettlement> =
        suite.call_governor(ANYONE, "finalize_preview", 1u32);
    assert_eq!(unfunded, Err(Error::Rule(RuleError::Underfunded)));
    let p = suite.propose(2, finalize.clone()).unwrap();
    assert_eq!(
        suite.propose(MEMBER, finalize),
        Err(Error::NotCouncilMember)
    );
    assert_eq!(state(&mut suite, p), ProposalState::Pending);
    assert_eq!(
        execute(&mut suite, ANYONE, p),
        Err(Error::NotEnoughApprovals)
    );
    assert_eq!(approve(&mut suite, 3, p), Ok(()));
    let approved_at = suite.chain.time();
    assert_eq!(
        state(&mut suite, p),
        ProposalState::Approved {
            executable_at: approved_at + 1_000
        }
    );
    assert_eq!(execute(&mut suite, ANYONE, p), Err(Error::TimelockRunning));
    // The governance account is the governor: nobody finalizes around it.
    let r: reward_pool::Result<()> =
        suite
            .chain
            .call(&pool, &account(DEPLOYER), "finalize", (0u32, 0u128));
    assert_eq!(r, Err(reward_pool::Error::NotGovernance));
    let r: reward_pool::Result<()> =
        suite
            .chain
            .call(&pool, &account(2), "finalize", (0u32, 0u128));
    assert_eq!(r, Err(reward_pool::Error::NotGovernance));

    // Timelock over, but the pool is paused: the pool refuses, nothing is applied and the
    // proposal stays executable.
    advance(&mut suite, 1_000);
    let governor = suite.governor.clone();
    let r: reward_pool::Result<()> = suite.chain.call(&pool, &governor, "pause", ());
    r.expect("paused by its governance");
    assert_eq!(
        execute(&mut suite, ANYONE, p),
        Err(Error::RewardPool(reward_pool::Error::Paused))
    );
    assert!(suite.chain.receipt().reverted);
    let view = suite.proposal(p);
    assert_eq!(view.state, ProposalState::Executable);
    assert_eq!(view.proposal.executed_at, None);

    let r: reward_pool::Result<()> = suite.chain.call(&pool, &governor, "unpause", ());
    r.expect("unpaused");
    assert_eq!(execute(&mut suite, ANYONE, p), Ok(()));
    let executed: Vec<governor::governor::Executed> = suite.chain.receipt().events_of();
    assert_eq!(executed.len(), 1);
    assert_eq!(executed[0].id, p);
    assert_eq!(state(&mut suite, p), ProposalState::Executed);
    assert_eq!(execute(&mut suite, ANYONE, p), Err(Error::AlreadyExecuted));
    assert_eq!(approve(&mut suite, 4, p), Err(Error::AlreadyExecuted));
    let month: reward_pool::MonthState = suite.chain.call(&pool, &account(ANYONE), "month", 0u32);
    assert_eq!(
        month.finalized.expect("finalized").settlement,
        preview,
        "the finalize froze what the council saw"
    );

    // The member claims with its own wallet exactly what the preview shows.
    let preview: reward_pool::Result<Vec<reward_pool::MonthPreview>> =
        suite
            .chain
            .call(&pool, &account(ANYONE), "preview", (0u32, vec![0u32]));
    let owed = preview.unwrap()[0].total;
    assert!(owed > 0);
    let before = suite.chain.balance(&account(MEMBER));
    let r: reward_pool::Result<u128> =
        suite
            .chain
            .call(&pool, &account(MEMBER), "claim", vec![0u32]);
    assert_eq!(r, Ok(owed));
    assert_eq!(suite.chain.received(&account(MEMBER), before), owed as i128);
}

#[test]
fn votes_timelock_expiry_and_cancel() {
    let mut suite = Suite::deploy(SuiteSpec::small());
    let pause = Action::Pause {
        target: Target::RewardPool,
    };
    let unpause = Action::Unpause {
        target: Target::RewardPool,
    };
    assert_eq!(
        suite.call_governor::<_, R<u32>>(2, "propose", (pause.clone(), Vec::<u8>::new())),
        Err(Error::Rule(RuleError::EvidenceEmpty))
    );
    let p = suite.propose(2, pause.clone()).unwrap();
    assert_eq!(suite.proposal(p).approvals, 1);
    assert_eq!(
        approve(&mut suite, 2, p),
        Err(Error::Rule(RuleError::AlreadyVoted))
    );
    assert_eq!(
        revoke(&mut suite, 3, p),
        Err(Error::Rule(RuleError::NotVoted))
    );
    assert_eq!(approve(&mut suite, MEMBER, p), Err(Error::NotCouncilMember));
    assert_eq!(revoke(&mut suite, MEMBER, p), Err(Error::NotCouncilMember));
    assert_eq!(approve(&mut suite, 3, p), Ok(()));
    let t0 = suite.chain.time();
    assert_eq!(
        state(&mut suite, p),
        ProposalState::Approved {
            executable_at: t0 + 1_000
        }
    );
    // A revoked approval takes it back below the threshold and stops the timelock.
    assert_eq!(revoke(&mut suite, 3, p), Ok(()));
    assert_eq!(state(&mut suite, p), ProposalState::Pending);
    advance(&mut suite, 5_000);
    assert_eq!(
        execute(&mut suite, ANYONE, p),
        Err(Error::NotEnoughApprovals)
    );
    // Re-approved: the timelock starts again from now.
    assert_eq!(approve(&mut suite, 4, p), Ok(()));
    let t1 = suite.chain.time();
    assert_eq!(
        state(&mut suite, p),
        ProposalState::Approved {
            executable_at: t1 + 1_000
        }
    );
    advance(&mut suite, 1_000);
    assert_eq!(state(&mut suite, p), ProposalState::Executable);
    assert_eq!(execute(&mut suite, ANYONE, p), Ok(()));
    assert!(pool_paused(&mut suite));

    // Expiry.
    let q = suite.propose(2, unpause.clone()).unwrap();
    assert_eq!(approve(&mut suite, 3, q), Ok(()));
    let expires_at = suite.proposal(q).proposal.expires_at;
    assert_eq!(expires_at, suite.chain.time() + suite.spec.expiry_ms);
    suite.chain.set_time(expires_at);
    assert_eq!(state(&mut suite, q), ProposalState::Expired);
    assert_eq!(execute(&mut suite, ANYONE, q), Err(Error::ProposalExpired));
    assert_eq!(approve(&mut suite, 4, q), Err(Error::ProposalExpired));
    assert_eq!(cancel(&mut suite, 2, q), Err(Error::ProposalExpired));
    assert!(pool_paused(&mut suite));

    // Cancel by a threshold of council members.
    let c = suite.propose(2, unpause.clone()).unwrap();
    assert_eq!(cancel(&mut suite, MEMBER, c), Err(Error::NotCouncilMember));
    assert_eq!(cancel(&mut suite, 3, c), Ok(false));
    assert_eq!(suite.proposal(c).cancel_votes, 1);
    assert_eq!(
        cancel(&mut suite, 3, c),
        Err(Error::Rule(RuleError::AlreadyVoted))
    );
    assert_eq!(cancel(&mut suite, 4, c), Ok(true));
    assert_eq!(state(&mut suite, c), ProposalState::Cancelled);
    assert_eq!(execute(&mut suite, ANYONE, c), Err(Error::AlreadyCancelled));
    assert_eq!(approve(&mut suite, 4, c), Err(Error::AlreadyCancelled));
    assert_eq!(cancel(&mut suite, 2, c), Err(Error::AlreadyCancelled));
    // Cancel by the proposer, even once approved.
    let d = suite.propose(3, unpause).unwrap();
    assert_eq!(approve(&mut suite, 4, d), Ok(()));
    assert_eq!(cancel(&mut suite, 3, d), Ok(true));
    assert_eq!(state(&mut suite, d), ProposalState::Cancelled);

    let none: Option<governor::ProposalView> = suite.call_governor(ANYONE, "proposal", 99u32);
    assert_eq!(none, None);
    assert_eq!(execute(&mut suite, ANYONE, 99), Err(Error::NoSuchProposal));
    assert_eq!(approve(&mut suite, 2, 99), Err(Error::NoSuchProposal));
    let count: u32 = suite.call_governor(ANYONE, "proposal_count", ());
    assert_eq!(count, d + 1);
}

#[test]
fn council_changes_keep_the_invariant_and_drop_removed_votes() {
    let mut suite = Suite::deploy(SuiteSpec::small());
    let pause = Action::Pause {
        target: Target::Bounty,
    };
    let p = suite.propose(4, pause.clone()).unwrap();
    assert_eq!(approve(&mut suite, 3, p), Ok(()));
    assert_eq!(suite.proposal(p).approvals, 2);

    // Removing 4 drops its approval: back to pending.
    suite
        .govern(Action::RemoveCouncilMember { who: id(4) })
        .unwrap();
    let council: Vec<InkId> = suite.call_governor(ANYONE, "council", ());
    assert_eq!(council, vec![id(2), id(3)]);
    assert_eq!(suite.proposal(p).approvals, 1);
    assert_eq!(state(&mut suite, p), ProposalState::Pending);
    assert_eq!(approve(&mut suite, 4, p), Err(Error::NotCouncilMember));
    // Re-seated, its old approval stays dropped.
    suite
        .govern(Action::AddCouncilMember { who: id(4) })
        .unwrap();
    assert_eq!(suite.proposal(p).approvals, 1);

    assert_eq!(
        suite.govern(Action::AddCouncilMember { who: id(2) }),
        Err(Error::Rule(RuleError::AlreadyOnCouncil))
    );
    assert_eq!(
        suite.govern(Action::RemoveCouncilMember { who: id(9) }),
        Err(Error::Rule(RuleError::NotOnCouncil))
    );
    assert_eq!(
        suite.propose(2, Action::SetThreshold { threshold: 0 }),
        Err(Error::Rule(RuleError::ThresholdZero))
    );
    let r = suite.govern(Action::SetThreshold { threshold: 4 });
    assert_eq!(r, Err(Error::Rule(RuleError::ThresholdAboveCouncilSize)));
    // The refused change stays executable and changed nothing.
    let refused: u32 = suite.call_governor::<_, u32>(ANYONE, "proposal_count", ()) - 1;
    assert_eq!(state(&mut suite, refused), ProposalState::Executable);
    let threshold: u32 = suite.call_governor(ANYONE, "threshold", ());
    assert_eq!(threshold, 2);

    suite.govern(Action::SetThreshold { threshold: 3 }).unwrap();
    suite.spec.threshold = 3;
    let changes: Vec<governor::governor::CouncilChanged> = suite.chain.receipt().events_of();
    assert_eq!(changes[0].threshold, 3);
    assert_eq!(
        suite.govern(Action::RemoveCouncilMember { who: id(3) }),
        Err(Error::Rule(RuleError::ThresholdAboveCouncilSize))
    );
    suite
        .govern(Action::ReplaceCouncilMember {
            old: id(4),
            new: id(5),
        })
        .unwrap();
    let council: Vec<InkId> = suite.call_governor(ANYONE, "council", ());
    assert_eq!(council, vec![id(2), id(3), id(5)]);
    suite.spec.council = vec![2, 3, 5];

    // A council change restarts the timelock of an approved proposal.
    let q = suite
        .propose(
            2,
            Action::Pause {
                target: Target::Registry,
            },
        )
        .unwrap();
    approve(&mut suite, 3, q).unwrap();
    approve(&mut suite, 5, q).unwrap();
    advance(&mut suite, 1_000);
    assert_eq!(state(&mut suite, q), ProposalState::Executable);
    suite.govern(Action::SetThreshold { threshold: 2 }).unwrap();
    suite.spec.threshold = 2;
    let changed_at: u64 = suite.call_governor(ANYONE, "council_changed_at", ());
    assert_eq!(changed_at, suite.chain.time());
    assert_eq!(
        state(&mut suite, q),
        ProposalState::Approved {
            executable_at: changed_at + 1_000
        }
    );
    // And a lowered threshold can approve a proposal without a new vote, from the change on.
    assert_eq!(suite.proposal(p).approvals, 1);
    suite.govern(Action::SetThreshold { threshold: 1 }).unwrap();
    suite.spec.threshold = 1;
    let changed_at: u64 = suite.call_governor(ANYONE, "council_changed_at", ());
    assert_eq!(
        state(&mut suite, p),
        ProposalState::Approved {
            executable_at: changed_at + 1_000
        }
    );

    // Times.
    assert_eq!(
        suite.propose(
            2,
            Action::SetTimes {
                timelock_ms: 5_000,
                expiry_ms: 5_000
            }
        ),
        Err(Error::Rule(RuleError::ExpiryWithinTimelock))
    );
    suite
        .govern(Action::SetTimes {
            timelock_ms: 2_000,
            expiry_ms: 50_000,
        })
        .unwrap();
    let times: (u64, u64) = suite.call_governor(ANYONE, "times", ());
    assert_eq!(times, (2_000, 50_000));
}

#[test]
fn a_never_expiring_lifetime_is_refused_so_the_governor_can_still_propose() {
    let mut suite = Suite::deploy(SuiteSpec::small());
    // "Never expire" would overflow every later propose and freeze the suite for good.
    assert_eq!(
        suite.propose(
            2,
            Action::SetTimes {
                timelock_ms: 1_000,
                expiry_ms: u64::MAX,
            }
        ),
        Err(Error::Rule(RuleError::LifetimeTooLong))
    );
    assert_eq!(
        suite.propose(
            2,
            Action::SetTimes {
                timelock_ms: rules::council::MAX_TIMELOCK_MS + 1,
                expiry_ms: rules::council::MAX_LIFETIME_MS,
            }
        ),
        Err(Error::Rule(RuleError::TimelockTooLong))
    );
    let times: (u64, u64) = suite.call_governor(ANYONE, "times", ());
    assert_eq!(
        times,
        (1_000, 500_000),
        "the refused changes changed nothing"
    );
    let pause = Action::Pause {
        target: Target::RewardPool,
    };
    assert!(suite.propose(2, pause).is_ok(), "proposing still works");
    // The same bounds at instantiation.
    let by = account(DEPLOYER);
    let council: Vec<ink::primitives::AccountId> = vec![id(2), id(3)];
    let r = suite.chain.deploy::<_, Error>(
        "governor",
        &by,
        "new",
        (council, 2u32, 1_000u64, u64::MAX),
        b"forever",
    );
    assert_eq!(r, Err(Error::Rule(RuleError::LifetimeTooLong)));
}

#[test]
fn a_change_of_times_does_not_rewrite_an_approved_proposal() {
    let mut suite = Suite::deploy(SuiteSpec::small());
    let pause = Action::Pause {
        target: Target::RewardPool,
    };
    // Approved under a 1,000 ms timelock and a 500,000 ms lifetime.
    let p = suite.propose(2, pause).unwrap();
    assert_eq!(approve(&mut suite, 3, p), Ok(()));
    let t0 = suite.chain.time();
    let expires_at = suite.proposal(p).proposal.expires_at;
    // The council then lengthens the timelock tenfold and shortens the lifetime.
    suite
        .govern(Action::SetTimes {
            timelock_ms: 10_000,
            expiry_ms: 20_000,
        })
        .unwrap();
    assert_eq!(suite.proposal(p).proposal.timelock_ms, 1_000);
    assert_eq!(suite.proposal(p).proposal.expires_at, expires_at);
    // The earlier proposal keeps the window it was approved under, and runs.
    assert!(suite.chain.time() >= t0 + 1_000);
    assert_eq!(state(&mut suite, p), ProposalState::Executable);
    assert_eq!(execute(&mut suite, ANYONE, p), Ok(()));
    assert!(pool_paused(&mut suite));
    // A proposal made now gets the new times.
    let unpause = Action::Unpause {
        target: Target::RewardPool,
    };
    let q = suite.propose(2, unpause).unwrap();
    assert_eq!(suite.proposal(q).proposal.timelock_ms, 10_000);
}

#[test]
fn a_governor_is_checked_at_instantiation_and_wired_once() {
    let mut suite = Suite::deploy(SuiteSpec::small());
    let by = account(DEPLOYER);
    let mut deploy = |council: Vec<u8>, threshold: u32, timelock: u64, expiry: u64, salt: &[u8]| {
        let council: Vec<InkId> = council.into_iter().map(id).collect();
        suite.chain.deploy::<_, Error>(
            "governor",
            &by,
            "new",
            (council, threshold, timelock, expiry),
            salt,
        )
    };
    assert_eq!(
        deploy(vec![2, 2], 1, 1, 2, b"a").err(),
        Some(Error::Rule(RuleError::AlreadyOnCouncil))
    );
    assert_eq!(
        deploy(vec![2], 0, 1, 2, b"b").err(),
        Some(Error::Rule(RuleError::ThresholdZero))
    );
    assert_eq!(
        deploy(vec![2], 2, 1, 2, b"c").err(),
        Some(Error::Rule(RuleError::ThresholdAboveCouncilSize))
    );
    assert_eq!(
        deploy((40..73).collect(), 1, 1, 2, b"d").err(),
        Some(Error::Rule(RuleError::CouncilTooLarge))
    );
    assert_eq!(
        deploy(vec![2], 1, 2, 2, b"e").err(),
        Some(Error::Rule(RuleError::ExpiryWithinTimelock))
    );
    let bare = deploy(vec![2, 3], 1, 0, 10, b"f").expect("a bare governor");
    // Before wiring, suite actions cannot run.
    let p: R<u32> = suite.chain.call(
        &bare,
        &account(2),
        "propose",
        (
            Action::Pause {
                target: Target::Registry,
            },
            b"x".to_vec(),
        ),
    );
    let p = p.unwrap();
    let r: R<()> = suite.chain.call(&bare, &account(ANYONE), "execute", p);
    assert_eq!(r, Err(Error::NotWired));
    let addresses = suite.addresses();
    let r: R<()> = suite.chain.call(&bare, &account(2), "wire", addresses);
    assert_eq!(r, Err(Error::NotDeployer));
    let r: R<()> = suite.chain.call(&bare, &by, "wire", addresses);
    assert_eq!(r, Ok(()));
    let r: R<()> = suite.chain.call(&bare, &by, "wire", addresses);
    assert_eq!(r, Err(Error::AlreadyWired));
    let wired: Option<governor::Suite> = suite.chain.call(&bare, &by, "suite", ());
    assert_eq!(wired, Some(addresses));
}

/// Pause, upgrade and hand over suite contracts through proposals; fund, approve a bounty and
/// pay from the governor's treasury; every callee failure named.
#[test]
fn suite_actions_and_their_failures() {
    let mut suite = Suite::deploy(SuiteSpec::small());
    suite.induct(MEMBER, Rank::Ambassador);
    let (pool, registry, bounty, governor) = (
        suite.pool.clone(),
        suite.registry.clone(),
        suite.bounty.clone(),
        suite.governor.clone(),
    );

    // Pause and unpause the pool.
    suite
        .govern(Action::Pause {
            target: Target::RewardPool,
        })
        .unwrap();
    suite
        .chain
        .set_time(suite.spec.calendar.start(0).unwrap() + 1);
    let r: reward_pool::Result<()> = suite.chain.call(
        &pool,
        &account(MEMBER),
        "submit",
        (0u32, vec![Marketing], vec![s(10, 10)], b"ipfs://e".to_vec()),
    );
    assert_eq!(r, Err(reward_pool::Error::Paused));
    assert_eq!(
        suite.govern(Action::Pause {
            target: Target::RewardPool
        }),
        Err(Error::RewardPool(reward_pool::Error::Paused))
    );
    suite
        .govern(Action::Unpause {
            target: Target::RewardPool,
        })
        .unwrap();
    assert!(!pool_paused(&mut suite));

    // Upgrade the registry and the governor itself.
    let next = suite
        .chain
        .upload(next_wasm("registry"), &account(DEPLOYER));
    assert_eq!(
        suite.govern(Action::Upgrade {
            target: Target::Registry,
            code_hash: Hash::from([7; 32]),
        }),
        Err(Error::Registry(registry::Error::UpgradeFailed))
    );
    suite
        .govern(Action::Upgrade {
            target: Target::Registry,
            code_hash: next,
        })
        .unwrap();
    let version: u32 = suite.chain.call(&registry, &account(ANYONE), "version", ());
    assert_eq!(version, 2);
    let member: Option<u32> =
        suite
            .chain
            .call(&registry, &account(ANYONE), "member_id_of", id(MEMBER));
    assert_eq!(member, Some(0), "storage survives the upgrade");
    assert_eq!(
        suite.govern(Action::UpgradeGovernor {
            code_hash: Hash::from([7; 32])
        }),
        Err(Error::UpgradeFailed)
    );
    let next = suite
        .chain
        .upload(next_wasm("governor"), &account(DEPLOYER));
    suite
        .govern(Action::UpgradeGovernor { code_hash: next })
        .unwrap();
    let version: u32 = suite.call_governor(ANYONE, "version", ());
    assert_eq!(version, 2);
    let council: Vec<InkId> = suite.call_governor(ANYONE, "council", ());
    assert_eq!(council.len(), 3, "the council survives the upgrade");

    // Hand-overs.
    suite
        .govern(Action::HandOver {
            target: Target::Bounty,
            to: id(9),
        })
        .unwrap();
    let pending: Option<InkId> =
        suite
            .chain
            .call(&bounty, &account(ANYONE), "pending_governance", ());
    assert_eq!(pending, Some(id(9)));
    assert_eq!(
        suite.govern(Action::AcceptGovernance {
            target: Target::Registry
        }),
        Err(Error::Registry(registry::Error::NotPendingGovernance))
    );

    // The treasury: a bounty approved and funded from it, payments, shortfalls.
    let b = suite
        .propose_bounty(ANYONE, 5, 8_000 * UNIT, (0, 10), 10)
        .unwrap();
    assert_eq!(
        suite.govern(Action::ApproveBounty {
            id: 7,
            funding: 8_080 * UNIT
        }),
        Err(Error::Bounty(bounty::Error::NoSuchProposal))
    );
    let treasury = suite.chain.balance(&governor);
    // The council names the figure: a different one is refused and sends nothing.
    assert_eq!(
        suite.govern(Action::ApproveBounty {
            id: b,
            funding: 8_000 * UNIT
        }),
        Err(Error::Bounty(bounty::Error::FundingMismatch))
    );
    assert_eq!(suite.chain.balance(&governor), treasury);
    suite
        .govern(Action::ApproveBounty {
            id: b,
            funding: 8_080 * UNIT,
        })
        .unwrap();
    // The total and the 1% curator fee budgeted on top.
    assert_eq!(suite.chain.balance(&governor), treasury - 8_080 * UNIT);
    let liabilities: u128 = suite
        .chain
        .call(&bounty, &account(ANYONE), "liabilities", ());
    assert_eq!(liabilities, 8_080 * UNIT);
    assert_eq!(
        suite.govern(Action::DecideMilestone {
            id: b,
            milestone: 0,
            report: 0,
            approve: true,
            reason_ref: b"ok".to_vec(),
        }),
        Err(Error::Bounty(bounty::Error::Rule(
            bounty::RuleError::NoReportToDecide
        )))
    );
    // The council replaces the curator, then closes the bounty itself although its milestone
    // was never reported: everything comes back to the treasury account.
    suite
        .govern(Action::SetCurator {
            id: b,
            curator: id(6),
        })
        .unwrap();
    let p: Option<bounty::Proposal> = suite.chain.call(&bounty, &account(ANYONE), "proposal", b);
    assert_eq!(p.unwrap().curator, id(6));
    let refund_to = account(suite.spec.treasury);
    let treasury = suite.chain.balance(&refund_to);
    suite.govern(Action::CloseBounty { id: b }).unwrap();
    assert_eq!(suite.chain.balance(&refund_to), treasury + 8_080 * UNIT);
    assert_eq!(
        suite.govern(Action::CloseBounty { id: b }),
        Err(Error::Bounty(bounty::Error::NotActive))
    );
    let treasury = suite.chain.balance(&governor);
    assert_eq!(
        suite.govern(Action::FundBonusReserve {
            amount: treasury + 1
        }),
        Err(Error::InsufficientFunds)
    );
    assert_eq!(
        suite.govern(Action::Transfer {
            to: id(11),
            amount: treasury + 1,
        }),
        Err(Error::TransferFailed)
    );
    let before = suite.chain.balance(&account(11));
    suite
        .govern(Action::Transfer {
            to: id(11),
            amount: 5 * UNIT,
        })
        .unwrap();
    assert_eq!(suite.chain.balance(&account(11)), before + 5 * UNIT);
    assert_eq!(suite.chain.balance(&governor), treasury - 5 * UNIT);

    // A suite address with no contract behind it.
    let mut broken = suite.addresses();
    broken.registry = id(9);
    suite.govern(Action::SetSuite { suite: broken }).unwrap();
    assert_eq!(
        suite.govern(Action::Pause {
            target: Target::Registry
        }),
        Err(Error::Unreachable(Target::Registry))
    );
}

/// Every suite action reaches the message it names, with its arguments in the callee's order:
/// the governor sends each one as a selector and encoded arguments (`governor::suite_call`), so
/// an action no other test executes is executed here and its effect read back from the callee.
#[test]
fn every_suite_action_reaches_its_target() {
    let mut suite = Suite::deploy(SuiteSpec::small());
    suite.induct(MEMBER, Rank::Ambassador);
    let (pool, registry, bounty) = (
        suite.pool.clone(),
        suite.registry.clone(),
        suite.bounty.clone(),
    );
    let member = |suite: &mut Suite| -> registry::Member {
        let m: Option<registry::Member> =
            suite
                .chain
                .call(&registry, &account(ANYONE), "member", 0u32);
        m.expect("member 0")
    };

    // SetPoolConfig: the pool's newest configuration is the one approved.
    let mut config: reward_pool::Config = suite.chain.call(&pool, &account(ANYONE), "config", ());
    config.gate_bps = 1_234;
    config.disagreement_gap = 7;
    suite
        .govern(Action::SetPoolConfig {
            config: config.clone(),
        })
        .unwrap();
    let now: reward_pool::Config = suite.chain.call(&pool, &account(ANYONE), "config", ());
    assert_eq!(now, config);

    // SetRegistryParams: the registry's parameters are the ones approved.
    let mut params: registry::Params = suite.chain.call(&registry, &account(ANYONE), "params", ());
    params.head_cap += 1;
    params.max_evidence_len = 300;
    suite
        .govern(Action::SetRegistryParams {
            params: params.clone(),
        })
        .unwrap();
    let now: registry::Params = suite.chain.call(&registry, &account(ANYONE), "params", ());
    assert_eq!(now, params);

    // SetRank, Suspend, Unsuspend, RemoveMember on member 0.
    suite
        .govern(Action::SetRank {
            member: 0,
            rank: Rank::Senior,
        })
        .unwrap();
    assert_eq!(member(&mut suite).rank, Rank::Senior);
    suite
        .govern(Action::Suspend {
            member: 0,
            reason_ref: b"forum#12".to_vec(),
        })
        .unwrap();
    assert_eq!(member(&mut suite).status, registry::Status::Suspended);
    // A refusal comes back as the registry's own error.
    assert_eq!(
        suite.govern(Action::Suspend {
            member: 0,
            reason_ref: b"forum#12".to_vec(),
        }),
        Err(Error::Registry(registry::Error::Rule(
            RuleError::AlreadySuspended
        )))
    );
    suite.govern(Action::Unsuspend { member: 0 }).unwrap();
    assert_eq!(member(&mut suite).status, registry::Status::Active);
    suite
        .govern(Action::RemoveMember {
            member: 0,
            reason_ref: b"forum#13".to_vec(),
        })
        .unwrap();
    assert_eq!(member(&mut suite).status, registry::Status::Removed);

    // CancelBounty: an approved bounty cancelled before anything was spent, its whole funding
    // back in the bounty's treasury.
    let b = suite
        .propose_bounty(ANYONE, 5, 1_000 * UNIT, (0, 10), 10)
        .unwrap();
    let governor = suite.governor.clone();
    let funds = suite.chain.balance(&governor);
    suite
        .govern(Action::ApproveBounty {
            id: b,
            funding: 1_010 * UNIT,
        })
        .unwrap();
    assert_eq!(suite.chain.balance(&governor), funds - 1_010 * UNIT);
    let treasury = account(suite.spec.treasury);
    let before = suite.chain.balance(&treasury);
    suite.govern(Action::CancelBounty { id: b }).unwrap();
    let proposal: Option<bounty::Proposal> =
        suite.chain.call(&bounty, &account(ANYONE), "proposal", b);
    assert_eq!(proposal.unwrap().status, bounty::Status::Cancelled);
    // Total and fee budget back to the bounty's treasury account.
    assert_eq!(suite.chain.balance(&treasury), before + 1_010 * UNIT);
    assert_eq!(
        suite.govern(Action::CancelBounty { id: b }),
        Err(Error::Bounty(bounty::Error::NotActive))
    );
}
