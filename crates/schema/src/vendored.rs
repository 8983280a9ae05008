//! The vendored schemas and the fields of their types, read from the SDL at build time:
//! `schema/manager-23.09.10.graphql`, which the operations are generated from, and
//! `schema/manager-26.9.6.graphql`, the newest manager's. [`crate::SchemaGeneration`]
//! chooses between them.

/// The manager release the 23.09 schema was dumped from.
pub const MANAGER_VERSION: &str = "23.09.10";

/// The 23.09 schema, as SDL text.
pub const SCHEMA: &str = include_str!("../../../schema/manager-23.09.10.graphql");

/// The manager release the 26.9 schema was dumped from.
pub const MANAGER_VERSION_26: &str = "26.9.6";

/// The 26.9 schema, as SDL text: the manager's dump without its Apollo federation header
/// (`scripts/refresh-schema-26`), so it still uses `@key` and `@shareable` without
/// declaring them.
pub const SCHEMA_26: &str = include_str!("../../../schema/manager-26.9.6.graphql");

mod table {
    include!(concat!(env!("OUT_DIR"), "/type_table.rs"));
}

mod table_26 {
    include!(concat!(env!("OUT_DIR"), "/type_table_26.rs"));
}

/// The types of one schema, as the build read them.
pub(crate) struct TypeTable {
    /// Fields of every object and interface type, sorted by type name.
    composites: &'static [(&'static str, &'static [(&'static str, &'static str)])],
    /// Names of the union types, sorted.
    unions: &'static [&'static str],
    /// Fields of `KeyPair`, in schema order.
    pub(crate) keypair: &'static [(&'static str, &'static str)],
}

/// The 23.09 schema's types.
pub(crate) static TABLE_23: TypeTable = TypeTable {
    composites: table::COMPOSITE_TYPES,
    unions: table::UNION_TYPES,
    keypair: table::KEYPAIR_FIELDS,
};

/// The 26.9 schema's types.
pub(crate) static TABLE_26: TypeTable = TypeTable {
    composites: table_26::COMPOSITE_TYPES,
    unions: table_26::UNION_TYPES,
    keypair: table_26::KEYPAIR_FIELDS,
};

impl TypeTable {
    /// The fields of an object or interface type; `None` for any other name.
    pub(crate) fn type_fields(
        &self,
        type_name: &str,
    ) -> Option<&'static [(&'static str, &'static str)]> {
        self.composites
            .binary_search_by(|(name, _)| (*name).cmp(type_name))
            .ok()
            .map(|index| self.composites[index].1)
    }

    /// Whether `type_name` is a union type.
    pub(crate) fn is_union(&self, type_name: &str) -> bool {
        self.unions.binary_search(&type_name).is_ok()
    }
}

/// The fields of the 23.09 schema's `KeyPair` type, in schema order, as
/// `(field name, type)` where the type is written as in SDL: `"String"`,
/// `"DateTime"`, `"[String]"`, `"UserInfo"`. The 26.9 schema's:
/// [`crate::SchemaGeneration::keypair_type_fields`].
///
/// ```
/// let fields = backendai_schema::keypair_type_fields();
/// assert!(fields.contains(&("projects", "[String]")));
/// assert!(!fields.iter().any(|(name, _)| *name == "modified_at"));
/// assert!(!fields.iter().any(|(name, _)| *name == "is_default"));
/// ```
pub fn keypair_type_fields() -> &'static [(&'static str, &'static str)] {
    TABLE_23.keypair
}

/// The fields of an object or interface type of the 23.09 schema, as in
/// [`keypair_type_fields`]; `None` for any other name.
pub fn type_fields(type_name: &str) -> Option<&'static [(&'static str, &'static str)]> {
    TABLE_23.type_fields(type_name)
}

/// The named type inside a type reference: `"[String]!"` gives `"String"`.
pub(crate) fn named_type(type_ref: &str) -> &str {
    type_ref.trim_matches(|c| matches!(c, '[' | ']' | '!'))
}
