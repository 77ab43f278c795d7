//! `bench`: speed of decoding and of the whole check pipeline on the demo photos.

use std::time::Instant;

use anyhow::Result;
use rayon::prelude::*;

use crate::checks::face::FaceModels;
use crate::checks::pipeline;
use crate::demo::photos::BASE_PHOTOS;
use crate::demo::variants::{Variant, render};
use crate::domain::spec::PhotoSpec;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Runs over the photo set
    #[arg(long, default_value_t = 5)]
    rounds: usize,
}

pub fn run(args: &Args) -> Result<()> {
    let spec = PhotoSpec::default();
    let photos: Vec<Vec<u8>> = BASE_PHOTOS
        .iter()
        .flat_map(|p| Variant::ALL.iter().map(move |v| render(p.jpeg, *v)))
        .collect::<Result<_, _>>()?;
    let load = Instant::now();
    FaceModels::shared().map_err(|e| anyhow::anyhow!("{e}"))?;
    println!(
        "face models loaded once in {:.0} ms",
        load.elapsed().as_secs_f64() * 1e3
    );
    let n = (photos.len() * args.rounds.max(1)) as f64;
    let decode_ms = time_ms(args.rounds, || {
        for p in &photos {
            let _ = image::load_from_memory(p);
        }
    }) / n;
    let check_ms = time_ms(args.rounds, || {
        for p in &photos {
            let _ = pipeline::run(p, &spec);
        }
    }) / n;
    let batch = Instant::now();
    for _ in 0..args.rounds.max(1) {
        photos.par_iter().for_each(|p| {
            let _ = pipeline::run(p, &spec);
        });
    }
    let per_sec = n / batch.elapsed().as_secs_f64();
    println!(
        "{} photos (7 portraits × 16 variants) × {} rounds",
        photos.len(),
        args.rounds
    );
    println!("bare decode        {decode_ms:7.2} ms/photo (one thread)");
    println!(
        "full check         {check_ms:7.2} ms/photo (one thread), {:.1}× a bare decode",
        check_ms / decode_ms
    );
    println!(
        "batch with rayon   {per_sec:7.1} photos/s on {} threads",
        rayon::current_num_threads()
    );
    Ok(())
}

fn time_ms(rounds: usize, mut f: impl FnMut()) -> f64 {
    let start = Instant::now();
    for _ in 0..rounds.max(1) {
        f();
    }
    start.elapsed().as_secs_f64() * 1e3
}
