//! The workspace's crates depend only downwards (ARCHITECTURE.md), read from `cargo metadata`.

use std::path::Path;
use std::process::Command;

use backendai_tests::layering::{DependencyKind, Layer, MayUse, Violation, Workspace, LAYERS};

fn cargo_metadata() -> String {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR")).join("../Cargo.toml");
    let output = Command::new(cargo)
        .args([
            "metadata",
            "--format-version",
            "1",
            "--no-deps",
            "--offline",
        ])
        .arg("--manifest-path")
        .arg(&manifest)
        .output()
        .expect("cargo metadata runs");
    assert!(
        output.status.success(),
        "cargo metadata failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("cargo metadata prints UTF-8")
}

#[test]
fn the_workspace_follows_the_layering_table() {
    let workspace = Workspace::from_metadata_json(&cargo_metadata()).expect("metadata parses");
    // The check is only meaningful if it saw every crate of the table.
    let names = workspace.package_names();
    for layer in LAYERS {
        assert!(
            names.contains(layer.package),
            "{} missing from the workspace",
            layer.package
        );
    }
    let violations = workspace.violations(LAYERS);
    let listed: Vec<String> = violations.iter().map(ToString::to_string).collect();
    assert!(
        violations.is_empty(),
        "layering violations:\n{}",
        listed.join("\n")
    );
}

/// `(dependency, kind)`, the kind as `cargo metadata` spells it (`None` for normal).
type Dep<'a> = (&'a str, Option<&'a str>);
/// `(package, its dependencies)`.
type Pkg<'a> = (&'a str, &'a [Dep<'a>]);

/// A made-up `cargo metadata` document whose packages are all workspace members.
fn metadata(packages: &[Pkg]) -> String {
    let packages: Vec<serde_json::Value> = packages
        .iter()
        .map(|(name, deps)| {
            let deps: Vec<serde_json::Value> = deps
                .iter()
                .map(|(dep, kind)| serde_json::json!({"name": dep, "kind": kind, "req": "*"}))
                .collect();
            serde_json::json!({
                "id": format!("path+file:///ws#{name}@0.1.0"),
                "name": name,
                "version": "0.1.0",
                "dependencies": deps,
            })
        })
        .collect();
    let members: Vec<serde_json::Value> = packages.iter().map(|p| p["id"].clone()).collect();
    serde_json::json!({"packages": packages, "workspace_members": members, "version": 1})
        .to_string()
}

fn violations_of(packages: &[Pkg]) -> Vec<Violation> {
    Workspace::from_metadata_json(&metadata(packages))
        .expect("made-up metadata parses")
        .violations(LAYERS)
}

fn edge(from: &str, to: &str, kind: DependencyKind) -> Violation {
    Violation::ForbiddenEdge {
        from: from.into(),
        to: to.into(),
        kind,
    }
}

#[test]
fn an_upward_edge_is_reported() {
    let found = violations_of(&[
        (
            "backendai-transport",
            &[("backendai-keypair", None), ("reqwest", None)],
        ),
        ("backendai-keypair", &[("backendai-transport", None)]),
    ]);
    assert_eq!(
        found,
        [edge(
            "backendai-transport",
            "backendai-keypair",
            DependencyKind::Normal
        )]
    );
    assert!(found[0]
        .to_string()
        .contains("backendai-transport has a dependency on backendai-keypair"));
}

#[test]
fn sideways_dev_and_build_edges_are_reported() {
    let found = violations_of(&[
        ("backendai-fields", &[("backendai-transport", Some("dev"))]),
        (
            "backendai-schema",
            &[("backendai-transport", Some("build"))],
        ),
        ("backendai-transport", &[]),
    ]);
    assert_eq!(
        found,
        [
            edge(
                "backendai-fields",
                "backendai-transport",
                DependencyKind::Dev
            ),
            edge(
                "backendai-schema",
                "backendai-transport",
                DependencyKind::Build
            ),
        ]
    );
}

