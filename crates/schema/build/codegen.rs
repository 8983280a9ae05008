//! Runs `graphql_client_codegen` over every operation document and assembles
//! the generated modules (see `postprocess` for what is changed afterwards).

use crate::documents::{Against, Documents, Fragments};
use crate::postprocess;
use graphql_client_codegen::{
    deprecation::DeprecationStrategy, normalization::Normalization, CodegenMode,
    GraphQLClientCodegenOptions,
};
use quote::ToTokens;
use std::{error::Error, path::Path};

/// The vendored schemas the operations are generated from.
pub struct Schemas<'a> {
    /// Manager 23.09's.
    pub oldest: &'a Path,
    /// Manager 26.9's.
    pub newest: &'a Path,
    /// Manager 26.9's v2 API.
    pub v2: &'a Path,
}

/// Generated Rust source for all operations. Each entity's fragment types move into one
/// shared module, joined by its newer fields as the newest schema types them.
pub fn render(documents: &Documents, schemas: &Schemas) -> Result<String, Box<dyn Error>> {
    let mut output = syn::File {
        shebang: None,
        attrs: Vec::new(),
        items: Vec::new(),
    };
    let mut shared: Vec<postprocess::SharedFragment> = documents
        .fragments
        .iter()
        .map(|fragments| postprocess::SharedFragment::new(fragments.entity))
        .collect();
    let mut inputs = postprocess::SharedInputs::new();
    for op in &documents.operations {
        let schema = match op.against {
            Against::Oldest => schemas.oldest,
            Against::Newest => schemas.newest,
            Against::V2 => schemas.v2,
        };
        let tokens = graphql_client_codegen::generate_module_token_stream_from_string(
            &documents.codegen_text(op),
            schema,
            options(),
        )
        .map_err(|err| format!("codegen of {}: {err}", op.name))?;
        let mut file: syn::File = syn::parse2(tokens)?;
        let fragment = op.entity.map(|index| &mut shared[index]);
        postprocess::operation(&mut file, op, fragment, &mut inputs)?;
        output.items.extend(file.items);
    }
    for (fragment, fragments) in shared.iter_mut().zip(&documents.fragments) {
        if let Some(fields) = newer_fields(fragments, schemas.newest)? {
            fragment.add_newer_fields(fields)?;
        }
    }
    for fragment in shared {
        output.items.push(fragment.into_module()?);
    }
    output.items.extend(inputs.into_modules());
    Ok(output.to_token_stream().to_string())
}

/// The fields of an entity's newer fragment, if it has one, as the generator types them
/// against the newer schema (a throw-away query that spreads the fragment).
fn newer_fields(
    fragments: &Fragments,
    newer_schema_path: &Path,
) -> Result<Option<Vec<syn::Field>>, Box<dyn Error>> {
    let entity = fragments.entity;
    let (Some(newer), Some(newer_text)) = (&entity.newer, &fragments.newer_text) else {
        return Ok(None);
    };
    let text = format!(
        "query {}Probe {{ {} {{ ...{} }} }} {}",
        newer.fragment, newer.probe, newer.fragment, newer_text
    );
    let tokens = graphql_client_codegen::generate_module_token_stream_from_string(
        &text,
        newer_schema_path,
        options(),
    )
    .map_err(|err| format!("codegen of the newer {} fields: {err}", entity.noun))?;
    let file: syn::File = syn::parse2(tokens)?;
    let fields = postprocess::fragment_fields(&file.items, newer.fragment).ok_or_else(|| {
        format!(
            "codegen of the newer {} fields: no fragment struct",
            entity.noun
        )
    })?;
    Ok(Some(fields))
}

/// The v2 schema as the generator can read it. The v2 API is one subgraph of a federated
/// schema: the types the legacy subgraph owns appear only as `extend type …`, which the
/// generator cannot resolve without their base definition. Each becomes a plain `type`
/// (the extension holds all the fields the v2 API gives such a type).
pub fn without_federated_extensions(sdl: &str) -> String {
    let mut text = String::with_capacity(sdl.len());
    for line in sdl.split_inclusive('\n') {
        text.push_str(line.strip_prefix("extend ").unwrap_or(line));
    }
    text
}

fn options() -> GraphQLClientCodegenOptions {
    let mut options = GraphQLClientCodegenOptions::new(CodegenMode::Cli);
    options.set_module_visibility(syn::parse_quote!(pub));
    options.set_normalization(Normalization::Rust);
    options.set_custom_scalars_module(syn::parse_quote!(crate::scalars));
    // An absent optional variable or input field is left out, never sent as `null`.
    options.set_skip_serializing_none(true);
    options.set_deprecation_strategy(DeprecationStrategy::Deny);
    options.set_variables_derives("Debug, Clone, PartialEq".to_owned());
    // No `Debug` on responses: they may carry a secret key.
    options.set_response_derives("Clone, PartialEq, Serialize".to_owned());
    options
}
