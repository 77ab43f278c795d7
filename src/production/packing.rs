//! Packing lists: for one school and mailing batch, who is in this envelope and what, and every
//! other roster student of the batch with the reason they are not. The totals add up to the
//! roster by construction: every roster student is exactly one row.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::ProductionError;
use super::doc::{DocBuilder, Page};
use super::texts::{doc_texts, standing_detail, standing_label};
use crate::domain::campaign::format_local;
use crate::domain::lang::Lang;
use crate::domain::production::{Standing, masked_document};
use crate::export::csv_safe::SafeCsv;
use crate::store::RosterEntry;

/// One roster student on a packing list.
#[derive(Debug, Clone)]
pub struct PackingRow<'a> {
    pub entry: &'a RosterEntry,
    pub standing: Standing,
    /// A print was made of a photo that is no longer approved: take it out.
    pub withdrawn: bool,
}

/// The packing list of one envelope.
#[derive(Debug, Clone)]
pub struct PackingList<'a> {
    pub campaign: &'a str,
    pub school: &'a str,
    pub batch: Option<&'a str>,
    pub timezone: Tz,
    /// What one student's envelope share is, e.g. "小二寸 33×48 mm × 4".
    pub contents: String,
    pub rows: Vec<PackingRow<'a>>,
}

/// Counts of a packing list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Totals {
    pub roster: usize,
    pub in_envelope: usize,
    /// Students not in the envelope, by status code, in the order first met.
    pub not_in: Vec<(&'static str, usize)>,
}

impl PackingList<'_> {
    pub fn totals(&self) -> Totals {
        let mut not_in: Vec<(&'static str, usize)> = Vec::new();
        for row in self.rows.iter().filter(|r| !r.standing.in_envelope()) {
            let code = row.standing.code();
            match not_in.iter_mut().find(|(c, _)| *c == code) {
                Some((_, n)) => *n += 1,
                None => not_in.push((code, 1)),
            }
        }
        Totals {
            roster: self.rows.len(),
            in_envelope: self
                .rows
                .iter()
                .filter(|r| r.standing.in_envelope())
                .count(),
            not_in,
        }
    }

    fn batch_label(&self, lang: Lang) -> &str {
        self.batch.unwrap_or(doc_texts(lang).no_batch)
    }
}

/// The CSV columns, stable for other tools.
pub const CSV_HEADER: [&str; 13] = [
    "school",
    "mailing_batch",
    "programme",
    "name",
    "student_no",
    "id_number_masked",
    "in_envelope",
    "status",
    "status_text",
    "detail",
    "contents",
    "print_withdrawn",
    "campaign",
];

/// The packing list as CSV (UTF-8 with BOM, formula-safe), one row per roster student.
pub fn packing_csv(list: &PackingList<'_>, lang: Lang) -> Result<Vec<u8>, ProductionError> {
    let csv_err = |e: &dyn std::fmt::Display| ProductionError::Csv(e.to_string());
    let mut w = SafeCsv::new(Vec::new()).map_err(|e| csv_err(&e))?;
    w.row(CSV_HEADER).map_err(|e| csv_err(&e))?;
    for row in &list.rows {
        let e = row.entry;
        let inside = row.standing.in_envelope();
        w.row([
            e.school.as_str(),
            list.batch_label(lang),
            e.programme.as_deref().unwrap_or(""),
            e.name.as_str(),
            e.student_no.as_deref().unwrap_or(""),
            &masked_document(&e.id_number),
            if inside { "1" } else { "0" },
            row.standing.code(),
            standing_label(row.standing, lang),
            &standing_detail(row.standing, list.timezone, lang),
            if inside { list.contents.as_str() } else { "" },
            if row.withdrawn { "1" } else { "0" },
            list.campaign,
        ])
        .map_err(|e| csv_err(&e))?;
    }
    w.finish().map_err(|e| csv_err(&e))
}

const PAGE_W: f64 = 210.0;
const PAGE_H: f64 = 297.0;
const MARGIN: f64 = 15.0;
const ROW_MM: f64 = 5.5;
const TEXT_MM: f64 = 3.0;

/// What one line of the list shows.
enum Line<'a> {
    Section(String),
    /// Column titles; the last column is the contents in the envelope's table, else the status.
    Header {
        envelope: bool,
    },
    Row(usize, &'a PackingRow<'a>),
}

