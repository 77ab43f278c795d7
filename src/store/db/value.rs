//! The values that cross the seam: parameters going into SQL and columns coming out, the same
//! for `SQLite` and `PostgreSQL`.

use super::error::{DbError, DbResult};

/// One SQL value. Integers, booleans and times (unix seconds) travel as `Int`.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Int(i64),
    Real(f64),
    Text(String),
    Blob(Vec<u8>),
}

/// A type that can be bound as a parameter.
pub trait ToValue {
    fn to_value(&self) -> Value;
}

/// A type that a column can be read into.
pub trait FromValue: Sized {
    fn from_value(value: &Value) -> Result<Self, String>;
}

macro_rules! int_values {
    ($($t:ty),*) => {$(
        impl ToValue for $t {
            fn to_value(&self) -> Value {
                i64::try_from(*self).map_or(Value::Int(i64::MAX), Value::Int)
            }
        }
        impl FromValue for $t {
            fn from_value(value: &Value) -> Result<Self, String> {
                match value {
                    Value::Int(i) => <$t>::try_from(*i)
                        .map_err(|_| format!("{i} is out of range for {}", stringify!($t))),
                    other => Err(format!("expected an integer, found {}", other.kind())),
                }
            }
        }
    )*};
}
int_values!(i64, i32, u32, u64, usize, u8, u16, i16);

impl ToValue for bool {
    fn to_value(&self) -> Value {
        Value::Int(i64::from(*self))
    }
}

impl FromValue for bool {
    fn from_value(value: &Value) -> Result<Self, String> {
        match value {
            Value::Int(i) => Ok(*i != 0),
            other => Err(format!("expected a boolean, found {}", other.kind())),
        }
    }
}

impl ToValue for f64 {
    fn to_value(&self) -> Value {
        Value::Real(*self)
    }
}

impl ToValue for f32 {
    fn to_value(&self) -> Value {
        Value::Real(f64::from(*self))
    }
}

impl FromValue for f64 {
    fn from_value(value: &Value) -> Result<Self, String> {
        match value {
            Value::Real(f) => Ok(*f),
            #[allow(clippy::cast_precision_loss)]
            Value::Int(i) => Ok(*i as f64),
            other => Err(format!("expected a number, found {}", other.kind())),
        }
    }
}

impl FromValue for f32 {
    fn from_value(value: &Value) -> Result<Self, String> {
        #[allow(clippy::cast_possible_truncation)]
        f64::from_value(value).map(|f| f as f32)
    }
}

impl ToValue for str {
    fn to_value(&self) -> Value {
        Value::Text(self.to_owned())
    }
}

impl ToValue for String {
    fn to_value(&self) -> Value {
        Value::Text(self.clone())
    }
}

impl FromValue for String {
    fn from_value(value: &Value) -> Result<Self, String> {
        match value {
            Value::Text(s) => Ok(s.clone()),
            other => Err(format!("expected text, found {}", other.kind())),
        }
    }
}

impl ToValue for [u8] {
    fn to_value(&self) -> Value {
        Value::Blob(self.to_vec())
    }
}

impl ToValue for Vec<u8> {
    fn to_value(&self) -> Value {
        Value::Blob(self.clone())
    }
}

impl FromValue for Vec<u8> {
    fn from_value(value: &Value) -> Result<Self, String> {
        match value {
            Value::Blob(b) => Ok(b.clone()),
            other => Err(format!("expected bytes, found {}", other.kind())),
        }
    }
}

impl<T: ToValue> ToValue for Option<T> {
    fn to_value(&self) -> Value {
        self.as_ref().map_or(Value::Null, ToValue::to_value)
    }
}

impl<T: FromValue> FromValue for Option<T> {
    fn from_value(value: &Value) -> Result<Self, String> {
        match value {
            Value::Null => Ok(None),
            other => T::from_value(other).map(Some),
        }
    }
}

impl<T: ToValue + ?Sized> ToValue for &T {
    fn to_value(&self) -> Value {
        (**self).to_value()
    }
}

impl ToValue for Value {
    fn to_value(&self) -> Value {
        self.clone()
    }
}

impl FromValue for Value {
    fn from_value(value: &Value) -> Result<Self, String> {
        Ok(value.clone())
    }
}

impl Value {
    fn kind(&self) -> &'static str {
        match self {
            Self::Null => "NULL",
            Self::Int(_) => "an integer",
            Self::Real(_) => "a real number",
            Self::Text(_) => "text",
            Self::Blob(_) => "bytes",
        }
    }
}

/// The parameters of one statement.
pub trait Params {
    fn into_values(self) -> Vec<Value>;
}

impl Params for () {
    fn into_values(self) -> Vec<Value> {
        Vec::new()
    }
}

impl<T: ToValue, const N: usize> Params for [T; N] {
    fn into_values(self) -> Vec<Value> {
        self.iter().map(ToValue::to_value).collect()
    }
}

impl Params for &[&dyn ToValue] {
    fn into_values(self) -> Vec<Value> {
        self.iter().map(ToValue::to_value).collect()
    }
}

impl Params for Vec<Value> {
    fn into_values(self) -> Vec<Value> {
        self
    }
}

/// Parameters of mixed types, as `params![a, b, c]`.
#[macro_export]
macro_rules! db_params {
    () => { () };
    ($($v:expr),+ $(,)?) => {
        &[$(&$v as &dyn $crate::store::db::ToValue),+] as &[&dyn $crate::store::db::ToValue]
    };
}
pub use crate::db_params as params;

/// An index into a row's columns.
pub trait RowIndex {
    fn index(self) -> usize;
}

impl RowIndex for usize {
    fn index(self) -> usize {
        self
    }
}

/// One result row, read out of the driver.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    values: Vec<Value>,
}

impl Row {
    pub fn new(values: Vec<Value>) -> Self {
        Self { values }
    }

    /// Column `idx` as `T`; a type mismatch is an error naming the column.
    pub fn get<I: RowIndex, T: FromValue>(&self, idx: I) -> DbResult<T> {
        let i = idx.index();
        let value = self
            .values
            .get(i)
            .ok_or_else(|| DbError::Conversion(format!("no column {i}")))?;
        T::from_value(value).map_err(|e| DbError::Conversion(format!("column {i}: {e}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_round_trip_and_mismatches_are_errors() {
        let row = Row::new(vec![
            7_i64.to_value(),
            Value::Null,
            "x".to_value(),
            true.to_value(),
            Value::Real(1.5),
        ]);
        assert_eq!(row.get::<_, u32>(0).unwrap(), 7);
        assert_eq!(row.get::<_, Option<i64>>(1).unwrap(), None);
        assert_eq!(row.get::<_, String>(2).unwrap(), "x");
        assert!(row.get::<_, bool>(3).unwrap());
        assert!((row.get::<_, f64>(4).unwrap() - 1.5).abs() < 1e-12);
        assert!(row.get::<_, i64>(2).is_err());
        assert!(row.get::<_, String>(1).is_err());
        assert!(row.get::<_, i64>(9).is_err());
        assert!(Row::new(vec![Value::Int(-1)]).get::<_, u32>(0).is_err());
    }
}
