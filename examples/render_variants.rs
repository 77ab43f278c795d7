//! Writes every variant of every demo base photo to a folder, to rebuild and look at the set:
//! `cargo run --example render_variants -- /tmp/variants` gives `<photo>__<variant>.<ext>`.

use std::path::PathBuf;

use anyhow::Context;
use idphoto_review::demo::photos::BASE_PHOTOS;
use idphoto_review::demo::variants::{Variant, render};

fn main() -> anyhow::Result<()> {
    let folder: PathBuf = std::env::args_os()
        .nth(1)
        .context("usage: render_variants <output folder>")?
        .into();
    std::fs::create_dir_all(&folder).with_context(|| format!("creating {}", folder.display()))?;
    for photo in &BASE_PHOTOS {
        for variant in Variant::ALL {
            let bytes = render(photo.jpeg, variant)
                .with_context(|| format!("{} {}", photo.name, variant.slug()))?;
            let path = folder.join(format!(
                "{}__{}.{}",
                photo.name,
                variant.slug(),
                variant.extension()
            ));
            std::fs::write(&path, bytes).with_context(|| format!("writing {}", path.display()))?;
        }
    }
    println!(
        "wrote {} files to {}",
        BASE_PHOTOS.len() * Variant::ALL.len(),
        folder.display()
    );
    Ok(())
}