#[test]
fn downward_edges_and_external_crates_pass() {
    let found = violations_of(&[
        ("backendai-fields", &[("serde", None)]),
        ("backendai-schema", &[("backendai-fields", None)]),
        ("backendai-transport", &[("tokio", Some("dev"))]),
        (
            "backendai-keypair",
            &[
                ("backendai-schema", None),
                ("backendai-transport", Some("dev")),
            ],
        ),
        (
            "backendai-cli",
            &[("backendai-keypair", None), ("backendai-schema", None)],
        ),
        ("backendai-tests", &[("backendai-cli", Some("dev"))]),
    ]);
    assert_eq!(found, []);
}

#[test]
fn a_crate_may_depend_on_itself_for_test_features() {
    let found = violations_of(&[
        (
            "backendai-transport",
            &[("backendai-transport", Some("dev"))],
        ),
        ("backendai-fields", &[("backendai-fields", Some("dev"))]),
    ]);
    assert_eq!(found, []);
}

#[test]
fn the_test_kit_serves_only_as_a_dev_dependency() {
    let found = violations_of(&[
        ("backendai-transport", &[("backendai-testkit", Some("dev"))]),
        ("backendai-keypair", &[("backendai-testkit", None)]),
        ("backendai-cli", &[("backendai-testkit", Some("build"))]),
        ("backendai-fields", &[("backendai-testkit", Some("dev"))]),
        ("backendai-testkit", &[("backendai-transport", None)]),
    ]);
    assert_eq!(
        found,
        [
            edge("backendai-cli", "backendai-testkit", DependencyKind::Build),
            edge("backendai-fields", "backendai-testkit", DependencyKind::Dev),
            edge(
                "backendai-keypair",
                "backendai-testkit",
                DependencyKind::Normal
            ),
        ]
    );
}

#[test]
fn a_crate_missing_from_the_table_is_reported() {
    let found = violations_of(&[("backendai-extra", &[])]);
    assert_eq!(
        found,
        [Violation::UnknownPackage {
            name: "backendai-extra".into()
        }]
    );
}

#[test]
fn the_rule_is_data_that_can_change() {
    // Same edge, two tables: only the table decides.
    let workspace =
        Workspace::from_metadata_json(&metadata(&[("a", &[("b", None)]), ("b", &[])])).unwrap();
    let strict = [
        Layer {
            package: "a",
            may_use: MayUse::Only(&[]),
            tested_with: &[],
        },
        Layer {
            package: "b",
            may_use: MayUse::Only(&[]),
            tested_with: &[],
        },
    ];
    let loose = [
        Layer {
            package: "a",
            may_use: MayUse::Anything,
            tested_with: &[],
        },
        Layer {
            package: "b",
            may_use: MayUse::Only(&[]),
            tested_with: &[],
        },
    ];
    assert_eq!(
        workspace.violations(&strict),
        [edge("a", "b", DependencyKind::Normal)]
    );
    assert_eq!(workspace.violations(&loose), []);
}

#[test]
fn packages_outside_the_workspace_are_ignored() {
    let json = serde_json::json!({
        "packages": [{"id": "registry#reqwest@0.12.0", "name": "reqwest", "dependencies": []}],
        "workspace_members": [],
    })
    .to_string();
    let workspace = Workspace::from_metadata_json(&json).unwrap();
    assert!(workspace.package_names().is_empty());
}

#[test]
fn malformed_metadata_is_a_typed_error() {
    let err = Workspace::from_metadata_json(r#"{"packages": 3}"#).unwrap_err();
    assert!(err.to_string().contains("cargo metadata"), "{err}");
    assert!(std::error::Error::source(&err).is_some());
    let unknown_kind = metadata(&[("backendai-fields", &[("x", Some("weird"))])]);
    assert!(Workspace::from_metadata_json(&unknown_kind).is_err());
}
