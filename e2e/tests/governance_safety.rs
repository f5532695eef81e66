//! Governance that cannot lock itself or the money (issue 24): decisions bound to what the council
//! reviewed, bounded proposals, upgrades that cannot brick a contract, a payout delay governance
//! can always act within, role changes that touch only the named role, a way to wind down a
//! replaced pool, and wallet moves that lapse. Each test is named for the scenario it pins; the
//! first two items (bounded times, a proposal keeps its times) are in `governor.rs`.

use e2e::{account, id, ink_id, next_wasm, wasm, Suite, SuiteSpec, DEPLOYER, UNIT};
use governor::{Action, Error, RuleError, Suite as Addresses, Target};
use ink::primitives::AccountId as InkId;
use registry::{AuthorisedCaller, MemberId, Rank, WALLET_PROPOSAL_LIFETIME_MS};
use reward_pool::{Department::*, Score, WindDown};

type R<T> = Result<T, Error>;

const MEMBER: u8 = 10;
const NEW_WALLET: u8 = 11;
const REVIEWER: u8 = 20;
const CURATOR: u8 = 5;
const RECIPIENT: u8 = 40;
const ANYONE: u8 = 25;

fn later(suite: &mut Suite, ms: u64) {
    let now = suite.chain.time();
    suite.chain.set_time(now + ms);
}

/// Lets the governor's timelock pass.
fn wait_timelock(suite: &mut Suite) {
    let timelock = suite.spec.timelock_ms;
    later(suite, timelock);
}

fn approve(suite: &mut Suite, by: u8, proposal: u32) {
    let r: R<()> = suite.call_governor(by, "approve", proposal);
    r.expect("approve");
}

fn execute(suite: &mut Suite, proposal: u32) -> R<()> {
    suite.call_governor(ANYONE, "execute", proposal)
}

/// Proposes `action` as council member 2 and approves it as 3 (the threshold): executable once
/// the timelock passes.
fn approved(suite: &mut Suite, action: Action) -> u32 {
    let p = suite.propose(2, action).expect("propose");
    approve(suite, 3, p);
    p
}

/// A new pool and bounty contract governed by the suite's governor, on its registry, with the
/// suite's calendar and configuration and a payout delay of `payout_delay_ms`: a replacement
/// the council can wire in with `SetSuite`.
fn replacement(suite: &mut Suite, payout_delay_ms: u64) -> (e2e::AccountId, e2e::AccountId) {
    let gov = ink_id(&suite.governor);
    let registry = suite.registry.clone();
    let treasury = account(suite.spec.treasury);
    let (calendar, config) = (suite.spec.calendar, suite.spec.config.clone());
    suite.chain.deploy_pool_and_bounty(
        &account(DEPLOYER),
        gov,
        &registry,
        (calendar, config),
        &treasury,
        payout_delay_ms,
    )
}

fn submit_report(suite: &mut Suite, b: u32, reference: &[u8]) {
    let r: bounty::Result<()> =
        suite.call_bounty(CURATOR, "submit_report", (b, 0u8, reference.to_vec()));
    r.expect("report");
}

fn milestone(suite: &mut Suite, b: u32) -> bounty::Milestone {
    let report: bounty::Result<bounty::Report> = suite.call_bounty(ANYONE, "report", b);
    report.expect("report").milestones[0].clone()
}

fn decide(b: u32, report: u32, approve: bool) -> Action {
    Action::DecideMilestone {
        id: b,
        milestone: 0,
        report,
        approve,
        reason_ref: b"council".to_vec(),
    }
}

// ---- item 3: a decision names the report it decides ---------------------------------------------

