//! A campaign: one school's collection, with its window, fees, timezone, clocks and photo spec.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::production::PrintSettings;
use super::spec::PhotoSpec;

/// Which fee an upload pays.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FeeClass {
    /// Uploaded inside the collection window (seed: 15 yuan).
    InWindow,
    /// Uploaded outside it (seed: 60 yuan, courier included).
    Late,
}

impl FeeClass {
    pub fn code(self) -> &'static str {
        match self {
            Self::InWindow => "in_window",
            Self::Late => "late",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "in_window" => Some(Self::InWindow),
            "late" => Some(Self::Late),
            _ => None,
        }
    }
}

/// Campaign settings that vary by school but keep the notice's defaults.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CampaignRules {
    /// Studio SLA: hours from upload to review (seed: 48).
    pub review_hours: i64,
    /// Hours a rejected student has to upload again (seed: 48).
    pub resubmit_hours: i64,
    /// Rejections from which a case is flagged for supervisors (seed: 2).
    pub repeat_rejection_threshold: u32,
    /// Fee inside the window, in fen (seed: 15 yuan).
    pub fee_in_window_fen: i64,
    /// Fee outside the window, in fen (seed: 60 yuan).
    pub fee_late_fen: i64,
    pub spec: PhotoSpec,
    /// Print size, copies and paper of the studio's prints.
    pub print: PrintSettings,
}

impl Default for CampaignRules {
    fn default() -> Self {
        Self {
            review_hours: 48,
            resubmit_hours: 48,
            repeat_rejection_threshold: 2,
            fee_in_window_fen: 1500,
            fee_late_fen: 6000,
            spec: PhotoSpec::default(),
            print: PrintSettings::default(),
        }
    }
}

/// One school's photo collection.
#[derive(Debug, Clone, PartialEq)]
pub struct Campaign {
    pub name: String,
    pub school: String,
    /// First day of the collection window, local date, inclusive.
    pub window_start: NaiveDate,
    /// Last day of the collection window, local date, inclusive.
    pub window_end: NaiveDate,
    pub timezone: Tz,
    pub rules: CampaignRules,
}

impl Campaign {
    /// The seed campaign of the notice: 2022-03-24 to 2022-04-02 in Asia/Shanghai.
    pub fn seed(name: &str, school: &str) -> Self {
        Self {
            name: name.to_owned(),
            school: school.to_owned(),
            window_start: NaiveDate::from_ymd_opt(2022, 3, 24).unwrap_or_default(),
            window_end: NaiveDate::from_ymd_opt(2022, 4, 2).unwrap_or_default(),
            timezone: chrono_tz::Asia::Shanghai,
            rules: CampaignRules::default(),
        }
    }

    /// Fee class of an upload at `at`: in the window when its local date is inside it.
    pub fn fee_class(&self, at: DateTime<Utc>) -> FeeClass {
        let local = at.with_timezone(&self.timezone).date_naive();
        if (self.window_start..=self.window_end).contains(&local) {
            FeeClass::InWindow
        } else {
            FeeClass::Late
        }
    }

    /// Fee in fen for a fee class.
    pub fn fee_fen(&self, class: FeeClass) -> i64 {
        match class {
            FeeClass::InWindow => self.rules.fee_in_window_fen,
            FeeClass::Late => self.rules.fee_late_fen,
        }
    }

    pub fn review_due(&self, submitted_at: DateTime<Utc>) -> DateTime<Utc> {
        submitted_at + Duration::hours(self.rules.review_hours)
    }

    pub fn resubmission_due(&self, reviewed_at: DateTime<Utc>) -> DateTime<Utc> {
        reviewed_at + Duration::hours(self.rules.resubmit_hours)
    }

    /// Formats a UTC instant in the campaign's timezone, e.g. `2022-03-24 08:00`.
    pub fn local_time(&self, at: DateTime<Utc>) -> String {
        format_local(at, self.timezone)
    }
}

/// Formats a UTC instant in a timezone as reviewers read it, e.g. `2022-03-24 08:00`.
pub fn format_local(at: DateTime<Utc>, tz: Tz) -> String {
    at.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn utc(year: i32, month: u32, day: u32, hour: u32, min: u32, sec: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(year, month, day, hour, min, sec)
            .unwrap()
    }

    #[test]
    fn window_edges_use_local_dates() {
        let c = Campaign::seed("c", "s");
        // 2022-03-23 23:59:59 in Shanghai = 15:59:59 UTC: before the window.
        assert_eq!(c.fee_class(utc(2022, 3, 23, 15, 59, 59)), FeeClass::Late);
        // 2022-03-24 00:00 in Shanghai = 2022-03-23 16:00 UTC: first second of the window.
        assert_eq!(c.fee_class(utc(2022, 3, 23, 16, 0, 0)), FeeClass::InWindow);
        // 2022-04-02 23:59:59 local: last second of the window.
        assert_eq!(c.fee_class(utc(2022, 4, 2, 15, 59, 59)), FeeClass::InWindow);
        assert_eq!(c.fee_class(utc(2022, 4, 2, 16, 0, 0)), FeeClass::Late);
    }

    #[test]
    fn fees_follow_the_class() {
        let c = Campaign::seed("c", "s");
        assert_eq!(c.fee_fen(FeeClass::InWindow), 1500);
        assert_eq!(c.fee_fen(FeeClass::Late), 6000);
    }

    #[test]
    fn clocks_are_48_hours() {
        let c = Campaign::seed("c", "s");
        let t = utc(2022, 3, 25, 10, 0, 0);
        assert_eq!(c.review_due(t), utc(2022, 3, 27, 10, 0, 0));
        assert_eq!(c.resubmission_due(t), utc(2022, 3, 27, 10, 0, 0));
    }

    #[test]
    fn local_time_is_shanghai() {
        let c = Campaign::seed("c", "s");
        assert_eq!(c.local_time(utc(2022, 3, 24, 0, 30, 0)), "2022-03-24 08:30");
    }

    #[test]
    fn rules_default_when_fields_are_missing() {
        let r: CampaignRules = serde_json::from_str(r#"{"review_hours": 24}"#).unwrap();
        assert_eq!(r.review_hours, 24);
        assert_eq!(r.resubmit_hours, 48);
    }
}
