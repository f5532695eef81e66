//! The sandbox path of the deploy tool: the example config deployed into ink_e2e's in-process
//! runtime, the wiring read back, the manifest written and read, one month run by the demo, and
//! its report checked against the V.4 formula recomputed here from the report's own points, and
//! the demo's community bounty with its awards.

use deploy::chain::{self, Chain};
use deploy::config::Config;
use deploy::month::{self, Report};
use deploy::{community_bounty, deploy::deploy, Manifest};
use reward_pool::{Calendar, ClaimStatus};

use crate::fixture::SANDBOX;

const UNIT: u128 = 1_000_000_000_000;
use crate::fixture::NOVEMBER_2026;

/// Department weights of the example (V.4), in department order.
const WEIGHTS: [u128; 7] = [1_000, 2_500, 2_000, 2_000, 1_000, 1_000, 500];

/// Each line's reward from the V.4 split: a department's slice is `pool × weight / 10,000` when
/// anyone has points there, and a member gets `slice × points / everyone's points`.
fn check_split(report: &Report, pool: u128) {
    let mut totals = [0u128; 7];
    for line in &report.lines {
        if let Some(points) = line.points {
            for d in 0..7 {
                totals[d] += u128::from(points[d]);
            }
        }
    }
    let mut paid = 0;
    for line in &report.lines {
        let expected: u128 = match line.points {
            Some(points) => (0..7)
                .filter(|d| totals[*d] > 0)
                .map(|d| pool * WEIGHTS[d] / 10_000 * u128::from(points[d]) / totals[d])
                .sum(),
            None => 0,
        };
        assert_eq!(line.reward, expected, "member {}", line.member);
        paid += expected;
    }
    let distributable: u128 = (0..7)
        .filter(|d| totals[*d] > 0)
        .map(|d| pool * WEIGHTS[d] / 10_000)
        .sum();
    assert_eq!(report.carried_forward, Some(pool - distributable));
    // Rounding dust only: less than one unit per member and department.
    assert!(distributable - paid < 7 * report.lines.len() as u128);
}

