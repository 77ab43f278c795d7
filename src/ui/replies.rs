//! Taking the worker's replies: queue loads, photos, claims, committed decisions and undos.

use chrono::Utc;

use super::worker::{EarlierLoaded, Loaded, Reply};
use super::{EarlierShown, PREFETCH, ReviewApp, Shown, Status, Undoable};
use crate::i18n::Msg;
use crate::store::{DecisionReceipt, DecisionRequest, QueueItem, UndoReceipt};

impl ReviewApp {
    pub(super) fn on_reply(&mut self, ctx: &egui::Context, reply: Reply) {
        match reply {
            Reply::Queue(Ok(items)) => {
                if let Some((noticed, made_at)) = self.link.live_change.take() {
                    self.link.timings.live_change(noticed, made_at);
                }
                self.on_queue(items);
            }
            Reply::Changed(change) => self.on_change(&change),
            Reply::Fatal(e) => {
                // The worker is gone: stop polling it (a closed channel answers every poll).
                self.link.worker = None;
                self.review.in_flight = None;
                self.view.status = Some(Status::Error(e));
            }
            Reply::Loaded { item, prefetch } => self.on_loaded(ctx, *item, prefetch),
            Reply::Claim { case, holder } => self.on_claim(case, holder),
            Reply::Decided { request, result } => self.on_decided(&request, result),
            Reply::Undone(result) => self.on_undone(result),
            Reply::CountSince(Ok(n)) => self.review.decided_today = n,
            // A routine notice never hides an error the reviewer has not seen yet.
            Reply::Swept(n) if !matches!(self.view.status, Some(Status::Error(_))) => {
                self.view.status = Some(Status::Info(Msg::new("ui-swept").arg("count", n)));
            }
            Reply::Swept(_) => {}
            Reply::Board(Ok(board)) => self.supervisor.board.set_board(board),
            Reply::CaseFile(Ok(file)) => self.supervisor.board.show_case(file),
            Reply::Production(Ok(rows)) => self.supervisor.board.set_production(rows),
            Reply::Stats(stats) => match *stats {
                Ok(s) => self.supervisor.stats.set_stats(s),
                Err(e) => self.view.status = Some(Status::Error(e)),
            },
            Reply::Exported(Ok(path)) => {
                self.view.status = Some(Status::Info(
                    Msg::new("ui-status-exported").arg("path", path.display().to_string()),
                ));
            }
            Reply::CaseActed { case, result } => self.on_case_acted(case, result),
            // A failed count keeps the number shown (it follows this desk's own decisions).
            Reply::Queue(Err(e))
            | Reply::CountSince(Err(e))
            | Reply::Board(Err(e))
            | Reply::Production(Err(e))
            | Reply::CaseFile(Err(e))
            | Reply::Exported(Err(e)) => {
                self.view.status = Some(Status::Error(e));
            }
        }
    }

    /// Another desk committed something: reload the queue (and the board on screen) now rather
    /// than at the next timed refresh.
    fn on_change(&mut self, change: &crate::store::Change) {
        if self.link.live_change.is_none() {
            self.link.live_change = Some((std::time::Instant::now(), change.made_at));
        }
        if self.review.in_flight.is_none() {
            self.link.last_refresh = std::time::Instant::now();
            self.send(super::worker::Request::LoadQueue);
        }
        if self.supervisor.screen == super::supervisor::Screen::Board {
            self.send(super::worker::Request::LoadBoard);
        }
    }

    fn on_queue(&mut self, items: Vec<QueueItem>) {
        let now = Utc::now();
        let old_pos = self.review.queue.selected_pos();
        self.review.queue.set_items(items, now);
        if self.review.queue.selected_pos().is_some() {
            // Same photo, perhaps a new position: nothing to reload, ticked reasons stay.
            self.prefetch_ahead();
            return;
        }
        // Nothing selected yet, or the photo on screen was settled elsewhere: take the most
        // urgent one this desk may have, near where the reviewer was.
        let next = self
            .review
            .queue
            .next_free(old_pos.unwrap_or(0), &self.session.actor.name);
        if let Some(id) = next.or_else(|| self.review.queue.next_free(0, &self.session.actor.name))
        {
            self.select(id);
        } else {
            self.review.queue.selected = None;
            self.review.shown = None;
        }
    }

    pub(super) fn prefetch_ahead(&mut self) {
        // `select` prefetches; after a reload without a new selection, do it here.
        let upcoming: Vec<i64> = self
            .review
            .queue
            .upcoming(PREFETCH)
            .iter()
            .map(|q| q.submission_id)
            .collect();
        for id in upcoming {
            if !self
                .review
                .prefetched
                .iter()
                .any(|s| s.detail.submission_id == id)
                && !self.review.pending_prefetch.contains(&id)
                && self.send(super::worker::Request::Prefetch(id))
            {
                self.review.pending_prefetch.push(id);
            }
        }
    }

