//! The demo campaign: a roster and uploads in every state, placed around now, made through the
//! same store calls as real work so the audit log tells a coherent story.

pub mod labelled;
mod people;
pub mod photos;
mod scenario;
pub mod skin_tone;
pub mod variants;

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};

use crate::domain::campaign::{Campaign, CampaignRules};
use crate::domain::case::DecisionKind;
use crate::domain::reasons::ReasonCode;
use crate::domain::role::{Actor, Role};
use crate::domain::student::{Sex, Student};
use crate::i18n::{Localized, Msg};
use crate::store::{CampaignId, DecisionRequest, NewUser, Store, StoreError, UploadRequest};
use scenario::{Scenario, Step};
use variants::Variant;

/// Name of the campaign `demo` creates.
pub const DEMO_CAMPAIGN: &str = "示例大学2026届研究生";
/// A demo account. The passwords are public on purpose: the demo database is for trying the
/// program, never for real photos. `demo` prints them.
#[derive(Debug, Clone, Copy)]
pub struct DemoAccount {
    pub name: &'static str,
    pub display_name: &'static str,
    pub role: Role,
    pub password: &'static str,
}

/// Demo staff: the supervisor first (the first account of a database must be one).
pub const DEMO_ACCOUNTS: [DemoAccount; 3] = [
    DemoAccount {
        name: "supervisor",
        display_name: "陈主管",
        role: Role::Supervisor,
        password: "supervisor-demo",
    },
    DemoAccount {
        name: "reviewer",
        display_name: "李静",
        role: Role::Reviewer,
        password: "reviewer-demo",
    },
    DemoAccount {
        name: "reviewer2",
        display_name: "王磊",
        role: Role::Reviewer,
        password: "reviewer2-demo",
    },
];
/// Login names of the demo reviewers, as they appear in decisions and the audit log.
pub const DEMO_REVIEWERS: [&str; 2] = ["reviewer", "reviewer2"];
/// Login name of the demo supervisor.
pub const DEMO_SUPERVISOR: &str = "supervisor";

/// Why the demo could not be built; rendered from the catalogue (`demo-…` in `errors.ftl`).
#[derive(Debug)]
pub enum DemoError {
    Store(StoreError),
    Photo(variants::VariantError),
    NotEmpty,
}

impl From<StoreError> for DemoError {
    fn from(e: StoreError) -> Self {
        Self::Store(e)
    }
}

impl From<variants::VariantError> for DemoError {
    fn from(e: variants::VariantError) -> Self {
        Self::Photo(e)
    }
}

impl Localized for DemoError {
    fn msg(&self) -> Msg {
        match self {
            Self::Store(e) => e.msg(),
            Self::Photo(e) => Msg::new("demo-photo-failed").arg("error", e.msg()),
            Self::NotEmpty => Msg::new("demo-not-empty"),
        }
    }
}

crate::english_display!(DemoError);

/// What `build` made.
#[derive(Debug, Clone)]
pub struct DemoReport {
    pub campaign: CampaignId,
    pub students: usize,
    pub uploads: usize,
    pub decisions: usize,
}

/// Builds the demo campaign with `students` roster rows (≥ 1), deterministic for a `seed`,
/// in a database with no accounts and no campaigns: anything else is refused with
/// [`DemoError::NotEmpty`], so the demo's public passwords never open a real database.
pub fn build(
    store: &mut Store,
    students: usize,
    seed: u64,
    now: DateTime<Utc>,
) -> Result<DemoReport, DemoError> {
    if !store.is_empty()? {
        return Err(DemoError::NotEmpty);
    }
    let mut rng = fastrand::Rng::with_seed(seed);
    let campaign = demo_campaign(now);
    store.set_bulk_mode(true)?;
    let result = populate(store, &campaign, students.max(1), &mut rng, now);
    store.set_bulk_mode(false)?;
    result
}

fn demo_campaign(now: DateTime<Utc>) -> Campaign {
    let tz = chrono_tz::Asia::Shanghai;
    let today = now.with_timezone(&tz).date_naive();
    Campaign {
        name: DEMO_CAMPAIGN.to_owned(),
        school: "示例大学 (Demo University)".to_owned(),
        window_start: today - Duration::days(8),
        window_end: today + Duration::days(1),
        timezone: tz,
        rules: CampaignRules::default(),
    }
}

