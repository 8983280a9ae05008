//! Field specs, formatters and output renderers for the Backend.AI manager API.
//!
//! This crate is the Rust counterpart of the Python SDK's `client/output`
//! package (23.09): it says which fields a query asks for and how their values
//! are shown to people (console tables) and to programs (JSON), byte-compatible
//! with the Python CLI where the Python output is sane.
//!
//! # Example
//!
//! ```
//! use backendai_fields::render::{self, JsonStyle};
//! use backendai_fields::{keypair, Item, ServerVersion, TableOptions};
//! use serde_json::json;
//!
//! // The user's `--fields` list, checked against the server the query goes to.
//! let server = ServerVersion::new("v7.20230615".parse()?).with_manager("23.09.10".parse()?);
//! let fields = keypair::fields().resolve("access_key,full_name,rate_limit")?;
//! let selection = keypair::fields().select(&fields, &server)?;
//! assert_eq!(selection.to_graphql(), "access_key user_info { full_name } rate_limit");
//!
//! // `modified_at` is in the Python SDK's list but on no manager.
//! assert!(keypair::fields().select(&keypair::fields().resolve("modified_at")?, &server).is_err());
//!
//! // One response object, shown for people and for programs.
//! let item = Item::try_from(json!({
//!     "access_key": "AKIAIOSFODNN7EXAMPLE",
//!     "user_info": {"full_name": "한글 User"},
//!     "rate_limit": 5000,
//! }))?;
//! let table = render::item_table(&item, selection.fields(), &TableOptions::new());
//! assert_eq!(
//!     table,
//!     "Field       Value\n\
//!      ----------  --------------------\n\
//!      Access Key  AKIAIOSFODNN7EXAMPLE\n\
//!      Full Name   한글 User\n\
//!      Rate Limit  5000"
//! );
//! let json = render::item_json(Some(&item), selection.fields(), JsonStyle::Ascii);
//! assert!(json.contains(r#""full_name": "\ud55c\uae00 User""#));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # What is in here
//!
//! - [`FieldSpec`] is one field of a GraphQL object: the `field_ref` spliced into
//!   queries, the response key (`field_name`), the lookup and JSON key
//!   (`alt_name`), the header (`humanized_name`), a [formatter](mod@format) and its
//!   [`Availability`] across manager releases.
//! - [`FieldSet`] looks specs up by `alt_name` or `field_ref` and resolves a user's
//!   `--fields a,b,c` list ([`FieldSet::resolve`]).
//! - [`Selection`] checks the chosen specs against a [`ServerVersion`] and renders
//!   the selection set; a field the server lacks is refused with
//!   [`SelectionError::Unavailable`] instead of failing the whole query.
//! - [`FieldSet::select`] does the same for the fields of a catalogue, admitting only the
//!   catalogue's own fields (their answers decode into typed values).
//! - [`Record`] is what the renderers read: an entity's typed value (the keypair crate's
//!   `KeyPair`) or a raw response object ([`Item`]), each field by its spec. A secret is
//!   handed over as [`FieldValue::Secret`] and exposed only in the output written.
//! - [`render`] prints records and listings: `Field`/`Value` item tables, listings
//!   that stream in pages without changing their column widths ([`render::ListTable`]),
//!   mutation reports, and JSON in the Python CLI's shape.
//! - [`keypair`] is the catalogue of `KeyPair` fields with the Python SDK's and
//!   the CLI's default lists; [`keypair_resource_policy`] that of `KeyPairResourcePolicy`.
//!
//! A test checks every catalogued field against the vendored 23.09.10 and 26.9.6 schemas.
//!
//! # Compared with the Python SDK
//!
//! The console and JSON output match the Python CLI's transcripts byte for byte where the
//! Python output is sane; where it is not (repeated fields, crashes on `null`, columns
//! shifted by key order, tables laid out anew every 17 rows, raw control characters), this
//! crate does better. The
//! [guide](https://github.com/backendai-rs/backendai-rs/blob/main/docs/python-sdk.md#output-console-tables-and-json)
//! lists each difference.

mod availability;
pub mod format;
mod item;
pub mod keypair;
pub mod keypair_resource_policy;
mod python;
mod record;
pub mod render;
mod selection;
mod set;
mod spec;
pub mod table;

pub use availability::{Availability, Introduced, Unavailable};
/// The server versions availability is checked against (from `backendai-version`).
pub use backendai_version::{ApiVersion, ManagerRelease, ReleaseStage, ServerVersion};
pub use format::{
    DefaultFormatter, MiBytesFormatter, NestedDictFormatter, OutputFormatter,
    ResourceSlotFormatter, SizeBytesFormatter, SubFieldFormatter,
};
pub use item::{Item, NotAnObject};
pub use record::{FieldValue, Record};
pub use selection::{Selection, SelectionError};
pub use set::{FieldSet, FieldSetError, ResolveError};
pub use spec::FieldSpec;
pub use table::{render_table, Overflow, StreamingTable, TableOptions};

// The README's example is compiled (and run where it needs no server) as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeExample;
