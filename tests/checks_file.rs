//! File checks (`file.*`) on the demo photos, which pass every check, and on the broken-file
//! corpus in `tests/corpus/photos/` (its README says how each file was made).

use std::path::{Path, PathBuf};

use idphoto_review::checks::{
    CheckResult, DecodeError, PhotoFormat, Report, Verdict, check_file, decode,
};
use idphoto_review::domain::reasons::ReasonCode;
use idphoto_review::domain::spec::PhotoSpec;

const FILE_CHECKS: [&str; 7] = [
    "file.decode",
    "file.format",
    "file.dimensions",
    "file.colour",
    "file.size",
    "file.jpeg_quality",
    "file.edited",
];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn corpus_dir() -> PathBuf {
    root().join("tests/corpus/photos")
}

#[allow(clippy::unwrap_used)]
fn files_in(dir: &Path, keep: impl Fn(&str) -> bool) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| keep(&p.file_name().unwrap().to_string_lossy()))
        .collect();
    files.sort();
    files
}

/// The photos of the corpus (everything but the README and the generator).
fn corpus_photos() -> Vec<PathBuf> {
    files_in(&corpus_dir(), |n| n != "README.md" && n != "make_corpus.py")
}

#[allow(clippy::unwrap_used)]
fn run(name: &str) -> Report {
    let bytes = std::fs::read(corpus_dir().join(name)).unwrap();
    check_file(&bytes, &PhotoSpec::default()).0
}

#[allow(clippy::unwrap_used)]
fn get<'a>(report: &'a Report, id: &str) -> &'a CheckResult {
    report.get(id).unwrap()
}

/// One corpus file: the expected verdict and an English and a Chinese excerpt of the message
/// of some checks, and the reasons the report suggests.
struct Case {
    file: &'static str,
    expect: &'static [(&'static str, Verdict, &'static str, &'static str)],
    reasons: &'static [ReasonCode],
}

const fn case(
    file: &'static str,
    expect: &'static [(&'static str, Verdict, &'static str, &'static str)],
    reasons: &'static [ReasonCode],
) -> Case {
    Case {
        file,
        expect,
        reasons,
    }
}

use ReasonCode::{LowQualityFile, NotColour, OverRetouched, WrongFormat, WrongSize};
use Verdict::{Error, Fail, Pass, Warn};

