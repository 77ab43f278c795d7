//! A message named, not yet rendered: an id from the catalogue and its arguments.

use std::fmt;

use fluent_bundle::{FluentArgs, FluentValue};

use super::catalogue;
use crate::domain::lang::Lang;

/// One argument of a message.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    /// Shown as it is: a name, a path, a server's own error text.
    Text(String),
    /// A count or measure: selects plural forms.
    Number(f64),
    /// Another message, rendered in the same language (an error's cause).
    Msg(Box<Msg>),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Self::Text(s.to_owned())
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Self {
        Self::Text(s)
    }
}

impl From<&String> for Arg {
    fn from(s: &String) -> Self {
        Self::Text(s.clone())
    }
}

impl From<Msg> for Arg {
    fn from(m: Msg) -> Self {
        Self::Msg(Box::new(m))
    }
}

macro_rules! number_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Self {
                #[allow(clippy::cast_lossless)]
                Self::Number(n as f64)
            }
        }
    )*};
}
number_arg!(i32, i64, u32, u64, usize, f32, f64);

/// A catalogue message with its named arguments, rendered only when shown.
#[derive(Debug, Clone, PartialEq)]
pub struct Msg {
    id: &'static str,
    args: Vec<(&'static str, Arg)>,
}

impl Msg {
    pub fn new(id: &'static str) -> Self {
        Self {
            id,
            args: Vec::new(),
        }
    }

    /// Text that is already a sentence (a library's or the system's own words), shown as it
    /// is in either language.
    pub fn plain(text: impl Into<String>) -> Self {
        Self::new("plain").arg("text", text.into())
    }

    /// Adds the argument `$name`.
    #[must_use]
    pub fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Self {
        self.args.push((name, value.into()));
        self
    }

    /// Adds `$name` as a path, shown the way the platform writes it.
    #[must_use]
    pub fn path(self, name: &'static str, path: &std::path::Path) -> Self {
        self.arg(name, path.display().to_string())
    }

    pub fn id(&self) -> &'static str {
        self.id
    }

    /// The sentence in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        if self.args.is_empty() {
            return catalogue::format(lang, self.id, None);
        }
        let mut args = FluentArgs::new();
        for (name, value) in &self.args {
            let value = match value {
                Arg::Text(s) => FluentValue::from(s.as_str()),
                Arg::Number(n) => FluentValue::from(*n),
                Arg::Msg(m) => FluentValue::from(m.render(lang)),
            };
            args.set(*name, value);
        }
        catalogue::format(lang, self.id, Some(&args))
    }
}

/// English, for logs and for errors that travel through `anyhow`.
impl fmt::Display for Msg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

impl std::error::Error for Msg {}

/// Something a user is shown, as a catalogue message.
pub trait Localized {
    fn msg(&self) -> Msg;

    fn render(&self, lang: Lang) -> String {
        self.msg().render(lang)
    }
}

impl Localized for Msg {
    fn msg(&self) -> Msg {
        self.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_render_without_grouping_or_decimals_for_integers() {
        let FluentValue::Number(n) = FluentValue::from(1234.0_f64) else {
            panic!("not a number");
        };
        assert_eq!(n.as_string(), "1234");
    }
}
