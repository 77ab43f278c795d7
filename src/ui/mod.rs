//! The review window. Panels draw and emit [`Command`]s; [`ReviewApp::apply`] (in `apply.rs`)
//! is the one place that changes state, and worker replies are taken in `replies.rs`.

mod actions;
mod apply;
mod bars;
pub mod board;
mod card_panel;
mod checks_panel;
mod compare_panel;
mod decision_panel;
pub mod fonts;
mod help_sheet;
mod histogram;
mod jobs;
pub mod login;
mod overlay_paint;
mod photo_panel;
mod queue_panel;
pub mod queue_state;
pub mod reason_picker;
mod replies;
mod shell;
pub mod stats;
pub mod supervisor;
pub mod text;
pub mod theme;
mod timings;
pub mod viewer;
mod worker;

use crate::store::DbLocation;
use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};

use crate::checks::result::Report;
use crate::domain::case::DecisionKind;
use crate::domain::lang::Lang;
use crate::domain::reasons::ReasonCode;
use crate::domain::role::Actor;
use crate::i18n::{Msg, failure};
use crate::store::{DecisionRequest, QueueItem, SubmissionDetail};
pub use actions::Action;
pub use jobs::{JobKind, JobResult};
pub use queue_state::{AttemptFilter, Filter, QueueState};
use reason_picker::ReasonPicker;
pub use shell::DeskApp;
pub use viewer::ViewerState;
use worker::{Request, Worker};

/// Photos decoded ahead of the reviewer, in queue order.
const PREFETCH: usize = 3;
/// Renew this desk's claim well before it expires.
const RENEW_EVERY: Duration = Duration::from_mins(1);
/// Reload the queue to see other desks' decisions, claims and new uploads.
const REFRESH_EVERY: Duration = Duration::from_secs(30);

/// Something the user asked for.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Show a submission (by id).
    Select(i64),
    Move(isize),
    Decide(DecisionKind),
    OpenReasonPicker,
    ClosePicker,
    /// Reject with the ticked reasons.
    ConfirmReject,
    ToggleReason(ReasonCode),
    Undo,
    ToggleLang,
    SetFilter(Filter),
    FocusSearch,
    ToggleOverlays,
    ToggleZoom,
    ToggleCompare,
    ToggleHistogram,
    ToggleLoupe,
    ToggleHelp,
    /// Show one check's overlays alone (`None`: all of them).
    Highlight(Option<&'static str>),
    RefreshQueue,
    StartJob(JobKind),
    DismissJob,
    /// Open another database: a file path or a `postgres://` URL, as typed or picked.
    OpenDatabase(String),
    /// Supervisors: switch between review, deadline board and statistics.
    ShowScreen(supervisor::Screen),
    Board(board::BoardCommand),
}

/// An earlier photo of the case, for the comparison view.
pub struct EarlierShown {
    pub submission_id: i64,
    pub texture: Option<egui::TextureHandle>,
    pub error: Option<Msg>,
    pub phash: Option<u64>,
}

/// The submission on screen: its detail, photo and checks, swapped in together.
pub struct Shown {
    pub detail: SubmissionDetail,
    pub texture: Option<egui::TextureHandle>,
    pub photo_error: Option<Msg>,
    /// Automatic check results; `None` when they could not be loaded.
    pub report: Option<Report>,
    pub histogram: Option<histogram::Histogram>,
    pub phash: Option<u64>,
    pub earlier: Vec<EarlierShown>,
}

/// A line in the status bar.
#[derive(Debug, Clone, PartialEq)]
pub enum Status {
    Info(Msg),
    /// Rendered when drawn, in the language of the moment.
    Error(Msg),
}

/// The decision being prepared for the photo on screen.
#[derive(Debug, Default)]
pub struct Draft {
    pub reasons: BTreeSet<ReasonCode>,
    pub note: String,
    /// Open while the reviewer picks reasons (`R`).
    pub picker: Option<ReasonPicker>,
}

/// A decision of this session that `Ctrl+Z` can take back.
#[derive(Debug, Clone)]
pub struct Undoable {
    pub decision_id: i64,
    pub item: QueueItem,
}

/// Settings remembered between runs (panel sizes are remembered by egui itself).
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Settings {
    pub lang: Lang,
    pub viewer: ViewerState,
    pub filter: Filter,
}

/// Who is at the desk, and where.
pub struct Session {
    /// Who is at the desk; every decision is attributed to this account.
    pub actor: Actor,
    pub db: DbLocation,
    /// A server database opened from the File menu: the desk signs in there again (on
    /// `PostgreSQL` the account works as its own database role, which only its password opens),
    /// so the shell goes back to the sign-in form for it.
    pub sign_in_at: Option<DbLocation>,
}

