//! `bench`: speed of decoding and of the whole check pipeline on the demo photos, per stage,
//! and (`--rates`) the detection and false-alarm rate of every check over the demo set.
//!
//! Times are given as wall time and, where Linux tells it (`/proc/thread-self/schedstat`), as
//! the thread's own CPU time: on a machine shared with other jobs the wall time includes the
//! time the thread waited for a core, the CPU time does not.

use std::fmt::Write as _;
use std::time::Instant;

use anyhow::Result;
use rayon::prelude::*;

use super::output::outln;
use crate::checks::face::{self, FaceModels};
use crate::checks::geometry::Detection;
use crate::checks::geometry::FaceGeometry;
use crate::checks::person::PersonModel;
use crate::checks::pipeline;
use crate::checks::result::Report;
use crate::checks::result::Verdict;
use crate::checks::segment::{Segmentation, pixel_checks, segment};
use crate::checks::{background, clothing, exposure, file, pose, sharpness};
use crate::demo::labelled::LabelledPhoto;
use crate::demo::photos::BASE_PHOTOS;
use crate::demo::skin_tone::SkinTone;
use crate::demo::variants::rates::{markdown, summarise, summary_markdown, tally, tally_labels};
use crate::demo::variants::{Variant, render};
use crate::domain::spec::PhotoSpec;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Runs over the photo set
    #[arg(long, default_value_t = 5)]
    rounds: usize,
    /// Also time the file checks, the segmentation and every pixel check on its own
    #[arg(long)]
    stages: bool,
    /// Also print each check's detection and false-alarm rates over the demo set
    #[arg(long)]
    rates: bool,
    /// With --rates: measure over this labelled folder instead (photos and a labels.csv of
    /// `file,faults[,note]`, e.g. tests/fixtures/real), with no timing
    #[arg(long, value_name = "DIR", requires = "rates")]
    labelled: Option<std::path::PathBuf>,
    /// With --labelled: also list every photo's warnings and failures
    #[arg(long, requires = "labelled")]
    list: bool,
}

/// `bench --rates --labelled DIR`: per-check rates and the photo-level summary over a labelled
/// folder.
fn labelled_rates(dir: &std::path::Path, list: bool, spec: &PhotoSpec) -> Result<()> {
    let photos = crate::demo::labelled::read_folder(dir)?;
    let reports: Vec<_> = photos
        .par_iter()
        .map(|p| match std::fs::read(&p.path) {
            Ok(bytes) => pipeline::run(&bytes, spec),
            Err(e) => pipeline::unreadable(&e.to_string()),
        })
        .collect();
    let rows = || {
        photos
            .iter()
            .zip(&reports)
            .map(|(p, r)| (p.faults.clone(), p.faults.clone(), r))
    };
    let compliant = photos.iter().filter(|p| p.is_compliant()).count();
    outln!(
        "{} labelled photos in {} ({compliant} compliant)\n",
        photos.len(),
        dir.display()
    );
    outln!("{}", markdown(&tally_labels(rows())));
    outln!("{}", summary_markdown(&summarise(rows())));
    outln!("{}", tone_markdown(&photos, &reports));
    if list {
        for (p, r) in photos.iter().zip(&reports) {
            let flags: Vec<String> = r
                .checks
                .iter()
                .filter(|c| matches!(c.verdict, Verdict::Warn | Verdict::Fail | Verdict::Error))
                .map(|c| {
                    let codes: Vec<&str> = c.reasons.iter().map(|x| x.code()).collect();
                    format!("{}={}[{}]", c.id, c.verdict.code(), codes.join(" "))
                })
                .collect();
            outln!(
                "{}  labels: {}\n    {}",
                p.name(),
                p.faults.join(" "),
                flags.join("\n    ")
            );
        }
    }
    Ok(())
}