#[test]
fn deploys_runs_a_month_and_reports_it() {
    crate::fixture::block_on(async {
        let (plan, mut client) = crate::fixture::example_on_sandbox();
        // The sandbox's clock, as the fixture set it.
        let start = chain::Clock::Sandbox.now();
        let mut log = Vec::new();
        let d = deploy(&mut client, &plan, &mut |line| log.push(line.to_string()))
            .await
            .expect("deploys");
        assert!(d.pending.is_empty(), "the tool holds two council keys");
        // Every code uploaded (the contracts, each routed one as its router and builds), and
        // each routed contract's whole build, which is not uploaded: its hash is what its ABI is
        // checked against (issue 20).
        let dir = deploy::bundle_dir();
        let uploads = chain::uploads(&dir).expect("bundles");
        assert_eq!(d.code_hashes.len(), uploads.len() + chain::ROUTED.len());
        for name in &uploads {
            assert!(d.code_hashes.contains_key(name), "{name}");
        }
        for name in chain::ROUTED {
            assert_eq!(
                d.code_hashes.get(name).copied(),
                Some(chain::bundle_hash(&dir, name).expect("whole build"))
            );
        }
        assert!(
            log.iter().any(|l| l.contains("wiring read back")),
            "{log:?}"
        );

        // The manifest round-trips and names the same contracts.
        let path = std::env::temp_dir().join(format!("suite-manifest-{}.json", std::process::id()));
        Manifest::new(&plan, &d, start, None, None, None)
            .write(&path)
            .expect("written");
        let manifest = Manifest::read(&path).expect("read back");
        let again = manifest.deployed().expect("addresses");
        assert_eq!(
            (again.governor, again.registry, again.pool, again.bounty),
            (d.governor, d.registry, d.pool, d.bounty)
        );
        assert_eq!(again.calendar, Calendar::UtcMonths);
        assert_eq!(manifest.target, "sandbox");
        deploy::already_deployed(&mut client, &plan, &manifest)
            .await
            .expect("recognised");
        let _ = std::fs::remove_file(&path);

        // The signer paid the governor deposit.
        let governor_balance = client.balance(d.governor).await.expect("balance");
        let deposit = 300_000 * UNIT;
        let funded = 84_000 * UNIT + 24_000 * UNIT;
        assert!(governor_balance >= deposit - funded, "{governor_balance}");

        let month = month::run_demo_month(&mut client, &plan, &d, 0, &mut |_| {})
            .await
            .expect("demo month");

        // `suite month status`: the month's dates from the pool, with the three-day dispute
        // window of the example between the review's end and final scores.
        let me = plan.signer.key.clone().expect("signer");
        let pool = ink_e2e::create_call_builder::<reward_pool::RewardPool>(d.pool);
        let dates = chain::read(&mut client, &me, &pool.month_dates(month), "dates")
            .await
            .expect("read")
            .expect("dates");
        assert_eq!(dates.scores_final - dates.review_end, 259_200_000);
        assert!(dates.claim_ends_at.is_some(), "the demo month is finalized");
        let lines = month::status_lines(&dates, dates.scores_final);
        assert_eq!(lines.len(), 5, "{lines:?}");
        assert!(lines[0].starts_with("2026-11-01 00:00 UTC"), "{lines:?}");
        assert!(lines[1].starts_with("2026-12-06 00:00 UTC"), "{lines:?}");
        assert!(lines[2].contains("dispute"), "{lines:?}");
        assert!(lines[3].ends_with("(past)"), "{lines:?}");
        assert_eq!(month, NOVEMBER_2026);
        let me = plan.signer.key.as_ref().expect("key");
        let report = month::report(&mut client, me, d.registry, d.pool, month, "PHA", 12)
            .await
            .expect("report");
        assert_eq!(report.lines.len(), 10);
        assert_eq!(report.pool, Some(84_000 * UNIT));
        check_split(&report, 84_000 * UNIT);
        for (i, line) in report.lines.iter().enumerate() {
            // Every seventh member (index 6) stays silent in the demo.
            let status = if i == 6 {
                ClaimStatus::NoSubmission
            } else {
                ClaimStatus::Claimed
            };
            assert_eq!(line.status, status, "member {i}");
            let bonus = match i {
                0 => 4_000 * UNIT,
                1 | 2 => 2_000 * UNIT,
                _ => 0,
            };
            assert_eq!(line.bonus, bonus, "member {i}");
        }
        let rewards: u128 = report.lines.iter().map(|l| l.reward + l.bonus).sum();
        assert_eq!(report.paid, rewards);

        let table = report.markdown(true);
        assert!(table.contains("month 682 (2026-11)"), "{table}");
        assert!(table.contains("| 4000.00 |"), "{table}");
        let csv = report.csv();
        assert_eq!(csv.lines().count(), 11);
        assert!(
            csv.lines()
                .nth(7)
                .unwrap_or_default()
                .ends_with("no submission"),
            "{csv}"
        );

        // The community bounty: 6,000 PHA (1/14 of the 84,000 base) approved and funded by the
        // governor, half of it awarded in equal shares to the ten members, every award but the
        // last one claimed by its member.
        let governor_before = client.balance(d.governor).await.expect("balance");
        let bounty_before = client.balance(d.bounty).await.expect("balance");
        let demo = community_bounty::run_demo_bounty(&mut client, &plan, &d, 1, &mut |_| {})
            .await
            .expect("demo bounty");
        let each = 300 * UNIT;
        assert_eq!(demo.total, 6_000 * UNIT);
        assert_eq!(demo.awards.len(), 10);
        for (i, (_, amount, claimed)) in demo.awards.iter().enumerate() {
            assert_eq!((*amount, *claimed), (each, i < 9), "award {i}");
        }
        let governor_after = client.balance(d.governor).await.expect("balance");
        assert_eq!(governor_before - governor_after, 6_000 * UNIT);
        let bounty_after = client.balance(d.bounty).await.expect("balance");
        assert_eq!(bounty_after - bounty_before, 6_000 * UNIT - 9 * each);
        let bounty = ink_e2e::create_call_builder::<bounty::Bounty>(d.bounty);
        let owed = chain::read(&mut client, me, &bounty.liabilities(), "liabilities")
            .await
            .expect("liabilities");
        assert_eq!(owed, 6_000 * UNIT - 9 * each);
        let last = demo.awards[9].0;
        let award = chain::read(&mut client, me, &bounty.award_of(last), "award")
            .await
            .expect("award")
            .expect("exists");
        assert_eq!(award.state, bounty::AwardState::Pending);
    });
}

/// The two refusals that need a chain: an unreachable node and a signer who cannot pay. Both
/// stop before any transaction with a message naming the field.
#[test]
fn unreachable_node_and_poor_signer_are_refused_before_any_transaction() {
    crate::fixture::block_on(async {
        let e = chain::node(&deploy::bundle_dir(), "ws://127.0.0.1:9")
            .await
            .err()
            .expect("nothing listens on port 9");
        assert!(format!("{e:#}").contains("config field `target`"), "{e:#}");

        // //Nobody is a dev key the sandbox never funded.
        let plan =
            Config::parse(&SANDBOX.replacen("signer = \"//Alice\"", "signer = \"//Nobody\"", 1))
                .expect("config");
        let mut client = chain::sandbox(&deploy::bundle_dir(), 0).expect("bundles");
        let e = deploy::deploy::preflight(&mut client, &plan)
            .await
            .expect_err("cannot pay");
        assert!(
            e.to_string()
                .starts_with("config field `signer`: //Nobody holds 0 PHA"),
            "{e}"
        );
    });
}

