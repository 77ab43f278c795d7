//! Made-up but well-formed roster rows for the demo: Chinese names, valid ID numbers.

use chrono::NaiveDate;

use crate::domain::id_number::{IdNumber, check_char};
use crate::domain::student::{DocumentType, Sex, Student};

const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾",
    "肖", "田", "董", "袁", "潘", "蒋", "蔡", "余", "杜", "叶", "程", "苏", "魏", "吕", "丁", "任",
    "沈", "姚", "卢", "姜", "崔", "钟", "谭", "陆", "汪", "范", "金", "石", "廖", "贾", "夏",
    "欧阳",
];
/// Given-name characters, including some outside GB2312 (喆, 珺, 昇, 玥) as real rosters have.
const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
    "超", "秀", "霞", "平", "刚", "桂", "婷", "宇", "浩", "欣", "怡", "晨", "轩", "子", "涵", "博",
    "文", "思", "雨", "佳", "嘉", "一", "诺", "梓", "睿", "泽", "瑶", "琪", "喆", "珺", "昇", "玥",
];
const REGIONS: &[&str] = &[
    "110105", "310104", "440106", "330106", "510107", "420111", "320102", "610113",
];
const SCHOOLS: &[(&str, &[&str])] = &[
    (
        "计算机科学与技术学院",
        &["计算机科学与技术", "软件工程", "人工智能"],
    ),
    ("经济管理学院", &["工商管理", "金融学", "会计学"]),
    ("外国语学院", &["英语语言文学", "翻译"]),
    ("生命科学学院", &["生物学", "生态学"]),
    ("材料科学与工程学院", &["材料科学与工程", "材料物理与化学"]),
    ("数学科学学院", &["基础数学", "应用数学", "统计学"]),
];

fn pick<'a>(rng: &mut fastrand::Rng, items: &[&'a str]) -> &'a str {
    items[rng.usize(..items.len())]
}

/// A valid mainland ID number for someone born in 1994–2001 of the given sex.
pub fn id_number(rng: &mut fastrand::Rng, sex: Sex) -> IdNumber {
    loop {
        let birth = NaiveDate::from_ymd_opt(rng.i32(1994..=2001), rng.u32(1..=12), rng.u32(1..=28));
        let Some(birth) = birth else { continue };
        let parity = match sex {
            Sex::Male => 1,
            Sex::Female => 0,
        };
        let seq = format!("{:02}{}", rng.u32(0..100), rng.u32(0..5) * 2 + parity);
        let body = format!("{}{}{}", pick(rng, REGIONS), birth.format("%Y%m%d"), seq);
        let full = format!("{body}{}", check_char(body.as_bytes()));
        if let Ok(id) = IdNumber::parse(&full) {
            return id;
        }
    }
}

/// One roster row; about one in 40 is an international or Hong Kong student collected offline.
pub fn student(rng: &mut fastrand::Rng, index: usize, sex: Sex) -> Student {
    let given: String = (0..rng.usize(1..=2)).map(|_| pick(rng, GIVEN)).collect();
    let name = format!("{}{given}", pick(rng, SURNAMES));
    let (school, programmes) = SCHOOLS[rng.usize(..SCHOOLS.len())];
    let offline = rng.usize(..40) == 0;
    let (doc_type, id_number) = if offline {
        if rng.bool() {
            (
                DocumentType::Passport,
                format!("E{:08}", rng.u32(..100_000_000)),
            )
        } else {
            (
                DocumentType::HongKongMacauPermit,
                format!("H{:08}", rng.u32(..100_000_000)),
            )
        }
    } else {
        (
            DocumentType::MainlandId,
            id_number(rng, sex).as_str().to_owned(),
        )
    };
    Student {
        name,
        id_number,
        doc_type,
        student_no: Some(format!("2023{:06}", index + 1)),
        school: Some(school.to_owned()),
        degree: Some(
            if rng.usize(..5) == 0 {
                "博士"
            } else {
                "硕士"
            }
            .to_owned(),
        ),
        programme: Some(pick(rng, programmes).to_owned()),
        sex: Some(sex),
        phone: Some(format!(
            "1{}{:09}",
            rng.u32(3..=9),
            rng.u32(..1_000_000_000)
        )),
        mailing_batch: Some(format!("第{}批", index % 3 + 1)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_ids_are_valid_and_match_the_sex() {
        let mut rng = fastrand::Rng::with_seed(7);
        for i in 0..500 {
            let sex = if i % 2 == 0 { Sex::Male } else { Sex::Female };
            assert_eq!(id_number(&mut rng, sex).sex(), sex);
        }
    }

    #[test]
    fn students_are_deterministic_for_a_seed() {
        let a = student(&mut fastrand::Rng::with_seed(3), 0, Sex::Female);
        let b = student(&mut fastrand::Rng::with_seed(3), 0, Sex::Female);
        assert_eq!(a, b);
        assert!(!a.name.is_empty());
    }
}
