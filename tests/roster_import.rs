//! Roster import: CSV in its usual encodings, header variants, row validation, XLSX.
#![allow(clippy::unwrap_used)] // Tests may panic.

use std::path::PathBuf;

use idphoto_review::domain::id_number::check_char;
use idphoto_review::domain::lang::Lang;
use idphoto_review::domain::student::{DocumentType, Sex};
use idphoto_review::roster::{
    ParsedRoster, RosterError, RowProblem, parse_roster_csv, parse_roster_file,
};

/// A valid ID number: 17 digits plus the right check character.
fn id(first17: &str) -> String {
    format!("{first17}{}", check_char(first17.as_bytes()))
}

/// Male (17th digit odd) and female valid numbers.
fn male() -> String {
    id("11010519900307001")
}
fn female() -> String {
    id("31010419991231002")
}

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/rosters")
        .join(name)
}

fn parse(text: &str) -> ParsedRoster {
    parse_roster_csv(text.as_bytes()).unwrap()
}

fn messages(problems: &[RowProblem]) -> Vec<String> {
    problems
        .iter()
        .map(|p| {
            format!(
                "{}|{}|{}",
                p.line,
                p.column.as_deref().unwrap_or("-"),
                p.message.render(Lang::En)
            )
        })
        .collect()
}

#[test]
fn utf8_with_all_columns() {
    let text = format!(
        "姓名,证件类型,身份证号,学号,学院,培养层次,专业,性别,手机号码,邮寄批次\n\
         张三,居民身份证,{},2024001,计算机学院,硕士,软件工程,男,13800138000,第一批\n",
        male()
    );
    let r = parse(&text);
    assert_eq!(r.encoding, "UTF-8");
    assert!(r.errors.is_empty() && r.warnings.is_empty(), "{r:?}");
    let row = &r.rows[0];
    assert_eq!(row.line, 2);
    let s = &row.student;
    assert_eq!(
        (s.name.as_str(), s.id_number.as_str()),
        ("张三", male().as_str())
    );
    assert_eq!(s.doc_type, DocumentType::MainlandId);
    assert_eq!(s.student_no.as_deref(), Some("2024001"));
    assert_eq!(s.school.as_deref(), Some("计算机学院"));
    assert_eq!(s.degree.as_deref(), Some("硕士"));
    assert_eq!(s.programme.as_deref(), Some("软件工程"));
    assert_eq!(s.sex, Some(Sex::Male));
    assert_eq!(s.phone.as_deref(), Some("13800138000"));
    assert_eq!(s.mailing_batch.as_deref(), Some("第一批"));
}

#[test]
fn utf8_with_bom_and_crlf() {
    let r = parse(&format!("\u{FEFF}姓名,证件号码\r\n李四,{}\r\n", female()));
    assert_eq!(r.encoding, "UTF-8");
    assert_eq!(r.rows.len(), 1);
    assert_eq!(r.rows[0].student.name, "李四");
    assert_eq!(r.rows[0].student.sex, Some(Sex::Female));
}

#[test]
fn gbk_encoded_csv_with_rare_characters() {
    let text = format!(
        "姓名,身份证号码,性别\r\n王喆,{},男\r\n李珺,{},女\r\n",
        male(),
        female()
    );
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(&text);
    assert!(!unmappable);
    let r = parse_roster_csv(&bytes).unwrap();
    assert_eq!(r.encoding, "GBK");
    assert!(r.errors.is_empty() && r.warnings.is_empty(), "{r:?}");
    let names: Vec<&str> = r.rows.iter().map(|row| row.student.name.as_str()).collect();
    assert_eq!(names, ["王喆", "李珺"]);
}

#[test]
fn gbk_fixture_file() {
    let r = parse_roster_file(&fixture("roster_gbk.csv")).unwrap();
    assert_eq!(r.encoding, "GBK");
    assert!(r.errors.is_empty(), "{r:?}");
    let names: Vec<&str> = r.rows.iter().map(|row| row.student.name.as_str()).collect();
    assert_eq!(names, ["欧阳喆", "陈珺"]);
    assert_eq!(r.rows[1].student.mailing_batch.as_deref(), Some("第一批"));
    assert_eq!(r.rows[1].line, 3);
}

#[test]
fn english_headers_and_unknown_columns() {
    let text = format!(
        "No.,Student Name,ID Number,Student_No,Faculty,Level,Major,Gender,Mobile,Batch,Remarks\n\
         1,Zhang San,{},S1,Law,Master,Law,M,139,B1,ok\n",
        male()
    );
    let r = parse(&text);
    assert!(r.errors.is_empty(), "{r:?}");
    assert_eq!(r.rows[0].student.name, "Zhang San");
    assert_eq!(r.rows[0].student.school.as_deref(), Some("Law"));
    assert_eq!(r.warnings.len(), 1);
    assert_eq!(r.warnings[0].line, 1);
    assert!(
        r.warnings[0]
            .message
            .render(Lang::En)
            .contains("No., Remarks"),
        "{:?}",
        r.warnings
    );
}

