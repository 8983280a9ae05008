//! [`Record`]: anything whose fields the renderers can read by spec.

use std::borrow::Cow;

use secrecy::{ExposeSecret, SecretString};
use serde_json::Value;

use crate::spec::FieldSpec;

/// One field's value as a [`Record`] hands it to the renderers.
#[derive(Clone, Debug)]
pub enum FieldValue<'a> {
    /// A JSON value, as the server sent it (or as a typed value serializes).
    Json(Cow<'a, Value>),
    /// A secret: shown only where output is rendered on purpose (a table cell, a JSON
    /// document), and never by `Debug`.
    Secret(&'a SecretString),
}

impl FieldValue<'_> {
    /// A JSON `null`.
    pub const NULL: FieldValue<'static> = FieldValue::Json(Cow::Owned(Value::Null));

    /// Calls `f` with the value as JSON. A secret is exposed only for the call.
    fn with_json<T>(&self, f: impl FnOnce(&Value) -> T) -> T {
        match self {
            FieldValue::Json(value) => f(value),
            FieldValue::Secret(secret) => f(&Value::String(secret.expose_secret().to_owned())),
        }
    }
}

impl From<Value> for FieldValue<'_> {
    fn from(value: Value) -> Self {
        FieldValue::Json(Cow::Owned(value))
    }
}

impl<'a> From<&'a Value> for FieldValue<'a> {
    fn from(value: &'a Value) -> Self {
        FieldValue::Json(Cow::Borrowed(value))
    }
}

/// An object whose fields are read by [`FieldSpec`], for the console and JSON renderers
/// ([`crate::render`]): a raw response object ([`Item`](crate::Item)) or an entity's
/// typed value.
///
/// ```
/// use backendai_fields::{FieldSpec, FieldValue, Record};
///
/// struct Named(&'static str);
///
/// impl Record for Named {
///     fn field(&self, spec: &FieldSpec) -> Option<FieldValue<'_>> {
///         (spec.field_name() == "name").then(|| serde_json::json!(self.0).into())
///     }
/// }
///
/// let name = FieldSpec::new("name");
/// assert_eq!(Named("Kim").format_console(&name), "Kim");
/// assert_eq!(Named("Kim").format_json(&FieldSpec::new("other")), None);
/// ```
pub trait Record {
    /// The value of `spec`'s field; `None` when the record has no such field.
    fn field(&self, spec: &FieldSpec) -> Option<FieldValue<'_>>;

    /// The console text of `spec`'s field (`(null)` when absent).
    fn format_console(&self, spec: &FieldSpec) -> String {
        self.field(spec)
            .unwrap_or(FieldValue::NULL)
            .with_json(|value| spec.format_console(value))
    }

    /// The JSON output of `spec`'s field, `None` when the record lacks it.
    fn format_json(&self, spec: &FieldSpec) -> Option<Value> {
        self.field(spec)
            .map(|value| value.with_json(|value| spec.format_json(value)))
    }
}

impl<R: Record + ?Sized> Record for &R {
    fn field(&self, spec: &FieldSpec) -> Option<FieldValue<'_>> {
        (**self).field(spec)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::{self, JsonStyle};
    use crate::TableOptions;

    const SECRET: &str = "s3cr3t-value-for-the-record-test";

    /// A record with one secret field and one plain one.
    struct Keys {
        access_key: &'static str,
        secret_key: SecretString,
    }

    impl Record for Keys {
        fn field(&self, spec: &FieldSpec) -> Option<FieldValue<'_>> {
            match spec.field_name() {
                "access_key" => Some(Value::from(self.access_key).into()),
                "secret_key" => Some(FieldValue::Secret(&self.secret_key)),
                _ => None,
            }
        }
    }

    fn keys() -> Keys {
        Keys {
            access_key: "AKIA1",
            secret_key: SecretString::from(SECRET),
        }
    }

    #[test]
    fn a_secret_is_shown_only_in_the_output_written() {
        let fields = [FieldSpec::new("access_key"), FieldSpec::new("secret_key")];
        let table = render::item_table(&keys(), &fields, &TableOptions::new());
        assert!(table.contains(SECRET), "{table}");
        let json = render::item_json(Some(&keys()), &fields, JsonStyle::Utf8);
        assert!(json.contains(SECRET), "{json}");
        let record = keys();
        let value = record.field(&fields[1]).unwrap();
        let shown = format!("{value:?} {value:#?}");
        assert!(!shown.contains(SECRET), "{shown}");
    }

    #[test]
    fn a_field_the_record_lacks_is_left_out_of_items_and_null_in_tables() {
        let other = FieldSpec::new("other");
        assert_eq!(keys().format_json(&other), None);
        assert_eq!(keys().format_console(&other), "(null)");
        let table = render::item_table(&keys(), &[other], &TableOptions::new());
        assert!(!table.contains("Other"), "{table}");
    }
}
