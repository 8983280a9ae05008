//! Shared helpers for the workspace-level integration tests.
//!
//! The tests themselves live in `tests/tests/`: the layering check over `cargo metadata`
//! and the tests against the real manager that `scripts/manager start` runs.

pub mod layering;

// The workspace README's Rust example is compiled as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeExample;

// The v2 guide's example is compiled as a doctest too.
#[cfg(doctest)]
#[doc = include_str!("../../docs/v2-api.md")]
struct V2GuideExample;

// The rotation guide's example too.
#[cfg(doctest)]
#[doc = include_str!("../../docs/rotation.md")]
struct RotationGuideExample;
