//! Extracts the fields of the schema's object and interface types, so the crate
//! can check selections and tell other crates what `KeyPair` offers.

use graphql_parser::schema::{parse_schema, Definition, Field, TypeDefinition};
use std::{error::Error, fmt::Write as _};

/// Rust source with `COMPOSITE_TYPES` (sorted by type name), `UNION_TYPES`
/// and `KEYPAIR_FIELDS`; field types are written as in SDL, e.g. `[String]`.
pub fn render(schema_text: &str) -> Result<String, Box<dyn Error>> {
    let document = parse_schema::<String>(schema_text)
        .map_err(|err| format!("cannot parse the vendored schema: {err}"))?;
    let mut composites: Vec<(String, Vec<(String, String)>)> = Vec::new();
    let mut unions: Vec<String> = Vec::new();
    for definition in &document.definitions {
        let Definition::TypeDefinition(definition) = definition else {
            continue;
        };
        match definition {
            TypeDefinition::Object(object) => {
                composites.push((object.name.clone(), field_list(&object.fields)));
            }
            TypeDefinition::Interface(interface) => {
                composites.push((interface.name.clone(), field_list(&interface.fields)));
            }
            TypeDefinition::Union(union) => unions.push(union.name.clone()),
            _ => {}
        }
    }
    composites.sort_by(|a, b| a.0.cmp(&b.0));
    unions.sort();

    let keypair = composites
        .iter()
        .find(|(name, _)| name == "KeyPair")
        .ok_or("the vendored schema has no `KeyPair` type")?;

    let mut out = String::new();
    out.push_str("/// Fields of every object and interface type, sorted by type name.\n");
    out.push_str("pub(crate) static COMPOSITE_TYPES: &[(&str, &[(&str, &str)])] = &[\n");
    for (name, fields) in &composites {
        let _ = writeln!(out, "    ({name:?}, &{}),", field_array(fields));
    }
    out.push_str("];\n");
    let _ = writeln!(
        out,
        "/// Names of the union types, sorted.\npub(crate) static UNION_TYPES: &[&str] = &{unions:?};"
    );
    let _ = writeln!(
        out,
        "/// Fields of `KeyPair`, in schema order.\npub(crate) static KEYPAIR_FIELDS: &[(&str, &str)] = &{};",
        field_array(&keypair.1)
    );
    Ok(out)
}

fn field_list(fields: &[Field<'_, String>]) -> Vec<(String, String)> {
    fields
        .iter()
        .map(|field| (field.name.clone(), field.field_type.to_string()))
        .collect()
}

fn field_array(fields: &[(String, String)]) -> String {
    let items: Vec<String> = fields
        .iter()
        .map(|(name, ty)| format!("({name:?}, {ty:?})"))
        .collect();
    format!("[{}]", items.join(", "))
}
