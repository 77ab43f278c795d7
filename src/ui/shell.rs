//! The window's stages: who is at the desk (sign-in, checked on a background thread), then the
//! review screen for that account.

use crate::store::DbLocation;
use std::sync::mpsc::{Receiver, TryRecvError};

use super::login::{LoginAttempt, LoginForm};
use super::text::texts;
use super::{ReviewApp, SETTINGS_KEY, Settings, fonts, theme};
use crate::domain::role::Actor;
use crate::store::{Store, StoreError};

enum Stage {
    SignIn {
        form: LoginForm,
        pending: Option<Receiver<Result<(Actor, DbLocation), StoreError>>>,
    },
    Review(Box<ReviewApp>),
}

/// The whole window.
pub struct DeskApp {
    db: DbLocation,
    settings: Settings,
    /// Accounts to show on the sign-in screen of a demo database.
    demo_hint: bool,
    stage: Stage,
}

impl DeskApp {
    /// Starts at the sign-in form; with `auto` (name, password) it signs in at once.
    pub fn new(
        ctx: &egui::Context,
        db: DbLocation,
        settings: Settings,
        auto: Option<(String, String)>,
        demo_hint: bool,
    ) -> Self {
        fonts::install(ctx);
        let mut app = Self {
            db,
            settings,
            demo_hint,
            stage: Stage::SignIn {
                form: LoginForm::default(),
                pending: None,
            },
        };
        if let Some((name, password)) = auto {
            app.sign_in(ctx, LoginAttempt { name, password });
        }
        app
    }

    /// The review screen, once signed in.
    pub fn review(&self) -> Option<&ReviewApp> {
        match &self.stage {
            Stage::Review(app) => Some(app),
            Stage::SignIn { .. } => None,
        }
    }

    fn sign_in(&mut self, ctx: &egui::Context, attempt: LoginAttempt) {
        let (tx, rx) = std::sync::mpsc::sync_channel(1);
        let db = self.db.clone();
        let ctx = ctx.clone();
        // Password hashing is slow on purpose: never on the UI thread. On PostgreSQL the review
        // screen then connects as the account's own login (the session location), not as the
        // gate the database was opened with.
        let spawned = std::thread::Builder::new()
            .name("sign-in".to_owned())
            .spawn(move || {
                let result = Store::open(&db).and_then(|mut s| {
                    let actor = s.authenticate(&attempt.name, &attempt.password)?;
                    Ok((actor, s.session_location()))
                });
                let _ = tx.send(result);
                ctx.request_repaint();
            });
        if let Stage::SignIn { form, pending } = &mut self.stage {
            form.busy = true;
            match spawned {
                Ok(_) => *pending = Some(rx),
                Err(e) => form.set_error(
                    crate::i18n::Msg::new("ui-thread-failed")
                        .arg("why", e.to_string())
                        .render(self.settings.lang),
                ),
            }
        }
    }

    fn poll_sign_in(&mut self, ctx: &egui::Context) {
        let Stage::SignIn { form, pending } = &mut self.stage else {
            return;
        };
        let Some(rx) = pending else { return };
        let result = match rx.try_recv() {
            Ok(r) => r,
            Err(TryRecvError::Empty) => return,
            Err(TryRecvError::Disconnected) => {
                *pending = None;
                form.set_error(crate::i18n::text(self.settings.lang, "ui-sign-in-stopped"));
                return;
            }
        };
        *pending = None;
        match result {
            Ok((actor, session)) => {
                let app = ReviewApp::with_settings(ctx, session, actor, self.settings.clone());
                self.stage = Stage::Review(Box::new(app));
            }
            Err(e) => form.show_refusal(&e, self.settings.lang),
        }
    }

    fn sign_in_ui(&mut self, ui: &mut egui::Ui) -> Option<LoginAttempt> {
        let lang = self.settings.lang;
        let demo_hint = self.demo_hint;
        let Stage::SignIn { form, .. } = &mut self.stage else {
            return None;
        };
        let mut attempt = None;
        egui::CentralPanel::default().show(ui, |ui| {
            ui.vertical_centered(|ui| {
                ui.add_space(ui.available_height() / 4.0);
                ui.heading(texts(lang).app_title);
                ui.add_space(theme::PANEL_GAP * 2.0);
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    ui.set_width(360.0);
                    attempt = form.ui(ui, lang);
                });
                if demo_hint {
                    ui.add_space(theme::PANEL_GAP);
                    ui.weak(texts(lang).demo_accounts);
                }
            });
        });
        attempt
    }
}

impl eframe::App for DeskApp {
    fn logic(&mut self, ctx: &egui::Context, frame: &mut eframe::Frame) {
        self.poll_sign_in(ctx);
        if let Stage::Review(app) = &mut self.stage {
            eframe::App::logic(app.as_mut(), ctx, frame);
            if let Some(db) = app.session.sign_in_at.take() {
                self.settings = app.settings();
                let form = LoginForm::with_name(app.session.actor.name.clone());
                self.db = db;
                // Nothing to read before sign-in on a server (the gate reads no table).
                self.demo_hint = false;
                self.stage = Stage::SignIn {
                    form,
                    pending: None,
                };
            }
        }
    }

    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        if let Stage::Review(app) = &mut self.stage {
            eframe::App::ui(app.as_mut(), ui, frame);
            return;
        }
        if let Some(attempt) = self.sign_in_ui(ui) {
            let ctx = ui.ctx().clone();
            self.sign_in(&ctx, attempt);
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        if let Stage::Review(app) = &self.stage {
            self.settings = app.settings();
        }
        eframe::set_value(storage, SETTINGS_KEY, &self.settings);
    }
}
