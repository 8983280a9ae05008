//! The vendored schema (`schema/manager-23.09.10.graphql`) and the fields of
//! its types, read from the SDL at build time.

/// The manager release the vendored schema was dumped from.
pub const MANAGER_VERSION: &str = "23.09.10";

/// The vendored schema, as SDL text.
pub const SCHEMA: &str = include_str!("../../../schema/manager-23.09.10.graphql");

mod table {
    include!(concat!(env!("OUT_DIR"), "/type_table.rs"));
}

/// The fields of the schema's `KeyPair` type, in schema order, as
/// `(field name, type)` where the type is written as in SDL: `"String"`,
/// `"DateTime"`, `"[String]"`, `"UserInfo"`.
///
/// ```
/// let fields = backendai_schema::keypair_type_fields();
/// assert!(fields.contains(&("projects", "[String]")));
/// assert!(!fields.iter().any(|(name, _)| *name == "modified_at"));
/// ```
pub fn keypair_type_fields() -> &'static [(&'static str, &'static str)] {
    table::KEYPAIR_FIELDS
}

/// The fields of an object or interface type of the schema, as in
/// [`keypair_type_fields`]; `None` for any other name.
pub fn type_fields(type_name: &str) -> Option<&'static [(&'static str, &'static str)]> {
    table::COMPOSITE_TYPES
        .binary_search_by(|(name, _)| (*name).cmp(type_name))
        .ok()
        .map(|index| table::COMPOSITE_TYPES[index].1)
}

/// Whether `type_name` is a union type of the schema.
pub(crate) fn is_union(type_name: &str) -> bool {
    table::UNION_TYPES.binary_search(&type_name).is_ok()
}

/// The named type inside a type reference: `"[String]!"` gives `"String"`.
pub(crate) fn named_type(type_ref: &str) -> &str {
    type_ref.trim_matches(|c| matches!(c, '[' | ']' | '!'))
}
