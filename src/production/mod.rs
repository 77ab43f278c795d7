//! Production: the studio prints the approved photos and mails them to the school in bulk,
//! one envelope per school and mailing batch (the notice: "纸质相片与电子相片都将由图片社统一
//! 制作并统一寄送回学校").
//!
//! [`produce`] writes, into a new folder, per school and batch: the print sheets (PDF), and
//! the packing list (PDF and CSV) naming every roster student of the batch, in the envelope or
//! why not. The folder is staged and renamed only when complete; the run is then recorded in
//! the store (each case marked printed, audited) in one transaction. If that fails the folder
//! is removed again, so nothing is printed that the database does not know about.

mod doc;
mod layout;
mod overview;
mod packing;
mod pdf_font;
mod sheets;
mod texts;

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

pub use doc::PT_PER_MM;
pub use layout::SheetLayout;
pub use overview::{BatchOverview, MissingStudent, overview};
pub use packing::{CSV_HEADER, PackingList, PackingRow, Totals, packing_csv, packing_pdf};
pub use sheets::{SheetStudent, SheetsOut, render_sheets};
pub use texts::{doc_texts, standing_label};

use crate::domain::lang::Lang;
use crate::domain::production::{CaseStanding, PrintSettings, masked_document};
use crate::domain::role::{Action, Actor, Forbidden};
use crate::export::{ExportError, Staged, join_inside, write_new};
use crate::store::{PrintRun, PrintedCase, RosterEntry, Store, StoreError, photo_hash};

/// Why production was refused or failed. Nothing is left half-written in any of these cases.
#[derive(Debug)]
pub enum ProductionError {
    Font,
    PrintTooLarge,
    BadSettings(String),
    UnreadablePhoto(String),
    HashMismatch(String),
    NoStudents {
        campaign: String,
        batch: Option<String>,
    },
    NothingToPrint {
        already: usize,
        waiting: usize,
    },
    ReprintReason,
    NotApproved(String),
    Csv(String),
    NotRecorded {
        path: PathBuf,
        cause: StoreError,
    },
    Forbidden(Forbidden),
    Export(ExportError),
    Store(StoreError),
}

impl crate::i18n::Localized for ProductionError {
    fn msg(&self) -> crate::i18n::Msg {
        use crate::i18n::Msg;
        match self {
            Self::Font => Msg::new("produce-font"),
            Self::PrintTooLarge => Msg::new("produce-print-too-large"),
            Self::BadSettings(why) => Msg::new("produce-bad-settings").arg("why", why),
            Self::UnreadablePhoto(id) => Msg::new("produce-unreadable-photo").arg("id_number", id),
            Self::HashMismatch(id) => Msg::new("produce-hash-mismatch").arg("id_number", id),
            Self::NoStudents {
                campaign,
                batch: None,
            } => Msg::new("produce-no-students").arg("campaign", campaign),
            Self::NoStudents {
                campaign,
                batch: Some(b),
            } => Msg::new("produce-no-students-in-batch")
                .arg("campaign", campaign)
                .arg("batch", b),
            Self::NothingToPrint { already, waiting } => Msg::new("produce-nothing-to-print")
                .arg("already", *already)
                .arg("waiting", *waiting),
            Self::ReprintReason => {
                Msg::new("store-missing-reason").arg("what", Msg::new("reason-for-reprint"))
            }
            Self::NotApproved(id) => Msg::new("produce-not-approved").arg("id_number", id),
            Self::Csv(why) => Msg::new("produce-csv").arg("why", why),
            Self::NotRecorded { path, cause } => Msg::new("produce-not-recorded")
                .arg("why", cause.msg())
                .path("path", path),
            Self::Forbidden(e) => e.msg(),
            Self::Export(e) => e.msg(),
            Self::Store(e) => e.msg(),
        }
    }
}

crate::english_display!(ProductionError);

impl From<Forbidden> for ProductionError {
    fn from(e: Forbidden) -> Self {
        Self::Forbidden(e)
    }
}

impl From<ExportError> for ProductionError {
    fn from(e: ExportError) -> Self {
        Self::Export(e)
    }
}

impl From<StoreError> for ProductionError {
    fn from(e: StoreError) -> Self {
        Self::Store(e)
    }
}

