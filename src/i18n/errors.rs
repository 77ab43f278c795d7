//! Errors as the user reads them: every error kind of ours is rendered from the catalogue in
//! the language of whoever shows it; anything else (an OS error, a library's message) is shown
//! in its own words.

use std::error::Error;
use std::fmt;

use super::{Localized, Msg};
use crate::domain::lang::Lang;

/// An error with what was being done when it happened, as a catalogue message: `anyhow`'s
/// `context` would hide the message inside a private wrapper type, where the renderer cannot
/// find it to render it in the user's language.
#[derive(Debug)]
pub struct Contextual {
    msg: Msg,
    source: Option<anyhow::Error>,
}

impl fmt::Display for Contextual {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.msg, f)
    }
}

impl Error for Contextual {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        self.source.as_ref().map(|e| {
            let e: &(dyn Error + Send + Sync + 'static) = e.as_ref();
            e as &(dyn Error + 'static)
        })
    }
}

/// `.ctx(msg)`: `anyhow`'s `context`, with a catalogue message.
pub trait MsgContext<T> {
    fn ctx(self, msg: Msg) -> anyhow::Result<T>;
    fn with_ctx(self, msg: impl FnOnce() -> Msg) -> anyhow::Result<T>;
}

impl<T, E: Into<anyhow::Error>> MsgContext<T> for Result<T, E> {
    fn ctx(self, msg: Msg) -> anyhow::Result<T> {
        self.with_ctx(|| msg)
    }

    fn with_ctx(self, msg: impl FnOnce() -> Msg) -> anyhow::Result<T> {
        self.map_err(|e| {
            anyhow::Error::new(Contextual {
                msg: msg(),
                source: Some(e.into()),
            })
        })
    }
}

impl<T> MsgContext<T> for Option<T> {
    fn ctx(self, msg: Msg) -> anyhow::Result<T> {
        self.with_ctx(|| msg)
    }

    fn with_ctx(self, msg: impl FnOnce() -> Msg) -> anyhow::Result<T> {
        self.ok_or_else(|| anyhow::Error::new(msg()))
    }
}

/// The catalogue message of `error`, when it is one of our kinds.
pub fn localize_error(error: &(dyn Error + 'static)) -> Option<Msg> {
    macro_rules! try_kinds {
        ($($t:ty),* $(,)?) => {
            $(if let Some(e) = error.downcast_ref::<$t>() {
                return Some(e.msg());
            })*
        };
    }
    if let Some(c) = error.downcast_ref::<Contextual>() {
        return Some(c.msg.clone());
    }
    try_kinds!(
        Msg,
        crate::store::StoreError,
        crate::store::db::DbError,
        crate::domain::role::AccountError,
        crate::domain::role::Forbidden,
        crate::domain::case::TransitionError,
        crate::export::ExportError,
        crate::production::ProductionError,
        crate::roster_import::ImportError,
        crate::roster::RosterError,
        crate::domain::decision::DecisionError,
        crate::domain::id_number::IdNumberError,
        crate::domain::reasons::UnknownReason,
        crate::demo::DemoError,
        crate::demo::variants::VariantError,
        crate::checks::face::FaceError,
        crate::checks::person::PersonError,
    );
    None
}

/// Any error as a message: ours from the catalogue, anything else in its own words.
pub fn failure(error: &(dyn Error + 'static)) -> Msg {
    localize_error(error).unwrap_or_else(|| Msg::plain(error.to_string()))
}

/// An `anyhow` chain in `lang`, its links joined the way the language joins clauses. A link
/// that already ends with its cause's words (a wrapper showing `{0}`) is not repeated.
pub fn render_error(error: &anyhow::Error, lang: Lang) -> String {
    let sep = match lang {
        Lang::Zh => "：",
        Lang::En => ": ",
    };
    let mut parts: Vec<String> = Vec::new();
    for cause in error.chain() {
        let part = localize_error(cause).map_or_else(|| cause.to_string(), |m| m.render(lang));
        if parts.last().is_some_and(|p| p.ends_with(&part)) {
            continue;
        }
        parts.push(part);
    }
    parts.join(sep)
}

/// The language a locale names (`LC_ALL`, `LC_MESSAGES`, `LANG`, in that order, as POSIX
/// reads them): English for `en…`, Chinese for anything else, since Chinese is the product's
/// default. `None` when no locale variable is set to a language.
pub fn lang_from_locale(vars: impl Fn(&str) -> Option<String>) -> Option<Lang> {
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .into_iter()
        .filter_map(vars)
        .find(|v| !v.is_empty())?;
    let lower = locale.to_ascii_lowercase();
    if lower.starts_with("en") {
        Some(Lang::En)
    } else if lower.starts_with("zh") {
        Some(Lang::Zh)
    } else {
        // `C`, `POSIX`, or a language we do not have: no preference.
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::StoreError;
    use crate::store::db::DbError;

    #[test]
    fn a_chain_of_our_kinds_renders_in_either_language_without_repeats() {
        let store: anyhow::Result<()> = Err(StoreError::Database(DbError::Refused {
            host: "postgres://desk@10.0.0.5:5432/idphoto".into(),
        })
        .into());
        let e = store
            .ctx(Msg::new("cli-cannot-open-db"))
            .err()
            .unwrap_or_else(|| panic!("an error"));
        let zh = render_error(&e, Lang::Zh);
        let en = render_error(&e, Lang::En);
        assert!(zh.starts_with("无法打开数据库："), "{zh}");
        assert!(zh.contains("连接被拒绝"), "{zh}");
        assert!(
            zh.ends_with("postgres://desk@10.0.0.5:5432/idphoto"),
            "{zh}"
        );
        assert!(
            en.starts_with("cannot open the database: cannot reach"),
            "{en}"
        );
        assert!(
            en.ends_with("postgres://desk@10.0.0.5:5432/idphoto"),
            "{en}"
        );
        assert!(!zh.is_ascii() && !zh.contains("refused"), "{zh}");
    }

    #[test]
    fn foreign_errors_keep_their_own_words() {
        let e = Err::<(), _>(std::io::Error::other("disk on fire"))
            .ctx(Msg::new("cli-cannot-open-db"))
            .err()
            .unwrap_or_else(|| panic!("an error"));
        assert_eq!(
            render_error(&e, Lang::En),
            "cannot open the database: disk on fire"
        );
    }

    #[test]
    fn the_locale_picks_the_language_and_c_picks_nothing() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| (*v).to_owned())
            }
        };
        assert_eq!(
            lang_from_locale(env(&[("LANG", "en_US.UTF-8")])),
            Some(Lang::En)
        );
        assert_eq!(
            lang_from_locale(env(&[("LANG", "zh_CN.UTF-8")])),
            Some(Lang::Zh)
        );
        assert_eq!(
            lang_from_locale(env(&[("LANG", "zh_CN.UTF-8"), ("LC_ALL", "en_GB.UTF-8")])),
            Some(Lang::En)
        );
        assert_eq!(lang_from_locale(env(&[("LANG", "C.UTF-8")])), None);
        assert_eq!(lang_from_locale(env(&[])), None);
    }
}
