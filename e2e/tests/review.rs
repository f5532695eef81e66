//! The review as programs run it (issue 25): reasons members can read, late reports flagged
//! instead of lost, a dispute window before scores freeze, and up to three reviewers per entry.
//! Built on the reward-pool fixture (`reward_pool_contract::Fx`: the pool beside a registry,
//! reviewers 20 and 21, fixed periods).

use crate::reward_pool_contract::{
    config, fixed, s, Fx, When, FUNDER, GOV, REVIEWER, REVIEWER_MEMBER, STRANGER,
};
use e2e::{id, UNIT};
use ink::primitives::AccountId as InkId;
use registry::Rank;
use reward_pool::{
    Config, Department::*, Error, MonthState, RuleError, ScoreFault, Submission, Windows,
};

type R<T> = Result<T, Error>;

/// A third reviewer, added by the tests that need one.
const REVIEWER_3: u8 = 24;
const DISPUTE: u64 = 50_000;

fn entry(fx: &mut Fx, month: u32, member: u32) -> Submission {
    let e: Option<Submission> = fx.call(STRANGER, "submission", (month, member));
    e.expect("submitted")
}

fn score_as(
    fx: &mut Fx,
    reviewer: u8,
    month: u32,
    member: u32,
    points: Vec<(reward_pool::Department, reward_pool::Score)>,
    reason: &[u8],
) -> R<()> {
    fx.call(
        reviewer,
        "score",
        (month, vec![(member, points, reason.to_vec())]),
    )
}

fn with_disputes() -> Config {
    Config {
        windows: Windows {
            dispute_ms: DISPUTE,
            ..config().windows
        },
        ..config()
    }
}

// ---- reasons -------------------------------------------------------------------------------------

#[test]
fn the_member_reads_the_reviewers_reason_with_its_points() {
    let mut fx = Fx::new();
    let a = fx.induct(2, Rank::Ambassador);
    fx.at(1, When::Open);
    fx.submit(2, 1, vec![Marketing, ContentCreation]).unwrap();
    fx.at(1, When::Review);
    let reason = b"supplementary tasks count only outside your departments";
    assert_eq!(
        score_as(&mut fx, REVIEWER, 1, a, vec![(Marketing, s(10, 8))], reason),
        Ok(())
    );
    let e = entry(&mut fx, 1, a);
    assert_eq!(e.reviews.len(), 1);
    assert_eq!(e.reviews[0].reviewer, id(REVIEWER));
    assert_eq!(e.reviews[0].reason_ref, reason.to_vec());
    assert_eq!(e.points.unwrap().as_array()[Marketing as usize], 18);
    // A reason is bounded like evidence (64 bytes here); the error names the entry.
    assert_eq!(
        score_as(&mut fx, REVIEWER, 1, a, vec![], &[b'x'; 65]),
        Err(Error::ScoreRejected {
            index: 0,
            fault: ScoreFault::Rule(RuleError::EvidenceTooLong)
        })
    );
}

