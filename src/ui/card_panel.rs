//! The student card: who, which attempt, which fee, how much time is left.

use crate::i18n::Msg;
use chrono::Utc;
use chrono_tz::Tz;

use super::text::texts;
use super::{ReviewApp, theme};
use crate::domain::campaign::{FeeClass, format_local};
use crate::domain::clock::Countdown;
use crate::domain::id_number::IdNumber;

pub fn ui(ui: &mut egui::Ui, app: &ReviewApp) {
    let t = texts(app.lang);
    let Some(shown) = &app.review.shown else {
        return;
    };
    let d = &shown.detail;
    let s = &d.student;
    let local = |at| local_time(&d.timezone, at);
    ui.heading(&s.name);
    ui.colored_label(theme::state(d.state), d.state.label(app.lang));
    egui::Grid::new("student_card")
        .num_columns(2)
        .spacing([12.0, 4.0])
        .show(ui, |ui| {
            let masked = IdNumber::parse(&s.id_number)
                .map_or_else(|_| s.id_number.clone(), |id| id.masked());
            let rows = [
                (t.id_number, masked),
                (t.school, s.school.clone().unwrap_or_default()),
                (t.degree, s.degree.clone().unwrap_or_default()),
                (t.programme, s.programme.clone().unwrap_or_default()),
                (t.submitted, local(d.submitted_at)),
            ];
            for (k, v) in rows {
                ui.label(k);
                ui.label(v);
                ui.end_row();
            }
            ui.label(t.fee);
            let fee = match d.fee_class {
                FeeClass::InWindow => t.fee_in_window,
                FeeClass::Late => t.fee_late,
            };
            ui.label(fee);
            ui.end_row();
            if let Some(due) = d.review_due {
                ui.label(t.review_due);
                let c = Countdown::until(due, Utc::now());
                ui.colored_label(
                    theme::urgency(c.urgency()),
                    format!("{} ({})", local(due), c.text(app.lang)),
                );
                ui.end_row();
            }
        });
    let attempt = d.attempt.unwrap_or(d.attempts);
    ui.strong(Msg::new("ui-attempt").arg("n", attempt).render(app.lang));
}

/// Earlier decisions on this case, oldest first.
pub fn history_ui(ui: &mut egui::Ui, app: &ReviewApp) {
    let t = texts(app.lang);
    let Some(shown) = &app.review.shown else {
        return;
    };
    let d = &shown.detail;
    let local = |at| local_time(&d.timezone, at);
    if !d.history.is_empty() {
        ui.add_space(theme::PANEL_GAP);
        ui.label(egui::RichText::new(t.history).strong());
        for h in &d.history {
            let reasons: Vec<&str> = h.reasons.iter().map(|r| r.label(app.lang)).collect();
            ui.label(format!(
                "{} · {} · {} {}",
                local(h.decided_at),
                h.reviewer,
                h.kind.code(),
                reasons.join("、")
            ));
        }
    }
}

/// A UTC instant in the campaign's timezone (Asia/Shanghai if the stored name is unknown).
fn local_time(timezone: &str, at: chrono::DateTime<Utc>) -> String {
    let tz: Tz = timezone.parse().unwrap_or(chrono_tz::Asia::Shanghai);
    format_local(at, tz)
}