#[test]
fn an_approval_waiting_in_the_timelock_does_not_pass_a_report_resubmitted_after_a_reject() {
    let mut suite = Suite::deploy(SuiteSpec::small());
    let b = suite.approved_bounty(CURATOR, 8_000 * UNIT);
    submit_report(&mut suite, b, b"report one");
    assert_eq!(milestone(&mut suite, b).report_version, 1);
    // The council drafts both answers to report one; the reject runs first.
    let approve_one = approved(&mut suite, decide(b, 1, true));
    let reject_one = approved(&mut suite, decide(b, 1, false));
    wait_timelock(&mut suite);
    assert_eq!(execute(&mut suite, reject_one), Ok(()));
    // The curator resubmits; the old approval names report one and is refused.
    submit_report(&mut suite, b, b"report two, unreviewed");
    assert_eq!(
        execute(&mut suite, approve_one),
        Err(Error::Bounty(bounty::Error::ReportChanged))
    );
    let m = milestone(&mut suite, b);
    assert_eq!(m.state, bounty::MilestoneState::Submitted);
    assert_eq!(m.report_version, 2);
    let unlocked: bounty::Result<bounty::Report> = suite.call_bounty(ANYONE, "report", b);
    assert_eq!(
        unlocked.unwrap().unlocked,
        0,
        "nothing unlocked by the stale approval"
    );
    // A decision on report two passes.
    assert_eq!(suite.govern(decide(b, 2, true)).map(|_| ()), Ok(()));
    assert_eq!(
        milestone(&mut suite, b).state,
        bounty::MilestoneState::Approved
    );
}