/// The review queue pages through a month's submissions by member id (what the app and the
/// month report read): only members who reported appear, in id order, a page never spans more
/// than `PAGE_MAX` ids, and a page past the last id is empty.
#[test]
fn a_review_queue_pages_through_the_months_reports_by_member_id() {
    let mut fx = Fx::new();
    let a = fx.induct(2, Rank::Ambassador);
    let _silent = fx.induct(3, Rank::Candidate);
    let c = fx.induct(4, Rank::Candidate);
    fx.at(1, When::Open);
    fx.submit(2, 1, vec![Marketing, ContentCreation]).unwrap();
    fx.submit(4, 1, vec![Marketing, BusinessDevelopment])
        .unwrap();
    let page = |fx: &mut Fx, from: u32, limit: u32| -> Vec<u32> {
        let p: Vec<(u32, Submission)> = fx.call(STRANGER, "submissions_page", (1u32, from, limit));
        p.into_iter().map(|(m, _)| m).collect()
    };
    assert_eq!(page(&mut fx, 0, 50), vec![a, c]);
    assert_eq!(page(&mut fx, 0, 2), vec![a], "ids 0 and 1 only");
    assert_eq!(page(&mut fx, a + 1, 50), vec![c]);
    assert_eq!(page(&mut fx, c + 1, 50), Vec::<u32>::new());
    assert_eq!(
        page(&mut fx, u32::MAX, 50),
        Vec::<u32>::new(),
        "no overflow at the end of ids"
    );
    // A huge limit reads at most PAGE_MAX ids: the member with id PAGE_MAX is on the next page.
    let mut last = c;
    for seed in 50u8..=(50 + reward_pool::PAGE_MAX as u8) {
        if last == reward_pool::PAGE_MAX {
            break;
        }
        fx.chain.fund(&e2e::account(seed), 1_000 * UNIT);
        last = fx.induct(seed, Rank::Candidate);
        if last == reward_pool::PAGE_MAX {
            fx.submit(seed, 1, vec![Marketing, ContentCreation])
                .unwrap();
        }
    }
    assert_eq!(page(&mut fx, 0, u32::MAX), vec![a, c]);
    assert_eq!(page(&mut fx, reward_pool::PAGE_MAX, u32::MAX), vec![last]);
    let e: Vec<(u32, Submission)> = fx.call(STRANGER, "submissions_page", (1u32, a, 1u32));
    assert_eq!(e[0].1.evidence_ref, entry(&mut fx, 1, a).evidence_ref);
}

// ---- late reports --------------------------------------------------------------------------------

#[test]
fn a_late_report_is_accepted_flagged_and_scored_or_left_at_zero() {
    let mut fx = Fx::with(
        fixed(),
        Config {
            late_reports: true,
            ..config()
        },
    );
    let on_time = fx.induct(2, Rank::Ambassador);
    let late_scored = fx.induct(3, Rank::Ambassador);
    let late_unscored = fx.induct(4, Rank::Ambassador);
    fx.at(1, When::Open);
    fx.fund(1, 84_000 * UNIT);
    fx.submit(2, 1, vec![Marketing, ContentCreation]).unwrap();
    fx.at(1, When::Review);
    // After the deadline: a first report is taken, flagged late ...
    assert_eq!(fx.submit(3, 1, vec![Marketing, ContentCreation]), Ok(()));
    assert_eq!(fx.submit(4, 1, vec![Marketing, ContentCreation]), Ok(()));
    assert!(entry(&mut fx, 1, late_scored).late);
    assert!(!entry(&mut fx, 1, on_time).late);
    // ... but never replaces a report filed on time.
    assert_eq!(
        fx.submit(2, 1, vec![Marketing, BusinessDevelopment]),
        Err(Error::SubmissionClosed)
    );
    let state: MonthState = fx.month(1);
    assert_eq!((state.submissions, state.late), (3, 2));
    // The reviewer scores one late report and leaves the other at 0%.
    fx.score(1, on_time, vec![(Marketing, s(20, 20))]).unwrap();
    fx.score(1, late_scored, vec![(Marketing, s(20, 20))])
        .unwrap();
    fx.at(1, When::Finalizable);
    // The window for late reports closes with the review window.
    assert_eq!(
        fx.submit(5, 1, vec![Marketing, ContentCreation]),
        Err(Error::SubmissionClosed)
    );
    fx.finalize(1).unwrap();
    let paid_late = fx.claim(3, vec![1]).unwrap();
    let paid_on_time = fx.claim(2, vec![1]).unwrap();
    assert_eq!(
        paid_late, paid_on_time,
        "a scored late report is paid like any other"
    );
    assert_eq!(
        fx.claim(4, vec![1]),
        Ok(0),
        "an unscored late report earns nothing"
    );
    assert!(entry(&mut fx, 1, late_unscored).points.is_none());
}

