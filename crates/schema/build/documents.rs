//! Loads the operation documents and the shared keypair fragment.

use graphql_parser::query::{parse_query, Definition, OperationDefinition, Selection};
use std::{
    error::Error,
    fs,
    path::{Path, PathBuf},
};

/// Every operation document, by file stem; the stem is also the module name.
const OPERATIONS: &[&str] = &[
    "keypair",
    "keypairs",
    "keypair_list",
    "keypair_list_legacy",
    "create_keypair",
    "modify_keypair",
    "delete_keypair",
];

/// The fragment holding the full keypair selection.
const FRAGMENT_FILE: &str = "keypair_fields.graphql";
/// The fragment holding the keypair fields only newer managers have.
const NEWER_FRAGMENT_FILE: &str = "keypair_fields_26.graphql";
/// Where an operation selects keypair fields.
const FRAGMENT_SPREAD: &str = "...KeyPairFields";

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
    /// The field of `data` that holds the result, e.g. `keypair_list`.
    pub root_field: String,
    path: PathBuf,
    text: String,
}

impl Operation {
    /// The query text before and after the fragment spread, if it has one.
    pub fn split(&self) -> Option<(&str, &str)> {
        self.text.split_once(FRAGMENT_SPREAD)
    }

    /// The document's file name, for generated docs.
    pub fn file_name(&self) -> String {
        format!("{}.graphql", self.name)
    }
}

/// All documents of `schema/operations/`.
pub struct Documents {
    fragment_path: PathBuf,
    fragment_text: String,
    newer_path: PathBuf,
    /// The fragment of the fields only newer managers have.
    pub newer_fragment_text: String,
    /// The operations, in [`OPERATIONS`] order.
    pub operations: Vec<Operation>,
}

/// Reads and checks every document.
pub fn load(dir: &Path) -> Result<Documents, Box<dyn Error>> {
    let fragment_path = dir.join(FRAGMENT_FILE);
    let fragment_text = minify(&fragment_path)?;
    let newer_path = dir.join(NEWER_FRAGMENT_FILE);
    let newer_fragment_text = minify(&newer_path)?;
    let mut operations = Vec::new();
    for &name in OPERATIONS {
        let path = dir.join(format!("{name}.graphql"));
        let text = minify(&path)?;
        if text.matches(FRAGMENT_SPREAD).count() > 1 {
            return Err(format!("{}: more than one {FRAGMENT_SPREAD}", path.display()).into());
        }
        let (kind, root_field) =
            describe(&text).map_err(|err| format!("{}: {err}", path.display()))?;
        operations.push(Operation {
            name,
            kind,
            root_field,
            path,
            text,
        });
    }
    Ok(Documents {
        fragment_path,
        fragment_text,
        newer_path,
        newer_fragment_text,
        operations,
    })
}

impl Documents {
    /// Every file read, for `cargo:rerun-if-changed`.
    pub fn paths(&self) -> impl Iterator<Item = &Path> {
        [self.fragment_path.as_path(), self.newer_path.as_path()]
            .into_iter()
            .chain(self.operations.iter().map(|op| op.path.as_path()))
    }

    /// The document given to the code generator: the operation, plus the
    /// fragment when the operation spreads it.
    pub fn codegen_text(&self, op: &Operation) -> String {
        match op.split() {
            Some(_) => format!("{} {}", op.text, self.fragment_text),
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
