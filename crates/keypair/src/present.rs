//! How the typed values (keypairs, policies) hand their fields to the renderers and to
//! `Debug`: from the generated structs, as JSON.

use std::fmt;

use backendai_fields::FieldValue;
use serde::Serialize;
use serde_json::Value;

/// A typed field as JSON. Strings, numbers, flags and the schema's scalars always
/// serialize; `null` stands in should one not.
pub(crate) fn json<T: Serialize>(value: &T) -> FieldValue<'static> {
    serde_json::to_value(value).unwrap_or(Value::Null).into()
}

/// Adds the selected (non-null) fields of a generated struct to a `Debug` map.
pub(crate) fn debug_selected<T: Serialize>(out: &mut fmt::DebugMap<'_, '_>, fields: &T) {
    if let Ok(Value::Object(fields)) = serde_json::to_value(fields) {
        for (name, value) in fields.iter().filter(|(_, value)| !value.is_null()) {
            out.entry(name, value);
        }
    }
}
