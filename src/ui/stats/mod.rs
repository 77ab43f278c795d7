//! The statistics screen: throughput, approval rate, rejection reasons, time to review against
//! the promise, roster coverage and fee classes. It draws a [`Stats`] handed in by the caller.

mod charts;

use crate::i18n::Msg;
use chrono_tz::Tz;

use crate::domain::campaign::FeeClass;
use crate::domain::lang::Lang;
use crate::domain::stats::percent;
use crate::store::Stats;
use crate::ui::text::{StatsTexts, stats_texts, texts};
use crate::ui::theme;

/// Coverage rows shown; the rest are summed in the total line.
const COVERAGE_ROWS: usize = 30;

/// What the statistics screen asks its caller to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatsCommand {
    /// Compute the statistics again and hand them to [`StatsScreen::set_stats`].
    Refresh,
}

/// The statistics screen.
#[derive(Debug)]
pub struct StatsScreen {
    stats: Option<Stats>,
    /// Timezone of the hour labels (the campaign's).
    timezone: Tz,
}

impl Default for StatsScreen {
    fn default() -> Self {
        Self::new(chrono_tz::Asia::Shanghai)
    }
}

/// "5 小时 12 分" / "5 h 12 min" for a duration in seconds.
fn duration_text(secs: i64, lang: Lang) -> String {
    let (h, m) = (secs.max(0) / 3600, secs.max(0) % 3600 / 60);
    Msg::new("duration-hours-minutes")
        .arg("h", h)
        .arg("m", m)
        .render(lang)
}

/// Fen as yuan with two decimals.
fn yuan(fen: i64) -> String {
    format!("{}.{:02}", fen / 100, (fen % 100).abs())
}

impl StatsScreen {
    pub fn new(timezone: Tz) -> Self {
        Self {
            stats: None,
            timezone,
        }
    }

    pub fn set_stats(&mut self, stats: Stats) {
        self.stats = Some(stats);
    }

    pub fn stats(&self) -> Option<&Stats> {
        self.stats.as_ref()
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, lang: Lang) -> Option<StatsCommand> {
        let t = stats_texts(lang);
        let mut out = None;
        ui.horizontal(|ui| {
            ui.heading(t.title);
            if ui.button(t.refresh).clicked() {
                out = Some(StatsCommand::Refresh);
            }
        });
        ui.separator();
        let Some(s) = &self.stats else {
            ui.spinner();
            return out;
        };
        egui::ScrollArea::vertical()
            .id_salt("stats_page")
            .auto_shrink(false)
            .show(ui, |ui| {
                summary_ui(ui, lang, s);
                ui.add_space(theme::PANEL_GAP);
                ui.columns(2, |cols| {
                    let hours = s.window_hours;
                    cols[0].strong(Msg::new("stats-per-hour").arg("hours", hours).render(lang));
                    charts::per_hour_ui(&mut cols[0], lang, &s.per_hour, self.timezone);
                    cols[1].strong(
                        Msg::new("stats-per-reviewer")
                            .arg("hours", hours)
                            .render(lang),
                    );
                    charts::per_reviewer_ui(&mut cols[1], lang, &s.per_reviewer);
                    cols[0].strong(t.review_time);
                    charts::review_time_ui(&mut cols[0], lang, &s.review_time);
                    cols[1].strong(t.top_reasons);
                    if s.top_reasons.is_empty() {
                        cols[1].weak(t.no_data);
                    } else {
                        charts::reasons_ui(&mut cols[1], lang, &s.top_reasons);
                    }
                });
                ui.add_space(theme::PANEL_GAP);
                ui.columns(2, |cols| {
                    coverage_ui(&mut cols[0], lang, s);
                    fees_ui(&mut cols[1], lang, s);
                });
            });
        out
    }
}

