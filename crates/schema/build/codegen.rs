//! Runs `graphql_client_codegen` over every operation document and assembles
//! the generated modules (see `postprocess` for what is changed afterwards).

use crate::{documents::Documents, postprocess};
use graphql_client_codegen::{
    deprecation::DeprecationStrategy, normalization::Normalization, CodegenMode,
    GraphQLClientCodegenOptions,
};
use quote::ToTokens;
use std::{error::Error, path::Path};

/// Generated Rust source for all operations, typed against `schema_path`; the fields of the
/// newer fragment are typed against `newer_schema_path` and join the shared fragment type.
pub fn render(
    documents: &Documents,
    schema_path: &Path,
    newer_schema_path: &Path,
) -> Result<String, Box<dyn Error>> {
    let mut output = syn::File {
        shebang: None,
        attrs: Vec::new(),
        items: Vec::new(),
    };
    let mut fragment = postprocess::SharedFragment::default();
    for op in &documents.operations {
        let tokens = graphql_client_codegen::generate_module_token_stream_from_string(
            &documents.codegen_text(op),
            schema_path,
            options(),
        )
        .map_err(|err| format!("codegen of {}: {err}", op.name))?;
        let mut file: syn::File = syn::parse2(tokens)?;
        postprocess::operation(&mut file, op, &mut fragment)?;
        output.items.extend(file.items);
    }
    fragment.add_newer_fields(newer_fields(documents, newer_schema_path)?)?;
    output.items.extend(fragment.into_module());
    Ok(output.to_token_stream().to_string())
}

/// The fields of the newer fragment, as the generator types them against the newer schema
/// (a throw-away query that spreads the fragment).
fn newer_fields(
    documents: &Documents,
    newer_schema_path: &Path,
) -> Result<Vec<syn::Field>, Box<dyn Error>> {
    let text = format!(
        "query KeyPairFieldsSince26Probe {{ keypair {{ ...{} }} }} {}",
        postprocess::NEWER_FRAGMENT_TYPE,
        documents.newer_fragment_text
    );
    let tokens = graphql_client_codegen::generate_module_token_stream_from_string(
        &text,
        newer_schema_path,
        options(),
    )
    .map_err(|err| format!("codegen of the newer keypair fields: {err}"))?;
    let file: syn::File = syn::parse2(tokens)?;
    postprocess::fragment_fields(&file.items, postprocess::NEWER_FRAGMENT_TYPE)
        .ok_or_else(|| "codegen of the newer keypair fields: no fragment struct".into())
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
