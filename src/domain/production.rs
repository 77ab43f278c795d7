//! Production after approval: the campaign's print setting (photo size, copies, paper), where a
//! 480×640 upload is cut for print, and where each roster student of a mailing batch stands
//! (in the envelope, or why not). Pure: no I/O, no SQL.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::case::CaseState;
use super::id_number::IdNumber;
use super::student::DocumentType;

/// The physical size of one printed photo, in millimetres (width × height).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct PrintSize {
    pub width_mm: f64,
    pub height_mm: f64,
}

impl PrintSize {
    /// 小二寸, 33 × 48 mm: the default. Chinese certificate photos are printed at 小二寸 or 二寸;
    /// 33 × 48 mm is the size of the Ministry of Public Security's exit-entry document photo
    /// standard (《出入境证件相片照相指引》, "相片尺寸为 48mm × 33mm"), and the university image
    /// collection centres that make diploma photos (e.g. 上海新华图片社大学生图像信息采集中心)
    /// deliver 小二寸 prints of 390 × 567 px at 300 dpi, i.e. 33 × 48 mm. Its 11:16 ratio is the
    /// narrowest of the common sizes, so the CHSI upload (3:4) loses only 20 px at each side.
    pub const SMALL_TWO_INCH: Self = Self {
        width_mm: 33.0,
        height_mm: 48.0,
    };
    /// 二寸, 35 × 49 mm (some registrars ask for it).
    pub const TWO_INCH: Self = Self {
        width_mm: 35.0,
        height_mm: 49.0,
    };
    /// 一寸, 25 × 35 mm (student cards, archives).
    pub const ONE_INCH: Self = Self {
        width_mm: 25.0,
        height_mm: 35.0,
    };

    /// The named sizes a campaign can pick from, with their Chinese names.
    pub const NAMED: [(&'static str, Self); 3] = [
        ("小二寸", Self::SMALL_TWO_INCH),
        ("二寸", Self::TWO_INCH),
        ("一寸", Self::ONE_INCH),
    ];

    /// The studio name of the size (小二寸 …) or `W×H mm`.
    pub fn label(self) -> String {
        let dims = format!("{}×{} mm", self.width_mm, self.height_mm);
        Self::NAMED
            .iter()
            .find(|(_, s)| *s == self)
            .map_or(dims.clone(), |(name, _)| format!("{name} {dims}"))
    }

    /// Parses a size as typed: a studio name (小二寸, 二寸, 一寸) or `WxH` in millimetres
    /// (`33x48`, `35×45`); `None` when it is neither or not a printable size.
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        if let Some((_, size)) = Self::NAMED.iter().find(|(name, _)| *name == text) {
            return Some(*size);
        }
        let (w, h) = text
            .trim_end_matches("mm")
            .split_once(['x', 'X', '×', '*'])?;
        let size = Self {
            width_mm: w.trim().parse().ok()?,
            height_mm: h.trim().parse().ok()?,
        };
        size.is_valid().then_some(size)
    }

    /// Width over height.
    pub fn ratio(self) -> f64 {
        self.width_mm / self.height_mm
    }

    /// A size a printer can make: between 15 and 120 mm each way.
    pub fn is_valid(self) -> bool {
        let ok = |mm: f64| mm.is_finite() && (15.0..=120.0).contains(&mm);
        ok(self.width_mm) && ok(self.height_mm)
    }
}

/// The paper the sheets are printed on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Paper {
    /// 6-inch photo paper (6 × 4 in, 152.4 × 101.6 mm, "6寸" / 4R), the studio's photo printer.
    SixInch,
    /// A4 (210 × 297 mm), for an office or inkjet printer with photo paper.
    A4,
}

impl Paper {
    pub const ALL: [Self; 2] = [Self::SixInch, Self::A4];

    /// Portrait width and height in millimetres.
    pub fn size_mm(self) -> (f64, f64) {
        match self {
            Self::SixInch => (101.6, 152.4),
            Self::A4 => (210.0, 297.0),
        }
    }

