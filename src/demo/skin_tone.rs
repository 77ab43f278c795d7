//! The skin tone a labelled photo's note states (`labels.csv`, `tests/fixtures/real`), in four
//! broad bands, so `bench --rates --labelled` can show whether the checks treat every tone
//! alike. The note starts with the tone as the labeller saw it ("very dark skin, female 30,
//! …"); a note without one (a black-and-white scan) has no band.

/// A broad skin-tone band, lightest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SkinTone {
    /// Very fair and fair.
    Fair,
    /// Light, light-medium, olive, tan.
    Medium,
    /// Light-brown and brown.
    Brown,
    /// Dark-brown, dark and very dark.
    Dark,
}

impl SkinTone {
    pub const ALL: [Self; 4] = [Self::Fair, Self::Medium, Self::Brown, Self::Dark];

    /// The band's name in the rate table.
    pub fn label(self) -> &'static str {
        match self {
            Self::Fair => "fair",
            Self::Medium => "light to medium",
            Self::Brown => "brown",
            Self::Dark => "dark",
        }
    }

    /// The band of the words before "skin" in the note's first clause.
    pub fn from_note(note: &str) -> Option<Self> {
        let clause = note.split([',', ';']).next()?.to_lowercase();
        let words = clause[..clause.find("skin")?].trim();
        if words.is_empty() {
            return None;
        }
        Some(if words.contains("dark") {
            Self::Dark
        } else if words.contains("fair") {
            Self::Fair
        } else if words.contains("brown") {
            Self::Brown
        } else {
            Self::Medium
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_notes_words_for_skin_fall_into_four_bands() {
        for (note, want) in [
            ("very fair freckled skin, female", Some(SkinTone::Fair)),
            ("fair skin, older bald male", Some(SkinTone::Fair)),
            (
                "fair skin with vitiligo patches, male 42",
                Some(SkinTone::Fair),
            ),
            (
                "light-medium skin, East Asian male 29",
                Some(SkinTone::Medium),
            ),
            ("light/olive skin, male", Some(SkinTone::Medium)),
            ("medium/tan skin; studio", Some(SkinTone::Medium)),
            ("light-brown skin, female", Some(SkinTone::Brown)),
            ("Brown skin, female 25", Some(SkinTone::Brown)),
            ("dark-brown skin, female 25", Some(SkinTone::Dark)),
            ("very dark skin, female 30", Some(SkinTone::Dark)),
            ("black-and-white photo, male", None),
            ("skin, nothing said", None),
            ("", None),
        ] {
            assert_eq!(SkinTone::from_note(note), want, "{note:?}");
        }
    }
}
