//! Build script: reads the vendored schema and the operation documents in the
//! workspace's `schema/` folder and generates, into `OUT_DIR`:
//! - `operations.rs`: the `graphql_client` types of every operation, their
//!   query-text templates and `Operation` impls (see `postprocess`),
//! - `type_table.rs`, `type_table_26.rs`: the fields of every object and interface type of
//!   the 23.09 and the 26.9 schema.

mod codegen;
mod documents;
mod postprocess;
mod type_table;

use std::{env, error::Error, fs, path::PathBuf};

/// The vendored schemas, relative to the workspace's `schema/` folder: the one the
/// operations are generated from (23.09), and the newest (26.9).
const SCHEMA_FILE: &str = "manager-23.09.10.graphql";
const SCHEMA_26_FILE: &str = "manager-26.9.6.graphql";

fn main() -> Result<(), Box<dyn Error>> {
    let manifest_dir = PathBuf::from(env::var("CARGO_MANIFEST_DIR")?);
    let out_dir = PathBuf::from(env::var("OUT_DIR")?);
    let schema_dir = manifest_dir.join("../../schema");
    let schema_path = schema_dir.join(SCHEMA_FILE);
    let schema_26_path = schema_dir.join(SCHEMA_26_FILE);
    let operations_dir = schema_dir.join("operations");

    println!("cargo:rerun-if-changed={}", schema_path.display());
    println!("cargo:rerun-if-changed={}", schema_26_path.display());
    println!("cargo:rerun-if-changed={}", operations_dir.display());

    let documents = documents::load(&operations_dir)?;
    for path in documents.paths() {
        println!("cargo:rerun-if-changed={}", path.display());
    }

    for (path, table) in [
        (&schema_path, "type_table.rs"),
        (&schema_26_path, "type_table_26.rs"),
    ] {
        let text = fs::read_to_string(path)
            .map_err(|err| format!("cannot read {}: {err}", path.display()))?;
        fs::write(out_dir.join(table), type_table::render(&text)?)?;
    }
    fs::write(
        out_dir.join("operations.rs"),
        codegen::render(&documents, &schema_path, &schema_26_path)?,
    )?;
    Ok(())
}
