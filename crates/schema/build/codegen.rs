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
    for op in &documents.operations {
        let schema = match op.against {
            Against::Oldest => schemas.oldest,
            Against::Newest => schemas.newest,
        };
        let tokens = graphql_client_codegen::generate_module_token_stream_from_string(
            &documents.codegen_text(op),
            schema,
            options(),
        )
        .map_err(|err| format!("codegen of {}: {err}", op.name))?;
        let mut file: syn::File = syn::parse2(tokens)?;
        let fragment = op.entity.map(|index| &mut shared[index]);
        postprocess::operation(&mut file, op, fragment)?;
        output.items.extend(file.items);
    }
    for (fragment, fragments) in shared.iter_mut().zip(&documents.fragments) {
        fragment.add_newer_fields(newer_fields(fragments, schemas.newest)?)?;
    }
    for fragment in shared {
        output.items.push(fragment.into_module()?);
    }
    Ok(output.to_token_stream().to_string())
}

/// The fields of an entity's newer fragment, as the generator types them against the
/// newer schema (a throw-away query that spreads the fragment).
fn newer_fields(
    fragments: &Fragments,
    newer_schema_path: &Path,
) -> Result<Vec<syn::Field>, Box<dyn Error>> {
    let entity = fragments.entity;
    let text = format!(
        "query {}Probe {{ {} {{ ...{} }} }} {}",
        entity.newer_fragment, entity.probe, entity.newer_fragment, fragments.newer_text
    );
    let tokens = graphql_client_codegen::generate_module_token_stream_from_string(
        &text,
        newer_schema_path,
        options(),
    )
    .map_err(|err| format!("codegen of the newer {} fields: {err}", entity.noun))?;
    let file: syn::File = syn::parse2(tokens)?;
    postprocess::fragment_fields(&file.items, entity.newer_fragment).ok_or_else(|| {
        format!(
            "codegen of the newer {} fields: no fragment struct",
            entity.noun
        )
        .into()
    })
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
