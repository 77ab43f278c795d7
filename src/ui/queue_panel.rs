//! The queue on the left: search, filters with counts, and the rows (most urgent first,
//! virtualised so a hundred thousand rows scroll smoothly).

use crate::i18n::Msg;
use chrono::Utc;

use super::queue_state::{AttemptFilter, Filter};
use super::text::{Texts, texts};
use super::{Command, ReviewApp, theme};
use crate::checks::result::Verdict;
use crate::domain::case::CaseState;
use crate::domain::clock::Countdown;
use crate::store::QueueItem;

pub fn ui(ui: &mut egui::Ui, app: &ReviewApp, focus_search: bool, out: &mut Vec<Command>) {
    let t = texts(app.lang);
    ui.horizontal(|ui| {
        ui.heading(t.queue);
        ui.label(
            Msg::new("ui-shown-of")
                .arg("shown", app.review.queue.view.len())
                .arg("total", app.review.queue.items.len())
                .render(app.lang),
        );
    });
    filter_ui(ui, app, focus_search, out);
    ui.separator();
    if !app.review.queue.loaded {
        ui.spinner();
        return;
    }
    if app.review.queue.items.is_empty() {
        ui.label(t.queue_empty);
        return;
    }
    if app.review.queue.view.is_empty() {
        ui.label(t.filter_empty);
        return;
    }
    rows_ui(ui, app, out);
}

fn filter_ui(ui: &mut egui::Ui, app: &ReviewApp, focus_search: bool, out: &mut Vec<Command>) {
    let texts = texts(app.lang);
    let mut filter = app.review.queue.filter.clone();
    let search = ui.add(
        egui::TextEdit::singleline(&mut filter.search)
            .hint_text(texts.search_hint)
            .desired_width(f32::INFINITY),
    );
    if focus_search {
        search.request_focus();
    }
    if search.has_focus() && ui.input(|i| i.key_pressed(egui::Key::Escape)) {
        search.surrender_focus();
    }
    ui.horizontal_wrapped(|ui| {
        state_and_verdict_ui(ui, app, &mut filter);
        attempt_and_school_ui(ui, app, &mut filter);
        let overdue = format!(
            "{} ({})",
            texts.overdue_only, app.review.queue.counts.overdue
        );
        ui.checkbox(&mut filter.overdue_only, overdue);
        if app.review.queue.filter.is_active() && ui.button(texts.clear_filter).clicked() {
            filter = Filter::default();
        }
    });
    if filter != app.review.queue.filter {
        out.push(Command::SetFilter(filter));
    }
}

fn state_and_verdict_ui(ui: &mut egui::Ui, app: &ReviewApp, filter: &mut Filter) {
    let texts = texts(app.lang);
    let counts = &app.review.queue.counts;
    let state_label = |state: Option<CaseState>| match state {
        None => texts.all.to_owned(),
        Some(CaseState::Escalated) => format!("{} ({})", texts.escalated, counts.escalated),
        Some(other) => format!("{} ({})", other.label(app.lang), counts.pending),
    };
    let states = [
        None,
        Some(CaseState::PendingReview),
        Some(CaseState::Escalated),
    ];
    combo(
        ui,
        texts.filter_state,
        &mut filter.state,
        &states,
        state_label,
    );
    let verdict_label = |verdict: Option<Verdict>| {
        let Some(v) = verdict else {
            return texts.any_verdict.to_owned();
        };
        let (name, count) = match v {
            Verdict::Fail => (v.label(app.lang), counts.fail),
            Verdict::Warn => (v.label(app.lang), counts.warn),
            Verdict::Pass => (v.label(app.lang), counts.pass),
            Verdict::Error => (texts.not_checked, counts.not_assessed),
        };
        format!("{} {name} ({count})", theme::verdict_mark(v))
    };
    let verdicts = [
        None,
        Some(Verdict::Fail),
        Some(Verdict::Warn),
        Some(Verdict::Pass),
        Some(Verdict::Error),
    ];
    combo(
        ui,
        texts.filter_checks,
        &mut filter.verdict,
        &verdicts,
        verdict_label,
    );
}

