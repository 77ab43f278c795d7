//! Who is at the desk, and which actions only a supervisor may take.

use crate::i18n::{Localized, Msg};
use serde::{Deserialize, Serialize};

use super::case::CaseState;
use super::lang::Lang;

/// What an account may do: review photos, or also keep the studio's promises.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 审核员: decides pending photos, escalates when unsure.
    Reviewer,
    /// 主管: everything a reviewer does, plus the actions in [`Action::supervisor_only`].
    Supervisor,
}

impl Role {
    pub const ALL: [Self; 2] = [Self::Reviewer, Self::Supervisor];

    /// Stable code stored in the database (`reviewer`, `supervisor`).
    pub fn code(self) -> &'static str {
        match self {
            Self::Reviewer => "reviewer",
            Self::Supervisor => "supervisor",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        crate::i18n::label(
            lang,
            match self {
                Self::Reviewer => "role-label-reviewer",
                Self::Supervisor => "role-label-supervisor",
            },
        )
    }

    /// Whether this role may take `action`.
    pub fn may(self, action: Action) -> bool {
        self == Self::Supervisor || !action.supervisor_only()
    }
}

/// Someone signed in: the account that every decision and audit entry is attributed to.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Actor {
    /// Database id of the account.
    pub user_id: i64,
    /// Login name, unique; what the audit log records.
    pub name: String,
    /// Name shown on screen (e.g. 李静).
    pub display_name: String,
    pub role: Role,
}

impl Actor {
    /// Refuses `action` unless the role allows it.
    pub fn require(&self, action: Action) -> Result<(), Forbidden> {
        if self.role.may(action) {
            Ok(())
        } else {
            Err(Forbidden {
                who: self.name.clone(),
                action,
            })
        }
    }
}

/// Something a person does that the rules may restrict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Approve, reject or escalate a photo waiting for review.
    Decide,
    /// Approve or reject a case a reviewer escalated.
    DecideEscalated,
    /// Put a settled case (approved, rejected, collection failed) back into review.
    Reopen,
    /// Move a rejected student's resubmission due time, or revive a failed collection.
    GrantExtension,
    /// Assign a case to a named person.
    Reassign,
    /// Record the paid make-up shoot booked for a failed collection.
    RecordMakeupShoot,
    /// Export photos or decisions.
    Export,
    /// Print sheets and packing lists, and mark cases printed (production).
    Produce,
    /// Add, disable or enable accounts, reset others' passwords.
    ManageUsers,
    /// Read the review queue (names and counts), as every desk does.
    ViewQueue,
    /// Add roster rows to an existing campaign.
    ImportRoster,
    /// Create a campaign (a school's collection and its rules).
    CreateCampaign,
    /// Record students' uploads (ingest a folder).
    RecordUpload,
    /// Run the clock sweep (rejected cases past their resubmission time fail).
    RunSweep,
    /// Read the deadline board with the students' contact data.
    ViewBoard,
    /// Copy or restore the whole database (it holds every account's password hash).
    Backup,
    /// Run the automatic checks again on stored photos.
    Recheck,
}

impl Action {
    pub const ALL: [Self; 17] = [
        Self::Decide,
        Self::DecideEscalated,
        Self::Reopen,
        Self::GrantExtension,
        Self::Reassign,
        Self::RecordMakeupShoot,
        Self::Export,
        Self::Produce,
        Self::ManageUsers,
        Self::ViewQueue,
        Self::ImportRoster,
        Self::CreateCampaign,
        Self::RecordUpload,
        Self::RunSweep,
        Self::ViewBoard,
        Self::Backup,
        Self::Recheck,
    ];

    /// What every reviewer may do: review pending photos, and the desk's daily work around
    /// them (the queue, adding a roster or a folder of uploads from the File menu, the clock
    /// sweep the window runs every minute). Everything else is a supervisor's.
    pub const REVIEWER: [Self; 5] = [
        Self::Decide,
        Self::ViewQueue,
        Self::ImportRoster,
        Self::RecordUpload,
        Self::RunSweep,
    ];

    /// The rule of the studio: only [`Action::REVIEWER`] is open to every reviewer.
    pub fn supervisor_only(self) -> bool {
        !Self::REVIEWER.contains(&self)
    }

    /// The action a decision on a case in `state` amounts to: settling an escalated case is a
    /// supervisor's call, everything else a reviewer's.
    pub fn for_decision(state: CaseState) -> Self {
        if state == CaseState::Escalated {
            Self::DecideEscalated
        } else {
            Self::Decide
        }
    }

    /// What the action is called in a refusal ("grant an extension").
    /// The catalogue id of what the action does ("decide a photo", …).
    pub fn msg_id(self) -> &'static str {
        match self {
            Self::Decide => "action-decide",
            Self::DecideEscalated => "action-decide-escalated",
            Self::Reopen => "action-reopen",
            Self::GrantExtension => "action-grant-extension",
            Self::Reassign => "action-reassign",
            Self::RecordMakeupShoot => "action-record-makeup-shoot",
            Self::Export => "action-export",
            Self::Produce => "action-produce",
            Self::ManageUsers => "action-manage-users",
            Self::ViewQueue => "action-view-queue",
            Self::ImportRoster => "action-import-roster",
            Self::CreateCampaign => "action-create-campaign",
            Self::RecordUpload => "action-record-upload",
            Self::RunSweep => "action-run-sweep",
            Self::ViewBoard => "action-view-board",
            Self::Backup => "action-backup",
            Self::Recheck => "action-recheck",
        }
    }
}

/// A refusal: the signed-in person's role does not allow the action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Forbidden {
    pub who: String,
    pub action: Action,
}

