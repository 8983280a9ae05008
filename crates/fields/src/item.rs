//! [`Item`]: one response object, read back by field spec.

use std::fmt;

use serde_json::{Map, Value};

use crate::record::{FieldValue, Record};
use crate::spec::FieldSpec;

/// One object of a response (a keypair, say), its keys in server order.
///
/// Values are read by [`FieldSpec`] (through its `field_name`), so any field the
/// caller selected can be shown, whatever typed view the upper crates decode.
///
/// `Debug` hides the values of secret-looking keys (`secret_key`,
/// `ssh_private_key`, anything with `secret`, `password`, `private_key` or `token`
/// in its name), at any depth.
///
/// ```
/// use backendai_fields::{keypair, Item, Record};
/// use serde_json::json;
///
/// let item = Item::try_from(json!({"access_key": "AKIA1", "user_info": {"full_name": "Kim"}}))?;
/// let full_name = keypair::fields().get("full_name").unwrap();
/// assert_eq!(item.format_console(full_name), "Kim");
/// assert_eq!(item.get(full_name), Some(&json!({"full_name": "Kim"})));
/// # Ok::<(), backendai_fields::NotAnObject>(())
/// ```
#[derive(Clone, PartialEq, Default)]
pub struct Item {
    map: Map<String, Value>,
}

impl Item {
    /// An item from a response object.
    pub fn new(map: Map<String, Value>) -> Self {
        Self { map }
    }

    /// The raw value of `spec`'s field, if the response has it.
    pub fn get(&self, spec: &FieldSpec) -> Option<&Value> {
        self.map.get(spec.field_name())
    }

    /// The raw value of `spec`'s field, `null` when the response lacks it.
    pub fn get_or_null(&self, spec: &FieldSpec) -> &Value {
        self.get(spec).unwrap_or(&Value::Null)
    }

    /// The whole object.
    pub fn as_map(&self) -> &Map<String, Value> {
        &self.map
    }

    /// The whole object, by value.
    pub fn into_map(self) -> Map<String, Value> {
        self.map
    }
}

impl Record for Item {
    fn field(&self, spec: &FieldSpec) -> Option<FieldValue<'_>> {
        self.get(spec).map(FieldValue::from)
    }
}

impl From<Map<String, Value>> for Item {
    fn from(map: Map<String, Value>) -> Self {
        Self::new(map)
    }
}

impl TryFrom<Value> for Item {
    type Error = NotAnObject;

    fn try_from(value: Value) -> Result<Self, Self::Error> {
        match value {
            Value::Object(map) => Ok(Self::new(map)),
            other => Err(NotAnObject {
                found: json_kind(&other),
            }),
        }
    }
}

/// A response value that should have been an object.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("expected a JSON object, found {found}")]
pub struct NotAnObject {
    found: &'static str,
}

impl NotAnObject {
    /// What was found instead: `null`, `a boolean`, `a number`, `a string` or `an array`.
    pub fn found(&self) -> &'static str {
        self.found
    }
}

fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn is_secret_key(key: &str) -> bool {
    let key = key.to_ascii_lowercase();
    ["secret", "password", "private_key", "token"]
        .iter()
        .any(|word| key.contains(word))
}

/// A value printed with the values of secret-looking keys hidden.
struct Redacted<'a>(&'a Value);

impl fmt::Debug for Redacted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Value::Object(map) => debug_redacted(map, f),
            Value::Array(items) => f.debug_list().entries(items.iter().map(Redacted)).finish(),
            scalar => fmt::Debug::fmt(scalar, f),
        }
    }
}

/// Writes `map` as a debug map, hiding the values of secret-looking keys.
pub(crate) fn debug_redacted(map: &Map<String, Value>, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    let mut out = f.debug_map();
    for (key, value) in map {
        if is_secret_key(key) && !value.is_null() {
            out.entry(key, &format_args!("** redacted **"));
        } else {
            out.entry(key, &Redacted(value));
        }
    }
    out.finish()
}

impl fmt::Debug for Item {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Item ")?;
        debug_redacted(&self.map, f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::SubFieldFormatter;
    use serde_json::json;

    fn item(value: Value) -> Item {
        Item::try_from(value).unwrap()
    }

    #[test]
    fn reads_values_by_field_name() {
        let it = item(json!({"user_info": {"full_name": "Kim"}, "rate_limit": 5000}));
        let full_name = FieldSpec::new("user_info { full_name }")
            .with_alt_name("full_name")
            .with_formatter(SubFieldFormatter::new("full_name"));
        assert_eq!(it.format_console(&full_name), "Kim");
        assert_eq!(it.format_json(&full_name), Some(json!("Kim")));
        let rate = FieldSpec::new("rate_limit");
        assert_eq!(it.get(&rate), Some(&json!(5000)));
        assert_eq!(it.format_console(&rate), "5000");
    }

    #[test]
    fn absent_fields_are_null_on_the_console_and_none_in_json() {
        let it = item(json!({}));
        let spec = FieldSpec::new("last_used");
        assert_eq!(it.get(&spec), None);
        assert_eq!(it.get_or_null(&spec), &Value::Null);
        assert_eq!(it.format_console(&spec), "(null)");
        assert_eq!(it.format_json(&spec), None);
    }

    #[test]
    fn keeps_server_key_order() {
        let value: Value = serde_json::from_str(r#"{"b": 1, "a": 2, "c": 3}"#).unwrap();
        let it = item(value);
        assert_eq!(it.as_map().keys().collect::<Vec<_>>(), ["b", "a", "c"]);
        assert_eq!(it.clone().into_map().len(), 3);
        assert_eq!(Item::from(it.as_map().clone()), it);
    }

    #[test]
    fn only_objects_are_items() {
        for (value, found) in [
            (json!(null), "null"),
            (json!([]), "an array"),
            (json!("x"), "a string"),
            (json!(1), "a number"),
            (json!(true), "a boolean"),
        ] {
            let err = Item::try_from(value).unwrap_err();
            assert_eq!(err.found(), found);
            assert_eq!(
                err.to_string(),
                format!("expected a JSON object, found {found}")
            );
        }
    }

    #[test]
    fn debug_hides_secrets_at_any_depth() {
        let it = item(json!({
            "access_key": "AKIAVISIBLE",
            "secret_key": "s3cr3t-value-1",
            "ssh_private_key": "-----BEGIN s3cr3t-value-2",
            "keypair": {"secret_key": "s3cr3t-value-3", "list": [{"api_token": "s3cr3t-value-4"}]},
            "last_used": null
        }));
        let shown = format!("{it:?} {it:#?}");
        assert!(!shown.contains("s3cr3t"), "{shown}");
        assert!(shown.contains("AKIAVISIBLE"));
        assert!(shown.contains("** redacted **"));
        assert!(shown.starts_with("Item {"));
    }
}
