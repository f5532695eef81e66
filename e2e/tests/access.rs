//! The access matrix (issue 16, part 2): every message that changes state × every kind of caller,
//! each cell allowed or the exact error. The suite is set up once so that each message's access
//! check is reachable (month 0 in its review window, month 1 taking reports, an active bounty),
//! and every cell is a dry run on that state, so no cell changes what the next one sees.
//!
//! "Allowed" means the caller passes the message's access check: the call may still be refused
//! for another reason (nothing to claim yet, a zero payment), but not with the error that keeps
//! the callers out. A denied cell must return exactly the error in the table. The table is
//! printed (and written to `target/access-matrix.md`); README.md shows it.

use e2e::{account, id, AccountId, Suite, SuiteSpec, PERIOD, UNIT};
use governor::Action;
use registry::{AuthorisedCaller, Rank};
use reward_pool::{Department, Score};
use scale::Encode;
use std::fmt::Debug;
use std::fmt::Write as _;

/// Declares the caller roles once: the enum and the list of all of them, in table order.
macro_rules! roles {
    ($($role:ident),* $(,)?) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        enum Role {
            $($role),*
        }
        const ROLES: &[Role] = &[$(Role::$role),*];
    };
}

roles!(
    Governance,
    Reviewer,
    Candidate,
    Head,
    Suspended,
    Removed,
    OldWallet,
    Curator,
    Stranger,
    RegistryContract,
    PoolContract,
    BountyContract,
    OtherContract,
);

use Role::*;

const ALL: &[Role] = ROLES;
const MEMBERS: &[Role] = &[Candidate, Head];

const REVIEWER: u8 = 20;
const CURATOR: u8 = 21;
const STRANGER: u8 = 25;
const CANDIDATE: u8 = 40;
const HEAD: u8 = 41;
const SUSPENDED: u8 = 42;
const REMOVED: u8 = 43;
const OLD: u8 = 44;
const NEW: u8 = 45;

/// One message's row: who passes its access check, the error everyone else gets, and the
/// roles that get another error.
struct Row<E> {
    message: &'static str,
    args: Vec<u8>,
    allowed: &'static [Role],
    denied: E,
    otherwise: Vec<(Role, E)>,
}

fn row<E>(message: &'static str, args: impl Encode, allowed: &'static [Role], denied: E) -> Row<E> {
    Row {
        message,
        args: args.encode(),
        allowed,
        denied,
        otherwise: Vec::new(),
    }
}

impl<E> Row<E> {
    fn except(mut self, role: Role, error: E) -> Self {
        self.otherwise.push((role, error));
        self
    }
}

struct Matrix {
    suite: Suite,
    token: AccountId,
    table: String,
    /// The same table by message: who passes, what everyone else gets, the exceptions.
    summary: String,
    failures: Vec<String>,
}

fn s(effort: u8, results: u8) -> Score {
    Score { effort, results }
}

impl Matrix {
    fn caller(&self, role: Role) -> AccountId {
        match role {
            Governance => self.suite.governor.clone(),
            Reviewer => account(REVIEWER),
            Candidate => account(CANDIDATE),
            Head => account(HEAD),
            Suspended => account(SUSPENDED),
            Removed => account(REMOVED),
            OldWallet => account(OLD),
            Curator => account(CURATOR),
            Stranger => account(STRANGER),
            RegistryContract => self.suite.registry.clone(),
            PoolContract => self.suite.pool.clone(),
            BountyContract => self.suite.bounty.clone(),
            OtherContract => self.token.clone(),
        }
    }

