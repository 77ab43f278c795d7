//! The photo in the centre, fitted to the space.

use super::text::Texts;
use super::{ReviewApp, theme};

pub fn ui(ui: &mut egui::Ui, app: &ReviewApp, t: &Texts) {
    let Some(shown) = &app.shown else {
        ui.centered_and_justified(|ui| {
            ui.label(if app.queue_loaded {
                t.no_selection
            } else {
                t.loading
            });
        });
        return;
    };
    match (&shown.texture, &shown.photo_error) {
        (Some(tex), _) => {
            ui.centered_and_justified(|ui| {
                ui.add(
                    egui::Image::new(tex)
                        .fit_to_exact_size(ui.available_size())
                        .maintain_aspect_ratio(true),
                );
            });
        }
        (None, err) => {
            ui.centered_and_justified(|ui| {
                ui.colored_label(
                    theme::ERROR_TEXT,
                    format!("{}: {}", t.photo_unreadable, err.as_deref().unwrap_or("")),
                );
            });
        }
    }
}