/// One line of headline figures: approval rate, median and p90, share within the promise.
fn summary_ui(ui: &mut egui::Ui, lang: Lang, s: &Stats) {
    let t = stats_texts(lang);
    let rt = &s.review_time;
    ui.horizontal_wrapped(|ui| {
        let rate = s
            .totals
            .approval_rate()
            .map_or_else(|| "-".to_owned(), |r| format!("{r:.1}%"));
        ui.label(format!(
            "{}: {rate} ({} {} / {} {} / {} {})",
            t.approval_rate,
            t.approved,
            s.totals.approved,
            t.rejected,
            s.totals.rejected,
            t.escalated,
            s.totals.escalated
        ));
        ui.separator();
        let dur = |v: Option<i64>| v.map_or_else(|| "-".to_owned(), |x| duration_text(x, lang));
        let median = rt.median_secs;
        let late = median.is_some_and(|m| m > rt.promise_hours * 3600);
        let colour = if late { theme::LATE } else { theme::CALM };
        ui.colored_label(colour, format!("{}: {}", t.median, dur(median)));
        ui.label(format!("{}: {}", t.p90, dur(rt.p90_secs)));
        ui.separator();
        ui.label(format!(
            "{}: {} / {} ({:.1}%)",
            Msg::new("stats-within-promise")
                .arg("hours", rt.promise_hours)
                .render(lang),
            rt.within_promise,
            rt.reviewed,
            percent(rt.within_promise, rt.reviewed)
        ));
    });
}

fn coverage_ui(ui: &mut egui::Ui, lang: Lang, s: &Stats) {
    let (t, base) = (stats_texts(lang), texts(lang));
    ui.strong(t.coverage);
    let or_unspecified = |v: &Option<String>| v.clone().unwrap_or_else(|| t.unspecified.into());
    egui::Grid::new("stats_coverage")
        .striped(true)
        .num_columns(5)
        .show(ui, |ui| {
            for h in [base.school, base.programme, t.roster, t.uploaded, t.missing] {
                ui.strong(h);
            }
            ui.end_row();
            for c in s.coverage.iter().take(COVERAGE_ROWS) {
                ui.label(or_unspecified(&c.school));
                ui.label(or_unspecified(&c.programme));
                ui.label(c.roster.to_string());
                ui.label(c.uploaded.to_string());
                let colour = if c.missing() > 0 {
                    theme::SOON
                } else {
                    theme::CALM
                };
                ui.colored_label(colour, c.missing().to_string());
                ui.end_row();
            }
            let sum = |f: fn(&crate::store::CoverageRow) -> u64| -> u64 {
                s.coverage.iter().map(f).sum()
            };
            ui.strong(t.total);
            ui.label("");
            ui.strong(sum(|c| c.roster).to_string());
            ui.strong(sum(|c| c.uploaded).to_string());
            ui.strong(sum(crate::store::CoverageRow::missing).to_string());
            ui.end_row();
        });
}

fn fee_label(class: FeeClass, lang: Lang) -> &'static str {
    let t = texts(lang);
    match class {
        FeeClass::InWindow => t.fee_in_window,
        FeeClass::Late => t.fee_late,
    }
}

fn fees_ui(ui: &mut egui::Ui, lang: Lang, s: &Stats) {
    let t: &StatsTexts = stats_texts(lang);
    ui.strong(t.fees);
    egui::Grid::new("stats_fees")
        .striped(true)
        .num_columns(3)
        .show(ui, |ui| {
            for h in [texts(lang).fee, t.students, t.amount_yuan] {
                ui.strong(h);
            }
            ui.end_row();
            for f in &s.fees {
                ui.label(fee_label(f.class, lang));
                ui.label(f.students.to_string());
                ui.label(yuan(f.sum_fen));
                ui.end_row();
            }
            ui.strong(t.total);
            ui.strong(s.fees.iter().map(|f| f.students).sum::<u64>().to_string());
            ui.strong(yuan(s.fees.iter().map(|f| f.sum_fen).sum()));
            ui.end_row();
        });
}

#[cfg(test)]
mod tests;
