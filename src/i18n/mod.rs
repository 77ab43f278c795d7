//! The text catalogue: every user-visible sentence, once per language, in Project Fluent files
//! under `assets/i18n/<lang>/`, embedded in the binary.
//!
//! Code never holds the sentence itself. It names a message (`Msg::new("store-busy")`) with
//! named arguments, and whoever shows it (the window, the command line) renders it in the
//! language of the moment: an error made in the worker thread is rendered when it is drawn,
//! so switching the language re-renders it too. English `Display` impls render through the
//! same catalogue, for logs.
//!
//! Placeholders are named (`{ $path }`); counts select plural forms (`{ $count -> [one] …
//! *[other] … }`). Bidi isolation marks are off: both languages are left to right, and egui
//! would draw the marks as boxes.

mod catalogue;
mod errors;
mod labels;
mod msg;

pub use catalogue::{FILES, has_message, known_id, message_ids, parse_errors, placeholders};
pub use errors::{Contextual, MsgContext, failure, lang_from_locale, localize_error, render_error};
pub(crate) use labels::labels;
pub use msg::{Arg, Localized, Msg};

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use crate::domain::lang::Lang;

/// `Display` (English, for logs and `anyhow` chains) and `std::error::Error` for a type that
/// is [`Localized`]: the window and the CLI render its message in their own language instead.
#[macro_export]
macro_rules! english_display {
    ($t:ty) => {
        impl ::std::fmt::Display for $t {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(
                    &$crate::i18n::Localized::msg(self).render($crate::domain::lang::Lang::En),
                )
            }
        }

        impl ::std::error::Error for $t {}
    };
}

/// Message `id` with no arguments, rendered in `lang` (also for ids made at run time, as the
/// window's label tables do).
pub fn text(lang: Lang, id: &str) -> String {
    catalogue::format(lang, id, None)
}

/// Message `id` with no arguments in `lang`, rendered once and kept for the life of the
/// program: for fixed labels (reason names, states, the window's tables) that callers keep
/// borrowing as `&'static str`. The set of ids is the catalogue's, so what is kept is bounded
/// (a few kilobytes per language).
pub fn label(lang: Lang, id: &str) -> &'static str {
    static CACHE: [OnceLock<Mutex<HashMap<String, &'static str>>>; 2] =
        [OnceLock::new(), OnceLock::new()];
    let cell = match lang {
        Lang::Zh => &CACHE[0],
        Lang::En => &CACHE[1],
    };
    let mut cache = cell
        .get_or_init(Mutex::default)
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(text) = cache.get(id) {
        return text;
    }
    let kept: &'static str = Box::leak(text(lang, id).into_boxed_str());
    cache.insert(id.to_owned(), kept);
    kept
}
