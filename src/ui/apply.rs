//! The one place where commands change the review state.

use chrono::Utc;

use super::text::texts;
use super::worker::Request;
use super::{Command, ReviewApp, Shown, Status, jobs, reason_picker::ReasonPicker};
use crate::domain::case::DecisionKind;
use crate::domain::lang::Lang;
use crate::i18n::{Msg, failure};
use crate::store::DecisionRequest;

impl ReviewApp {
    pub(super) fn apply(&mut self, ctx: &egui::Context, cmd: &Command) {
        match cmd {
            Command::Select(id) => self.select(*id),
            Command::Move(delta) => {
                self.link.timings.asked("move");
                self.move_by(*delta);
            }
            Command::Decide(kind) => self.decide(*kind),
            Command::OpenReasonPicker => {
                if self.review.shown.is_some() && self.review.in_flight.is_none() {
                    self.review.draft.picker = Some(ReasonPicker::default());
                }
            }
            Command::ClosePicker => self.review.draft.picker = None,
            Command::ConfirmReject => self.decide(DecisionKind::Reject),
            Command::ToggleReason(r) => {
                if !self.review.draft.reasons.remove(r) {
                    self.review.draft.reasons.insert(*r);
                }
            }
            Command::Undo => self.undo(),
            Command::ToggleLang => {
                self.lang = match self.lang {
                    Lang::Zh => Lang::En,
                    Lang::En => Lang::Zh,
                }
            }
            Command::SetFilter(f) => self.set_filter(f.clone()),
            Command::FocusSearch => self.view.focus_search = true,
            Command::ToggleOverlays => self.view.viewer.overlays = !self.view.viewer.overlays,
            Command::ToggleZoom => self.view.viewer.toggle_zoom(),
            Command::ToggleCompare => self.view.viewer.compare = !self.view.viewer.compare,
            Command::ToggleHistogram => self.view.viewer.histogram = !self.view.viewer.histogram,
            Command::ToggleLoupe => self.view.viewer.loupe = !self.view.viewer.loupe,
            Command::ToggleHelp => self.view.show_help = !self.view.show_help,
            Command::Highlight(id) => {
                self.view.viewer.highlight = if self.view.viewer.highlight == *id {
                    None
                } else {
                    *id
                };
                self.view.viewer.overlays = true;
            }
            Command::RefreshQueue => {
                self.send(Request::LoadQueue);
            }
            Command::StartJob(kind) => self.start_job(ctx, kind.clone()),
            Command::DismissJob => {
                if self.menu.job.as_ref().is_some_and(|j| j.result.is_some()) {
                    self.menu.job = None;
                }
            }
            Command::OpenDatabase(path) => self.open_database(ctx, path),
            Command::ShowScreen(screen) => self.show_screen(*screen),
            Command::Board(cmd) => self.on_board_command(cmd.clone()),
        }
    }

    /// Shows a submission: at once from the prefetched photos, else when the worker has it
    /// (the current photo stays until then). Either way the case is claimed for this desk.
    pub(super) fn select(&mut self, id: i64) {
        let Some(item) = self
            .review
            .queue
            .items
            .iter()
            .find(|q| q.submission_id == id)
        else {
            return;
        };
        let case = item.case_id;
        self.review.queue.selected = Some(id);
        self.review.scroll_to_selected.set(true);
        self.review.held_by = None;
        let ready = self
            .review
            .prefetched
            .iter()
            .position(|s| s.detail.submission_id == id)
            .map(|i| self.review.prefetched.swap_remove(i));
        let load = ready.is_none();
        if let Some(shown) = ready {
            self.show(shown);
        }
        self.send(Request::Open {
            submission: id,
            case,
            load,
        });
        self.prefetch();
    }

    /// Puts a loaded submission on screen with its suggested reasons ticked.
    pub(super) fn show(&mut self, shown: Shown) {
        // Reasons suggested by failed checks start ticked; the reviewer decides.
        self.review.draft.reasons = shown
            .report
            .as_ref()
            .map(|r| r.suggested_reasons().into_iter().collect())
            .unwrap_or_default();
        self.review.draft.note.clear();
        self.review.draft.picker = None;
        self.view.viewer.highlight = None;
        self.review.shown = Some(shown);
        self.link.timings.photo_shown();
    }

    /// Asks for the next photos in queue order, and forgets prefetched photos that are no
    /// longer ahead.
    fn prefetch(&mut self) {
        let upcoming: Vec<i64> = self
            .review
            .queue
            .upcoming(super::PREFETCH)
            .iter()
            .map(|q| q.submission_id)
            .collect();
        self.review
            .prefetched
            .retain(|s| upcoming.contains(&s.detail.submission_id));
        self.prefetch_ahead();
    }

    fn move_by(&mut self, delta: isize) {
        // Never wrap around at either end of the queue.
        let next = match self.review.queue.selected_pos() {
            Some(p) => p.checked_add_signed(delta),
            None => Some(0),
        };
        if let Some(item) = next.and_then(|p| self.review.queue.at(p)) {
            let id = item.submission_id;
            if Some(id) != self.review.queue.selected {
                self.select(id);
            }
        }
    }

    fn set_filter(&mut self, filter: super::Filter) {
        let now = Utc::now();
        let started = std::time::Instant::now();
        self.review.queue.set_filter(filter, now);
        self.link
            .timings
            .filtered(started.elapsed(), self.review.queue.view.len());
        // Keep the photo on screen if it still passes; else show the first that does.
        if self.review.queue.selected_pos().is_none()
            && let Some(first) = self.review.queue.at(0).map(|q| q.submission_id)
        {
            self.select(first);
        } else {
            self.prefetch();
        }
    }