/// What to produce.
#[derive(Debug, Clone, Copy)]
pub struct ProduceOptions<'a> {
    /// The folder to create; must not exist yet.
    pub out: &'a Path,
    pub campaign: &'a str,
    /// One mailing batch, or every batch of the campaign.
    pub batch: Option<&'a str>,
    /// Print again what was printed already, for this reason (audited).
    pub reprint: Option<&'a str>,
    /// With a reprint: only these students (ID numbers); empty = every approved student.
    pub only: &'a [String],
    /// Language of the sheets and packing lists.
    pub lang: Lang,
    /// This run's print setting instead of the campaign's (e.g. an A4 proof).
    pub print: Option<PrintSettings>,
}

/// One envelope written.
#[derive(Debug, Clone, PartialEq)]
pub struct EnvelopeReport {
    pub school: String,
    pub batch: Option<String>,
    pub students: usize,
    pub copies: usize,
    pub sheets: usize,
    pub totals: Totals,
    pub files: Vec<String>,
}

/// What a production run wrote.
#[derive(Debug, Clone, PartialEq)]
pub struct ProduceReport {
    pub out: PathBuf,
    pub run_id: i64,
    pub envelopes: Vec<EnvelopeReport>,
    pub students: usize,
    pub copies: usize,
    pub sheets: usize,
    /// Names with characters the embedded font cannot draw (they print with a box).
    pub missing_glyphs: Vec<char>,
}

/// Progress of a run: students done out of the total.
pub type Progress<'a> = &'a mut dyn FnMut(usize, usize);

/// Prints every approved, not yet printed student of the campaign (and batch), writes the
/// packing lists, and records the run. See the module documentation.
pub fn produce(
    store: &mut Store,
    opts: &ProduceOptions<'_>,
    actor: &Actor,
    now: DateTime<Utc>,
    progress: Progress<'_>,
) -> Result<ProduceReport, ProductionError> {
    // The account as stored now (enabled, still a supervisor), before anything is read.
    let actor = &store
        .check_account(actor, Action::Produce)
        .map_err(|e| match e {
            StoreError::Forbidden(f) => ProductionError::Forbidden(f),
            e => ProductionError::Store(e),
        })?;
    if opts.reprint.is_some_and(|r| r.trim().is_empty()) {
        return Err(ProductionError::ReprintReason);
    }
    let (campaign_id, campaign) = store.campaign_by_name(opts.campaign)?;
    let settings = opts.print.unwrap_or(campaign.rules.print);
    if !settings.size.is_valid() || !(1..=50).contains(&settings.copies) {
        return Err(ProductionError::BadSettings(format!(
            "{} × {}",
            settings.size.label(),
            settings.copies
        )));
    }
    let roster = store.production_roster(Some(campaign_id), opts.batch)?;
    if roster.is_empty() {
        return Err(ProductionError::NoStudents {
            campaign: opts.campaign.to_owned(),
            batch: opts.batch.map(ToOwned::to_owned),
        });
    }
    let chosen = choose(&roster, opts)?;
    let staged = Staged::dir(opts.out)?;
    let mut run = Run {
        opts,
        settings: &settings,
        timezone: campaign.timezone,
        made_by: &actor.display_name,
        now,
        chosen: &chosen,
        chosen_ids: chosen.iter().map(|(_, p)| p.case_id).collect(),
        done: 0,
        progress,
        missing: BTreeSet::new(),
    };
    let mut envelopes = Vec::new();
    for ((school, batch), members) in &group(&roster) {
        let number = envelopes.len() + 1;
        if let Some(envelope) =
            run.envelope(store, staged.temp(), number, (school, batch), members)?
        {
            envelopes.push(envelope);
        }
    }
    let missing_glyphs = run.missing.into_iter().collect();
    let out = staged.finish()?;
    let printed: Vec<PrintedCase> = chosen.into_iter().map(|(_, p)| p).collect();
    let target = out.display().to_string();
    let record = PrintRun {
        campaign: campaign_id,
        batch: opts.batch,
        target: &target,
        print: &settings,
        reprint_reason: opts.reprint,
        printed: &printed,
    };
    let run_id = match store.record_print_run(actor, &record, now) {
        Ok(id) => id,
        Err(cause) => {
            let _ = std::fs::remove_dir_all(&out);
            return Err(ProductionError::NotRecorded { path: out, cause });
        }
    };
    Ok(ProduceReport {
        out,
        run_id,
        students: printed.len(),
        copies: envelopes.iter().map(|e| e.copies).sum(),
        sheets: envelopes.iter().map(|e| e.sheets).sum(),
        envelopes,
        missing_glyphs,
    })
}

