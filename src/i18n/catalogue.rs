//! The embedded `.ftl` files and the two bundles built from them once.

use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use fluent_syntax::ast;

use crate::domain::lang::Lang;

/// One catalogue file: its name, then its Chinese and English text.
pub struct File {
    pub name: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
}

macro_rules! ftl {
    ($($name:literal),* $(,)?) => {
        &[$(File {
            name: $name,
            zh: include_str!(concat!("../../assets/i18n/zh/", $name)),
            en: include_str!(concat!("../../assets/i18n/en/", $name)),
        }),*]
    };
}

/// Every catalogue file, in both languages.
pub const FILES: &[File] = ftl![
    "common.ftl",
    "errors.ftl",
    "cli.ftl",
    "window.ftl",
    "reasons.ftl",
    "documents.ftl",
    "checks.ftl"
];

type Bundle = FluentBundle<FluentResource>;

struct Bundles {
    zh: Bundle,
    en: Bundle,
}

fn bundles() -> &'static Bundles {
    static BUNDLES: OnceLock<Bundles> = OnceLock::new();
    BUNDLES.get_or_init(|| Bundles {
        zh: bundle("zh-CN", |f| f.zh),
        en: bundle("en", |f| f.en),
    })
}

/// A bundle of every file in one language. A syntax error in an embedded file is a build
/// mistake that `tests` catch ([`parse_errors`]); here the good messages are kept and the bad
/// ones are logged, so one typo cannot take every text away.
fn bundle(locale: &str, text: fn(&File) -> &'static str) -> Bundle {
    let id = locale
        .parse()
        .unwrap_or_else(|_| unic_langid::LanguageIdentifier::default());
    let mut bundle = Bundle::new_concurrent(vec![id]);
    bundle.set_use_isolating(false);
    for file in FILES {
        let resource = FluentResource::try_new(text(file).to_owned()).unwrap_or_else(|(r, e)| {
            tracing::error!(file = file.name, locale, errors = ?e, "catalogue syntax errors");
            r
        });
        if let Err(e) = bundle.add_resource(resource) {
            tracing::error!(file = file.name, locale, errors = ?e, "catalogue conflicts");
        }
    }
    bundle
}

fn of(lang: Lang) -> &'static Bundle {
    let b = bundles();
    match lang {
        Lang::Zh => &b.zh,
        Lang::En => &b.en,
    }
}

/// Formats message `id` with `args`; a missing message shows its id (and is logged), so the
/// screen stays readable and the test suite names it.
pub(super) fn format(lang: Lang, id: &str, args: Option<&FluentArgs<'_>>) -> String {
    let bundle = of(lang);
    let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
        tracing::warn!(id, ?lang, "missing catalogue message");
        return id.to_owned();
    };
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, args, &mut errors);
    if !errors.is_empty() {
        tracing::warn!(
            id,
            ?lang,
            ?errors,
            "catalogue message formatted with errors"
        );
    }
    text.into_owned()
}

/// The catalogue's `'static` spelling of message id `id`, if some language has it (a message
/// read back from storage names its id as text).
pub fn known_id(id: &str) -> Option<&'static str> {
    static IDS: OnceLock<std::collections::HashSet<&'static str>> = OnceLock::new();
    IDS.get_or_init(|| {
        message_ids(Lang::Zh)
            .into_iter()
            .chain(message_ids(Lang::En))
            .collect()
    })
    .get(id)
    .copied()
}

/// Whether message `id` exists in `lang`.
pub fn has_message(lang: Lang, id: &str) -> bool {
    of(lang).has_message(id)
}

fn source(lang: Lang, file: &File) -> &'static str {
    match lang {
        Lang::Zh => file.zh,
        Lang::En => file.en,
    }
}

fn messages(lang: Lang) -> Vec<ast::Message<&'static str>> {
    FILES
        .iter()
        .flat_map(|f| {
            let resource = fluent_syntax::parser::parse(source(lang, f)).unwrap_or_else(|(r, _)| r);
            resource.body.into_iter().filter_map(|entry| match entry {
                ast::Entry::Message(m) => Some(m),
                _ => None,
            })
        })
        .collect()
}

/// Every message id of `lang`, in file order.
pub fn message_ids(lang: Lang) -> Vec<&'static str> {
    messages(lang).iter().map(|m| m.id.name).collect()
}

/// The placeholders (`$name`) message `id` uses in `lang`, sorted, or `None` when it is missing.
pub fn placeholders(lang: Lang, id: &str) -> Option<Vec<&'static str>> {
    let message = messages(lang).into_iter().find(|m| m.id.name == id)?;
    let mut names = Vec::new();
    if let Some(p) = &message.value {
        pattern_variables(p, &mut names);
    }
    names.sort_unstable();
    names.dedup();
    Some(names)
}

fn pattern_variables(pattern: &ast::Pattern<&'static str>, out: &mut Vec<&'static str>) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expression_variables(expression, out);
        }
    }
}

