//! The top bar (File menu, view toggles, language), the status bar, and the window showing a
//! File-menu job's progress and result.

use crate::domain::lang::Lang;
use crate::domain::role::Action as Permission;
use crate::i18n::{Localized, Msg};
use std::path::PathBuf;

use super::jobs::{JobKind, JobResult};
use super::text::texts;
use super::{Action, Command, ReviewApp, Status, theme};
use crate::roster_import::{ImportError, describe};

pub fn top_ui(ui: &mut egui::Ui, app: &mut ReviewApp, out: &mut Vec<Command>) {
    let t = texts(app.lang);
    egui::MenuBar::new().ui(ui, |ui| {
        // The menu holds text fields (a typed path, the age key, the mailing batch): a click in
        // one must not close it, so only a click outside does, and each action closes it itself.
        let config = egui::containers::menu::MenuConfig::new()
            .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside);
        egui::containers::menu::MenuButton::new(t.menu_file)
            .config(config)
            .ui(ui, |ui| file_menu_ui(ui, app, out));
        ui.separator();
        super::supervisor::tabs_ui(ui, app, out);
        ui.strong(t.app_title);
        ui.separator();
        ui.label(format!(
            "{}: {}",
            t.reviewer, app.session.actor.display_name
        ));
        ui.separator();
        let v = &app.view.viewer;
        let toggles = [
            (
                v.overlays,
                t.overlays,
                Action::ToggleOverlays,
                Command::ToggleOverlays,
            ),
            (
                v.compare,
                t.compare,
                Action::ToggleCompare,
                Command::ToggleCompare,
            ),
            (
                v.histogram,
                t.histogram,
                Action::ToggleHistogram,
                Command::ToggleHistogram,
            ),
            (v.loupe, t.loupe, Action::ToggleLoupe, Command::ToggleLoupe),
        ];
        for (on, label, action, cmd) in toggles {
            if ui
                .selectable_label(on, label)
                .on_hover_text(format!(
                    "{} ({})",
                    action.label(app.lang),
                    action.keys_text()
                ))
                .clicked()
            {
                out.push(cmd);
            }
        }
        let zoom_label = match app.view.viewer.zoom {
            super::viewer::Zoom::Fit => t.zoom_fit.to_owned(),
            super::viewer::Zoom::Scale(s) => format!("{:.0}%", s * 100.0),
        };
        if ui
            .button(zoom_label)
            .on_hover_text(format!(
                "{} ({})",
                Action::ToggleZoom.label(app.lang),
                Action::ToggleZoom.keys_text()
            ))
            .clicked()
        {
            out.push(Command::ToggleZoom);
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui.button(t.language).clicked() {
                out.push(Command::ToggleLang);
            }
            if ui
                .button("?")
                .on_hover_text(Action::Help.label(app.lang))
                .clicked()
            {
                out.push(Command::ToggleHelp);
            }
        });
    });
}