/// A deployment cut short (here: its record refuses to be written after `steps` saves, as a
/// dropped connection would stop it) resumes from what it recorded: the same addresses, no
/// second instance, each bootstrap proposal made and executed once, the wiring checked.
fn deployment_cut_short_resumes(steps: usize) {
    use deploy::deploy::{deploy_resuming, Partial};
    use governor::{Governor, ProposalState};
    crate::fixture::block_on(async {
        let (plan, mut client) = crate::fixture::example_on_sandbox();
        let mut partial = Partial::resume(&plan, None, None);
        let mut saved = Vec::new();
        let cut = deploy_resuming(
            &mut client,
            &plan,
            &mut partial,
            &mut |p| {
                if saved.len() == steps {
                    anyhow::bail!("connection dropped");
                }
                saved.push(p.clone());
                Ok(())
            },
            &mut |_| {},
        )
        .await
        .unwrap_err();
        assert!(format!("{cut:#}").contains("connection dropped"), "{cut:#}");
        let recorded = saved.last().cloned().expect("a step was recorded");

        // Resumed from the last record, as `suite deploy` reads it back.
        let mut resumed = Partial::resume(&plan, None, Some(recorded.clone()));
        assert_eq!(
            resumed, recorded,
            "same config and target: the record is kept"
        );
        let mut log = Vec::new();
        let d = deploy_resuming(
            &mut client,
            &plan,
            &mut resumed,
            &mut |_| Ok(()),
            &mut |l| log.push(l.to_string()),
        )
        .await
        .expect("resumes");
        assert!(
            log.iter()
                .any(|l| l == "resuming the deployment recorded earlier"),
            "{log:?}"
        );
        assert!(
            log.iter().any(|l| l.contains("wiring read back")),
            "{log:?}"
        );
        for (name, at) in &recorded.addresses {
            assert_eq!(resumed.addresses[name], *at, "{name} kept its address");
        }
        assert_eq!(
            deploy::config::ss58(&d.governor),
            resumed.addresses["governor"]
        );

        // The treasury deposit went in once: the governor holds it less what the bootstrap
        // paid out (the month's funding and the bonus reserve), not twice that.
        let held = client.balance(d.governor).await.expect("balance");
        assert!(
            held < plan.governor_deposit,
            "the governor holds {held}, more than one deposit ({}) less the bootstrap funding",
            plan.governor_deposit
        );

        // Every bootstrap proposal once, all executed.
        let me = plan.signer.key.clone().expect("signer key");
        let gov = ink_e2e::create_call_builder::<Governor>(d.governor);
        let count = chain::read(&mut client, &me, &gov.proposal_count(), "count")
            .await
            .expect("count");
        assert_eq!(
            count as usize,
            resumed.bootstrap.len(),
            "no proposal made twice"
        );
        for id in 0..count {
            let view = chain::read(&mut client, &me, &gov.proposal(id), "proposal")
                .await
                .expect("proposal")
                .expect("exists");
            assert_eq!(view.state, ProposalState::Executed, "proposal {id}");
        }

        // Another config starts over.
        let other = Config::parse(&SANDBOX.replace("threshold = 2", "threshold = 1"))
            .expect("another config");
        assert!(Partial::resume(&other, None, Some(recorded.clone())).is_fresh());
        // So does another chain (a development node restarted at the same address).
        assert!(Partial::resume(&plan, Some("0xab".into()), Some(recorded)).is_fresh());
    });
}

#[test]
fn a_deployment_cut_while_instantiating_resumes() {
    // 4 uploads, the first moment, the governor; the registry lands unrecorded.
    deployment_cut_short_resumes(6);
}

#[test]
fn a_deployment_cut_after_its_wiring_resumes() {
    // 4 uploads, the first moment, 4 instances; the wiring lands unrecorded.
    deployment_cut_short_resumes(9);
}

#[test]
fn a_deployment_cut_after_its_deposit_resumes() {
    // … the wiring recorded; the deposit lands unrecorded (and is not sent twice).
    deployment_cut_short_resumes(10);
}

#[test]
fn a_deployment_cut_during_its_bootstrap_proposals_resumes() {
    // … the deposit recorded, 2 proposals recorded; the third lands unrecorded.
    deployment_cut_short_resumes(13);
}
