//! The program as a lead and its contributors live it, on the whole suite (governor, registry,
//! reward pool, bounty): the V.4 roster (1 Head, 7 Seniors, 12 Ambassadors, 6 Candidates), four
//! months of submissions, reviews, governor finalization and claims, a Candidate cohort promoted
//! and growing the pool, a treasury-proposal-#4 bounty feeding the pool, and at the end every
//! token funded accounted for to the smallest unit.
//!
//! Expected amounts come from [`Sheet`], an independent re-computation of what the program lead's
//! spreadsheet does (slices by department weight, shares by points, rounded down), not from the
//! rules crate the contracts use.

use e2e::{account, id, Suite, SuiteSpec, PERIOD, UNIT};
use governor::Action;
use registry::Rank;
use reward_pool::{Department, Department::*, Score, Weights};
use std::collections::BTreeMap;

const HEAD: u8 = 40;
const SENIORS: std::ops::RangeInclusive<u8> = 41..=47;
const AMBASSADORS: std::ops::RangeInclusive<u8> = 48..=59;
/// Candidates 60..=64 keep ≥ 65% for three months; 65 drops to 50% in month 1.
const PROMOTED: std::ops::RangeInclusive<u8> = 60..=64;
const SLOW_CANDIDATE: u8 = 65;
/// An Ambassador who submits month 0 and never claims it in time.
const LAZY: u8 = 50;
/// A Senior who replaces its month-1 submission.
const REPLACER: u8 = 45;
/// A Senior who submits month 2 too late.
const LATE: u8 = 47;
/// Seniors who claim two months at a time.
const BATCHED: [u8; 3] = [41, 42, 43];
const REVIEWER: u8 = 20;
const CURATOR: u8 = 5;
const OUTSIDE_EDUCATOR: u8 = 28;
const TREASURY: u8 = 30;
const ANYONE: u8 = 25;

const BASE: u128 = 84_000 * UNIT;
const STEP: u128 = 21_000 * UNIT;
const HEAD_BONUS: u128 = 4_000 * UNIT;
const SENIOR_BONUS: u128 = 2_000 * UNIT;
const WEEKLY_FEED: u128 = 3_000 * UNIT;
const MONTHS: u32 = 4;

fn members() -> Vec<u8> {
    (HEAD..=SLOW_CANDIDATE).collect()
}

fn rank_of(seed: u8) -> Rank {
    match seed {
        HEAD => Rank::Head,
        s if SENIORS.contains(&s) => Rank::Senior,
        s if AMBASSADORS.contains(&s) => Rank::Ambassador,
        _ => Rank::Candidate,
    }
}

/// Member ids follow induction order.
fn member_id(seed: u8) -> u32 {
    u32::from(seed - HEAD)
}

const CHOOSABLE: [Department; 5] = [
    CommunityManagement,
    Marketing,
    ContentCreation,
    BusinessDevelopment,
    TechAssistance,
];

/// Two departments for even seeds, three for odd ones.
fn departments(seed: u8) -> Vec<Department> {
    let s = usize::from(seed);
    if s % 2 == 0 {
        vec![CHOOSABLE[s % 5], CHOOSABLE[(s + 1) % 5]]
    } else {
        vec![
            CHOOSABLE[s % 5],
            CHOOSABLE[(s + 2) % 5],
            CHOOSABLE[(s + 4) % 5],
        ]
    }
}

/// The reviewer's final scores for `seed` in `month`: each chosen department, Basic, and Others
/// for every third seed. Ambassadors and up stay below 90% (no Senior promotion); the promoted
/// Candidates stay at or above 65%.
fn review(seed: u8, month: u32) -> Vec<(Department, Score)> {
    let (s, m) = (u32::from(seed), month);
    let mut out = vec![(
        Basic,
        Score {
            effort: (10 + (s + m) % 10) as u8,
            results: (10 + (3 * s + m) % 10) as u8,
        },
    )];
    for (j, d) in departments(seed).into_iter().enumerate() {
        let j = j as u32;
        let score = if rank_of(seed) == Rank::Candidate {
            if seed == SLOW_CANDIDATE && month == 1 {
                Score {
                    effort: 10,
                    results: 10,
                }
            } else {
                Score {
                    effort: (14 + (s + m + j) % 5) as u8,
                    results: (13 + (s * m + j) % 5) as u8,
                }
            }
        } else {
            Score {
                effort: (10 + (3 * s + 5 * m + j) % 9) as u8,
                results: (8 + (7 * s + m + 2 * j) % 10) as u8,
            }
        };
        out.push((d, score));
    }
    if seed % 3 == 0 {
        out.push((
            Others,
            Score {
                effort: 5,
                results: (s % 7) as u8,
            },
        ));
    }
    out
}