    /// The unprinted border a printer needs at each edge.
    pub fn margin_mm(self) -> f64 {
        match self {
            Self::SixInch => 5.0,
            Self::A4 => 10.0,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::SixInch => "six_inch",
            Self::A4 => "a4",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.code() == code)
    }
}

/// A campaign's print setting (part of its rules; defaults: 小二寸, 4 copies, 6-inch paper).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PrintSettings {
    pub size: PrintSize,
    /// Copies per student: the diploma, the degree certificate, and spares for the school's
    /// files (the studio's usual set of four).
    pub copies: u32,
    pub paper: Paper,
}

impl Default for PrintSettings {
    fn default() -> Self {
        Self {
            size: PrintSize::SMALL_TWO_INCH,
            copies: 4,
            paper: Paper::SixInch,
        }
    }
}

/// The part of an image that is printed, in pixels (origin top left).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CropBox {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

/// Where a `width`×`height` photo is cut to fill a print of `size` without stretching. A
/// narrower print keeps the full height and cuts the sides, centred on the face (`face_cx`,
/// the image centre when unknown) as far as the image allows; a wider one keeps the full width
/// and cuts the bottom only, so the head's distance from the top edge (CHSI: 50–110 px) stays.
pub fn print_crop(width: u32, height: u32, face_cx: Option<f64>, size: PrintSize) -> CropBox {
    let (w, h) = (f64::from(width), f64::from(height));
    let ratio = size.ratio();
    if w / h > ratio {
        let crop_w = h * ratio;
        let centre = face_cx.filter(|c| c.is_finite()).unwrap_or(w / 2.0);
        let x = (centre - crop_w / 2.0).clamp(0.0, w - crop_w);
        CropBox {
            x,
            y: 0.0,
            w: crop_w,
            h,
        }
    } else {
        CropBox {
            x: 0.0,
            y: 0.0,
            w,
            h: w / ratio,
        }
    }
}

/// A document number for a printed list: a mainland ID masked in the middle
/// (`110105********123X`); any other document keeps its first 2 and last 2 characters.
pub fn masked_document(number: &str) -> String {
    if let Ok(id) = IdNumber::parse(number) {
        return id.masked();
    }
    let chars: Vec<char> = number.chars().collect();
    if chars.len() <= 4 {
        return "*".repeat(chars.len());
    }
    let head: String = chars[..2].iter().collect();
    let tail: String = chars[chars.len() - 2..].iter().collect();
    format!("{head}{}{tail}", "*".repeat(chars.len() - 4))
}

/// What the store knows of one roster student for production.
#[derive(Debug, Clone, PartialEq)]
pub struct RosterStanding {
    pub doc_type: DocumentType,
    /// The student's case, once a photo arrived.
    pub case: Option<CaseStanding>,
}

/// A case's state as production needs it.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseStanding {
    pub case_id: i64,
    pub state: CaseState,
    pub current_submission_id: Option<i64>,
    pub resubmission_due: Option<DateTime<Utc>>,
    /// The latest make-up shoot booked, if any.
    pub makeup_at: Option<DateTime<Utc>>,
    /// The case's latest print: which photo and when.
    pub last_print: Option<PrintMark>,
}

/// One print of a case's photo.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PrintMark {
    pub submission_id: i64,
    pub run_id: i64,
    pub printed_at: DateTime<Utc>,
}

/// Where a roster student of a mailing batch stands: in the envelope, or why not.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Standing {
    /// Printed in this run: goes in the envelope.
    InEnvelope,
    /// The approved photo was printed by an earlier run (sent with that envelope).
    PrintedEarlier { at: DateTime<Utc> },
    /// Approved, not printed yet.
    ApprovedNotPrinted,
    /// Waiting for the studio's review (pending or escalated).
    AwaitingReview,
    /// Rejected; the student may still upload until `due`.
    RejectedWaiting { due: Option<DateTime<Utc>> },
    /// Rejected and no new photo in time; `makeup` when a make-up shoot is booked.
    CollectionFailed { makeup: Option<DateTime<Utc>> },
    /// Passport or HK/Macau/Taiwan permit: photographed offline, never in the queue.
    CollectedOffline,
    /// No photo uploaded yet.
    NoUpload,
}

