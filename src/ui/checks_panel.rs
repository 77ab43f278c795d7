//! The automatic check results of the photo on screen, worst first. Clicking a check shows
//! its overlay alone on the photo; clicking it again shows all overlays.

use super::text::texts;
use super::{Command, ReviewApp, theme};
use crate::checks::result::Verdict;

pub fn ui(ui: &mut egui::Ui, app: &ReviewApp, out: &mut Vec<Command>) {
    let t = texts(app.lang);
    let Some(shown) = &app.review.shown else {
        return;
    };
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
    for c in checks {
        let picked = app.view.viewer.highlight == Some(c.id);
        let mark = format!(
            "{} {}",
            theme::verdict_mark(c.verdict),
            c.verdict.label(app.lang)
        );
        // "Not assessed" messages say why, not what: name the check.
        let text = if c.verdict == Verdict::Error {
            format!("{} · {}", c.id, c.message(app.lang))
        } else {
            c.message(app.lang)
        };
        let resp = ui
            .horizontal_top(|ui| {
                ui.add_sized(
                    [64.0, 16.0],
                    egui::Label::new(egui::RichText::new(mark).color(theme::verdict(c.verdict))),
                );
                ui.add(egui::Button::selectable(picked, text).wrap_mode(egui::TextWrapMode::Wrap))
            })
            .inner;
        let resp = resp.on_hover_text(format!("{} · {}", c.id, c.threshold));
        if resp.clicked() {
            out.push(Command::Highlight(Some(c.id)));
        }
    }
}
