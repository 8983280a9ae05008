//! The versions every layer of the Backend.AI SDK speaks of: the API version a call is
//! signed for, the manager's own release, what is known of a server, and whether an
//! operation reads or writes.
//!
//! ```
//! use backendai_version::{ApiVersion, ManagerRelease, ServerVersion};
//!
//! let api: ApiVersion = "v7.20230615".parse()?;
//! assert!(api.supports_filter_order());
//! let server = ServerVersion::new(api).with_manager("23.09.10".parse()?);
//! assert_eq!(server.manager(), Some(ManagerRelease::new(23, 9, 10)));
//! assert_eq!(server.to_string(), "manager 23.09.10 (API v7.20230615)");
//! # Ok::<(), backendai_version::VersionError>(())
//! ```

mod api;
mod error;
mod operation;
mod release;
mod server;

pub use api::ApiVersion;
pub use error::VersionError;
pub use operation::{GraphQlApi, OperationKind};
pub use release::{ManagerRelease, ReleaseStage};
pub use server::ServerVersion;

// The README's example is compiled (and run where it needs no server) as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeExample;