impl Standing {
    /// The student's print goes into this run's envelope.
    pub fn in_envelope(self) -> bool {
        self == Self::InEnvelope
    }

    /// Stable code for CSV files and other tools.
    pub fn code(self) -> &'static str {
        match self {
            Self::InEnvelope => "in_envelope",
            Self::PrintedEarlier { .. } => "printed_earlier",
            Self::ApprovedNotPrinted => "approved_not_printed",
            Self::AwaitingReview => "awaiting_review",
            Self::RejectedWaiting { .. } => "rejected_waiting",
            Self::CollectionFailed { .. } => "collection_failed",
            Self::CollectedOffline => "collected_offline",
            Self::NoUpload => "no_upload",
        }
    }
}

impl RosterStanding {
    /// Where the student stands once the cases in `printed_now` were printed by this run.
    pub fn standing(&self, printed_now: impl Fn(i64) -> bool) -> Standing {
        if self.doc_type.collected_offline() {
            return Standing::CollectedOffline;
        }
        let Some(case) = &self.case else {
            return Standing::NoUpload;
        };
        match case.state {
            CaseState::Approved if printed_now(case.case_id) => Standing::InEnvelope,
            CaseState::Approved => match case.current_print() {
                Some(mark) => Standing::PrintedEarlier {
                    at: mark.printed_at,
                },
                None => Standing::ApprovedNotPrinted,
            },
            CaseState::PendingReview | CaseState::Escalated => Standing::AwaitingReview,
            CaseState::Rejected => Standing::RejectedWaiting {
                due: case.resubmission_due,
            },
            CaseState::CollectionFailed => Standing::CollectionFailed {
                makeup: case.makeup_at,
            },
        }
    }
}

impl CaseStanding {
    /// The latest print, when it is of the photo now approved.
    pub fn current_print(&self) -> Option<PrintMark> {
        self.last_print.filter(|p| {
            self.state == CaseState::Approved && Some(p.submission_id) == self.current_submission_id
        })
    }

    /// A print was made and the case is no longer approved with that photo (reopened,
    /// re-decided, or a newer photo approved): the print must be withdrawn.
    pub fn print_withdrawn(&self) -> bool {
        self.last_print.is_some() && self.current_print().is_none()
    }

