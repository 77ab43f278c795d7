//! Design tokens: urgency and state colours, spacing. Panels use these, never literals.

use egui::Color32;

use crate::checks::result::Verdict;
use crate::domain::case::CaseState;
use crate::domain::clock::Urgency;

pub const CALM: Color32 = Color32::from_rgb(46, 160, 67);
pub const SOON: Color32 = Color32::from_rgb(214, 140, 0);
pub const LATE: Color32 = Color32::from_rgb(207, 34, 46);
pub const MUTED: Color32 = Color32::from_rgb(130, 130, 130);
pub const ESCALATED: Color32 = Color32::from_rgb(130, 80, 223);
pub const ERROR_TEXT: Color32 = LATE;

pub const PANEL_GAP: f32 = 8.0;
pub const QUEUE_ROW_HEIGHT: f32 = 40.0;

pub fn urgency(u: Urgency) -> Color32 {
    match u {
        Urgency::Calm => CALM,
        Urgency::Soon => SOON,
        Urgency::Late => LATE,
    }
}

pub fn state(s: CaseState) -> Color32 {
    match s {
        CaseState::PendingReview => MUTED,
        CaseState::Escalated => ESCALATED,
        CaseState::Approved => CALM,
        CaseState::Rejected => SOON,
        CaseState::CollectionFailed => LATE,
    }
}

/// Verdict colours: "not assessed" is grey, never green.
pub fn verdict(v: Verdict) -> Color32 {
    match v {
        Verdict::Pass => CALM,
        Verdict::Warn => SOON,
        Verdict::Fail => LATE,
        Verdict::Error => MUTED,
    }
}

/// A mark that tells verdicts apart without colour (glyphs the embedded font has).
pub fn verdict_mark(v: Verdict) -> &'static str {
    match v {
        Verdict::Pass => "●",
        Verdict::Warn => "▲",
        Verdict::Fail => "×",
        Verdict::Error => "？",
    }
}

/// Guide bands (CHSI head-top and eye bands) and guide lines over the photo.
pub const GUIDE_BAND: Color32 = Color32::from_rgba_premultiplied(8, 24, 48, 28);
pub const GUIDE_LINE: Color32 = Color32::from_rgb(90, 170, 255);
pub const HISTOGRAM_BACKDROP: Color32 = Color32::from_rgba_premultiplied(0, 0, 0, 170);
/// Red, green, blue, luma.
pub const HISTOGRAM_CHANNELS: [Color32; 4] = [
    Color32::from_rgb(230, 80, 80),
    Color32::from_rgb(80, 200, 90),
    Color32::from_rgb(90, 140, 240),
    Color32::from_rgb(235, 235, 235),
];
pub const LOUPE_BORDER: Color32 = Color32::from_rgb(250, 250, 250);
/// The background behind the photo: neutral grey, so background colours are judged fairly.
pub const PHOTO_BACKDROP: Color32 = Color32::from_rgb(96, 96, 96);
pub const LOUPE_SIZE: f32 = 180.0;
pub const LOUPE_ZOOM: f32 = 4.0;
/// Deadline board: row height and column widths (points), in column order.
pub const BOARD_ROW_HEIGHT: f32 = 24.0;
pub const BOARD_COLUMN_WIDTHS: [f32; 8] = [96.0, 170.0, 120.0, 110.0, 130.0, 96.0, 90.0, 150.0];

/// Chart colours: decisions by kind, neutral bars, the promise line.
pub const CHART_APPROVED: Color32 = CALM;
pub const CHART_REJECTED: Color32 = SOON;
pub const CHART_ESCALATED: Color32 = ESCALATED;
pub const CHART_BAR: Color32 = Color32::from_rgb(66, 120, 200);
pub const CHART_PROMISE: Color32 = LATE;
pub const CHART_HEIGHT: f32 = 200.0;
