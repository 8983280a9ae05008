//! Changes made to the generator's output:
//! - the keypair fragment's structs, generated once per operation, move into
//!   one shared module `keypair_fields`, so every operation yields the same type;
//! - wherever an operation selects only the fragment, the item type becomes
//!   `crate::Selected<KeyPairFields>`, which keeps the raw JSON object too;
//! - variables and inputs whose fields are all optional derive `Default`;
//! - every public item gets a doc comment;
//! - each operation gets `render` (when it selects keypairs) and its
//!   `crate::Operation` / `crate::SelectsKeyPair` impls.

use crate::documents::{Kind, Operation};
use proc_macro2::Span;
use std::error::Error;
use syn::{Attribute, Fields, Ident, Item, Type, Visibility};

/// Generated fragment types are named after the fragment.
const FRAGMENT_TYPE_PREFIX: &str = "KeyPairFields";
/// The fragment's own struct.
const FRAGMENT_TYPE: &str = "KeyPairFields";
/// The module that holds the shared fragment types.
const SHARED_MODULE: &str = "keypair_fields";
/// The fragment of the fields only newer managers have (`keypair_fields_26.graphql`).
pub const NEWER_FRAGMENT_TYPE: &str = "KeyPairFieldsSince26";

/// The fragment's types, taken from the first operation that has them.
#[derive(Default)]
pub struct SharedFragment {
    items: Option<Vec<Item>>,
}

impl SharedFragment {
    /// Adds `fields` (typed against the newer schema) to the fragment's own struct, each
    /// documented as a field only newer managers have.
    pub fn add_newer_fields(&mut self, fields: Vec<syn::Field>) -> Result<(), Box<dyn Error>> {
        let target = self
            .items
            .as_mut()
            .and_then(|items| {
                items.iter_mut().find_map(|item| match item {
                    Item::Struct(s) if s.ident == FRAGMENT_TYPE => Some(s),
                    _ => None,
                })
            })
            .ok_or("no operation generated the keypair fragment")?;
        let Fields::Named(named) = &mut target.fields else {
            return Err("the keypair fragment struct has no named fields".into());
        };
        for mut field in fields {
            let name = field
                .ident
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default();
            add_doc(
                &mut field.attrs,
                &format!(
                    "The `{name}` field, which manager 23.09 lacks and 26.9 has \
                     (`keypair_fields_26.graphql`); `None` unless it was selected."
                ),
            );
            named.named.push(field);
        }
        Ok(())
    }

    /// The shared module, if any operation used the fragment.
    pub fn into_module(self) -> Option<Item> {
        let mut items = self.items?;
        document_items(&mut items, "keypair_fields.graphql");
        let name = ident(SHARED_MODULE);
        Some(syn::parse_quote! {
            /// The types of the `KeyPairFields` fragment
            /// (`schema/operations/keypair_fields.graphql`), shared by every
            /// operation that selects keypairs. Every field is optional: a
            /// response carries only the fields that were asked for.
            pub mod #name {
                #![allow(dead_code)]
                use ::serde::Deserialize;
                #(#items)*
            }
        })
    }
}

/// A full selection, as a crate-private constant named `name`.
pub fn full_selection(name: &str, selection: &str) -> Item {
    let name = ident(name);
    syn::parse_quote! {
        /// A full keypair selection: every catalogued field of one schema generation.
        pub(crate) const #name: &str = #selection;
    }
}

/// The named fields of struct `name`, searched through `items` and their modules.
pub fn fragment_fields(items: &[Item], name: &str) -> Option<Vec<syn::Field>> {
    items.iter().find_map(|item| match item {
        Item::Struct(s) if s.ident == name => match &s.fields {
            Fields::Named(named) => Some(named.named.iter().cloned().collect()),
            _ => None,
        },
        Item::Mod(module) => fragment_fields(&module.content.as_ref()?.1, name),
        _ => None,
    })
}

