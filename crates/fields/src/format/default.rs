use serde_json::Value;

use super::OutputFormatter;
use crate::python;

/// The default formatter (Python's `OutputFormatter`).
///
/// Console: `null` is `(null)`, an empty list or object is `(empty)`, objects are
/// `{k: v, …}` and lists `[a, b]` (recursively, without quotes), booleans
/// `True`/`False` and numbers as Python prints them. JSON: the value unchanged.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DefaultFormatter;

impl DefaultFormatter {
    /// The console text of any JSON value.
    pub fn console_text(value: &Value) -> String {
        match value {
            Value::Null => "(null)".to_owned(),
            Value::Array(items) if items.is_empty() => "(empty)".to_owned(),
            Value::Object(map) if map.is_empty() => "(empty)".to_owned(),
            Value::Object(map) => {
                let entries: Vec<String> = map
                    .iter()
                    .map(|(k, v)| format!("{k}: {}", Self::console_text(v)))
                    .collect();
                format!("{{{}}}", entries.join(", "))
            }
            Value::Array(items) => {
                let entries: Vec<String> = items.iter().map(Self::console_text).collect();
                format!("[{}]", entries.join(", "))
            }
            scalar => python::scalar_str(scalar),
        }
    }
}

impl OutputFormatter for DefaultFormatter {
    fn format_console(&self, value: &Value) -> String {
        Self::console_text(value)
    }

    fn format_json(&self, value: &Value) -> Value {
        value.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn console(value: Value) -> String {
        DefaultFormatter.format_console(&value)
    }

    #[test]
    fn scalars_print_like_python_str() {
        assert_eq!(console(json!(null)), "(null)");
        assert_eq!(console(json!(true)), "True");
        assert_eq!(console(json!(false)), "False");
        assert_eq!(console(json!(10000)), "10000");
        assert_eq!(console(json!(-1)), "-1");
        assert_eq!(console(json!(1.0)), "1.0");
        assert_eq!(console(json!(1e16)), "1e+16");
        assert_eq!(console(json!("")), "");
        assert_eq!(console(json!("한글 User")), "한글 User");
    }

    #[test]
    fn containers_print_without_quotes() {
        assert_eq!(console(json!([])), "(empty)");
        assert_eq!(console(json!({})), "(empty)");
        assert_eq!(
            console(json!(["default", "model-store"])),
            "[default, model-store]"
        );
        assert_eq!(console(json!({"cpu": "1", "mem": 2})), "{cpu: 1, mem: 2}");
        assert_eq!(
            console(json!({"a": [null, [], {}], "b": {"c": true}})),
            "{a: [(null), (empty), (empty)], b: {c: True}}"
        );
    }

    #[test]
    fn objects_keep_server_key_order() {
        let value: Value = serde_json::from_str(r#"{"z": 1, "a": 2}"#).unwrap();
        assert_eq!(console(value), "{z: 1, a: 2}");
    }

    #[test]
    fn json_is_the_value_itself() {
        for value in [json!(null), json!(1.5), json!({"a": [1, "x"]}), json!("s")] {
            assert_eq!(DefaultFormatter.format_json(&value), value);
        }
    }
}
