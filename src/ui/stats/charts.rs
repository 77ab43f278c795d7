//! The charts of the statistics screen (`egui_plot`), fixed in place so the page scrolls.

use chrono_tz::Tz;
use egui_plot::{AxisHints, Bar, BarChart, GridInput, GridMark, Legend, Plot, VLine};

use crate::domain::lang::Lang;
use crate::domain::reasons::ReasonCode;
use crate::domain::stats::HourCount;
use crate::store::{REVIEW_TIME_BUCKET_HOURS, ReviewTime, ReviewerCount};
use crate::ui::text::stats_texts;
use crate::ui::theme;

/// A static plot: no zoom, drag or scroll, which would fight the page's scrolling.
fn plot(id: &str) -> Plot<'static> {
    Plot::new(id)
        .height(theme::CHART_HEIGHT)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
}

/// Grid marks at every whole number, so each bar of a category chart gets its label.
#[allow(clippy::needless_pass_by_value)] // The signature `egui_plot` asks of a grid spacer.
fn every_integer(input: GridInput) -> Vec<GridMark> {
    let (lo, hi) = input.bounds;
    (lo.ceil() as i64..=hi.floor() as i64)
        .map(|i| GridMark {
            value: i as f64,
            step_size: 1.0,
        })
        .collect()
}

/// The label of an integer grid mark `i` when it names an item of `len`, else nothing.
fn index_of(value: f64, len: usize) -> Option<usize> {
    let i = value.round();
    ((value - i).abs() < 1e-6 && i >= 0.0 && (i as usize) < len).then_some(i as usize)
}

/// Three stacked series (approved, rejected, escalated) over `values` at x = 0, 1, ….
fn stacked(lang: Lang, values: &[(u64, u64, u64)]) -> [BarChart; 3] {
    let t = stats_texts(lang);
    let series = |name: &str, pick: fn(&(u64, u64, u64)) -> u64, colour| {
        let bars = values
            .iter()
            .enumerate()
            .map(|(i, v)| Bar::new(i as f64, pick(v) as f64).width(0.8))
            .collect();
        BarChart::new(name, bars).color(colour)
    };
    let approved = series(t.approved, |v| v.0, theme::CHART_APPROVED);
    let rejected = series(t.rejected, |v| v.1, theme::CHART_REJECTED).stack_on(&[&approved]);
    let escalated =
        series(t.escalated, |v| v.2, theme::CHART_ESCALATED).stack_on(&[&approved, &rejected]);
    [approved, rejected, escalated]
}

/// Decisions per clock hour, stacked by kind; the x axis shows local hours.
pub fn per_hour_ui(ui: &mut egui::Ui, lang: Lang, hours: &[HourCount], tz: Tz) {
    let values: Vec<_> = hours
        .iter()
        .map(|h| (h.approved, h.rejected, h.escalated))
        .collect();
    let starts: Vec<String> = hours
        .iter()
        .map(|h| h.start.with_timezone(&tz).format("%H:00").to_string())
        .collect();
    let charts = stacked(lang, &values);
    plot("stats_per_hour")
        .legend(Legend::default())
        .x_axis_formatter(move |mark, _| {
            index_of(mark.value, starts.len())
                .map(|i| starts[i].clone())
                .unwrap_or_default()
        })
        .show(ui, |p| charts.into_iter().for_each(|c| p.add(c)));
}

/// Decisions per reviewer, stacked by kind.
pub fn per_reviewer_ui(ui: &mut egui::Ui, lang: Lang, reviewers: &[ReviewerCount]) {
    let values: Vec<_> = reviewers
        .iter()
        .map(|r| (r.approved, r.rejected, r.escalated))
        .collect();
    let names: Vec<String> = reviewers.iter().map(|r| r.reviewer.clone()).collect();
    let charts = stacked(lang, &values);
    plot("stats_per_reviewer")
        .legend(Legend::default())
        .x_grid_spacer(every_integer)
        .x_axis_formatter(move |mark, _| {
            index_of(mark.value, names.len())
                .map(|i| names[i].clone())
                .unwrap_or_default()
        })
        .show(ui, |p| charts.into_iter().for_each(|c| p.add(c)));
}

/// Rejection reasons as horizontal bars, the most frequent at the top, labels localized.
pub fn reasons_ui(ui: &mut egui::Ui, lang: Lang, reasons: &[(ReasonCode, u64)]) {
    let t = stats_texts(lang);
    let n = reasons.len();
    // Bar i sits at y = n - 1 - i so the list reads top-down like a ranking.
    let labels: Vec<String> = reasons
        .iter()
        .rev()
        .map(|(r, _)| r.label(lang).to_owned())
        .collect();
    let bars = reasons
        .iter()
        .enumerate()
        .map(|(i, (_, count))| Bar::new((n - 1 - i) as f64, *count as f64).width(0.7))
        .collect();
    let chart = BarChart::new(t.rejected, bars)
        .color(theme::CHART_BAR)
        .horizontal();
    plot("stats_reasons")
        .height(theme::CHART_HEIGHT.max(22.0 * n as f32))
        .y_grid_spacer(every_integer)
        .custom_y_axes(vec![
            AxisHints::new_y()
                .min_thickness(150.0)
                // Bars are ~22 px apart: let their labels show at that density.
                .label_spacing(10.0..=14.0)
                .formatter(move |mark, _| {
                    index_of(mark.value, labels.len())
                        .map(|i| labels[i].clone())
                        .unwrap_or_default()
                }),
        ])
        .show(ui, |p| p.add(chart));
}

/// The distribution of upload-to-review times with the promise as a vertical line.
pub fn review_time_ui(ui: &mut egui::Ui, lang: Lang, rt: &ReviewTime) {
    let t = stats_texts(lang);
    let width = REVIEW_TIME_BUCKET_HOURS as f64;
    let bars = rt
        .histogram
        .iter()
        .enumerate()
        .map(|(i, n)| Bar::new((i as f64 + 0.5) * width, *n as f64).width(width * 0.9))
        .collect();
    let chart = BarChart::new(t.decisions, bars).color(theme::CHART_BAR);
    let promise = VLine::new(
        format!("{} {} {}", t.promise, rt.promise_hours, t.hours),
        rt.promise_hours as f64,
    )
    .color(theme::CHART_PROMISE)
    .width(2.0);
    plot("stats_review_time")
        .legend(Legend::default())
        .x_axis_label(t.hours)
        .show(ui, |p| {
            p.add(chart);
            p.add(promise);
        });
}
