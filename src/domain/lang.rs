//! The two languages of the product: Chinese (default) and English. Their texts live in the
//! catalogue ([`crate::i18n`]), never as pairs in code.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    Zh,
    En,
}
