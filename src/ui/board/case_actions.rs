//! The supervisor's actions on one case, in its case file: extend the resubmission time,
//! reopen a settled case, assign a case awaiting review to an account, record a make-up
//! shoot. The form checks what it can (a reason, a time, a number); the store checks the
//! rest (the account's role, the case's state) inside its write, and a refusal comes back as
//! the status message.

use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

use crate::domain::case::CaseState;
use crate::domain::lang::Lang;
use crate::store::CaseFile;
use crate::ui::text::{BoardTexts, board_texts};
use crate::ui::theme;

/// Longest extension the form offers: 30 days.
const MAX_EXTENSION_HOURS: u32 = 720;

/// What a supervisor asked to do to the case on screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CaseAction {
    /// A new resubmission due time, `hours` from now.
    Extend { hours: u32, reason: String },
    /// Back to review with a fresh clock.
    Reopen { reason: String },
    /// Review by this account.
    Reassign { to: String },
    /// The paid make-up shoot booked for a failed collection.
    Makeup {
        at: DateTime<Utc>,
        note: Option<String>,
    },
}

/// The form's fields, kept while the case file is on screen.
#[derive(Debug, Clone)]
pub struct CaseActionsForm {
    reason: String,
    hours: String,
    assign_to: String,
    makeup_at: String,
    /// Why the last click was not sent.
    problem: Option<&'static str>,
}

impl Default for CaseActionsForm {
    fn default() -> Self {
        Self {
            reason: String::new(),
            hours: "24".to_owned(),
            assign_to: String::new(),
            makeup_at: String::new(),
            problem: None,
        }
    }
}

/// `YYYY-MM-DD HH:MM` in the school's time zone (a time that does not exist or is ambiguous
/// there, at a clock change, is refused rather than guessed).
pub fn parse_local(text: &str, tz: Tz) -> Option<DateTime<Utc>> {
    let naive = NaiveDateTime::parse_from_str(text.trim(), "%Y-%m-%d %H:%M").ok()?;
    tz.from_local_datetime(&naive)
        .single()
        .map(|t| t.with_timezone(&Utc))
}

impl CaseActionsForm {
    /// Draws the actions that apply to the case's state; returns the one clicked, if its
    /// fields are complete.
    pub fn ui(&mut self, ui: &mut egui::Ui, lang: Lang, file: &CaseFile) -> Option<CaseAction> {
        let b = board_texts(lang);
        let state = file.state;
        let out = egui::CollapsingHeader::new(b.actions)
            .id_salt("case_actions")
            .default_open(true)
            .show(ui, |ui| {
                // Extend, reopen and the make-up note apply to settled cases and take a reason.
                if !state.awaits_review() {
                    let label = ui.label(b.action_reason);
                    ui.add(
                        egui::TextEdit::multiline(&mut self.reason)
                            .desired_rows(2)
                            .desired_width(f32::INFINITY),
                    )
                    .labelled_by(label.id);
                }
                let mut out = None;
                if matches!(state, CaseState::Rejected | CaseState::CollectionFailed) {
                    out = out.or(self.extend_ui(ui, b));
                }
                if !state.awaits_review() {
                    out = out.or(self.reopen_ui(ui, b));
                }
                if state.awaits_review() {
                    out = out.or(self.reassign_ui(ui, b));
                }
                if state == CaseState::CollectionFailed {
                    out = out.or(self.makeup_ui(ui, b, file.timezone));
                }
                if let Some(problem) = self.problem {
                    ui.colored_label(theme::LATE, problem);
                }
                out
            })
            .body_returned
            .flatten();
        if out.is_some() {
            self.problem = None;
        }
        out
    }

    fn reason(&mut self, b: &BoardTexts) -> Option<String> {
        let reason = self.reason.trim();
        if reason.is_empty() {
            self.problem = Some(b.reason_required);
            return None;
        }
        Some(reason.to_owned())
    }

    fn extend_ui(&mut self, ui: &mut egui::Ui, b: &BoardTexts) -> Option<CaseAction> {
        let mut clicked = false;
        ui.horizontal(|ui| {
            let button = ui.button(b.extend);
            clicked = button.clicked();
            ui.add(egui::TextEdit::singleline(&mut self.hours).desired_width(48.0))
                .labelled_by(button.id);
            ui.label(b.hours_from_now);
        });
        if !clicked {
            return None;
        }
        let Some(hours) = self
            .hours
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|h| (1..=MAX_EXTENSION_HOURS).contains(h))
        else {
            self.problem = Some(b.bad_hours);
            return None;
        };
        let reason = self.reason(b)?;
        Some(CaseAction::Extend { hours, reason })
    }

    fn reopen_ui(&mut self, ui: &mut egui::Ui, b: &BoardTexts) -> Option<CaseAction> {
        if !ui.button(b.reopen).clicked() {
            return None;
        }
        let reason = self.reason(b)?;
        Some(CaseAction::Reopen { reason })
    }

    fn reassign_ui(&mut self, ui: &mut egui::Ui, b: &BoardTexts) -> Option<CaseAction> {
        let mut clicked = false;
        ui.horizontal(|ui| {
            let button = ui.button(b.reassign);
            clicked = button.clicked();
            ui.add(
                egui::TextEdit::singleline(&mut self.assign_to)
                    .hint_text(b.account)
                    .desired_width(140.0),
            )
            .labelled_by(button.id);
        });
        let to = self.assign_to.trim();
        if !clicked || to.is_empty() {
            return None;
        }
        Some(CaseAction::Reassign { to: to.to_owned() })
    }

    fn makeup_ui(&mut self, ui: &mut egui::Ui, b: &BoardTexts, tz: Tz) -> Option<CaseAction> {
        let label = ui.label(b.makeup_at);
        let mut clicked = false;
        ui.horizontal(|ui| {
            ui.add(
                egui::TextEdit::singleline(&mut self.makeup_at)
                    .hint_text("2026-12-01 14:30")
                    .desired_width(140.0),
            )
            .labelled_by(label.id);
            clicked = ui.button(b.makeup).clicked();
        });
        if !clicked {
            return None;
        }
        let Some(at) = parse_local(&self.makeup_at, tz) else {
            self.problem = Some(b.bad_time);
            return None;
        };
        let note = Some(self.reason.trim().to_owned()).filter(|n| !n.is_empty());
        Some(CaseAction::Makeup { at, note })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_times_are_read_in_the_schools_zone() {
        let tz = chrono_tz::Asia::Shanghai;
        let t = parse_local(" 2026-12-01 14:30 ", tz).unwrap();
        assert_eq!(t, Utc.with_ymd_and_hms(2026, 12, 1, 6, 30, 0).unwrap());
        for bad in ["", "2026-12-01", "14:30", "2026-13-01 14:30", "tomorrow"] {
            assert_eq!(parse_local(bad, tz), None, "{bad:?}");
        }
        // A time skipped by a clock change is refused, not guessed.
        let berlin = chrono_tz::Europe::Berlin;
        assert_eq!(parse_local("2026-03-29 02:30", berlin), None);
    }
}