fn expression_variables(expression: &ast::Expression<&'static str>, out: &mut Vec<&'static str>) {
    match expression {
        ast::Expression::Select { selector, variants } => {
            inline_variables(selector, out);
            for v in variants {
                pattern_variables(&v.value, out);
            }
        }
        ast::Expression::Inline(inline) => inline_variables(inline, out),
    }
}

fn inline_variables(inline: &ast::InlineExpression<&'static str>, out: &mut Vec<&'static str>) {
    match inline {
        ast::InlineExpression::VariableReference { id } => out.push(id.name),
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for a in &arguments.positional {
                inline_variables(a, out);
            }
        }
        ast::InlineExpression::Placeable { expression } => expression_variables(expression, out),
        _ => {}
    }
}

/// Syntax errors of every embedded file, as `file (lang): error` lines.
pub fn parse_errors() -> Vec<String> {
    let mut out = Vec::new();
    for file in FILES {
        for (lang, text) in [("zh", file.zh), ("en", file.en)] {
            if let Err((_, errors)) = fluent_syntax::parser::parse(text) {
                out.extend(
                    errors
                        .iter()
                        .map(|e| format!("{} ({lang}): {e:?}", file.name)),
                );
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_parses_in_both_languages() {
        assert_eq!(parse_errors(), Vec::<String>::new());
    }

    #[test]
    fn every_message_exists_in_both_languages_with_the_same_placeholders() {
        let zh = message_ids(Lang::Zh);
        let en = message_ids(Lang::En);
        let only_zh: Vec<_> = zh.iter().filter(|id| !en.contains(id)).collect();
        let only_en: Vec<_> = en.iter().filter(|id| !zh.contains(id)).collect();
        assert!(only_zh.is_empty(), "only in Chinese: {only_zh:?}");
        assert!(only_en.is_empty(), "only in English: {only_en:?}");
        for id in &zh {
            assert_eq!(
                placeholders(Lang::Zh, id),
                placeholders(Lang::En, id),
                "placeholders of {id} differ"
            );
        }
        let mut unique = zh.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), zh.len(), "a message id is defined twice");
    }

    /// The labels whose ids are built from a code at run time (reasons, their groups, states,
    /// roles, packing-list standings) exist in both languages: a missing one would show its id.
    #[test]
    fn every_label_built_from_a_code_exists() {
        use crate::domain::case::CaseState;
        use crate::domain::reasons::{ReasonCategory, ReasonCode};
        use crate::domain::role::Role;
        for lang in [Lang::Zh, Lang::En] {
            let mut labels: Vec<&str> = Vec::new();
            for r in ReasonCode::ALL {
                labels.extend([r.label(lang), r.student_text(lang)]);
            }
            labels.extend(ReasonCategory::ALL.iter().map(|c| c.label(lang)));
            labels.extend(CaseState::ALL.iter().map(|s| s.label(lang)));
            labels.extend([Role::Reviewer.label(lang), Role::Supervisor.label(lang)]);
            // A missing message renders as its id (`reason-wrong-size`).
            for label in labels {
                assert!(
                    !label.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                    "{label:?} in {lang:?} is a message id, not its text"
                );
            }
        }
    }

    /// Every literal id given to `Msg::new` (or to `StoreError::MissingReason`) in the sources
    /// names a message that exists, so a typo fails here instead of showing the id on screen.
    #[test]
    fn every_message_the_code_names_exists() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut files = vec![root];
        let mut missing = Vec::new();
        let mut named = 0;
        while let Some(path) = files.pop() {
            if path.is_dir() {
                let entries = std::fs::read_dir(&path).unwrap_or_else(|e| panic!("{e}"));
                files.extend(entries.map(|e| e.unwrap_or_else(|e| panic!("{e}")).path()));
                continue;
            }
            if path.extension().is_none_or(|x| x != "rs") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{e}"));
            for opener in ["Msg::new(\"", "MissingReason(\""] {
                for (at, _) in text.match_indices(opener) {
                    let rest = &text[at + opener.len()..];
                    let id = &rest[..rest.find('"').unwrap_or(0)];
                    named += 1;
                    for lang in [Lang::Zh, Lang::En] {
                        if !has_message(lang, id) {
                            missing.push(format!("{id} ({lang:?}) in {}", path.display()));
                        }
                    }
                }
            }
        }
        assert!(named > 100, "the scan found only {named} message ids");
        assert!(missing.is_empty(), "missing messages: {missing:#?}");
    }

    #[test]
    fn the_placeholder_scan_sees_selectors_and_variants() {
        // A message whose variable only appears in a selector or one variant still counts.
        let pattern = fluent_syntax::parser::parse(
            "m = { $count ->\n    [one] one { $what }\n   *[other] { $count } things\n}\n",
        )
        .unwrap_or_else(|(r, _)| r);
        let ast::Entry::Message(m) = &pattern.body[0] else {
            panic!("not a message");
        };
        let mut names = Vec::new();
        pattern_variables(
            m.value.as_ref().unwrap_or_else(|| panic!("no value")),
            &mut names,
        );
        names.sort_unstable();
        names.dedup();
        assert_eq!(names, ["count", "what"]);
    }
}