/// Rewrites the generator's output for one operation.
pub fn operation(
    file: &mut syn::File,
    op: &Operation,
    fragment: &mut SharedFragment,
) -> Result<(), Box<dyn Error>> {
    let file_name = op.file_name();
    let mut marker = None;
    for item in &mut file.items {
        match item {
            Item::Struct(item) => {
                add_doc(
                    &mut item.attrs,
                    &format!(
                        "The operation of `schema/operations/{file_name}`; its types are in the module [`{}`].",
                        op.name
                    ),
                );
                marker = Some(item.ident.clone());
            }
            Item::Mod(module) => {
                add_doc(
                    &mut module.attrs,
                    &format!(
                        "Types of the `{}` {} (`schema/operations/{file_name}`), generated by `graphql_client_codegen`.",
                        op.root_field,
                        kind_name(op.kind),
                    ),
                );
                let items = &mut module.content.get_or_insert_with(Default::default).1;
                share_fragment_types(items, fragment)?;
                keep_raw_objects(items);
                default_when_all_optional(items);
                document_items(items, &file_name);
                if let Some((prefix, suffix)) = op.split() {
                    items.extend(render_items(prefix, suffix));
                }
            }
            _ => {}
        }
    }
    let marker = marker.ok_or_else(|| format!("codegen of {}: no operation struct", op.name))?;
    file.items.extend(operation_impls(op, &marker));
    Ok(())
}

fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Query => "query",
        Kind::Mutation => "mutation",
    }
}

