//! Benchmarks of the Backend.AI SDK (not published).
//!
//! - `bench-stub`: a stub manager with canned answers ([`stub`], [`canned`]), so that the
//!   clients' own cost is measured without the manager's.
//! - `bench-load`: load drivers for our SDK ([`sdk`]) and for the floor, a pre-signed
//!   request with no SDK code ([`raw`]); one JSON line per run ([`load::Report`]).
//! - `benches/micro.rs`: criterion micro-benchmarks of signing, query building, decoding
//!   and rendering.
//!
//! `scripts/bench` runs all of it next to the Python SDK (`bench/python_load.py`) and
//! writes `target/bench/results.json`; see the README's "Performance" section.

pub mod canned;
pub mod gql;
pub mod load;
pub mod measure;
pub mod process;
pub mod pyjson;
pub mod raw;
pub mod recorder;
pub mod sdk;
pub mod stub;

/// The fixture superadmin's keys, used when no `BACKEND_ACCESS_KEY` is set (the stub
/// checks no signature).
pub const FIXTURE_ACCESS_KEY: &str = "AKIAADMINTESTKEY0001";
/// The fixture superadmin's secret key (a published test fixture, not a secret).
pub const FIXTURE_SECRET_KEY: &str = "admin-secret-key-for-local-testing-00001";
