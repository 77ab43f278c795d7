//! Marks a build whose tests have a `PostgreSQL` server (`IDPHOTO_TEST_PG` set), so the
//! `PostgreSQL` half of the tests is reported as ignored, not passed, when there is none.

fn main() {
    println!("cargo::rerun-if-env-changed=IDPHOTO_TEST_PG");
    println!("cargo::rustc-check-cfg=cfg(idphoto_test_pg)");
    if std::env::var_os("IDPHOTO_TEST_PG").is_some_and(|v| !v.is_empty()) {
        println!("cargo::rustc-cfg=idphoto_test_pg");
    }
}