    /// Approved and its photo not printed yet: the next run prints it.
    pub fn awaits_print(&self) -> bool {
        self.state == CaseState::Approved
            && self.current_submission_id.is_some()
            && self.current_print().is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 24, h, 0, 0).unwrap()
    }

    fn case(state: CaseState, printed: Option<i64>) -> CaseStanding {
        CaseStanding {
            case_id: 7,
            state,
            current_submission_id: Some(70),
            resubmission_due: Some(at(9)),
            makeup_at: None,
            last_print: printed.map(|submission_id| PrintMark {
                submission_id,
                run_id: 1,
                printed_at: at(8),
            }),
        }
    }

    #[test]
    fn narrow_prints_cut_the_sides_around_the_face_and_never_stretch() {
        let c = print_crop(480, 640, None, PrintSize::SMALL_TWO_INCH);
        assert!(
            (c.w - 440.0).abs() < 1e-9 && (c.h - 640.0).abs() < 1e-9,
            "{c:?}"
        );
        assert!((c.x - 20.0).abs() < 1e-9 && c.y == 0.0);
        assert!((c.w / c.h - 33.0 / 48.0).abs() < 1e-12);
        // A face right of centre moves the window, but never past the image edge.
        assert!(
            (print_crop(480, 640, Some(250.0), PrintSize::SMALL_TWO_INCH).x - 30.0).abs() < 1e-9
        );
        assert!(
            (print_crop(480, 640, Some(470.0), PrintSize::SMALL_TWO_INCH).x - 40.0).abs() < 1e-9
        );
        let nan = print_crop(480, 640, Some(f64::NAN), PrintSize::SMALL_TWO_INCH);
        assert!((nan.x - 20.0).abs() < 1e-9);
    }

    #[test]
    fn wide_prints_cut_the_bottom_only() {
        let wide = PrintSize {
            width_mm: 35.0,
            height_mm: 45.0,
        };
        let c = print_crop(480, 640, Some(100.0), wide);
        assert_eq!((c.x, c.y, c.w), (0.0, 0.0, 480.0));
        assert!((c.h - 480.0 * 45.0 / 35.0).abs() < 1e-9);
    }

    #[test]
    fn documents_are_masked() {
        assert_eq!(masked_document("11010519491231002X"), "110105********002X");
        assert_eq!(masked_document("E12345678"), "E1*****78");
        assert_eq!(masked_document("abc"), "***");
    }

    #[test]
    fn standing_follows_the_case() {
        let mainland = |c: Option<CaseStanding>| RosterStanding {
            doc_type: DocumentType::MainlandId,
            case: c,
        };
        let none = |_| false;
        assert_eq!(mainland(None).standing(none), Standing::NoUpload);
        let offline = RosterStanding {
            doc_type: DocumentType::Passport,
            case: None,
        };
        assert_eq!(offline.standing(none), Standing::CollectedOffline);
        let approved = mainland(Some(case(CaseState::Approved, None)));
        assert_eq!(approved.standing(none), Standing::ApprovedNotPrinted);
        assert_eq!(approved.standing(|id| id == 7), Standing::InEnvelope);
        let earlier = mainland(Some(case(CaseState::Approved, Some(70))));
        assert_eq!(
            earlier.standing(none),
            Standing::PrintedEarlier { at: at(8) }
        );
        // Printed an older photo: the new approval waits for its own print.
        let newer = case(CaseState::Approved, Some(60));
        assert!(newer.awaits_print() && newer.print_withdrawn());
        assert_eq!(
            mainland(Some(case(CaseState::Rejected, None))).standing(none),
            Standing::RejectedWaiting { due: Some(at(9)) }
        );
        let reopened = case(CaseState::PendingReview, Some(70));
        assert!(reopened.print_withdrawn() && !reopened.awaits_print());
        assert_eq!(
            mainland(Some(reopened)).standing(none),
            Standing::AwaitingReview
        );
        let mut failed = case(CaseState::CollectionFailed, None);
        failed.makeup_at = Some(at(12));
        assert_eq!(
            mainland(Some(failed)).standing(none),
            Standing::CollectionFailed {
                makeup: Some(at(12))
            }
        );
    }

    #[test]
    fn sizes_parse_by_name_or_millimetres() {
        assert_eq!(PrintSize::parse("小二寸"), Some(PrintSize::SMALL_TWO_INCH));
        assert_eq!(PrintSize::parse(" 35x49 "), Some(PrintSize::TWO_INCH));
        assert_eq!(PrintSize::parse("25×35mm"), Some(PrintSize::ONE_INCH));
        for bad in ["", "二", "33", "33x", "0x48", "500x500", "axb"] {
            assert_eq!(PrintSize::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn settings_default_and_read_partial_json() {
        let s: PrintSettings = serde_json::from_str(r#"{"copies": 2}"#).unwrap();
        assert_eq!(s.copies, 2);
        assert_eq!(s.size, PrintSize::SMALL_TWO_INCH);
        assert_eq!(s.paper, Paper::SixInch);
        assert_eq!(PrintSize::SMALL_TWO_INCH.label(), "小二寸 33×48 mm");
        assert!(
            !PrintSize {
                width_mm: 0.0,
                height_mm: 48.0
            }
            .is_valid()
        );
    }
}