#[test]
fn a_late_report_is_refused_when_the_month_takes_none() {
    let mut fx = Fx::new();
    fx.induct(2, Rank::Ambassador);
    fx.at(1, When::Review);
    assert_eq!(
        fx.submit(2, 1, vec![Marketing, ContentCreation]),
        Err(Error::SubmissionClosed)
    );
}

// ---- disputes ------------------------------------------------------------------------------------

#[test]
fn a_dispute_then_a_rescore_then_scores_freeze() {
    let mut fx = Fx::with(fixed(), with_disputes());
    let a = fx.induct(2, Rank::Ambassador);
    let b = fx.induct(3, Rank::Ambassador);
    fx.at(1, When::Open);
    fx.fund(1, 84_000 * UNIT);
    fx.submit(2, 1, vec![Marketing, ContentCreation]).unwrap();
    fx.submit(3, 1, vec![Marketing, ContentCreation]).unwrap();
    fx.at(1, When::Review);
    fx.score(1, a, vec![(Marketing, s(5, 5))]).unwrap();
    fx.score(1, b, vec![(Marketing, s(20, 20))]).unwrap();
    // No dispute while reviewers are still scoring.
    let dispute = |fx: &mut Fx, who: u8| -> R<()> {
        fx.call(
            who,
            "dispute",
            (1u32, b"my links open; see the thread".to_vec()),
        )
    };
    assert_eq!(dispute(&mut fx, 2), Err(Error::DisputeWindowClosed));
    fx.at(1, When::Finalizable);
    // Now the dispute window: the member sees its points and reasons and disputes once.
    assert_eq!(dispute(&mut fx, STRANGER), Err(Error::NotMember));
    // A member who filed no report has nothing to dispute.
    fx.induct(4, Rank::Ambassador);
    assert_eq!(dispute(&mut fx, 4), Err(Error::NothingToDispute));
    assert_eq!(dispute(&mut fx, 2), Ok(()));
    assert_eq!(dispute(&mut fx, 2), Err(Error::AlreadyDisputed));
    let b_before = entry(&mut fx, 1, b).points;
    let totals_before = fx.month(1).totals;
    // Reviewers rescore only the disputed entry.
    assert_eq!(
        fx.score(1, b, vec![(Marketing, s(1, 1))]),
        Err(Error::ScoreRejected {
            index: 0,
            fault: ScoreFault::NotDisputed
        })
    );
    assert_eq!(
        score_as(
            &mut fx,
            REVIEWER,
            1,
            a,
            vec![(Marketing, s(15, 15))],
            b"links checked again: accepted"
        ),
        Ok(())
    );
    let e = entry(&mut fx, 1, a);
    assert!(e.dispute.as_ref().unwrap().answered);
    assert_eq!(e.points.unwrap().as_array()[Marketing as usize], 30);
    // The other member's points are untouched; the totals moved by a's difference only.
    assert_eq!(entry(&mut fx, 1, b).points, b_before);
    let totals_after = fx.month(1).totals;
    assert_eq!(
        totals_after[Marketing as usize],
        totals_before[Marketing as usize] + 20
    );
    let state: MonthState = fx.month(1);
    assert_eq!((state.disputes, state.answered), (1, 1));
    let listed: Vec<(u32, Submission)> = fx.call(STRANGER, "disputes", (1u32, 0u32, 10u32));
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].0, a);
    // No finalize while disputes may still be answered.
    let pool = fx.pool.clone();
    let r: R<u128> = fx.call(GOV, "finalize_preview", 1u32);
    let size = r.unwrap();
    assert_eq!(
        fx.call::<_, R<()>>(GOV, "finalize", (1u32, size)),
        Err(Error::ReviewWindowOpen)
    );
    // When the window ends the scores are final.
    let end = fx
        .calendar
        .scores_final(1, &with_disputes().windows)
        .unwrap();
    fx.chain.set_time(end);
    assert_eq!(
        fx.score(1, a, vec![(Marketing, s(20, 20))]),
        Err(Error::ReviewClosed)
    );
    assert_eq!(dispute(&mut fx, 3), Err(Error::DisputeWindowClosed));
    assert_eq!(fx.chain.finalize(&pool, &e2e::account(GOV), 1), Ok(()));
}