/// The review in progress: the queue, the photo on screen and the decision being prepared.
/// Drawn by the queue, photo, card and decision panels; changed where commands are applied
/// (`apply.rs`) and where the worker's replies arrive (`replies.rs`).
pub struct Review {
    pub queue: QueueState,
    pub shown: Option<Shown>,
    /// Decoded photos of the next items, by submission id.
    prefetched: Vec<Shown>,
    /// Prefetches asked for and not answered yet.
    pending_prefetch: Vec<i64>,
    pub draft: Draft,
    /// A decision sent to the worker and not yet committed: no second decision meanwhile.
    pub in_flight: Option<DecisionRequest>,
    /// Another desk holds the case on screen: look, but do not decide.
    pub held_by: Option<String>,
    pub decided_today: u64,
    pub undo_stack: Vec<Undoable>,
    /// Set when the selection moved; the queue panel scrolls it into view once.
    pub scroll_to_selected: std::cell::Cell<bool>,
}

/// How the desk is shown: the viewer's settings, the help sheet and the status line.
pub struct View {
    pub viewer: ViewerState,
    pub show_help: bool,
    focus_search: bool,
    pub status: Option<Status>,
}

/// The File menu: the job running (with its progress) and the fields typed for the next one.
#[derive(Default)]
pub struct Menu {
    pub job: Option<jobs::Job>,
    /// Typed path for the File menu (when no file dialog is available).
    pub path_input: String,
    /// The school's age public key for sealed CHSI exports (File menu; blank = plain).
    pub age_recipient: String,
    /// The mailing batch typed for production (blank: every batch).
    pub produce_batch: String,
}

/// The plumbing to the worker thread: requests queued this frame, the timers of the claim
/// renewal and queue refresh, the database being opened, and the timing log.
struct Link {
    worker: Option<Worker>,
    /// A database being opened (File → Open) off the UI thread: opening runs migrations, and
    /// a server may take its whole connect timeout to answer. The desk keeps working on the
    /// current database until the new one has opened.
    opening: Option<apply::Opening>,
    last_renew: Instant,
    last_refresh: Instant,
    commands: Vec<Command>,
    timings: timings::Timings,
    /// Another desk's change noticed (when, and when it was made): the queue reload it asked
    /// for reports the latency.
    live_change: Option<(Instant, Option<chrono::DateTime<chrono::Utc>>)>,
}

/// The reviewer's desk: its parts, each drawn by its own panels.
pub struct ReviewApp {
    pub lang: Lang,
    pub session: Session,
    pub review: Review,
    pub view: View,
    pub menu: Menu,
    link: Link,
    pub supervisor: supervisor::SupervisorScreens,
}

impl ReviewApp {
    /// Starts the worker on `db` and asks for the queue.
    pub fn new(ctx: &egui::Context, db: DbLocation, lang: Lang, actor: Actor) -> Self {
        Self::with_settings(
            ctx,
            db,
            actor,
            Settings {
                lang,
                ..Settings::default()
            },
        )
    }

    /// Like [`ReviewApp::new`], with remembered settings.
    pub fn with_settings(
        ctx: &egui::Context,
        db: DbLocation,
        actor: Actor,
        settings: Settings,
    ) -> Self {
        fonts::install(ctx);
        let mut app = Self {
            lang: settings.lang,
            session: Session {
                actor,
                db,
                sign_in_at: None,
            },
            review: Review {
                queue: QueueState {
                    filter: settings.filter,
                    ..QueueState::default()
                },
                shown: None,
                prefetched: Vec::new(),
                pending_prefetch: Vec::new(),
                draft: Draft::default(),
                in_flight: None,
                held_by: None,
                decided_today: 0,
                undo_stack: Vec::new(),
                scroll_to_selected: std::cell::Cell::new(false),
            },
            view: View {
                viewer: settings.viewer,
                show_help: false,
                focus_search: false,
                status: None,
            },
            menu: Menu::default(),
            link: Link {
                worker: None,
                opening: None,
                last_renew: Instant::now(),
                last_refresh: Instant::now(),
                commands: Vec::new(),
                timings: timings::Timings::from_env(),
                live_change: None,
            },
            supervisor: supervisor::SupervisorScreens::default(),
        };
        app.connect(ctx);
        app
    }

    /// The settings to remember.
    pub fn settings(&self) -> Settings {
        Settings {
            lang: self.lang,
            viewer: self.view.viewer.clone(),
            filter: self.review.queue.filter.clone(),
        }
    }

    /// (Re)starts the worker on `self.session.db` and asks for the queue and today's count.
    fn connect(&mut self, ctx: &egui::Context) {
        match Worker::start(
            self.session.db.clone(),
            self.session.actor.clone(),
            ctx.clone(),
        ) {
            Ok(w) => self.link.worker = Some(w),
            Err(e) => {
                self.view.status = Some(Status::Error(
                    Msg::new("ui-worker-failed").arg("why", failure(&e)),
                ));
            }
        }
        self.send(Request::LoadQueue);
        self.send(Request::CountSince(start_of_local_day()));
        self.send(Request::Sweep);
    }

