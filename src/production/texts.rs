//! The words of the printed documents (sheets, packing lists) in both languages.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use crate::domain::campaign::format_local;
use crate::domain::lang::Lang;
use crate::domain::production::Standing;
use crate::i18n::{self, Msg, labels};

labels!(
    /// The fixed words of the print sheets and packing lists (`doc-…` in `documents.ftl`).
    DocTexts,
    "doc",
    [
        sheets,
        packing_list,
        campaign,
        school,
        batch,
        no_batch,
        made_at,
        made_by,
        roster,
        in_envelope,
        not_in_envelope,
        programme,
        name,
        student_no,
        id_masked,
        contents,
        status,
        detail,
        copies,
        withdraw,
        reprint
    ]
);

pub fn doc_texts(lang: Lang) -> &'static DocTexts {
    DocTexts::of(lang)
}

/// The status of a roster student as the packing list says it.
pub fn standing_label(s: Standing, lang: Lang) -> &'static str {
    let key = match s {
        Standing::InEnvelope => "in-envelope",
        Standing::PrintedEarlier { .. } => "printed-earlier",
        Standing::ApprovedNotPrinted => "approved-not-printed",
        Standing::AwaitingReview => "awaiting-review",
        Standing::RejectedWaiting { .. } => "rejected-waiting",
        Standing::CollectionFailed { makeup: Some(_) } => "failed-makeup",
        Standing::CollectionFailed { makeup: None } => "failed-no-makeup",
        Standing::CollectedOffline => "collected-offline",
        Standing::NoUpload => "no-upload",
    };
    i18n::label(lang, &format!("doc-standing-{key}"))
}

/// The time that goes with a status (due time, make-up shoot, earlier print), local time.
pub fn standing_detail(s: Standing, tz: Tz, lang: Lang) -> String {
    let local = |at: DateTime<Utc>| format_local(at, tz);
    match s {
        Standing::RejectedWaiting { due: Some(due) } => Msg::new("doc-detail-new-photo-due")
            .arg("at", local(due))
            .render(lang),
        Standing::CollectionFailed { makeup: Some(at) } => Msg::new("doc-detail-makeup")
            .arg("at", local(at))
            .render(lang),
        Standing::PrintedEarlier { at } => Msg::new("doc-detail-printed")
            .arg("at", local(at))
            .render(lang),
        _ => String::new(),
    }
}
