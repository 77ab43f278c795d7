//! The words of the printed documents (sheets, packing lists) in both languages.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use crate::domain::campaign::format_local;
use crate::domain::lang::Lang;
use crate::domain::production::Standing;

pub struct DocTexts {
    pub sheets: &'static str,
    pub packing_list: &'static str,
    pub campaign: &'static str,
    pub school: &'static str,
    pub batch: &'static str,
    pub no_batch: &'static str,
    pub made_at: &'static str,
    pub made_by: &'static str,
    pub roster: &'static str,
    pub in_envelope: &'static str,
    pub not_in_envelope: &'static str,
    pub programme: &'static str,
    pub name: &'static str,
    pub student_no: &'static str,
    pub id_masked: &'static str,
    pub contents: &'static str,
    pub status: &'static str,
    pub detail: &'static str,
    pub copies: &'static str,
    pub withdraw: &'static str,
    pub reprint: &'static str,
}

const ZH: DocTexts = DocTexts {
    sheets: "相片打印页",
    packing_list: "装袋清单",
    campaign: "采集批次",
    school: "学校/学院",
    batch: "邮寄批次",
    no_batch: "未分批",
    made_at: "制作时间",
    made_by: "制作人",
    roster: "名单人数",
    in_envelope: "本袋装入",
    not_in_envelope: "未装入本袋",
    programme: "专业",
    name: "姓名",
    student_no: "学号",
    id_masked: "证件号（部分隐藏）",
    contents: "袋内物品",
    status: "状态",
    detail: "说明",
    copies: "张",
    withdraw: "已打印的相片不再有效，请从信封中取出",
    reprint: "重印",
};

const EN: DocTexts = DocTexts {
    sheets: "Print sheets",
    packing_list: "Packing list",
    campaign: "Campaign",
    school: "School",
    batch: "Mailing batch",
    no_batch: "no batch",
    made_at: "Made at",
    made_by: "Made by",
    roster: "On the roster",
    in_envelope: "In this envelope",
    not_in_envelope: "Not in this envelope",
    programme: "Programme",
    name: "Name",
    student_no: "Student no.",
    id_masked: "ID number (masked)",
    contents: "Contents",
    status: "Status",
    detail: "Detail",
    copies: "prints",
    withdraw: "printed photo no longer approved: take it out of the envelope",
    reprint: "reprint",
};

pub fn doc_texts(lang: Lang) -> &'static DocTexts {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}

/// The status of a roster student as the packing list says it.
pub fn standing_label(s: Standing, lang: Lang) -> &'static str {
    match s {
        Standing::InEnvelope => lang.pick("装入本袋", "in this envelope"),
        Standing::PrintedEarlier { .. } => {
            lang.pick("已随前次寄出", "sent with an earlier envelope")
        }
        Standing::ApprovedNotPrinted => lang.pick("已通过，待打印", "approved, not printed yet"),
        Standing::AwaitingReview => lang.pick("待审核", "awaiting review"),
        Standing::RejectedWaiting { .. } => lang.pick(
            "审核不通过，等待重新上传",
            "rejected, waiting for a new photo",
        ),
        Standing::CollectionFailed { makeup: Some(_) } => lang.pick(
            "采集不成功，已约补拍",
            "collection failed, make-up shoot booked",
        ),
        Standing::CollectionFailed { makeup: None } => lang.pick(
            "采集不成功，未约补拍",
            "collection failed, no make-up shoot booked",
        ),
        Standing::CollectedOffline => lang.pick(
            "线下采集（护照/港澳台通行证）",
            "collected offline (passport / HK-Macau-Taiwan permit)",
        ),
        Standing::NoUpload => lang.pick("尚未上传", "no photo uploaded"),
    }
}

/// The time that goes with a status (due time, make-up shoot, earlier print), local time.
pub fn standing_detail(s: Standing, tz: Tz, lang: Lang) -> String {
    let local = |at: DateTime<Utc>| format_local(at, tz);
    match s {
        Standing::RejectedWaiting { due: Some(due) } => {
            format!(
                "{} {}",
                lang.pick("重新上传截止", "new photo due"),
                local(due)
            )
        }
        Standing::CollectionFailed { makeup: Some(at) } => {
            format!("{} {}", lang.pick("补拍", "make-up shoot"), local(at))
        }
        Standing::PrintedEarlier { at } => {
            format!("{} {}", lang.pick("打印于", "printed"), local(at))
        }
        _ => String::new(),
    }
}
