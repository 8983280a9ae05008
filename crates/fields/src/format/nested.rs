use serde_json::{Map, Value};

use super::{decode_json_string, DefaultFormatter, OutputFormatter};
use crate::python;

/// Shows a `JSONString` holding nested objects as an indented outline
/// (Python's `NestedDictOutputFormatter`).
///
/// Console: `+ key` for a non-empty object (its members indented by two spaces),
/// `+ key: (empty)`, `- key: value`, `- key: (null)`, and `shmem` sizes humanized.
/// JSON: the decoded object. A string that does not hold JSON is shown as it is,
/// and a decoded value that is not an object uses the default forms (Python raises).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NestedDictFormatter;

fn outline(map: &Map<String, Value>) -> String {
    if map.is_empty() {
        return "(empty)".to_owned();
    }
    let mut rows = Vec::new();
    for (key, value) in map {
        match value {
            Value::Object(inner) if inner.is_empty() => rows.push(format!("+ {key}: (empty)")),
            Value::Object(inner) => {
                rows.push(format!("+ {key}"));
                rows.extend(outline(inner).lines().map(|line| format!("  {line}")));
            }
            Value::Null => rows.push(format!("- {key}: (null)")),
            other => {
                let text = match (key.as_str(), python::as_float(other)) {
                    ("shmem", Some(bytes)) => python::natural_size(bytes),
                    _ => leaf_text(other),
                };
                rows.push(format!("- {key}: {text}"));
            }
        }
    }
    rows.join("\n")
}

fn leaf_text(value: &Value) -> String {
    match value {
        Value::Array(_) => DefaultFormatter::console_text(value),
        scalar => python::scalar_str(scalar),
    }
}

impl OutputFormatter for NestedDictFormatter {
    fn format_console(&self, value: &Value) -> String {
        match decode_json_string(value) {
            Some(Value::Object(map)) => outline(&map),
            Some(other) => DefaultFormatter.format_console(&other),
            None => DefaultFormatter.format_console(value),
        }
    }

    fn format_json(&self, value: &Value) -> Value {
        decode_json_string(value).unwrap_or_else(|| value.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn outlines_nested_objects() {
        let value = json!(
            r#"{"cuda": {"shmem": 1073741824, "model": "A100", "opts": {}}, "cpu": null, "x": {"y": {"z": true}}}"#
        );
        assert_eq!(
            NestedDictFormatter.format_console(&value),
            "+ cuda\n  - shmem: 1.0G\n  - model: A100\n  + opts: (empty)\n- cpu: (null)\n+ x\n  + y\n    - z: True"
        );
    }

    #[test]
    fn empty_and_null() {
        assert_eq!(NestedDictFormatter.format_console(&json!("{}")), "(empty)");
        assert_eq!(NestedDictFormatter.format_console(&json!(null)), "(null)");
        assert_eq!(NestedDictFormatter.format_json(&json!(null)), Value::Null);
    }

    #[test]
    fn json_is_the_decoded_object() {
        let value = json!(r#"{"a": {"b": 1}}"#);
        assert_eq!(
            NestedDictFormatter.format_json(&value),
            json!({"a": {"b": 1}})
        );
        // Already decoded values pass through.
        assert_eq!(
            NestedDictFormatter.format_json(&json!({"a": 1})),
            json!({"a": 1})
        );
    }

    #[test]
    fn malformed_values_do_not_crash() {
        assert_eq!(
            NestedDictFormatter.format_console(&json!("not json")),
            "not json"
        );
        assert_eq!(
            NestedDictFormatter.format_json(&json!("not json")),
            json!("not json")
        );
        assert_eq!(
            NestedDictFormatter.format_console(&json!("[1, 2]")),
            "[1, 2]"
        );
        assert_eq!(
            NestedDictFormatter.format_console(&json!(r#"{"shmem": "big"}"#)),
            "- shmem: big"
        );
        assert_eq!(
            NestedDictFormatter.format_console(&json!(r#"{"l": [1, "a"]}"#)),
            "- l: [1, a]"
        );
    }
}
