//! The review window. Panels draw and emit [`Command`]s; [`ReviewApp::apply`] is the one place
//! that changes state, and [`ReviewApp::poll`] takes results from the background worker.

pub mod board;
mod card_panel;
mod checks_panel;
mod decision_panel;
pub mod fonts;
mod keys;
mod photo_panel;
mod queue_panel;
pub mod stats;
pub mod text;
pub mod theme;
mod worker;

use std::collections::BTreeSet;
use std::path::PathBuf;

use crate::checks::result::Report;
use crate::domain::case::DecisionKind;
use crate::domain::lang::Lang;
use crate::domain::reasons::ReasonCode;
use crate::store::{DecisionRequest, QueueItem, SubmissionDetail};
use text::texts;
use worker::{Reply, Request, Worker};

/// Something the user asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Select(usize),
    Move(isize),
    Decide(DecisionKind),
    ToggleReason(ReasonCode),
    ToggleLang,
}

/// The submission on screen: its detail and photo, swapped in together.
pub struct Shown {
    pub detail: SubmissionDetail,
    pub texture: Option<egui::TextureHandle>,
    pub photo_error: Option<String>,
    /// Automatic check results; `None` when they could not be loaded.
    pub report: Option<Report>,
}

/// A line in the status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    Info(String),
    Error(String),
}

pub struct ReviewApp {
    pub lang: Lang,
    pub reviewer: String,
    worker: Option<Worker>,
    pub queue: Vec<QueueItem>,
    pub queue_loaded: bool,
    pub selected: Option<usize>,
    pub shown: Option<Shown>,
    pub reasons: BTreeSet<ReasonCode>,
    pub note: String,
    pub status: Option<Status>,
    /// A decision sent to the worker and not yet committed: no second decision meanwhile.
    pub in_flight: Option<DecisionRequest>,
    pub decided_count: u64,
    /// Set when the selection moved; the queue panel scrolls it into view once.
    pub scroll_to_selected: std::cell::Cell<bool>,
    commands: Vec<Command>,
}

impl ReviewApp {
    /// Starts the worker on `db` and asks for the queue.
    pub fn new(ctx: &egui::Context, db: PathBuf, lang: Lang, reviewer: String) -> Self {
        fonts::install(ctx);
        let (worker, status) = match Worker::start(db, ctx.clone()) {
            Ok(w) => (Some(w), None),
            Err(e) => (
                None,
                Some(Status::Error(format!(
                    "cannot start the background worker: {e}"
                ))),
            ),
        };
        let app = Self {
            lang,
            reviewer,
            worker,
            queue: Vec::new(),
            queue_loaded: false,
            selected: None,
            shown: None,
            reasons: BTreeSet::new(),
            note: String::new(),
            status,
            in_flight: None,
            decided_count: 0,
            scroll_to_selected: std::cell::Cell::new(false),
            commands: Vec::new(),
        };
        app.send(Request::LoadQueue);
        app
    }

    /// Non-drawing work of a frame: worker replies, then queued commands.
    pub fn logic(&mut self, ctx: &egui::Context) {
        while let Some(reply) = self.worker.as_ref().and_then(Worker::poll) {
            self.on_reply(ctx, reply);
        }
        for cmd in std::mem::take(&mut self.commands) {
            self.apply(&cmd);
        }
    }

