//! Countdowns to due times, as reviewers read them ("剩余 5 小时 12 分" / "已超时 3 小时").

use crate::i18n::Msg;
use chrono::{DateTime, Utc};

use super::lang::Lang;

/// How urgent a due time is, for colouring badges.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Urgency {
    /// Plenty of time left.
    Calm,
    /// Less than [`SOON_SECS`] left.
    Soon,
    /// Past due.
    Late,
}

/// Below this many seconds left a deadline counts as soon.
pub const SOON_SECS: i64 = 6 * 3600;

/// Time left until a due time (negative when late).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Countdown {
    pub remaining_secs: i64,
}

impl Countdown {
    pub fn until(due: DateTime<Utc>, now: DateTime<Utc>) -> Self {
        Self {
            remaining_secs: (due - now).num_seconds(),
        }
    }

    pub fn urgency(self) -> Urgency {
        if self.remaining_secs < 0 {
            Urgency::Late
        } else if self.remaining_secs < SOON_SECS {
            Urgency::Soon
        } else {
            Urgency::Calm
        }
    }

    /// "剩余 5 小时 12 分" / "5 h 12 min left", or "已超时 3 小时" / "3 h overdue".
    /// Whole minutes are shown, rounded towards zero, so a deadline in 59 s reads "剩余 0 分".
    pub fn text(self, lang: Lang) -> String {
        let secs = self.remaining_secs.unsigned_abs();
        let (hours, minutes) = (secs / 3600, secs % 3600 / 60);
        let span = match (hours, minutes) {
            (0, m) => Msg::new("duration-minutes").arg("m", m),
            (h, 0) => Msg::new("duration-hours").arg("h", h),
            (h, m) => Msg::new("duration-hours-minutes").arg("h", h).arg("m", m),
        };
        let id = if self.remaining_secs < 0 {
            "countdown-overdue"
        } else {
            "countdown-left"
        };
        Msg::new(id).arg("span", span).render(lang)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2022, 3, 25, 0, 0, 0).unwrap()
    }

    fn countdown(secs: i64) -> Countdown {
        Countdown::until(now() + Duration::seconds(secs), now())
    }

    #[test]
    fn remaining_time_in_both_languages() {
        let c = countdown(5 * 3600 + 12 * 60 + 30);
        assert_eq!(c.text(Lang::Zh), "剩余 5 小时 12 分");
        assert_eq!(c.text(Lang::En), "5 h 12 min left");
    }

    #[test]
    fn overdue_time_in_both_languages() {
        let c = countdown(-3 * 3600);
        assert_eq!(c.text(Lang::Zh), "已超时 3 小时");
        assert_eq!(c.text(Lang::En), "3 h overdue");
        assert_eq!(countdown(-90).text(Lang::Zh), "已超时 1 分");
    }

    #[test]
    fn urgency_edges() {
        assert_eq!(countdown(0).urgency(), Urgency::Soon);
        assert_eq!(countdown(-1).urgency(), Urgency::Late);
        assert_eq!(countdown(SOON_SECS - 1).urgency(), Urgency::Soon);
        assert_eq!(countdown(SOON_SECS).urgency(), Urgency::Calm);
    }
}
