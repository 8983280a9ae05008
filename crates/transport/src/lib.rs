//! Backend.AI SDK: `transport` crate.
