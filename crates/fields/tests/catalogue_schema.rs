//! The keypair catalogue against the manager's GraphQL schema: every field it can
//! send exists with the type it expects, the unsupported ones exist nowhere, and
//! every scalar field of `KeyPair` is catalogued.
//!
//! Both are the project's vendored schemas (`schema/` at the workspace root):
//! 23.09.10 and 26.9.6.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use backendai_fields::{keypair, Availability, FieldSpec};

/// Scalar fields of `KeyPair` deliberately left out of the catalogue.
const NOT_CATALOGUED: [(&str, &str); 2] = [
    (
        "full_name",
        "its key is taken by `user_info { full_name }`, as in the Python SDK",
    ),
    ("concurrency_limit", "deprecated, always 0"),
];

/// The GraphQL type each catalogued field is read as (what formatters and the
/// typed view assume).
const EXPECTED_TYPES: [(&str, &str); 18] = [
    ("id", "ID"),
    ("user_id", "String"),
    ("access_key", "String"),
    ("secret_key", "String"),
    ("is_active", "Boolean"),
    ("is_admin", "Boolean"),
    ("resource_policy", "String"),
    ("created_at", "DateTime"),
    ("last_used", "DateTime"),
    ("rate_limit", "Int"),
    ("num_queries", "Int"),
    ("user", "UUID"),
    ("projects", "[String]"),
    ("ssh_public_key", "String"),
    ("concurrency_used", "Int"),
    ("user_info", "UserInfo"),
    ("rolling_count", "Int"),
    ("is_default", "Boolean"),
];

const BUILTIN_SCALARS: [&str; 5] = ["String", "Int", "Float", "Boolean", "ID"];

/// The object types (name → field name → type) and scalar names of an SDL text.
struct Schema {
    types: BTreeMap<String, BTreeMap<String, String>>,
    scalars: BTreeSet<String>,
}

impl Schema {
    fn read(path: PathBuf) -> Schema {
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!("cannot read the schema {}: {e}", path.display());
        });
        Schema::parse(&text)
    }

    /// A small parser for `type X … { field(args): Type @directive }` blocks.
    fn parse(text: &str) -> Schema {
        let mut types = BTreeMap::new();
        let mut scalars: BTreeSet<String> = BUILTIN_SCALARS.iter().map(|s| s.to_string()).collect();
        let mut lines = text.lines();
        while let Some(line) = lines.next() {
            if let Some(rest) = line.strip_prefix("scalar ") {
                scalars.insert(rest.trim().to_owned());
            }
            let Some(rest) = line.strip_prefix("type ") else {
                continue;
            };
            let name = rest.split([' ', '{']).next().unwrap().to_owned();
            let mut fields = BTreeMap::new();
            let mut in_doc = false;
            let mut pending = String::new();
            for line in lines.by_ref() {
                let line = line.trim();
                if line == "}" {
                    break;
                }
                if line.starts_with("\"\"\"") {
                    let single = line.len() > 3 && line.ends_with("\"\"\"");
                    if !single {
                        in_doc = !in_doc;
                    }
                    continue;
                }
                if in_doc || line.is_empty() {
                    if in_doc && line.ends_with("\"\"\"") {
                        in_doc = false;
                    }
                    continue;
                }
                pending.push_str(line);
                pending.push(' ');
                if pending.matches('(').count() > pending.matches(')').count() {
                    continue;
                }
                let field = std::mem::take(&mut pending);
                let name_end = field.find(['(', ':']).expect("a field line has a name");
                // Skip the arguments, if any: the type follows their closing parenthesis.
                let after_args = if field[name_end..].starts_with('(') {
                    let close =
                        name_end + field[name_end..].find(')').expect("arguments are closed");
                    &field[close + 1..]
                } else {
                    &field[name_end..]
                };
                let ty = after_args
                    .trim_start_matches([':', ' '])
                    .split([' ', '@'])
                    .next()
                    .unwrap_or_default();
                fields.insert(
                    field[..name_end].trim().to_owned(),
                    ty.trim_end_matches('!').to_owned(),
                );
            }
            types.insert(name, fields);
        }
        Schema { types, scalars }
    }

    fn keypair(&self) -> &BTreeMap<String, String> {
        self.types
            .get("KeyPair")
            .expect("the schema has no `type KeyPair`")
    }

    /// A scalar or a list of scalars.
    fn is_scalar(&self, ty: &str) -> bool {
        let inner = ty
            .trim_start_matches('[')
            .trim_end_matches(']')
            .trim_end_matches('!');
        self.scalars.contains(inner)
    }
}

fn vendored_23_09() -> Schema {
    Schema::read(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../schema/manager-23.09.10.graphql"),
    )
}

fn vendored_26_09() -> Schema {
    Schema::read(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../schema/manager-26.9.6.graphql"),
    )
}

/// The names inside a `field_ref`'s braces (`user_info { full_name }` → `full_name`).
fn subselection(spec: &FieldSpec) -> Vec<&str> {
    match spec.field_ref().split_once('{') {
        Some((_, inner)) => inner
            .trim_end_matches([' ', '}'])
            .split_whitespace()
            .collect(),
        None => Vec::new(),
    }
}