fn points(scores: &[(Department, Score)]) -> [u64; 7] {
    let mut p = [0u64; 7];
    for (d, s) in scores {
        p[*d as usize] = u64::from(s.effort + s.results);
    }
    p
}

/// One month of the lead's spreadsheet.
#[derive(Default)]
struct SheetMonth {
    funded: u128,
    carry_in: u128,
    /// What bounty budget lines fed into the month: it enlarges the pool.
    fed: u128,
    pool: u128,
    points: BTreeMap<u8, [u64; 7]>,
    ranks: BTreeMap<u8, Rank>,
    slices: [u128; 7],
    totals: [u64; 7],
    paid: u128,
    bonus_paid: u128,
    distributable: u128,
}

impl SheetMonth {
    /// The split: the pool is base + growth + carry-in + what budget lines fed in; each
    /// department with points gets ⌊pool × weight / 10,000⌋; the rest of the funding carries
    /// forward.
    fn settle(&mut self, base_and_growth: u128) -> u128 {
        self.pool = base_and_growth + self.carry_in + self.fed;
        let weights = Weights::v4().as_array();
        for p in self.points.values() {
            for d in 0..7 {
                self.totals[d] += p[d];
            }
        }
        for d in 0..7 {
            if self.totals[d] > 0 {
                self.slices[d] = self.pool * u128::from(weights[d]) / 10_000;
            }
        }
        self.distributable = self.slices.iter().sum();
        self.funded - self.distributable
    }

    /// A member's reward, department by department, rounded down; plus its rank bonus.
    fn due(&self, seed: u8) -> u128 {
        let p = self.points[&seed];
        let reward: u128 = (0..7)
            .filter(|d| p[*d] > 0)
            .map(|d| self.slices[d] * u128::from(p[d]) / u128::from(self.totals[d]))
            .sum();
        reward + self.bonus(seed)
    }

    /// The rank bonus, for a month that counts (every month here is scored above 0%).
    fn bonus(&self, seed: u8) -> u128 {
        match self.ranks[&seed] {
            Rank::Head => HEAD_BONUS,
            Rank::Senior => SENIOR_BONUS,
            _ => 0,
        }
    }
}

struct Program {
    suite: Suite,
    sheet: Vec<SheetMonth>,
    paid_to_members: u128,
}

impl Program {
    fn pool_call<A: scale::Encode, T: scale::Decode>(&mut self, by: u8, msg: &str, args: A) -> T {
        self.suite.call_pool(by, msg, args)
    }

    fn bounty_call<A: scale::Encode, T: scale::Decode>(&mut self, by: u8, msg: &str, args: A) -> T {
        self.suite.call_bounty(by, msg, args)
    }

    fn registry_call<A: scale::Encode, T: scale::Decode>(&mut self, msg: &str, args: A) -> T {
        self.suite.call_registry(ANYONE, msg, args)
    }

    /// Moves the clock to `t` unless it is already later (it never runs backwards).
    fn at_least(&mut self, t: u64) {
        if self.suite.chain.time() < t {
            self.suite.chain.set_time(t);
        }
    }

    fn govern(&mut self, action: Action) {
        self.suite.govern(action.clone()).unwrap_or_else(|e| {
            panic!("governor refused {action:?}: {e:?}");
        });
    }