fn populate(
    store: &mut Store,
    campaign: &Campaign,
    n: usize,
    rng: &mut fastrand::Rng,
    now: DateTime<Utc>,
) -> Result<DemoReport, DemoError> {
    let created = now - Duration::days(9);
    let staff = demo_staff(store, created)?;
    let supervisor = &staff[0];
    let id = store.create_campaign(supervisor, campaign, created)?;
    let mut seen = std::collections::HashSet::new();
    let cast: Vec<(Student, usize)> = (0..n)
        .map(|i| {
            let photo = rng.usize(..photos::BASE_PHOTOS.len());
            let sex = photos::BASE_PHOTOS[photo].sex_hint.unwrap_or(Sex::Female);
            // Large rosters draw the same random ID now and then; the roster must not.
            let student = std::iter::repeat_with(|| people::student(rng, i, sex))
                .find(|s| seen.insert(s.id_number.clone()))
                .unwrap_or_else(|| people::student(rng, i, sex));
            (student, photo)
        })
        .collect();
    let roster: Vec<Student> = cast.iter().map(|(s, _)| s.clone()).collect();
    store.insert_students(supervisor, id, &roster, "demo roster", created)?;

    let mut album = Album::default();
    let mut report = DemoReport {
        campaign: id,
        students: n,
        uploads: 0,
        decisions: 0,
    };
    for (student, photo) in cast.iter().filter(|(s, _)| !s.doc_type.collected_offline()) {
        let scenario = Scenario::pick(rng);
        let mut current = None;
        for step in scenario::steps(scenario, now, rng) {
            match step {
                Step::Upload { at, faulty } => {
                    let variant = if faulty {
                        faulty_variant(rng)
                    } else {
                        good_variant(rng)
                    };
                    let bytes = album.get(*photo, variant)?;
                    let name = format!("{}.{}", student.id_number, variant.extension());
                    let req = UploadRequest {
                        campaign: id,
                        id_number: &student.id_number,
                        bytes,
                        original_name: &name,
                        submitted_at: at,
                        actor: supervisor,
                    };
                    let receipt = store.record_upload(&req, at)?;
                    crate::ingest::ensure_checked(
                        store,
                        &receipt.sha256,
                        bytes,
                        &campaign.rules.spec,
                        at,
                    )?;
                    current = Some((receipt.submission_id, variant));
                    report.uploads += 1;
                }
                Step::Approve { at } | Step::Reject { at } | Step::Escalate { at } => {
                    let Some((submission_id, variant)) = current else {
                        continue;
                    };
                    let reviewer = &staff[1 + rng.usize(..DEMO_REVIEWERS.len())];
                    let req = decision(step, submission_id, variant, reviewer);
                    store.decide(&req, at)?;
                    report.decisions += 1;
                }
            }
        }
    }
    store.sweep(now - Duration::hours(12), supervisor)?;
    book_first_makeup_shoot(store, supervisor, now)?;
    Ok(report)
}

/// Creates [`DEMO_ACCOUNTS`] in the empty database (the supervisor first, as the first
/// account) and returns them signed in, in the same order.
fn demo_staff(store: &mut Store, at: DateTime<Utc>) -> Result<Vec<Actor>, DemoError> {
    let mut staff: Vec<Actor> = Vec::with_capacity(DEMO_ACCOUNTS.len());
    for account in DEMO_ACCOUNTS {
        let user = NewUser {
            name: account.name,
            display_name: account.display_name,
            role: account.role,
            password: account.password,
        };
        let info = store.add_user(staff.first(), &user, at)?;
        staff.push(info.actor());
    }
    Ok(staff)
}

/// The supervisor books a make-up shoot for one failed collection, so the history shows one.
fn book_first_makeup_shoot(
    store: &mut Store,
    supervisor: &Actor,
    now: DateTime<Utc>,
) -> Result<(), DemoError> {
    if let Some(case_id) = store.first_case_in(crate::domain::case::CaseState::CollectionFailed)? {
        let note = Some("学生已缴费 60 元，到店补拍");
        let at = now - Duration::hours(2);
        store.record_makeup_shoot(supervisor, case_id, now + Duration::days(2), note, at)?;
    }
    Ok(())
}

fn decision(step: Step, submission_id: i64, variant: Variant, reviewer: &Actor) -> DecisionRequest {
    let (kind, reasons, note) = match step {
        Step::Approve { .. } => (DecisionKind::Approve, vec![], None),
        Step::Escalate { .. } => (
            DecisionKind::Escalate,
            vec![],
            Some("背景颜色拿不准，请主管确认".to_owned()),
        ),
        _ => {
            let mut reasons: Vec<ReasonCode> = variant
                .expected_reasons()
                .iter()
                .filter_map(|c| ReasonCode::parse(c))
                .collect();
            if reasons.is_empty() {
                reasons.push(ReasonCode::HairMessy);
            }
            (DecisionKind::Reject, reasons, None)
        }
    };
    DecisionRequest {
        submission_id,
        actor: reviewer.clone(),
        kind,
        reasons,
        note,
    }
}

fn good_variant(rng: &mut fastrand::Rng) -> Variant {
    if rng.u8(..10) == 0 {
        Variant::WhiteBackground
    } else {
        Variant::Compliant
    }
}

fn faulty_variant(rng: &mut fastrand::Rng) -> Variant {
    let faulty: Vec<Variant> = Variant::ALL
        .into_iter()
        .filter(|v| !v.is_compliant())
        .collect();
    faulty[rng.usize(..faulty.len())]
}

/// Rendered photos, made once each and shared by every student who uses them.
#[derive(Default)]
struct Album(HashMap<(usize, Variant), Vec<u8>>);

impl Album {
    fn get(&mut self, photo: usize, variant: Variant) -> Result<&[u8], variants::VariantError> {
        let bytes = match self.0.entry((photo, variant)) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(variants::render(photos::BASE_PHOTOS[photo].jpeg, variant)?)
            }
        };
        Ok(bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::lang::Lang;
    use crate::i18n::{MsgContext, render_error};

    /// The demo's refusals and failures reach the window and the CLI as catalogue messages,
    /// so a Chinese desk reads them in Chinese, causes included.
    #[test]
    fn demo_errors_render_in_the_users_language_causes_included() {
        let refused = Err::<(), _>(DemoError::NotEmpty)
            .ctx(Msg::new("cli-cannot-create-demo"))
            .unwrap_err();
        let zh = render_error(&refused, Lang::Zh);
        assert!(
            zh.starts_with("无法创建演示数据库：数据库中已有账号"),
            "{zh}"
        );
        assert!(!zh.chars().any(|c| c.is_ascii_alphabetic()), "{zh}");
        assert!(
            render_error(&refused, Lang::En)
                .ends_with("(it adds accounts whose passwords are public)")
        );
        let photo = DemoError::from(variants::VariantError::Face(Msg::new("check-why-no-mesh")));
        assert_eq!(
            photo.render(Lang::Zh),
            "无法准备演示照片：无法在人脸上做修改：面部关键点不可用"
        );
        assert_eq!(
            photo.to_string(),
            "cannot prepare demo photo: cannot place the edit on the face: face landmarks unavailable"
        );
    }
}
