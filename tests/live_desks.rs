//! Live desks: a desk notices another desk's commit (a claim, a decision, an upload, a sweep)
//! within the 2 s a studio expects, and does not take its own writes for news.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic.

use std::time::{Duration, Instant};

use chrono::Utc;
use idphoto_review::domain::case::DecisionKind;
use idphoto_review::store::{DecisionRequest, Store};

mod common;
use common::db::TestDb;

/// Polls like the window's worker does (every 250 ms) until a change shows, up to 2 s.
fn noticed_within(store: &mut Store, limit: Duration) -> Option<Duration> {
    let started = Instant::now();
    while started.elapsed() < limit {
        if store.poll_changes().unwrap().is_some() {
            return Some(started.elapsed());
        }
        std::thread::sleep(Duration::from_millis(250));
    }
    None
}

both_backends! {
    fn another_desks_claim_and_decision_show_within_two_seconds_and_own_writes_do_not() {
        let tdb = TestDb::new();
        common::populated(&tdb.location, 6);
        let mut a = Store::open(&tdb.location).unwrap();
        let mut b = Store::open(&tdb.location).unwrap();
        a.watch_changes().unwrap();
        let desk_a = common::desk(&a, common::DESKS[0]);
        let desk_b = common::desk(&b, common::DESKS[1]);
        // Nothing happened yet, and this desk's own claim is not news.
        assert!(a.poll_changes().unwrap().is_none());
        let head = a.queue(Some(1)).unwrap()[0].clone();
        a.claim(head.case_id, &desk_a, Utc::now()).unwrap();
        if common::db::current() == common::db::Backend::Postgres {
            // SQLite's data_version ignores this connection's commits too; PostgreSQL skips
            // its own notifications by process id.
            std::thread::sleep(Duration::from_millis(300));
        }
        assert!(a.poll_changes().unwrap().is_none(), "own claim taken for news");

        // Another desk claims, then decides: each is noticed quickly.
        let next = b.claim_next(&desk_b, Utc::now()).unwrap().unwrap();
        assert_ne!(next, head.submission_id, "the case desk A holds went to desk B");
        let took = noticed_within(&mut a, Duration::from_secs(2)).expect("claim not noticed");
        let req = DecisionRequest {
            submission_id: next,
            actor: desk_b.clone(),
            kind: DecisionKind::Approve,
            reasons: Vec::new(),
            note: None,
        };
        b.decide(&req, Utc::now()).unwrap();
        let took2 = noticed_within(&mut a, Duration::from_secs(2)).expect("decision not noticed");
        // Once told, quiet again.
        assert!(a.poll_changes().unwrap().is_none());
        println!(
            "{:?}: claim noticed after {} ms, decision after {} ms",
            common::db::current(),
            took.as_millis(),
            took2.as_millis()
        );
    }
}
