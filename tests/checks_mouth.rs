//! `face.mouth_closed` on real studio photographs (`tests/fixtures/real`): the same people with
//! closed lips and smiling with teeth, from very fair to very dark skin, and full closed lips
//! that the face mesh reads as apart. The pixels between the lips decide, judged against the
//! lips' own colour, so closed lips pass and teeth are flagged on every skin tone.

#![allow(clippy::unwrap_used)]

use idphoto_review::checks::pipeline;
use idphoto_review::checks::result::{CheckResult, Verdict};
use idphoto_review::domain::lang::Lang;
use idphoto_review::domain::spec::PhotoSpec;

fn mouth(name: &str) -> CheckResult {
    let bytes = std::fs::read(format!(
        "{}/tests/fixtures/real/{name}.jpg",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    pipeline::run(&bytes, &PhotoSpec::default())
        .get("face.mouth_closed")
        .unwrap()
        .clone()
}

#[test]
fn one_person_closed_passes_and_smiling_with_teeth_is_flagged_on_every_skin_tone() {
    for (person, who) in [
        ("102", "very fair"),
        ("064", "brown"),
        ("126", "dark-brown"),
        ("137", "very dark"),
    ] {
        let closed = mouth(&format!("londonset__{person}_neutral"));
        assert_eq!(
            closed.verdict,
            Verdict::Pass,
            "{person} ({who}) closed: {closed:?}"
        );
        let smiling = mouth(&format!("londonset__{person}_smiling"));
        assert!(
            matches!(smiling.verdict, Verdict::Warn | Verdict::Fail),
            "{person} ({who}) smiling: {smiling:?}"
        );
    }
}

#[test]
fn full_closed_lips_that_the_mesh_reads_apart_pass_on_the_pixels() {
    for (name, who) in [
        ("londonset__061_neutral", "very dark skin, full lips"),
        ("londonset__062_neutral", "very dark skin, full lips"),
        (
            "londonset__114_neutral",
            "dark-brown skin, full lips with a highlight",
        ),
    ] {
        let m = mouth(name);
        // The mesh's gap alone would flag them; the pixels show only lip.
        assert!(
            m.value.unwrap() > PhotoSpec::default().mouth_gap_ratio_max,
            "{name}: {m:?}"
        );
        assert_eq!(m.verdict, Verdict::Pass, "{name} ({who}): {m:?}");
        assert_eq!(m.message.id(), "check-face-mouth-lips-closed", "{name}");
        assert!(m.message.render(Lang::Zh).contains("双唇闭合"), "{name}");
    }
}

#[test]
fn teeth_in_sight_fail_and_say_so_in_both_languages() {
    for name in [
        "18f__pham_jacklynn",
        "londonset__126_smiling",
        "18f__korenfeld_igor",
    ] {
        let m = mouth(name);
        assert_eq!(m.verdict, Verdict::Fail, "{name}: {m:?}");
        assert!(m.message.render(Lang::Zh).contains("牙齿"), "{name}");
        assert!(m.message.render(Lang::En).contains("teeth"), "{name}");
    }
}