    fn submit(&mut self, seed: u8, month: u32, depts: Vec<Department>) -> reward_pool::Result<()> {
        let suggested = vec![
            Score {
                effort: 15,
                results: 15
            };
            depts.len()
        ];
        self.pool_call(
            seed,
            "submit",
            (month, depts, suggested, b"github.com/issue".to_vec()),
        )
    }

    /// `seed` claims `months` at once and receives exactly what the sheet says.
    fn claim(&mut self, seed: u8, months: &[u32]) {
        let expected: u128 = months
            .iter()
            .map(|m| self.sheet[*m as usize].due(seed))
            .sum();
        let before = self.suite.chain.balance(&account(seed));
        let r: reward_pool::Result<u128> = self.pool_call(seed, "claim", months.to_vec());
        assert_eq!(r, Ok(expected), "claim of {seed} for {months:?}");
        assert_eq!(
            self.suite.chain.received(&account(seed), before),
            expected as i128
        );
        for m in months {
            let sheet = &mut self.sheet[*m as usize];
            let bonus = sheet.bonus(seed);
            sheet.paid += sheet.due(seed) - bonus;
            sheet.bonus_paid += bonus;
        }
        self.paid_to_members += expected;
    }

    fn month_state(&mut self, month: u32) -> reward_pool::MonthState {
        self.pool_call(ANYONE, "month", month)
    }

    fn rank(&mut self, seed: u8) -> Rank {
        let m: Option<registry::Member> = self.registry_call("member", member_id(seed));
        m.expect("member").rank
    }

    /// Who submits in `month`: everyone, but the lazy Ambassador only in month 0 and the late
    /// Senior not in month 2.
    fn submitters(month: u32) -> Vec<u8> {
        members()
            .into_iter()
            .filter(|s| *s != LAZY || month == 0)
            .filter(|s| *s != LATE || month != 2)
            .collect()
    }

    /// Runs `month` from funding to finalization through the governor.
    fn run_month(&mut self, month: u32, funding: u128, feed: bool) {
        let cal = self.suite.spec.calendar;
        let windows = self.suite.spec.config.windows;
        self.at_least(cal.start(month).unwrap() + 1_000);
        self.govern(Action::FundMonth {
            month,
            amount: funding,
        });
        self.sheet[month as usize].funded += funding;
        if feed {
            let r: bounty::Result<()> =
                self.bounty_call(CURATOR, "feed_pool", (0u32, 0u8, month, WEEKLY_FEED));
            r.expect("weekly line feeds the pool");
            self.sheet[month as usize].funded += WEEKLY_FEED;
            self.sheet[month as usize].fed += WEEKLY_FEED;
        }
        for seed in Self::submitters(month) {
            if seed == REPLACER && month == 1 {
                // First a draft, then the real report: the second replaces the first.
                self.submit(seed, month, vec![Marketing, Others])
                    .expect_err("Others is not choosable");
                self.submit(seed, month, vec![Marketing, ContentCreation])
                    .expect("draft");
            }
            self.submit(seed, month, departments(seed))
                .unwrap_or_else(|e| panic!("{seed} submits {month}: {e:?}"));
        }
        let replaced: Option<reward_pool::Submission> =
            self.pool_call(ANYONE, "submission", (1u32, member_id(REPLACER)));
        if month == 1 {
            let replaced = replaced.expect("replaced submission");
            assert_eq!(
                replaced.departments.len(),
                departments(REPLACER).len() as u32
            );
        }
        self.at_least(cal.submission_deadline(month).unwrap());
        if month == 2 {
            assert_eq!(
                self.submit(LATE, month, departments(LATE)),
                Err(reward_pool::Error::SubmissionClosed)
            );
        }
        let batch: Vec<reward_pool::ScoreEntry> = Self::submitters(month)
            .into_iter()
            .map(|s| (member_id(s), review(s, month), b"checked".to_vec()))
            .collect();
        let r: reward_pool::Result<()> = self.pool_call(REVIEWER, "score", (month, batch));
        r.expect("scores");
        {
            let sheet = &mut self.sheet[month as usize];
            for s in Self::submitters(month) {
                sheet.points.insert(s, points(&review(s, month)));
                sheet.ranks.insert(
                    s,
                    if PROMOTED.contains(&s) && month == 3 {
                        // Promoted before submitting month 3.
                        Rank::Ambassador
                    } else {
                        rank_of(s)
                    },
                );
            }
        }
        // Finalize through the governor: proposal, a second approval, the timelock.
        // Proposed once the scores are final (the governor refuses it earlier).
        self.at_least(cal.scores_final(month, &windows).unwrap());
        let finalize = self.suite.finalize_action(month);
        self.govern(finalize);
        let first_time: u32 = self.registry_call("first_time_ambassadors", ());
        let growth = STEP * u128::from((first_time - 20) / 5);
        let carried = self.sheet[month as usize].settle(BASE + growth);
        let state = self.month_state(month);
        let fin = state.finalized.expect("finalized");
        let sheet = &self.sheet[month as usize];
        assert_eq!(state.funded, sheet.funded);
        assert_eq!(state.carried_in, sheet.carry_in);
        assert_eq!(state.fed, sheet.fed);
        assert_eq!(fin.settlement.pool, sheet.pool);
        assert_eq!(fin.settlement.slices, sheet.slices);
        assert_eq!(fin.settlement.carried, carried);
        let next = &mut self.sheet[month as usize + 1];
        next.funded += carried;
        next.carry_in += carried;
        // Anyone brings the registry up to date with the finalized month: promotions follow
        // the months, not the claims.
        let all: Vec<u32> = members().into_iter().map(member_id).collect();
        let r: reward_pool::Result<u32> = self.pool_call(ANYONE, "advance", all);
        assert_eq!(
            r,
            Ok(members().len() as u32),
            "one month recorded for each member"
        );
    }
}

