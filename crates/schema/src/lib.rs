//! Backend.AI SDK: `schema` crate.