// ---- several reviewers ---------------------------------------------------------------------------

/// A pool taking `per_entry` reviewers per entry with a disagreement gap of 10 points and a third
/// reviewer (24), and member 2's report for month 1 waiting in the review window: the fixture and
/// the member id.
fn reviewed_by(per_entry: u8) -> (Fx, u32) {
    let mut fx = Fx::with(
        fixed(),
        Config {
            reviewers_per_entry: per_entry,
            disagreement_gap: 10,
            ..config()
        },
    );
    let r: R<()> = fx.call(
        GOV,
        "set_reviewers",
        (vec![id(REVIEWER_3)], Vec::<InkId>::new()),
    );
    r.unwrap();
    let a = fx.induct(2, Rank::Ambassador);
    fx.at(1, When::Open);
    fx.submit(2, 1, vec![Marketing, ContentCreation]).unwrap();
    fx.at(1, When::Review);
    (fx, a)
}

#[test]
fn two_reviewers_take_the_mean_three_the_median_and_a_wide_gap_is_flagged() {
    let (mut fx, a) = reviewed_by(3);
    let marketing = |fx: &mut Fx| entry(fx, 1, a).points.unwrap().as_array()[Marketing as usize];
    score_as(
        &mut fx,
        REVIEWER,
        1,
        a,
        vec![(Marketing, s(10, 10))],
        b"one",
    )
    .unwrap();
    assert_eq!(marketing(&mut fx), 20);
    // Two reviewers: the mean, rounded down; 20 and 25 are 5 apart, within the gap.
    score_as(
        &mut fx,
        REVIEWER_MEMBER,
        1,
        a,
        vec![(Marketing, s(15, 10))],
        b"two",
    )
    .unwrap();
    assert_eq!(marketing(&mut fx), 22);
    assert!(!entry(&mut fx, 1, a).flagged);
    // Three: the median; 40 against 20 is beyond the gap of 10, so the entry is flagged.
    score_as(
        &mut fx,
        REVIEWER_3,
        1,
        a,
        vec![(Marketing, s(20, 20))],
        b"three",
    )
    .unwrap();
    assert_eq!(marketing(&mut fx), 25);
    let e = entry(&mut fx, 1, a);
    assert!(e.flagged);
    assert_eq!(fx.month(1).flagged, 1);
    // A reviewer scoring again replaces its own review: still three, the median moves.
    score_as(
        &mut fx,
        REVIEWER,
        1,
        a,
        vec![(Marketing, s(20, 19))],
        b"one, again",
    )
    .unwrap();
    let e = entry(&mut fx, 1, a);
    assert_eq!(e.reviews.len(), 3);
    assert_eq!(e.reviews[0].reason_ref, b"one, again".to_vec());
    assert_eq!(marketing(&mut fx), 39);
    // Now 39, 25 and 40: still beyond the gap. Brought within it, the flag clears.
    score_as(
        &mut fx,
        REVIEWER_MEMBER,
        1,
        a,
        vec![(Marketing, s(20, 20))],
        b"two, again",
    )
    .unwrap();
    assert!(!entry(&mut fx, 1, a).flagged);
    assert_eq!(fx.month(1).flagged, 0);
    // A fourth reviewer finds the entry full.
    let r: R<()> = fx.call(GOV, "set_reviewers", (vec![id(25)], Vec::<InkId>::new()));
    r.unwrap();
    assert_eq!(
        score_as(&mut fx, 25, 1, a, vec![(Marketing, s(1, 1))], b"four"),
        Err(Error::ScoreRejected {
            index: 0,
            fault: ScoreFault::EnoughReviews
        })
    );
    // And the reviewer who is a member never scores its own entry.
    let own = fx.induct(REVIEWER_MEMBER, Rank::Ambassador);
    fx.at(2, When::Open);
    fx.submit(REVIEWER_MEMBER, 2, vec![Marketing, ContentCreation])
        .unwrap();
    fx.at(2, When::Review);
    assert_eq!(
        score_as(&mut fx, REVIEWER_MEMBER, 2, own, vec![], b""),
        Err(Error::ScoreRejected {
            index: 0,
            fault: ScoreFault::OwnSubmission
        })
    );
}

