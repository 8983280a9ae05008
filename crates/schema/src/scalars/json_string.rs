//! `JSONString`: a string whose content is JSON.

use super::ScalarError;
use serde_json::Value;
use std::fmt;

/// A `JSONString` value: the string as sent and the JSON it contains.
///
/// ```
/// use backendai_schema::scalars::JsonString;
///
/// let slots: JsonString = serde_json::from_str(r#""{\"cpu\": \"4\", \"mem\": \"17179869184\"}""#).unwrap();
/// assert_eq!(slots.value()["cpu"], "4");
/// assert_eq!(slots.as_str(), r#"{"cpu": "4", "mem": "17179869184"}"#);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct JsonString {
    raw: String,
    value: Value,
}

impl JsonString {
    /// Decodes the JSON in `text`.
    pub fn parse(text: &str) -> Result<Self, ScalarError> {
        let value =
            serde_json::from_str(text).map_err(|source| ScalarError::JsonString { source })?;
        Ok(Self {
            raw: text.to_owned(),
            value,
        })
    }

    /// A value to send, encoded as compact JSON.
    pub fn from_value(value: Value) -> Self {
        Self {
            raw: value.to_string(),
            value,
        }
    }

    /// The string as sent.
    pub fn as_str(&self) -> &str {
        &self.raw
    }

    /// The decoded JSON.
    pub fn value(&self) -> &Value {
        &self.value
    }

    /// The decoded JSON, by value.
    pub fn into_value(self) -> Value {
        self.value
    }
}

impl fmt::Display for JsonString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.raw)
    }
}

super::text_scalar!(JsonString);
