//! Bad configs stop before any transaction, each with a message naming its field; the shipped
//! examples pass.

use deploy::config::{amount, Config, ConfigError, Target};
use registry::Rank;

const SANDBOX: &str = include_str!("../config/sandbox.toml");
const NODE: &str = include_str!("../config/local-node.toml");

/// The sandbox example with `from` replaced by `to` (which must occur).
fn with(from: &str, to: &str) -> String {
    assert!(SANDBOX.contains(from), "the example has no `{from}`");
    SANDBOX.replacen(from, to, 1)
}

fn refused(text: &str) -> ConfigError {
    Config::parse(text).expect_err("the config must be refused")
}

#[test]
fn the_examples_pass() {
    let plan = Config::parse(SANDBOX).expect("sandbox example");
    assert_eq!(plan.target, Target::Sandbox);
    assert_eq!(plan.council.len(), 3);
    assert_eq!(plan.threshold, 2);
    assert_eq!(plan.members.len(), 10);
    assert_eq!(plan.members[0].1, Rank::Head);
    assert_eq!(plan.pool.base, 84_000 * 10u128.pow(12));
    // Head, two Seniors and five Ambassadors are already paid for by the base.
    assert_eq!(plan.pool.ambassador_baseline, 8);
    assert_eq!(plan.governor_deposit, 300_000 * 10u128.pow(12));
    let node = Config::parse(NODE).expect("node example");
    assert_eq!(node.target, Target::Node("ws://127.0.0.1:9944".into()));
}

#[test]
fn weights_must_sum_to_whole() {
    let e = refused(&with("others = 500", "others = 400"));
    assert_eq!(e.field, "program.weights");
    assert!(e.problem.contains("9900"), "{e}");
    assert!(
        e.to_string().starts_with("config field `program.weights`"),
        "{e}"
    );
}

#[test]
fn a_payout_delay_within_the_timelock_is_refused() {
    // Governance could never cancel an award in time: the cancel runs after the timelock.
    let e = refused(&with(
        "payout_delay_ms = 604_800_000",
        "payout_delay_ms = 86_400_000",
    ));
    assert_eq!(e.field, "program.payout_delay_ms");
    assert!(e.problem.contains("PayoutDelayWithinTimelock"), "{e}");
}

#[test]
fn a_claim_window_shorter_than_a_day_is_refused_on_calendar_months() {
    let e = refused(&with("claim_ms = 15_552_000_000", "claim_ms = 3_600_000"));
    assert_eq!(e.field, "program.claim_ms");
    assert!(e.problem.contains("WindowTooShort"), "{e}");
}

#[test]
fn unknown_rank_is_named() {
    let e = refused(&with("rank = \"Senior\"", "rank = \"General\""));
    assert_eq!(e.field, "members[1].rank");
    assert!(e.problem.contains("General"), "{e}");
}

#[test]
fn head_cap_is_enforced_on_initial_members() {
    let e = refused(&with("rank = \"Senior\"", "rank = \"Head\""));
    assert_eq!(e.field, "members[1].rank");
}

#[test]
fn accounts_must_resolve() {
    let e = refused(&with(
        "treasury = \"//Ferdie\"",
        "treasury = \"not-an-address\"",
    ));
    assert_eq!(e.field, "treasury");
    let e = refused(&with(
        "signer = \"//Alice\"",
        "signer = \"env:SUITE_TEST_UNSET_VARIABLE\"",
    ));
    assert_eq!(e.field, "signer");
    assert!(e.problem.contains("SUITE_TEST_UNSET_VARIABLE"), "{e}");
    // An address is an account, but the tool cannot sign with it.
    let e = refused(&with(
        "signer = \"//Alice\"",
        "signer = \"5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY\"",
    ));
    assert_eq!(e.field, "signer");
}

#[test]
fn council_rules_are_the_governors() {
    let e = refused(&with("threshold = 2", "threshold = 4"));
    assert_eq!(e.field, "governance.threshold");
    let e = refused(&with("threshold = 2", "threshold = 0"));
    assert_eq!(e.field, "governance.threshold");
    let e = refused(&with("expiry_ms = 1_209_600_000", "expiry_ms = 1_000"));
    assert_eq!(e.field, "governance.expiry_ms");
    let e = refused(&with("\"//Bob\", \"//Charlie\"", "\"//Bob\", \"//Alice\""));
    assert_eq!(e.field, "governance.council[2]");
    let e = refused(&with(
        "council = [\"//Alice\", \"//Bob\", \"//Charlie\"]",
        "account = \"//Alice\"",
    ));
    assert_eq!(e.field, "governance");
}

#[test]
fn one_account_is_a_council_of_one_without_timelock() {
    let text = with(
        "council = [\"//Alice\", \"//Bob\", \"//Charlie\"]\nthreshold = 2\ntimelock_ms = 86_400_000      # one day between approval and execution",
        "account = \"//Alice\"",
    );
    let plan = Config::parse(&text).expect("plain account");
    assert_eq!(plan.council.len(), 1);
    assert_eq!((plan.threshold, plan.timelock_ms), (1, 0));
}

#[test]
fn program_parameters_are_checked_by_the_rules() {
    let e = refused(&with("gate_bps = 0", "gate_bps = 10001"));
    assert_eq!(e.field, "program.gate_bps");
    let e = refused(&with("max_evidence_len = 128", "max_evidence_len = 0"));
    assert_eq!(e.field, "program.max_evidence_len");
    let e = refused(&with("head_cap = 1", "head_cap = 0"));
    assert_eq!(e.field, "program.head_cap");
    let e = refused(&with("to_senior_bps = 9000", "to_senior_bps = 12000"));
    assert!(e.field.starts_with("program"), "{e}");
    let e = refused(&NODE.replacen("period_ms = 20_000", "period_ms = 0", 1));
    assert_eq!(e.field, "program.calendar.period_ms");
}

#[test]
fn target_and_typos_are_refused() {
    let e = refused(&with(
        "target = \"sandbox\"",
        "target = \"http://localhost\"",
    ));
    assert_eq!(e.field, "target");
    let e = refused(&with("head_cap = 1", "head_cap = 1\nhead_kap = 2"));
    assert_eq!(e.field, "toml");
    assert!(e.problem.contains("head_kap"), "{e}");
}

#[test]
fn funding_must_be_covered_by_the_deposit() {
    let e = refused(&with(
        "governor_deposit = \"300000\"",
        "governor_deposit = \"100000\"",
    ));
    assert_eq!(e.field, "funding.governor_deposit");
    let e = refused(&with(
        "bonus_reserve = \"24000\"",
        "bonus_reserve = \"24k\"",
    ));
    assert_eq!(e.field, "funding.bonus_reserve");
}

#[test]
fn amounts_are_exact_in_smallest_units() {
    assert_eq!(amount("f", "84000", 12), Ok(84_000_000_000_000_000));
    assert_eq!(amount("f", "0.25", 12), Ok(250_000_000_000));
    assert_eq!(amount("f", "1.5", 0).unwrap_err().field, "f");
    assert!(amount("f", "", 12).is_err());
    assert!(amount("f", "1e3", 12).is_err());
    assert!(amount("f", "340282366920938463463374607431768211455", 12).is_err());
}
