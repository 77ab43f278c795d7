//! The "find a student" filter: name prefix or exact document number, any state.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic.

mod common;
use common::db::TestDb;

use idphoto_review::store::Store;

both_backends! {
    fn find_cases_matches_a_name_prefix_or_a_document_number() {
        let tdb = TestDb::new();
        common::populated(&tdb.location, 120);
        let store = Store::open(&tdb.location).unwrap();
        // 学生1, 学生10..学生19, 学生100..学生119: 1 + 10 + 20 names start with "学生1".
        let hits = store.find_cases("学生1", 100).unwrap();
        assert_eq!(hits.len(), 31);
        assert!(hits.iter().all(|h| h.student.starts_with("学生1")));
        assert!(hits.windows(2).all(|w| w[0].student <= w[1].student));
        assert_eq!(store.find_cases("学生1", 5).unwrap().len(), 5);
        let by_id = store
            .find_cases(&common::id(42).to_lowercase(), 10)
            .unwrap();
        assert_eq!(by_id.len(), 1);
        assert_eq!(by_id[0].student, "学生42");
        assert!(store.find_cases("nobody", 10).unwrap().is_empty());
    }
}
