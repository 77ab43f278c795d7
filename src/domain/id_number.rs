//! Mainland resident ID numbers (GB 11643-1999): checksum, birth date and sex.

use chrono::NaiveDate;

use super::student::Sex;
use crate::i18n::{Localized, Msg};

const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS: &[u8; 11] = b"10X98765432";

/// Why an ID number is not a valid mainland resident ID number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdNumberError {
    Length(usize),
    Characters,
    BirthDate(String),
    Checksum { expected: char, found: char },
}

impl Localized for IdNumberError {
    fn msg(&self) -> Msg {
        match self {
            Self::Length(found) => Msg::new("id-number-length").arg("found", *found),
            Self::Characters => Msg::new("id-number-characters"),
            Self::BirthDate(date) => Msg::new("id-number-birth-date").arg("date", date),
            Self::Checksum { expected, found } => Msg::new("id-number-checksum")
                .arg("expected", expected.to_string())
                .arg("found", found.to_string()),
        }
    }
}

crate::english_display!(IdNumberError);

/// A validated mainland resident ID number, normalised (upper-case `X`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct IdNumber(String);

impl IdNumber {
    /// Validates and normalises `raw` (surrounding spaces ignored, `x` accepted for `X`).
    pub fn parse(raw: &str) -> Result<Self, IdNumberError> {
        let s = raw.trim().to_ascii_uppercase();
        let chars = s.chars().count();
        if chars != 18 {
            return Err(IdNumberError::Length(chars));
        }
        let bytes = s.as_bytes();
        let body_ok = bytes[..17].iter().all(u8::is_ascii_digit);
        let last_ok = bytes[17].is_ascii_digit() || bytes[17] == b'X';
        if !body_ok || !last_ok {
            return Err(IdNumberError::Characters);
        }
        birth_date_of(&s)?;
        let expected = check_char(&bytes[..17]);
        let found = char::from(bytes[17]);
        if expected != found {
            return Err(IdNumberError::Checksum { expected, found });
        }
        Ok(Self(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Birth date encoded in characters 7–14.
    pub fn birth_date(&self) -> NaiveDate {
        // Validated in `parse`; fall back to the epoch rather than panic.
        birth_date_of(&self.0).unwrap_or_default()
    }

    /// Sex from the parity of the 17th digit (odd = male).
    pub fn sex(&self) -> Sex {
        let digit = self.0.as_bytes()[16] - b'0';
        if digit % 2 == 1 {
            Sex::Male
        } else {
            Sex::Female
        }
    }

    /// The number with the middle masked for display, e.g. `110105********123X`.
    pub fn masked(&self) -> String {
        format!("{}********{}", &self.0[..6], &self.0[14..])
    }
}

impl std::fmt::Display for IdNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The check character for the first 17 digits.
pub fn check_char(first17: &[u8]) -> char {
    let sum: u32 = first17
        .iter()
        .zip(WEIGHTS)
        .map(|(d, w)| u32::from(d - b'0') * w)
        .sum();
    char::from(CHECK_CHARS[(sum % 11) as usize])
}

fn birth_date_of(s: &str) -> Result<NaiveDate, IdNumberError> {
    let digits = &s[6..14];
    NaiveDate::parse_from_str(digits, "%Y%m%d")
        .ok()
        .filter(|d| d.format("%Y").to_string().as_str() >= "1900")
        .ok_or_else(|| IdNumberError::BirthDate(digits.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Builds a valid number from 17 digits by appending the right check character.
    fn with_check(first17: &str) -> String {
        format!("{first17}{}", check_char(first17.as_bytes()))
    }

    #[test]
    fn accepts_the_standard_example() {
        // The worked example of GB 11643-1999.
        let id = IdNumber::parse("11010519491231002X").unwrap();
        assert_eq!(
            id.birth_date(),
            NaiveDate::from_ymd_opt(1949, 12, 31).unwrap()
        );
        assert_eq!(id.sex(), Sex::Female);
    }

    #[test]
    fn lower_case_x_and_spaces_are_normalised() {
        let id = IdNumber::parse(" 11010519491231002x ").unwrap();
        assert_eq!(id.as_str(), "11010519491231002X");
    }

    #[test]
    fn wrong_check_character_is_reported_with_the_expected_one() {
        assert_eq!(
            IdNumber::parse("110105194912310021"),
            Err(IdNumberError::Checksum {
                expected: 'X',
                found: '1'
            })
        );
    }

    #[test]
    fn every_single_digit_change_breaks_the_checksum() {
        let good = "11010519491231002X";
        for pos in 0..17 {
            let mut bytes = good.as_bytes().to_vec();
            bytes[pos] = if bytes[pos] == b'9' {
                b'0'
            } else {
                bytes[pos] + 1
            };
            let s = String::from_utf8(bytes).unwrap();
            assert!(IdNumber::parse(&s).is_err(), "{s} should be invalid");
        }
    }

    #[test]
    fn length_and_characters() {
        assert_eq!(IdNumber::parse("1234"), Err(IdNumberError::Length(4)));
        assert_eq!(
            IdNumber::parse("1101051949123100AX"),
            Err(IdNumberError::Characters)
        );
        assert_eq!(
            IdNumber::parse("11010519491231002Ｘ"),
            Err(IdNumberError::Characters)
        );
    }

    #[test]
    fn impossible_birth_dates_are_refused() {
        for date in ["19990230", "20010229", "19991301", "18991231"] {
            let raw = with_check(&format!("110105{date}123"));
            assert!(
                matches!(IdNumber::parse(&raw), Err(IdNumberError::BirthDate(_))),
                "{raw}"
            );
        }
        assert!(IdNumber::parse(&with_check("11010520000229123")).is_ok());
    }

    #[test]
    fn sex_from_the_17th_digit() {
        assert_eq!(
            IdNumber::parse(&with_check("11010519900101001"))
                .unwrap()
                .sex(),
            Sex::Male
        );
        assert_eq!(
            IdNumber::parse(&with_check("11010519900101002"))
                .unwrap()
                .sex(),
            Sex::Female
        );
    }

    #[test]
    fn masking_keeps_region_and_tail() {
        let id = IdNumber::parse("11010519491231002X").unwrap();
        assert_eq!(id.masked(), "110105********002X");
    }
}
