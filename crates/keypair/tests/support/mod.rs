//! Helpers shared by the crate's integration tests.
#![allow(dead_code)]

pub mod documents;
pub mod mock;
pub mod real;

use backendai_keypair::{Action, DecodeError, Error};

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

/// Asserts that the manager refused `action` with `ok: false` and exactly `msg`.
pub fn assert_rejected(err: &Error, action: Action, msg: &str) {
    match err {
        Error::Rejected {
            action: got,
            msg: got_msg,
        } => {
            assert_eq!((*got, got_msg.as_str()), (action, msg), "{err:?}");
        }
        other => panic!("expected {action} to be refused with {msg:?}, got {other:?}"),
    }
}
