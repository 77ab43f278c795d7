//! The supervisor's deadline board: one tab per list with its count, each list sortable,
//! filterable and exportable; a click opens the case history beside the list.
//!
//! The screen never touches the database: the caller hands it a [`Board`] and [`CaseFile`]s
//! (fetched off the UI thread) and acts on the [`BoardCommand`]s it returns.

mod case_actions;
mod history;
mod production;
mod table;

use chrono::{DateTime, Utc};

pub use case_actions::{CaseAction, parse_local};
pub use history::{CaseHistoryView, HistoryAction};
pub use table::{Column, Sort, matches, visible_rows};

use crate::domain::lang::Lang;
use crate::store::{Board, BoardList, BoardRow, CaseFile};
use crate::ui::text::{BoardTexts, board_texts};
use crate::ui::theme;
use table::TableState;

/// What the board asks its caller to do.
#[derive(Debug, Clone, PartialEq)]
pub enum BoardCommand {
    /// Fetch this case's [`CaseFile`] and hand it to [`BoardScreen::show_case`].
    OpenCase(i64),
    /// Open this submission (its photo) in the review screen.
    OpenSubmission(i64),
    /// Write these rows, as shown (filtered and sorted), to a CSV file off the UI thread,
    /// e.g. with [`crate::export::save_board_csv`].
    ExportCsv {
        list: BoardList,
        rows: Vec<BoardRow>,
    },
    /// Fetch the board again and hand it to [`BoardScreen::set_board`].
    Refresh,
    /// Carry out a supervisor's action on a case, then fetch its case file and the board
    /// again.
    Act { case: i64, action: CaseAction },
}

/// The list's name on its tab.
pub fn list_label(list: BoardList, b: &BoardTexts) -> &'static str {
    match list {
        BoardList::ReviewsOverdue => b.reviews_overdue,
        BoardList::ReviewsDueSoon => b.reviews_due_soon,
        BoardList::AwaitingResubmission => b.awaiting_resubmission,
        BoardList::CollectionFailed => b.collection_failed,
        BoardList::RepeatRejections => b.repeat_rejections,
        BoardList::Escalated => b.escalated,
        BoardList::PrintWithdrawn => b.print_withdrawn,
    }
}

/// The deadline board screen: its data, the open tab, per-list sort and filter, the case shown.
#[derive(Debug, Default)]
pub struct BoardScreen {
    board: Option<Board>,
    /// Bumped whenever new data arrives, so cached sort orders are recomputed.
    generation: u64,
    tab: usize,
    tables: [TableState; 7],
    /// The production list instead of a deadline list.
    production: production::ProductionView,
    case: Option<CaseHistoryView>,
    /// A case asked for and not delivered yet.
    opening: Option<i64>,
}

impl BoardScreen {
    pub fn new() -> Self {
        Self::default()
    }

    /// New data for every list; sort, filter and the open tab stay.
    pub fn set_board(&mut self, board: Board) {
        self.board = Some(board);
        self.generation += 1;
    }

    pub fn board(&self) -> Option<&Board> {
        self.board.as_ref()
    }

    /// New production figures (per school and batch).
    pub fn set_production(&mut self, rows: Vec<crate::production::BatchOverview>) {
        self.production.set_rows(rows);
    }

    /// The production figures, once fetched.
    pub fn production(&self) -> Option<&[crate::production::BatchOverview]> {
        self.production.rows()
    }

    /// Shows a case history beside the list (the answer to [`BoardCommand::OpenCase`]).
    pub fn show_case(&mut self, file: CaseFile) {
        if self.opening == Some(file.case_id) {
            self.opening = None;
        }
        self.case = Some(CaseHistoryView::new(file));
    }

    /// The case history on screen, if any.
    pub fn case(&self) -> Option<&CaseHistoryView> {
        self.case.as_ref()
    }

    pub fn tab(&self) -> BoardList {
        BoardList::ALL[self.tab.min(BoardList::ALL.len() - 1)]
    }

    pub fn set_tab(&mut self, list: BoardList) {
        self.tab = BoardList::ALL.iter().position(|l| *l == list).unwrap_or(0);
        self.production.shown = false;
    }

