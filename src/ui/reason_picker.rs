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
#[derive(Debug)]
pub struct ReasonPicker {
    pub filter: String,
    /// Frames left in which typed text is dropped: the `R` that opened the picker arrives as
    /// text too, sometimes a frame later, and must not land in the filter.
    settling_frames: u8,
}

impl Default for ReasonPicker {
    fn default() -> Self {
        Self {
            filter: String::new(),
            settling_frames: 3,
        }
    }
}

/// The reasons the picker lists for `filter`: suggested ones first, then the rest of the
/// catalogue in its order. Ticking never reorders rows, so a row keeps its number key.
/// Matches the label in either language or the code.
pub fn listed(filter: &str, suggested: &[ReasonCode]) -> Vec<ReasonCode> {
    let needle = filter.trim().to_lowercase();
    let hit = |r: &ReasonCode| {
        needle.is_empty()
            || r.label(Lang::Zh).contains(&needle)
            || r.label(Lang::En).to_lowercase().contains(&needle)
            || r.code().to_lowercase().contains(&needle)
    };
    let rank = |r: &ReasonCode| u8::from(!suggested.contains(r));
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
        let rows = listed(&self.picker.filter, self.suggested);
        let settling = self.picker.settling_frames > 0;
        self.picker.settling_frames = self.picker.settling_frames.saturating_sub(1);
        // Keys first, so a digit toggles a row instead of landing in the filter field.
        ctx.input_mut(|i| {
            if settling {
                i.events.retain(|e| !matches!(e, egui::Event::Text(_)));
            }
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
    fn suggested_reasons_come_first_and_ticking_does_not_renumber() {
        let suggested = [ReasonCode::Blurry];
        let rows = listed("", &suggested);
        assert_eq!(rows.len(), ReasonCode::ALL.len());
        assert_eq!(rows[0], ReasonCode::Blurry);
        assert_eq!(rows[1], ReasonCode::ALL[0]);
    }

    #[test]
    fn typing_filters_by_either_language_or_code() {
        let zh = listed("背景", &[]);
        assert!(!zh.is_empty() && zh.iter().all(|r| r.label(Lang::Zh).contains("背景")));
        let en = listed("blur", &[]);
        assert!(en.contains(&ReasonCode::Blurry));
        assert_eq!(listed("wrong_size", &[]), [ReasonCode::WrongSize]);
        assert!(listed("zzzz", &[]).is_empty());
    }
}
