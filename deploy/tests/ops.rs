//! The operator's commands (`suite proposals`, `fund`, `approve`, `execute`, `score`, `month
//! finalize|sweep`, `advance`, `member`, `cancel`) run against the sandbox through the library
//! functions the binary calls: a council of three funds a month, a reviewer scores from the
//! sheet the tool wrote (a bad sheet refused row by row, nothing sent), the council finalizes
//! with the figures it was shown, a rank changes, a proposal is cancelled; each refusal (a
//! stranger proposing, an execute inside the timelock, a second execute, a sweep while claims
//! run) is said in the contracts' terms and changes nothing. And the command line parses its
//! examples.

use clap::Parser;
use deploy::chain::{read, send, Clock, SandboxChain};
use deploy::cli::{bounty_spec, day_ms, member_action, percent_bps, Cli, MemberChange};
use deploy::config::{self, Token};
use deploy::deploy::{deploy, Deployed};
use deploy::ops::council::{self, Vote};
use deploy::ops::{self, months};
use deploy::ops::{Confirm, Ctx};
use governor::{Action, Governor, ProposalState};
use ink_e2e::Keypair;
use registry::Registry;
use reward_pool::{Calendar, Department, RewardPool, Score};
use rules::rank::Rank;

const UNIT: u128 = 1_000_000_000_000;
use crate::fixture::NOVEMBER_2026;

fn key(uri: &str) -> Keypair {
    config::account("test", uri)
        .expect("dev key")
        .key
        .expect("key")
}

/// A command's context as the binary builds it, on the sandbox, never asking.
fn ctx<'a>(
    client: &'a mut SandboxChain,
    suite: &'a Deployed,
    token: &'a Token,
    signer: &'a Keypair,
    out: &'a mut dyn FnMut(&str),
) -> Ctx<'a, SandboxChain> {
    Ctx {
        client,
        suite,
        token,
        signer,
        confirm: Confirm::Yes,
        out,
    }
}

