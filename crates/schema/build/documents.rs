//! Loads the operation documents and the entity fragments.

use graphql_parser::query::{parse_query, Definition, OperationDefinition, Selection};
use std::{
    error::Error,
    fs,
    path::{Path, PathBuf},
};

/// Which vendored schema an operation is generated from.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Against {
    /// Manager 23.09's: what every generation has.
    Oldest,
    /// Manager 26.9's, for an operation whose input has fields only newer managers take
    /// (the SDK refuses them locally for older ones); its document is the same on both.
    Newest,
    /// Manager 26.9's v2 API (`/admin/gql/strawberry`), which older managers lack.
    V2,
}

/// Every operation document, by file stem (also the module name), and the schema it is
/// generated from.
const OPERATIONS: &[(&str, Against)] = &[
    ("keypair", Against::Oldest),
    ("keypairs", Against::Oldest),
    ("keypair_list", Against::Oldest),
    ("keypair_list_legacy", Against::Oldest),
    ("create_keypair", Against::Oldest),
    ("modify_keypair", Against::Oldest),
    ("delete_keypair", Against::Oldest),
    ("keypair_resource_policy", Against::Oldest),
    ("keypair_resource_policies", Against::Oldest),
    ("create_keypair_resource_policy", Against::Newest),
    ("modify_keypair_resource_policy", Against::Newest),
    ("delete_keypair_resource_policy", Against::Oldest),
    ("user_main_access_key", Against::Oldest),
    ("modify_user_main_access_key", Against::Oldest),
    ("my_keypairs", Against::V2),
    ("issue_my_keypair", Against::V2),
    ("update_my_keypair", Against::V2),
    ("revoke_my_keypair", Against::V2),
    ("switch_my_main_access_key", Against::V2),
    ("admin_keypairs_v2", Against::V2),
    ("admin_keypair_v2", Against::V2),
    ("admin_create_keypair_v2", Against::V2),
    ("admin_update_keypair_v2", Against::V2),
    ("admin_delete_keypair_v2", Against::V2),
    ("admin_ssh_keypair_v2", Against::V2),
    ("admin_register_ssh_keypair_v2", Against::V2),
    ("admin_delete_ssh_keypair_v2", Against::V2),
];

/// Input types that several operations take, generated once per operation and moved into
/// one module, so that a value built for one serves all: the module's name, and the types.
pub const SHARED_INPUTS: &[(&str, &[&str])] = &[(
    "keypair_v2_search",
    &[
        "KeypairFilter",
        "KeypairOrderBy",
        "KeypairOrderField",
        "OrderDirection",
        "StringFilter",
        "UuidFilter",
        "DateTimeFilter",
    ],
)];

/// An object type whose fragment types are shared by every operation that selects it.
///
/// A legacy entity's fields are chosen by callers: its fragment has every field all
/// generations have (it types the answers, and operations spread it where the choice
/// goes), and a second one the fields only newer managers have. A v2 entity is selected
/// whole, from one schema.
pub struct Entity {
    /// The fragment's name, also its generated struct: `KeyPairFields`.
    pub fragment: &'static str,
    /// The fragment with the fields only newer managers have, if the entity has one.
    pub newer: Option<Newer>,
    /// More fragments of the same file, built on the main one (a page of them), whose
    /// types the shared module holds too.
    pub companions: &'static [&'static str],
    /// The module that holds the fragment's types: `keypair_fields` (also the file stem;
    /// the newer fragment's file adds `_26`).
    pub module: &'static str,
    /// What one value is called in docs: `keypair`.
    pub noun: &'static str,
}

/// An entity's fragment of the fields only newer managers have.
pub struct Newer {
    /// The fragment's name: `KeyPairFieldsSince26`.
    pub fragment: &'static str,
    /// A root query field of the type, to type the fragment against the newer schema.
    pub probe: &'static str,
}