    /// Non-drawing work of a frame: worker replies, timers, then queued commands.
    pub fn logic(&mut self, ctx: &egui::Context) {
        while let Some(reply) = self.link.worker.as_ref().and_then(Worker::poll) {
            self.on_reply(ctx, reply);
        }
        if let Some(job) = &mut self.menu.job
            && !job.poll()
        {
            ctx.request_repaint_after(Duration::from_millis(200));
        }
        self.poll_opening(ctx);
        self.timers();
        for cmd in std::mem::take(&mut self.link.commands) {
            self.apply(ctx, &cmd);
        }
    }

    fn timers(&mut self) {
        if self.link.last_renew.elapsed() >= RENEW_EVERY {
            self.link.last_renew = Instant::now();
            // The clock sweep runs at start and every minute on every desk (idempotent).
            self.send(Request::Sweep);
            if let Some(shown) = &self.review.shown
                && self.review.held_by.is_none()
            {
                self.send(Request::Renew(shown.detail.case_id));
            }
        }
        if self.link.last_refresh.elapsed() >= REFRESH_EVERY && self.review.in_flight.is_none() {
            self.link.last_refresh = Instant::now();
            self.send(Request::LoadQueue);
        }
    }

    /// Draws the whole window and collects commands from panels and keys.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        let mut out = Vec::new();
        let ctx = ui.ctx().clone();
        if self.supervisor.screen != supervisor::Screen::Review {
            // The board and statistics have text fields and no review shortcuts.
        } else if self.review.draft.picker.is_some() {
            let suggested = self.suggested();
            if let Some(picker) = &mut self.review.draft.picker {
                reason_picker::PickerView {
                    picker,
                    ticked: &self.review.draft.reasons,
                    suggested: &suggested,
                    note: &mut self.review.draft.note,
                    lang: self.lang,
                }
                .ui(&ctx, &mut out);
            }
        } else {
            actions::collect(&ctx, &mut out);
        }
        egui::Panel::top("top_bar").show(ui, |ui| bars::top_ui(ui, self, &mut out));
        egui::Panel::bottom("status_bar").show(ui, |ui| bars::status_ui(ui, self));
        if self.supervisor.screen != supervisor::Screen::Review {
            egui::CentralPanel::default().show(ui, |ui| supervisor::screen_ui(ui, self, &mut out));
            bars::job_window(&ctx, self, &mut out);
            self.link.commands.extend(out);
            return;
        }
        egui::Panel::left("queue")
            .resizable(true)
            .default_size(320.0)
            .show(ui, |ui| {
                let focus = std::mem::take(&mut self.view.focus_search);
                queue_panel::ui(ui, self, focus, &mut out);
            });
        egui::Panel::right("card")
            .resizable(true)
            .default_size(400.0)
            .size_range(320.0..=560.0)
            .show(ui, |ui| {
                egui::ScrollArea::vertical().show(ui, |ui| {
                    card_panel::ui(ui, self);
                    ui.separator();
                    decision_panel::ui(ui, self, &mut out);
                    ui.separator();
                    checks_panel::ui(ui, self, &mut out);
                    ui.separator();
                    card_panel::history_ui(ui, self);
                });
            });
        egui::CentralPanel::default().show(ui, |ui| photo_panel::ui(ui, self, &mut out));
        if self.view.show_help {
            help_sheet::ui(&ctx, self.lang, &mut out);
        }
        bars::job_window(&ctx, self, &mut out);
        self.link.commands.extend(out);
    }

    /// Reasons suggested by the failed checks of the photo on screen.
    pub fn suggested(&self) -> Vec<ReasonCode> {
        self.review
            .shown
            .as_ref()
            .and_then(|s| s.report.as_ref())
            .map(Report::suggested_reasons)
            .unwrap_or_default()
    }

    /// Queues a command as if the user had issued it (tests, menus).
    pub fn push(&mut self, cmd: Command) {
        self.link.commands.push(cmd);
    }

    /// Hands a request to the worker; false when it is gone or its queue is full.
    fn send(&self, req: Request) -> bool {
        self.link.worker.as_ref().is_some_and(|w| w.send(req))
    }
}

/// Midnight of the desk's local day, in UTC (for "decided today").
fn start_of_local_day() -> DateTime<Utc> {
    let now = chrono::Local::now();
    now.date_naive()
        .and_hms_opt(0, 0, 0)
        .and_then(|m| m.and_local_timezone(chrono::Local).earliest())
        .map_or_else(
            || Utc::now() - chrono::Duration::hours(24),
            |m| m.with_timezone(&Utc),
        )
}

impl eframe::App for ReviewApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        ReviewApp::logic(self, ctx);
    }

    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        let started = Instant::now();
        ReviewApp::ui(self, ui);
        let ui_secs = started.elapsed().as_secs_f32();
        self.link.timings.frame(frame.info().cpu_usage, ui_secs);
        if self.link.timings.enabled() {
            // Measure every frame, not only those caused by input.
            ui.ctx().request_repaint();
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, SETTINGS_KEY, &self.settings());
    }
}

/// Where the settings live in eframe's storage.
pub const SETTINGS_KEY: &str = "idphoto-review.settings";
