//! Why a scalar value was refused.

/// A scalar value that does not have its scalar's form.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ScalarError {
    /// Not an ISO 8601 date-time as the manager writes them.
    #[error("invalid DateTime {value:?}")]
    DateTime {
        /// The refused text.
        value: String,
        /// What the parser found.
        #[source]
        source: time::error::Parse,
    },
    /// Not a hyphenated UUID.
    #[error("invalid UUID {value:?}")]
    Uuid {
        /// The refused text.
        value: String,
    },
    /// The string does not contain JSON.
    #[error("JSONString does not contain valid JSON")]
    JsonString {
        /// What the JSON parser found.
        #[source]
        source: serde_json::Error,
    },
    /// A number that is not an integer in the range of `i64`.
    #[error("BigInt {value} is not an integer in the range of i64")]
    BigInt {
        /// The refused number.
        value: f64,
    },
}

impl ScalarError {
    /// A serde error whose message carries this error and its sources, since
    /// serde keeps only a message.
    pub(crate) fn into_serde<E: serde::de::Error>(self) -> E {
        let mut message = self.to_string();
        let mut source = std::error::Error::source(&self);
        while let Some(cause) = source {
            message.push_str(": ");
            message.push_str(&cause.to_string());
            source = cause.source();
        }
        E::custom(message)
    }
}