/// The entities, in the order their modules are emitted.
pub const ENTITIES: &[Entity] = &[
    Entity {
        fragment: "KeyPairFields",
        newer: Some(Newer {
            fragment: "KeyPairFieldsSince26",
            probe: "keypair",
        }),
        companions: &[],
        module: "keypair_fields",
        noun: "keypair",
    },
    Entity {
        fragment: "KeyPairResourcePolicyFields",
        newer: Some(Newer {
            fragment: "KeyPairResourcePolicyFieldsSince26",
            probe: "keypair_resource_policy",
        }),
        companions: &[],
        module: "keypair_resource_policy_fields",
        noun: "keypair resource policy",
    },
    Entity {
        fragment: "KeyPairV2Fields",
        newer: None,
        companions: &["KeyPairV2Page"],
        module: "keypair_v2_fields",
        noun: "v2 keypair",
    },
];

impl Entity {
    /// Where an operation selects this entity's fields.
    pub fn spread(&self) -> String {
        format!("...{}", self.fragment)
    }

    /// Whether callers choose its fields: the entities with a newer fragment, whose
    /// operations get `render(&Selection)`.
    pub fn chosen(&self) -> bool {
        self.newer.is_some()
    }

    /// The names of its fragments: the main one and its companions. Their generated
    /// types start with these names.
    pub fn fragment_names(&self) -> impl Iterator<Item = &'static str> {
        std::iter::once(self.fragment).chain(self.companions.iter().copied())
    }

    /// How many times `text` spreads one of its fragments.
    fn spreads_in(&self, text: &str) -> usize {
        self.fragment_names()
            .map(|name| {
                text.match_indices(&format!("...{name}"))
                    // `...KeyPairV2Fields` is not a spread of `KeyPairV2`.
                    .filter(|(at, spread)| {
                        !text[at + spread.len()..].starts_with(|c: char| c.is_alphanumeric())
                    })
                    .count()
            })
            .sum()
    }

    /// The fragment's file name.
    pub fn file_name(&self) -> String {
        format!("{}.graphql", self.module)
    }

    /// The newer fragment's file name.
    pub fn newer_file_name(&self) -> String {
        format!("{}_26.graphql", self.module)
    }
}

/// An entity's two fragments, minified.
pub struct Fragments {
    /// The entity.
    pub entity: &'static Entity,
    /// The fragment with the fields every generation has.
    pub text: String,
    /// The fragment with the fields only newer managers have, if the entity has one.
    pub newer_text: Option<String>,
    paths: Vec<PathBuf>,
}

/// Query or mutation.
#[derive(Clone, Copy)]
pub enum Kind {
    Query,
    Mutation,
}

/// One operation document, minified.
pub struct Operation {
    /// The file stem, e.g. `keypair_list`.
    pub name: &'static str,
    /// Query or mutation.
    pub kind: Kind,
    /// The schema it is generated from.
    pub against: Against,
    /// The field of `data` that holds the result, e.g. `keypair_list`.
    pub root_field: String,
    /// The index in [`ENTITIES`] of the entity whose fields it selects, if any.
    pub entity: Option<usize>,
    path: PathBuf,
    text: String,
}

impl Operation {
    /// The query text before and after the spread of the fields callers choose, if it has one.
    pub fn split(&self) -> Option<(&str, &str)> {
        let entity = &ENTITIES[self.entity?];
        if !entity.chosen() {
            return None;
        }
        self.text.split_once(&entity.spread())
    }

    /// The document's file name, for generated docs.
    pub fn file_name(&self) -> String {
        format!("{}.graphql", self.name)
    }
}

/// All documents of the `operations/` folder.
pub struct Documents {
    /// The fragments, in [`ENTITIES`] order.
    pub fragments: Vec<Fragments>,
    /// The operations, in [`OPERATIONS`] order.
    pub operations: Vec<Operation>,
}

