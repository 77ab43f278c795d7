//! The queue on the left: most urgent first, virtualised so thousands of rows scroll smoothly.

use chrono::Utc;

use super::text::texts;
use super::{Command, ReviewApp, theme};
use crate::domain::clock::Countdown;

pub fn ui(ui: &mut egui::Ui, app: &ReviewApp, out: &mut Vec<Command>) {
    let t = texts(app.lang);
    let now = Utc::now();
    let overdue = app.queue.iter().filter(|q| q.review_due < now).count();
    ui.horizontal(|ui| {
        ui.heading(t.queue);
        ui.label(app.queue.len().to_string());
        if overdue > 0 {
            ui.colored_label(theme::LATE, format!("{overdue} {}", t.overdue));
        }
    });
    ui.separator();
    if !app.queue_loaded {
        ui.spinner();
        return;
    }
    if app.queue.is_empty() {
        ui.label(t.queue_empty);
        return;
    }
    let id_salt = "queue_rows";
    let mut area = egui::ScrollArea::vertical()
        .id_salt(id_salt)
        .auto_shrink(false);
    if let Some(i) = app.selected.filter(|_| app.scroll_to_selected.take()) {
        // Rows are virtualised, so an off-screen row cannot scroll itself into view: when the
        // selection left the visible range, put it a few rows below the top.
        let row = theme::QUEUE_ROW_HEIGHT + ui.spacing().item_spacing.y;
        let top = i as f32 * row;
        let state = egui::scroll_area::State::load(ui.ctx(), ui.make_persistent_id(id_salt));
        let offset = state.map_or(0.0, |s| s.clamped_offset().y);
        if top < offset || top + row > offset + ui.available_height() {
            area = area.vertical_scroll_offset((top - 3.0 * row).max(0.0));
        }
    }
    area.show_rows(ui, theme::QUEUE_ROW_HEIGHT, app.queue.len(), |ui, rows| {
        for i in rows {
            let item = &app.queue[i];
            let countdown = Countdown::until(item.review_due, now);
            let selected = app.selected == Some(i);
            let text = format!(
                "{}  ·  {}\n{}",
                item.student,
                t.attempt.replace("{}", &item.attempt.to_string()),
                countdown.text(app.lang)
            );
            let label = egui::RichText::new(text).color(theme::urgency(countdown.urgency()));
            let resp = ui
                .with_layout(egui::Layout::top_down_justified(egui::Align::LEFT), |ui| {
                    ui.add(
                        egui::Button::selectable(selected, label)
                            .min_size(egui::vec2(0.0, theme::QUEUE_ROW_HEIGHT - 4.0)),
                    )
                })
                .inner;
            if resp.clicked() {
                out.push(Command::Select(i));
            }
        }
    });
}