    /// Calls every cell of `rows` on `contract` and records the table and any difference.
    fn check<E: Encode + Debug>(&mut self, name: &str, contract: &AccountId, rows: Vec<Row<E>>) {
        for row in rows {
            let mut cells = Vec::new();
            for &role in ROLES {
                let by = self.caller(role);
                let answer =
                    self.suite
                        .chain
                        .dry_call_raw(contract, &by, row.message, &RawArgs(&row.args));
                let expected = row
                    .otherwise
                    .iter()
                    .find(|(r, _)| *r == role)
                    .map(|(_, e)| e)
                    .unwrap_or(&row.denied);
                let refusal = |e: &E| {
                    let mut bytes = vec![1u8];
                    bytes.extend(e.encode());
                    bytes
                };
                let cell = format!("{name}.{} by {role:?}", row.message);
                match answer {
                    None => self.failures.push(format!("{cell}: trapped")),
                    Some(bytes) if row.allowed.contains(&role) => {
                        let kept_out = bytes == refusal(&row.denied)
                            || row.otherwise.iter().any(|(_, e)| bytes == refusal(e));
                        if kept_out {
                            self.failures.push(format!(
                                "{cell}: allowed, but refused with the access error"
                            ));
                        }
                    }
                    Some(bytes) => {
                        if bytes != refusal(expected) {
                            self.failures
                                .push(format!("{cell}: expected {expected:?}, answered {bytes:?}"));
                        }
                    }
                }
                cells.push(if row.allowed.contains(&role) {
                    "✓".to_string()
                } else {
                    format!("{expected:?}")
                });
            }
            let _ = writeln!(
                self.table,
                "| {name}.{} | {} |",
                row.message,
                cells.join(" | ")
            );
            let allowed = if row.allowed.len() == ROLES.len() {
                "anyone".to_string()
            } else if row.allowed.is_empty() {
                "only the account governance is being handed to".to_string()
            } else {
                let names: Vec<String> = row.allowed.iter().map(|r| format!("{r:?}")).collect();
                names.join(", ")
            };
            let others = if row.allowed.len() == ROLES.len() {
                "–".to_string()
            } else {
                format!("`{:?}`", row.denied)
            };
            let exceptions: Vec<String> = row
                .otherwise
                .iter()
                .map(|(r, e)| format!("{r:?}: `{e:?}`"))
                .collect();
            let _ = writeln!(
                self.summary,
                "| {name}.{} | {allowed} | {others} | {} |",
                row.message,
                exceptions.join("; ")
            );
        }
    }
}

/// Arguments already encoded, passed on as they are.
struct RawArgs<'a>(&'a [u8]);

impl Encode for RawArgs<'_> {
    fn size_hint(&self) -> usize {
        self.0.len()
    }
    fn encode_to<O: scale::Output + ?Sized>(&self, dest: &mut O) {
        dest.write(self.0)
    }
}

fn setup() -> Matrix {
    let mut spec = SuiteSpec::small();
    spec.reviewers = vec![REVIEWER];
    let mut suite = Suite::deploy(spec);
    for (seed, rank) in [
        (CANDIDATE, Rank::Candidate),
        (HEAD, Rank::Head),
        (SUSPENDED, Rank::Ambassador),
        (REMOVED, Rank::Ambassador),
        (OLD, Rank::Ambassador),
    ] {
        suite.chain.fund(&account(seed), 1_000 * UNIT);
        suite.induct(seed, rank);
    }
    suite
        .govern(Action::Suspend {
            member: 2,
            reason_ref: b"forum".to_vec(),
        })
        .expect("suspend");
    suite
        .govern(Action::RemoveMember {
            member: 3,
            reason_ref: b"forum".to_vec(),
        })
        .expect("remove");
    let registry = suite.registry.clone();
    let r: registry::Result<()> =
        suite
            .chain
            .call(&registry, &account(OLD), "propose_wallet", id(NEW));
    r.expect("propose wallet");
    let r: registry::Result<()> = suite
        .chain
        .call(&registry, &account(NEW), "accept_wallet", 4u32);
    r.expect("accept wallet");
    // Month 0: the Candidate reports; then to month 0's review window, month 1 taking reports.
    let start = suite.spec.calendar.start(0).expect("month 0");
    suite.chain.set_time(start + 10);
    let pool = suite.pool.clone();
    let r: reward_pool::Result<()> = suite.chain.call(
        &pool,
        &account(CANDIDATE),
        "submit",
        (
            0u32,
            vec![Department::CommunityManagement, Department::Marketing],
            vec![s(15, 12); 2],
            b"github.com/x/1".to_vec(),
        ),
    );
    r.expect("submit month 0");
    suite.chain.set_time(start + PERIOD + 150_000);
    // An active bounty with the curator.
    let now = suite.chain.time();
    let p = suite
        .propose_bounty(
            STRANGER,
            CURATOR,
            1_000 * UNIT,
            (now, now + 10 * PERIOD),
            now + PERIOD,
        )
        .expect("bounty proposal");
    suite
        .govern(Action::ApproveBounty {
            id: p,
            funding: 1_010 * UNIT,
        })
        .expect("approve bounty");
    let deployer = account(1);
    let token = suite
        .chain
        .deploy::<_, ()>("reference_token", &deployer, "new", 1_000 * UNIT, b"")
        .expect("an unrelated contract");
    // Contract accounts as callers pay their calls' storage deposits, like any caller.
    for contract in [
        suite.registry.clone(),
        suite.pool.clone(),
        suite.bounty.clone(),
        token.clone(),
    ] {
        suite.chain.fund(&contract, 100 * UNIT);
    }
    Matrix {
        suite,
        token,
        table: String::new(),
        summary: String::new(),
        failures: Vec::new(),
    }
}