#[test]
fn invalid_id_numbers_are_row_errors() {
    let good = male();
    let mut bad_check = good.clone();
    bad_check.replace_range(17.., if good.ends_with('0') { "1" } else { "0" });
    let bad_date = id("11010519990230001");
    let text = format!("姓名,身份证号\n甲,{bad_check}\n乙,{bad_date}\n丙,12345\n丁,{good}\n");
    let r = parse(&text);
    assert_eq!(r.rows.len(), 1);
    assert_eq!(r.rows[0].line, 5);
    let m = messages(&r.errors);
    assert_eq!(m.len(), 3, "{m:?}");
    assert!(
        m[0].starts_with("2|身份证号|ID number checksum does not match"),
        "{m:?}"
    );
    assert!(m[1].starts_with("3|身份证号|Characters 7–14"), "{m:?}");
    assert!(m[1].contains("19990230"), "{m:?}");
    assert!(
        m[2].starts_with("4|身份证号|ID number must have 18 characters"),
        "{m:?}"
    );
}

#[test]
fn duplicates_name_the_first_line() {
    let text = format!("姓名,身份证号\n甲,{0}\n乙,{1}\n丙,{0}\n", male(), female());
    let r = parse(&text);
    assert_eq!(
        r.rows.iter().map(|row| row.line).collect::<Vec<_>>(),
        [2, 3]
    );
    assert_eq!(r.errors.len(), 1);
    assert_eq!(r.errors[0].line, 4);
    assert!(
        r.errors[0].message.render(Lang::En).contains("line 2"),
        "{:?}",
        r.errors
    );
}

#[test]
fn missing_values_are_collected_not_fatal() {
    let text = format!("姓名,身份证号\n,{}\n乙,\n\n,,\n丙,{}\n", male(), female());
    let r = parse(&text);
    let m = messages(&r.errors);
    assert_eq!(
        m,
        [
            "2|姓名|The name is missing.",
            "3|身份证号|The ID number is missing."
        ]
    );
    assert_eq!(r.rows.len(), 1);
    assert_eq!(r.rows[0].line, 6);
}

#[test]
fn missing_required_column_lists_it() {
    let err = parse_roster_csv("姓名,学号\n张三,1\n".as_bytes()).unwrap_err();
    match &err {
        RosterError::MissingColumns { missing, found } => {
            assert_eq!(missing, &["ID number (证件号码/身份证号)"]);
            assert_eq!(found, &["姓名", "学号"]);
        }
        other => panic!("{other:?}"),
    }
    assert!(err.to_string().contains("ID number (证件号码/身份证号)"));
    let err = parse_roster_csv(b"a,b\n1,2\n").unwrap_err();
    assert!(matches!(err, RosterError::MissingColumns { ref missing, .. } if missing.len() == 2));
}

#[test]
fn empty_files() {
    assert!(matches!(parse_roster_csv(b""), Err(RosterError::Empty)));
    assert!(matches!(
        parse_roster_csv("姓名,身份证号\n\n".as_bytes()),
        Err(RosterError::Empty)
    ));
}

#[test]
fn formula_names_and_long_fields_are_refused() {
    let long_name = "张".repeat(51);
    let long_school = "x".repeat(201);
    let text = format!(
        "姓名,身份证号,学院\n\"=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\",{},\n{long_name},{},\n丙,{},{long_school}\n",
        male(),
        female(),
        id("11010520000101001"),
    );
    let r = parse(&text);
    assert!(r.rows.is_empty(), "{r:?}");
    let m = messages(&r.errors);
    assert!(
        m[0].starts_with("2|姓名|") && m[0].contains("looks like a spreadsheet formula"),
        "{m:?}"
    );
    assert!(
        m[1].starts_with("3|姓名|") && m[1].contains("51 characters"),
        "{m:?}"
    );
    assert!(
        m[2].starts_with("4|学院|") && m[2].contains("201 characters"),
        "{m:?}"
    );
    for prefix in ["+1", "-x", "@SUM(A1)"] {
        let r = parse(&format!("姓名,身份证号\n{prefix},{}\n", male()));
        assert_eq!(r.errors.len(), 1, "{prefix}");
    }
}

#[test]
fn sex_comes_from_the_id_number_with_warnings() {
    let text = format!("姓名,身份证号,性别\n甲,{},女\n乙,{},?\n", male(), female());
    let r = parse(&text);
    assert!(r.errors.is_empty());
    assert_eq!(r.rows[0].student.sex, Some(Sex::Male));
    assert_eq!(r.rows[1].student.sex, Some(Sex::Female));
    let m = messages(&r.warnings);
    assert_eq!(m.len(), 2, "{m:?}");
    assert!(
        m[0].starts_with("2|性别|") && m[0].contains("ID number indicates male"),
        "{m:?}"
    );
    assert!(
        m[1].starts_with("3|性别|") && m[1].contains("not recognised"),
        "{m:?}"
    );
}

