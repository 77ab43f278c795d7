//! The whole check pipeline for one upload: decode once, then every check family.

use crate::domain::spec::PhotoSpec;

use super::file::check_file;
use super::result::{CheckResult, Report, Verdict};
use crate::domain::reasons::ReasonCode;

/// Runs every automatic check on the upload bytes. Never panics on user data: an unreadable
/// file gives a failing `file.decode` and "not assessed" results, not an error.
pub fn run(bytes: &[u8], spec: &PhotoSpec) -> Report {
    let (report, _decoded) = check_file(bytes, spec);
    report
}

/// The report of a file that could not even be read from disk.
pub fn unreadable(why: &str) -> Report {
    let decode = CheckResult::new(
        "file.decode",
        Verdict::Fail,
        "readable image",
        format!("无法读取文件：{why}"),
        format!("Cannot read the file: {why}"),
    )
    .with_reasons(&[ReasonCode::WrongFormat]);
    Report {
        width: None,
        height: None,
        checks: vec![decode],
    }
}
