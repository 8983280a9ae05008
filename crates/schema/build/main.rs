//! Build script: reads the vendored schema and the operation documents in the
//! crate's `graphql/` folder (which `schema/` at the workspace root links to) and generates, into `OUT_DIR`:
//! - `operations.rs`: the `graphql_client` types of every operation, their
//!   query-text templates and `Operation` impls (see `postprocess`).

mod codegen;
mod documents;
mod postprocess;

use std::{env, error::Error, fs, path::PathBuf};

/// The vendored schemas, relative to the crate's `graphql/` folder: the one most
/// operations are generated from (23.09), and the newest (26.9).
const SCHEMA_FILE: &str = "manager-23.09.10.graphql";
const SCHEMA_26_FILE: &str = "manager-26.9.6.graphql";
/// The newest manager's v2 API schema.
const SCHEMA_V2_FILE: &str = "manager-26.9.6-v2.graphql";

fn main() -> Result<(), Box<dyn Error>> {
    let manifest_dir = PathBuf::from(env::var("CARGO_MANIFEST_DIR")?);
    let out_dir = PathBuf::from(env::var("OUT_DIR")?);
    // The files live in the crate, so that its package builds on its own; `schema/` at the
    // workspace root links here (ARCHITECTURE.md).
    let schema_dir = manifest_dir.join("graphql");
    let schema_path = schema_dir.join(SCHEMA_FILE);
    let schema_26_path = schema_dir.join(SCHEMA_26_FILE);
    let schema_v2_path = schema_dir.join(SCHEMA_V2_FILE);
    let operations_dir = schema_dir.join("operations");

    println!("cargo:rerun-if-changed={}", schema_path.display());
    println!("cargo:rerun-if-changed={}", schema_26_path.display());
    println!("cargo:rerun-if-changed={}", schema_v2_path.display());
    println!("cargo:rerun-if-changed={}", operations_dir.display());

    let documents = documents::load(&operations_dir)?;
    for path in documents.paths() {
        println!("cargo:rerun-if-changed={}", path.display());
    }

    let v2_for_codegen = out_dir.join(SCHEMA_V2_FILE);
    fs::write(
        &v2_for_codegen,
        codegen::without_federated_extensions(&fs::read_to_string(&schema_v2_path)?),
    )?;
    let schemas = codegen::Schemas {
        oldest: &schema_path,
        newest: &schema_26_path,
        v2: &v2_for_codegen,
    };
    fs::write(
        out_dir.join("operations.rs"),
        codegen::render(&documents, &schemas)?,
    )?;
    Ok(())
}
