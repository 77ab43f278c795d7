//! Approve, reject with reasons, escalate, undo. Buttons emit the same commands as the keys.

use super::text::texts;
use super::{Action, Command, ReviewApp, theme};
use crate::domain::case::DecisionKind;
use crate::i18n::Msg;

pub fn ui(ui: &mut egui::Ui, app: &mut ReviewApp, out: &mut Vec<Command>) {
    let t = texts(app.lang);
    if app.review.shown.is_none() {
        return;
    }
    if let Some(holder) = &app.review.held_by {
        ui.colored_label(
            theme::SOON,
            format!(
                "{} · {}",
                t.read_only,
                Msg::new("ui-held-by").arg("who", holder).render(app.lang)
            ),
        );
    }
    let busy = app.review.in_flight.is_some();
    let tip = |a: Action| format!("{} ({})", a.label(app.lang), a.keys_text());
    ui.add_enabled_ui(!busy && app.review.held_by.is_none(), |ui| {
        ui.horizontal(|ui| {
            let approve = egui::RichText::new(t.approve).color(theme::CALM);
            if ui
                .button(approve)
                .on_hover_text(tip(Action::Approve))
                .clicked()
            {
                out.push(Command::Decide(DecisionKind::Approve));
            }
            let reject = egui::RichText::new(t.reject).color(theme::LATE);
            if ui
                .button(reject)
                .on_hover_text(tip(Action::Reject))
                .clicked()
            {
                out.push(Command::OpenReasonPicker);
            }
            if ui
                .button(t.escalate)
                .on_hover_text(tip(Action::Escalate))
                .clicked()
            {
                out.push(Command::Decide(DecisionKind::Escalate));
            }
        });
    });
    ui.horizontal(|ui| {
        if busy {
            ui.spinner();
        }
        if ui
            .add_enabled(
                !app.review.undo_stack.is_empty() && !busy,
                egui::Button::new(t.undo),
            )
            .on_hover_text(tip(Action::Undo))
            .clicked()
        {
            out.push(Command::Undo);
        }
    });
    ui.add_space(theme::PANEL_GAP);
    ui.label(egui::RichText::new(t.reasons).strong());
    if app.review.draft.reasons.is_empty() {
        ui.weak(t.no_reason_ticked);
    }
    let suggested = app.suggested();
    for r in app.review.draft.reasons.clone() {
        ui.horizontal(|ui| {
            if ui.small_button("×").clicked() {
                out.push(Command::ToggleReason(r));
            }
            ui.label(r.label(app.lang));
            if suggested.contains(&r) {
                ui.colored_label(theme::SOON, t.picker_suggested);
            }
        });
    }
    ui.add(egui::TextEdit::singleline(&mut app.review.draft.note).hint_text(t.note_hint));
}
