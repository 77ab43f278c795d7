//! Filter speed of the review queue as the GUI does it: loads the whole queue from a database
//! and times each filter over it. Run in release:
//! `cargo run --release --example queue_filter_speed -- /tmp/100k.db`
#![allow(clippy::unwrap_used, clippy::expect_used)] // A benchmark may panic on a bad path.

use std::time::Instant;

use chrono::Utc;
use idphoto_review::checks::result::Verdict;
use idphoto_review::store::Store;
use idphoto_review::ui::{AttemptFilter, Filter, QueueState};

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: queue_filter_speed DB");
    let store = Store::open(std::path::Path::new(&path)).unwrap();
    let now = Utc::now();
    let t = Instant::now();
    let items = store.queue_at(None, now).unwrap();
    let load_ms = t.elapsed().as_secs_f64() * 1000.0;
    let n = items.len();
    let mut q = QueueState::default();
    let t = Instant::now();
    q.set_items(items, now);
    println!(
        "queue rows={n} load_ms={load_ms:.1} counts_and_view_ms={:.1}",
        t.elapsed().as_secs_f64() * 1000.0
    );
    let school = q.counts.schools.first().map(|(s, _)| s.clone());
    let name = q
        .items
        .get(n / 2)
        .map(|i| i.student.chars().take(2).collect::<String>());
    let filters = [
        ("none", Filter::default()),
        (
            "overdue",
            Filter {
                overdue_only: true,
                ..Filter::default()
            },
        ),
        (
            "fail",
            Filter {
                verdict: Some(Verdict::Fail),
                ..Filter::default()
            },
        ),
        (
            "resubmission",
            Filter {
                attempt: AttemptFilter::Resubmission,
                ..Filter::default()
            },
        ),
        (
            "school",
            Filter {
                school,
                ..Filter::default()
            },
        ),
        (
            "search_name",
            Filter {
                search: name.unwrap_or_default(),
                ..Filter::default()
            },
        ),
        (
            "search_id",
            Filter {
                search: "0101".into(),
                ..Filter::default()
            },
        ),
    ];
    for (label, f) in filters {
        let mut best = f64::MAX;
        for _ in 0..5 {
            let t = Instant::now();
            q.set_filter(f.clone(), now);
            best = best.min(t.elapsed().as_secs_f64() * 1000.0);
        }
        println!(
            "filter {label:<13} rows={:<7} best_of_5_ms={best:.2}",
            q.view.len()
        );
    }
}