/// The photo-level summary per skin-tone band of the labels' notes: every band should see the
/// same rates (fairness is correctness).
fn tone_markdown(photos: &[LabelledPhoto], reports: &[Report]) -> String {
    let share = |part: usize, whole: usize| {
        if whole == 0 {
            "—".to_owned()
        } else {
            format!(
                "{part} / {whole} ({:.0} %)",
                part as f64 * 100.0 / whole as f64
            )
        }
    };
    let mut out = String::from(
        "| skin tone (labels' notes) | photos | faults flagged with their reason | compliant with a failure | compliant with any warning or failure |\n|---|---|---|---|---|\n",
    );
    let bands = SkinTone::ALL.map(Some).into_iter().chain([None]);
    for band in bands {
        let rows: Vec<_> = photos
            .iter()
            .zip(reports)
            .filter(|(p, _)| SkinTone::from_note(&p.note) == band)
            .map(|(p, r)| (p.faults.clone(), p.faults.clone(), r))
            .collect();
        if rows.is_empty() {
            continue;
        }
        let s = summarise(rows);
        // Writing to a `String` cannot fail.
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            band.map_or("not stated", SkinTone::label),
            s.photos,
            share(s.faults_flagged, s.faults),
            share(s.compliant_failed, s.compliant),
            share(s.compliant_flagged, s.compliant),
        );
    }
    out
}

/// CPU time of the calling thread in nanoseconds, when the system reports it.
fn thread_cpu_ns() -> Option<u64> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    text.split_whitespace().next()?.parse().ok()
}

/// Wall and CPU milliseconds of `rounds` runs of `f`, per item (`items` per run).
struct Timing {
    wall_ms: f64,
    cpu_ms: Option<f64>,
}

/// Times `accessory.glasses` and `hair.covering` alone (the segmentation they read is made
/// beforehand, outside the clock).
fn time_accessories(
    rounds: usize,
    rgbs: &[image::RgbImage],
    geoms: &[Option<FaceGeometry>],
    spec: &PhotoSpec,
) -> Timing {
    let segs: Vec<Segmentation> = rgbs
        .iter()
        .zip(geoms)
        .map(|(r, g)| segment(r, g.as_ref().and_then(FaceGeometry::refined).as_ref()))
        .collect();
    time(rounds, rgbs.len(), || {
        for ((r, g), seg) in rgbs.iter().zip(geoms).zip(&segs) {
            if let Some(g) = g {
                std::hint::black_box(face::check_glasses(r, g, spec));
                std::hint::black_box(face::check_hair(r, g, seg, spec));
            }
        }
    })
}

fn time(rounds: usize, items: usize, mut f: impl FnMut()) -> Timing {
    let n = (rounds.max(1) * items.max(1)) as f64;
    let cpu0 = thread_cpu_ns();
    let start = Instant::now();
    for _ in 0..rounds.max(1) {
        f();
    }
    let wall_ms = start.elapsed().as_secs_f64() * 1e3 / n;
    let cpu_ms = thread_cpu_ns()
        .zip(cpu0)
        .map(|(b, a)| b.saturating_sub(a) as f64 / 1e6 / n);
    Timing { wall_ms, cpu_ms }
}

fn line(label: &str, t: &Timing) {
    match t.cpu_ms {
        Some(cpu) => outln!(
            "{label:<20} {cpu:7.2} ms/photo CPU ({:.2} ms wall)",
            t.wall_ms
        ),
        None => outln!("{label:<20} {:7.2} ms/photo wall", t.wall_ms),
    }
}

/// The median of `values` (0 when empty).
fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values.get(values.len() / 2).copied().unwrap_or(0.0)
}

