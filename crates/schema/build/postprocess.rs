//! Changes made to the generator's output:
//! - an entity's fragment structs, generated once per operation that spreads the
//!   fragment, move into one shared module (`keypair_fields`, say), so every operation
//!   yields the same type;
//! - variables and inputs whose fields are all optional derive `Default`;
//! - every public item gets a doc comment;
//! - each operation gets `render` (when it selects an entity's fields) and its
//!   `crate::Operation` impl.

use crate::documents::{Against, Entity, Kind, Operation, ENTITIES, SHARED_INPUTS};
use proc_macro2::Span;
use std::error::Error;
use syn::{Attribute, Fields, Ident, Item, Type, Visibility};

/// An entity's fragment types, taken from the first operation that has them.
pub struct SharedFragment {
    entity: &'static Entity,
    items: Option<Vec<Item>>,
}

impl SharedFragment {
    /// Nothing taken yet.
    pub fn new(entity: &'static Entity) -> Self {
        Self {
            entity,
            items: None,
        }
    }

    /// Adds `fields` (typed against the newer schema) to the fragment's own struct, each
    /// documented as a field only newer managers have.
    pub fn add_newer_fields(&mut self, fields: Vec<syn::Field>) -> Result<(), Box<dyn Error>> {
        let entity = self.entity;
        let newer_file = entity.newer_file_name();
        let target = self
            .items
            .as_mut()
            .and_then(|items| {
                items.iter_mut().find_map(|item| match item {
                    Item::Struct(s) if s.ident == entity.fragment => Some(s),
                    _ => None,
                })
            })
            .ok_or_else(|| format!("no operation generated the {} fragment", entity.noun))?;
        let Fields::Named(named) = &mut target.fields else {
            return Err(format!("the {} fragment struct has no named fields", entity.noun).into());
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
                     (`{newer_file}`); `None` unless it was selected."
                ),
            );
            named.named.push(field);
        }
        Ok(())
    }

    /// The shared module.
    pub fn into_module(self) -> Result<Item, Box<dyn Error>> {
        let entity = self.entity;
        let mut items = self
            .items
            .ok_or_else(|| format!("no operation selects the {} fragment", entity.noun))?;
        document_items(&mut items, &entity.file_name(), Some(entity));
        let name = ident(entity.module);
        let doc = if entity.chosen() {
            format!(
                " The types of the `{}` fragment (`operations/{}`), shared by every operation \
                 that selects {} fields. Every field is optional: an answer carries only the \
                 fields that were asked for.",
                entity.fragment,
                entity.file_name(),
                entity.noun
            )
        } else {
            format!(
                " The types of the `{}` fragments (`operations/{}`), shared by every operation \
                 that selects {}s: always the whole fragment, typed as the schema declares it.",
                entity.fragment_names().collect::<Vec<_>>().join("` and `"),
                entity.file_name(),
                entity.noun
            )
        };
        Ok(syn::parse_quote! {
            #[doc = #doc]
            pub mod #name {
                #![allow(dead_code)]
                use ::serde::{Deserialize, Serialize};
                #(#items)*
            }
        })
    }
}