/// One production run in progress: what it prints and what it has met so far.
struct Run<'a, 'r> {
    opts: &'a ProduceOptions<'a>,
    settings: &'a PrintSettings,
    timezone: chrono_tz::Tz,
    made_by: &'a str,
    now: DateTime<Utc>,
    chosen: &'a [(&'r RosterEntry, PrintedCase)],
    chosen_ids: HashSet<i64>,
    done: usize,
    progress: Progress<'a>,
    missing: BTreeSet<char>,
}

impl Run<'_, '_> {
    /// Writes the sheets and packing list of one school and batch into `dir`; `None` when
    /// nobody of it is printed by this run (no envelope).
    fn envelope(
        &mut self,
        store: &Store,
        dir: &Path,
        number: usize,
        (school, batch): (&String, &Option<String>),
        members: &[&RosterEntry],
    ) -> Result<Option<EnvelopeReport>, ProductionError> {
        let printing: Vec<&(&RosterEntry, PrintedCase)> = self
            .chosen
            .iter()
            .filter(|(e, _)| e.school == *school && e.mailing_batch == *batch)
            .collect();
        if printing.is_empty() {
            return Ok(None);
        }
        let photos = load_photos(store, &printing)?;
        let students: Vec<SheetStudent<'_>> = printing
            .iter()
            .zip(&photos)
            .map(|((e, _), photo)| SheetStudent {
                name: &e.name,
                student_no: e.student_no.as_deref(),
                masked_id: masked_document(&e.id_number),
                jpeg: &photo.jpeg,
                face_cx: photo.face_cx,
            })
            .collect();
        let t = doc_texts(self.opts.lang);
        let batch_label = batch.as_deref().unwrap_or(t.no_batch);
        let reprint = if self.opts.reprint.is_some() {
            format!(" · {}", t.reprint)
        } else {
            String::new()
        };
        let header = format!(
            "{} · {school} · {} {batch_label}{reprint}",
            t.sheets, t.batch
        );
        let total = self.chosen.len();
        let (done, progress) = (&mut self.done, &mut self.progress);
        let sheets = render_sheets(&students, self.settings, &header, &mut || {
            *done += 1;
            progress(*done, total);
        })?;
        self.missing.extend(sheets.missing_glyphs.iter().copied());
        let list = PackingList {
            campaign: self.opts.campaign,
            school,
            batch: batch.as_deref(),
            timezone: self.timezone,
            contents: format!(
                "{} × {} {}",
                self.settings.size.label(),
                self.settings.copies,
                t.copies
            ),
            rows: members
                .iter()
                .map(|e| PackingRow {
                    entry: e,
                    standing: e.standing.standing(|id| self.chosen_ids.contains(&id)),
                    withdrawn: e
                        .standing
                        .case
                        .as_ref()
                        .is_some_and(CaseStanding::print_withdrawn),
                })
                .collect(),
        };
        let (list_pdf, list_missing) = packing_pdf(&list, self.opts.lang, self.now, self.made_by)?;
        self.missing.extend(list_missing);
        let stem = file_stem(number, school, batch.as_deref());
        let files = [
            (format!("{stem}-sheets.pdf"), sheets.pdf),
            (format!("{stem}-packing.pdf"), list_pdf),
            (
                format!("{stem}-packing.csv"),
                packing_csv(&list, self.opts.lang)?,
            ),
        ];
        for (name, bytes) in &files {
            write_new(dir, name, bytes)?;
        }
        Ok(Some(EnvelopeReport {
            school: school.clone(),
            batch: batch.clone(),
            students: students.len(),
            copies: sheets.copies,
            sheets: sheets.sheets,
            totals: list.totals(),
            files: files.into_iter().map(|(name, _)| name).collect(),
        }))
    }
}