#[test]
fn every_message_lets_in_exactly_who_it_names() {
    let mut m = setup();
    let gov: &[Role] = &[Governance];
    let (pool, registry, bounty) = (
        m.suite.pool.clone(),
        m.suite.registry.clone(),
        m.suite.bounty.clone(),
    );
    let header: Vec<String> = ROLES.iter().map(|r| format!("{r:?}")).collect();
    let _ = writeln!(m.table, "| message | {} |", header.join(" | "));
    let _ = writeln!(m.table, "|---|{}", "---|".repeat(ROLES.len()));

    use reward_pool::Error as P;
    let report = (
        1u32,
        vec![Department::CommunityManagement, Department::Marketing],
        vec![s(15, 12); 2],
        b"github.com/x/2".to_vec(),
    );
    let entries = vec![(
        0u32,
        vec![
            (Department::CommunityManagement, s(10, 10)),
            (Department::Marketing, s(10, 10)),
        ],
        b"ok".to_vec(),
    )];
    let config: reward_pool::Config = m.suite.chain.call(&pool, &account(STRANGER), "config", ());
    let pool_rows = vec![
        row("fund", 1u32, &[Governance, BountyContract], P::NotFunder),
        row("fund_bonus_reserve", (), gov, P::NotGovernance),
        row(
            "submit",
            report,
            MEMBERS,
            P::Registry(registry::Error::NotMember),
        )
        .except(Suspended, P::Registry(registry::Error::Suspended))
        .except(
            Removed,
            P::Registry(registry::Error::Rule(reward_pool::RuleError::MemberHasLeft)),
        ),
        row("score", (0u32, entries), &[Reviewer], P::NotReviewer),
        row("finalize", (0u32, 0u128), gov, P::NotGovernance),
        row(
            "claim",
            vec![0u32],
            &[Candidate, Head, Suspended, Removed],
            P::NotMember,
        ),
        row("advance", vec![0u32], ALL, P::NotGovernance),
        row("sweep", 0u32, ALL, P::NotGovernance),
        row("set_config", config, gov, P::NotGovernance),
        row(
            "set_reviewers",
            (vec![id(STRANGER)], Vec::<ink::primitives::AccountId>::new()),
            gov,
            P::NotGovernance,
        ),
        row("set_funder", Some(id(STRANGER)), gov, P::NotGovernance),
        row("wind_down", (), gov, P::NotGovernance),
        row("release", (), gov, P::NotGovernance),
        row("pause", (), gov, P::NotGovernance),
        row("unpause", (), gov, P::NotGovernance),
        row(
            "set_code",
            ink::primitives::Hash::from([7; 32]),
            gov,
            P::NotGovernance,
        ),
        row("propose_governance", id(STRANGER), gov, P::NotGovernance),
        row("accept_governance", (), &[], P::NotPendingGovernance),
        row(
            "wallet_moved",
            (0u32, None::<ink::primitives::AccountId>, id(STRANGER)),
            &[RegistryContract],
            P::NotRegistry,
        ),
        row("forget_wallets", (), &[RegistryContract], P::NotRegistry),
        row(
            "standing_changed",
            (0u32, reward_pool::Rank::Senior, reward_pool::Status::Active),
            &[RegistryContract],
            P::NotRegistry,
        ),
        row(
            "members_told",
            Vec::<registry::MemberCopy>::new(),
            &[RegistryContract],
            P::NotRegistry,
        ),
    ];
    m.check("pool", &pool, pool_rows);

    use registry::Error as R;
    let registry_rows = vec![
        row(
            "apply",
            b"github.com/me".to_vec(),
            &[
                Governance,
                Reviewer,
                Curator,
                Stranger,
                RegistryContract,
                PoolContract,
                BountyContract,
                OtherContract,
            ],
            R::AlreadyMember,
        )
        .except(OldWallet, R::WalletInUse),
        row(
            "induct",
            (id(STRANGER), Rank::Candidate, b"x".to_vec()),
            gov,
            R::NotGovernance,
        ),
        row(
            "accept_application",
            (id(STRANGER), Rank::Candidate, 0u64),
            gov,
            R::NotGovernance,
        ),
        row(
            "reject_application",
            (id(STRANGER), 0u64, b"x".to_vec()),
            gov,
            R::NotGovernance,
        ),
        row("set_rank", (0u32, Rank::Ambassador), gov, R::NotGovernance),
        row("suspend", (0u32, b"x".to_vec()), gov, R::NotGovernance),
        row("unsuspend", 2u32, gov, R::NotGovernance),
        row("remove", (0u32, b"x".to_vec()), gov, R::NotGovernance),
        row(
            "retire",
            (),
            &[Candidate, Head, Suspended, Removed],
            R::NotMember,
        ),
        row(
            "propose_wallet",
            id(99),
            &[Candidate, Head, Suspended, Removed],
            R::NotMember,
        ),
        row(
            "withdraw_wallet",
            0u32,
            &[Governance, Candidate],
            R::NotMemberNorGovernance,
        ),
        row(
            "record_months",
            vec![(0u32, 0u32, vec![5_000u32])],
            &[PoolContract],
            R::NotAuthorisedCaller,
        ),
        row(
            "record_contribution",
            (0u32, 0u32, 1u128, b"x".to_vec()),
            &[BountyContract],
            R::NotAuthorisedCaller,
        ),
        row(
            "reverse_contribution",
            (0u32, 0u32, 1u128, b"x".to_vec()),
            &[BountyContract],
            R::NotAuthorisedCaller,
        ),
        row("retell", (0u32, 5u32), ALL, R::NotGovernance),
        row(
            "set_authorised",
            (AuthorisedCaller::RewardPool, Some(id(STRANGER))),
            gov,
            R::NotGovernance,
        ),
        row("pause", (), gov, R::NotGovernance),
        row("unpause", (), gov, R::NotGovernance),
        row(
            "set_code",
            ink::primitives::Hash::from([7; 32]),
            gov,
            R::NotGovernance,
        ),
        row("propose_governance", id(STRANGER), gov, R::NotGovernance),
        row("accept_governance", (), &[], R::NotPendingGovernance),
    ];
    m.check("registry", &registry, registry_rows);

    use bounty::Error as B;
    let curator: &[Role] = &[Curator];
    let bounty_rows = vec![
        row("approve_and_fund", 0u32, gov, B::NotGovernance),
        row("reject", (0u32, b"x".to_vec()), gov, B::NotGovernance),
        row(
            "submit_report",
            (0u32, 0u8, b"report".to_vec()),
            curator,
            B::NotCurator,
        ),
        row(
            "decide_milestone",
            (0u32, 0u8, 1u32, true, b"ok".to_vec()),
            gov,
            B::NotGovernance,
        ),
        row(
            "award",
            (0u32, 0u8, id(CANDIDATE), UNIT, b"memo".to_vec()),
            curator,
            B::NotCurator,
        ),
        row("feed_pool", (0u32, 0u8, 1u32, UNIT), curator, B::NotCurator),
        row(
            "close",
            0u32,
            &[Governance, Curator],
            B::NotCuratorOrGovernance,
        ),
        row("claim_fee", 0u32, curator, B::NotCurator),
        row("cancel", 0u32, gov, B::NotGovernance),
        row("cancel_award", 0u32, gov, B::NotGovernance),
        row("set_curator", (0u32, id(STRANGER)), gov, B::NotGovernance),
        row("pause", (), gov, B::NotGovernance),
        row("unpause", (), gov, B::NotGovernance),
        row(
            "set_code",
            ink::primitives::Hash::from([7; 32]),
            gov,
            B::NotGovernance,
        ),
        row("propose_governance", id(STRANGER), gov, B::NotGovernance),
        row("accept_governance", (), &[], B::NotPendingGovernance),
    ];
    m.check("bounty", &bounty, bounty_rows);

    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target");
    let _ = std::fs::create_dir_all(&dir);
    let _ = std::fs::write(dir.join("access-matrix.md"), &m.table);
    let _ = std::fs::write(dir.join("access-summary.md"), &m.summary);
    eprintln!("{}", m.table);
    assert!(
        m.failures.is_empty(),
        "{} cells differ from the table:\n{}",
        m.failures.len(),
        m.failures.join("\n")
    );
}