impl Localized for Forbidden {
    fn msg(&self) -> Msg {
        Msg::new("forbidden")
            .arg("who", &self.who)
            .arg("action", Msg::new(self.action.msg_id()))
    }
}

crate::english_display!(Forbidden);

/// The shortest password an account may have.
pub const MIN_PASSWORD_CHARS: usize = 8;
/// The longest login name.
pub const MAX_NAME_CHARS: usize = 32;

/// Failed sign-ins on one login name that cost nothing: a typo or two.
pub const FREE_SIGN_IN_FAILURES: u32 = 3;
/// The longest wait between two sign-in attempts on one name, in seconds.
pub const MAX_SIGN_IN_DELAY_SECS: u64 = 60;

/// How long a login name must wait before its next sign-in attempt after `failures`
/// consecutive failures: nothing for the first [`FREE_SIGN_IN_FAILURES`], then 1 s, doubling
/// with each further failure, capped at [`MAX_SIGN_IN_DELAY_SECS`].
pub fn sign_in_delay_secs(failures: u32) -> u64 {
    match failures.checked_sub(FREE_SIGN_IN_FAILURES) {
        None => 0,
        Some(extra) => 1u64
            .checked_shl(extra)
            .unwrap_or(u64::MAX)
            .min(MAX_SIGN_IN_DELAY_SECS),
    }
}

/// Why an account's name or password is not acceptable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AccountError {
    NameEmpty,
    NameWhitespace(String),
    NameTooLong,
    DisplayEmpty,
    PasswordTooShort,
}

impl Localized for AccountError {
    fn msg(&self) -> Msg {
        match self {
            Self::NameEmpty => Msg::new("account-name-empty"),
            Self::NameWhitespace(name) => Msg::new("account-name-whitespace").arg("name", name),
            Self::NameTooLong => Msg::new("account-name-too-long").arg("max", MAX_NAME_CHARS),
            Self::DisplayEmpty => Msg::new("account-display-empty"),
            Self::PasswordTooShort => {
                Msg::new("account-password-too-short").arg("min", MIN_PASSWORD_CHARS)
            }
        }
    }
}

crate::english_display!(AccountError);

/// A login name: not empty, no whitespace or control characters (it is typed at a desk and
/// passed on command lines), at most [`MAX_NAME_CHARS`].
pub fn check_login_name(name: &str) -> Result<(), AccountError> {
    if name.is_empty() {
        Err(AccountError::NameEmpty)
    } else if name.chars().any(|c| c.is_whitespace() || c.is_control()) {
        Err(AccountError::NameWhitespace(name.to_owned()))
    } else if name.chars().count() > MAX_NAME_CHARS {
        Err(AccountError::NameTooLong)
    } else {
        Ok(())
    }
}

/// A password of at least [`MIN_PASSWORD_CHARS`] characters; anything else is the studio's call.
pub fn check_password(password: &str) -> Result<(), AccountError> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        Err(AccountError::PasswordTooShort)
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(role: Role) -> Actor {
        Actor {
            user_id: 1,
            name: "lijing".into(),
            display_name: "李静".into(),
            role,
        }
    }

    #[test]
    fn reviewers_may_only_do_the_desk_work() {
        let r = actor(Role::Reviewer);
        for action in Action::REVIEWER {
            assert!(r.require(action).is_ok(), "{action:?}");
        }
        for action in Action::ALL
            .into_iter()
            .filter(|a| !Action::REVIEWER.contains(a))
        {
            let err = r.require(action).unwrap_err();
            assert_eq!(err.action, action);
            assert!(err.to_string().contains("supervisors only"), "{err}");
        }
    }

    #[test]
    fn supervisors_may_do_everything() {
        let s = actor(Role::Supervisor);
        assert!(Action::ALL.into_iter().all(|a| s.require(a).is_ok()));
    }

    #[test]
    fn settling_an_escalated_case_is_a_supervisor_decision() {
        assert_eq!(
            Action::for_decision(CaseState::Escalated),
            Action::DecideEscalated
        );
        assert_eq!(
            Action::for_decision(CaseState::PendingReview),
            Action::Decide
        );
        assert!(!Role::Reviewer.may(Action::for_decision(CaseState::Escalated)));
    }

    #[test]
    fn refusal_names_who_and_what() {
        let err = actor(Role::Reviewer)
            .require(Action::GrantExtension)
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "lijing may not grant an extension: supervisors only"
        );
    }

    #[test]
    fn sign_in_delay_grows_after_a_few_failures_and_is_capped() {
        let delays: Vec<u64> = (0..12).map(sign_in_delay_secs).collect();
        assert_eq!(delays, [0, 0, 0, 1, 2, 4, 8, 16, 32, 60, 60, 60]);
        assert_eq!(sign_in_delay_secs(u32::MAX), MAX_SIGN_IN_DELAY_SECS);
    }

    #[test]
    fn role_codes_round_trip() {
        for r in Role::ALL {
            assert_eq!(Role::from_code(r.code()), Some(r));
        }
        assert_eq!(Role::from_code("admin"), None);
        assert_eq!(Role::Supervisor.label(Lang::Zh), "主管");
    }

    #[test]
    fn login_names_and_passwords() {
        assert!(check_login_name("lijing").is_ok());
        assert!(check_login_name("李静").is_ok());
        assert_eq!(check_login_name(""), Err(AccountError::NameEmpty));
        assert!(matches!(
            check_login_name("li jing"),
            Err(AccountError::NameWhitespace(_))
        ));
        assert_eq!(
            check_login_name(&"a".repeat(33)),
            Err(AccountError::NameTooLong)
        );
        assert_eq!(
            check_password("1234567"),
            Err(AccountError::PasswordTooShort)
        );
        assert!(check_password("12345678").is_ok());
    }
}
