//! Formatters: how one field's value is shown to people (console) and to programs (JSON).
//!
//! They follow the Python SDK's `client/output/formatters.py`, with guards where
//! Python crashes on a `null` or malformed value (listed in the crate docs).

mod default;
mod nested;
mod size;
mod slots;
mod subfield;

use std::fmt;

use serde_json::Value;

pub use default::DefaultFormatter;
pub use nested::NestedDictFormatter;
pub use size::{MiBytesFormatter, SizeBytesFormatter};
pub use slots::ResourceSlotFormatter;
pub use subfield::SubFieldFormatter;

/// Turns a field's raw response value into console text and into JSON output.
pub trait OutputFormatter: fmt::Debug + Send + Sync {
    /// The text shown in console tables.
    fn format_console(&self, value: &Value) -> String;
    /// The value written in JSON output.
    fn format_json(&self, value: &Value) -> Value;
}

/// A JSON string holding JSON (the `JSONString` scalar) decoded, or the value as it is.
///
/// `None` when the value is a string that does not hold JSON.
fn decode_json_string(value: &Value) -> Option<Value> {
    match value {
        Value::String(text) => serde_json::from_str(text).ok(),
        other => Some(other.clone()),
    }
}