#[test]
fn offline_students_keep_their_documents() {
    let text = format!(
        "姓名,证件类型,证件号码,性别\n\
         John Smith,护照, e12345678 ,M\n\
         陈大文,港澳居民来往内地通行证,h0123456701,男\n\
         林美,台湾居民来往大陆通行证,00123456,女\n\
         张三,居民身份证,{}\n",
        male()
    );
    let r = parse(&text);
    assert!(r.errors.is_empty(), "{r:?}");
    let docs: Vec<(&DocumentType, &str, Option<Sex>)> = r
        .rows
        .iter()
        .map(|row| {
            (
                &row.student.doc_type,
                row.student.id_number.as_str(),
                row.student.sex,
            )
        })
        .collect();
    assert_eq!(
        docs[0],
        (&DocumentType::Passport, "E12345678", Some(Sex::Male))
    );
    assert_eq!(
        docs[1],
        (
            &DocumentType::HongKongMacauPermit,
            "H0123456701",
            Some(Sex::Male)
        )
    );
    assert_eq!(
        docs[2],
        (&DocumentType::TaiwanPermit, "00123456", Some(Sex::Female))
    );
    assert!(
        r.rows[..3]
            .iter()
            .all(|row| row.student.doc_type.collected_offline())
    );
    assert!(!r.rows[3].student.doc_type.collected_offline());
}

#[test]
fn excel_text_wrappers_and_lost_digits_in_csv() {
    let text = format!(
        "姓名,身份证号\n甲,\"=\"\"{}\"\"\"\n乙,'{}\n丙,1.10105E+17\n",
        male(),
        female()
    );
    let r = parse(&text);
    assert_eq!(r.rows.len(), 2, "{r:?}");
    assert_eq!(r.rows[0].student.id_number, male());
    assert_eq!(r.rows[1].student.id_number, female());
    assert_eq!(r.errors.len(), 1);
    assert!(
        r.errors[0]
            .message
            .render(Lang::En)
            .contains("lost its last digits")
    );
}

#[test]
fn xlsx_fixture() {
    let r = parse_roster_file(&fixture("roster.xlsx")).unwrap();
    assert_eq!(r.encoding, "xlsx");
    // Title on row 1, header on row 2, a blank row 6.
    let lines: Vec<usize> = r.rows.iter().map(|row| row.line).collect();
    assert_eq!(lines, [3, 4, 7]);
    let first = &r.rows[0].student;
    assert_eq!(first.name, "张三");
    assert_eq!(first.id_number, id("11010520000101001"));
    assert_eq!(first.student_no.as_deref(), Some("2024001"));
    assert_eq!(first.phone.as_deref(), Some("13800138000"));
    assert_eq!(r.rows[1].student.name, "李珺");
    assert_eq!(r.rows[1].student.sex, Some(Sex::Female));
    let hk = &r.rows[2].student;
    assert_eq!(
        (hk.doc_type.clone(), hk.id_number.as_str()),
        (DocumentType::HongKongMacauPermit, "H12345678")
    );
    // The 18-digit number typed into a General column is refused, not silently wrong.
    let m = messages(&r.errors);
    assert_eq!(m.len(), 1, "{m:?}");
    assert!(
        m[0].starts_with("5|证件号码|") && m[0].contains("format the column as text"),
        "{m:?}"
    );
    // Title skipped, 序号 ignored.
    assert_eq!(r.warnings.len(), 2, "{:?}", r.warnings);
    assert!(
        r.warnings
            .iter()
            .any(|w| w.message.render(Lang::En).contains("序号"))
    );
}

#[test]
fn file_dispatch_by_extension_and_content() {
    let dir = tempfile::tempdir().unwrap();
    let odd = dir.path().join("roster.pdf");
    std::fs::write(&odd, b"%PDF-1.4").unwrap();
    assert!(matches!(
        parse_roster_file(&odd),
        Err(RosterError::UnsupportedFormat(_))
    ));
    let html = dir.path().join("export.xls");
    std::fs::write(&html, b"<html><table></table></html>").unwrap();
    assert!(matches!(
        parse_roster_file(&html),
        Err(RosterError::UnsupportedFormat(_))
    ));
    // A workbook saved with a .csv name is still read as a workbook.
    let renamed = dir.path().join("roster.CSV");
    std::fs::copy(fixture("roster.xlsx"), &renamed).unwrap();
    assert_eq!(parse_roster_file(&renamed).unwrap().rows.len(), 3);
    // Tab-separated text with a .txt name.
    let txt = dir.path().join("roster.txt");
    std::fs::write(&txt, format!("姓名\t身份证号\n张三\t{}\n", male())).unwrap();
    assert_eq!(parse_roster_file(&txt).unwrap().rows.len(), 1);
    let missing = dir.path().join("nope.csv");
    let err = parse_roster_file(&missing).unwrap_err();
    assert!(matches!(err, RosterError::Io { .. }));
    assert!(err.to_string().contains("nope.csv"));
}