/// Takes the fragment's structs out of an operation module and imports them
/// from the shared module instead.
fn share_fragment_types(
    items: &mut Vec<Item>,
    fragment: &mut SharedFragment,
) -> Result<(), Box<dyn Error>> {
    let (moved, rest): (Vec<Item>, Vec<Item>) = items.drain(..).partition(|item| {
        matches!(item, Item::Struct(s) if s.ident.to_string().starts_with(FRAGMENT_TYPE_PREFIX))
    });
    *items = rest;
    let names: Vec<Ident> = moved
        .iter()
        .filter_map(|item| match item {
            Item::Struct(s) => Some(s.ident.clone()),
            _ => None,
        })
        .collect();
    if names.is_empty() {
        return Ok(());
    }
    match &fragment.items {
        None => {
            // The structs use the module's private aliases (`Int`, `DateTime`, …).
            let aliases = items.iter().filter(|item| {
                matches!(item, Item::Type(alias) if matches!(alias.vis, Visibility::Inherited))
            });
            fragment.items = Some(aliases.cloned().chain(moved).collect());
        }
        Some(existing) => {
            let existing_structs = existing
                .iter()
                .filter(|item| matches!(item, Item::Struct(_)));
            if !existing_structs.eq(moved.iter()) {
                return Err("operations generated different fragment types".into());
            }
        }
    }
    let shared = ident(SHARED_MODULE);
    items.push(syn::parse_quote!(pub use super::#shared::{#(#names),*};));
    Ok(())
}

/// `pub type X = KeyPairFields;` becomes `pub type X = crate::Selected<KeyPairFields>;`.
fn keep_raw_objects(items: &mut [Item]) {
    for item in items {
        if let Item::Type(alias) = item {
            if matches!(alias.vis, Visibility::Public(_)) && is_fragment_type(&alias.ty) {
                let fragment = ident(FRAGMENT_TYPE);
                *alias.ty = syn::parse_quote!(crate::Selected<#fragment>);
            }
        }
    }
}

fn is_fragment_type(ty: &Type) -> bool {
    matches!(ty, Type::Path(path) if path.path.is_ident(FRAGMENT_TYPE))
}

/// Variables and input structs whose fields are all optional derive
/// `Default`: "nothing given". Structs with a required field do not, so that
/// no required value (a `rate_limit`, say) silently defaults to zero.
fn default_when_all_optional(items: &mut [Item]) {
    for item in items {
        let Item::Struct(item) = item else { continue };
        let Fields::Named(fields) = &item.fields else {
            continue;
        };
        let all_optional = fields.named.iter().all(|field| {
            matches!(&field.ty, Type::Path(path)
                if path.path.segments.last().is_some_and(|s| s.ident == "Option"))
        });
        if all_optional && derives(&item.attrs, "Serialize") {
            item.attrs.push(syn::parse_quote!(#[derive(Default)]));
        }
    }
}

fn derives(attrs: &[Attribute], name: &str) -> bool {
    attrs.iter().any(|attr| {
        attr.path().is_ident("derive")
            && attr
                .parse_args_with(
                    syn::punctuated::Punctuated::<syn::Path, syn::Token![,]>::parse_terminated,
                )
                .is_ok_and(|paths| paths.iter().any(|path| path.is_ident(name)))
    })
}

/// Gives every public item without one a doc comment.
fn document_items(items: &mut [Item], file_name: &str) {
    for item in items {
        match item {
            Item::Struct(item) => {
                let doc = match item.ident.to_string().as_str() {
                    "Variables" => "The variables of this operation. An absent optional \
                                    variable is left out of the JSON, never sent as `null`."
                        .to_owned(),
                    "ResponseData" => {
                        "The `data` object of a response to this operation.".to_owned()
                    }
                    name => format!("`{name}`, generated from `schema/operations/{file_name}`."),
                };
                add_doc(&mut item.attrs, &doc);
                if let Fields::Named(fields) = &mut item.fields {
                    for field in &mut fields.named {
                        if let Some(name) = &field.ident {
                            let doc = format!(
                                "The `{}` field.",
                                name.to_string().trim_start_matches("r#")
                            );
                            add_doc(&mut field.attrs, &doc);
                        }
                    }
                }
            }
            Item::Type(alias) if matches!(alias.vis, Visibility::Public(_)) => {
                let doc = if is_selected_fragment(&alias.ty) {
                    "A keypair: the fields that were asked for, typed, with the raw JSON object."
                } else {
                    "An item of this operation's response."
                };
                add_doc(&mut alias.attrs, doc);
            }
            Item::Const(constant) => {
                let doc = match constant.ident.to_string().as_str() {
                    "QUERY" => "The document as generated: the operation with the full `KeyPairFields` fragment.",
                    "OPERATION_NAME" => "The operation's name in the document.",
                    _ => "A constant of this operation.",
                };
                add_doc(&mut constant.attrs, doc);
            }
            _ => {}
        }
    }
}

fn is_selected_fragment(ty: &Type) -> bool {
    matches!(ty, Type::Path(path) if path.path.segments.last().is_some_and(|s| s.ident == "Selected"))
}

fn add_doc(attrs: &mut Vec<Attribute>, text: &str) {
    if !attrs.iter().any(|attr| attr.path().is_ident("doc")) {
        let text = format!(" {text}");
        attrs.insert(0, syn::parse_quote!(#[doc = #text]));
    }
}

/// The template of an operation that selects keypairs, and its `render`.
fn render_items(prefix: &str, suffix: &str) -> Vec<Item> {
    vec![
        syn::parse_quote! {
            /// The query text before and after the keypair selection.
            const TEMPLATE: crate::operation::Template =
                crate::operation::Template::new(#prefix, #suffix);
        },
        syn::parse_quote! {
            /// The query text of this operation requesting exactly `selection`
            /// for each keypair. Send it with [`Variables`].
            pub fn render(selection: &crate::KeyPairSelection) -> String {
                TEMPLATE.render(selection)
            }
        },
    ]
}

/// `impl crate::Operation` (and `crate::SelectsKeyPair`) for the operation struct.
fn operation_impls(op: &Operation, marker: &Ident) -> Vec<Item> {
    let module = ident(op.name);
    let root_field = &op.root_field;
    let kind = ident(match op.kind {
        Kind::Query => "Query",
        Kind::Mutation => "Mutation",
    });
    let mut items: Vec<Item> = vec![syn::parse_quote! {
        impl crate::Operation for #marker {
            const KIND: crate::OperationKind = crate::OperationKind::#kind;
            const ROOT_FIELD: &'static str = #root_field;
            const DOCUMENT: &'static str = #module::QUERY;
        }
    }];
    if op.split().is_some() {
        items.push(syn::parse_quote! {
            impl crate::SelectsKeyPair for #marker {
                fn document_with_selection(selection: &crate::KeyPairSelection) -> String {
                    #module::render(selection)
                }
            }
        });
    }
    items
}

fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}
