//! [`FieldSpec`]: one GraphQL object field, how to ask for it and how to show it.

use std::sync::Arc;

use serde_json::Value;

use crate::availability::{Availability, Unavailable};
use crate::format::{DefaultFormatter, OutputFormatter};
use crate::set::FieldSet;
use backendai_version::ServerVersion;

/// Names the Python SDK humanizes by hand (`_predefined_humanized_field_names`).
const PREDEFINED_NAMES: [(&str, &str); 9] = [
    ("id", "ID"),
    ("uuid", "UUID"),
    ("group_id", "Group ID"),
    ("user_id", "User ID"),
    ("resource_policy", "Res.Policy"),
    ("concurrency_used", "Concur.Used"),
    ("fsprefix", "FS Prefix"),
    ("hardware_metadata", "HW Metadata"),
    ("performance_metric", "Perf.Metric"),
];

/// How to request one field of a GraphQL object and how to show its value.
///
/// Mirrors the Python SDK's `FieldSpec`: [`FieldSpec::new`] takes the `field_ref`
/// (the text spliced into the query) and derives the rest from its first word;
/// the `with_*` methods override them.
///
/// ```
/// use backendai_fields::{FieldSet, FieldSpec, SubFieldFormatter};
///
/// let active = FieldSpec::new("is_active");
/// assert_eq!(active.humanized_name(), "Active?");
///
/// let full_name = FieldSpec::new("user_info { full_name }")
///     .with_humanized_name("Full Name")
///     .with_alt_name("full_name")
///     .with_formatter(SubFieldFormatter::new("full_name"));
/// assert_eq!(full_name.field_name(), "user_info");
///
/// let info = FieldSpec::new("user_info")
///     .with_subfields(FieldSet::new([FieldSpec::new("email"), FieldSpec::new("full_name")])?);
/// assert_eq!(info.field_ref(), "user_info { email full_name }");
/// # Ok::<(), backendai_fields::FieldSetError>(())
/// ```
#[derive(Clone, Debug)]
pub struct FieldSpec {
    field_ref: String,
    humanized_name: String,
    field_name: String,
    alt_name: String,
    formatter: Arc<dyn OutputFormatter>,
    subfields: FieldSet,
    availability: Availability,
}

impl FieldSpec {
    /// A field requested as `field_ref`, e.g. `"access_key"` or `"user_info { full_name }"`.
    ///
    /// From the first word of `field_ref` it derives the `field_name` (the response
    /// key), the `alt_name` (lookup and JSON key) and the `humanized_name`: a
    /// predefined name (`resource_policy` → `Res.Policy`), or for `is_x` the words
    /// of `x` plus `?` (`is_active` → `Active?`), or the capitalized words
    /// (`ssh_public_key` → `Ssh Public Key`). The formatter is [`DefaultFormatter`]
    /// and the field is available on every supported server.
    pub fn new(field_ref: impl Into<String>) -> Self {
        let field_ref = field_ref.into();
        let first_word = first_word(&field_ref).to_owned();
        Self {
            humanized_name: humanize(&first_word),
            field_name: first_word.clone(),
            alt_name: first_word,
            field_ref,
            formatter: Arc::new(DefaultFormatter),
            subfields: FieldSet::default(),
            availability: Availability::Always,
        }
    }

    /// Sets the name shown in console headers.
    pub fn with_humanized_name(mut self, name: impl Into<String>) -> Self {
        self.humanized_name = name.into();
        self
    }

    /// Sets the response key. With sub-fields, the `field_ref` is rewritten to match.
    pub fn with_field_name(mut self, name: impl Into<String>) -> Self {
        self.field_name = name.into();
        self.rewrite_field_ref();
        self
    }

    /// Sets the key used for lookup in a [`FieldSet`] and in JSON output.
    pub fn with_alt_name(mut self, name: impl Into<String>) -> Self {
        self.alt_name = name.into();
        self
    }

    /// Sets the formatter.
    pub fn with_formatter(mut self, formatter: impl OutputFormatter + 'static) -> Self {
        self.formatter = Arc::new(formatter);
        self
    }

    /// Sets the sub-fields; a non-empty set rewrites the `field_ref` to
    /// `field_name { a b }` (each sub-field once, in order).
    pub fn with_subfields(mut self, subfields: FieldSet) -> Self {
        self.subfields = subfields;
        self.rewrite_field_ref();
        self
    }

    /// Sets where the field exists.
    pub fn with_availability(mut self, availability: Availability) -> Self {
        self.availability = availability;
        self
    }

    fn rewrite_field_ref(&mut self) {
        if self.subfields.is_empty() {
            return;
        }
        let inner: Vec<&str> = self.subfields.iter().map(FieldSpec::field_ref).collect();
        self.field_ref = format!("{} {{ {} }}", self.field_name, inner.join(" "));
    }

    /// The text spliced into queries; it may hold a sub-selection.
    pub fn field_ref(&self) -> &str {
        &self.field_ref
    }

    /// The name shown in console headers.
    pub fn humanized_name(&self) -> &str {
        &self.humanized_name
    }

    /// The key of the value in a response object.
    pub fn field_name(&self) -> &str {
        &self.field_name
    }

    /// The key for lookup in a [`FieldSet`] and in JSON output.
    pub fn alt_name(&self) -> &str {
        &self.alt_name
    }

    /// The formatter.
    pub fn formatter(&self) -> &dyn OutputFormatter {
        self.formatter.as_ref()
    }

    /// The sub-fields (empty for a scalar field).
    pub fn subfields(&self) -> &FieldSet {
        &self.subfields
    }

