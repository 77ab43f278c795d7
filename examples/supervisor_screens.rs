//! Opens the deadline board and the statistics on a fresh demo database and saves
//! `docs/screenshot-board.png` and `docs/screenshot-stats.png`. Needs a display; headless:
//! `xvfb-run -s "-screen 0 1400x900x24" cargo run --example supervisor_screens`
#![allow(clippy::unwrap_used, clippy::expect_used)] // A developer tool: fail loudly.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::{Duration, Utc};
use idphoto_review::domain::lang::Lang;
use idphoto_review::store::{BoardList, Store};
use idphoto_review::ui::board::BoardScreen;
use idphoto_review::ui::stats::StatsScreen;

struct Shots {
    board: BoardScreen,
    stats: StatsScreen,
    frame: u32,
    saved: Arc<AtomicUsize>,
}

fn save(name: &'static str, saved: Arc<AtomicUsize>) -> impl FnOnce(Arc<egui::ColorImage>) {
    move |img| {
        let [w, h] = img.size;
        let path = format!("{}/docs/{name}", env!("CARGO_MANIFEST_DIR"));
        image::save_buffer(
            &path,
            img.as_raw(),
            w as u32,
            h as u32,
            image::ExtendedColorType::Rgba8,
        )
        .unwrap();
        println!("saved {path}");
        saved.fetch_add(1, Ordering::SeqCst);
    }
}

impl eframe::App for Shots {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        self.frame += 1;
        let on_board = self.frame < 30;
        egui::CentralPanel::default().show(ui, |ui| {
            if on_board {
                self.board.ui(ui, Lang::Zh, Utc::now());
            } else {
                self.stats.ui(ui, Lang::Zh);
            }
        });
        match self.frame {
            20 => ctx.request_screenshot(save("screenshot-board.png", self.saved.clone())),
            50 => ctx.request_screenshot(save("screenshot-stats.png", self.saved.clone())),
            _ => {}
        }
        if self.saved.load(Ordering::SeqCst) == 2 || self.frame > 400 {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
        ctx.request_repaint();
    }
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_or_create(dir.path().join("shots.db")).unwrap();
    let now = Utc::now();
    idphoto_review::demo::build(&mut store, 240, 2026, now).unwrap();
    let mut board = BoardScreen::new();
    let data = store.board(now, Duration::hours(6)).unwrap();
    let case = data
        .rows(BoardList::CollectionFailed)
        .first()
        .map(|r| r.case_id);
    board.set_board(data);
    board.set_tab(BoardList::CollectionFailed);
    if let Some(id) = case {
        board.show_case(store.case_file(id).unwrap());
    }
    let mut stats = StatsScreen::default();
    stats.set_stats(store.stats(now, 24).unwrap());
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default().with_inner_size([1400.0, 860.0]),
        ..Default::default()
    };
    eframe::run_native(
        "supervisor screens",
        options,
        Box::new(move |cc| {
            idphoto_review::ui::fonts::install(&cc.egui_ctx);
            Ok(Box::new(Shots {
                board,
                stats,
                frame: 0,
                saved: Arc::new(AtomicUsize::new(0)),
            }))
        }),
    )
    .unwrap();
}