fn file_menu_ui(ui: &mut egui::Ui, app: &mut ReviewApp, out: &mut Vec<Command>) {
    let t = texts(app.lang);
    // What the menu offers follows the one rule the store and the commands check
    // (`Role::may`, through `Actor::require`): a job the account may not run is not shown.
    let role = app.session.actor.role;
    let may = |action: Permission| role.may(action);
    let busy = app.menu.job.as_ref().is_some_and(|j| j.result.is_none());
    if ui.button(t.open_db).clicked() {
        if let Some(p) = rfd::FileDialog::new()
            .add_filter("SQLite", &["db", "sqlite", "sqlite3"])
            .pick_file()
        {
            out.push(Command::OpenDatabase(p.to_string_lossy().into_owned()));
        }
        ui.close();
    }
    ui.add_enabled_ui(!busy, |ui| {
        if ui.button(t.import_roster).clicked() {
            if let Some(p) = rfd::FileDialog::new()
                .add_filter("CSV / Excel", &["csv", "xlsx", "xls"])
                .pick_file()
            {
                out.push(Command::StartJob(JobKind::ImportRoster(p)));
            }
            ui.close();
        }
        if ui.button(t.ingest_folder).clicked() {
            if let Some(p) = rfd::FileDialog::new().pick_folder() {
                out.push(Command::StartJob(JobKind::IngestFolder(p)));
            }
            ui.close();
        }
        supervisor_jobs_ui(ui, app, out);
        if may(Permission::Recheck) {
            ui.separator();
            if ui.button(t.recheck).on_hover_text(t.recheck_hint).clicked() {
                out.push(Command::StartJob(JobKind::Recheck));
                ui.close();
            }
        }
    });
    ui.separator();
    // Where no file dialog is available (no desktop portal), a typed path does the same.
    ui.add(
        egui::TextEdit::singleline(&mut app.menu.path_input)
            .hint_text(t.path_hint)
            .desired_width(320.0),
    );
    let before = out.len();
    let path = PathBuf::from(app.menu.path_input.trim());
    let has_path = !app.menu.path_input.trim().is_empty();
    let can_start = has_path && !busy;
    // One button per job on the typed path; each is enabled only when a job may start.
    let job_button = |ui: &mut egui::Ui, label: &str, kind: &dyn Fn(PathBuf) -> JobKind| {
        ui.add_enabled(can_start, egui::Button::new(label))
            .clicked()
            .then(|| Command::StartJob(kind(path.clone())))
    };
    ui.horizontal(|ui| {
        if ui
            .add_enabled(has_path, egui::Button::new(t.open_db))
            .clicked()
        {
            out.push(Command::OpenDatabase(app.menu.path_input.trim().to_owned()));
        }
        out.extend(job_button(ui, t.import_roster, &JobKind::ImportRoster));
        out.extend(job_button(ui, t.ingest_folder, &JobKind::IngestFolder));
    });
    // The typed path is the package folder to create / the base of the decision files.
    ui.horizontal(|ui| {
        if may(Permission::Export) {
            let chsi = |p: PathBuf| chsi_job(p, &app.menu.age_recipient);
            out.extend(job_button(ui, t.export_chsi, &chsi));
            out.extend(job_button(
                ui,
                t.export_decisions,
                &JobKind::ExportDecisions,
            ));
        }
        if may(Permission::Produce) {
            let produce = |p: PathBuf| produce_job(p, &app.menu.produce_batch, app.lang);
            out.extend(job_button(ui, t.produce, &produce));
        }
    });
    if out.len() > before {
        ui.close();
    }
    ui.separator();
    if ui.button(t.refresh).clicked() {
        out.push(Command::RefreshQueue);
        ui.close();
    }
}

/// The supervisor's exports and production in the File menu: each writes a new folder or new
/// files, named by time, inside the folder chosen. Shown only to an account that may run them.
fn supervisor_jobs_ui(ui: &mut egui::Ui, app: &mut ReviewApp, out: &mut Vec<Command>) {
    let t = texts(app.lang);
    let role = app.session.actor.role;
    if role.may(Permission::Export) {
        export_jobs_ui(ui, app, out);
    }
    if role.may(Permission::Produce) {
        ui.separator();
        ui.add(
            egui::TextEdit::singleline(&mut app.menu.produce_batch)
                .hint_text(t.produce_batch_hint)
                .desired_width(320.0),
        );
        if ui.button(t.produce).on_hover_text(t.produce_hint).clicked() {
            if let Some(p) = rfd::FileDialog::new().pick_folder() {
                let out_dir = p.join(format!("prints-{}", stamp()));
                out.push(Command::StartJob(produce_job(
                    out_dir,
                    &app.menu.produce_batch,
                    app.lang,
                )));
            }
            ui.close();
        }
    }
}

/// The time stamp that names a new export or production folder.
fn stamp() -> String {
    chrono::Local::now().format("%Y%m%d-%H%M").to_string()
}