const CASES: &[Case] = &[
    case(
        "empty.jpg",
        &[
            (
                "file.decode",
                Fail,
                "the file is empty (0 bytes)",
                "文件为空",
            ),
            ("file.format", Error, "Not assessed", "未评估"),
        ],
        &[WrongFormat],
    ),
    case(
        "truncated.jpg",
        &[
            (
                "file.decode",
                Fail,
                "truncated JPEG: the file ends after 3000 bytes",
                "JPEG 文件不完整",
            ),
            ("file.format", Error, "Not assessed", "未评估"),
        ],
        &[WrongFormat],
    ),
    case(
        "photo.png",
        &[
            ("file.decode", Pass, "Decoded: PNG 480×640", "PNG 480×640"),
            (
                "file.format",
                Fail,
                "The file is a PNG (8-bit), not a JPEG",
                "PNG 格式",
            ),
            ("file.dimensions", Pass, "480×640", "480×640"),
            ("file.jpeg_quality", Error, "not a JPEG", "不是 JPEG"),
        ],
        &[WrongFormat],
    ),
    case(
        "png_named.jpg",
        &[
            ("file.decode", Pass, "Decoded: PNG", "PNG"),
            (
                "file.format",
                Fail,
                "PNG (8-bit), not a JPEG (detected from its content, whatever its name)",
                "与文件名无关",
            ),
        ],
        &[WrongFormat],
    ),
    case(
        "photo16.png",
        &[
            ("file.decode", Pass, "PNG 480×640, colour, 16-bit", "16 位"),
            ("file.format", Fail, "PNG (16-bit)", "PNG 格式（16 位）"),
        ],
        &[WrongFormat],
    ),
    case(
        "greyscale.jpg",
        &[
            (
                "file.decode",
                Pass,
                "JPEG 480×640, greyscale, 8-bit",
                "灰度",
            ),
            ("file.format", Pass, "JPEG, 8-bit", "JPEG"),
            (
                "file.colour",
                Fail,
                "Greyscale file (1 channel)",
                "灰度文件",
            ),
        ],
        &[NotColour],
    ),
    case(
        "grey_pixels_rgb.jpg",
        &[
            ("file.decode", Pass, "JPEG 480×640, colour", "彩色"),
            (
                "file.colour",
                Fail,
                "every pixel is grey",
                "所有像素都是灰色",
            ),
        ],
        &[NotColour],
    ),
    case(
        "cmyk.jpg",
        &[
            ("file.decode", Pass, "JPEG 480×640, CMYK", "CMYK"),
            ("file.format", Fail, "CMYK JPEG", "CMYK"),
            ("file.jpeg_quality", Fail, "Estimated JPEG quality 50", "50"),
        ],
        &[WrongFormat, LowQualityFile],
    ),
    case(
        "photo.webp",
        &[
            ("file.decode", Fail, "WebP files are not supported", "WebP"),
            (
                "file.format",
                Fail,
                "The file is a WebP, not a JPEG",
                "WebP",
            ),
        ],
        &[WrongFormat],
    ),
    case(
        "photo.heic",
        &[
            ("file.decode", Fail, "HEIC files are not supported", "HEIC"),
            (
                "file.format",
                Fail,
                "The file is a HEIC, not a JPEG",
                "HEIC",
            ),
        ],
        &[WrongFormat],
    ),
    case(
        "photo.gif",
        &[
            ("file.decode", Fail, "GIF files are not supported", "GIF"),
            ("file.format", Fail, "GIF", "GIF"),
        ],
        &[WrongFormat],
    ),
    case(
        "bomb_60000.jpg",
        &[
            (
                "file.decode",
                Fail,
                "declares 60000×60000 pixels, over the 8000×8000 limit: refused before decoding",
                "60000×60000",
            ),
            ("file.format", Error, "Not assessed", "未评估"),
        ],
        &[WrongFormat],
    ),
    case(
        "bomb_png_60000.png",
        &[
            (
                "file.decode",
                Fail,
                "declares 60000×60000 pixels, over the 8000×8000 limit: refused before decoding",
                "60000×60000",
            ),
            ("file.format", Fail, "PNG", "PNG"),
        ],
        &[WrongFormat],
    ),
    case(
        "rotated_exif6.jpg",
        &[
            (
                "file.decode",
                Warn,
                "EXIF orientation is 6 (viewers show it rotated 90° clockwise)",
                "EXIF 方向标记为 6",
            ),
            ("file.format", Pass, "JPEG, 8-bit", "JPEG"),
            (
                "file.dimensions",
                Fail,
                "640×480 px; it must be exactly 480×640 (EXIF orientation 6: phones show it as 480×640)",
                "手机上显示为 480×640",
            ),
        ],
        &[WrongSize],
    ),
    case(
        "meitu_software.jpg",
        &[
            ("file.decode", Pass, "Decoded", "解码成功"),
            (
                "file.edited",
                Warn,
                "EXIF Software is \"Meitu XiuXiu 9.2.1\", a beauty/retouch app",
                "美颜",
            ),
        ],
        &[],
    ),
    case(
        "low_quality_q20.jpg",
        &[
            ("file.jpeg_quality", Fail, "Estimated JPEG quality 20", "20"),
            ("file.size", Warn, "File is only 10.2 KB", "10.2 KB"),
        ],
        &[LowQualityFile],
    ),
    case(
        "wrong_size_240x320.jpg",
        &[(
            "file.dimensions",
            Fail,
            "240×320 px; it must be exactly 480×640",
            "240×320",
        )],
        &[WrongSize],
    ),
    case(
        "random_bytes.jpg",
        &[
            (
                "file.decode",
                Fail,
                "not an image: the content matches no known image format",
                "不是图片",
            ),
            (
                "file.format",
                Fail,
                "not in any image format",
                "不是图片格式",
            ),
        ],
        &[WrongFormat],
    ),
];

