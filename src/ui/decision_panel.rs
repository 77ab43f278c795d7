//! Approve, reject with reasons, escalate. Buttons emit the same commands as the keys.

use super::text::texts;
use super::{Command, ReviewApp, theme};
use crate::domain::case::DecisionKind;
use crate::domain::reasons::{ReasonCategory, ReasonCode};

pub fn ui(ui: &mut egui::Ui, app: &mut ReviewApp, out: &mut Vec<Command>) {
    let t = texts(app.lang);
    if app.shown.is_none() {
        return;
    }
    let busy = app.in_flight.is_some();
    ui.add_enabled_ui(!busy, |ui| {
        ui.horizontal(|ui| {
            if ui
                .add(egui::Button::new(
                    egui::RichText::new(t.approve).color(theme::CALM),
                ))
                .clicked()
            {
                out.push(Command::Decide(DecisionKind::Approve));
            }
            if ui
                .add(egui::Button::new(
                    egui::RichText::new(t.reject).color(theme::LATE),
                ))
                .clicked()
            {
                out.push(Command::Decide(DecisionKind::Reject));
            }
            if ui.button(t.escalate).clicked() {
                out.push(Command::Decide(DecisionKind::Escalate));
            }
        });
    });
    if busy {
        ui.spinner();
    }
    ui.add_space(theme::PANEL_GAP);
    ui.label(egui::RichText::new(t.reasons).strong());
    ui.add(egui::TextEdit::singleline(&mut app.note).hint_text(t.note_hint));
    for category in ReasonCategory::ALL {
        let codes: Vec<ReasonCode> = ReasonCode::ALL
            .into_iter()
            .filter(|r| r.category() == category)
            .collect();
        if codes.is_empty() {
            continue;
        }
        egui::CollapsingHeader::new(category.label(app.lang))
            .default_open(false)
            .show(ui, |ui| {
                for code in codes {
                    let mut on = app.reasons.contains(&code);
                    if ui
                        .checkbox(&mut on, code.label(app.lang))
                        .on_hover_text(code.code())
                        .changed()
                    {
                        out.push(Command::ToggleReason(code));
                    }
                }
            });
    }
}
