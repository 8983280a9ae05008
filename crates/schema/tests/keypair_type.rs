//! The build-time table of the vendored schema's types agrees with an
//! independent SDL parser, and has every field the keypair selection uses.

use apollo_compiler::{schema::ExtendedType, Schema};
use backendai_schema::{keypair_type_fields, vendored, KeyPairSelection};

fn fields_by_apollo(type_name: &str) -> Vec<(String, String)> {
    let schema = Schema::parse_and_validate(vendored::SCHEMA, "schema.graphql").unwrap();
    match schema.types.get(type_name) {
        Some(ExtendedType::Object(object)) => object
            .fields
            .iter()
            .map(|(name, field)| (name.to_string(), field.ty.to_string()))
            .collect(),
        other => panic!("{type_name}: not an object type: {other:?}"),
    }
}

fn as_owned(fields: &[(&str, &str)]) -> Vec<(String, String)> {
    fields
        .iter()
        .map(|(name, ty)| ((*name).to_owned(), (*ty).to_owned()))
        .collect()
}

#[test]
fn keypair_fields_match_an_independent_parser() {
    assert_eq!(as_owned(keypair_type_fields()), fields_by_apollo("KeyPair"));
    assert_eq!(
        as_owned(vendored::type_fields("UserInfo").unwrap()),
        fields_by_apollo("UserInfo")
    );
}

#[test]
fn keypair_type_has_every_field_of_the_full_selection() {
    let names: Vec<&str> = keypair_type_fields()
        .iter()
        .map(|(name, _)| *name)
        .collect();
    let mut depth = 0;
    let mut parent = None;
    for token in KeyPairSelection::all().as_str().split(' ') {
        match token {
            "{" => depth += 1,
            "}" => depth -= 1,
            name if depth == 0 => {
                assert!(names.contains(&name), "KeyPair lacks {name}");
                parent = Some(name);
            }
            name => {
                assert_eq!(parent, Some("user_info"), "{name}");
                let user_info = vendored::type_fields("UserInfo").unwrap();
                assert!(
                    user_info.iter().any(|(field, _)| *field == name),
                    "UserInfo lacks {name}"
                );
            }
        }
    }
}

#[test]
fn keypair_type_as_the_catalogue_sees_it() {
    let fields = keypair_type_fields();
    for expected in [
        ("user_id", "String"),
        ("created_at", "DateTime"),
        ("last_used", "DateTime"),
        ("rate_limit", "Int"),
        ("user", "UUID"),
        ("projects", "[String]"),
        ("user_info", "UserInfo"),
        ("concurrency_limit", "Int"),
    ] {
        assert!(fields.contains(&expected), "{expected:?}");
    }
    for missing in [
        "modified_at",
        "ssh_private_key",
        "dotfiles",
        "bootstrap_script",
    ] {
        assert!(
            !fields.iter().any(|(name, _)| *name == missing),
            "{missing}"
        );
    }
    assert_eq!(vendored::type_fields("KeyPair"), Some(fields));
    assert_eq!(
        vendored::type_fields("KeyPairList").unwrap(),
        &[("items", "[KeyPair]!"), ("total_count", "Int!")]
    );
    assert_eq!(vendored::type_fields("String"), None);
    assert_eq!(vendored::type_fields("NoSuchType"), None);
    assert_eq!(vendored::MANAGER_VERSION, "23.09.10");
}