    fn on_loaded(&mut self, ctx: &egui::Context, item: Loaded, prefetch: bool) {
        let id = item.id;
        if prefetch {
            self.review.pending_prefetch.retain(|p| *p != id);
        }
        let shown = match to_shown(ctx, item) {
            Ok(s) => s,
            Err(e) => {
                if self.review.queue.selected == Some(id) {
                    self.view.status = Some(Status::Error(e));
                }
                return;
            }
        };
        let on_screen = self
            .review
            .shown
            .as_ref()
            .is_some_and(|s| s.detail.submission_id == id);
        if self.review.queue.selected == Some(id) && !on_screen {
            self.show(shown);
        } else if prefetch && !on_screen {
            self.review
                .prefetched
                .retain(|s| s.detail.submission_id != id);
            self.review.prefetched.push(shown);
            if self.review.prefetched.len() > PREFETCH * 2 {
                self.review.prefetched.remove(0);
            }
        }
    }

    fn on_claim(&mut self, case: i64, holder: Option<String>) {
        if let Some(item) = self
            .review
            .queue
            .items
            .iter_mut()
            .find(|q| q.case_id == case)
        {
            item.claimed_by = Some(
                holder
                    .clone()
                    .unwrap_or_else(|| self.session.actor.name.clone()),
            );
        }
        // The answer may come before the photo: it belongs to the selection, not the screen.
        if self
            .review
            .queue
            .selected_item()
            .is_some_and(|q| q.case_id == case)
        {
            self.review.held_by = holder;
        }
    }

    fn on_decided(&mut self, request: &DecisionRequest, result: Result<DecisionReceipt, Msg>) {
        self.review.in_flight = None;
        let receipt = match result {
            Ok(r) => r,
            Err(e) => {
                self.view.status =
                    Some(Status::Error(Msg::new("ui-save-failed-why").arg("why", e)));
                return;
            }
        };
        self.review.decided_today += 1;
        self.view.status = Some(Status::Info(
            Msg::new("ui-status-saved")
                .arg("id", receipt.submission_id)
                .arg("state", Msg::new(receipt.to.label_id())),
        ));
        let Some((pos, item)) = self.review.queue.remove(request.submission_id, Utc::now()) else {
            return;
        };
        self.review.undo_stack.push(Undoable {
            decision_id: receipt.decision_id,
            item,
        });
        // Decide-and-advance: the next item this desk may have slides into the same place.
        if let Some(id) = self.review.queue.next_free(pos, &self.session.actor.name) {
            self.select(id);
        } else {
            self.review.queue.selected = None;
            self.review.shown = None;
        }
    }

    fn on_undone(&mut self, result: Result<UndoReceipt, Msg>) {
        let receipt = match result {
            Ok(r) => r,
            Err(e) => {
                // Refused (moved on, exported…): it stays decided and leaves the undo list.
                self.review.undo_stack.pop();
                self.view.status = Some(Status::Error(e));
                return;
            }
        };
        let Some(i) = self
            .review
            .undo_stack
            .iter()
            .rposition(|u| u.decision_id == receipt.decision_id)
        else {
            return;
        };
        let mut item = self.review.undo_stack.remove(i).item;
        item.state = receipt.state;
        item.claimed_by = Some(self.session.actor.name.clone());
        self.review.decided_today = self.review.decided_today.saturating_sub(1);
        self.review.queue.reinsert(item, Utc::now());
        self.view.status = Some(Status::Info(
            Msg::new("ui-status-undone").arg("id", receipt.submission_id),
        ));
        // The undone photo may be hidden by the filter: show it anyway, it is what the
        // reviewer wants to look at again.
        if self
            .review
            .queue
            .view
            .iter()
            .all(|&k| self.review.queue.items[k].submission_id != receipt.submission_id)
        {
            self.review
                .queue
                .set_filter(super::Filter::default(), Utc::now());
        }
        self.select(receipt.submission_id);
    }
}

fn to_shown(ctx: &egui::Context, item: Loaded) -> Result<Shown, Msg> {
    let detail = item.detail?;
    let (texture, photo_error) = upload(ctx, item.id, item.photo);
    Ok(Shown {
        detail,
        texture,
        photo_error,
        report: item.report,
        histogram: item.histogram,
        phash: item.phash,
        earlier: item
            .earlier
            .into_iter()
            .map(|e| earlier_shown(ctx, e))
            .collect(),
    })
}

fn earlier_shown(ctx: &egui::Context, e: EarlierLoaded) -> EarlierShown {
    let (texture, error) = upload(ctx, e.submission_id, e.photo);
    EarlierShown {
        submission_id: e.submission_id,
        texture,
        error,
        phash: e.phash,
    }
}

/// A decoded photo as a texture, or why there is none.
fn upload(
    ctx: &egui::Context,
    submission_id: i64,
    photo: super::worker::Photo,
) -> (Option<egui::TextureHandle>, Option<Msg>) {
    match photo {
        Ok(img) => (
            Some(ctx.load_texture(
                format!("photo-{submission_id}"),
                img,
                egui::TextureOptions::LINEAR,
            )),
            None,
        ),
        Err(e) => (None, Some(e)),
    }
}
