//! Assets embedded in the binary and shared by the window and the documents it writes.

/// Noto Sans SC, cut to GBK (see `assets/fonts/README.md`): every name a mainland roster can
/// hold renders in the window and in the printed sheets and packing lists.
pub const CJK_FONT: &[u8] = include_bytes!("../assets/fonts/NotoSansSC-Regular-GBK.otf");

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use skrifa::{FontRef, MetadataProvider};

    use super::CJK_FONT;
    use crate::i18n::FILES;

    /// The characters of `text` the embedded font has no glyph for (control characters are
    /// never drawn).
    fn missing(text: &str) -> BTreeSet<char> {
        let font = FontRef::new(CJK_FONT).expect("the embedded font parses");
        let charmap = font.charmap();
        text.chars()
            .filter(|c| !c.is_control())
            .filter(|c| charmap.map(*c).is_none_or(|g| g.to_u32() == 0))
            .collect()
    }

    /// The font is a GBK subset and cannot be re-cut here, so a catalogue text may only use
    /// characters it has: the printed documents have no other font, and a box on screen or
    /// paper reads as a fault.
    #[test]
    fn every_catalogue_character_has_a_glyph_in_the_embedded_font() {
        let mut problems = Vec::new();
        for file in FILES {
            for (lang, text) in [("zh", file.zh), ("en", file.en)] {
                for (n, line) in text.lines().enumerate() {
                    if line.trim_start().starts_with('#') {
                        continue;
                    }
                    let lacking = missing(line);
                    if !lacking.is_empty() {
                        problems.push(format!("{lang}/{}:{}: {lacking:?}", file.name, n + 1));
                    }
                }
            }
        }
        assert!(
            problems.is_empty(),
            "characters the embedded font lacks (assets/i18n/…):\n{}",
            problems.join("\n")
        );
    }

    #[test]
    fn the_glyph_scan_tells_a_character_outside_gbk() {
        assert_eq!(missing("通过 头顶😀ꙮ"), BTreeSet::from(['😀', 'ꙮ']));
        assert_eq!(missing("头顶（估计）≤ ≥ × ° ± ≠ “” …"), BTreeSet::new());
    }
}
