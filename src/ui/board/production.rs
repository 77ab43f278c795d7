//! The board's production list: per school and mailing batch, roster / approved / printed /
//! to print / not printed; a click on a row lists its students not printed with where they
//! stand, and a click on one of them opens the case file.

use super::BoardCommand;
use crate::domain::lang::Lang;
use crate::domain::production::masked_document;
use crate::production::{BatchOverview, standing_label};
use crate::ui::text::board_texts;
use crate::ui::theme;

/// The production list's data and which batch is open.
#[derive(Debug, Default)]
pub struct ProductionView {
    pub shown: bool,
    rows: Option<Vec<BatchOverview>>,
    open: Option<usize>,
}

impl ProductionView {
    pub fn set_rows(&mut self, rows: Vec<BatchOverview>) {
        // Keep the open batch open when it is still there.
        let key = self
            .open
            .and_then(|i| self.rows.as_ref()?.get(i))
            .map(|r| (r.campaign_id, r.school.clone(), r.batch.clone()));
        self.open = key.and_then(|k| {
            rows.iter()
                .position(|r| (r.campaign_id, r.school.clone(), r.batch.clone()) == k)
        });
        self.rows = Some(rows);
    }

    pub fn rows(&self) -> Option<&[BatchOverview]> {
        self.rows.as_deref()
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, lang: Lang) -> Option<BoardCommand> {
        let b = board_texts(lang);
        let Some(rows) = &self.rows else {
            ui.spinner();
            return None;
        };
        if rows.is_empty() {
            ui.label(b.empty);
            return None;
        }
        let mut out = None;
        egui::Grid::new("production_batches")
            .striped(true)
            .num_columns(7)
            .show(ui, |ui| {
                for title in [
                    crate::ui::text::texts(lang).school,
                    b.mailing_batch,
                    b.roster,
                    b.approved,
                    b.printed,
                    b.to_print,
                    b.missing,
                ] {
                    ui.strong(title);
                }
                ui.end_row();
                for (i, r) in rows.iter().enumerate() {
                    let open = self.open == Some(i);
                    if ui.selectable_label(open, &r.school).clicked() {
                        self.open = if open { None } else { Some(i) };
                    }
                    ui.label(r.batch.as_deref().unwrap_or(b.no_batch));
                    ui.label(r.roster.to_string());
                    ui.label(r.approved.to_string());
                    ui.label(r.printed.to_string());
                    ui.label(r.to_print().to_string());
                    let missing = egui::RichText::new(r.missing.len().to_string());
                    if r.withdrawn > 0 {
                        ui.colored_label(
                            theme::LATE,
                            format!(
                                "{} ({} {})",
                                r.missing.len(),
                                r.withdrawn,
                                b.print_withdrawn
                            ),
                        );
                    } else {
                        ui.label(missing);
                    }
                    ui.end_row();
                }
            });
        let batch = self.open.and_then(|i| rows.get(i))?;
        ui.separator();
        ui.strong(format!(
            "{} · {} · {} ({})",
            b.missing_of,
            batch.school,
            batch.batch.as_deref().unwrap_or(b.no_batch),
            batch.missing.len()
        ));
        egui::ScrollArea::vertical()
            .id_salt("production_missing")
            .show(ui, |ui| {
                egui::Grid::new("production_missing_grid")
                    .striped(true)
                    .num_columns(4)
                    .show(ui, |ui| {
                        for m in &batch.missing {
                            match m.case_id {
                                Some(case) => {
                                    if ui.link(&m.name).clicked() {
                                        out = Some(BoardCommand::OpenCase(case));
                                    }
                                }
                                None => {
                                    ui.label(format!("{} {}", m.name, b.no_case));
                                }
                            }
                            ui.label(masked_document(&m.id_number));
                            ui.label(m.programme.as_deref().unwrap_or(""));
                            let status = standing_label(m.standing, lang);
                            if m.withdrawn {
                                ui.colored_label(
                                    theme::LATE,
                                    format!("{status} · {}", b.print_withdrawn),
                                );
                            } else {
                                ui.label(status);
                            }
                            ui.end_row();
                        }
                    });
            });
        out
    }
}