/// Reads and checks every document.
pub fn load(dir: &Path) -> Result<Documents, Box<dyn Error>> {
    let mut fragments = Vec::new();
    for entity in ENTITIES {
        let mut paths = vec![dir.join(entity.file_name())];
        let newer_text = match entity.newer {
            Some(_) => {
                paths.push(dir.join(entity.newer_file_name()));
                Some(minify(&paths[1])?)
            }
            None => None,
        };
        fragments.push(Fragments {
            entity,
            text: minify(&paths[0])?,
            newer_text,
            paths,
        });
    }
    let mut operations = Vec::new();
    for &(name, against) in OPERATIONS {
        let path = dir.join(format!("{name}.graphql"));
        let text = minify(&path)?;
        let mut spread = ENTITIES.iter().enumerate().filter_map(|(index, entity)| {
            match entity.spreads_in(&text) {
                0 => None,
                1 => Some(Ok(index)),
                _ => Some(Err(format!(
                    "{}: more than one spread of the {} fragments",
                    path.display(),
                    entity.noun
                ))),
            }
        });
        let entity = spread.next().transpose()?;
        if spread.next().is_some() {
            return Err(format!("{}: selects more than one entity", path.display()).into());
        }
        let (kind, root_field) =
            describe(&text).map_err(|err| format!("{}: {err}", path.display()))?;
        operations.push(Operation {
            name,
            kind,
            against,
            root_field,
            entity,
            path,
            text,
        });
    }
    Ok(Documents {
        fragments,
        operations,
    })
}

impl Documents {
    /// Every file read, for `cargo:rerun-if-changed`.
    pub fn paths(&self) -> impl Iterator<Item = &Path> {
        self.fragments
            .iter()
            .flat_map(|fragments| fragments.paths.iter().map(PathBuf::as_path))
            .chain(self.operations.iter().map(|op| op.path.as_path()))
    }

    /// The document given to the code generator: the operation, plus the
    /// fragment when the operation spreads it.
    pub fn codegen_text(&self, op: &Operation) -> String {
        let Some(index) = op.entity else {
            return op.text.clone();
        };
        let fragments = &self.fragments[index];
        // A document must use every fragment it defines: a companion goes along only
        // where the operation spreads it (the main fragment is spread by it or by them).
        let mut text = op.text.clone();
        for fragment in fragments
            .text
            .split("fragment ")
            .filter(|f| !f.trim().is_empty())
        {
            let name = fragment.split_whitespace().next().unwrap_or_default();
            if name == fragments.entity.fragment || op.text.contains(&format!("...{name} ")) {
                text.push_str(" fragment ");
                text.push_str(fragment.trim());
            }
        }
        text
    }
}

/// The kind and the root field of a document's single operation.
fn describe(text: &str) -> Result<(Kind, String), Box<dyn Error>> {
    let document = parse_query::<String>(text)?;
    let mut operations = document.definitions.iter().filter_map(|d| match d {
        Definition::Operation(op) => Some(op),
        Definition::Fragment(_) => None,
    });
    let (kind, selection_set) = match operations.next() {
        Some(OperationDefinition::Query(q)) => (Kind::Query, &q.selection_set),
        Some(OperationDefinition::Mutation(m)) => (Kind::Mutation, &m.selection_set),
        _ => return Err("expected one named query or mutation".into()),
    };
    if operations.next().is_some() {
        return Err("expected exactly one operation".into());
    }
    match selection_set.items.as_slice() {
        [Selection::Field(field)] => Ok((kind, field.name.clone())),
        _ => Err("expected exactly one root field".into()),
    }
}

/// Reads a document and returns it on one line: comments dropped, every run of
/// whitespace made one space. The documents hold no strings, so `#` always
/// starts a comment.
fn minify(path: &Path) -> Result<String, Box<dyn Error>> {
    let text =
        fs::read_to_string(path).map_err(|err| format!("cannot read {}: {err}", path.display()))?;
    if text.contains('"') {
        return Err(format!("{}: string literals are not supported", path.display()).into());
    }
    let code = text
        .lines()
        .map(|line| line.split_once('#').map_or(line, |(code, _)| code))
        .collect::<Vec<_>>()
        .join(" ");
    Ok(code.split_whitespace().collect::<Vec<_>>().join(" "))
}
