//! The statistics screen renders its figures headless, in both languages.
#![allow(clippy::unwrap_used)] // Tests may panic.

use chrono::{TimeZone, Utc};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use super::*;
use crate::domain::reasons::ReasonCode;
use crate::domain::stats::{HourSlot, hour_buckets};
use crate::store::{CoverageRow, DecisionTotals, FeeRow, ReviewTime, ReviewerCount};

pub(crate) fn sample_stats() -> Stats {
    let now = Utc.with_ymd_and_hms(2026, 11, 28, 2, 30, 0).unwrap();
    let h = now.timestamp() / 3600;
    Stats {
        generated_at: now,
        window_hours: 24,
        per_hour: hour_buckets(
            now,
            24,
            &[
                (h, HourSlot::Approved, 12),
                (h, HourSlot::Rejected, 4),
                (h - 3, HourSlot::Escalated, 1),
            ],
        ),
        per_reviewer: vec![
            ReviewerCount {
                reviewer: "李静".into(),
                approved: 9,
                rejected: 3,
                escalated: 1,
            },
            ReviewerCount {
                reviewer: "王磊".into(),
                approved: 3,
                rejected: 1,
                escalated: 0,
            },
        ],
        totals: DecisionTotals {
            approved: 20,
            rejected: 5,
            escalated: 1,
        },
        top_reasons: vec![(ReasonCode::Blurry, 3), (ReasonCode::HeadSize, 2)],
        review_time: ReviewTime {
            reviewed: 25,
            median_secs: Some(5 * 3600 + 12 * 60),
            p90_secs: Some(50 * 3600),
            within_promise: 22,
            promise_hours: 48,
            histogram: vec![10, 5, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 7],
        },
        coverage: vec![CoverageRow {
            school: Some("文学院".into()),
            programme: None,
            roster: 40,
            uploaded: 31,
        }],
        fees: vec![
            FeeRow {
                class: FeeClass::InWindow,
                students: 30,
                sum_fen: 45_000,
            },
            FeeRow {
                class: FeeClass::Late,
                students: 1,
                sum_fen: 6_000,
            },
        ],
    }
}

/// A screen and whether the app fonts are installed yet.
type State = (StatsScreen, bool);

fn harness_with(lang: Lang, screen: StatsScreen) -> Harness<'static, State> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 1000.0))
        .build_ui_state(
            move |ui, (screen, fonts): &mut State| {
                // The first frame only installs the CJK font: drawing before it would panic.
                if !std::mem::replace(fonts, true) {
                    crate::ui::fonts::install(ui.ctx());
                    return;
                }
                screen.ui(ui, lang);
            },
            (screen, false),
        );
    h.run_steps(3);
    h
}

fn harness(lang: Lang) -> Harness<'static, State> {
    let mut screen = StatsScreen::default();
    screen.set_stats(sample_stats());
    harness_with(lang, screen)
}

#[test]
fn statistics_render_their_figures_in_chinese() {
    let h = harness(Lang::Zh);
    h.get_by_label("通过率: 80.0% (通过 20 / 不通过 5 / 提交主管 1)");
    h.get_by_label("中位数: 5 小时 12 分");
    h.get_by_label("48 小时内审核: 22 / 25 (88.0%)");
    h.get_by_label("（未填）");
    h.get_by_label("450.00");
    h.get_by_label("510.00");
    h.get_by_label("每小时审核量（近 24 小时）");
}

#[test]
fn statistics_render_in_english_and_without_data() {
    let h = harness(Lang::En);
    h.get_by_label("Median: 5 h 12 min");
    h.get_by_label("Reviewed within 48 h: 22 / 25 (88.0%)");
    let empty = harness_with(Lang::En, StatsScreen::default());
    empty.get_by_label("Statistics");
}

#[test]
fn yuan_and_durations_format() {
    assert_eq!(yuan(1500), "15.00");
    assert_eq!(yuan(6005), "60.05");
    assert_eq!(duration_text(3 * 3600 + 59, Lang::Zh), "3 小时 0 分");
}
