//! The Backend.AI manager's GraphQL schema and the operations the SDK sends, generated
//! from it with `graphql_client`: typed variables, typed answers, and the query text with
//! the caller's choice of fields.
//!
//! ```
//! use backendai_fields::{keypair, ServerVersion};
//! use backendai_schema::{keypair_list, KeypairList, Operation, OperationKind};
//!
//! // The caller's fields, checked against the server; only these are requested.
//! let server = ServerVersion::new("v7.20230615".parse()?).with_manager("23.09.10".parse()?);
//! let chosen = keypair::fields().resolve("access_key,full_name,is_active")?;
//! let selection = keypair::fields().select(&chosen, &server)?;
//! let query = keypair_list::render(&selection);
//! assert!(query.contains("items { access_key user_info { full_name } is_active }"));
//! assert_eq!(KeypairList::KIND, OperationKind::Query);
//!
//! // Variables come from the generated type; an absent one is left out, never `null`.
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
//! // The answer decodes straight into the generated types; unselected fields are `None`.
//! let data: keypair_list::ResponseData = serde_json::from_slice(
//!     br#"{"keypair_list": {"items": [{"access_key": "AKIAUSERTESTKEY00001",
//!         "user_info": {"full_name": "User"}, "is_active": true}], "total_count": 1}}"#,
//! )?;
//! let page = data.keypair_list.expect("a page");
//! let item = page.items[0].as_ref().expect("an item");
//! assert_eq!(item.is_active, Some(true));
//! assert_eq!(item.secret_key, None);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # What is in here
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
//! | `keypair_resource_policy` | [`keypair_resource_policy`] | query | `name` (none: the caller's own) |
//! | `keypair_resource_policies` | [`keypair_resource_policies`] | query | — |
//! | `create_keypair_resource_policy` | [`create_keypair_resource_policy`] | mutation | `name`, `input`: [`create_keypair_resource_policy::CreateKeyPairResourcePolicyInput`] |
//! | `modify_keypair_resource_policy` | [`modify_keypair_resource_policy`] | mutation | `name`, `input`: [`modify_keypair_resource_policy::ModifyKeyPairResourcePolicyInput`] |
//! | `delete_keypair_resource_policy` | [`delete_keypair_resource_policy`] | mutation | `name` |
//! | `user` (its `main_access_key`) | [`user_main_access_key`] | query | `email` |
//! | `modify_user` (its `main_access_key`) | [`modify_user_main_access_key`] | mutation | `email`, `props` |
//!
//! The v2 API of manager 26.9 (`/admin/gql/strawberry`, [`vendored::SCHEMA_V2`]):
//!
//! | operation | module | kind | variables |
//! |---|---|---|---|
//! | `myKeypairs` | [`my_keypairs`] | query | `filter`, `order_by`, `first`/`after`, `last`/`before`, `limit`/`offset` |
//! | `adminKeypairsV2` | [`admin_keypairs_v2`] | query | the same |
//! | `adminKeypairV2` | [`admin_keypair_v2`] | query | `access_key` |
//! | `adminSshKeypairV2` | [`admin_ssh_keypair_v2`] | query | `access_key` |
//! | `issueMyKeypair` | [`issue_my_keypair`] | mutation | — |
//! | `updateMyKeypair` | [`update_my_keypair`] | mutation | `input` (`access_key`, `is_active`) |
//! | `revokeMyKeypair` | [`revoke_my_keypair`] | mutation | `input` (`access_key`) |
//! | `switchMyMainAccessKey` | [`switch_my_main_access_key`] | mutation | `input` (`access_key`) |
//! | `adminCreateKeypairV2` | [`admin_create_keypair_v2`] | mutation | `input` (`user_id`, `resource_policy`, …) |
//! | `adminUpdateKeypairV2` | [`admin_update_keypair_v2`] | mutation | `input` (`access_key`, …) |
//! | `adminDeleteKeypairV2` | [`admin_delete_keypair_v2`] | mutation | `access_key` |
//! | `adminRegisterSshKeypairV2` | [`admin_register_ssh_keypair_v2`] | mutation | `input` (`access_key`, both SSH keys) |
//! | `adminDeleteSshKeypairV2` | [`admin_delete_ssh_keypair_v2`] | mutation | `access_key` |
//!
//! A v2 keypair is selected whole, as [`KeyPairV2Fields`]; a page of them is a
//! [`KeyPairV2Page`]. The two searches share their filter and order types
//! ([`keypair_v2_search`]).
//!
//! Each module holds the generated `Variables` and `ResponseData` and, where the
//! operation returns keypairs or policies, `render(&Selection)`: the document with the
//! chosen fields in place of the entity's fragment (`...KeyPairFields`,
//! `...KeyPairResourcePolicyFields`). Every keypair in an answer is a [`KeyPairFields`],
//! every policy a [`KeyPairResourcePolicyFields`]: one `Option` per field of the entity's
//! catalogue (`backendai_fields::keypair`, `backendai_fields::keypair_resource_policy`), so
//! an answer holding only the chosen fields decodes. The operation structs implement
//! [`Operation`].
//!
//! Most operations are generated from the 23.09 schema. The policy mutations are generated
//! from the 26.9 schema, whose inputs add `max_pending_session_count` and
//! `max_pending_session_resource_slots`; their documents are the same for both.
//!
//! The schemas ([`vendored`], named by [`SchemaGeneration`]) and the documents are in the
//! crate's `graphql/` folder; the build script generates the code from them. The
//! crate's tests prove what no call checks again at run time: every document the SDK can
//! send, with any choice of catalogued fields, is valid against the schema of each
//! generation it can go to, and each fragment holds exactly its catalogue's fields.
//!
//! An optional variable or input field that is `None` is left out of the JSON: the
//! manager writes an explicit `null` as NULL, which is harmful in every keypair and policy
//! input (it is `NOT NULL` or breaks the key).

