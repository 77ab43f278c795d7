//! The reason picker `R` opens: reasons suggested by the failed checks come first and start
//! ticked, number keys toggle the numbered rows, typing filters the catalogue, `Enter`
//! confirms the rejection (and advances), `Esc` closes without deciding.

use std::collections::BTreeSet;

use egui::Key;

use super::text::texts;
use super::{Command, theme};
use crate::domain::lang::Lang;
use crate::domain::reasons::ReasonCode;

/// Number keys that toggle the first rows of the list.
const NUMBER_KEYS: [Key; 9] = [
    Key::Num1,
    Key::Num2,
    Key::Num3,
    Key::Num4,
    Key::Num5,
    Key::Num6,
    Key::Num7,
    Key::Num8,
    Key::Num9,
];

/// The open picker's own state (the ticked reasons belong to the decision draft).
#[derive(Debug, Default)]
pub struct ReasonPicker {
    pub filter: String,
}

/// The reasons the picker lists for `filter`: suggested ones first, then ticked ones, then the
/// rest of the catalogue in its order. Matches the label in either language or the code.
pub fn listed(
    filter: &str,
    suggested: &[ReasonCode],
    ticked: &BTreeSet<ReasonCode>,
) -> Vec<ReasonCode> {
    let needle = filter.trim().to_lowercase();
    let hit = |r: &ReasonCode| {
        needle.is_empty()
            || r.label(Lang::Zh).contains(&needle)
            || r.label(Lang::En).to_lowercase().contains(&needle)
            || r.code().to_lowercase().contains(&needle)
    };
    let rank = |r: &ReasonCode| {
        if suggested.contains(r) {
            0
        } else if ticked.contains(r) {
            1
        } else {
            2
        }
    };
    let mut out: Vec<ReasonCode> = ReasonCode::ALL.into_iter().filter(hit).collect();
    out.sort_by_key(rank); // Stable: catalogue order within each rank.
    out
}

/// Draws the picker as a modal and emits commands.
pub struct PickerView<'a> {
    pub picker: &'a mut ReasonPicker,
    pub ticked: &'a BTreeSet<ReasonCode>,
    pub suggested: &'a [ReasonCode],
    pub note: &'a mut String,
    pub lang: Lang,
}

impl PickerView<'_> {
    pub fn ui(self, ctx: &egui::Context, out: &mut Vec<Command>) {
        let t = texts(self.lang);
        let rows = listed(&self.picker.filter, self.suggested, self.ticked);
        // Keys first, so a digit toggles a row instead of landing in the filter field.
        ctx.input_mut(|i| {
            for (n, key) in NUMBER_KEYS.iter().enumerate() {
                if i.consume_key(egui::Modifiers::NONE, *key)
                    && let Some(r) = rows.get(n)
                {
                    out.push(Command::ToggleReason(*r));
                }
            }
            if i.consume_key(egui::Modifiers::NONE, Key::Enter) {
                out.push(Command::ConfirmReject);
            }
        });
        let modal = egui::Modal::new(egui::Id::unique("reason_picker")).show(ctx, |ui| {
            ui.set_width(460.0);
            ui.heading(t.picker_title);
            ui.weak(t.picker_help);
            let filter = ui.add(
                egui::TextEdit::singleline(&mut self.picker.filter)
                    .hint_text(t.picker_filter_hint)
                    .desired_width(f32::INFINITY),
            );
            // Typing goes to the filter at once; digits are row keys, never filter text.
            if !filter.has_focus() && !ui.ctx().memory(|m| m.focused().is_some()) {
                filter.request_focus();
            }
            self.picker.filter.retain(|c| !c.is_ascii_digit());
            ui.add_space(theme::PANEL_GAP);
            egui::ScrollArea::vertical()
                .max_height(360.0)
                .show(ui, |ui| self.rows_ui(ui, &rows, out));
            ui.add(egui::TextEdit::singleline(self.note).hint_text(t.note_hint));
            ui.add_space(theme::PANEL_GAP);
            ui.horizontal(|ui| {
                let confirm = egui::RichText::new(t.confirm_reject).color(theme::LATE);
                if ui
                    .add_enabled(!self.ticked.is_empty(), egui::Button::new(confirm))
                    .clicked()
                {
                    out.push(Command::ConfirmReject);
                }
                if ui.button(t.cancel).clicked() {
                    out.push(Command::ClosePicker);
                }
            });
        });
        if modal.should_close() {
            out.push(Command::ClosePicker);
        }
    }

    fn rows_ui(&self, ui: &mut egui::Ui, rows: &[ReasonCode], out: &mut Vec<Command>) {
        let t = texts(self.lang);
        for (n, r) in rows.iter().enumerate() {
            ui.horizontal(|ui| {
                let number = if n < NUMBER_KEYS.len() {
                    format!("{}", n + 1)
                } else {
                    String::new()
                };
                ui.add_sized(
                    [18.0, 16.0],
                    egui::Label::new(egui::RichText::new(number).weak()),
                );
                let mut on = self.ticked.contains(r);
                if ui
                    .checkbox(&mut on, r.label(self.lang))
                    .on_hover_text(r.code())
                    .changed()
                {
                    out.push(Command::ToggleReason(*r));
                }
                if self.suggested.contains(r) {
                    ui.colored_label(theme::SOON, t.picker_suggested);
                }
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggested_reasons_come_first_then_ticked_then_the_catalogue() {
        let suggested = [ReasonCode::Blurry];
        let ticked: BTreeSet<_> = [ReasonCode::FaceTooDark].into();
        let rows = listed("", &suggested, &ticked);
        assert_eq!(rows.len(), ReasonCode::ALL.len());
        assert_eq!(&rows[..2], &[ReasonCode::Blurry, ReasonCode::FaceTooDark]);
    }

    #[test]
    fn typing_filters_by_either_language_or_code() {
        let none = BTreeSet::new();
        let zh = listed("背景", &[], &none);
        assert!(!zh.is_empty() && zh.iter().all(|r| r.label(Lang::Zh).contains("背景")));
        let en = listed("blur", &[], &none);
        assert!(en.contains(&ReasonCode::Blurry));
        assert_eq!(listed("wrong_size", &[], &none), [ReasonCode::WrongSize]);
        assert!(listed("zzzz", &[], &none).is_empty());
    }
}
