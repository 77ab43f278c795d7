//! The automatic check results of the photo on screen, worst first.

use super::text::texts;
use super::{ReviewApp, theme};
use crate::checks::result::Verdict;

pub fn ui(ui: &mut egui::Ui, app: &ReviewApp) {
    let t = texts(app.lang);
    let Some(shown) = &app.shown else { return };
    ui.label(egui::RichText::new(t.checks).strong());
    let Some(report) = &shown.report else {
        ui.colored_label(theme::MUTED, t.checks_missing);
        return;
    };
    let mut checks: Vec<_> = report.checks.iter().collect();
    // Failures first, then warnings; "not assessed" after them, passes last.
    checks.sort_by_key(|c| match c.verdict {
        Verdict::Fail => 0,
        Verdict::Warn => 1,
        Verdict::Error => 2,
        Verdict::Pass => 3,
    });
    egui::Grid::new("checks")
        .num_columns(2)
        .spacing([8.0, 2.0])
        .show(ui, |ui| {
            for c in checks {
                ui.colored_label(
                    theme::verdict(c.verdict),
                    format!(
                        "{} {}",
                        theme::verdict_mark(c.verdict),
                        c.verdict.label(app.lang)
                    ),
                );
                ui.label(c.message(app.lang))
                    .on_hover_text(format!("{} · {}", c.id, c.threshold));
                ui.end_row();
            }
        });
}