/// Bare decode and full check timed photo by photo in turn, so that both see the same load
/// on a shared machine (two separate loops can run minutes apart under different loads).
/// Returns the median round's decode and full-check times per photo and the median of the
/// rounds' ratios.
fn decode_and_check(rounds: usize, photos: &[&[u8]], spec: &PhotoSpec) -> (Timing, Timing, f64) {
    let clock =
        || thread_cpu_ns().map_or_else(|| (Instant::now(), None), |n| (Instant::now(), Some(n)));
    let elapsed_ms = |(wall, cpu): (Instant, Option<u64>)| -> (f64, Option<f64>) {
        let cpu_ms = cpu
            .zip(thread_cpu_ns())
            .map(|(a, b)| b.saturating_sub(a) as f64 / 1e6);
        (wall.elapsed().as_secs_f64() * 1e3, cpu_ms)
    };
    let n = photos.len().max(1) as f64;
    let (mut decode, mut full) = (Vec::new(), Vec::new());
    for _ in 0..rounds.max(1) {
        let (mut d, mut f) = ([0.0f64; 2], [0.0f64; 2]);
        for p in photos {
            let start = clock();
            let _ = std::hint::black_box(image::load_from_memory(p));
            let (wall, cpu) = elapsed_ms(start);
            d[0] += wall;
            d[1] += cpu.unwrap_or(wall);
            let start = clock();
            std::hint::black_box(pipeline::run(p, spec));
            let (wall, cpu) = elapsed_ms(start);
            f[0] += wall;
            f[1] += cpu.unwrap_or(wall);
        }
        decode.push(d.map(|v| v / n));
        full.push(f.map(|v| v / n));
    }
    let ratios = decode.iter().zip(&full).map(|(d, f)| f[1] / d[1]).collect();
    let timing = |rounds: &[[f64; 2]]| Timing {
        wall_ms: median(rounds.iter().map(|r| r[0]).collect()),
        cpu_ms: thread_cpu_ns().map(|_| median(rounds.iter().map(|r| r[1]).collect())),
    };
    (timing(&decode), timing(&full), median(ratios))
}

pub fn run(args: &Args) -> Result<()> {
    let spec = PhotoSpec::default();
    if let Some(dir) = &args.labelled {
        return labelled_rates(dir, args.list, &spec);
    }
    let load = Instant::now();
    let models = FaceModels::shared().map_err(|e| anyhow::anyhow!("{e}"))?;
    outln!(
        "face models loaded once in {:.0} ms",
        load.elapsed().as_secs_f64() * 1e3
    );
    let mut labelled: Vec<(Variant, Vec<u8>)> = Vec::new();
    for p in &BASE_PHOTOS {
        for v in Variant::ALL {
            labelled.push((v, render(p.jpeg, v)?));
        }
    }
    let photos: Vec<&[u8]> = labelled.iter().map(|(_, b)| b.as_slice()).collect();
    let rounds = args.rounds.max(1);
    outln!(
        "{} photos ({} portraits × {} variants) × {rounds} rounds, one thread",
        photos.len(),
        BASE_PHOTOS.len(),
        Variant::ALL.len()
    );
    let rgbs: Vec<image::RgbImage> = photos
        .iter()
        .filter_map(|p| image::load_from_memory(p).ok().map(|i| i.to_rgb8()))
        .collect();
    let (decode, full, ratio) = decode_and_check(rounds, &photos, &spec);
    let geoms: Vec<_> = rgbs.iter().map(|r| face::analyse(models, r).ok()).collect();
    let faces = time(rounds, rgbs.len(), || {
        for r in &rgbs {
            let _ = std::hint::black_box(face::analyse(models, r));
        }
    });
    let detector = time(rounds, rgbs.len(), || {
        for r in &rgbs {
            let _ = std::hint::black_box(face::detect(models, r));
        }
    });
    let mesh = time(rounds, rgbs.len(), || {
        for (r, g) in rgbs.iter().zip(&geoms) {
            if let Some(d) = g.as_ref().and_then(|g| g.primary()) {
                let _ = std::hint::black_box(face::landmarks(models, r, d));
            }
        }
    });
    let iris = time(rounds, rgbs.len(), || {
        for (r, g) in rgbs.iter().zip(&geoms) {
            if let Some(mesh) = g.as_ref().and_then(|g| g.mesh.as_deref()) {
                let _ = std::hint::black_box(face::eye_landmarks(models, r, mesh));
            }
        }
    });
    let pixels = time(rounds, rgbs.len(), || {
        for (r, g) in rgbs.iter().zip(&geoms) {
            let primary = g.as_ref().and_then(FaceGeometry::refined);
            std::hint::black_box(pixel_checks(r, primary.as_ref(), &spec));
        }
    });
    let accessories = time_accessories(rounds, &rgbs, &geoms, &spec);
    line("bare decode", &decode);
    line("full check", &full);
    line("  face models", &faces);
    line("    YuNet", &detector);
    line("    Face Mesh", &mesh);
    line("    Iris (both eyes)", &iris);
    line("  pixel checks", &pixels);
    line("  glasses + hair", &accessories);
    if args.stages {
        stages(rounds, &photos, &rgbs, &geoms, &spec);
    }
    outln!("full check = {ratio:.1}× a bare decode (median of the rounds, timed in turn)");
    let batch = Instant::now();
    for _ in 0..rounds {
        photos.par_iter().for_each(|p| {
            std::hint::black_box(pipeline::run(p, &spec));
        });
    }
    let per_sec = (photos.len() * rounds) as f64 / batch.elapsed().as_secs_f64();
    outln!(
        "batch with rayon     {per_sec:7.1} photos/s wall on {} threads",
        rayon::current_num_threads()
    );
    if args.rates {
        let reports: Vec<_> = photos.par_iter().map(|p| pipeline::run(p, &spec)).collect();
        let table = tally(labelled.iter().map(|(v, _)| *v).zip(&reports));
        outln!("\n{}", markdown(&table));
    }
    Ok(())
}