/// The packing list as an A4 PDF: title, totals, the envelope's contents, then everyone else.
pub fn packing_pdf(
    list: &PackingList<'_>,
    lang: Lang,
    made_at: DateTime<Utc>,
    made_by: &str,
) -> Result<(Vec<u8>, Vec<char>), ProductionError> {
    let t = doc_texts(lang);
    let title = format!(
        "{} · {} · {} {}",
        t.packing_list,
        list.school,
        t.batch,
        list.batch_label(lang)
    );
    let totals = list.totals();
    let mut info = vec![
        format!("{} {}", t.campaign, list.campaign),
        format!(
            "{} {} · {} {}",
            t.made_at,
            format_local(made_at, list.timezone),
            t.made_by,
            made_by
        ),
        format!(
            "{} {} = {} {} + {} {}",
            t.roster,
            totals.roster,
            t.in_envelope,
            totals.in_envelope,
            t.not_in_envelope,
            totals.roster - totals.in_envelope
        ),
    ];
    for (code, n) in &totals.not_in {
        if let Some(row) = list.rows.iter().find(|r| r.standing.code() == *code) {
            info.push(format!("    {}: {n}", standing_label(row.standing, lang)));
        }
    }
    let (inside, outside): (Vec<_>, Vec<_>) =
        list.rows.iter().partition(|r| r.standing.in_envelope());
    let mut lines = vec![
        Line::Section(format!("{} ({})", t.in_envelope, inside.len())),
        Line::Header { envelope: true },
    ];
    lines.extend(inside.iter().enumerate().map(|(i, r)| Line::Row(i + 1, r)));
    lines.push(Line::Section(format!(
        "{} ({})",
        t.not_in_envelope,
        outside.len()
    )));
    lines.push(Line::Header { envelope: false });
    lines.extend(outside.iter().enumerate().map(|(i, r)| Line::Row(i + 1, r)));

    let mut doc = DocBuilder::new(&title)?;
    let first_top = MARGIN + 10.0 + info.len() as f64 * ROW_MM;
    let per_page = |top: f64| ((PAGE_H - MARGIN - 8.0 - top) / ROW_MM).floor().max(1.0) as usize;
    let mut pages: Vec<&[Line<'_>]> = Vec::new();
    let mut rest = lines.as_slice();
    let mut top = first_top;
    while !rest.is_empty() {
        let take = per_page(top).min(rest.len());
        let (now, later) = rest.split_at(take);
        pages.push(now);
        rest = later;
        top = MARGIN;
    }
    let count = pages.len();
    for (n, chunk) in pages.into_iter().enumerate() {
        let mut page = Page::new(PAGE_W, PAGE_H);
        let mut y = MARGIN;
        if n == 0 {
            doc.text_fit(
                &mut page,
                (MARGIN, y + 5.0),
                5.0,
                PAGE_W - 2.0 * MARGIN,
                &title,
            );
            y += 10.0;
            for line in &info {
                doc.text(&mut page, (MARGIN, y + TEXT_MM), TEXT_MM, line);
                y += ROW_MM;
            }
        }
        for line in chunk {
            line_ui(&mut doc, &mut page, y, line, list, lang);
            y += ROW_MM;
        }
        let footer = format!("{} · {}", list.school, page_of(n + 1, count, lang));
        doc.text(&mut page, (MARGIN, PAGE_H - MARGIN + 4.0), 2.5, &footer);
        doc.push(page);
    }
    doc.finish()
}

/// "第 2/3 页" / "page 2/3".
fn page_of(n: usize, count: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("第 {n}/{count} 页"),
        Lang::En => format!("page {n}/{count}"),
    }
}

/// Column left edges and widths (mm): #, programme, name, student no., masked ID, last column.
const COLUMNS: [(f64, f64); 6] = [
    (MARGIN, 8.0),
    (MARGIN + 8.0, 30.0),
    (MARGIN + 38.0, 26.0),
    (MARGIN + 64.0, 24.0),
    (MARGIN + 88.0, 34.0),
    (MARGIN + 122.0, 58.0),
];

fn line_ui(
    doc: &mut DocBuilder,
    page: &mut Page,
    top: f64,
    line: &Line<'_>,
    list: &PackingList<'_>,
    lang: Lang,
) {
    let words = doc_texts(lang);
    let base = top + TEXT_MM + 0.6;
    let cells = |doc: &mut DocBuilder, page: &mut Page, cells: [&str; 6]| {
        for ((left, width), text) in COLUMNS.iter().zip(cells) {
            doc.text_fit(page, (*left, base), TEXT_MM, width - 1.0, text);
        }
    };
    match line {
        Line::Section(title) => {
            doc.text(page, (MARGIN, base), 3.6, title);
        }
        Line::Header { envelope } => {
            let status = if *envelope {
                words.contents
            } else {
                words.status
            };
            let titles = [
                "#",
                words.programme,
                words.name,
                words.student_no,
                words.id_masked,
                status,
            ];
            cells(doc, page, titles);
            let rule = top + ROW_MM;
            page.line((MARGIN, rule), (PAGE_W - MARGIN, rule), 0.2);
        }
        Line::Row(number, row) => {
            let entry = row.entry;
            let status = row_status(row, list, lang);
            cells(
                doc,
                page,
                [
                    &number.to_string(),
                    entry.programme.as_deref().unwrap_or(""),
                    &entry.name,
                    entry.student_no.as_deref().unwrap_or(""),
                    &masked_document(&entry.id_number),
                    &status,
                ],
            );
        }
    }
}

/// The last column of a row: the envelope's contents, or why the student is not in it.
fn row_status(row: &PackingRow<'_>, list: &PackingList<'_>, lang: Lang) -> String {
    if row.standing.in_envelope() {
        return list.contents.clone();
    }
    let mut status = standing_label(row.standing, lang).to_owned();
    let detail = standing_detail(row.standing, list.timezone, lang);
    if !detail.is_empty() {
        status = format!("{status} · {detail}");
    }
    if row.withdrawn {
        status = format!("{status} · {}", doc_texts(lang).withdraw);
    }
    status
}