#[test]
fn four_months_of_the_v4_program_with_a_community_bounty() {
    let mut spec = SuiteSpec::small();
    spec.config.ambassador_baseline = 20;
    spec.config.windows.claim_ms = 3 * PERIOD;
    spec.treasury = TREASURY;
    spec.reviewers = vec![REVIEWER];
    let mut suite = Suite::deploy(spec);
    for seed in members() {
        suite.chain.fund(&account(seed), 1_000 * UNIT);
    }
    let governor = suite.governor.clone();
    let treasury_start = suite.chain.balance(&governor);
    let mut p = Program {
        suite,
        sheet: (0..=MONTHS).map(|_| SheetMonth::default()).collect(),
        paid_to_members: 0,
    };

    // The roster comes on chain through the governor, in seed order.
    for seed in members() {
        p.govern(Action::Induct {
            who: id(seed),
            rank: rank_of(seed),
            evidence_ref: b"v4 roster".to_vec(),
        });
    }
    let counts: [u32; 4] = p.registry_call("rank_counts", ());
    assert_eq!(counts, [6, 12, 7, 1]);
    let first_time: u32 = p.registry_call("first_time_ambassadors", ());
    assert_eq!(first_time, 20);
    let reserve = 72_000 * UNIT;
    p.govern(Action::FundBonusReserve { amount: reserve });

    // Treasury proposal #4: 80,000 in four lines, three milestones, 1% curator fee.
    let r: bounty::Result<u32> = p.bounty_call(
        CURATOR,
        "propose",
        (
            id(CURATOR),
            b"ipfs://treasury-proposal-4".to_vec(),
            (0u64, 5 * PERIOD),
            80_000 * UNIT,
            vec![
                (b"weekly bounties".to_vec(), 54_000 * UNIT),
                (b"educators".to_vec(), 10_000 * UNIT),
                (b"peripherals".to_vec(), 2_000 * UNIT),
                (b"events".to_vec(), 14_000 * UNIT),
            ],
            vec![
                (b"month 1 report".to_vec(), PERIOD, 3_000u16),
                (b"month 2 report".to_vec(), 2 * PERIOD, 3_000u16),
                (b"final report".to_vec(), 4 * PERIOD, 4_000u16),
            ],
            100u16,
        ),
    );
    let bounty_id = r.expect("proposal");
    assert_eq!(bounty_id, 0);
    // The council approves the figure it reads: the total plus the curator's fee budget.
    let proposal: Option<bounty::Proposal> = p.bounty_call(CURATOR, "proposal", 0u32);
    let proposal = proposal.expect("proposal");
    p.govern(Action::ApproveBounty {
        id: 0,
        funding: proposal.total + proposal.fee_budget,
    });
    let report = |p: &mut Program, milestone: u8| {
        let r: bounty::Result<()> = p.bounty_call(
            CURATOR,
            "submit_report",
            (0u32, milestone, b"ipfs://report".to_vec()),
        );
        r.expect("report");
    };
    report(&mut p, 0);
    p.govern(Action::DecideMilestone {
        id: 0,
        milestone: 0,
        report: 1,
        approve: true,
        reason_ref: b"ok".to_vec(),
    });

    // Months 0 to 2 at the base pool, each fed 3,000 by the weekly bounty line.
    p.run_month(0, BASE, true);
    for seed in members() {
        if seed != LAZY && !PROMOTED.contains(&seed) && !BATCHED.contains(&seed) {
            p.claim(seed, &[0]);
        }
    }
    // Educator awards from the bounty: one to a member (recorded in the registry), one outside.
    let award = |p: &mut Program, to: u8, amount: u128| -> u32 {
        let r: bounty::Result<u32> = p.bounty_call(
            CURATOR,
            "award",
            (0u32, 1u8, id(to), amount, b"workshop".to_vec()),
        );
        r.expect("award")
    };
    let a1 = award(&mut p, 52, 1_000 * UNIT);
    let a2 = award(&mut p, OUTSIDE_EDUCATOR, 1_500 * UNIT);
    // Milestone 1 rejected, then resubmitted and approved.
    report(&mut p, 1);
    p.govern(Action::DecideMilestone {
        id: 0,
        milestone: 1,
        report: 1,
        approve: false,
        reason_ref: b"missing metrics".to_vec(),
    });
    report(&mut p, 1);
    p.govern(Action::DecideMilestone {
        id: 0,
        milestone: 1,
        report: 2,
        approve: true,
        reason_ref: b"ok".to_vec(),
    });
    // The recipients claim once the payout delay has passed.
    let now = p.suite.chain.time();
    let delay = p.suite.spec.payout_delay_ms;
    p.suite.chain.set_time(now + delay);
    for (award, to, amount) in [(a1, 52, 1_000 * UNIT), (a2, OUTSIDE_EDUCATOR, 1_500 * UNIT)] {
        let before = p.suite.chain.balance(&account(to));
        let r: bounty::Result<u128> = p.bounty_call(to, "claim_award", award);
        assert_eq!(r, Ok(amount));
        assert_eq!(p.suite.chain.received(&account(to), before), amount as i128);
    }
    let m: Option<registry::Member> = p.registry_call("member", member_id(52));
    assert_eq!(m.unwrap().contribution_total, 1_000 * UNIT);

    p.run_month(1, BASE, true);
    for seed in members() {
        if seed != LAZY && !PROMOTED.contains(&seed) {
            let months: &[u32] = if BATCHED.contains(&seed) {
                &[0, 1]
            } else {
                &[1]
            };
            p.claim(seed, months);
        }
    }
    p.run_month(2, BASE, true);
    for seed in members() {
        if seed == LAZY || BATCHED.contains(&seed) || seed == LATE {
            continue;
        }
        let months: &[u32] = if PROMOTED.contains(&seed) {
            &[0, 1, 2]
        } else {
            &[2]
        };
        p.claim(seed, months);
    }
    // Three months at or above 65%: the five Candidates are Ambassadors now; the sixth is not.
    for seed in PROMOTED {
        assert_eq!(p.rank(seed), Rank::Ambassador, "{seed} promoted");
    }
    assert_eq!(p.rank(SLOW_CANDIDATE), Rank::Candidate);
    let first_time: u32 = p.registry_call("first_time_ambassadors", ());
    assert_eq!(first_time, 25);

    // Month 3: five new Ambassadors grow the pool by 21,000.
    p.run_month(3, BASE + STEP, false);
    let fin = p.month_state(3).finalized.unwrap();
    assert_eq!(fin.settlement.pool, BASE + STEP + p.sheet[3].carry_in);
    for seed in members() {
        if seed == LAZY {
            continue;
        }
        let months: &[u32] = if BATCHED.contains(&seed) {
            &[2, 3]
        } else {
            &[3]
        };
        p.claim(seed, months);
    }

    // The lazy Ambassador's month 0 ran out of its claim window: the sweep moves it, with the
    // month's rounding dust, into the open month, and unused bonuses back to the reserve.
    let cal = p.suite.spec.calendar;
    let windows = p.suite.spec.config.windows;
    p.at_least(cal.claim_end(0, &windows).unwrap());
    let r: reward_pool::Result<u128> = p.pool_call(LAZY, "claim", vec![0u32]);
    assert_eq!(r, Err(reward_pool::Error::ClaimWindowClosed));
    let swept: reward_pool::Result<u128> = p.pool_call(ANYONE, "sweep", 0u32);
    let unclaimed0 = p.sheet[0].distributable - p.sheet[0].paid;
    assert_eq!(swept, Ok(unclaimed0));
    assert!(unclaimed0 >= p.sheet[0].due(LAZY));
    assert_eq!(
        p.month_state(4).carried_in,
        p.sheet[4].carry_in + unclaimed0
    );

    // The bounty's last milestone and its close: 1% fee on what was spent, from the 800 budgeted
    // on top of the 80,000, collected by the curator; the rest refunded.
    report(&mut p, 2);
    p.govern(Action::DecideMilestone {
        id: 0,
        milestone: 2,
        report: 1,
        approve: true,
        reason_ref: b"ok".to_vec(),
    });
    let treasury_before = p.suite.chain.balance(&account(TREASURY));
    let curator_before = p.suite.chain.balance(&account(CURATOR));
    let r: bounty::Result<()> = p.bounty_call(CURATOR, "close", 0u32);
    r.expect("close");
    let spent = 3 * WEEKLY_FEED + 2_500 * UNIT;
    let fee = spent / 100;
    let refund = 80_800 * UNIT - spent - fee;
    let r: bounty::Result<u128> = p.bounty_call(CURATOR, "claim_fee", 0u32);
    assert_eq!(r, Ok(fee));
    assert_eq!(
        p.suite.chain.received(&account(CURATOR), curator_before),
        fee as i128
    );
    assert_eq!(
        p.suite.chain.balance(&account(TREASURY)) - treasury_before,
        refund
    );

    // Every token accounted for. What left the governor's treasury was paid to members, to
    // award recipients and the curator, refunded, or is still held, exactly as owed.
    let funded = treasury_start - p.suite.chain.balance(&governor);
    assert_eq!(funded, 3 * BASE + (BASE + STEP) + reserve + 80_800 * UNIT);
    let pool_owes: u128 = p.pool_call(ANYONE, "liabilities", ());
    let bounty_owes: u128 = p.bounty_call(ANYONE, "liabilities", ());
    assert_eq!(bounty_owes, 0);
    let bonus_reserve: u128 = p.pool_call(ANYONE, "bonus_reserve", ());
    let bonuses_paid: u128 = p.sheet.iter().map(|m| m.bonus_paid).sum();
    assert_eq!(bonus_reserve, reserve - bonuses_paid);
    let dust: u128 = (1..MONTHS as usize)
        .map(|m| p.sheet[m].distributable - p.sheet[m].paid)
        .sum();
    let carried = p.month_state(4).funded;
    assert_eq!(pool_owes, carried + bonus_reserve + dust);
    let awards = 2_500 * UNIT;
    assert_eq!(
        p.paid_to_members + awards + fee + refund + carried + bonus_reserve + dust,
        funded
    );
    // The contracts hold what they owe, plus the existential deposit they must keep.
    let (pool, bounty) = (p.suite.pool.clone(), p.suite.bounty.clone());
    assert_eq!(p.suite.chain.balance(&pool), pool_owes + 1);
    assert_eq!(p.suite.chain.balance(&bounty), bounty_owes + 1);
}