/// The CHSI package and the decision files, each into a new folder named by time.
fn export_jobs_ui(ui: &mut egui::Ui, app: &mut ReviewApp, out: &mut Vec<Command>) {
    let t = texts(app.lang);
    ui.separator();
    // Sealed for the school's age key when one is given (the package holds personal
    // data); plain otherwise.
    ui.add(
        egui::TextEdit::singleline(&mut app.menu.age_recipient)
            .hint_text(t.age_recipient_hint)
            .desired_width(320.0),
    );
    let stamp = stamp();
    if ui.button(t.export_chsi).clicked() {
        if let Some(p) = rfd::FileDialog::new().pick_folder() {
            let out_dir = p.join(format!("chsi-{stamp}"));
            out.push(Command::StartJob(chsi_job(
                out_dir,
                &app.menu.age_recipient,
            )));
        }
        ui.close();
    }
    if ui.button(t.export_decisions).clicked() {
        if let Some(p) = rfd::FileDialog::new().pick_folder() {
            let base = p.join(format!("decisions-{stamp}"));
            out.push(Command::StartJob(JobKind::ExportDecisions(base)));
        }
        ui.close();
    }
}

/// Production into the new folder `out`, for one mailing batch unless `batch` is blank.
fn produce_job(out: PathBuf, batch: &str, lang: crate::domain::lang::Lang) -> JobKind {
    let batch = batch.trim();
    JobKind::Produce {
        out,
        batch: (!batch.is_empty()).then(|| batch.to_owned()),
        lang,
    }
}

/// The CHSI export into `out`, sealed for `recipient` unless it is blank.
fn chsi_job(out: PathBuf, recipient: &str) -> JobKind {
    let recipient = recipient.trim();
    JobKind::ExportChsi {
        out,
        encrypt_to: (!recipient.is_empty()).then(|| recipient.to_owned()),
    }
}

pub fn status_ui(ui: &mut egui::Ui, app: &ReviewApp) {
    let t = texts(app.lang);
    ui.horizontal(|ui| {
        ui.label(format!(
            "{}: {}",
            t.reviewer, app.session.actor.display_name
        ));
        ui.separator();
        ui.label(format!("{} {}", t.decided_today, app.review.decided_today));
        ui.separator();
        ui.label(format!("{} {}", t.queue, app.review.queue.items.len()));
        ui.separator();
        match &app.view.status {
            Some(Status::Info(m)) => {
                ui.colored_label(theme::CALM, m.render(app.lang));
            }
            Some(Status::Error(m)) => {
                ui.colored_label(theme::ERROR_TEXT, m.render(app.lang));
            }
            None => {}
        }
        // An error needs the whole line (its server or path comes last); the shortcut
        // reminder gives way to it rather than being drawn over it.
        if !matches!(app.view.status, Some(Status::Error(_))) {
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                ui.weak(t.shortcuts);
            });
        }
    });
}

/// Progress while a job runs, its summary when it ends.
pub fn job_window(ctx: &egui::Context, app: &ReviewApp, out: &mut Vec<Command>) {
    let t = texts(app.lang);
    let Some(job) = &app.menu.job else { return };
    let title = match &job.kind {
        JobKind::ImportRoster(_) => t.import_roster,
        JobKind::IngestFolder(_) => t.ingest_folder,
        JobKind::ExportChsi { .. } => t.export_chsi,
        JobKind::ExportDecisions(_) => t.export_decisions,
        JobKind::Recheck => t.recheck,
        JobKind::Produce { .. } => t.produce,
    };
    egui::Window::new(title)
        .collapsible(false)
        .resizable(true)
        .default_width(460.0)
        .show(ctx, |ui| {
            let (done, total) = job.progress();
            match &job.result {
                None => {
                    ui.label(t.working);
                    let fraction = if total == 0 {
                        0.0
                    } else {
                        done as f32 / total as f32
                    };
                    ui.add(egui::ProgressBar::new(fraction).text(format!("{done} / {total}")));
                }
                Some(result) => {
                    result_ui(ui, app, result);
                    if ui.button(t.close).clicked() {
                        out.push(Command::DismissJob);
                        out.push(Command::RefreshQueue);
                    }
                }
            }
        });
}