#[test]
fn a_council_and_a_reviewer_run_a_month_with_the_suite_commands() {
    crate::fixture::block_on(async {
        let (plan, mut client) = crate::fixture::example_on_sandbox();
        let d = deploy(&mut client, &plan, &mut |_| {})
            .await
            .expect("deploys");
        let token = plan.token.clone();
        let (alice, bob, charlie, eve, dave) = (
            key("//Alice"),
            key("//Bob"),
            key("//Charlie"),
            key("//Eve"),
            key("//Dave"),
        );
        let gov = ink_e2e::create_call_builder::<Governor>(d.governor);
        let mut pool = ink_e2e::create_call_builder::<RewardPool>(d.pool);
        let registry = ink_e2e::create_call_builder::<Registry>(d.registry);
        let mut out: Vec<String> = Vec::new();
        macro_rules! as_ {
            ($who:expr) => {
                &mut ctx(&mut client, &d, &token, &$who, &mut |l: &str| {
                    out.push(l.to_string())
                })
            };
        }
        macro_rules! count {
            () => {
                read(&mut client, &alice, &gov.proposal_count(), "count")
                    .await
                    .expect("count")
            };
        }

        // `suite proposals`: the deployment's bootstrap proposals, all executed, in words.
        let listed = council::proposals(as_!(alice), 50)
            .await
            .expect("proposals");
        assert!(!listed.is_empty());
        assert!(
            listed
                .iter()
                .all(|(_, _, line)| line.contains("— executed")),
            "{listed:?}"
        );
        assert!(
            listed
                .iter()
                .any(|(_, _, line)| line.contains("Fund 2026-11 with 84000.00 PHA")),
            "{listed:?}"
        );

        // A stranger's proposal is refused in the governor's terms; nothing is recorded.
        let before = count!();
        let refused = months::fund(as_!(dave), NOVEMBER_2026 + 1, UNIT, "https://forum/x")
            .await
            .unwrap_err();
        assert!(
            format!("{refused:#}").contains("NotCouncilMember"),
            "{refused:#}"
        );
        assert_eq!(count!(), before);

        // `suite fund`, `approve`, `execute`: refused inside the timelock, done after it,
        // refused a second time.
        let id = months::fund(
            as_!(alice),
            NOVEMBER_2026 + 1,
            1_000 * UNIT,
            "https://forum/fund-dec",
        )
        .await
        .expect("proposed");
        assert_eq!(id, before);
        assert!(
            out.iter()
                .any(|l| l.contains("propose: Fund 2026-12 with 1000.00 PHA")),
            "{out:?}"
        );
        council::act(as_!(bob), id, Vote::Approve)
            .await
            .expect("approved");
        let early = council::act(as_!(charlie), id, Vote::Execute)
            .await
            .unwrap_err();
        assert!(
            format!("{early:#}").contains("TimelockRunning"),
            "{early:#}"
        );
        assert_eq!(
            read(&mut client, &alice, &pool.month(NOVEMBER_2026 + 1), "m")
                .await
                .expect("m")
                .funded,
            0
        );
        // `suite execute --wait`: the clock moves to the timelock's end, then it executes.
        out.clear();
        council::act(as_!(charlie), id, Vote::ExecuteWhenReady)
            .await
            .expect("executed");
        assert!(
            out.iter()
                .any(|l| l.starts_with(&format!("proposal {id} can be executed in "))),
            "{out:?}"
        );
        // The receipt's events, decoded with each contract's metadata and named by the
        // contract that emitted them (the pool's `Funded`, not the bounty's namesake).
        let funded = format!(
            "event reward_pool: Funded {{ month: {}, ",
            NOVEMBER_2026 + 1
        );
        assert!(
            out.iter().any(|l| l.trim_start().starts_with(&funded)),
            "{out:?}"
        );
        assert!(
            out.iter().any(|l| l
                .trim_start()
                .starts_with(&format!("event governor: Executed {{ id: {id}, by: "))),
            "{out:?}"
        );
        assert_eq!(
            read(&mut client, &alice, &pool.month(NOVEMBER_2026 + 1), "m")
                .await
                .expect("m")
                .funded,
            1_000 * UNIT
        );
        let again = council::act(as_!(charlie), id, Vote::Execute)
            .await
            .unwrap_err();
        assert!(
            format!("{again:#}").contains("AlreadyExecuted"),
            "{again:#}"
        );
        assert_eq!(
            read(&mut client, &alice, &pool.month(NOVEMBER_2026 + 1), "m")
                .await
                .expect("m")
                .funded,
            1_000 * UNIT
        );

        // Four members report for November.
        let reporters = ["//Head", "//Senior1", "//Senior2", "//Ambassador1"];
        let mut ids = Vec::new();
        for uri in reporters {
            let k = key(uri);
            let me = ink::primitives::AccountId::from(k.public_key().0);
            ids.push(
                read(&mut client, &alice, &registry.member_id_of(me), "id")
                    .await
                    .expect("id")
                    .expect("member"),
            );
            let msg = pool.submit(
                NOVEMBER_2026,
                vec![Department::Marketing, Department::ContentCreation],
                vec![
                    Score {
                        effort: 12,
                        results: 10,
                    },
                    Score {
                        effort: 8,
                        results: 9,
                    },
                ],
                b"https://github.com/program/issues/1".to_vec(),
            );
            send(&mut client, &k, &msg, 0, "submit")
                .await
                .expect("submitted");
        }

        // After the deadline the reviewer writes the queue (`suite score --queue`), fills it
        // in and loads it back (`suite score --csv`). A bad sheet first: every problem by
        // line, nothing sent.
        let dates = read(
            &mut client,
            &alice,
            &pool.month_dates(NOVEMBER_2026),
            "dates",
        )
        .await
        .expect("dates")
        .expect("dates");
        Clock::Sandbox.set(dates.deadline);
        let queue = months::queue(as_!(eve), NOVEMBER_2026)
            .await
            .expect("queue");
        let rows: Vec<&str> = queue.lines().collect();
        assert_eq!(rows.len(), 1 + reporters.len(), "{queue}");
        assert!(rows[0].starts_with(
            "member,departments,suggested,evidence,late,basic_effort,basic_results,cm_effort"
        ));
        let filled = fill(&queue, |member| {
            if member == ids[1] {
                ("21", "x")
            } else {
                ("15", "12")
            }
        });
        let bad = format!("{filled}99,,,,,1,1,,,,,,,,,,,,,\r\n");
        let refused = months::score(as_!(eve), NOVEMBER_2026, &bad)
            .await
            .unwrap_err()
            .to_string();
        assert!(
            refused.contains("line 3") && refused.contains("\"x\" is not a whole number"),
            "{refused}"
        );
        assert!(
            refused.contains("line 6: member 99 has no report"),
            "{refused}"
        );
        for m in &ids {
            let entry = read(
                &mut client,
                &alice,
                &pool.submission(NOVEMBER_2026, *m),
                "entry",
            )
            .await
            .expect("entry")
            .expect("entry");
            assert!(entry.points.is_none(), "nothing was sent");
        }
        let good = fill(&queue, |_| ("15", "12"));
        assert_eq!(
            months::score(as_!(eve), NOVEMBER_2026, &good)
                .await
                .expect("scored"),
            reporters.len()
        );
        for m in &ids {
            let entry = read(
                &mut client,
                &alice,
                &pool.submission(NOVEMBER_2026, *m),
                "entry",
            )
            .await
            .expect("entry")
            .expect("entry");
            let points = entry.points.expect("scored").as_array();
            assert_eq!(points[Department::Basic as usize], 27);
            assert_eq!(points[Department::Marketing as usize], 27);
            assert_eq!(entry.reviews[0].reason_ref, b"checked".to_vec());
        }

        // `suite month finalize`: the pool and slices shown, then the same pool proposed,
        // approved and executed.
        Clock::Sandbox.set(dates.scores_final);
        let preview = read(
            &mut client,
            &alice,
            &pool.finalize_preview(NOVEMBER_2026),
            "pool",
        )
        .await
        .expect("pool")
        .expect("pool");
        out.clear();
        let id = months::finalize(as_!(alice), NOVEMBER_2026, "https://forum/finalize-nov")
            .await
            .expect("proposed");
        assert!(
            out.iter()
                .any(|l| l.starts_with("2026-11: pool 84000.00 PHA; shared out: Basic")),
            "{out:?}"
        );
        council::act(as_!(bob), id, Vote::Approve)
            .await
            .expect("approved");
        Clock::Sandbox.set(Clock::Sandbox.now() + plan.timelock_ms);
        council::act(as_!(charlie), id, Vote::Execute)
            .await
            .expect("executed");
        let state = read(&mut client, &alice, &pool.month(NOVEMBER_2026), "m")
            .await
            .expect("m");
        assert_eq!(state.finalized.expect("finalized").settlement.pool, preview);

        // `suite month sweep` while claims run: refused, nothing moves.
        let refused = months::sweep(as_!(dave), NOVEMBER_2026).await.unwrap_err();
        assert!(
            format!("{refused:#}").contains("ClaimWindowOpen"),
            "{refused:#}"
        );

        // `suite advance`: every member's November recorded once; a second run sends nothing.
        let recorded = months::advance(as_!(dave)).await.expect("advanced");
        assert_eq!(recorded, plan.members.len() as u32);
        assert_eq!(months::advance(as_!(dave)).await.expect("nothing left"), 0);

        // `suite retell`: every member told to the pool in one batch each (here one), by anyone.
        let told = months::retell(as_!(dave)).await.expect("retold");
        assert_eq!(told, plan.members.len() as u32);

        // `suite member rank`: proposed, approved, executed; the registry holds the rank.
        let action = member_action(MemberChange::Rank {
            member: ids[3],
            rank: "Senior".into(),
        })
        .expect("action");
        let id = council::propose(as_!(alice), action, "https://forum/rank")
            .await
            .expect("proposed");
        council::act(as_!(bob), id, Vote::Approve)
            .await
            .expect("approved");
        Clock::Sandbox.set(Clock::Sandbox.now() + plan.timelock_ms);
        council::act(as_!(charlie), id, Vote::Execute)
            .await
            .expect("executed");
        let member = read(&mut client, &alice, &registry.member(ids[3]), "member")
            .await
            .expect("member")
            .expect("member");
        assert_eq!(member.rank, Rank::Senior);

        // `suite cancel` by the proposer: cancelled; its execute is refused.
        let id = council::propose(
            as_!(alice),
            Action::FundBonusReserve { amount: UNIT },
            "https://forum/oops",
        )
        .await
        .expect("proposed");
        council::act(as_!(alice), id, Vote::Cancel)
            .await
            .expect("cancelled");
        let view = read(&mut client, &alice, &gov.proposal(id), "view")
            .await
            .expect("view")
            .expect("view");
        assert_eq!(view.state, ProposalState::Cancelled);
        assert!(council::act(as_!(charlie), id, Vote::Execute)
            .await
            .is_err());
        let _ = &mut pool;
    });
}