/// Checks that `spec` can be selected on `KeyPair` in `schema` and has the expected type.
fn check_selectable(schema: &Schema, spec: &FieldSpec) -> Result<(), String> {
    let name = spec.field_name();
    let ty = schema
        .keypair()
        .get(name)
        .ok_or(format!("`{name}` is not a field of KeyPair"))?;
    let expected = EXPECTED_TYPES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, t)| *t)
        .ok_or(format!("no expected type written down for `{name}`"))?;
    if ty != expected {
        return Err(format!(
            "`{name}` is `{ty}`, the catalogue expects `{expected}`"
        ));
    }
    let members = subselection(spec);
    if members.is_empty() {
        if !schema.is_scalar(ty) {
            return Err(format!(
                "`{name}` is the object type `{ty}` but is selected without sub-fields"
            ));
        }
        return Ok(());
    }
    let object = schema.types.get(ty).ok_or(format!(
        "`{name}` has sub-fields but `{ty}` is not an object type"
    ))?;
    for member in members {
        let member_ty = object
            .get(member)
            .ok_or(format!("`{ty}` has no field `{member}`"))?;
        if !schema.is_scalar(member_ty) {
            return Err(format!("`{ty}.{member}` is not a scalar"));
        }
    }
    Ok(())
}

#[test]
fn the_parser_reads_the_keypair_type() {
    let schema = vendored_23_09();
    let keypair = schema.keypair();
    assert_eq!(
        keypair.get("compute_sessions").map(String::as_str),
        Some("[ComputeSession]")
    );
    assert_eq!(
        keypair.get("projects").map(String::as_str),
        Some("[String]")
    );
    assert_eq!(keypair.len(), 20);
    assert!(schema.scalars.contains("DateTime") && schema.scalars.contains("UUID"));
    // Arguments over several lines, with defaults and docstrings, are skipped.
    let queries = &schema.types["Queries"];
    assert_eq!(queries["node"], "AsyncNode");
    assert_eq!(queries["image"], "Image");
    assert_eq!(queries["keypair_list"], "KeyPairList");
    assert_eq!(vendored_26_09().keypair().len(), 22);
}

#[test]
fn every_field_available_on_23_09_is_selectable_there() {
    let schema = vendored_23_09();
    let mut checked = 0;
    for spec in keypair::fields()
        .iter()
        .filter(|s| s.availability() == Availability::Always)
    {
        check_selectable(&schema, spec).unwrap_or_else(|e| panic!("{}: {e}", spec.alt_name()));
        checked += 1;
    }
    assert_eq!(checked, 16);
}

#[test]
fn newer_fields_are_absent_from_23_09_and_selectable_on_26_09() {
    let old = vendored_23_09();
    let new = vendored_26_09();
    let newer: Vec<&FieldSpec> = keypair::fields()
        .iter()
        .filter(|s| matches!(s.availability(), Availability::Since(_)))
        .collect();
    assert_eq!(
        newer.iter().map(|s| s.alt_name()).collect::<Vec<_>>(),
        ["rolling_count", "is_default"]
    );
    for spec in newer {
        assert!(
            !old.keypair().contains_key(spec.field_name()),
            "{} exists in 23.09",
            spec.alt_name()
        );
        check_selectable(&new, spec).unwrap_or_else(|e| panic!("{}: {e}", spec.alt_name()));
    }
    // And everything 23.09 has is still there in 26.09.
    for spec in keypair::fields()
        .iter()
        .filter(|s| s.availability() == Availability::Always)
    {
        check_selectable(&new, spec).unwrap_or_else(|e| panic!("26.09 {}: {e}", spec.alt_name()));
    }
}

#[test]
fn unsupported_fields_exist_nowhere() {
    let unsupported: Vec<&str> = keypair::fields()
        .iter()
        .filter(|s| s.availability() == Availability::Unsupported)
        .map(|s| s.field_name())
        .collect();
    assert_eq!(
        unsupported,
        [
            "modified_at",
            "ssh_private_key",
            "dotfiles",
            "bootstrap_script"
        ]
    );
    for schema in [vendored_23_09(), vendored_26_09()] {
        for name in &unsupported {
            assert!(!schema.keypair().contains_key(*name), "{name} exists");
        }
    }
}

#[test]
fn every_scalar_field_is_catalogued() {
    let catalogued: BTreeSet<&str> = keypair::fields().iter().map(|s| s.field_name()).collect();
    for schema in [vendored_23_09(), vendored_26_09()] {
        for (name, ty) in schema.keypair() {
            if !schema.is_scalar(ty) || NOT_CATALOGUED.iter().any(|(n, _)| n == name) {
                continue;
            }
            assert!(
                catalogued.contains(name.as_str()),
                "KeyPair.{name}: {ty} is not catalogued"
            );
        }
    }
    for (name, why) in NOT_CATALOGUED {
        assert!(
            vendored_23_09().keypair().contains_key(name),
            "{name} ({why}) is no longer in the schema"
        );
    }
}
