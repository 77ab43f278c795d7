//! Resubmission comparison: the previous upload beside the current one, zoom and pan in sync,
//! with the reasons it was rejected for and whether the new file is really a new photo.

use super::text::{Texts, texts};
use super::viewer::{self, PhotoView};
use super::{Command, ReviewApp, Shown, theme};
use crate::checks::phash::{NEAR_IDENTICAL_BITS, distance};
use crate::domain::case::DecisionKind;
use crate::i18n::Msg;

/// How the new upload relates to the previous one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Likeness {
    /// Byte-identical file.
    SameFile,
    /// Perceptual-hash distance at most [`NEAR_IDENTICAL_BITS`].
    NearlySame(u32),
    Different(u32),
    Unknown,
}

/// Compares the photo on screen with its previous upload.
pub fn likeness(shown: &Shown) -> Likeness {
    let Some(prev) = shown.earlier.first() else {
        return Likeness::Unknown;
    };
    let same_file = shown
        .detail
        .earlier
        .first()
        .is_some_and(|e| e.photo_sha256 == shown.detail.photo_sha256);
    if same_file {
        return Likeness::SameFile;
    }
    match (shown.phash, prev.phash) {
        (Some(a), Some(b)) => {
            let d = distance(a, b);
            if d <= NEAR_IDENTICAL_BITS {
                Likeness::NearlySame(d)
            } else {
                Likeness::Different(d)
            }
        }
        _ => Likeness::Unknown,
    }
}

pub fn ui(ui: &mut egui::Ui, app: &mut ReviewApp, _out: &mut Vec<Command>) {
    let t = texts(app.lang);
    let Some(shown) = &app.review.shown else {
        return;
    };
    let Some(prev) = shown.earlier.first() else {
        return;
    };
    header_ui(ui, app, shown, t);
    let prev_label = match prev_attempt(shown) {
        Some(n) => Msg::new("ui-earlier-upload").arg("n", n).render(app.lang),
        None => t.recorded_upload.to_owned(),
    };
    let n = shown.detail.attempt.unwrap_or(shown.detail.attempts);
    let current_label = Msg::new("ui-attempt").arg("n", n).render(app.lang);
    let halves = [
        (
            prev_label,
            prev.texture.as_ref(),
            prev.error.as_ref().map(|m| m.render(app.lang)),
            None,
            None,
        ),
        (
            current_label,
            shown.texture.as_ref(),
            shown.photo_error.as_ref().map(|m| m.render(app.lang)),
            shown.report.as_ref(),
            shown.histogram.as_ref(),
        ),
    ];
    let lang = app.lang;
    // One viewer state drives both halves, so zoom and pan stay in sync.
    ui.columns(2, |columns| {
        for (column, (label, texture, error, report, histogram)) in columns.iter_mut().zip(halves) {
            column.label(egui::RichText::new(label).strong());
            match texture {
                Some(texture) => viewer::photo_ui(
                    column,
                    &mut app.view.viewer,
                    &PhotoView {
                        texture,
                        report,
                        histogram,
                        lang,
                    },
                ),
                None => {
                    column.colored_label(theme::ERROR_TEXT, error.unwrap_or_default());
                }
            }
        }
    });
}

fn prev_attempt(shown: &Shown) -> Option<u32> {
    shown.detail.earlier.first().and_then(|e| e.attempt)
}

fn header_ui(ui: &mut egui::Ui, app: &ReviewApp, shown: &Shown, t: &Texts) {
    let (text, colour) = match likeness(shown) {
        Likeness::SameFile => (t.same_photo.to_owned(), theme::LATE),
        Likeness::NearlySame(d) => (
            Msg::new("ui-near-same").arg("distance", d).render(app.lang),
            theme::LATE,
        ),
        Likeness::Different(d) => (
            Msg::new("ui-different-photo")
                .arg("distance", d)
                .render(app.lang),
            theme::CALM,
        ),
        Likeness::Unknown => (String::new(), theme::MUTED),
    };
    if !text.is_empty() {
        ui.colored_label(colour, egui::RichText::new(text).strong());
    }
    let prev_id = shown.detail.earlier.first().map(|e| e.submission_id);
    let reasons: Vec<&str> = shown
        .detail
        .history
        .iter()
        .filter(|h| Some(h.submission_id) == prev_id && h.kind == DecisionKind::Reject)
        .flat_map(|h| h.reasons.iter().map(|r| r.label(app.lang)))
        .collect();
    if !reasons.is_empty() {
        ui.label(format!("{}: {}", t.earlier_reasons, reasons.join("、")));
    }
}