/// One pixel check, as the bench calls it.
type Stage = fn(&image::RgbImage, &Segmentation, Option<&Detection>, &PhotoSpec);

/// Times the file checks, the segmentation and each pixel check alone (`bench --stages`).
fn stages(
    rounds: usize,
    photos: &[&[u8]],
    rgbs: &[image::RgbImage],
    geoms: &[Option<FaceGeometry>],
    spec: &PhotoSpec,
) {
    let files = time(rounds, photos.len(), || {
        for p in photos {
            std::hint::black_box(file::check_file(p, spec));
        }
    });
    line("  file checks", &files);
    let refined: Vec<Option<Detection>> = geoms
        .iter()
        .map(|g| g.as_ref().and_then(FaceGeometry::refined))
        .collect();
    let faces: Vec<Option<&Detection>> = refined.iter().map(Option::as_ref).collect();
    let segs: Vec<Segmentation> = rgbs
        .iter()
        .zip(&faces)
        .map(|(r, f)| segment(r, *f))
        .collect();
    let seg_time = time(rounds, rgbs.len(), || {
        for (r, f) in rgbs.iter().zip(&faces) {
            std::hint::black_box(segment(r, *f));
        }
    });
    line("    segmentation", &seg_time);
    if let Ok(model) = PersonModel::shared() {
        let model_time = time(rounds, rgbs.len(), || {
            for r in rgbs {
                let (w, h) = r.dimensions();
                std::hint::black_box(model.probability(r, w.div_ceil(2), h.div_ceil(2)).ok());
            }
        });
        line("      person model", &model_time);
    }
    let stages: [(&str, Stage); 10] = [
        ("background.colour", |r, s, _, p| {
            std::hint::black_box(background::check_colour(r, s, p));
        }),
        ("background.uniform", |r, s, _, p| {
            std::hint::black_box(background::check_uniformity(r, s, p));
        }),
        ("background.shadow", |r, s, _, p| {
            std::hint::black_box(background::check_shadow(r, s, p));
        }),
        ("background.objects", |r, s, _, p| {
            std::hint::black_box(background::check_objects(r, s, p));
        }),
        ("exposure.bright", |r, s, f, p| {
            std::hint::black_box(exposure::check_brightness(r, s, f, p));
        }),
        ("exposure.cast", |r, s, f, p| {
            std::hint::black_box(exposure::check_colour_cast(r, s, f, p));
        }),
        ("exposure.uneven", |r, s, f, p| {
            std::hint::black_box(exposure::check_uneven(r, s, f, p));
        }),
        ("sharpness+smoothing", |r, _, f, p| {
            std::hint::black_box(sharpness::check_focus_and_smoothing(r, f, p));
        }),
        ("clothing.*", |r, s, f, p| {
            std::hint::black_box(clothing::check_clothing(r, s, f, p));
        }),
        ("pose.shoulders", |r, s, _, p| {
            std::hint::black_box(pose::check_shoulders(r, s, p));
        }),
    ];
    for (name, stage) in stages {
        let t = time(rounds, rgbs.len(), || {
            for ((r, s), f) in rgbs.iter().zip(&segs).zip(&faces) {
                stage(r, s, *f, spec);
            }
        });
        line(&format!("    {name}"), &t);
    }
}
