//! Print sheets: every copy of every student at the exact print size, cut to the print ratio
//! around the face (never stretched), with cut marks at each corner and a label below (name and
//! student number; masked ID number) for sorting. A student's copies stay on one sheet when
//! they fit.

use std::borrow::Cow;

use super::ProductionError;
use super::doc::{DocBuilder, Page, PlacedImage};
use super::layout::{LABEL_LINE_MM, LABEL_OFFSET_MM, SheetLayout, cut_marks};
use crate::checks::jpeg_markers;
use crate::domain::production::{PrintSettings, print_crop};

/// Size of the label text (em height, mm): 6 pt.
const LABEL_TEXT_MM: f64 = 2.1;
const HEADER_TEXT_MM: f64 = 2.4;
const MARK_WIDTH_MM: f64 = 0.1;

/// One student on the sheets.
#[derive(Debug, Clone)]
pub struct SheetStudent<'a> {
    pub name: &'a str,
    pub student_no: Option<&'a str>,
    pub masked_id: String,
    /// The approved upload, as stored.
    pub jpeg: &'a [u8],
    pub face_cx: Option<f64>,
}

/// What a sheet file holds.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetsOut {
    pub pdf: Vec<u8>,
    pub sheets: usize,
    pub copies: usize,
    /// Characters of names the embedded font cannot draw.
    pub missing_glyphs: Vec<char>,
}

/// Lays out and writes the sheets. `header` is printed at the top of each sheet with the sheet
/// number; `progress` is called after each student.
pub fn render_sheets(
    students: &[SheetStudent<'_>],
    settings: &PrintSettings,
    header: &str,
    progress: &mut dyn FnMut(),
) -> Result<SheetsOut, ProductionError> {
    let layout =
        SheetLayout::new(settings.paper, settings.size).ok_or(ProductionError::PrintTooLarge)?;
    let copies = settings.copies.max(1) as usize;
    let mut doc = DocBuilder::new(header)?;
    let per_sheet = layout.per_sheet();
    let mut page: Option<Page> = None;
    let mut used = 0;
    let mut total = 0;
    for student in students {
        let image = place_jpeg(&mut doc, student)?;
        // Start a new sheet rather than split a student's copies, when they fit on one.
        if page.is_some() && per_sheet - used < copies && copies <= per_sheet {
            used = per_sheet;
        }
        for _ in 0..copies {
            if page.is_none() || used == per_sheet {
                if let Some(done) = page.take() {
                    doc.push(done);
                }
                let mut p = Page::new(layout.page_w_mm, layout.page_h_mm);
                let title = format!("{header} · {}", doc.page_count() + 1);
                let max_w = layout.page_w_mm - 2.0 * layout.margin_mm;
                doc.text_fit(
                    &mut p,
                    (layout.margin_mm, layout.header_baseline_mm),
                    HEADER_TEXT_MM,
                    max_w,
                    &title,
                );
                page = Some(p);
                used = 0;
            }
            if let Some(p) = page.as_mut() {
                copy_ui(&mut doc, p, &layout, layout.slots[used], student, image);
            }
            used += 1;
            total += 1;
        }
        progress();
    }
    if let Some(done) = page.take() {
        doc.push(done);
    }
    let sheets = doc.page_count();
    let (pdf, missing_glyphs) = doc.finish()?;
    Ok(SheetsOut {
        pdf,
        sheets,
        copies: total,
        missing_glyphs,
    })
}

/// One copy: the photo in its box, the eight cut marks, the two label lines.
fn copy_ui(
    doc: &mut DocBuilder,
    page: &mut Page,
    layout: &SheetLayout,
    (x, y): (f64, f64),
    student: &SheetStudent<'_>,
    image: PlacedImage,
) {
    let size = layout.photo;
    let crop = print_crop(image.width, image.height, student.face_cx, size);
    page.photo(&image, (x, y, size.width_mm, size.height_mm), crop);
    for (from, to) in cut_marks(x, y, size) {
        page.line(from, to, MARK_WIDTH_MM);
    }
    let first = match student.student_no {
        Some(no) if !no.is_empty() => format!("{} {no}", student.name),
        _ => student.name.to_owned(),
    };
    let base = y + size.height_mm + LABEL_OFFSET_MM + LABEL_TEXT_MM * 0.9;
    doc.text_fit(page, (x, base), LABEL_TEXT_MM, size.width_mm, &first);
    doc.text_fit(
        page,
        (x, base + LABEL_LINE_MM),
        LABEL_TEXT_MM,
        size.width_mm,
        &student.masked_id,
    );
}

/// The upload as a PDF image: passed through when PDF can show it as it is (8-bit grey or
/// colour JPEG), else decoded and re-encoded at high quality (e.g. CMYK or 12-bit files).
fn place_jpeg(
    doc: &mut DocBuilder,
    student: &SheetStudent<'_>,
) -> Result<PlacedImage, ProductionError> {
    let sof = jpeg_markers::parse(student.jpeg).and_then(|m| {
        let sof = m.sof?;
        let plain =
            sof.precision == 8 && matches!(sof.components, 1 | 3) && !m.ended_early && !m.malformed;
        plain.then_some(sof)
    });
    let (bytes, width, height, components): (Cow<'_, [u8]>, u32, u32, u8) = if let Some(sof) = sof {
        (
            Cow::Borrowed(student.jpeg),
            u32::from(sof.width),
            u32::from(sof.height),
            sof.components,
        )
    } else {
        let unreadable = |_| ProductionError::UnreadablePhoto(student.name.to_owned());
        let decoded = crate::checks::decode::decode(student.jpeg).map_err(unreadable)?;
        let mut out = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 95)
            .encode_image(&decoded.rgb)
            .map_err(|_| ProductionError::UnreadablePhoto(student.name.to_owned()))?;
        (Cow::Owned(out), decoded.width(), decoded.height(), 3)
    };
    Ok(doc.jpeg(&bytes, width, height, components))
}