#[test]
fn a_curator_and_the_council_run_a_bounty_with_the_suite_commands() {
    crate::fixture::block_on(async {
        let (plan, mut client) = crate::fixture::example_on_sandbox();
        let d = deploy(&mut client, &plan, &mut |_| {})
            .await
            .expect("deploys");
        let token = plan.token.clone();
        let (alice, bob, charlie, dave) = (
            key("//Alice"),
            key("//Bob"),
            key("//Charlie"),
            key("//Dave"),
        );
        let member = key("//Ambassador1");
        let member_id = ink::primitives::AccountId::from(member.public_key().0);
        let calls = ink_e2e::create_call_builder::<bounty::Bounty>(d.bounty);
        let mut out: Vec<String> = Vec::new();
        macro_rules! as_ {
            ($who:expr) => {
                &mut ctx(&mut client, &d, &token, &$who, &mut |l: &str| {
                    out.push(l.to_string())
                })
            };
        }
        macro_rules! carry {
            ($id:expr) => {
                council::act(as_!(bob), $id, Vote::Approve)
                    .await
                    .expect("approved");
                Clock::Sandbox.set(Clock::Sandbox.now() + plan.timelock_ms);
                council::act(as_!(charlie), $id, Vote::Execute)
                    .await
                    .expect("executed");
            };
        }

        // `suite bounty propose` by its curator, from the command line's words.
        let spec = bounty_spec(
            ink::primitives::AccountId::from(dave.public_key().0),
            None,
            "https://forum/community-bounty".into(),
            "2026-11-01",
            "2026-11-30",
            &["weekly bounties=1000".into(), "events=500.5".into()],
            &[
                "https://forum/m1|2026-12-15|40".into(),
                "https://forum/m2|2027-01-31|60".into(),
            ],
            "2",
            12,
        )
        .expect("spec");
        assert_eq!(
            spec.period.0,
            Calendar::UtcMonths.start(NOVEMBER_2026).expect("start")
        );
        let id = ops::bounty::propose_bounty(as_!(dave), spec)
            .await
            .expect("proposed");
        let p = read(&mut client, &alice, &calls.proposal(id), "p")
            .await
            .expect("p")
            .expect("p");
        assert_eq!(p.total, 1_500 * UNIT + UNIT / 2);
        assert_eq!(p.fee_bps, 200);

        // `suite bounty approve`: the funding it asks (total + fee budget), approved, executed.
        let pid = ops::bounty::approve(as_!(alice), id, "https://forum/approve")
            .await
            .expect("proposed");
        assert!(
            out.iter()
                .any(|l| l.contains(&format!("propose: Approve bounty {id}, sending"))),
            "{out:?}"
        );
        carry!(pid);
        let p = read(&mut client, &alice, &calls.proposal(id), "p")
            .await
            .expect("p")
            .expect("p");
        assert_eq!(p.status, bounty::Status::Active);
        let again = ops::bounty::approve(as_!(alice), id, "x")
            .await
            .unwrap_err();
        assert!(
            format!("{again:#}").contains("not waiting for approval"),
            "{again:#}"
        );

        // The curator reports milestone 1; a stranger cannot; the council approves that report.
        let refused = ops::bounty::report(as_!(bob), id, 1, "https://forum/not-mine")
            .await
            .unwrap_err();
        assert!(format!("{refused:#}").contains("NotCurator"), "{refused:#}");
        ops::bounty::report(as_!(dave), id, 1, "https://forum/m1-report")
            .await
            .expect("reported");
        let pid = ops::bounty::decide(as_!(alice), id, 1, true, "delivered", "https://forum/m1")
            .await
            .expect("proposed");
        carry!(pid);
        let undecided = ops::bounty::decide(as_!(alice), id, 2, true, "x", "x")
            .await
            .unwrap_err();
        assert!(
            format!("{undecided:#}").contains("no report waits"),
            "{undecided:#}"
        );

        // Awards and a feed within what milestone 1 unlocked (40 % of the total).
        let award =
            ops::bounty::award(as_!(dave), id, 1, member_id, 100 * UNIT, "docs translation")
                .await
                .expect("awarded");
        let over = ops::bounty::award(as_!(dave), id, 1, member_id, 1_000 * UNIT, "too much")
            .await
            .unwrap_err();
        assert!(format!("{over:#}").contains("refused"), "{over:#}");
        ops::bounty::feed(as_!(dave), id, 2, NOVEMBER_2026 + 1, 50 * UNIT)
            .await
            .expect("fed");
        let shown = ops::bounty::show(as_!(alice), id).await.expect("shown");
        assert!(
            shown[0].starts_with(&format!(
                "bounty {id}: Active, total 1500.50 PHA, fee 2.00 %"
            )),
            "{shown:?}"
        );
        assert!(shown.iter().any(|l| l == "  line 1: weekly bounties — cap 1000.00 PHA, spent 100.00 PHA, left 900.00 PHA"), "{shown:?}");
        assert!(
            shown.iter().any(|l| l.starts_with(
                "  milestone 1: https://forum/m1 (40.00 %, due 2026-12-15) — Approved, report 1"
            )),
            "{shown:?}"
        );
        assert!(
            shown.iter().any(|l| l.starts_with(&format!(
                "  award {award}: 100.00 PHA from line 1 to member"
            ))),
            "{shown:?}"
        );

        // `suite bounty close`: refused while a milestone is undecided; after the council
        // rejects milestone 2's report, the fee on what was spent, the rest refunded.
        let early = ops::bounty::close(as_!(dave), id).await.unwrap_err();
        assert!(
            format!("{early:#}").contains("MilestonesUndecided"),
            "{early:#}"
        );
        ops::bounty::report(as_!(dave), id, 2, "https://forum/m2-report")
            .await
            .expect("reported");
        let pid = ops::bounty::decide(
            as_!(alice),
            id,
            2,
            false,
            "not delivered",
            "https://forum/m2",
        )
        .await
        .expect("proposed");
        carry!(pid);
        ops::bounty::close(as_!(dave), id).await.expect("closed");
        let p = read(&mut client, &alice, &calls.proposal(id), "p")
            .await
            .expect("p")
            .expect("p");
        assert_eq!(p.status, bounty::Status::Closed);
        assert_eq!(
            (p.spent, p.fed_to_pool),
            (150 * UNIT, 50 * UNIT),
            "spent counts what was fed"
        );
        assert_eq!(p.fee_paid, 3 * UNIT, "2 % of what was spent and fed");
    });
}