/// The summary of a production run: totals, then each envelope's roster arithmetic.
fn produced_lines(r: &crate::production::ProduceReport, lang: Lang) -> Vec<String> {
    let mut l = vec![
        Msg::new("ui-produce-summary")
            .arg("students", r.students)
            .arg("copies", r.copies)
            .arg("sheets", r.sheets)
            .path("path", &r.out)
            .render(lang),
    ];
    l.extend(r.envelopes.iter().map(|e| {
        format!(
            "{} / {}: {} = {} + {}",
            e.school,
            e.batch.as_deref().unwrap_or("-"),
            e.totals.roster,
            e.totals.in_envelope,
            e.totals.roster - e.totals.in_envelope
        )
    }));
    if !r.missing_glyphs.is_empty() {
        l.push(format!("⚠ {}", r.missing_glyphs.iter().collect::<String>()));
    }
    l
}

fn result_ui(ui: &mut egui::Ui, app: &ReviewApp, result: &JobResult) {
    let t = texts(app.lang);
    let lines: Vec<String> = match result {
        JobResult::Roster(o) => {
            ui.colored_label(theme::CALM, t.job_done);
            let mut l = vec![
                Msg::new("ui-roster-summary")
                    .arg("imported", o.imported)
                    .arg("offline", o.offline)
                    .arg("encoding", o.encoding)
                    .render(app.lang),
            ];
            l.extend(o.warnings.iter().map(|p| describe(p, app.lang)));
            l
        }
        JobResult::RosterRefused(e) => {
            ui.colored_label(theme::ERROR_TEXT, t.job_failed);
            let mut l = vec![e.render(app.lang)];
            if let ImportError::RowErrors { errors, .. } = e {
                l.extend(errors.iter().map(|p| describe(p, app.lang)));
            }
            l
        }
        JobResult::Ingest {
            recorded,
            refused,
            warnings,
        } => {
            ui.colored_label(theme::CALM, t.job_done);
            let mut l = vec![
                Msg::new("ui-ingest-summary")
                    .arg("recorded", *recorded)
                    .arg("refused", refused.len())
                    .arg("warnings", warnings.len())
                    .render(app.lang),
            ];
            let line = |(f, why): &(String, Msg)| format!("{f}: {}", why.render(app.lang));
            l.extend(refused.iter().map(line));
            l.extend(warnings.iter().map(line));
            l
        }
        JobResult::Chsi(r) => {
            ui.colored_label(theme::CALM, t.job_done);
            let mut l = vec![
                Msg::new("ui-chsi-summary")
                    .arg("count", r.photos)
                    .path("path", &r.out)
                    .render(app.lang),
            ];
            if r.encrypted {
                l.push(t.chsi_sealed.to_owned());
            }
            l
        }
        JobResult::Decisions(r) => {
            ui.colored_label(theme::CALM, t.job_done);
            let mut l = vec![
                Msg::new("ui-decisions-summary")
                    .arg("count", r.decisions)
                    .arg("approved", r.approved)
                    .arg("rejected", r.rejected)
                    .render(app.lang),
            ];
            l.extend(r.files.iter().map(|f| f.display().to_string()));
            l
        }
        JobResult::Rechecked(r) => {
            ui.colored_label(theme::CALM, t.job_done);
            vec![
                Msg::new("ui-recheck-summary")
                    .arg("checked", r.checked)
                    .arg("unreadable", r.unreadable)
                    .render(app.lang),
            ]
        }
        JobResult::Produced(r) => {
            ui.colored_label(theme::CALM, t.job_done);
            produced_lines(r, app.lang)
        }
        JobResult::Info(s) => {
            ui.colored_label(theme::CALM, t.job_done);
            vec![s.clone()]
        }
        JobResult::Failed(e) => {
            ui.colored_label(theme::ERROR_TEXT, t.job_failed);
            vec![e.render(app.lang)]
        }
    };
    egui::ScrollArea::vertical()
        .max_height(260.0)
        .show(ui, |ui| {
            for l in lines {
                ui.label(l);
            }
        });
}
