//! One board list as a table: sortable by any column, filterable, virtualised rows.

use std::cmp::Ordering;

use chrono::{DateTime, Utc};

use super::BoardCommand;
use crate::domain::clock::Countdown;
use crate::domain::lang::Lang;
use crate::store::BoardRow;
use crate::ui::text::{board_texts, texts};
use crate::ui::theme;

/// The columns of a board table, in display order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    Name,
    IdNumber,
    School,
    Programme,
    Phone,
    State,
    Attempts,
    Due,
}

impl Column {
    pub const ALL: [Self; 8] = [
        Self::Name,
        Self::IdNumber,
        Self::School,
        Self::Programme,
        Self::Phone,
        Self::State,
        Self::Attempts,
        Self::Due,
    ];

    pub fn title(self, lang: Lang) -> &'static str {
        let (t, b) = (texts(lang), board_texts(lang));
        match self {
            Self::Name => t.name,
            Self::IdNumber => t.id_number,
            Self::School => t.school,
            Self::Programme => t.programme,
            Self::Phone => b.phone,
            Self::State => b.state,
            Self::Attempts => b.attempts,
            Self::Due => b.due,
        }
    }

    fn compare(self, a: &BoardRow, b: &BoardRow) -> Ordering {
        match self {
            Self::Name => a.student.cmp(&b.student),
            Self::IdNumber => a.id_number.cmp(&b.id_number),
            Self::School => a.school.cmp(&b.school),
            Self::Programme => a.programme.cmp(&b.programme),
            Self::Phone => a.phone.cmp(&b.phone),
            Self::State => a.state.code().cmp(b.state.code()),
            Self::Attempts => (a.attempts, a.rejections).cmp(&(b.attempts, b.rejections)),
            Self::Due => a.due.cmp(&b.due),
        }
    }
}

/// Which column a table is sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sort {
    pub column: Column,
    pub descending: bool,
}

impl Default for Sort {
    /// Most urgent first: the earliest due time at the top.
    fn default() -> Self {
        Self {
            column: Column::Due,
            descending: false,
        }
    }
}

impl Sort {
    /// Clicking the sorted column flips the direction; another column sorts ascending.
    #[must_use]
    pub fn clicked(self, column: Column) -> Self {
        Self {
            column,
            descending: self.column == column && !self.descending,
        }
    }
}

/// Whether a row matches a filter (case-insensitive, over name, IDs, school, programme, phone).
pub fn matches(row: &BoardRow, filter: &str) -> bool {
    let needle = filter.trim().to_lowercase();
    if needle.is_empty() {
        return true;
    }
    let fields = [
        Some(&row.student),
        Some(&row.id_number),
        row.student_no.as_ref(),
        row.school.as_ref(),
        row.programme.as_ref(),
        row.phone.as_ref(),
    ];
    fields
        .into_iter()
        .flatten()
        .any(|f| f.to_lowercase().contains(&needle))
}

/// Indices of the rows to show, filtered and sorted (ties keep the case id order).
pub fn visible_rows(rows: &[BoardRow], filter: &str, sort: Sort) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..rows.len())
        .filter(|&i| matches(&rows[i], filter))
        .collect();
    idx.sort_by(|&a, &b| {
        let (ra, rb) = (&rows[a], &rows[b]);
        let o = sort.column.compare(ra, rb);
        let o = if sort.descending { o.reverse() } else { o };
        o.then(ra.case_id.cmp(&rb.case_id))
    });
    idx
}

/// Sort, filter and the cached visible rows of one list.
#[derive(Debug, Default)]
pub struct TableState {
    pub sort: Sort,
    pub filter: String,
    /// `(data generation, filter, sort)` the cached indices were made for.
    cache: Option<(u64, String, Sort, Vec<usize>)>,
}

impl TableState {
    /// The visible rows, recomputed only when the data, filter or sort changed.
    pub fn visible(&mut self, rows: &[BoardRow], generation: u64) -> &[usize] {
        let fresh = matches!(&self.cache, Some((g, f, s, _))
            if *g == generation && *f == self.filter && *s == self.sort);
        if !fresh {
            let idx = visible_rows(rows, &self.filter, self.sort);
            self.cache = Some((generation, self.filter.clone(), self.sort, idx));
        }
        self.cache.as_ref().map_or(&[], |(_, _, _, v)| v.as_slice())
    }
}

