use serde_json::Value;

use super::{DefaultFormatter, OutputFormatter};

/// Shows one member of an object value, e.g. `full_name` of `user_info { full_name }`
/// (Python's `SubFieldOutputFormatter`).
///
/// Unlike Python, a `null` or non-object value, or a missing member, reads as
/// `null` (console `(null)`) instead of crashing the listing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SubFieldFormatter {
    name: String,
}

impl SubFieldFormatter {
    /// Shows the member `name`.
    pub fn new(name: impl Into<String>) -> Self {
        Self { name: name.into() }
    }

    /// The member shown.
    pub fn name(&self) -> &str {
        &self.name
    }

    fn member<'v>(&self, value: &'v Value) -> &'v Value {
        value.get(&self.name).unwrap_or(&Value::Null)
    }
}

impl OutputFormatter for SubFieldFormatter {
    fn format_console(&self, value: &Value) -> String {
        DefaultFormatter.format_console(self.member(value))
    }

    fn format_json(&self, value: &Value) -> Value {
        DefaultFormatter.format_json(self.member(value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn shows_the_member() {
        let f = SubFieldFormatter::new("full_name");
        let value = json!({"full_name": "Admin Lablup", "email": "a@b"});
        assert_eq!(f.format_console(&value), "Admin Lablup");
        assert_eq!(f.format_json(&value), json!("Admin Lablup"));
        assert_eq!(f.name(), "full_name");
    }

    #[test]
    fn member_values_use_the_default_forms() {
        let f = SubFieldFormatter::new("tags");
        assert_eq!(f.format_console(&json!({"tags": ["a", "b"]})), "[a, b]");
        assert_eq!(f.format_console(&json!({"tags": []})), "(empty)");
    }

    #[test]
    fn null_or_missing_reads_as_null() {
        // Python: TypeError: 'NoneType' object is not subscriptable.
        let f = SubFieldFormatter::new("full_name");
        for value in [
            json!(null),
            json!({}),
            json!({"full_name": null}),
            json!("x"),
            json!([1]),
        ] {
            assert_eq!(f.format_console(&value), "(null)", "{value}");
            assert_eq!(f.format_json(&value), Value::Null, "{value}");
        }
    }
}