mod generation;
mod operation;
pub mod scalars;
pub mod vendored;

/// The generator's output (see `build/postprocess.rs`).
#[allow(unused_imports, clippy::all)]
mod generated {
    include!(concat!(env!("OUT_DIR"), "/operations.rs"));
}

/// Which API serves an operation (from `backendai-version`).
pub use backendai_version::GraphQlApi;
/// Query or mutation (from `backendai-version`).
pub use backendai_version::OperationKind;
/// The v2 API's operations (manager 26.9+, `/admin/gql/strawberry`).
pub use generated::{
    admin_create_keypair_v2, admin_delete_keypair_v2, admin_delete_ssh_keypair_v2,
    admin_keypair_v2, admin_keypairs_v2, admin_register_ssh_keypair_v2, admin_ssh_keypair_v2,
    admin_update_keypair_v2, issue_my_keypair, keypair_v2_fields, keypair_v2_search, my_keypairs,
    revoke_my_keypair, switch_my_main_access_key, update_my_keypair, AdminCreateKeypairV2,
    AdminDeleteKeypairV2, AdminDeleteSshKeypairV2, AdminKeypairV2, AdminKeypairsV2,
    AdminRegisterSshKeypairV2, AdminSshKeypairV2, AdminUpdateKeypairV2, IssueMyKeypair, MyKeypairs,
    RevokeMyKeypair, SwitchMyMainAccessKey, UpdateMyKeypair,
};
pub use generated::{
    create_keypair, delete_keypair, keypair, keypair_fields, keypair_list, keypair_list_legacy,
    keypairs, modify_keypair, CreateKeypair, DeleteKeypair, Keypair, KeypairList,
    KeypairListLegacy, Keypairs, ModifyKeypair,
};
pub use generated::{
    create_keypair_resource_policy, delete_keypair_resource_policy, keypair_resource_policies,
    keypair_resource_policy, keypair_resource_policy_fields, modify_keypair_resource_policy,
    CreateKeypairResourcePolicy, DeleteKeypairResourcePolicy, KeypairResourcePolicies,
    KeypairResourcePolicy, ModifyKeypairResourcePolicy,
};
/// A user's main access key, read and moved (key rotation).
pub use generated::{
    modify_user_main_access_key, user_main_access_key, ModifyUserMainAccessKey, UserMainAccessKey,
};
pub use generation::SchemaGeneration;
pub use keypair_fields::{KeyPairFields, KeyPairFieldsUserInfo};
pub use keypair_resource_policy_fields::KeyPairResourcePolicyFields;
pub use keypair_v2_fields::{KeyPairV2Fields, KeyPairV2Page};
pub use operation::Operation;

/// Re-exported so callers need not depend on `graphql_client` themselves.
pub use graphql_client::GraphQLQuery;

// The README's example is compiled (and run where it needs no server) as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeExample;
