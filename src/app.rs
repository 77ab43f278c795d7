//! Starting the GUI: pick or create the database, then open the review window.

use crate::i18n::MsgContext;
use anyhow::Result;
use chrono::Utc;

use crate::domain::lang::Lang;
use crate::store::DbLocation;
use crate::ui::{DeskApp, SETTINGS_KEY, Settings};

/// Opens the review window on `db`. A database that does not exist yet is created with the
/// demo campaign, so a new user sees a full queue at once.
///
/// Only a missing `SQLite` file becomes a demo: a server database is the studio's own, so an
/// empty one is refused with the way to set it up.
pub fn run_gui(db: &DbLocation, lang: Option<&str>) -> Result<()> {
    match db.sqlite_path() {
        Some(path) if !path.exists() => {
            let mut store = crate::cli::create_db(db)?;
            crate::demo::build(&mut store, 240, 2026, Utc::now())
                .ctx(crate::i18n::Msg::new("cli-cannot-create-demo"))?;
            crate::cli::warn(&crate::i18n::Msg::new("cli-demo-created").arg("at", db.to_string()));
        }
        // Fail early, in the terminal, on a database that is not ours or cannot be reached.
        _ => drop(crate::store::Store::open(db).ctx(crate::i18n::Msg::new("cli-cannot-open-db"))?),
    }
    let lang = lang.map(|l| {
        if l.eq_ignore_ascii_case("en") {
            Lang::En
        } else {
            Lang::Zh
        }
    });
    // Scripts and kiosk desks may sign in from the environment; everyone else at the form.
    let auto = std::env::var("IDPHOTO_REVIEWER")
        .ok()
        .zip(crate::cli::auth::password().map(str::to_owned));
    // The sign-in form of a demo database says which demo accounts exist.
    let demo_hint = crate::store::Store::open(db)
        .is_ok_and(|s| s.campaign_by_name(crate::demo::DEMO_CAMPAIGN).is_ok());
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([900.0, 600.0])
            .with_title("idphoto-review"),
        ..Default::default()
    };
    let db = db.clone();
    eframe::run_native(
        "idphoto-review",
        options,
        Box::new(move |cc| {
            // Remembered view settings, filter and language; a language given on the command
            // line wins.
            let mut settings: Settings = cc
                .storage
                .and_then(|s| eframe::get_value(s, SETTINGS_KEY))
                .unwrap_or_default();
            if let Some(lang) = lang {
                settings.lang = lang;
            }
            Ok(Box::new(DeskApp::new(
                &cc.egui_ctx,
                db,
                settings,
                auto,
                demo_hint,
            )))
        }),
    )
    // eframe's error is not `Send` (a boxed cause), so it travels as its words in the message.
    .map_err(|e| {
        anyhow::Error::new(
            crate::i18n::Msg::new("cli-cannot-open-window").arg("error", e.to_string()),
        )
    })
}
