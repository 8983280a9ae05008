//! The test kit the workspace's test suites share. Not published: nothing here is API.
//!
//! - [`RealManager`]: the real manager of this test run (started by `scripts/manager`),
//!   with its fixture identities; a missing manager is a failure in CI, never a pass.
//! - [`accepted_versions`]: the API versions each manager generation accepts.
//! - [`LogCapture`]: every log event of a test binary, to prove that no secret is logged.
//!
//! ```no_run
//! use backendai_testkit::RealManager;
//!
//! let Some(manager) = RealManager::get() else { return }; // notice printed, not in CI
//! let client = manager.client(&manager.admin);
//! # let _ = client;
//! ```

mod env;
mod hello;
mod logs;
mod manager;
mod versions;

pub use logs::LogCapture;
pub use manager::{RealManager, TestKeys, DEFAULT_GENERATION, GENERATIONS};
pub use versions::{accepted_versions, ACCEPTED_BY_23, ACCEPTED_BY_26};