#[test]
fn a_bounty_approval_sends_only_the_funding_the_council_named() {
    let mut suite = Suite::deploy(SuiteSpec::small());
    let b = suite
        .propose_bounty(ANYONE, CURATOR, 8_000 * UNIT, (0, 10), 10)
        .unwrap();
    let governor = suite.governor.clone();
    let treasury = suite.chain.balance(&governor);
    // A figure that is not total + fee budget is refused and nothing leaves the treasury.
    assert_eq!(
        suite.govern(Action::ApproveBounty {
            id: b,
            funding: 9_000 * UNIT,
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
    assert_eq!(suite.chain.balance(&governor), treasury - 8_080 * UNIT);
}

#[test]
fn an_acceptance_waiting_in_the_timelock_does_not_admit_a_reapplication_nobody_reviewed() {
    let mut suite = Suite::deploy(SuiteSpec::small());
    const APPLICANT: u8 = 12;
    let r: registry::Result<()> =
        suite.call_registry(APPLICANT, "apply", b"ipfs://portfolio".to_vec());
    r.expect("apply");
    let app: Option<registry::Application> =
        suite.call_registry(ANYONE, "application", id(APPLICANT));
    let reviewed = app.expect("pending").applied_at;
    let accept = approved(
        &mut suite,
        Action::AcceptApplication {
            who: id(APPLICANT),
            rank: Rank::Ambassador,
            applied_at: reviewed,
        },
    );
    // Meanwhile the application is rejected and the wallet applies again with other evidence.
    suite
        .govern(Action::RejectApplication {
            who: id(APPLICANT),
            applied_at: reviewed,
            reason_ref: b"not yet".to_vec(),
        })
        .expect("reject");
    later(&mut suite, 1);
    let r: registry::Result<()> = suite.call_registry(APPLICANT, "apply", b"ipfs://other".to_vec());
    r.expect("apply again");
    assert_eq!(
        execute(&mut suite, accept),
        Err(Error::Registry(registry::Error::ApplicationChanged))
    );
    let member: Option<MemberId> = suite.call_registry(ANYONE, "member_id_of", id(APPLICANT));
    assert_eq!(member, None);
}

// ---- item 4: bounded proposals ---------------------------------------------------------------------

#[test]
fn an_oversized_proposal_is_refused_with_an_error_instead_of_trapping() {
    let mut suite = Suite::deploy(SuiteSpec::small());
    // A reason just under ink!'s 16 KiB buffer: `propose` stored it, and the first approval,
    // which makes the stored proposal longer, trapped.
    let proposals: u32 = suite.call_governor(DEPLOYER, "proposal_count", ());
    let huge = Action::RejectBounty {
        id: 0,
        reason_ref: vec![b'x'; 16_000],
    };
    assert_eq!(
        suite.propose(2, huge),
        Err(Error::Rule(RuleError::EvidenceTooLong))
    );
    let too_many = Action::SetReviewers {
        add: (0..=reward_pool::MAX_REVIEWER_CHANGES as u8)
            .map(|i| id(100 + i))
            .collect(),
        remove: vec![],
    };
    assert_eq!(suite.propose(2, too_many), Err(Error::ActionTooLarge));
    assert_eq!(
        suite.propose(
            2,
            Action::SetTimes {
                timelock_ms: 1_000,
                expiry_ms: u64::MAX
            }
        ),
        Err(Error::Rule(RuleError::LifetimeTooLong))
    );
    assert_eq!(
        suite.propose(2, Action::SetThreshold { threshold: 0 }),
        Err(Error::Rule(RuleError::ThresholdZero))
    );
    assert_eq!(
        suite.call_governor::<_, u32>(DEPLOYER, "proposal_count", ()),
        proposals,
        "nothing stored"
    );
    // The largest accepted shape takes every approval and every cancel vote.
    let largest = Action::SetReviewers {
        add: (0..reward_pool::MAX_REVIEWER_CHANGES as u8)
            .map(|i| id(100 + i))
            .collect(),
        remove: vec![],
    };
    let description = vec![b'd'; governor::MAX_DESCRIPTION_LEN as usize];
    let p: R<u32> = suite.call_governor(2, "propose", (largest, description));
    let p = p.expect("the largest proposal is stored");
    approve(&mut suite, 3, p);
    approve(&mut suite, 4, p);
    assert_eq!(suite.proposal(p).approvals, 3);
    let r: R<bool> = suite.call_governor(3, "cancel", p);
    assert_eq!(r, Ok(false));
    let r: R<bool> = suite.call_governor(4, "cancel", p);
    assert_eq!(r, Ok(true));
}

// ---- item 5: an upgrade cannot brick a contract ------------------------------------------------

#[test]
fn an_upgrade_of_the_pool_to_the_bounty_code_is_reverted_and_the_pool_still_upgrades_properly() {
    let mut suite = Suite::deploy(SuiteSpec::small());
    let bounty_code = suite.chain.upload(wasm("bounty"), &account(DEPLOYER));
    assert_eq!(
        suite.govern(Action::Upgrade {
            target: Target::RewardPool,
            code_hash: bounty_code,
        }),
        Err(Error::RewardPool(reward_pool::Error::IncompatibleCode))
    );
    // The pool still runs its own code over its storage and answers governance.
    assert_eq!(suite.call_pool::<_, u32>(ANYONE, "version", ()), 1);
    let governance: InkId = suite.call_pool(ANYONE, "governance", ());
    assert_eq!(governance, ink_id(&suite.governor));
    assert_eq!(
        suite
            .govern(Action::Pause {
                target: Target::RewardPool
            })
            .map(|_| ()),
        Ok(())
    );
    // A compatible build (same layout, version 2) goes through, paused or not.
    let next = suite
        .chain
        .upload(next_wasm("reward_pool"), &account(DEPLOYER));
    suite
        .govern(Action::Upgrade {
            target: Target::RewardPool,
            code_hash: next,
        })
        .expect("a compatible upgrade");
    assert_eq!(suite.call_pool::<_, u32>(ANYONE, "version", ()), 2);
    suite
        .govern(Action::Unpause {
            target: Target::RewardPool,
        })
        .expect("the upgraded pool still answers governance");
    // The governor protects itself the same way: another contract's code is refused.
    let registry_code = suite.chain.upload(wasm("registry"), &account(DEPLOYER));
    assert_eq!(
        suite.govern(Action::UpgradeGovernor {
            code_hash: registry_code
        }),
        Err(Error::IncompatibleCode)
    );
    assert_eq!(suite.call_governor::<_, u32>(ANYONE, "version", ()), 1);
    // The bounty contract and the registry refuse foreign code the same way.
    assert_eq!(
        suite.govern(Action::Upgrade {
            target: Target::Bounty,
            code_hash: registry_code,
        }),
        Err(Error::Bounty(bounty::Error::IncompatibleCode))
    );
    assert_eq!(
        suite.govern(Action::Upgrade {
            target: Target::Registry,
            code_hash: bounty_code,
        }),
        Err(Error::Registry(registry::Error::IncompatibleCode))
    );
    assert_eq!(suite.call_bounty::<_, u32>(ANYONE, "version", ()), 1);
    assert_eq!(suite.call_registry::<_, u32>(ANYONE, "version", ()), 1);
}

// ---- item 6: governance can cancel an award during its whole delay ------------------------------

/// The suite with an approved bounty whose milestone is approved and an award of 1,000 to
/// account 40 just made (its payout delay running): the suite and the award id.
fn awarded() -> (Suite, u32) {
    let mut suite = Suite::deploy(SuiteSpec::small());
    let b = suite.approved_bounty(CURATOR, 8_000 * UNIT);
    submit_report(&mut suite, b, b"report");
    suite
        .govern(decide(b, 1, true))
        .expect("milestone approved");
    let award: bounty::Result<u32> = suite.call_bounty(
        CURATOR,
        "award",
        (b, 0u8, id(RECIPIENT), 1_000 * UNIT, b"memo".to_vec()),
    );
    (suite, award.expect("award"))
}

#[test]
fn a_pause_to_investigate_stops_the_payout_delay_so_the_governor_cancel_lands_in_time() {
    let (mut suite, award) = awarded();
    // The council pauses the bounty to investigate (one timelock of the 60 s delay passes).
    suite
        .govern(Action::Pause {
            target: Target::Bounty,
        })
        .expect("pause");
    let at: Option<u64> = suite.call_bounty(ANYONE, "claimable_at", award);
    assert_eq!(at, None, "no payout time while paused");
    // Days pass while paused: the delay does not run out.
    later(&mut suite, 30 * 86_400_000);
    let cancel = approved(&mut suite, Action::CancelAward { award });
    wait_timelock(&mut suite);
    let treasury = account(suite.spec.treasury);
    let before = suite.chain.balance(&treasury);
    assert_eq!(execute(&mut suite, cancel), Ok(()));
    let record: Option<bounty::Award> = suite.call_bounty(ANYONE, "award_of", award);
    assert_eq!(record.unwrap().state, bounty::AwardState::Cancelled);
    // Still active: the amount went back to its line, nothing to the treasury yet.
    assert_eq!(suite.chain.balance(&treasury), before);
    suite
        .govern(Action::Unpause {
            target: Target::Bounty,
        })
        .expect("unpause");
    let r: bounty::Result<u128> = suite.call_bounty(RECIPIENT, "claim_award", award);
    assert_eq!(r, Err(bounty::Error::AwardCancelled));
}

#[test]
fn the_payout_delay_outlasts_the_award_when_unpaused_and_the_claim_waits_for_it() {
    let (mut suite, award) = awarded();
    let made = suite.chain.time();
    let at: Option<u64> = suite.call_bounty(ANYONE, "claimable_at", award);
    assert_eq!(at, Some(made + suite.spec.payout_delay_ms));
    // Paused for 10 s in the middle: the claim comes 10 s later.
    later(&mut suite, 1_000);
    let bounty = suite.bounty.clone();
    let governor = suite.governor.clone();
    let r: bounty::Result<()> = suite.chain.call(&bounty, &governor, "pause", ());
    r.expect("pause by governance");
    later(&mut suite, 10_000);
    let r: bounty::Result<()> = suite.chain.call(&bounty, &governor, "unpause", ());
    r.expect("unpause");
    let at: Option<u64> = suite.call_bounty(ANYONE, "claimable_at", award);
    assert_eq!(at, Some(made + suite.spec.payout_delay_ms + 10_000));
    suite
        .chain
        .set_time(made + suite.spec.payout_delay_ms + 9_999);
    let r: bounty::Result<u128> = suite.call_bounty(RECIPIENT, "claim_award", award);
    assert_eq!(r, Err(bounty::Error::PayoutDelayRunning));
    suite
        .chain
        .set_time(made + suite.spec.payout_delay_ms + 10_000);
    let r: bounty::Result<u128> = suite.call_bounty(RECIPIENT, "claim_award", award);
    assert_eq!(r, Ok(1_000 * UNIT));
}

#[test]
fn a_timelock_at_or_above_the_payout_delay_is_refused_whenever_either_changes() {
    let mut suite = Suite::deploy(SuiteSpec::small());
    let delay = suite.spec.payout_delay_ms;
    assert_eq!(
        suite.govern(Action::SetTimes {
            timelock_ms: delay,
            expiry_ms: 500_000,
        }),
        Err(Error::Rule(RuleError::PayoutDelayWithinTimelock))
    );
    assert_eq!(
        suite.call_governor::<_, (u64, u64)>(ANYONE, "times", ()).0,
        1_000
    );
    suite
        .govern(Action::SetTimes {
            timelock_ms: delay - 1,
            expiry_ms: 500_000,
        })
        .expect("a timelock under the delay");
    // A new bounty contract whose delay the timelock would swallow cannot be wired in.
    let registry = suite.registry.clone();
    let (pool, bounty) = replacement(&mut suite, delay - 1);
    let timelock = delay - 1;
    let p = approved(
        &mut suite,
        Action::SetSuite {
            suite: Addresses {
                registry: ink_id(&registry),
                reward_pool: ink_id(&pool),
                bounty: ink_id(&bounty),
            },
        },
    );
    later(&mut suite, timelock);
    assert_eq!(
        execute(&mut suite, p),
        Err(Error::Rule(RuleError::PayoutDelayWithinTimelock))
    );
}

// ---- item 8: a role change touches only the role it names ----------------------------------------

#[test]
fn adding_a_reviewer_keeps_the_funder_and_authorising_a_pool_keeps_the_bounty() {
    let mut suite = Suite::deploy(SuiteSpec::small());
    suite
        .govern(Action::SetReviewers {
            add: vec![id(21)],
            remove: vec![],
        })
        .expect("add a reviewer");
    let (_, _, funder): (reward_pool::Calendar, InkId, Option<InkId>) =
        suite.call_pool(ANYONE, "wiring", ());
    assert_eq!(
        funder,
        Some(ink_id(&suite.bounty)),
        "the funder is untouched"
    );
    assert!(suite.call_pool::<_, bool>(ANYONE, "is_reviewer", id(21)));
    assert!(suite.call_pool::<_, bool>(ANYONE, "is_reviewer", id(REVIEWER)));
    suite
        .govern(Action::SetAuthorised {
            role: AuthorisedCaller::RewardPool,
            account: Some(id(77)),
        })
        .expect("authorise another pool");
    let authorised: (Option<InkId>, Option<InkId>) = suite.call_registry(ANYONE, "authorised", ());
    assert_eq!(authorised, (Some(id(77)), Some(ink_id(&suite.bounty))));
    suite
        .govern(Action::SetFunder { funder: None })
        .expect("remove the funder");
    assert!(suite.call_pool::<_, bool>(ANYONE, "is_reviewer", id(21)));
}

// ---- item 9: a replaced pool is wound down ------------------------------------------------------

fn s(effort: u8, results: u8) -> Score {
    Score { effort, results }
}

#[test]
fn a_replaced_pool_keeps_its_claim_windows_then_returns_its_funds_to_the_treasury() {
    let mut suite = Suite::deploy(SuiteSpec::small());
    suite.induct(MEMBER, Rank::Ambassador);
    let cal = suite.spec.calendar;
    suite.chain.set_time(cal.start(0).unwrap() + 1);
    suite
        .govern(Action::FundMonth {
            month: 0,
            amount: 84_000 * UNIT,
        })
        .expect("fund month 0");
    suite
        .govern(Action::FundBonusReserve {
            amount: 10_000 * UNIT,
        })
        .expect("fund the reserve");
    let r: reward_pool::Result<()> = suite.call_pool(
        MEMBER,
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
    let r: reward_pool::Result<()> = suite.call_pool(
        REVIEWER,
        "score",
        (
            0u32,
            vec![(
                0 as MemberId,
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
    suite
        .chain
        .set_time(cal.review_end(0, &suite.spec.config.windows).unwrap());
    let finalize = suite.finalize_action(0);
    suite.govern(finalize).expect("finalize month 0");

    // The council replaces the pool and the bounty contract.
    let old = suite.addresses();
    let registry = suite.registry.clone();
    let delay = suite.spec.payout_delay_ms;
    let (new_pool, new_bounty) = replacement(&mut suite, delay);
    suite
        .govern(Action::SetSuite {
            suite: Addresses {
                registry: ink_id(&registry),
                reward_pool: ink_id(&new_pool),
                bounty: ink_id(&new_bounty),
            },
        })
        .expect("replace the pool");
    // Only governor actions on itself cannot name other addresses.
    let r: R<u32> = suite.call_governor(
        2,
        "propose_on",
        (
            old,
            Action::Transfer {
                to: id(9),
                amount: 1,
            },
            b"forum".to_vec(),
        ),
    );
    assert_eq!(r, Err(Error::NotASuiteAction));
    // The council still reaches the old pool: it winds it down.
    let wind_down = |suite: &mut Suite, action: Action| -> R<()> {
        let p: R<u32> = suite.call_governor(2, "propose_on", (old, action, b"forum".to_vec()));
        let p = p.expect("propose_on");
        approve(suite, 3, p);
        wait_timelock(suite);
        execute(suite, p)
    };
    assert_eq!(
        wind_down(&mut suite, Action::ReleasePool),
        Err(Error::RewardPool(reward_pool::Error::NotWindingDown))
    );
    assert_eq!(wind_down(&mut suite, Action::WindDownPool), Ok(()));
    let state: (WindDown, u32) = suite.call_pool(ANYONE, "wind_down_state", ());
    assert!(matches!(state, (WindDown::Since(_), 1)));
    // No more reports or feeds; the member still claims its month.
    let governor = suite.governor.clone();
    let r: reward_pool::Result<()> = suite.call_pool(
        MEMBER,
        "submit",
        (
            10u32,
            vec![CommunityManagement, Marketing],
            vec![s(15, 15); 2],
            b"ipfs://evidence".to_vec(),
        ),
    );
    assert_eq!(r, Err(reward_pool::Error::WindingDown));
    let r: reward_pool::Result<u128> = suite.call_pool(MEMBER, "claim", vec![0u32]);
    assert!(r.expect("the member claims from the old pool") > 0);
    // Funds stay until every finalized month's claim window has passed and it is swept.
    assert_eq!(
        wind_down(&mut suite, Action::ReleasePool),
        Err(Error::RewardPool(reward_pool::Error::ClaimWindowsOpen))
    );
    let fin: reward_pool::MonthState = suite.call_pool(ANYONE, "month", 0u32);
    let fin = fin.finalized.expect("finalized");
    suite
        .chain
        .set_time(fin.finalized_at + suite.spec.config.windows.claim_ms);
    let r: reward_pool::Result<u128> = suite.call_pool(ANYONE, "sweep", 0u32);
    r.expect("sweep");
    let owed: u128 = suite.call_pool(ANYONE, "liabilities", ());
    assert!(owed > 0, "the reserve and the unclaimed remainder");
    let before = suite.chain.balance(&governor);
    assert_eq!(wind_down(&mut suite, Action::ReleasePool), Ok(()));
    assert_eq!(suite.chain.balance(&governor), before + owed);
    assert_eq!(suite.call_pool::<_, u128>(ANYONE, "liabilities", ()), 0);
    assert_eq!(
        wind_down(&mut suite, Action::ReleasePool),
        Err(Error::RewardPool(reward_pool::Error::FundsReleased))
    );
}

#[test]
fn a_proposal_made_before_set_suite_still_acts_on_the_contracts_it_was_approved_for() {
    let mut suite = Suite::deploy(SuiteSpec::small());
    // The council approves a wind-down of the current pool and, separately, its replacement.
    let registry = suite.registry.clone();
    let delay = suite.spec.payout_delay_ms;
    let (new_pool, new_bounty) = replacement(&mut suite, delay);
    let wind_down = approved(&mut suite, Action::WindDownPool);
    let replace = approved(
        &mut suite,
        Action::SetSuite {
            suite: Addresses {
                registry: ink_id(&registry),
                reward_pool: ink_id(&new_pool),
                bounty: ink_id(&new_bounty),
            },
        },
    );
    wait_timelock(&mut suite);
    // Anyone executes, in the order that would hurt: the replacement first.
    assert_eq!(execute(&mut suite, replace), Ok(()));
    assert_eq!(execute(&mut suite, wind_down), Ok(()));
    let old: (WindDown, u32) = suite.call_pool(ANYONE, "wind_down_state", ());
    assert!(
        matches!(old.0, WindDown::Since(_)),
        "the old pool winds down"
    );
    let new: (WindDown, u32) = suite
        .chain
        .call(&new_pool, &account(ANYONE), "wind_down_state", ());
    assert_eq!(new.0, WindDown::Running, "the new pool is untouched");
}

// ---- item 10: a wallet move lapses and can be withdrawn -------------------------------------------

#[test]
fn a_proposed_wallet_move_lapses_and_the_member_or_governance_can_withdraw_it() {
    let mut suite = Suite::deploy(SuiteSpec::small());
    suite.induct(MEMBER, Rank::Ambassador);
    let member: MemberId = 0;
    let propose = |suite: &mut Suite| {
        let r: registry::Result<()> = suite.call_registry(MEMBER, "propose_wallet", id(NEW_WALLET));
        r.expect("propose a wallet");
    };
    let accept = |suite: &mut Suite| -> registry::Result<()> {
        suite.call_registry(NEW_WALLET, "accept_wallet", member)
    };
    // Months later, the wallet once named cannot take the member over.
    propose(&mut suite);
    let pending: Option<registry::PendingWallet> =
        suite.call_registry(ANYONE, "pending_wallet", member);
    let pending = pending.expect("pending");
    assert_eq!(pending.wallet, id(NEW_WALLET));
    assert_eq!(
        pending.expires_at,
        suite.chain.time() + WALLET_PROPOSAL_LIFETIME_MS
    );
    suite.chain.set_time(pending.expires_at);
    assert_eq!(
        accept(&mut suite),
        Err(registry::Error::WalletProposalExpired)
    );
    // The member withdraws a proposal; a stranger cannot.
    propose(&mut suite);
    let r: registry::Result<()> = suite.call_registry(ANYONE, "withdraw_wallet", member);
    assert_eq!(r, Err(registry::Error::NotMemberNorGovernance));
    let r: registry::Result<()> = suite.call_registry(NEW_WALLET, "withdraw_wallet", member);
    assert_eq!(r, Err(registry::Error::NotMemberNorGovernance));
    let r: registry::Result<()> = suite.call_registry(MEMBER, "withdraw_wallet", member);
    assert_eq!(r, Ok(()));
    assert_eq!(accept(&mut suite), Err(registry::Error::NoPendingWallet));
    let r: registry::Result<()> = suite.call_registry(MEMBER, "withdraw_wallet", member);
    assert_eq!(r, Err(registry::Error::NoPendingWallet));
    // Governance withdraws one through the governor (a wallet suspected to be compromised).
    propose(&mut suite);
    suite
        .govern(Action::WithdrawWallet { member })
        .expect("withdrawn by governance");
    assert_eq!(accept(&mut suite), Err(registry::Error::NoPendingWallet));
    // A fresh proposal accepted in time moves the member.
    propose(&mut suite);
    assert_eq!(accept(&mut suite), Ok(()));
    let moved: Option<MemberId> = suite.call_registry(ANYONE, "member_id_of", id(NEW_WALLET));
    assert_eq!(moved, Some(member));
}
