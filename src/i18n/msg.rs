//! A message named, not yet rendered: an id from the catalogue and its arguments.
//!
//! A message serialises as `{"id": "…", "args": {"name": value}}`, each value a string
//! ([`Arg::Text`]), a number ([`Arg::Number`]) or a message of its own ([`Arg::Msg`]), so a
//! stored one (a check's finding) renders in any language later. An id the catalogue does not
//! know deserialises to the message `message-unknown`, which names it.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};

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

/// A catalogue message with its named arguments, rendered only when shown. Two messages are
/// equal when they have the same id and the same arguments, in any order (a database may give
/// a stored message's arguments back in another order).
#[derive(Debug, Clone)]
pub struct Msg {
    id: &'static str,
    /// Names are `'static` when code builds the message, owned when it was read back.
    args: Vec<(Cow<'static, str>, Arg)>,
}

impl PartialEq for Msg {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
            && self.args.len() == other.args.len()
            && self
                .args
                .iter()
                .all(|(name, value)| other.get(name) == Some(value))
    }
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
        self.args.push((Cow::Borrowed(name), value.into()));
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

    /// The argument `$name`, if it was given.
    pub fn get(&self, name: &str) -> Option<&Arg> {
        self.args.iter().find(|(n, _)| n == name).map(|(_, a)| a)
    }

    /// What is wrong with this message and the messages in its arguments: an id missing in a
    /// language, or a placeholder given no argument. Empty when it renders completely (tests
    /// run it over every finding the checks make).
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        for lang in [Lang::Zh, Lang::En] {
            match catalogue::placeholders(lang, self.id) {
                None => out.push(format!("{} is missing in {lang:?}", self.id)),
                Some(names) => out.extend(
                    names
                        .iter()
                        .filter(|n| self.get(n).is_none())
                        .map(|n| format!("{} has no ${n} in {lang:?}", self.id)),
                ),
            }
        }
        for (_, value) in &self.args {
            if let Arg::Msg(m) = value {
                out.extend(m.problems());
            }
        }
        out.dedup();
        out
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
            args.set(name.as_ref(), value);
        }
        catalogue::format(lang, self.id, Some(&args))
    }
}

impl Serialize for Arg {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Text(t) => s.serialize_str(t),
            Self::Number(n) => s.serialize_f64(*n),
            Self::Msg(m) => m.serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for Arg {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct ArgVisitor;
        impl<'de> Visitor<'de> for ArgVisitor {
            type Value = Arg;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string, a number or a message")
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Arg, E> {
                Ok(Arg::Text(v.to_owned()))
            }

            fn visit_string<E: de::Error>(self, v: String) -> Result<Arg, E> {
                Ok(Arg::Text(v))
            }

            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Arg, E> {
                Ok(Arg::Number(v))
            }

            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Arg, E> {
                Ok(Arg::Number(v as f64))
            }

            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Arg, E> {
                Ok(Arg::Number(v as f64))
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Arg, A::Error> {
                MsgVisitor.visit_map(map).map(|m| Arg::Msg(Box::new(m)))
            }
        }
        d.deserialize_any(ArgVisitor)
    }
}

impl Serialize for Msg {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        struct Args<'a>(&'a [(Cow<'static, str>, Arg)]);
        impl Serialize for Args<'_> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut map = s.serialize_map(Some(self.0.len()))?;
                for (name, value) in self.0 {
                    map.serialize_entry(name.as_ref(), value)?;
                }
                map.end()
            }
        }
        let mut map = s.serialize_map(Some(if self.args.is_empty() { 1 } else { 2 }))?;
        map.serialize_entry("id", self.id)?;
        if !self.args.is_empty() {
            map.serialize_entry("args", &Args(&self.args))?;
        }
        map.end()
    }
}

struct MsgVisitor;

impl<'de> Visitor<'de> for MsgVisitor {
    type Value = Msg;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a message: {\"id\": …, \"args\": {…}}")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Msg, A::Error> {
        struct ArgsSeed;
        impl<'de> Visitor<'de> for ArgsSeed {
            type Value = Vec<(Cow<'static, str>, Arg)>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("the arguments of a message")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut args = Vec::new();
                while let Some((name, value)) = map.next_entry::<String, Arg>()? {
                    args.push((Cow::Owned(name), value));
                }
                Ok(args)
            }
        }
        struct Args(Vec<(Cow<'static, str>, Arg)>);
        impl<'de> Deserialize<'de> for Args {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                d.deserialize_map(ArgsSeed).map(Args)
            }
        }
        let mut id: Option<String> = None;
        let mut args = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "id" => id = Some(map.next_value()?),
                "args" => args = map.next_value::<Args>()?.0,
                _ => {
                    map.next_value::<de::IgnoredAny>()?;
                }
            }
        }
        let id = id.ok_or_else(|| de::Error::missing_field("id"))?;
        Ok(match catalogue::known_id(&id) {
            Some(id) => Msg { id, args },
            None => Msg::new("message-unknown").arg("id", id),
        })
    }
}

impl<'de> Deserialize<'de> for Msg {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(MsgVisitor)
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

    #[test]
    fn a_message_round_trips_through_json_with_nested_messages() {
        let m = Msg::new("check-not-assessed").arg(
            "why",
            Msg::new("check-why-segmentation-failed").arg("error", "model missing"),
        );
        let json = serde_json::to_string(&m).unwrap();
        assert_eq!(
            json,
            r#"{"id":"check-not-assessed","args":{"why":{"id":"check-why-segmentation-failed","args":{"error":"model missing"}}}}"#
        );
        let back: Msg = serde_json::from_str(&json).unwrap();
        assert_eq!(back, m);
        for lang in [Lang::Zh, Lang::En] {
            assert_eq!(back.render(lang), m.render(lang));
        }
        let n: Msg = serde_json::from_str(r#"{"id":"plain","args":{"text":3}}"#).unwrap();
        assert_eq!(n.get("text"), Some(&Arg::Number(3.0)));
        let bare: Msg = serde_json::from_str(r#"{"id":"check-face-count-one"}"#).unwrap();
        assert_eq!(bare, Msg::new("check-face-count-one"));
    }

    #[test]
    fn an_unknown_id_reads_back_as_a_message_naming_it_never_a_panic() {
        let m: Msg = serde_json::from_str(r#"{"id":"no-such-message","args":{"x":"y"}}"#).unwrap();
        assert_eq!(m.id(), "message-unknown");
        assert!(m.render(Lang::En).contains("no-such-message"));
        assert!(m.render(Lang::Zh).contains("no-such-message"));
        assert!(serde_json::from_str::<Msg>(r#"{"args":{}}"#).is_err());
        assert!(serde_json::from_str::<Msg>(r#""text""#).is_err());
    }
}
