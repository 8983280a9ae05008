//! Helpers shared by the crate's integration tests.
#![allow(dead_code)]

pub mod documents;
pub mod fault_proxy;
pub mod faulty;
pub mod mock;
pub mod real;

use backendai_fields::{keypair, Record};
use backendai_keypair::{Action, DecodeError, Error, KeyPair};
use serde_json::Value;

/// The catalogued fields a keypair came with, non-null, by `alt_name` in catalogue order.
pub fn fields_present(keypair: &KeyPair) -> Vec<&'static str> {
    keypair::fields()
        .iter()
        .filter(|spec| {
            keypair
                .format_json(spec)
                .is_some_and(|value| value != Value::Null)
        })
        .map(|spec| spec.alt_name())
        .collect()
}

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
