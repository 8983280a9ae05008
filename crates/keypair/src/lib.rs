//! Backend.AI SDK: `keypair` crate.