#[test]
fn one_reviewer_per_entry_still_lets_that_reviewer_replace_its_score_but_no_second_reviewer() {
    let mut fx = Fx::new();
    let a = fx.induct(2, Rank::Ambassador);
    fx.at(1, When::Open);
    fx.submit(2, 1, vec![Marketing, ContentCreation]).unwrap();
    fx.at(1, When::Review);
    fx.score(1, a, vec![(Marketing, s(5, 5))]).unwrap();
    fx.score(1, a, vec![(Marketing, s(6, 6))]).unwrap();
    let e = entry(&mut fx, 1, a);
    assert_eq!(e.reviews.len(), 1);
    assert_eq!(e.points.unwrap().as_array()[Marketing as usize], 12);
    assert_eq!(
        score_as(
            &mut fx,
            REVIEWER_MEMBER,
            1,
            a,
            vec![(Marketing, s(1, 1))],
            b""
        ),
        Err(Error::ScoreRejected {
            index: 0,
            fault: ScoreFault::EnoughReviews
        })
    );
}

#[test]
fn two_reviewers_far_apart_are_flagged_and_a_removed_reviewers_score_gives_way() {
    let (mut fx, a) = reviewed_by(2);
    score_as(
        &mut fx,
        REVIEWER,
        1,
        a,
        vec![(Marketing, s(2, 2))],
        b"weak links",
    )
    .unwrap();
    score_as(
        &mut fx,
        REVIEWER_MEMBER,
        1,
        a,
        vec![(Marketing, s(20, 20))],
        b"strong",
    )
    .unwrap();
    // 4 against 40: the mean, 22, and a flag for the council.
    let e = entry(&mut fx, 1, a);
    assert_eq!(e.points.unwrap().as_array()[Marketing as usize], 22);
    assert!(e.flagged);
    assert_eq!(fx.month(1).flagged, 1);
    // The entry is full for a third reviewer ...
    assert_eq!(
        score_as(
            &mut fx,
            REVIEWER_3,
            1,
            a,
            vec![(Marketing, s(10, 10))],
            b"third"
        ),
        Err(Error::ScoreRejected {
            index: 0,
            fault: ScoreFault::EnoughReviews
        })
    );
    // ... until governance removes a reviewer: its review gives way, so a removed reviewer's
    // scores never lock an entry.
    let r: R<()> = fx.call(
        GOV,
        "set_reviewers",
        (Vec::<InkId>::new(), vec![id(REVIEWER)]),
    );
    r.unwrap();
    score_as(
        &mut fx,
        REVIEWER_3,
        1,
        a,
        vec![(Marketing, s(19, 19))],
        b"third",
    )
    .unwrap();
    let e = entry(&mut fx, 1, a);
    assert_eq!(e.reviews.len(), 2);
    assert!(e.reviews.iter().all(|r| r.reviewer != id(REVIEWER)));
    assert_eq!(e.points.unwrap().as_array()[Marketing as usize], 39);
    assert!(!e.flagged);
    assert_eq!(fx.month(1).flagged, 0);
}

#[test]
fn a_feed_after_scores_are_final_is_refused_so_it_cannot_block_the_finalize() {
    let mut fx = Fx::new();
    fx.at(1, When::Open);
    assert_eq!(fx.pay(FUNDER, "fund", 1u32, UNIT), Ok(()));
    fx.at(1, When::Finalizable);
    // The council may be approving the month's pool size now: a 1-planck feed would change it.
    assert_eq!(fx.pay(FUNDER, "fund", 1u32, 1), Err(Error::MonthClosed));
    // Governance still funds it.
    assert_eq!(fx.pay(GOV, "fund", 1u32, UNIT), Ok(()));
}
