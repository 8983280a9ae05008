//! `KeyPairSelection`: what a caller may ask for, checked against the
//! vendored schema before any query text is built.

use backendai_fields::{keypair, Selection, ServerVersion};
use backendai_schema::{keypair_list, KeyPairSelection, SchemaGeneration, SelectionError};

fn parse(text: &str) -> Result<String, SelectionError> {
    KeyPairSelection::parse(text).map(|selection| selection.as_str().to_owned())
}

#[test]
fn normal_form_folds_commas_and_whitespace() {
    assert_eq!(
        parse("  access_key,\n\tuser_info{full_name,email}  is_active ").unwrap(),
        "access_key user_info { full_name email } is_active"
    );
    let selection: KeyPairSelection = "secret_key".parse().unwrap();
    assert_eq!(selection.to_string(), "secret_key");
}

#[test]
fn from_refs_joins_field_references() {
    let selection =
        KeyPairSelection::from_refs(["user_id", "user_info { full_name }", "access_key"]).unwrap();
    assert_eq!(
        selection.as_str(),
        "user_id user_info { full_name } access_key"
    );
    assert_eq!(
        KeyPairSelection::from_refs(Vec::<String>::new()),
        Err(SelectionError::Empty)
    );
}

#[test]
fn the_26_schema_allows_its_fields_for_a_26_server_only() {
    let newer = "access_key is_default rolling_count";
    let for_26 = KeyPairSelection::parse_for(newer, SchemaGeneration::V26_09).unwrap();
    assert_eq!(for_26.as_str(), newer);
    let refs =
        KeyPairSelection::from_refs_for(["access_key", "is_default"], SchemaGeneration::V26_09)
            .unwrap();
    assert_eq!(refs.as_str(), "access_key is_default");
    for error in [
        KeyPairSelection::parse(newer).unwrap_err(),
        KeyPairSelection::parse_for(newer, SchemaGeneration::V23_09).unwrap_err(),
        KeyPairSelection::from_refs(["is_default"]).unwrap_err(),
    ] {
        assert!(
            matches!(&error, SelectionError::UnknownField { field, .. } if field == "is_default" || field == "rolling_count"),
            "{error:?}"
        );
    }
    // Every 23.09 selection is a 26.9 selection too.
    let all = KeyPairSelection::all();
    assert_eq!(
        KeyPairSelection::parse_for(all.as_str(), SchemaGeneration::V26_09).unwrap(),
        all
    );
}

#[test]
fn the_catalogue_and_the_schema_agree_on_what_a_server_may_be_asked() {
    // What the keypair crate does: catalogue availability for the server, then the schema
    // of the server's generation.
    let newer = keypair::fields()
        .resolve("access_key,is_default,rolling_count")
        .unwrap();
    let v26 =
        ServerVersion::new("v9.20250722".parse().unwrap()).with_manager("26.9.6".parse().unwrap());
    let text = Selection::new(&newer, &v26).unwrap().to_graphql();
    let generation = SchemaGeneration::for_server(&v26);
    assert_eq!(
        KeyPairSelection::parse_for(&text, generation)
            .unwrap()
            .as_str(),
        "access_key is_default rolling_count"
    );
    let v23 = ServerVersion::new("v7.20230615".parse().unwrap())
        .with_manager("23.09.10".parse().unwrap());
    assert!(Selection::new(&newer, &v23).is_err());
    assert_eq!(SchemaGeneration::for_server(&v23), SchemaGeneration::V23_09);
}

#[test]
fn all_is_the_fragment_selection_and_the_default() {
    let all = KeyPairSelection::all();
    assert_eq!(KeyPairSelection::default(), all);
    assert_eq!(KeyPairSelection::parse(all.as_str()).unwrap(), all);
    assert!(keypair_list::QUERY.contains(&format!("fragment KeyPairFields on KeyPair {{ {all} }}")));
    for field in [
        "secret_key",
        "user_info { email full_name }",
        "last_used",
        "user",
    ] {
        assert!(all.as_str().contains(field), "{field}");
    }
    assert!(!all.as_str().contains("concurrency_limit"));
}

