//! Backend.AI SDK: `fields` crate.
