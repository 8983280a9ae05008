//! The manager schemas and operation documents have one home, inside the schema crate (so
//! that its package builds on its own); `schema/` at the workspace root, where a reader
//! looks for them, links there. Nothing can drift: a copy would fail here.

use std::path::Path;

#[test]
fn the_root_schema_folder_links_into_the_schema_crate() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let home = root.join("crates/schema/graphql").canonicalize().unwrap();
    for name in [
        "manager-23.09.10.graphql",
        "manager-26.9.6.graphql",
        "operations",
    ] {
        let link = root.join("schema").join(name);
        let meta = std::fs::symlink_metadata(&link).unwrap();
        assert!(
            meta.file_type().is_symlink(),
            "schema/{name} must be a link, not a copy"
        );
        assert_eq!(
            link.canonicalize().unwrap(),
            home.join(name),
            "schema/{name}"
        );
    }
}