#[test]
fn only_the_chosen_fields_are_requested() {
    let selection = KeyPairSelection::parse("access_key is_active").unwrap();
    let query = keypair_list::render(&selection);
    assert!(
        query.contains("items { access_key is_active } total_count"),
        "{query}"
    );
    assert!(
        !query.contains("secret_key") && !query.contains("fragment"),
        "{query}"
    );
}

#[test]
fn every_kind_of_mistake_is_a_typed_error() {
    let unknown = |type_name: &str, field: &str| SelectionError::UnknownField {
        type_name: type_name.to_owned(),
        field: field.to_owned(),
    };
    let cases = [
        ("", SelectionError::Empty),
        (" , ", SelectionError::Empty),
        ("modified_at", unknown("KeyPair", "modified_at")),
        (
            "access_key ssh_private_key",
            unknown("KeyPair", "ssh_private_key"),
        ),
        ("user_info { phone }", unknown("UserInfo", "phone")),
        ("__typename", unknown("KeyPair", "__typename")),
        (
            "user_info",
            SelectionError::MissingSubselection {
                field: "user_info".to_owned(),
                type_name: "UserInfo".to_owned(),
            },
        ),
        (
            "access_key { x }",
            SelectionError::UnexpectedSubselection {
                field: "access_key".to_owned(),
                type_name: "String".to_owned(),
            },
        ),
        (
            "user_info { }",
            SelectionError::EmptySubselection {
                field: "user_info".to_owned(),
            },
        ),
        ("user_info { email", SelectionError::UnclosedBrace),
        (
            "access_key }",
            SelectionError::UnmatchedCloseBrace { offset: 11 },
        ),
        (
            "{ access_key }",
            SelectionError::UnexpectedOpenBrace { offset: 0 },
        ),
        (
            "alias: access_key",
            SelectionError::UnexpectedCharacter {
                found: ':',
                offset: 5,
            },
        ),
        (
            "compute_sessions(status: \"RUNNING\") { id }",
            SelectionError::UnexpectedCharacter {
                found: '(',
                offset: 16,
            },
        ),
        (
            "...KeyPairFields",
            SelectionError::UnexpectedCharacter {
                found: '.',
                offset: 0,
            },
        ),
        (
            "access_key } query { x",
            SelectionError::UnmatchedCloseBrace { offset: 11 },
        ),
        (
            "is_active @include(if: true)",
            SelectionError::UnexpectedCharacter {
                found: '@',
                offset: 10,
            },
        ),
        (
            "access_key # comment",
            SelectionError::UnexpectedCharacter {
                found: '#',
                offset: 11,
            },
        ),
        (
            "clé",
            SelectionError::UnexpectedCharacter {
                found: 'é',
                offset: 2,
            },
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(KeyPairSelection::parse(text), Err(expected), "{text:?}");
    }
}

#[test]
fn nested_object_fields_are_checked_too() {
    assert_eq!(
        parse("vfolders { name host } compute_sessions { id status }").unwrap(),
        "vfolders { name host } compute_sessions { id status }"
    );
    assert!(matches!(
        parse("vfolders { no_such_field }"),
        Err(SelectionError::UnknownField { ref type_name, .. }) if type_name == "VirtualFolder"
    ));
}

#[test]
fn errors_say_what_is_wrong() {
    let error = KeyPairSelection::parse("modified_at").unwrap_err();
    assert_eq!(
        error.to_string(),
        "type `KeyPair` has no field `modified_at`"
    );
    let error = KeyPairSelection::parse("user_info").unwrap_err();
    assert_eq!(
        error.to_string(),
        "field `user_info` of type `UserInfo` needs a sub-selection"
    );
}

#[test]
fn nesting_is_bounded() {
    // ComputeSession.dependencies is a ComputeSession: a cycle.
    let nested = |levels: usize| {
        format!(
            "compute_sessions {{ {}id{} }}",
            "dependencies { ".repeat(levels),
            " }".repeat(levels)
        )
    };
    assert!(KeyPairSelection::parse(&nested(7)).is_ok());
    assert_eq!(
        KeyPairSelection::parse(&nested(8)),
        Err(SelectionError::TooDeep { max: 8 })
    );
    assert_eq!(
        KeyPairSelection::parse(&nested(10_000)),
        Err(SelectionError::TooDeep { max: 8 })
    );
}
