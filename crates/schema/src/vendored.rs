//! The vendored schemas: `schema/manager-23.09.10.graphql`, which the operations are
//! generated from, and `schema/manager-26.9.6.graphql`, the newest manager's.
//! [`crate::SchemaGeneration`] names them.

/// The manager release the 23.09 schema was dumped from.
pub const MANAGER_VERSION: &str = "23.09.10";

/// The 23.09 schema, as SDL text.
pub const SCHEMA: &str = include_str!("../graphql/manager-23.09.10.graphql");

/// The manager release the 26.9 schema was dumped from.
pub const MANAGER_VERSION_26: &str = "26.9.6";

/// The 26.9 schema, as SDL text: the manager's dump without its Apollo federation header
/// (`scripts/refresh-schema-26`), so it still uses `@key` and `@shareable` without
/// declaring them.
pub const SCHEMA_26: &str = include_str!("../graphql/manager-26.9.6.graphql");

/// The 26.9 manager's v2 API schema (`/admin/gql/strawberry`), as SDL text, exactly as the
/// manager dumps it (`dump-gql-schema --v2`).
pub const SCHEMA_V2: &str = include_str!("../graphql/manager-26.9.6-v2.graphql");