#[test]
fn demo_photos_pass_every_file_check() {
    let photos = files_in(&root().join("assets/demo"), |n| {
        Path::new(n).extension().is_some_and(|e| e == "jpg")
    });
    assert_eq!(photos.len(), 7);
    let spec = PhotoSpec::default();
    for path in photos {
        let bytes = std::fs::read(&path).unwrap();
        let (report, photo) = check_file(&bytes, &spec);
        let name = path.display();
        let photo = photo.unwrap_or_else(|| panic!("{name}: not decoded"));
        assert_eq!((photo.width(), photo.height()), (480, 640), "{name}");
        assert_eq!((report.width, report.height), (Some(480), Some(640)));
        let ids: Vec<_> = report.checks.iter().map(|c| c.id).collect();
        assert_eq!(ids, FILE_CHECKS, "{name}");
        for c in &report.checks {
            assert_eq!(c.verdict, Pass, "{name} {}: {}", c.id, c.message_en());
        }
        assert_eq!(report.verdict(), Pass, "{name}");
        assert!(report.suggested_reasons().is_empty(), "{name}");
        let q = get(&report, "file.jpeg_quality").value.unwrap();
        assert!((q - 90.0).abs() <= 3.0, "{name}: quality {q}");
    }
}

#[test]
fn every_corpus_file_gives_the_expected_results() {
    for case in CASES {
        let report = run(case.file);
        let file = case.file;
        let ids: Vec<_> = report.checks.iter().map(|c| c.id).collect();
        assert_eq!(ids, FILE_CHECKS, "{file}");
        for &(id, verdict, en, zh) in case.expect {
            let c = get(&report, id);
            assert_eq!(c.verdict, verdict, "{file} {id}: {}", c.message_en());
            assert!(
                c.message_en().contains(en),
                "{file} {id}: {}",
                c.message_en()
            );
            assert!(
                c.message_zh().contains(zh),
                "{file} {id}: {}",
                c.message_zh()
            );
        }
        assert_eq!(report.suggested_reasons(), case.reasons, "{file}");
    }
    // The Meitu file suggests OVER_RETOUCHED on its warning (warnings are not in the union).
    let report = run("meitu_software.jpg");
    assert_eq!(get(&report, "file.edited").reasons, vec![OverRetouched]);
}

#[test]
fn every_corpus_photo_has_a_case_and_a_readme_line() {
    let readme = std::fs::read_to_string(corpus_dir().join("README.md")).unwrap();
    let photos = corpus_photos();
    assert_eq!(photos.len(), CASES.len());
    for path in photos {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        assert!(CASES.iter().any(|c| c.file == name), "no case for {name}");
        assert!(
            readme.contains(&format!("`{name}`")),
            "{name} not in README"
        );
    }
}

#[test]
fn undecodable_files_never_pass_anything() {
    for path in corpus_photos() {
        let bytes = std::fs::read(&path).unwrap();
        let (report, photo) = check_file(&bytes, &PhotoSpec::default());
        let name = path.display();
        for c in &report.checks {
            assert!(!c.message_zh().trim().is_empty(), "{name} {}", c.id);
            assert!(!c.message_en().trim().is_empty(), "{name} {}", c.id);
            // Every finding names catalogue messages and fills all their placeholders.
            assert_eq!(
                c.message.problems(),
                Vec::<String>::new(),
                "{name} {}",
                c.id
            );
            assert!(!c.threshold.is_empty(), "{name} {}", c.id);
            if matches!(c.verdict, Pass | Error) {
                assert!(c.reasons.is_empty(), "{name} {}", c.id);
            }
        }
        if photo.is_none() {
            assert_eq!(get(&report, "file.decode").verdict, Fail, "{name}");
            assert_eq!(report.width, None);
            for c in &report.checks[1..] {
                assert!(matches!(c.verdict, Fail | Error), "{name} {}", c.id);
            }
            for id in &FILE_CHECKS[2..] {
                assert_eq!(get(&report, id).verdict, Error, "{name} {id}");
            }
            assert!(report.suggested_reasons().contains(&WrongFormat), "{name}");
        }
    }
}