/// Draws the header and the visible rows; a click on a row opens its case.
pub fn ui(
    ui: &mut egui::Ui,
    rows: &[BoardRow],
    state: &mut TableState,
    generation: u64,
    lang: Lang,
    now: DateTime<Utc>,
) -> Option<BoardCommand> {
    let mut out = None;
    let widths = fitted_widths(ui);
    ui.horizontal(|ui| {
        for (column, width) in Column::ALL.into_iter().zip(widths) {
            let sorted = state.sort.column == column;
            let arrow = match (sorted, state.sort.descending) {
                (false, _) => "",
                (true, false) => " ▲",
                (true, true) => " ▼",
            };
            let button = egui::Button::selectable(sorted, format!("{}{arrow}", column.title(lang)));
            if ui
                .add_sized([width, theme::BOARD_ROW_HEIGHT], button)
                .clicked()
            {
                state.sort = state.sort.clicked(column);
            }
        }
    });
    ui.separator();
    let visible = state.visible(rows, generation).to_vec();
    if visible.is_empty() {
        let b = board_texts(lang);
        ui.label(if rows.is_empty() { b.empty } else { b.no_match });
        return None;
    }
    egui::ScrollArea::vertical()
        .id_salt("board_rows")
        .auto_shrink(false)
        .show_rows(ui, theme::BOARD_ROW_HEIGHT, visible.len(), |ui, range| {
            for &i in &visible[range] {
                if row_ui(ui, &rows[i], &widths, lang, now) {
                    out = Some(BoardCommand::OpenCase(rows[i].case_id));
                }
            }
        });
    out
}

/// Column widths shrunk to the space there is (never wider than the design widths), so the
/// table never runs under the case panel; long cells are truncated.
fn fitted_widths(ui: &egui::Ui) -> [f32; 8] {
    let gaps = ui.spacing().item_spacing.x * (theme::BOARD_COLUMN_WIDTHS.len() - 1) as f32;
    let design: f32 = theme::BOARD_COLUMN_WIDTHS.iter().sum();
    // A little slack for button padding, so the header never pokes under the case panel.
    let scale = ((ui.available_width() - gaps - 24.0) / design).clamp(0.3, 1.0);
    theme::BOARD_COLUMN_WIDTHS.map(|w| w * scale)
}

/// One row; true when it was clicked.
fn row_ui(
    ui: &mut egui::Ui,
    row: &BoardRow,
    widths: &[f32; 8],
    lang: Lang,
    now: DateTime<Utc>,
) -> bool {
    let size = egui::vec2(ui.available_width(), theme::BOARD_ROW_HEIGHT);
    let (rect, resp) = ui.allocate_exact_size(size, egui::Sense::click());
    if resp.hovered() {
        ui.painter()
            .rect_filled(rect, 2.0, ui.visuals().widgets.hovered.weak_bg_fill);
    }
    let countdown = row.due.map(|d| Countdown::until(d, now));
    let cells: [(String, Option<egui::Color32>); 8] = [
        (row.student.clone(), None),
        (row.id_number.clone(), None),
        (row.school.clone().unwrap_or_default(), None),
        (row.programme.clone().unwrap_or_default(), None),
        (row.phone.clone().unwrap_or_default(), None),
        (
            row.state.label(lang).to_owned(),
            Some(theme::state(row.state)),
        ),
        (format!("{} / {}", row.attempts, row.rejections), None),
        (
            countdown.map(|c| c.text(lang)).unwrap_or_default(),
            countdown.map(|c| theme::urgency(c.urgency())),
        ),
    ];
    let mut child = ui.new_child(
        egui::UiBuilder::new()
            .max_rect(rect)
            .layout(egui::Layout::left_to_right(egui::Align::Center)),
    );
    for ((text, colour), width) in cells.into_iter().zip(*widths) {
        let mut rich = egui::RichText::new(text);
        if let Some(c) = colour {
            rich = rich.color(c);
        }
        child.allocate_ui_with_layout(
            egui::vec2(width, theme::BOARD_ROW_HEIGHT),
            egui::Layout::left_to_right(egui::Align::Center),
            |ui| {
                ui.set_width(width);
                // Not selectable: a click anywhere on the row opens the case.
                ui.add(egui::Label::new(rich).selectable(false).truncate());
            },
        );
    }
    resp.on_hover_cursor(egui::CursorIcon::PointingHand)
        .clicked()
}
