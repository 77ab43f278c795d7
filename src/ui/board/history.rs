//! The full history of one case: uploads, decisions with reasons, the audit log.

use chrono::{DateTime, Utc};

use super::case_actions::{CaseAction, CaseActionsForm};
use crate::domain::campaign::{FeeClass, format_local};
use crate::domain::case::{DecisionKind, UploadOutcome};
use crate::domain::clock::Countdown;
use crate::domain::lang::Lang;
use crate::store::CaseFile;
use crate::ui::text::{BoardTexts, board_texts, texts};
use crate::ui::theme;

/// What the user asked for in the history view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HistoryAction {
    Close,
    /// Show this submission's photo (the caller opens it in the review screen).
    OpenSubmission(i64),
    /// A supervisor's action on the case.
    Act(CaseAction),
}

/// A case file on screen.
#[derive(Debug, Clone)]
pub struct CaseHistoryView {
    file: CaseFile,
    actions: CaseActionsForm,
}

fn outcome_label(o: UploadOutcome, b: &BoardTexts) -> &'static str {
    match o {
        UploadOutcome::FirstAttempt => b.first_attempt,
        UploadOutcome::Resubmission => b.resubmission,
        UploadOutcome::ReplacesPending => b.replaces_pending,
        UploadOutcome::TooLate => b.too_late,
        UploadOutcome::AfterApproval => b.after_approval,
    }
}

fn kind_label(k: DecisionKind, b: &BoardTexts) -> &'static str {
    match k {
        DecisionKind::Approve => b.approve,
        DecisionKind::Reject => b.reject,
        DecisionKind::Escalate => b.escalate,
    }
}

impl CaseHistoryView {
    pub fn new(file: CaseFile) -> Self {
        Self {
            file,
            actions: CaseActionsForm::default(),
        }
    }

    pub fn case_id(&self) -> i64 {
        self.file.case_id
    }