    /// The filter text of the open tab (tests, menus).
    pub fn set_filter(&mut self, text: &str) {
        text.clone_into(&mut self.tables[self.tab].filter);
    }

    /// Draws the board at `now` (countdowns are computed from it) and returns what the user
    /// asked for.
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        lang: Lang,
        now: DateTime<Utc>,
    ) -> Option<BoardCommand> {
        // Countdowns show whole minutes: repaint often enough to keep them live.
        ui.ctx()
            .request_repaint_after(std::time::Duration::from_secs(20));
        let b = board_texts(lang);
        let mut out = self.toolbar_ui(ui, b);
        if self.case.is_some() || self.opening.is_some() {
            egui::Panel::right("board_case")
                .resizable(true)
                .default_size(460.0)
                .show(ui, |ui| match &mut self.case {
                    Some(view) => match view.ui(ui, lang, now) {
                        Some(HistoryAction::Close) => {
                            self.case = None;
                            self.opening = None;
                        }
                        Some(HistoryAction::OpenSubmission(id)) => {
                            out = Some(BoardCommand::OpenSubmission(id));
                        }
                        Some(HistoryAction::Act(action)) => {
                            out = Some(BoardCommand::Act {
                                case: view.case_id(),
                                action,
                            });
                        }
                        None => {}
                    },
                    None => {
                        ui.spinner();
                    }
                });
        }
        if self.production.shown {
            if let Some(cmd) = self.production.ui(ui, lang) {
                if let BoardCommand::OpenCase(id) = cmd {
                    self.opening = Some(id);
                }
                out = Some(cmd);
            }
            return out;
        }
        let Some(board) = &self.board else {
            ui.spinner();
            return out;
        };
        let list = self.tab();
        let rows = board.rows(list);
        let table = &mut self.tables[self.tab];
        ui.horizontal(|ui| {
            ui.add(
                egui::TextEdit::singleline(&mut table.filter)
                    .hint_text(b.filter_hint)
                    .desired_width(260.0),
            );
            if ui.button(b.export_csv).clicked() {
                let shown = table.visible(rows, self.generation);
                out = Some(BoardCommand::ExportCsv {
                    list,
                    rows: shown.iter().map(|&i| rows[i].clone()).collect(),
                });
            }
        });
        ui.add_space(theme::PANEL_GAP);
        if let Some(cmd) = table::ui(ui, rows, table, self.generation, lang, now) {
            if let BoardCommand::OpenCase(id) = cmd {
                self.opening = Some(id);
            }
            out = Some(cmd);
        }
        out
    }

    /// Title, refresh, and one tab per list with its count (red when it holds breaches).
    fn toolbar_ui(&mut self, ui: &mut egui::Ui, b: &BoardTexts) -> Option<BoardCommand> {
        let mut out = None;
        ui.horizontal(|ui| {
            ui.heading(b.title);
            if ui.button(b.refresh).clicked() {
                out = Some(BoardCommand::Refresh);
            }
        });
        ui.horizontal_wrapped(|ui| {
            for (i, list) in BoardList::ALL.into_iter().enumerate() {
                let count = self.board.as_ref().map_or(0, |bd| bd.rows(list).len());
                let mut text = egui::RichText::new(format!("{} ({count})", list_label(list, b)));
                // Breaches, and prints to take back out of their envelopes, stand out in red.
                let breach = matches!(
                    list,
                    BoardList::ReviewsOverdue
                        | BoardList::CollectionFailed
                        | BoardList::PrintWithdrawn
                );
                if breach && count > 0 {
                    text = text.color(theme::LATE);
                }
                if ui
                    .selectable_label(!self.production.shown && self.tab == i, text)
                    .clicked()
                {
                    self.tab = i;
                    self.production.shown = false;
                }
            }
            ui.separator();
            let label = egui::RichText::new(b.production);
            if ui
                .selectable_label(self.production.shown, label)
                .on_hover_text(b.production_hint)
                .clicked()
            {
                self.production.shown = true;
            }
        });
        ui.separator();
        out
    }
}

#[cfg(test)]
mod tests;