    /// Draws the whole window and collects commands from panels and keys.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        let mut out = Vec::new();
        keys::collect(ui.ctx(), &mut out);
        let t = texts(self.lang);
        egui::Panel::top("top_bar").show(ui, |ui| self.top_bar_ui(ui, &mut out));
        egui::Panel::bottom("status_bar").show(ui, |ui| self.status_bar_ui(ui));
        egui::Panel::left("queue")
            .resizable(true)
            .default_size(300.0)
            .show(ui, |ui| {
                queue_panel::ui(ui, self, &mut out);
            });
        egui::Panel::right("card")
            .resizable(true)
            .default_size(400.0)
            .size_range(320.0..=560.0)
            .show(ui, |ui| {
                egui::ScrollArea::vertical().show(ui, |ui| {
                    card_panel::ui(ui, self);
                    ui.separator();
                    checks_panel::ui(ui, self);
                    ui.separator();
                    decision_panel::ui(ui, self, &mut out);
                    ui.separator();
                    card_panel::history_ui(ui, self);
                });
            });
        egui::CentralPanel::default().show(ui, |ui| photo_panel::ui(ui, self, t));
        self.commands.extend(out);
    }

    /// Queues a command as if the user had issued it (tests, menus).
    pub fn push(&mut self, cmd: Command) {
        self.commands.push(cmd);
    }

    /// Hands a request to the worker; false when it is gone or its queue is full.
    fn send(&self, req: Request) -> bool {
        self.worker.as_ref().is_some_and(|w| w.send(req))
    }

    fn apply(&mut self, cmd: &Command) {
        match cmd {
            Command::Select(i) => self.select(*i),
            Command::Move(delta) => {
                // Never wrap around at either end of the queue.
                let next = self.selected.map_or(0, |s| s.saturating_add_signed(*delta));
                if next < self.queue.len() && Some(next) != self.selected {
                    self.select(next);
                }
            }
            Command::Decide(kind) => self.decide(*kind),
            Command::ToggleReason(r) => {
                if !self.reasons.remove(r) {
                    self.reasons.insert(*r);
                }
            }
            Command::ToggleLang => {
                self.lang = match self.lang {
                    Lang::Zh => Lang::En,
                    Lang::En => Lang::Zh,
                }
            }
        }
    }

    fn select(&mut self, i: usize) {
        let Some(item) = self.queue.get(i) else {
            return;
        };
        self.selected = Some(i);
        self.scroll_to_selected.set(true);
        // The current photo stays visible until the next one has been decoded.
        self.send(Request::LoadSubmission(item.submission_id));
    }

    fn decide(&mut self, kind: DecisionKind) {
        let t = texts(self.lang);
        if self.in_flight.is_some() {
            return;
        }
        let Some(shown) = &self.shown else { return };
        if kind == DecisionKind::Reject && self.reasons.is_empty() {
            self.status = Some(Status::Error(t.pick_reason.to_owned()));
            return;
        }
        let reasons = if kind == DecisionKind::Reject {
            self.reasons.iter().copied().collect()
        } else {
            Vec::new()
        };
        let note = Some(self.note.trim().to_owned()).filter(|n| !n.is_empty());
        let request = DecisionRequest {
            submission_id: shown.detail.submission_id,
            reviewer: self.reviewer.clone(),
            kind,
            reasons,
            note,
        };
        self.in_flight = Some(request.clone());
        if !self.send(Request::Decide(request)) {
            // Nothing was written: keep the decision on screen so the reviewer can retry.
            self.in_flight = None;
            self.status = Some(Status::Error(t.save_failed.to_owned()));
        }
    }

    fn on_reply(&mut self, ctx: &egui::Context, reply: Reply) {
        match reply {
            Reply::Queue(Ok(items)) => self.on_queue(items),
            Reply::Queue(Err(e)) => self.status = Some(Status::Error(e)),
            Reply::Fatal(e) => {
                // The worker is gone: stop polling it (a closed channel answers every poll).
                self.worker = None;
                self.in_flight = None;
                self.status = Some(Status::Error(e));
            }
            Reply::Submission {
                id,
                detail,
                photo,
                report,
            } => {
                let wanted = self
                    .selected
                    .and_then(|i| self.queue.get(i))
                    .map(|q| q.submission_id);
                if wanted != Some(id) {
                    return; // The reviewer has moved on; a newer request is coming.
                }
                match *detail {
                    Ok(detail) => {
                        let (texture, photo_error) = match photo {
                            Ok(img) => (
                                Some(ctx.load_texture(
                                    format!("photo-{id}"),
                                    img,
                                    egui::TextureOptions::LINEAR,
                                )),
                                None,
                            ),
                            Err(e) => (None, Some(e)),
                        };
                        // Reasons suggested by failed checks start ticked; the reviewer decides.
                        self.reasons = report
                            .as_ref()
                            .map(|r| r.suggested_reasons().into_iter().collect())
                            .unwrap_or_default();
                        self.note.clear();
                        self.shown = Some(Shown {
                            detail,
                            texture,
                            photo_error,
                            report,
                        });
                    }
                    Err(e) => self.status = Some(Status::Error(e)),
                }
            }
            Reply::Decided { request, result } => self.on_decided(&request, result),
        }
    }

    fn on_queue(&mut self, items: Vec<QueueItem>) {
        let keep = self
            .selected
            .and_then(|i| self.queue.get(i))
            .map(|q| q.submission_id);
        self.queue = items;
        self.queue_loaded = true;
        let index = keep.and_then(|id| self.queue.iter().position(|q| q.submission_id == id));
        if let Some(i) = index {
            // Same photo, new position: nothing to reload, ticked reasons stay.
            self.selected = Some(i);
        } else if !self.queue.is_empty() {
            self.select(0);
        } else {
            self.selected = None;
            self.shown = None;
        }
    }

    fn on_decided(
        &mut self,
        request: &DecisionRequest,
        result: Result<crate::store::DecisionReceipt, String>,
    ) {
        self.in_flight = None;
        let t = texts(self.lang);
        match result {
            Ok(receipt) => {
                self.decided_count += 1;
                self.status = Some(Status::Info(format!(
                    "{} · #{} → {}",
                    t.saved,
                    receipt.submission_id,
                    receipt.to.label(self.lang)
                )));
                if let Some(pos) = self
                    .queue
                    .iter()
                    .position(|q| q.submission_id == request.submission_id)
                {
                    self.queue.remove(pos);
                    if self.queue.is_empty() {
                        self.selected = None;
                        self.shown = None;
                    } else {
                        // Decide-and-advance: the next item slides into the same position.
                        self.select(pos.min(self.queue.len() - 1));
                    }
                }
            }
            Err(e) => self.status = Some(Status::Error(format!("{}: {e}", t.save_failed))),
        }
    }

    fn top_bar_ui(&self, ui: &mut egui::Ui, out: &mut Vec<Command>) {
        let t = texts(self.lang);
        ui.horizontal(|ui| {
            ui.heading(t.app_title);
            ui.separator();
            ui.label(format!("{}: {}", t.reviewer, self.reviewer));
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui.button(t.language).clicked() {
                    out.push(Command::ToggleLang);
                }
            });
        });
    }

    fn status_bar_ui(&self, ui: &mut egui::Ui) {
        let t = texts(self.lang);
        ui.horizontal(|ui| {
            match &self.status {
                Some(Status::Info(s)) => {
                    ui.colored_label(theme::CALM, s);
                }
                Some(Status::Error(s)) => {
                    ui.colored_label(theme::ERROR_TEXT, s);
                }
                None => {}
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                ui.label(format!(
                    "{} {} · {} {}",
                    t.queue,
                    self.queue.len(),
                    t.saved,
                    self.decided_count
                ));
                ui.separator();
                ui.weak(t.shortcuts);
            });
        });
    }
}

impl eframe::App for ReviewApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        ReviewApp::logic(self, ctx);
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        ReviewApp::ui(self, ui);
    }
}