    fn decide(&mut self, kind: DecisionKind) {
        let t = texts(self.lang);
        if self.review.in_flight.is_some() {
            return;
        }
        let Some(shown) = &self.review.shown else {
            return;
        };
        if Some(shown.detail.submission_id) != self.review.queue.selected {
            // The next photo is still loading: a key now must not hit the one still visible.
            return;
        }
        if let Some(holder) = &self.review.held_by {
            self.view.status = Some(Status::Error(
                Msg::new("ui-claim-lost-to").arg("who", holder.clone()),
            ));
            return;
        }
        if kind == DecisionKind::Reject && self.review.draft.reasons.is_empty() {
            self.view.status = Some(Status::Error(Msg::plain(t.pick_reason)));
            // Open the picker so the reviewer can pick one at once.
            self.review
                .draft
                .picker
                .get_or_insert_with(ReasonPicker::default);
            return;
        }
        let reasons = if kind == DecisionKind::Reject {
            self.review.draft.reasons.iter().copied().collect()
        } else {
            Vec::new()
        };
        let note = Some(self.review.draft.note.trim().to_owned()).filter(|n| !n.is_empty());
        let request = DecisionRequest {
            submission_id: shown.detail.submission_id,
            actor: self.session.actor.clone(),
            kind,
            reasons,
            note,
        };
        if let Err(e) = crate::domain::decision::validate(
            kind,
            &request.actor.name,
            &request.reasons,
            request.note.as_deref(),
        ) {
            self.view.status = Some(Status::Error(failure(&e)));
            return;
        }
        self.link.timings.asked("decide");
        self.review.in_flight = Some(request.clone());
        self.review.draft.picker = None;
        if !self.send(Request::Decide(request)) {
            // Nothing was written: keep the decision on screen so the reviewer can retry.
            self.review.in_flight = None;
            self.view.status = Some(Status::Error(Msg::new("ui-save-not-sent")));
        }
    }

    fn undo(&mut self) {
        if self.review.in_flight.is_some() {
            return;
        }
        match self.review.undo_stack.last() {
            Some(u) => {
                if !self.send(Request::Undo(u.decision_id)) {
                    self.view.status = Some(Status::Error(Msg::new("ui-save-not-sent")));
                }
            }
            None => self.view.status = Some(Status::Info(Msg::new("ui-nothing-to-undo"))),
        }
    }

    fn start_job(&mut self, ctx: &egui::Context, kind: jobs::JobKind) {
        if self.menu.job.as_ref().is_some_and(|j| j.result.is_none()) {
            return; // One at a time.
        }
        let campaign = self
            .review
            .shown
            .as_ref()
            .map(|s| s.detail.campaign.clone());
        self.menu.job = Some(jobs::Job::spawn(
            self.session.db.clone(),
            kind,
            campaign,
            self.session.actor.clone(),
            ctx.clone(),
        ));
    }

    /// Starts opening `text` on a thread of its own; [`ReviewApp::poll_opening`] switches to
    /// it once it opened, or shows why not.
    fn open_database(&mut self, ctx: &egui::Context, text: &str) {
        let location = match crate::store::DbLocation::parse(text) {
            Ok(p) => p,
            Err(e) => {
                self.view.status = Some(Status::Error(Msg::plain(e)));
                return;
            }
        };
        let (tx, rx) = std::sync::mpsc::sync_channel(1);
        let probe = location.clone();
        let repaint = ctx.clone();
        let spawned = std::thread::Builder::new()
            .name("open-database".to_owned())
            .spawn(move || {
                let opened = crate::store::Store::open(&probe)
                    .map(drop)
                    .map_err(|e| failure(&e));
                let _ = tx.send(opened);
                repaint.request_repaint();
            });
        match spawned {
            Ok(_) => {
                self.view.status = Some(Status::Info(Msg::new("ui-loading")));
                self.link.opening = Some(Opening { location, rx });
            }
            Err(e) => {
                self.view.status = Some(Status::Error(
                    Msg::new("ui-thread-failed").arg("why", e.to_string()),
                ));
            }
        }
    }

    /// Switches to the database being opened once it has opened.
    pub(super) fn poll_opening(&mut self, ctx: &egui::Context) {
        let Some(opening) = &self.link.opening else {
            return;
        };
        let result = match opening.rx.try_recv() {
            Ok(r) => r,
            Err(std::sync::mpsc::TryRecvError::Empty) => return,
            Err(std::sync::mpsc::TryRecvError::Disconnected) => Err(Msg::new("ui-job-stopped")),
        };
        let Some(Opening { location, .. }) = self.link.opening.take() else {
            return;
        };
        match result {
            Ok(()) => self.switch_to(ctx, location),
            Err(why) => self.view.status = Some(Status::Error(why)),
        }
    }

    fn switch_to(&mut self, ctx: &egui::Context, path: crate::store::DbLocation) {
        self.view.status = None;
        self.link.worker = None; // Its thread releases this desk's claims and ends.
        if path.is_postgres() {
            self.session.sign_in_at = Some(path);
            return;
        }
        self.session.db = path;
        self.review.queue = super::QueueState {
            filter: self.review.queue.filter.clone(),
            ..super::QueueState::default()
        };
        self.review.shown = None;
        self.review.prefetched.clear();
        self.review.pending_prefetch.clear();
        self.review.undo_stack.clear();
        self.review.in_flight = None;
        self.review.held_by = None;
        self.connect(ctx);
    }
}

/// A database being opened off the UI thread.
pub(super) struct Opening {
    location: crate::store::DbLocation,
    rx: std::sync::mpsc::Receiver<Result<(), Msg>>,
}