/// The queue sheet with every scored department's cells set to `cells(member)` and a reason.
fn fill(queue: &str, cells: impl Fn(u32) -> (&'static str, &'static str)) -> String {
    let mut reader = csv::Reader::from_reader(queue.as_bytes());
    let header = reader.headers().expect("header").clone();
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(&header).expect("header");
    for record in reader.records() {
        let record = record.expect("row");
        let member: u32 = record[0].parse().expect("member");
        let (effort, results) = cells(member);
        let row: Vec<String> = header
            .iter()
            .zip(record.iter())
            .map(|(h, c)| match (h, c) {
                (h, "") if h.ends_with("_effort") => effort.to_string(),
                (h, "") if h.ends_with("_results") => results.to_string(),
                ("reason", _) => "checked".to_string(),
                (_, c) => c.to_string(),
            })
            .collect();
        w.write_record(&row).expect("row");
    }
    String::from_utf8(w.into_inner().expect("csv")).expect("utf8")
}

#[test]
fn the_command_line_parses_its_examples_and_refuses_what_it_cannot_do() {
    let help = Cli::try_parse_from(["suite", "--help"])
        .unwrap_err()
        .to_string();
    let examples: Vec<&str> = help
        .lines()
        .filter(|l| l.trim_start().starts_with("suite "))
        .collect();
    assert!(examples.len() >= 8, "{help}");
    for line in examples {
        let args: Vec<&str> = line.split_whitespace().collect();
        Cli::try_parse_from(&args).unwrap_or_else(|e| panic!("{line}: {e}"));
    }
    for args in [
        "suite proposals --manifest m.json --limit 5",
        "suite propose --manifest m.json --description d bonus 12000",
        "suite propose --manifest m.json --description d reviewers --add 5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY",
        "suite propose --manifest m.json --description d pause pool",
        "suite propose --manifest m.json --description d cancel-award 3",
        "suite member --manifest m.json --description d suspend 4 --reason https://forum/why",
        "suite member --manifest m.json --description d induct 5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY Candidate --evidence https://x",
        "suite revoke 3 --manifest m.json --signer //Bob",
        "suite cancel 3 --manifest m.json",
        "suite month status 680 --manifest m.json",
        "suite month report 680 --manifest m.json --csv out.csv",
        "suite month sweep 680 --manifest m.json --yes",
        "suite advance --manifest m.json",
        "suite retell --manifest m.json --signer //Dave",
        "suite bounty --manifest m.json show 0",
        "suite bounty --manifest m.json propose --description d --from 2026-11-01 --to 2026-11-30 --line a=1 --milestone m|2026-12-01|100 --fee 2",
        "suite bounty --manifest m.json award 0 1 5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY 10 --memo x",
        "suite bounty --manifest m.json decide 0 1 --approve --reason ok --why https://forum",
    ] {
        Cli::try_parse_from(args.split_whitespace()).unwrap_or_else(|e| panic!("{args}: {e}"));
    }
    for (args, why) in [
        (
            "suite score 680 --csv a.csv --queue b.csv --manifest m.json",
            "cannot be used with",
        ),
        ("suite fund 680 84000 --manifest m.json", "--description"),
        ("suite approve --manifest m.json", "<ID>"),
        (
            "suite member --manifest m.json --description d suspend 4",
            "--reason",
        ),
    ] {
        let e = Cli::try_parse_from(args.split_whitespace())
            .unwrap_err()
            .to_string();
        assert!(e.contains(why), "{args}: {e}");
    }
    // Days, percents and bounty parts are read before anything is read from a chain.
    assert_eq!(day_ms("1970-01-02").expect("day"), 86_400_000);
    assert_eq!(
        day_ms("2026-11-01").expect("day"),
        Calendar::UtcMonths.start(NOVEMBER_2026).expect("start")
    );
    assert!(day_ms("2026-13-01").is_err() && day_ms("01-11-2026").is_err());
    assert_eq!(percent_bps("2.5").expect("percent"), 250);
    assert!(percent_bps("101").is_err() && percent_bps("2.555").is_err());
    let me = ink::primitives::AccountId::from([1; 32]);
    let e = bounty_spec(
        me,
        None,
        "d".into(),
        "2026-11-01",
        "2026-11-30",
        &["no cap".into()],
        &["m|2026-12-01|100".into()],
        "0",
        12,
    )
    .unwrap_err();
    assert!(format!("{e:#}").contains("name=cap"), "{e:#}");
    let e = bounty_spec(
        me,
        None,
        "d".into(),
        "2026-11-01",
        "2026-11-30",
        &["a=1".into()],
        &["m|100".into()],
        "0",
        12,
    )
    .unwrap_err();
    assert!(
        format!("{e:#}").contains("what|YYYY-MM-DD|percent"),
        "{e:#}"
    );
    // Ranks and addresses are checked before anything is read from a chain.
    let e = member_action(MemberChange::Rank {
        member: 1,
        rank: "Captain".into(),
    })
    .unwrap_err();
    assert!(format!("{e:#}").contains("unknown rank"), "{e:#}");
    let e = member_action(MemberChange::Induct {
        who: "nobody".into(),
        rank: "Candidate".into(),
        evidence: "x".into(),
    })
    .unwrap_err();
    assert!(format!("{e:#}").contains("neither a dev account"), "{e:#}");
}
