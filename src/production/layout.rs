//! Where the copies go on a sheet: a grid of photo boxes at the print size, each with room for
//! its cut marks and a two-line label below, centred on the paper in the orientation that
//! holds the most copies. Millimetres, origin at the top left of the page.

use crate::domain::production::{Paper, PrintSize};

/// Space between cells: each neighbour's cut mark plus a clear gap between them.
pub const GUTTER_MM: f64 = 4.0;
/// A cut mark starts this far outside the photo corner…
pub const MARK_GAP_MM: f64 = 0.5;
/// …and is this long.
pub const MARK_LEN_MM: f64 = 1.2;
/// Below each photo: the marks, then the label (name and student number; masked ID number).
pub const LABEL_OFFSET_MM: f64 = MARK_GAP_MM + MARK_LEN_MM + 0.5;
pub const LABEL_LINE_MM: f64 = 2.5;
pub const LABEL_MM: f64 = 2.0 * LABEL_LINE_MM;

/// The photo boxes of one sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetLayout {
    pub page_w_mm: f64,
    pub page_h_mm: f64,
    pub photo: PrintSize,
    /// Top-left corner of each photo box, row by row.
    pub slots: Vec<(f64, f64)>,
    /// Where the sheet's header line sits (baseline, in the top margin).
    pub header_baseline_mm: f64,
    pub margin_mm: f64,
}

impl SheetLayout {
    /// The best grid for `size` on `paper`; `None` when not one copy fits.
    pub fn new(paper: Paper, size: PrintSize) -> Option<Self> {
        let (w, h) = paper.size_mm();
        let portrait = Self::grid(w, h, paper.margin_mm(), size);
        let landscape = Self::grid(h, w, paper.margin_mm(), size);
        let best = if landscape.slots.len() > portrait.slots.len() {
            landscape
        } else {
            portrait
        };
        (!best.slots.is_empty()).then_some(best)
    }

    fn grid(page_w: f64, page_h: f64, margin: f64, size: PrintSize) -> Self {
        let cell_w = size.width_mm;
        let cell_h = size.height_mm + LABEL_OFFSET_MM + LABEL_MM;
        // Marks above the first row and beside the outer columns need the gutter's half.
        let usable_w = page_w - 2.0 * margin;
        let usable_h = page_h - 2.0 * margin;
        let fit = |usable: f64, cell: f64| {
            if usable < cell {
                0
            } else {
                ((usable + GUTTER_MM) / (cell + GUTTER_MM)).floor() as usize
            }
        };
        let (cols, rows) = (fit(usable_w, cell_w), fit(usable_h, cell_h));
        let span = |n: usize, cell: f64| n as f64 * cell + n.saturating_sub(1) as f64 * GUTTER_MM;
        let left = (page_w - span(cols, cell_w)) / 2.0;
        let top = (page_h - span(rows, cell_h)) / 2.0;
        let slots = (0..rows)
            .flat_map(|r| {
                (0..cols).map(move |c| {
                    (
                        left + c as f64 * (cell_w + GUTTER_MM),
                        top + r as f64 * (cell_h + GUTTER_MM),
                    )
                })
            })
            .collect();
        Self {
            page_w_mm: page_w,
            page_h_mm: page_h,
            photo: size,
            slots,
            header_baseline_mm: (top - MARK_GAP_MM - MARK_LEN_MM - 0.8).min(margin * 0.8),
            margin_mm: margin,
        }
    }

    pub fn per_sheet(&self) -> usize {
        self.slots.len()
    }
}

/// The cut marks of a photo box at `(x, y)`: eight short segments, two at each corner, on the
/// extension of the box's edges and outside it. Each is `((x1, y1), (x2, y2))` in mm.
pub fn cut_marks(x: f64, y: f64, size: PrintSize) -> [((f64, f64), (f64, f64)); 8] {
    let (right, bottom) = (x + size.width_mm, y + size.height_mm);
    let (near, far) = (MARK_GAP_MM, MARK_GAP_MM + MARK_LEN_MM);
    [
        ((x - far, y), (x - near, y)),
        ((x, y - far), (x, y - near)),
        ((right + near, y), (right + far, y)),
        ((right, y - far), (right, y - near)),
        ((x - far, bottom), (x - near, bottom)),
        ((x, bottom + near), (x, bottom + far)),
        ((right + near, bottom), (right + far, bottom)),
        ((right, bottom + near), (right, bottom + far)),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inside(l: &SheetLayout, (x, y): (f64, f64)) -> bool {
        let m = l.margin_mm - 1e-9;
        x >= m
            && y >= m
            && x + l.photo.width_mm <= l.page_w_mm - m
            && y + l.photo.height_mm + LABEL_OFFSET_MM + LABEL_MM <= l.page_h_mm - m
    }

    #[test]
    fn six_inch_paper_holds_four_small_two_inch_copies_and_a4_twenty_one() {
        let six = SheetLayout::new(Paper::SixInch, PrintSize::SMALL_TWO_INCH).unwrap();
        assert_eq!(six.per_sheet(), 4);
        let a4 = SheetLayout::new(Paper::A4, PrintSize::SMALL_TWO_INCH).unwrap();
        // A4 turned: 7 × 3.
        assert_eq!(a4.per_sheet(), 21);
        assert!(a4.page_w_mm > a4.page_h_mm);
        for l in [&six, &a4] {
            assert!(l.slots.iter().all(|s| inside(l, *s)), "{l:?}");
        }
    }

    #[test]
    fn cells_never_overlap_and_marks_stay_in_the_gutter() {
        let l = SheetLayout::new(Paper::A4, PrintSize::ONE_INCH).unwrap();
        let w = l.photo.width_mm;
        for (i, a) in l.slots.iter().enumerate() {
            for b in &l.slots[i + 1..] {
                let apart_x = (a.0 - b.0).abs() >= w + GUTTER_MM - 1e-9;
                let apart_y = (a.1 - b.1).abs()
                    >= l.photo.height_mm + LABEL_OFFSET_MM + LABEL_MM + GUTTER_MM - 1e-9;
                assert!(apart_x || apart_y, "{a:?} {b:?}");
            }
        }
        // Two neighbours' marks meet in the gutter without touching.
        const { assert!(2.0 * (MARK_GAP_MM + MARK_LEN_MM) < GUTTER_MM) };
        for ((x1, y1), (x2, y2)) in cut_marks(10.0, 20.0, l.photo) {
            let on_photo = |x: f64, y: f64| {
                x > 10.0 && x < 10.0 + w && y > 20.0 && y < 20.0 + l.photo.height_mm
            };
            assert!(!on_photo(x1, y1) && !on_photo(x2, y2));
            assert!(((x2 - x1).hypot(y2 - y1) - MARK_LEN_MM).abs() < 1e-9);
        }
    }

    #[test]
    fn a_print_larger_than_the_paper_has_no_layout() {
        let huge = PrintSize {
            width_mm: 120.0,
            height_mm: 120.0,
        };
        assert!(SheetLayout::new(Paper::SixInch, huge).is_none());
    }
}
