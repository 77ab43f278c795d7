//! The embedded CJK font in a PDF: text is encoded glyph by glyph as it is laid out, and only
//! the glyphs used are embedded (a CID-keyed CFF subset, `Identity-H`, with a `ToUnicode`
//! map so the names can be searched and copied). A character the font lacks is recorded, so
//! the caller can say which names will not print as written.

use std::collections::{BTreeMap, BTreeSet};

use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Filter, Finish, Name, Pdf, Rect, Ref, Str};
use skrifa::instance::{LocationRef, Size};
use skrifa::metrics::{GlyphMetrics, Metrics};
use skrifa::{FontRef, GlyphId, MetadataProvider, Tag};
use subsetter::GlyphRemapper;

use super::ProductionError;
use crate::assets::CJK_FONT;

/// The font's PostScript name, with the subset tag PDF asks for.
const BASE_FONT: &[u8] = b"IDPHOT+NotoSansSC-Regular";

/// Text encoded for one font: the glyphs used so far, in the order they were first used.
pub struct PdfFont {
    font: FontRef<'static>,
    metrics: Metrics,
    glyphs: GlyphMetrics<'static>,
    units_per_em: f64,
    remapper: GlyphRemapper,
    /// New glyph id → the character it was used for (for `ToUnicode`).
    chars: BTreeMap<u16, char>,
    /// New glyph id → advance in 1/1000 em.
    widths: BTreeMap<u16, f32>,
    missing: BTreeSet<char>,
}

impl PdfFont {
    pub fn new() -> Result<Self, ProductionError> {
        let font = FontRef::new(CJK_FONT).map_err(|_| ProductionError::Font)?;
        let metrics = font.metrics(Size::unscaled(), LocationRef::default());
        Ok(Self {
            units_per_em: f64::from(metrics.units_per_em.max(1)),
            glyphs: font.glyph_metrics(Size::unscaled(), LocationRef::default()),
            metrics,
            font,
            remapper: GlyphRemapper::new(),
            chars: BTreeMap::new(),
            widths: BTreeMap::new(),
            missing: BTreeSet::new(),
        })
    }

    /// Encodes `text`, two bytes per glyph; characters without a glyph become the font's
    /// "missing" box and are recorded in [`PdfFont::missing`]. Control characters are dropped.
    pub fn encode(&mut self, text: &str) -> Vec<u8> {
        let mut bytes = Vec::with_capacity(text.len() * 2);
        for c in text.chars().filter(|c| !c.is_control()) {
            let old = self.glyph(c).unwrap_or_else(|| {
                self.missing.insert(c);
                0
            });
            let new = self.remapper.remap(old);
            let advance = self.advance_em(old);
            if old != 0 {
                self.chars.entry(new).or_insert(c);
            }
            self.widths.entry(new).or_insert((advance * 1000.0) as f32);
            bytes.extend_from_slice(&new.to_be_bytes());
        }
        bytes
    }

    /// The width of `text` in em, without encoding it.
    pub fn width_em(&self, text: &str) -> f64 {
        text.chars()
            .filter(|c| !c.is_control())
            .map(|c| self.advance_em(self.glyph(c).unwrap_or(0)))
            .sum()
    }

    /// The font's glyph for `c` (16-bit, as CFF fonts have), if it has one.
    fn glyph(&self, c: char) -> Option<u16> {
        let gid = self.font.charmap().map(c)?;
        u16::try_from(gid.to_u32()).ok().filter(|g| *g != 0)
    }

    fn advance_em(&self, gid: u16) -> f64 {
        self.glyphs
            .advance_width(GlyphId::new(u32::from(gid)))
            .map_or(0.0, f64::from)
            / self.units_per_em
    }

    /// Characters used that the font has no glyph for.
    pub fn missing(&self) -> &BTreeSet<char> {
        &self.missing
    }

    /// Writes the font objects (Type0 font `font_ref` and the four objects after it, taken
    /// from `next`) with the subset of every glyph encoded so far.
    pub fn write(
        &self,
        pdf: &mut Pdf,
        font_ref: Ref,
        next: &mut Ref,
    ) -> Result<(), ProductionError> {
        let mut alloc = || {
            let r = *next;
            *next = Ref::new(next.get() + 1);
            r
        };
        let (cid_ref, descriptor_ref, cmap_ref, file_ref) = (alloc(), alloc(), alloc(), alloc());
        let subset =
            subsetter::subset(CJK_FONT, 0, &self.remapper).map_err(|_| ProductionError::Font)?;
        let subset_font = FontRef::new(&subset).map_err(|_| ProductionError::Font)?;
        let cff = subset_font
            .table_data(Tag::new(b"CFF "))
            .ok_or(ProductionError::Font)?;
        let cff = cff.as_bytes();
        let system_info = SystemInfo {
            registry: Str(b"Adobe"),
            ordering: Str(b"Identity"),
            supplement: 0,
        };

        pdf.type0_font(font_ref)
            .base_font(Name(BASE_FONT))
            .encoding_predefined(Name(b"Identity-H"))
            .descendant_font(cid_ref)
            .to_unicode(cmap_ref);

        let mut cid = pdf.cid_font(cid_ref);
        cid.subtype(CidFontType::Type0)
            .base_font(Name(BASE_FONT))
            .system_info(system_info)
            .font_descriptor(descriptor_ref)
            .default_width(1000.0);
        let mut widths = cid.widths();
        for (gid, w) in &self.widths {
            widths.consecutive(*gid, [*w]);
        }
        widths.finish();
        cid.finish();

        let em = |v: f32| (f64::from(v) / self.units_per_em * 1000.0) as f32;
        let m = &self.metrics;
        let bbox = m.bounds.unwrap_or_default();
        pdf.font_descriptor(descriptor_ref)
            .name(Name(BASE_FONT))
            .flags(FontFlags::SYMBOLIC)
            .bbox(Rect::new(
                em(bbox.x_min),
                em(bbox.y_min),
                em(bbox.x_max),
                em(bbox.y_max),
            ))
            .italic_angle(0.0)
            .ascent(em(m.ascent))
            .descent(em(m.descent))
            .cap_height(em(m.cap_height.unwrap_or(m.ascent)))
            .stem_v(80.0)
            .font_file3(file_ref);

        let mut cmap = UnicodeCmap::new(Name(b"Custom"), system_info);
        for (gid, c) in &self.chars {
            cmap.pair(*gid, *c);
        }
        pdf.cmap(cmap_ref, &cmap.finish());

        let packed = super::deflate(cff);
        pdf.stream(file_ref, &packed)
            .filter(Filter::FlateDecode)
            .pair(Name(b"Subtype"), Name(b"CIDFontType0C"));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rare_names_encode_and_unknown_characters_are_reported() {
        let mut font = PdfFont::new().unwrap();
        let bytes = font.encode("喆昇珺集");
        assert_eq!(bytes.len(), 8);
        assert!(bytes.chunks(2).all(|g| g != [0, 0]), "every glyph found");
        assert!(font.missing().is_empty());
        let w = font.width_em("喆昇珺");
        assert!((w - 3.0).abs() < 0.01, "CJK glyphs are one em wide: {w}");
        // 𠀀 (U+20000, CJK Extension B) is outside GBK, so the subset font lacks it.
        font.encode("张𠀀");
        assert_eq!(font.missing().iter().collect::<Vec<_>>(), [&'𠀀']);
    }
}
