//! Roster entries: who is expected to upload a photo.

use serde::{Deserialize, Serialize};

use super::id_number::IdNumber;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    Male,
    Female,
}

impl Sex {
    pub fn code(self) -> &'static str {
        match self {
            Self::Male => "male",
            Self::Female => "female",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "male" => Some(Self::Male),
            "female" => Some(Self::Female),
            _ => None,
        }
    }

    /// Parses a roster cell: 男/女, M/F, male/female (case-insensitive).
    pub fn parse_cell(cell: &str) -> Option<Self> {
        match cell.trim().to_ascii_lowercase().as_str() {
            "男" | "m" | "male" | "1" => Some(Self::Male),
            "女" | "f" | "female" | "2" => Some(Self::Female),
            _ => None,
        }
    }
}

/// The identity document a student is registered with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentType {
    /// 居民身份证: the only document the mini-program accepts.
    MainlandId,
    /// 港澳居民来往内地通行证
    HongKongMacauPermit,
    /// 台湾居民来往大陆通行证
    TaiwanPermit,
    /// 护照
    Passport,
    /// Any other document named by the registrar.
    Other(String),
}

impl DocumentType {
    /// Students with any document but a mainland ID are photographed offline and never queued.
    pub fn collected_offline(&self) -> bool {
        !matches!(self, Self::MainlandId)
    }

    /// Stable code stored in the database.
    pub fn code(&self) -> &str {
        match self {
            Self::MainlandId => "mainland_id",
            Self::HongKongMacauPermit => "hk_macau_permit",
            Self::TaiwanPermit => "taiwan_permit",
            Self::Passport => "passport",
            Self::Other(name) => name,
        }
    }

    pub fn from_code(code: &str) -> Self {
        match code {
            "mainland_id" => Self::MainlandId,
            "hk_macau_permit" => Self::HongKongMacauPermit,
            "taiwan_permit" => Self::TaiwanPermit,
            "passport" => Self::Passport,
            other => Self::Other(other.to_owned()),
        }
    }

    /// Parses a roster cell such as 居民身份证, 护照 or "passport"; empty means mainland ID.
    pub fn parse_cell(cell: &str) -> Self {
        let c = cell.trim();
        let lower = c.to_ascii_lowercase();
        if c.is_empty()
            || c.contains("身份证")
            || lower.contains("resident id")
            || lower == "id card"
        {
            Self::MainlandId
        } else if c.contains("港澳") || lower.contains("hong kong") || lower.contains("macau") {
            Self::HongKongMacauPermit
        } else if c.contains("台湾") || c.contains("台胞") || lower.contains("taiwan") {
            Self::TaiwanPermit
        } else if c.contains("护照") || lower.contains("passport") {
            Self::Passport
        } else {
            Self::Other(c.to_owned())
        }
    }
}

/// One roster row, validated. Mainland students always carry a valid [`IdNumber`];
/// students collected offline keep their document number as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Student {
    pub name: String,
    /// Normalised document number (validated GB 11643 number for mainland IDs).
    pub id_number: String,
    pub doc_type: DocumentType,
    pub student_no: Option<String>,
    pub school: Option<String>,
    pub degree: Option<String>,
    pub programme: Option<String>,
    pub sex: Option<Sex>,
    pub phone: Option<String>,
    pub mailing_batch: Option<String>,
}

impl Student {
    /// A mainland student with only the required fields, for uploads and tests.
    pub fn mainland(name: &str, id: &IdNumber) -> Self {
        Self {
            name: name.to_owned(),
            id_number: id.as_str().to_owned(),
            doc_type: DocumentType::MainlandId,
            student_no: None,
            school: None,
            degree: None,
            programme: None,
            sex: Some(id.sex()),
            phone: None,
            mailing_batch: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn document_cells_map_to_types() {
        assert_eq!(
            DocumentType::parse_cell("居民身份证"),
            DocumentType::MainlandId
        );
        assert_eq!(DocumentType::parse_cell(""), DocumentType::MainlandId);
        assert_eq!(
            DocumentType::parse_cell("港澳居民来往内地通行证"),
            DocumentType::HongKongMacauPermit
        );
        assert_eq!(
            DocumentType::parse_cell("台湾居民来往大陆通行证"),
            DocumentType::TaiwanPermit
        );
        assert_eq!(DocumentType::parse_cell("Passport"), DocumentType::Passport);
        assert!(DocumentType::parse_cell("护照").collected_offline());
        assert!(!DocumentType::parse_cell("身份证").collected_offline());
    }

    #[test]
    fn document_codes_round_trip() {
        for d in [
            DocumentType::MainlandId,
            DocumentType::HongKongMacauPermit,
            DocumentType::TaiwanPermit,
            DocumentType::Passport,
            DocumentType::Other("军官证".into()),
        ] {
            assert_eq!(DocumentType::from_code(d.code()), d);
        }
    }

    #[test]
    fn sex_cells() {
        assert_eq!(Sex::parse_cell("男"), Some(Sex::Male));
        assert_eq!(Sex::parse_cell(" F "), Some(Sex::Female));
        assert_eq!(Sex::parse_cell("?"), None);
    }
}
