//! `BigInt`: an integer that the manager sends as a JSON float once it leaves
//! the 32-bit range (`4294967296.0`).

use super::ScalarError;
use serde::{de, Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// 2^63: the first float above the range of `i64`.
const I64_END: f64 = 9_223_372_036_854_775_808.0;

/// A `BigInt` value.
///
/// ```
/// use backendai_schema::scalars::BigInt;
///
/// let size: BigInt = serde_json::from_str("4294967296.0").unwrap();
/// assert_eq!(size.get(), 4_294_967_296);
/// assert!(serde_json::from_str::<BigInt>("1.5").is_err());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BigInt(i64);

impl BigInt {
    /// The value.
    pub fn get(self) -> i64 {
        self.0
    }
}

impl From<i64> for BigInt {
    fn from(value: i64) -> Self {
        Self(value)
    }
}

impl TryFrom<f64> for BigInt {
    type Error = ScalarError;

    /// Accepts a float only if it is a whole number in the range of `i64`.
    fn try_from(value: f64) -> Result<Self, Self::Error> {
        if value.fract() == 0.0 && (-I64_END..I64_END).contains(&value) {
            // Exact: a whole number in range.
            #[allow(clippy::cast_possible_truncation)]
            Ok(Self(value as i64))
        } else {
            Err(ScalarError::BigInt { value })
        }
    }
}

impl fmt::Display for BigInt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl Serialize for BigInt {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_i64(self.0)
    }
}

impl<'de> Deserialize<'de> for BigInt {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(BigIntVisitor)
    }
}

struct BigIntVisitor;

impl de::Visitor<'_> for BigIntVisitor {
    type Value = BigInt;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an integer, possibly written as a whole float")
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<BigInt, E> {
        Ok(BigInt(value))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<BigInt, E> {
        i64::try_from(value)
            .map(BigInt)
            .map_err(|_| E::invalid_value(de::Unexpected::Unsigned(value), &self))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<BigInt, E> {
        BigInt::try_from(value).map_err(ScalarError::into_serde)
    }
}
