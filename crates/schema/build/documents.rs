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
];

/// An object type whose fields callers choose: a fragment with every field all
/// generations have (it types the answers, and operations spread it where the choice
/// goes), and one with the fields only newer managers have.
pub struct Entity {
    /// The fragment's name, also its generated struct: `KeyPairFields`.
    pub fragment: &'static str,
    /// The newer fields' fragment: `KeyPairFieldsSince26`.
    pub newer_fragment: &'static str,
    /// The module that holds the fragment's types: `keypair_fields` (also the file stem;
    /// the newer fragment's file adds `_26`).
    pub module: &'static str,
    /// What one value is called in docs: `keypair`.
    pub noun: &'static str,
    /// A root query field of the type, to type the newer fragment against the newer schema.
    pub probe: &'static str,
}

/// The entities, in the order their modules are emitted.
pub const ENTITIES: &[Entity] = &[
    Entity {
        fragment: "KeyPairFields",
        newer_fragment: "KeyPairFieldsSince26",
        module: "keypair_fields",
        noun: "keypair",
        probe: "keypair",
    },
    Entity {
        fragment: "KeyPairResourcePolicyFields",
        newer_fragment: "KeyPairResourcePolicyFieldsSince26",
        module: "keypair_resource_policy_fields",
        noun: "keypair resource policy",
        probe: "keypair_resource_policy",
    },
];

impl Entity {
    /// Where an operation selects this entity's fields.
    pub fn spread(&self) -> String {
        format!("...{}", self.fragment)
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
    /// The fragment with the fields only newer managers have.
    pub newer_text: String,
    paths: [PathBuf; 2],
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
    /// The query text before and after the fragment spread, if it has one.
    pub fn split(&self) -> Option<(&str, &str)> {
        let entity = &ENTITIES[self.entity?];
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
        let paths = [
            dir.join(entity.file_name()),
            dir.join(entity.newer_file_name()),
        ];
        fragments.push(Fragments {
            entity,
            text: minify(&paths[0])?,
            newer_text: minify(&paths[1])?,
            paths,
        });
    }
    let mut operations = Vec::new();
    for &(name, against) in OPERATIONS {
        let path = dir.join(format!("{name}.graphql"));
        let text = minify(&path)?;
        let mut spread = ENTITIES.iter().enumerate().filter_map(|(index, entity)| {
            match text.matches(&entity.spread()).count() {
                0 => None,
                1 => Some(Ok(index)),
                _ => Some(Err(format!(
                    "{}: more than one {}",
                    path.display(),
                    entity.spread()
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
        match op.entity {
            Some(index) => format!("{} {}", op.text, self.fragments[index].text),
            None => op.text.clone(),
        }
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