    pub fn file(&self) -> &CaseFile {
        &self.file
    }

    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        lang: Lang,
        now: DateTime<Utc>,
    ) -> Option<HistoryAction> {
        let b = board_texts(lang);
        let mut out = None;
        ui.horizontal(|ui| {
            ui.heading(format!("{} · {}", b.case_history, self.file.student.name));
            if ui.button(b.close).clicked() {
                out = Some(HistoryAction::Close);
            }
        });
        egui::ScrollArea::vertical()
            .id_salt("case_history")
            .show(ui, |ui| {
                self.summary_ui(ui, lang, now);
                ui.separator();
                if let Some(a) = self.actions.ui(ui, lang, &self.file) {
                    out = Some(HistoryAction::Act(a));
                }
                ui.separator();
                if let Some(a) = self.uploads_ui(ui, lang) {
                    out = Some(a);
                }
                ui.separator();
                self.decisions_ui(ui, lang);
                ui.separator();
                self.audit_ui(ui, lang);
            });
        out
    }

    fn summary_ui(&self, ui: &mut egui::Ui, lang: Lang, now: DateTime<Utc>) {
        let (t, b, f) = (texts(lang), board_texts(lang), &self.file);
        let student = &f.student;
        egui::Grid::new("case_summary")
            .num_columns(2)
            .show(ui, |ui| {
                let mut line = |k: &str, v: &str| {
                    ui.label(k);
                    ui.label(v);
                    ui.end_row();
                };
                line(t.id_number, &student.id_number);
                line(b.student_no, student.student_no.as_deref().unwrap_or("-"));
                line(t.school, student.school.as_deref().unwrap_or("-"));
                line(t.programme, student.programme.as_deref().unwrap_or("-"));
                line(b.phone, student.phone.as_deref().unwrap_or("-"));
                line(
                    b.mailing_batch,
                    student.mailing_batch.as_deref().unwrap_or("-"),
                );
                line(b.attempts, &format!("{} / {}", f.attempts, f.rejections));
                ui.label(b.state);
                ui.colored_label(theme::state(f.state), f.state.label(lang));
                ui.end_row();
                let due = if f.state.awaits_review() {
                    f.review_due.map(|d| (t.review_due, d))
                } else {
                    f.resubmission_due.map(|d| (b.resubmission_due, d))
                };
                if let Some((label, due)) = due {
                    let c = Countdown::until(due, now);
                    ui.label(label);
                    ui.colored_label(
                        theme::urgency(c.urgency()),
                        format!("{}  ({})", format_local(due, f.timezone), c.text(lang)),
                    );
                    ui.end_row();
                }
            });
    }

    fn uploads_ui(&self, ui: &mut egui::Ui, lang: Lang) -> Option<HistoryAction> {
        let (t, b) = (texts(lang), board_texts(lang));
        let mut out = None;
        ui.strong(b.uploads);
        egui::Grid::new("case_uploads")
            .striped(true)
            .num_columns(5)
            .show(ui, |ui| {
                for u in &self.file.uploads {
                    let attempt = u.attempt.map_or_else(|| "-".to_owned(), |a| a.to_string());
                    ui.label(format!(
                        "#{attempt}{}",
                        if u.is_current {
                            format!(" ({})", b.current)
                        } else {
                            String::new()
                        }
                    ));
                    ui.label(format_local(u.submitted_at, self.file.timezone));
                    ui.label(outcome_label(u.outcome, b));
                    let fee = match u.fee_class {
                        FeeClass::InWindow => t.fee_in_window,
                        FeeClass::Late => t.fee_late,
                    };
                    let size = match (u.width, u.height) {
                        (Some(w), Some(h)) => format!("{w}x{h}, "),
                        _ => String::new(),
                    };
                    ui.label(format!(
                        "{fee} · {size}{} KB · {}",
                        u.byte_len.div_ceil(1024),
                        u.photo_sha256.get(..12).unwrap_or(&u.photo_sha256)
                    ))
                    .on_hover_text(format!("{}\n{}", u.original_name, u.photo_sha256));
                    if ui.small_button(b.open_photo).clicked() {
                        out = Some(HistoryAction::OpenSubmission(u.submission_id));
                    }
                    ui.end_row();
                }
            });
        out
    }

    fn decisions_ui(&self, ui: &mut egui::Ui, lang: Lang) {
        let b = board_texts(lang);
        ui.strong(b.decisions);
        if self.file.decisions.is_empty() {
            ui.weak(b.empty);
            return;
        }
        for d in &self.file.decisions {
            let attempt = self
                .file
                .uploads
                .iter()
                .find(|u| u.submission_id == d.submission_id)
                .and_then(|u| u.attempt)
                .map_or_else(String::new, |a| format!(" #{a}"));
            ui.horizontal_wrapped(|ui| {
                ui.label(format_local(d.decided_at, self.file.timezone));
                ui.colored_label(theme::state(d.to), kind_label(d.kind, b));
                ui.label(format!("{attempt} · {} · {}", d.reviewer, d.to.label(lang)));
            });
            ui.indent(("decision", d.decision_id), |ui| {
                if !d.reasons.is_empty() {
                    let reasons: Vec<&str> = d.reasons.iter().map(|r| r.label(lang)).collect();
                    let sep = crate::i18n::label(lang, "list-separator");
                    ui.label(format!("{}: {}", b.reasons, reasons.join(sep)));
                }
                if let Some(note) = &d.note {
                    ui.label(format!("{}: {note}", b.note));
                }
            });
        }
    }

    fn audit_ui(&self, ui: &mut egui::Ui, lang: Lang) {
        let b = board_texts(lang);
        egui::CollapsingHeader::new(b.audit)
            .id_salt("case_audit")
            .default_open(false)
            .show(ui, |ui| {
                egui::Grid::new("case_audit_rows")
                    .striped(true)
                    .num_columns(4)
                    .show(ui, |ui| {
                        for e in &self.file.audit {
                            ui.label(format_local(e.at, self.file.timezone));
                            ui.label(&e.actor);
                            ui.label(&e.action);
                            let detail = e.detail.to_string();
                            let short: String = detail.chars().take(60).collect();
                            ui.label(short).on_hover_text(detail);
                            ui.end_row();
                        }
                    });
            });
    }
}