/// Input types several operations take ([`SHARED_INPUTS`]), moved out of them into one
/// module each.
pub struct SharedInputs {
    modules: Vec<(&'static str, &'static [&'static str], Vec<Item>)>,
}

impl SharedInputs {
    /// Nothing taken yet.
    pub fn new() -> Self {
        Self {
            modules: SHARED_INPUTS
                .iter()
                .map(|&(module, names)| (module, names, Vec::new()))
                .collect(),
        }
    }

    /// Takes the shared input types (with their `impl`s) out of an operation's module and
    /// imports them from the shared module instead; a type taken before must come out the
    /// same.
    fn take(&mut self, items: &mut Vec<Item>, operation: &str) -> Result<(), Box<dyn Error>> {
        for (module, names, shared) in &mut self.modules {
            let is_shared = |item: &Item| match item {
                Item::Struct(s) => names.iter().any(|name| s.ident == name),
                Item::Enum(e) => names.iter().any(|name| e.ident == name),
                Item::Impl(block) => matches!(&*block.self_ty, Type::Path(path)
                    if names.iter().any(|name| path.path.is_ident(name))),
                _ => false,
            };
            let (moved, rest): (Vec<Item>, Vec<Item>) = items.drain(..).partition(is_shared);
            *items = rest;
            if moved.is_empty() {
                continue;
            }
            if shared.is_empty() {
                shared.extend(private_aliases(items).cloned());
                shared.extend(moved.iter().cloned());
            } else if !moved.iter().all(|item| shared.contains(item)) {
                return Err(format!(
                    "{operation} generated {module} input types unlike the others'"
                )
                .into());
            }
            let module = ident(module);
            let imported: Vec<&Ident> = moved.iter().filter_map(item_name).collect();
            items.push(syn::parse_quote!(pub use super::#module::{#(#imported),*};));
        }
        Ok(())
    }

    /// The shared modules that some operation used.
    pub fn into_modules(self) -> Vec<Item> {
        self.modules
            .into_iter()
            .filter(|(_, _, items)| !items.is_empty())
            .map(|(module, _, mut items)| {
                document_items(&mut items, "", None);
                let doc = format!(
                    " Input types that more than one operation takes (`{module}`): one value \
                     serves each of them."
                );
                let module = ident(module);
                syn::parse_quote! {
                    #[doc = #doc]
                    pub mod #module {
                        #![allow(dead_code)]
                        use std::result::Result;
                        use ::serde::{Deserialize, Serialize};
                        #(#items)*
                    }
                }
            })
            .collect()
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
    mut fragment: Option<&mut SharedFragment>,
    inputs: &mut SharedInputs,
) -> Result<(), Box<dyn Error>> {
    let entity = op.entity.map(|index| &ENTITIES[index]);
    let file_name = op.file_name();
    let mut marker = None;
    for item in &mut file.items {
        match item {
            Item::Struct(item) => {
                add_doc(
                    &mut item.attrs,
                    &format!(
                        "The operation of `operations/{file_name}`; its types are in the module [`{}`].",
                        op.name
                    ),
                );
                marker = Some(item.ident.clone());
            }
            Item::Mod(module) => {
                add_doc(
                    &mut module.attrs,
                    &format!(
                        "Types of the `{}` {} (`operations/{file_name}`), generated by `graphql_client_codegen`.",
                        op.root_field,
                        kind_name(op.kind),
                    ),
                );
                let items = &mut module.content.get_or_insert_with(Default::default).1;
                if let Some(fragment) = fragment.as_deref_mut() {
                    share_fragment_types(items, fragment)?;
                }
                default_when_all_optional(items);
                inputs.take(items, op.name)?;
                document_items(items, &file_name, entity);
                if let (Some((prefix, suffix)), Some(entity)) = (op.split(), entity) {
                    items.extend(render_items(prefix, suffix, entity));
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
    // Generated fragment types are named after the fragment (`KeyPairFieldsUserInfo`).
    let entity = fragment.entity;
    // A fragment's public aliases (`KeyPairV2PageEdgesNode`, naming the fields' struct
    // where one fragment spreads another) move with its structs.
    let named_after_fragment = |ident: &Ident| {
        let name = ident.to_string();
        entity
            .fragment_names()
            .any(|prefix| name.starts_with(prefix))
    };
    let (moved, rest): (Vec<Item>, Vec<Item>) = items.drain(..).partition(|item| match item {
        Item::Struct(s) => named_after_fragment(&s.ident),
        Item::Type(alias) => {
            matches!(alias.vis, Visibility::Public(_)) && named_after_fragment(&alias.ident)
        }
        _ => false,
    });
    *items = rest;
    let names: Vec<Ident> = moved.iter().filter_map(item_name).cloned().collect();
    if names.is_empty() {
        return Ok(());
    }
    // The structs use the module's private aliases (`Int`, `DateTime`, …).
    let shared_items = fragment.items.get_or_insert_with(Vec::new);
    for alias in private_aliases(items) {
        if !shared_items.contains(alias) {
            shared_items.push(alias.clone());
        }
    }
    // Operations that spread different fragments of the entity bring different structs;
    // one they share must come out the same.
    for item in moved {
        let name = item_name(&item);
        match shared_items.iter().find(|old| item_name(old) == name) {
            None => shared_items.push(item),
            Some(old) if *old == item => {}
            Some(_) => {
                return Err(format!(
                    "operations generated different {} fragment types ({})",
                    entity.noun,
                    name.map(ToString::to_string).unwrap_or_default()
                )
                .into())
            }
        }
    }
    let shared = ident(fragment.entity.module);
    items.push(syn::parse_quote!(pub use super::#shared::{#(#names),*};));
    Ok(())
}

/// A generated module's private type aliases (`Int`, `DateTime`, …), which its structs use.
fn private_aliases(items: &[Item]) -> impl Iterator<Item = &Item> {
    items.iter().filter(
        |item| matches!(item, Item::Type(alias) if matches!(alias.vis, Visibility::Inherited)),
    )
}

/// The name of a struct, an enum or a type alias.
fn item_name(item: &Item) -> Option<&Ident> {
    match item {
        Item::Struct(s) => Some(&s.ident),
        Item::Enum(e) => Some(&e.ident),
        Item::Type(alias) => Some(&alias.ident),
        _ => None,
    }
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

/// Gives every public item without one a doc comment; `entity` is the one whose fields
/// the items select, if any.
fn document_items(items: &mut [Item], file_name: &str, entity: Option<&Entity>) {
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
                    name => format!("`{name}`, generated from `operations/{file_name}`."),
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
            Item::Enum(item) => {
                add_doc(
                    &mut item.attrs,
                    &format!("The `{}` enum of the schema; `Other` holds a value this build does not know.", item.ident),
                );
                for variant in &mut item.variants {
                    let doc = if variant.ident == "Other" {
                        "A value the schema this was generated from does not have.".to_owned()
                    } else {
                        format!("`{}`.", variant.ident)
                    };
                    add_doc(&mut variant.attrs, &doc);
                }
            }
            Item::Type(alias) if matches!(alias.vis, Visibility::Public(_)) => {
                let doc = match entity {
                    Some(entity) if entity.chosen() && is_type(&alias.ty, entity.fragment) => {
                        format!(
                            "A {}: the fields that were asked for (the others are `None`).",
                            entity.noun
                        )
                    }
                    Some(entity) if is_type(&alias.ty, entity.fragment) => {
                        format!("A {}, all its fields.", entity.noun)
                    }
                    _ => "An item of this operation's response.".to_owned(),
                };
                add_doc(&mut alias.attrs, &doc);
            }
            Item::Const(constant) => {
                let doc = match constant.ident.to_string().as_str() {
                    "QUERY" => {
                        "The document as generated: the operation with its full fragment, if any."
                    }
                    "OPERATION_NAME" => "The operation's name in the document.",
                    _ => "A constant of this operation.",
                };
                add_doc(&mut constant.attrs, doc);
            }
            _ => {}
        }
    }
}

fn is_type(ty: &Type, name: &str) -> bool {
    matches!(ty, Type::Path(path) if path.path.is_ident(name))
}

fn add_doc(attrs: &mut Vec<Attribute>, text: &str) {
    if !attrs.iter().any(|attr| attr.path().is_ident("doc")) {
        let text = format!(" {text}");
        attrs.insert(0, syn::parse_quote!(#[doc = #text]));
    }
}

/// The template of an operation that selects an entity's fields, and its `render`.
fn render_items(prefix: &str, suffix: &str, entity: &Entity) -> Vec<Item> {
    let template_doc = format!(
        " The query text before and after the {} selection.",
        entity.noun
    );
    let render_doc = format!(
        " The query text of this operation requesting exactly `selection` for each {}. \
         Send it with [`Variables`].",
        entity.noun
    );
    vec![
        syn::parse_quote! {
            #[doc = #template_doc]
            const TEMPLATE: crate::operation::Template =
                crate::operation::Template::new(#prefix, #suffix);
        },
        syn::parse_quote! {
            #[doc = #render_doc]
            pub fn render(selection: &::backendai_fields::Selection) -> String {
                TEMPLATE.render(selection)
            }
        },
    ]
}

/// `impl crate::Operation` for the operation struct.
fn operation_impls(op: &Operation, marker: &Ident) -> Vec<Item> {
    let module = ident(op.name);
    let root_field = &op.root_field;
    let kind = ident(match op.kind {
        Kind::Query => "Query",
        Kind::Mutation => "Mutation",
    });
    let api = ident(match op.against {
        Against::Oldest | Against::Newest => "Admin",
        Against::V2 => "V2",
    });
    vec![syn::parse_quote! {
        impl crate::Operation for #marker {
            const KIND: crate::OperationKind = crate::OperationKind::#kind;
            const API: crate::GraphQlApi = crate::GraphQlApi::#api;
            const ROOT_FIELD: &'static str = #root_field;
            const DOCUMENT: &'static str = #module::QUERY;
        }
    }]
}

fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}
