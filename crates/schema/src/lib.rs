//! The Backend.AI manager's GraphQL schema for the SDK: the vendored schema,
//! one generated module per KeyPair operation, the custom scalars, and the
//! tri-state [`Patch`] for update inputs. The crate does no I/O.
//!
//! # Where things come from
//!
//! - `schema/manager-23.09.10.graphql`: the schema, dumped offline from a real
//!   manager 23.09.10 (`schema/refresh.sh`; `schema/README.md` tells how and
//!   how CI checks that it still matches). Its text is [`vendored::SCHEMA`]; the
//!   operations are generated from it, so every document works on 23.09.
//! - `schema/manager-26.9.6.graphql`: the newest manager's schema
//!   (`scripts/refresh-schema-26`, `schema/README-26.md`), [`vendored::SCHEMA_26`].
//!   Its `KeyPair` adds `is_default` and `rolling_count`.
//! - `schema/operations/*.graphql`: one document per operation, the
//!   `KeyPairFields` fragment holding every keypair field the SDK knows on
//!   23.09, and `keypair_fields_26.graphql` with the two fields 26.9 adds (typed
//!   against the 26.9 schema, joined to [`KeyPairFields`] as optional members).
//! - `build.rs` runs `graphql_client_codegen` over them into `OUT_DIR` and
//!   reruns whenever a schema or a document changes.
//!
//! # Two server generations
//!
//! A selection is checked against the schema of the server's
//! [`SchemaGeneration`]: [`KeyPairSelection::parse`] against 23.09 (every server
//! has those fields), [`KeyPairSelection::parse_for`] against the one
//! [`SchemaGeneration::for_server`] picks from the server's manager release
//! (26.9 only when the release is known to be 26.9.0 or later). So `is_default`
//! and `rolling_count` can be requested from a 26.9 manager and never reach an
//! older one by accident. Responses decode the same way from both.
//!
//! | operation | module | kind | variables |
//! |---|---|---|---|
//! | `keypair` | [`keypair`] | query | `access_key`, `domain_name` |
//! | `keypairs` | [`keypairs`] | query | `email`, `is_active`, `domain_name` |
//! | `keypair_list` | [`keypair_list`] | query | `limit`, `offset`, `is_active`, `domain_name`, `email`, `filter`, `order` |
//! | `keypair_list` before API v6.20210815 | [`keypair_list_legacy`] | query | the same without `filter` and `order` |
//! | `create_keypair` | [`create_keypair`] | mutation | `user_id` (email), `input`: [`create_keypair::KeyPairInput`] |
//! | `modify_keypair` | [`modify_keypair`] | mutation | `access_key`, `input`: [`modify_keypair::ModifyKeyPairInput`] |
//! | `delete_keypair` | [`delete_keypair`] | mutation | `access_key` |
//!
//! Each module holds the generated `Variables` and `ResponseData`; the
//! operation structs ([`Keypair`], [`KeypairList`], …) implement
//! `graphql_client::GraphQLQuery` and [`Operation`].
//!
//! # How dynamic fields meet generated types
//!
//! The Python SDK lets the caller choose the fields of every keypair query,
//! and fetches only those (`secret_key` travels only when asked for), while
//! generated types are static. The two meet like this:
//!
//! - **(a) Only chosen fields are requested.** The caller's choice is a
//!   [`KeyPairSelection`] (checked against the vendored `KeyPair` type:
//!   names and sub-selections only, each field known to the schema). The
//!   query text is the operation's document with that selection in place of
//!   `...KeyPairFields`: `keypair_list::render(&selection)`, or generically
//!   [`SelectsKeyPair::document_with_selection`]. The variables are always
//!   built through the generated `Variables` types; `render` changes only the
//!   selection, never the variables or arguments.
//! - **(b) Every query text is validated.** The crate's tests run every text
//!   the SDK can send (each operation with the full selection, with every
//!   single field, with and without its optional variables) through a GraphQL
//!   validator (`apollo-compiler`) against the schema of each generation it can
//!   go to, and show that a field the schema lacks (`modified_at`, or
//!   `is_default` on 23.09) fails.
//! - **(c) Default calls give typed values.** The generated response types
//!   select every catalogued field, each an `Option`, so a response carrying
//!   only the chosen fields still decodes: unselected fields are `None`.
//!   [`KeyPairSelection::all`] is the full selection
//!   ([`KeyPairSelection::all_for`] for a generation).
//! - **(d) Any chosen field stays readable by its field spec.** Every keypair
//!   in a response decodes to [`Selected<KeyPairFields>`]: the raw JSON
//!   object, in the server's order (`serde_json` has `preserve_order` in this
//!   workspace), next to the typed view. A field spec reads the raw object by
//!   its JSON key; the typed view comes from the same object.
//!
//! # Updates: absent is not `null`
//!
//! The manager writes an explicit `null` in an update input as NULL, and
//! skips an omitted field (protocol §3.9). All optional variables and input
//! fields are generated with `skip_serializing_none`: `None` is left out of
//! the JSON. For the keypair inputs `None` is the only way to leave a field
//! out, and an explicit `null` cannot be expressed at all, on purpose: NULL is
//! harmful in every field of `ModifyKeyPairInput` (`resource_policy` is
//! `NOT NULL`, a NULL `rate_limit` makes every later request of the key fail
//! with 500, a NULL `is_active`/`is_admin` leaves the key in neither state).
//! Where clearing a value is legitimate, an input field says so by its type,
//! [`Patch`] (absent / null / value).
//!
//! # Example
//!
//! ```
//! use backendai_schema::{keypair_list, KeyPairSelection, KeypairList, Operation, OperationKind};
//!
//! // The caller chooses the fields; only these are requested.
//! let selection = KeyPairSelection::parse("access_key user_info { full_name } is_active")?;
//! let query = keypair_list::render(&selection);
//! assert!(query.contains("items { access_key user_info { full_name } is_active }"));
//! assert!(!query.contains("secret_key"));
//! assert_eq!(KeypairList::KIND, OperationKind::Query);
//!
//! // Variables always come from the generated type; absent ones are left out.
//! let variables = keypair_list::Variables {
//!     limit: 20,
//!     offset: 0,
//!     is_active: Some(true),
//!     domain_name: None,
//!     email: None,
//!     filter: None,
//!     order: None,
//! };
//! assert_eq!(
//!     serde_json::to_value(&variables)?,
//!     serde_json::json!({"limit": 20, "offset": 0, "is_active": true}),
//! );
//!
//! // The response carries only the chosen fields; both views read them.
//! let data: keypair_list::ResponseData = serde_json::from_str(
//!     r#"{"keypair_list": {"items": [{"access_key": "AKIAUSERTESTKEY00001",
//!         "user_info": {"full_name": "User"}, "is_active": true}], "total_count": 1}}"#,
//! )?;
//! let page = data.keypair_list.expect("a page");
//! let item = page.items[0].as_ref().expect("an item");
//! assert_eq!(item.typed().is_active, Some(true));
//! assert_eq!(item.typed().secret_key, None);
//! assert_eq!(item.get("user_info").unwrap()["full_name"], "User");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod generation;
mod operation;
mod patch;
pub mod scalars;
mod selected;
mod selection;
pub mod vendored;

/// The generator's output (see `build/postprocess.rs`).
#[allow(unused_imports, clippy::all)]
mod generated {
    include!(concat!(env!("OUT_DIR"), "/operations.rs"));
}

pub use generated::{
    create_keypair, delete_keypair, keypair, keypair_fields, keypair_list, keypair_list_legacy,
    keypairs, modify_keypair, CreateKeypair, DeleteKeypair, Keypair, KeypairList,
    KeypairListLegacy, Keypairs, ModifyKeypair,
};
pub use generation::SchemaGeneration;
pub use keypair_fields::{KeyPairFields, KeyPairFieldsUserInfo};
pub use operation::{Operation, OperationKind, SelectsKeyPair};
pub use patch::Patch;
pub use selected::Selected;
pub use selection::{KeyPairSelection, SelectionError};
pub use vendored::keypair_type_fields;

/// Re-exported so callers need not depend on `graphql_client` themselves.
pub use graphql_client::GraphQLQuery;
