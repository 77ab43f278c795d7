//! The embedded CJK font, so Chinese renders on machines without CJK fonts installed.

use std::sync::Arc;

use crate::assets::CJK_FONT;

/// Adds the CJK font as a fallback after egui's default fonts (Latin stays in egui's font).
pub fn install(ctx: &egui::Context) {
    let mut fonts = egui::FontDefinitions::default();
    fonts.font_data.insert(
        "noto_sans_sc".to_owned(),
        Arc::new(egui::FontData::from_static(CJK_FONT)),
    );
    for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
        fonts
            .families
            .entry(family)
            .or_default()
            .push("noto_sans_sc".to_owned());
    }
    ctx.set_fonts(fonts);
}
