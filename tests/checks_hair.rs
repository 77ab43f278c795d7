//! `hair.covering` on real studio photographs (`tests/fixtures/real`, the London set on a real
//! light-grey backdrop): hair over the ears is found on fair, brown and East Asian faces, and
//! ears in sight pass on very dark, dark-brown, brown and fair ones, short hair, tall
//! afro-textured hair and hair tied back alike. A head whose hair is the skin's colour leaves
//! the ears unjudged and says so; it is never counted as a pass of the ears.

#![allow(clippy::unwrap_used)]

use idphoto_review::checks::pipeline;
use idphoto_review::checks::result::{CheckResult, Verdict};
use idphoto_review::domain::lang::Lang;
use idphoto_review::domain::spec::PhotoSpec;

fn hair(name: &str) -> CheckResult {
    let bytes = std::fs::read(format!(
        "{}/tests/fixtures/real/{name}.jpg",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    pipeline::run(&bytes, &PhotoSpec::default())
        .get("hair.covering")
        .unwrap()
        .clone()
}

#[test]
fn hair_over_the_ears_warns_on_every_skin_tone() {
    for (name, who) in [
        ("londonset__129_neutral", "brown skin, shoulder-length hair"),
        ("londonset__123_neutral", "fair skin, long curly hair"),
        ("18f__pham_jacklynn", "East Asian, long straight hair"),
        ("canadaset__010f", "very fair, curly red hair"),
    ] {
        let h = hair(name);
        assert_eq!(h.verdict, Verdict::Warn, "{name} ({who}): {h:?}");
        assert!(
            matches!(
                h.message.id(),
                "check-hair-covers-ears" | "check-hair-covers-both"
            ),
            "{name}: {}",
            h.message.id()
        );
        let text = h.message.render(Lang::Zh);
        assert!(text.contains("耳朵"), "{name}: {text}");
        // The band beside the covered ear is marked.
        assert!(
            h.overlays.iter().any(|o| matches!(
                o,
                idphoto_review::checks::Overlay::Polygon {
                    verdict: Verdict::Warn,
                    ..
                }
            )),
            "{name}"
        );
    }
}

#[test]
fn ears_in_sight_pass_on_every_skin_tone() {
    for (name, who) in [
        ("londonset__061_neutral", "very dark skin, short hair"),
        ("londonset__096_neutral", "dark skin, short hair"),
        (
            "londonset__044_neutral",
            "dark-brown skin, tall afro-textured hair",
        ),
        ("londonset__008_neutral", "brown skin, short hair"),
        ("londonset__094_neutral", "olive skin, hair tied back"),
        (
            "londonset__064_neutral",
            "brown skin, long loose hair falling behind the ears",
        ),
        ("londonset__108_neutral", "fair skin, short hair"),
    ] {
        let h = hair(name);
        assert_eq!(h.verdict, Verdict::Pass, "{name} ({who}): {h:?}");
        assert_eq!(h.message.id(), "check-hair-clear", "{name}");
    }
}

/// Hair the skin's colour or lightness: thinning fair hair on very fair skin, and short black
/// hair on very dark skin under flash (both L* 22; they differ only in chroma, ΔE 7.7). The
/// ears cannot be told from hair there, so the finding says they were not judged (the brows
/// still are). This is the measure's known gap: it leaves those ears to the reviewer rather
/// than guess, which on a bald head would call the scalp hair.
#[test]
fn hair_like_the_skin_leaves_the_ears_unjudged() {
    for name in ["londonset__125_neutral", "londonset__137_neutral"] {
        let h = hair(name);
        let en = h.message.render(Lang::En);
        assert!(en.contains("ears not judged"), "{name}: {en}");
        assert_eq!(
            h.verdict,
            Verdict::Pass,
            "{name}: the brows are clear: {en}"
        );
    }
}