#[test]
fn decode_errors_are_typed() {
    let read = |n: &str| std::fs::read(corpus_dir().join(n)).unwrap();
    assert_eq!(decode(&read("empty.jpg")), Err(DecodeError::Empty));
    assert_eq!(
        decode(&read("truncated.jpg")),
        Err(DecodeError::Truncated {
            format: PhotoFormat::Jpeg,
            byte_len: 3000
        })
    );
    assert_eq!(
        decode(&read("bomb_60000.jpg")),
        Err(DecodeError::TooLarge {
            format: PhotoFormat::Jpeg,
            width: 60000,
            height: 60000
        })
    );
    assert_eq!(
        decode(&read("bomb_png_60000.png")),
        Err(DecodeError::TooLarge {
            format: PhotoFormat::Png,
            width: 60000,
            height: 60000
        })
    );
    for (file, format) in [
        ("photo.webp", PhotoFormat::WebP),
        ("photo.heic", PhotoFormat::Heic),
        ("photo.gif", PhotoFormat::Gif),
    ] {
        assert_eq!(
            decode(&read(file)),
            Err(DecodeError::Unsupported { format }),
            "{file}"
        );
    }
    assert!(matches!(
        decode(&read("random_bytes.jpg")),
        Err(DecodeError::UnknownFormat)
    ));
    let p = decode(&read("rotated_exif6.jpg")).unwrap();
    assert_eq!(
        (p.exif_orientation, p.width(), p.height()),
        (Some(6), 640, 480)
    );
    let p = decode(&read("meitu_software.jpg")).unwrap();
    assert_eq!(p.exif_software.as_deref(), Some("Meitu XiuXiu 9.2.1"));
    let p = decode(&read("cmyk.jpg")).unwrap();
    assert_eq!(p.channels_in_file, 4);
    // The CMYK file decodes to the colours of its source photo.
    let source = decode(&std::fs::read(root().join("assets/demo/fr__obama.jpg")).unwrap()).unwrap();
    let [r, g, b] = p.rgb.get_pixel(10, 10).0;
    let [sr, sg, sb] = source.rgb.get_pixel(10, 10).0;
    assert!(r.abs_diff(sr) < 8 && g.abs_diff(sg) < 8 && b.abs_diff(sb) < 8);
    let p = decode(&read("photo16.png")).unwrap();
    assert_eq!(
        (p.format, p.bit_depth, p.channels_in_file),
        (PhotoFormat::Png, 16, 3)
    );
    let p = decode(&read("greyscale.jpg")).unwrap();
    assert_eq!(p.channels_in_file, 1);
}

#[test]
fn reports_round_trip_through_json() {
    for path in corpus_photos() {
        let bytes = std::fs::read(&path).unwrap();
        let (report, _) = check_file(&bytes, &PhotoSpec::default());
        let json = serde_json::to_string(&report).unwrap();
        let back: Report = serde_json::from_str(&json).unwrap();
        assert_eq!(back, report, "{}", path.display());
    }
}

#[test]
fn thresholds_come_from_the_spec() {
    let spec = PhotoSpec {
        width_px: 240,
        height_px: 320,
        jpeg_quality_min: 15,
        file_size_kb: idphoto_review::domain::spec::Range::new(5.0, 10.0),
        retouch_apps: vec!["xiuxiu".into()],
        ..PhotoSpec::default()
    };
    let bytes = std::fs::read(corpus_dir().join("wrong_size_240x320.jpg")).unwrap();
    let (report, _) = check_file(&bytes, &spec);
    assert_eq!(get(&report, "file.dimensions").verdict, Pass);
    assert_eq!(get(&report, "file.dimensions").threshold, "240×320");
    assert_eq!(get(&report, "file.size").verdict, Pass);
    assert_eq!(get(&report, "file.size").threshold, "5–10 KB");
    let bytes = std::fs::read(corpus_dir().join("low_quality_q20.jpg")).unwrap();
    let (report, _) = check_file(&bytes, &spec);
    assert_eq!(get(&report, "file.jpeg_quality").verdict, Pass);
    assert_eq!(get(&report, "file.jpeg_quality").threshold, "≥ 15");
    let bytes = std::fs::read(corpus_dir().join("meitu_software.jpg")).unwrap();
    let (report, _) = check_file(&bytes, &spec);
    assert_eq!(get(&report, "file.edited").verdict, Warn);
    assert!(
        get(&report, "file.edited")
            .message_en()
            .contains("(xiuxiu)")
    );
}
