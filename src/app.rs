//! Starting the GUI: pick or create the database, then open the review window.

use std::path::Path;

use anyhow::{Context, Result};
use chrono::Utc;

use crate::domain::lang::Lang;
use crate::ui::ReviewApp;

/// Opens the review window on `db`. A database that does not exist yet is created with the
/// demo campaign, so a new user sees a full queue at once.
pub fn run_gui(db: &Path, lang: &str) -> Result<()> {
    if db.exists() {
        // Fail early, in the terminal, on a file that is not ours.
        crate::store::Store::open(db).context("cannot open the database")?;
    } else {
        let mut store = crate::cli::create_db(db)?;
        crate::demo::build(&mut store, 240, 2026, Utc::now())
            .context("cannot create the demo database")?;
        eprintln!("created a demo database at {}", db.display());
    }
    let lang = if lang.eq_ignore_ascii_case("en") {
        Lang::En
    } else {
        Lang::Zh
    };
    let actor = desk_actor(db)?;
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([900.0, 600.0])
            .with_title("idphoto-review"),
        ..Default::default()
    };
    let db = db.to_owned();
    eframe::run_native(
        "idphoto-review",
        options,
        Box::new(move |cc| Ok(Box::new(ReviewApp::new(&cc.egui_ctx, db, lang, actor)))),
    )
    .map_err(|e| anyhow::anyhow!("cannot open the window: {e}"))
}

/// Who is at the desk, until the login screen is wired in: `IDPHOTO_REVIEWER` signed in with
/// `IDPHOTO_PASSWORD`, defaulting to the demo reviewer (which only a demo database has).
fn desk_actor(db: &Path) -> Result<crate::domain::role::Actor> {
    let demo = crate::demo::DEMO_ACCOUNTS[1];
    let name = std::env::var("IDPHOTO_REVIEWER").unwrap_or_else(|_| demo.name.to_owned());
    let password =
        std::env::var(crate::cli::auth::PASSWORD_ENV).unwrap_or_else(|_| demo.password.to_owned());
    crate::store::Store::open(db)
        .context("cannot open the database")?
        .authenticate(&name, &password)
        .with_context(|| {
            format!("cannot sign in as {name} (set IDPHOTO_REVIEWER and IDPHOTO_PASSWORD)")
        })
}
