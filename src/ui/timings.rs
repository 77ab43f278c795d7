//! Opt-in timing figures of the running window (`IDPHOTO_TIMINGS=1`), printed to stderr:
//! start to first photo, frame times, filter times, and decision to next photo on screen.
//! Used by `bench/gui_timings.sh` to measure the real binary under Xvfb.

use std::time::{Duration, Instant};

/// Frames summarised per report line.
const FRAMES_PER_REPORT: usize = 120;

#[derive(Debug)]
pub struct Timings {
    enabled: bool,
    started: Instant,
    first_photo_done: bool,
    /// Decision (or move) asked at; cleared when the next photo is on screen.
    pending_since: Option<(Instant, u64, &'static str)>,
    frame_index: u64,
    frame_secs: Vec<f32>,
    ui_secs: Vec<f32>,
}

impl Timings {
    pub fn from_env() -> Self {
        Self {
            enabled: std::env::var_os("IDPHOTO_TIMINGS").is_some_and(|v| v != "0"),
            started: Instant::now(),
            first_photo_done: false,
            pending_since: None,
            frame_index: 0,
            frame_secs: Vec::new(),
            ui_secs: Vec::new(),
        }
    }

    /// A photo went on screen.
    pub fn photo_shown(&mut self) {
        if !self.enabled {
            return;
        }
        if !self.first_photo_done {
            self.first_photo_done = true;
            eprintln!("timing first_photo_ms={:.1}", ms(self.started.elapsed()));
        }
        if let Some((at, frame, what)) = self.pending_since.take() {
            eprintln!(
                "timing {what}_to_photo_ms={:.1} frames={}",
                ms(at.elapsed()),
                self.frame_index - frame
            );
        }
    }

    /// The queue reloaded after another desk's change: how long since the change was made
    /// (by the server's clock, `PostgreSQL`) and since this desk noticed it.
    pub fn live_change(&self, noticed: Instant, made_at: Option<chrono::DateTime<chrono::Utc>>) {
        if !self.enabled {
            return;
        }
        let since_made = made_at.map_or_else(
            || "unknown".to_owned(),
            |at| format!("{}", (chrono::Utc::now() - at).num_milliseconds()),
        );
        eprintln!(
            "timing live_change_ms={since_made} noticed_to_queue_ms={:.1}",
            ms(noticed.elapsed())
        );
    }

    /// The reviewer asked for another photo (`what`: "decide", "move").
    pub fn asked(&mut self, what: &'static str) {
        if self.enabled {
            self.pending_since = Some((Instant::now(), self.frame_index, what));
        }
    }

    pub fn filtered(&self, took: Duration, shown: usize) {
        if self.enabled {
            eprintln!("timing filter_ms={:.2} rows={shown}", ms(took));
        }
    }

    /// Times of the last frame: eframe's whole frame (layout, tessellation and GL painting —
    /// on a software renderer mostly painting) and our own `ui` code alone.
    pub fn frame(&mut self, cpu_secs: Option<f32>, ui_secs: f32) {
        if !self.enabled {
            return;
        }
        self.frame_index += 1;
        let Some(secs) = cpu_secs else { return };
        self.frame_secs.push(secs);
        self.ui_secs.push(ui_secs);
        if self.frame_secs.len() >= FRAMES_PER_REPORT {
            let frame = percentiles(&mut std::mem::take(&mut self.frame_secs));
            let ui = percentiles(&mut std::mem::take(&mut self.ui_secs));
            eprintln!(
                "timing frames={FRAMES_PER_REPORT} frame_p50_ms={:.2} frame_p95_ms={:.2} frame_max_ms={:.2} ui_p50_ms={:.2} ui_p95_ms={:.2} ui_max_ms={:.2}",
                frame[0], frame[1], frame[2], ui[0], ui[1], ui[2]
            );
        }
    }

    pub fn enabled(&self) -> bool {
        self.enabled
    }
}

/// p50, p95 and max of `v`, in milliseconds.
fn percentiles(v: &mut [f32]) -> [f32; 3] {
    v.sort_by(f32::total_cmp);
    let pick = |q: f32| v[((v.len() - 1) as f32 * q) as usize] * 1000.0;
    [pick(0.5), pick(0.95), pick(1.0)]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
