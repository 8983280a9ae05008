//! Sorting transport failures by whether the request may have reached the server.

use std::error::Error as StdError;

use crate::{Error, TimeoutPhase};

/// A failed exchange, by what it means for resending.
#[derive(Debug)]
pub(crate) enum Failure {
    /// Nothing was sent (no connection, no TLS session): safe to send again anywhere.
    NotSent(Error),
    /// The request may have been processed: only a query may be sent again.
    MaybeSent(Error),
    /// Sending again cannot help (the request could not even be built).
    Fatal(Error),
}

/// Classifies an error of `RequestBuilder::send`.
pub(crate) fn from_send(error: reqwest::Error, endpoint: &str) -> Failure {
    let endpoint = endpoint.to_string();
    if error.is_builder() {
        return Failure::Fatal(Error::Http {
            endpoint,
            source: error.into(),
        });
    }
    if error.is_connect() {
        let failure = if is_tls(&error) {
            Error::Tls {
                endpoint,
                source: error.into(),
            }
        } else if error.is_timeout() {
            Error::Timeout {
                endpoint,
                phase: TimeoutPhase::Connect,
                source: error.into(),
            }
        } else {
            Error::Connect {
                endpoint,
                source: error.into(),
            }
        };
        return Failure::NotSent(failure);
    }
    Failure::MaybeSent(from_exchange(error, endpoint))
}

/// Classifies an error while reading the answer: the server has the request by then.
pub(crate) fn from_body(error: reqwest::Error, endpoint: &str) -> Failure {
    Failure::MaybeSent(from_exchange(error, endpoint.to_string()))
}

fn from_exchange(error: reqwest::Error, endpoint: String) -> Error {
    if error.is_timeout() {
        Error::Timeout {
            endpoint,
            phase: TimeoutPhase::Read,
            source: error.into(),
        }
    } else {
        Error::Http {
            endpoint,
            source: error.into(),
        }
    }
}

/// Whether a rustls error is in the chain. `io::Error::source` skips its own payload, so
/// io errors are opened with `get_ref` instead.
fn is_tls(error: &(dyn StdError + 'static)) -> bool {
    let mut current = Some(error);
    while let Some(error) = current {
        if error.is::<rustls::Error>() {
            return true;
        }
        current = match error.downcast_ref::<std::io::Error>() {
            Some(io) => io.get_ref().map(|inner| inner as &(dyn StdError + 'static)),
            None => error.source(),
        };
    }
    false
}
