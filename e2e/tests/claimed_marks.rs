//! What a claim marks and tells (issue 20: a further month in a claim cost 0.70 G ps, mostly its
//! own `Claimed` event and the rewrite of its entry): a member's claimed months are bits in words
//! of 128 months (`rules::reward::claim_mark`), read and written once per word per claim, and a
//! claim emits one `Claimed` listing every month it paid. These scenarios hold the marks to what
//! the entries' `claimed` flags guaranteed, across a word boundary and through refused claims.
//! Registry, pool and bounty as in `money_and_promotion` (account 1 governs).

use crate::money_and_promotion::{Fx, STRANGER};
use registry::Rank;
use reward_pool::reward_pool::Claimed;
use reward_pool::{ClaimStatus, Error, MonthPreview};

const ALICE: u8 = 10;
const BOB: u8 = 11;

impl Fx {
    fn previews(&mut self, member: u32, months: Vec<u32>) -> Vec<MonthPreview> {
        let r: reward_pool::Result<Vec<MonthPreview>> =
            self.pool(STRANGER, "preview", (member, months));
        r.expect("preview")
    }

    fn statuses(&mut self, member: u32, months: Vec<u32>) -> Vec<ClaimStatus> {
        let previews = self.previews(member, months);
        previews.into_iter().map(|p| p.status).collect()
    }

    /// What `member` is due for each of `months`, as `preview` shows it.
    fn dues(&mut self, member: u32, months: Vec<u32>) -> Vec<u128> {
        let previews = self.previews(member, months);
        previews.into_iter().map(|p| p.total).collect()
    }
}

/// Months 126 and 127 sit in a member's first claimed word, 128 and 129 in the second. A claim
/// that crosses the boundary and is then refused (month 129 is not finalized) changes nothing,
/// although it had moved on to the second word; the same months claimed again are paid once,
/// and each is refused afterwards, alone or with others.
#[test]
fn a_claim_across_two_claimed_words_is_paid_once_and_a_refused_one_marks_nothing() {
    let mut fx = Fx::new();
    let alice = fx.induct(ALICE, Rank::Candidate);
    let bob = fx.induct(BOB, Rank::Candidate);
    for month in 126..=128 {
        fx.run_month(month, &[(ALICE, alice), (BOB, bob)]);
    }
    let due = fx.dues(alice, vec![126, 127, 128]);
    assert!(due.iter().all(|d| *d > 0));
    assert_eq!(fx.claim(ALICE, vec![126]), Ok(due[0]));

    assert_eq!(
        fx.claim(ALICE, vec![127, 128, 129]),
        Err(Error::NotFinalized)
    );
    assert_eq!(
        fx.statuses(alice, vec![126, 127, 128]),
        vec![
            ClaimStatus::Claimed,
            ClaimStatus::Claimable,
            ClaimStatus::Claimable
        ]
    );
    assert_eq!(
        fx.claim(ALICE, vec![128, 126, 127]),
        Err(Error::AlreadyClaimed)
    );

    assert_eq!(fx.claim(ALICE, vec![128, 127]), Ok(due[1] + due[2]));
    for months in [vec![127], vec![128], vec![127, 128], vec![126, 128]] {
        assert_eq!(
            fx.claim(ALICE, months.clone()),
            Err(Error::AlreadyClaimed),
            "{months:?}"
        );
    }
    assert_eq!(
        fx.statuses(alice, vec![126, 127, 128]),
        vec![ClaimStatus::Claimed; 3]
    );
    // Another member's marks are its own.
    assert_eq!(
        fx.statuses(bob, vec![126, 127, 128]),
        vec![ClaimStatus::Claimable; 3]
    );
    let bob_due: u128 = fx.dues(bob, vec![126, 127, 128]).iter().sum();
    assert_eq!(bob_due, due.iter().sum::<u128>(), "same reports, same pay");
    assert_eq!(fx.claim(BOB, vec![126, 127, 128]), Ok(bob_due));
    fx.assert_solvent();
}

/// One claim of several months emits one `Claimed`, naming the wallet paid and the member, and
/// listing each month in month order with its reward and bonus, which add up to what was paid.
#[test]
fn one_claimed_event_lists_every_month_the_claim_paid() {
    let mut fx = Fx::new();
    let alice = fx.induct(ALICE, Rank::Candidate);
    for month in 1..=3 {
        fx.run_month(month, &[(ALICE, alice)]);
    }
    let due = fx.dues(alice, vec![1, 2, 3]);
    let paid = fx.claim(ALICE, vec![3, 1, 2]).expect("three months");
    let events: Vec<Claimed> = fx.chain.receipt().events_of();
    assert_eq!(events.len(), 1, "one event for the claim");
    let event = &events[0];
    assert_eq!((event.who, event.member), (e2e::id(ALICE), alice));
    let months: Vec<(u32, u128)> = event.months.iter().map(|m| (m.0, m.1 + m.2)).collect();
    assert_eq!(months, vec![(1, due[0]), (2, due[1]), (3, due[2])]);
    assert_eq!(paid, due.iter().sum::<u128>());
}