fn attempt_and_school_ui(ui: &mut egui::Ui, app: &ReviewApp, filter: &mut Filter) {
    let texts = texts(app.lang);
    let counts = &app.review.queue.counts;
    let attempt_label = |attempt: AttemptFilter| match attempt {
        AttemptFilter::Any => texts.any_attempt.to_owned(),
        AttemptFilter::First => texts.first_attempt.to_owned(),
        AttemptFilter::Resubmission => {
            format!("{} ({})", texts.resubmissions, counts.resubmissions)
        }
    };
    let attempts = [
        AttemptFilter::Any,
        AttemptFilter::First,
        AttemptFilter::Resubmission,
    ];
    combo(
        ui,
        texts.filter_attempt,
        &mut filter.attempt,
        &attempts,
        attempt_label,
    );
    let mut schools: Vec<Option<String>> = vec![None];
    schools.extend(counts.schools.iter().map(|(name, _)| Some(name.clone())));
    let school_label = |school: Option<String>| match school {
        None => texts.all_schools.to_owned(),
        Some(name) => {
            let count = counts
                .schools
                .iter()
                .find(|(k, _)| *k == name)
                .map_or(0, |(_, n)| *n);
            format!("{name} ({count})")
        }
    };
    combo(ui, texts.school, &mut filter.school, &schools, school_label);
}

/// A combo box over `choices`, labelled by `label`.
fn combo<T: Clone + PartialEq>(
    ui: &mut egui::Ui,
    name: &str,
    value: &mut T,
    choices: &[T],
    label: impl Fn(T) -> String,
) {
    egui::ComboBox::new(name, name)
        .selected_text(label(value.clone()))
        .show_ui(ui, |ui| {
            for choice in choices {
                ui.selectable_value(value, choice.clone(), label(choice.clone()));
            }
        });
}

fn rows_ui(ui: &mut egui::Ui, app: &ReviewApp, out: &mut Vec<Command>) {
    let t = texts(app.lang);
    let now = Utc::now();
    let id_salt = "queue_rows";
    let mut area = egui::ScrollArea::vertical()
        .id_salt(id_salt)
        .auto_shrink(false);
    if let Some(i) = app
        .review
        .queue
        .selected_pos()
        .filter(|_| app.review.scroll_to_selected.take())
    {
        // Rows are virtualised, so an off-screen row cannot scroll itself into view: when the
        // selection left the visible range, put it a few rows below the top.
        let row = theme::QUEUE_ROW_HEIGHT + ui.spacing().item_spacing.y;
        let top = i as f32 * row;
        let state = egui::scroll_area::State::load(ui.ctx(), ui.make_persistent_id(id_salt));
        let offset = state.map_or(0.0, |s| s.clamped_offset().y);
        if top < offset || top + row > offset + ui.available_height() {
            area = area.vertical_scroll_offset((top - 3.0 * row).max(0.0));
        }
    }
    area.show_rows(
        ui,
        theme::QUEUE_ROW_HEIGHT,
        app.review.queue.view.len(),
        |ui, rows| {
            for pos in rows {
                let Some(item) = app.review.queue.at(pos) else {
                    continue;
                };
                let selected = app.review.queue.selected == Some(item.submission_id);
                let resp = ui
                    .with_layout(egui::Layout::top_down_justified(egui::Align::LEFT), |ui| {
                        ui.add(
                            egui::Button::selectable(
                                selected,
                                row_text(item, app, t, now, ui.visuals().text_color()),
                            )
                            .min_size(egui::vec2(0.0, theme::QUEUE_ROW_HEIGHT - 4.0)),
                        )
                    })
                    .inner;
                if resp.clicked() {
                    out.push(Command::Select(item.submission_id));
                }
            }
        },
    );
}

fn row_text(
    item: &QueueItem,
    app: &ReviewApp,
    t: &Texts,
    now: chrono::DateTime<Utc>,
    text: egui::Color32,
) -> egui::text::LayoutJob {
    let countdown = Countdown::until(item.review_due, now);
    let mut job = egui::text::LayoutJob::default();
    let font = egui::TextStyle::Body.resolve(&egui::Style::default());
    let mut push = |s: &str, colour: egui::Color32| {
        job.append(s, 0.0, egui::TextFormat::simple(font.clone(), colour));
    };
    let verdict = item.worst.unwrap_or(Verdict::Error);
    push(theme::verdict_mark(verdict), theme::verdict(verdict));
    push(&format!(" {}", item.student), text);
    if item.attempt >= 2 {
        push(
            &format!(
                "  {}",
                Msg::new("ui-attempt")
                    .arg("n", item.attempt)
                    .render(app.lang)
            ),
            theme::SOON,
        );
    }
    if item.state == CaseState::Escalated {
        push(&format!("  {}", t.escalated), theme::ESCALATED);
    }
    push("\n", text);
    push(
        &countdown.text(app.lang),
        theme::urgency(countdown.urgency()),
    );
    match item.claimed_by.as_deref() {
        Some(who) if who == app.session.actor.name => {
            push(&format!("  ★ {}", t.held_here), theme::CALM);
        }
        Some(who) => push(
            &format!(
                "  ◆ {}",
                Msg::new("ui-held-by").arg("who", who).render(app.lang)
            ),
            theme::MUTED,
        ),
        None => {}
    }
    job
}
