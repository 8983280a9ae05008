use serde_json::Value;

use super::{decode_json_string, DefaultFormatter, OutputFormatter};
use crate::python;

/// Shows a resource-slot `JSONString` such as `{"cpu": "1", "mem": "1073741824"}`
/// as `cpu:1, mem:1.0G` (Python's `ResourceSlotFormatter`); JSON gets the decoded object.
///
/// Unlike Python, `null` is `(null)`, an empty object is `(empty)` and a string that
/// does not hold an object uses the default forms.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ResourceSlotFormatter;

impl OutputFormatter for ResourceSlotFormatter {
    fn format_console(&self, value: &Value) -> String {
        let Some(Value::Object(slots)) = decode_json_string(value) else {
            return DefaultFormatter.format_console(value);
        };
        if slots.is_empty() {
            return DefaultFormatter.format_console(&Value::Object(slots));
        }
        let entries: Vec<String> = slots
            .iter()
            .map(|(key, slot)| {
                let text = match (key.as_str(), python::as_float(slot)) {
                    // Python humanizes only a truthy `mem`: the number 0 stays "0".
                    ("mem", Some(bytes)) if python::is_truthy(slot) => python::natural_size(bytes),
                    _ => python::scalar_str(slot),
                };
                format!("{key}:{text}")
            })
            .collect();
        entries.join(", ")
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
    fn slots_show_as_key_value_pairs_with_memory_humanized() {
        let value = json!(r#"{"cpu": "4", "mem": "17179869184", "cuda.shares": "0.5"}"#);
        assert_eq!(
            ResourceSlotFormatter.format_console(&value),
            "cpu:4, mem:16.0G, cuda.shares:0.5"
        );
        assert_eq!(
            ResourceSlotFormatter.format_json(&value),
            json!({"cpu": "4", "mem": "17179869184", "cuda.shares": "0.5"})
        );
    }

    #[test]
    fn zero_or_odd_memory_is_shown_as_is() {
        let value = json!(r#"{"mem": 0, "cpu": 1.0}"#);
        assert_eq!(
            ResourceSlotFormatter.format_console(&value),
            "mem:0, cpu:1.0"
        );
        // The string "0" is truthy in Python, so it is humanized.
        assert_eq!(
            ResourceSlotFormatter.format_console(&json!(r#"{"mem": "0"}"#)),
            "mem:0B"
        );
        assert_eq!(
            ResourceSlotFormatter.format_console(&json!(r#"{"mem": "lots"}"#)),
            "mem:lots"
        );
    }

    #[test]
    fn null_empty_and_malformed() {
        assert_eq!(ResourceSlotFormatter.format_console(&json!(null)), "(null)");
        assert_eq!(ResourceSlotFormatter.format_json(&json!(null)), Value::Null);
        assert_eq!(
            ResourceSlotFormatter.format_console(&json!("{}")),
            "(empty)"
        );
        assert_eq!(ResourceSlotFormatter.format_console(&json!("oops")), "oops");
        assert_eq!(
            ResourceSlotFormatter.format_json(&json!("oops")),
            json!("oops")
        );
    }
}
