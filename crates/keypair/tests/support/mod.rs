//! Helpers shared by the crate's integration tests.
#![allow(dead_code)]

pub mod documents;
pub mod mock;
pub mod real;

use backendai_keypair::{DecodeError, Error};

/// Which argument an [`Error::InvalidInput`] names; `None` for other errors.
pub fn invalid_what(err: &Error) -> Option<&'static str> {
    match err {
        Error::InvalidInput { what, .. } => Some(what),
        _ => None,
    }
}

/// The operation and reason of an [`Error::Decode`]; `None` for other errors.
pub fn decode_parts(err: &Error) -> Option<(&'static str, &DecodeError)> {
    match err {
        Error::Decode { operation, source } => Some((operation, source)),
        _ => None,
    }
}