/// The roster students to print: approved and not printed yet, or for a reprint every
/// approved one (or the ones named).
fn choose<'r>(
    roster: &'r [RosterEntry],
    opts: &ProduceOptions<'_>,
) -> Result<Vec<(&'r RosterEntry, PrintedCase)>, ProductionError> {
    let approved = |e: &'r RosterEntry| {
        let case = e.standing.case.as_ref()?;
        let submission_id = case.current_submission_id?;
        (case.state == crate::domain::case::CaseState::Approved).then(|| {
            (
                e,
                PrintedCase {
                    case_id: case.case_id,
                    submission_id,
                    mailing_batch: e.mailing_batch.clone(),
                },
            )
        })
    };
    if opts.reprint.is_some() {
        for id in opts.only {
            let found = roster
                .iter()
                .filter_map(approved)
                .any(|(e, _)| e.id_number.eq_ignore_ascii_case(id));
            if !found {
                return Err(ProductionError::NotApproved(id.clone()));
            }
        }
        return Ok(roster
            .iter()
            .filter_map(approved)
            .filter(|(e, _)| {
                opts.only.is_empty()
                    || opts
                        .only
                        .iter()
                        .any(|id| e.id_number.eq_ignore_ascii_case(id))
            })
            .collect());
    }
    let chosen: Vec<_> = roster
        .iter()
        .filter(|e| {
            e.standing
                .case
                .as_ref()
                .is_some_and(CaseStanding::awaits_print)
        })
        .filter_map(approved)
        .collect();
    if chosen.is_empty() {
        let already = roster
            .iter()
            .filter(|e| {
                e.standing
                    .case
                    .as_ref()
                    .is_some_and(|c| c.current_print().is_some())
            })
            .count();
        return Err(ProductionError::NothingToPrint {
            already,
            waiting: roster.len() - already,
        });
    }
    Ok(chosen)
}

/// Roster students by school and mailing batch (the store's order within each).
fn group(roster: &[RosterEntry]) -> BTreeMap<(String, Option<String>), Vec<&RosterEntry>> {
    let mut groups: BTreeMap<_, Vec<&RosterEntry>> = BTreeMap::new();
    for e in roster {
        groups
            .entry((e.school.clone(), e.mailing_batch.clone()))
            .or_default()
            .push(e);
    }
    groups
}

/// A printed student's verified photo and where the checks found the face.
struct LoadedPhoto {
    jpeg: Vec<u8>,
    face_cx: Option<f64>,
}

/// Each printed student's verified photo bytes and face centre.
fn load_photos(
    store: &Store,
    printing: &[&(&RosterEntry, PrintedCase)],
) -> Result<Vec<LoadedPhoto>, ProductionError> {
    printing
        .iter()
        .map(|(e, _)| {
            let sha = e
                .photo_sha256
                .as_deref()
                .ok_or_else(|| ProductionError::UnreadablePhoto(e.name.clone()))?;
            let bytes = store.photo_bytes(sha)?;
            if photo_hash(&bytes) != sha {
                return Err(ProductionError::HashMismatch(e.id_number.clone()));
            }
            Ok(LoadedPhoto {
                face_cx: store.face_centre_x(sha)?,
                jpeg: bytes,
            })
        })
        .collect()
}

/// `01-<school>-<batch>`: the envelope's number and its names, cut to what a file name may hold.
fn file_stem(n: usize, school: &str, batch: Option<&str>) -> String {
    let clean = |s: &str| -> String {
        let s: String = s
            .chars()
            .map(|c| {
                if c.is_alphanumeric() || c == '-' || c == '_' {
                    c
                } else {
                    '_'
                }
            })
            .take(40)
            .collect();
        if s.is_empty() { "_".to_owned() } else { s }
    };
    let stem = format!(
        "{n:02}-{}-{}",
        clean(school),
        clean(batch.unwrap_or("none"))
    );
    // join_inside refuses anything that could leave the folder; `clean` already ensures it.
    debug_assert!(join_inside(Path::new("."), &stem).is_ok());
    stem
}

/// zlib-compressed bytes, as PDF's `FlateDecode` filter reads them.
fn deflate(data: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec_zlib(data, 6)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_stems_are_plain_names() {
        assert_eq!(
            file_stem(1, "计算机学院", Some("第1批")),
            "01-计算机学院-第1批"
        );
        assert_eq!(file_stem(12, "../../etc", None), "12-______etc-none");
        assert_eq!(file_stem(3, "", Some("a/b")), "03-_-a_b");
    }
}