    /// Where the field exists.
    pub fn availability(&self) -> Availability {
        self.availability
    }

    /// Whether `server` has this field and every sub-field.
    pub fn check_available(&self, server: &ServerVersion) -> Result<(), Unavailable> {
        self.availability.check(server)?;
        self.subfields
            .iter()
            .try_for_each(|sub| sub.check_available(server))
    }

    /// The console text of `value` (this field's raw response value).
    pub fn format_console(&self, value: &Value) -> String {
        self.formatter.format_console(value)
    }

    /// The JSON output of `value` (this field's raw response value).
    pub fn format_json(&self, value: &Value) -> Value {
        self.formatter.format_json(value)
    }

    /// The identity used to tell specs apart: two specs are the same field when
    /// both their `alt_name` and `field_ref` agree.
    pub(crate) fn same_field(&self, other: &FieldSpec) -> bool {
        self.alt_name == other.alt_name && self.field_ref == other.field_ref
    }
}

fn first_word(field_ref: &str) -> &str {
    field_ref.split(' ').next().unwrap_or_default()
}

fn humanize(name: &str) -> String {
    if let Some((_, human)) = PREDEFINED_NAMES.iter().find(|(key, _)| *key == name) {
        return (*human).to_owned();
    }
    match name.strip_prefix("is_") {
        Some(rest) => format!("{}?", camel_words(rest)),
        None => camel_words(name),
    }
}

/// `ssh_public_key` → `Ssh Public Key`: each `_`-separated part gets an upper-case
/// first letter and keeps the rest.
fn camel_words(name: &str) -> String {
    let words: Vec<String> = name
        .split('_')
        .map(|word| {
            let mut chars = word.chars();
            match chars.next() {
                Some(first) => first.to_uppercase().chain(chars).collect(),
                None => String::new(),
            }
        })
        .collect();
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::SubFieldFormatter;
    use crate::Introduced;
    use backendai_version::{ApiVersion, ManagerRelease};
    use serde_json::json;

    #[test]
    fn names_derive_from_the_first_word() {
        let spec = FieldSpec::new("user_info { full_name }");
        assert_eq!(spec.field_ref(), "user_info { full_name }");
        assert_eq!(spec.field_name(), "user_info");
        assert_eq!(spec.alt_name(), "user_info");
        assert_eq!(spec.humanized_name(), "User Info");
    }

    #[test]
    fn humanized_names_follow_the_python_rules() {
        let cases = [
            ("id", "ID"),
            ("user_id", "User ID"),
            ("resource_policy", "Res.Policy"),
            ("concurrency_used", "Concur.Used"),
            ("hardware_metadata", "HW Metadata"),
            ("is_active", "Active?"),
            ("is_admin", "Admin?"),
            ("ssh_public_key", "Ssh Public Key"),
            ("created_at", "Created At"),
            ("rate_limit", "Rate Limit"),
            ("projects", "Projects"),
            ("num_queries", "Num Queries"),
            ("vCPU_count", "VCPU Count"),
            ("is_", "?"),
            ("a__b", "A  B"),
            ("", ""),
            ("ßeta", "SSeta"),
        ];
        for (name, want) in cases {
            assert_eq!(FieldSpec::new(name).humanized_name(), want, "{name}");
        }
    }

    #[test]
    fn builders_override_derived_values() {
        let spec = FieldSpec::new("user_info { full_name }")
            .with_humanized_name("Full Name")
            .with_alt_name("full_name")
            .with_formatter(SubFieldFormatter::new("full_name"));
        assert_eq!(spec.humanized_name(), "Full Name");
        assert_eq!(spec.alt_name(), "full_name");
        assert_eq!(spec.field_name(), "user_info");
        assert_eq!(spec.format_console(&json!({"full_name": "Kim"})), "Kim");
        assert_eq!(spec.format_json(&json!(null)), json!(null));
    }

    #[test]
    fn subfields_rewrite_the_field_ref_once_each() {
        let subfields = FieldSet::new([
            FieldSpec::new("id").with_alt_name("kernel_id"),
            FieldSpec::new("last_stat"),
        ])
        .unwrap();
        let spec = FieldSpec::new("containers").with_subfields(subfields);
        // Python repeats `id` here (its FieldSet yields the spec under both keys).
        assert_eq!(spec.field_ref(), "containers { id last_stat }");
        let renamed = spec.with_field_name("kernels");
        assert_eq!(renamed.field_ref(), "kernels { id last_stat }");
        assert_eq!(renamed.alt_name(), "containers");
    }

    #[test]
    fn empty_subfields_leave_the_field_ref_alone() {
        let spec = FieldSpec::new("x")
            .with_subfields(FieldSet::default())
            .with_field_name("y");
        assert_eq!(spec.field_ref(), "x");
        assert_eq!(spec.field_name(), "y");
    }

    #[test]
    fn availability_covers_subfields() {
        let server = ServerVersion::new(ApiVersion::new(7, 20230615));
        let newer = Availability::Since(Introduced::in_release(ManagerRelease::new(24, 9, 0)));
        let spec = FieldSpec::new("owner").with_subfields(
            FieldSet::new([
                FieldSpec::new("email"),
                FieldSpec::new("x").with_availability(newer),
            ])
            .unwrap(),
        );
        assert_eq!(spec.availability(), Availability::Always);
        assert!(matches!(
            spec.check_available(&server),
            Err(Unavailable::ReleaseUnknown { .. })
        ));
        assert_eq!(FieldSpec::new("email").check_available(&server), Ok(()));
    }
}
