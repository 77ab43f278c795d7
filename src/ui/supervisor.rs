//! The supervisor's screens beside the review screen: the deadline board (with case files)
//! and the statistics. Data comes from the worker; these screens never touch the database.

use chrono::Utc;

use super::board::{BoardCommand, BoardScreen};
use super::stats::{StatsCommand, StatsScreen};
use super::text::{board_texts, stats_texts, texts};
use super::worker::Request;
use super::{Command, ReviewApp, Status};
use crate::domain::role::Role;
use crate::i18n::Msg;

/// Hours ahead that count as "due soon" on the board.
pub const DUE_SOON_HOURS: i64 = 6;
/// Hours of decisions shown per hour on the statistics screen.
pub const STATS_WINDOW_HOURS: u32 = 48;

/// Which screen the window shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Screen {
    #[default]
    Review,
    Board,
    Stats,
}

/// State of the supervisor screens.
#[derive(Default)]
pub struct SupervisorScreens {
    pub screen: Screen,
    pub board: BoardScreen,
    pub stats: StatsScreen,
}

/// The screen tabs of the top bar; supervisors only.
pub fn tabs_ui(ui: &mut egui::Ui, app: &ReviewApp, out: &mut Vec<Command>) {
    if app.session.actor.role != Role::Supervisor {
        return;
    }
    let lang = app.lang;
    let tabs = [
        (Screen::Review, texts(lang).review_screen),
        (Screen::Board, board_texts(lang).title),
        (Screen::Stats, stats_texts(lang).title),
    ];
    for (screen, label) in tabs {
        if ui
            .selectable_label(app.supervisor.screen == screen, label)
            .clicked()
        {
            out.push(Command::ShowScreen(screen));
        }
    }
    ui.separator();
}

/// Draws the board or the statistics in the central area.
pub fn screen_ui(ui: &mut egui::Ui, app: &mut ReviewApp, out: &mut Vec<Command>) {
    let lang = app.lang;
    match app.supervisor.screen {
        Screen::Review => {}
        Screen::Board => {
            if let Some(cmd) = app.supervisor.board.ui(ui, lang, Utc::now()) {
                out.push(Command::Board(cmd));
            }
        }
        Screen::Stats => {
            if let Some(StatsCommand::Refresh) = app.supervisor.stats.ui(ui, lang) {
                out.push(Command::ShowScreen(Screen::Stats));
            }
        }
    }
}

impl ReviewApp {
    /// Switches screens; the board and the statistics are fetched afresh each time.
    pub(super) fn show_screen(&mut self, screen: Screen) {
        if self.session.actor.role != Role::Supervisor {
            return;
        }
        self.supervisor.screen = screen;
        match screen {
            Screen::Review => {}
            Screen::Board => {
                self.send(Request::LoadBoard);
            }
            Screen::Stats => {
                self.send(Request::LoadStats);
            }
        }
    }

    pub(super) fn on_board_command(&mut self, cmd: BoardCommand) {
        match cmd {
            BoardCommand::OpenCase(case) => {
                self.send(Request::LoadCase(case));
            }
            BoardCommand::Refresh => {
                self.send(Request::LoadBoard);
            }
            BoardCommand::OpenSubmission(id) => {
                self.supervisor.screen = Screen::Review;
                if self
                    .review
                    .queue
                    .items
                    .iter()
                    .all(|q| q.submission_id != id)
                {
                    // Not awaiting review (settled): show the whole queue and say so.
                    self.view.status = Some(Status::Info(Msg::new("ui-not-in-queue")));
                    return;
                }
                self.review
                    .queue
                    .set_filter(super::Filter::default(), Utc::now());
                self.select(id);
            }
            BoardCommand::ExportCsv { list, rows } => {
                // Next to the database, named by list and time: works without a file dialog.
                let stamp = Utc::now().format("%Y%m%d-%H%M%S");
                let name = format!("board-{}-{stamp}.csv", list.code());
                let path = self
                    .session
                    .db
                    .sqlite_path()
                    .and_then(std::path::Path::parent)
                    .map_or_else(|| name.clone().into(), |d| d.join(&name));
                self.send(Request::ExportBoard { path, list, rows });
            }
            BoardCommand::Act { case, action } => {
                self.send(Request::CaseAction { case, action });
            }
        }
    }

    /// After a supervisor's action: say so, and fetch what it changed (the case file, the
    /// board, and the queue, which a reopened or reassigned case joins or moves in).
    pub(super) fn on_case_acted(&mut self, case: i64, result: Result<(), Msg>) {
        match result {
            Ok(()) => {
                self.view.status = Some(Status::Info(Msg::new("board-done")));
                self.send(Request::LoadCase(case));
                self.send(Request::LoadBoard);
                self.send(Request::LoadQueue);
            }
            Err(e) => self.view.status = Some(Status::Error(e)),
        }
    }
}
