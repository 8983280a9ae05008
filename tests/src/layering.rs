//! The crate layering of `ARCHITECTURE.md` as data, checked against `cargo metadata`.
//!
//! Dependencies only point down the table: a workspace crate may depend (normal, build or
//! dev dependency) on the workspace crates its row lists, and on no other; its tests alone
//! (dev-dependencies) may also use the unpublished test kit its row names. External crates
//! are not the check's business.

use std::collections::BTreeSet;
use std::fmt;

use serde::Deserialize;

/// Which workspace crates one package may depend on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MayUse {
    /// Exactly these workspace packages.
    Only(&'static [&'static str]),
    /// Any workspace package (the integration-test package).
    Anything,
}

/// One row of the layering table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Layer {
    /// The package name, as in its `Cargo.toml`.
    pub package: &'static str,
    /// The workspace packages it may depend on.
    pub may_use: MayUse,
    /// Unpublished workspace packages its own tests may use (dev-dependencies only):
    /// the test kit, which sits above it because it builds on it.
    pub tested_with: &'static [&'static str],
}

/// The test kit: unpublished, used by the test suites only.
const TESTKIT: &[&str] = &["backendai-testkit"];

/// The table of `ARCHITECTURE.md` ("Crates and layering").
pub const LAYERS: &[Layer] = &[
    Layer {
        package: "backendai-version",
        may_use: MayUse::Only(&[]),
        tested_with: &[],
    },
    Layer {
        package: "backendai-fields",
        may_use: MayUse::Only(&["backendai-version"]),
        tested_with: &[],
    },
    Layer {
        package: "backendai-schema",
        may_use: MayUse::Only(&["backendai-version", "backendai-fields"]),
        tested_with: &[],
    },
    Layer {
        package: "backendai-transport",
        may_use: MayUse::Only(&["backendai-version"]),
        tested_with: TESTKIT,
    },
    Layer {
        package: "backendai-keypair",
        may_use: MayUse::Only(&[
            "backendai-version",
            "backendai-fields",
            "backendai-schema",
            "backendai-transport",
        ]),
        tested_with: TESTKIT,
    },
    Layer {
        package: "backendai-cli",
        may_use: MayUse::Only(&[
            "backendai-keypair",
            "backendai-fields",
            "backendai-schema",
            "backendai-transport",
        ]),
        tested_with: TESTKIT,
    },
    Layer {
        package: "backendai-testkit",
        may_use: MayUse::Only(&["backendai-version", "backendai-transport"]),
        tested_with: &[],
    },
    Layer {
        package: "backendai-bench",
        may_use: MayUse::Anything,
        tested_with: &[],
    },
    Layer {
        package: "backendai-tests",
        may_use: MayUse::Anything,
        tested_with: &[],
    },
];

/// How a package depends on another.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DependencyKind {
    /// `[dependencies]`
    #[serde(skip)]
    Normal,
    /// `[dev-dependencies]`
    Dev,
    /// `[build-dependencies]`
    Build,
}

impl fmt::Display for DependencyKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DependencyKind::Normal => "dependency",
            DependencyKind::Dev => "dev-dependency",
            DependencyKind::Build => "build-dependency",
        })
    }
}

/// A break of the layering rule.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Violation {
    /// `from` depends on the workspace crate `to`, which its row does not allow.
    ForbiddenEdge {
        /// The depending package.
        from: String,
        /// The workspace package it must not use.
        to: String,
        /// Which dependency table the edge is in.
        kind: DependencyKind,
    },
    /// A workspace package without a row in the table.
    UnknownPackage {
        /// Its name.
        name: String,
    },
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Violation::ForbiddenEdge { from, to, kind } => write!(
                f,
                "{from} has a {kind} on {to}, which is above or beside it in ARCHITECTURE.md"
            ),
            Violation::UnknownPackage { name } => write!(
                f,
                "workspace package {name} has no row in the layering table (tests/src/layering.rs)"
            ),
        }
    }
}

/// The `cargo metadata` output could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum MetadataError {
    /// Not the JSON shape of `cargo metadata --format-version 1`.
    #[error("cargo metadata output is not in the expected format")]
    Format(#[source] serde_json::Error),
}

/// The workspace as `cargo metadata --format-version 1 --no-deps` describes it.
#[derive(Debug)]
pub struct Workspace {
    packages: Vec<Package>,
}

#[derive(Debug, Deserialize)]
struct Metadata {
    packages: Vec<Package>,
    workspace_members: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct Package {
    id: String,
    name: String,
    dependencies: Vec<Dependency>,
}

#[derive(Debug, Deserialize)]
struct Dependency {
    name: String,
    #[serde(default)]
    kind: Option<DependencyKind>,
}

impl Workspace {
    /// Reads the JSON printed by `cargo metadata --format-version 1`.
    pub fn from_metadata_json(json: &str) -> Result<Workspace, MetadataError> {
        let metadata: Metadata = serde_json::from_str(json).map_err(MetadataError::Format)?;
        let members: BTreeSet<&str> = metadata
            .workspace_members
            .iter()
            .map(String::as_str)
            .collect();
        let packages = metadata
            .packages
            .into_iter()
            .filter(|package| members.contains(package.id.as_str()))
            .collect();
        Ok(Workspace { packages })
    }

    /// The names of the workspace's packages.
    pub fn package_names(&self) -> BTreeSet<&str> {
        self.packages.iter().map(|p| p.name.as_str()).collect()
    }

    /// Every edge between workspace packages that `layers` does not allow, and every
    /// package `layers` does not know, sorted.
    pub fn violations(&self, layers: &[Layer]) -> Vec<Violation> {
        let names = self.package_names();
        let mut found = Vec::new();
        for package in &self.packages {
            let Some(layer) = layers.iter().find(|l| l.package == package.name) else {
                found.push(Violation::UnknownPackage {
                    name: package.name.clone(),
                });
                continue;
            };
            // A crate may name itself, e.g. as a dev-dependency that turns on its test features.
            let allowed = |to: &str, kind: DependencyKind| {
                let listed = match layer.may_use {
                    MayUse::Anything => true,
                    MayUse::Only(list) => to == package.name || list.contains(&to),
                };
                listed || (kind == DependencyKind::Dev && layer.tested_with.contains(&to))
            };
            for dependency in &package.dependencies {
                let to = dependency.name.as_str();
                let kind = dependency.kind.unwrap_or(DependencyKind::Normal);
                if names.contains(to) && !allowed(to, kind) {
                    found.push(Violation::ForbiddenEdge {
                        from: package.name.clone(),
                        to: to.to_string(),
                        kind,
                    });
                }
            }
        }
        found.sort();
        found.dedup();
        found
    }
}
