//! The `?` sheet: every action with its keys, straight from the key map.

use super::Command;
use super::actions::all_actions;
use super::text::texts;
use crate::domain::lang::Lang;

pub fn ui(ctx: &egui::Context, lang: Lang, out: &mut Vec<Command>) {
    let t = texts(lang);
    let mut open = true;
    egui::Window::new(t.help_title)
        .collapsible(false)
        .resizable(false)
        .open(&mut open)
        .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
        .show(ctx, |ui| {
            egui::Grid::new("shortcut_sheet")
                .num_columns(2)
                .spacing([24.0, 6.0])
                .striped(true)
                .show(ui, |ui| {
                    for action in all_actions() {
                        ui.monospace(action.keys_text());
                        ui.label(action.label(lang));
                        ui.end_row();
                    }
                });
            ui.add_space(6.0);
            ui.weak(t.picker_help);
        });
    let esc = ctx.input(|i| i.key_pressed(egui::Key::Escape));
    if !open || esc {
        out.push(Command::ToggleHelp);
    }
}
