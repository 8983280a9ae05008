//! The custom scalars of the manager's schema, in one place. The generated
//! types use them through the names the code generator gives them
//! (`DateTime`, `Uuid`, `JsonString`, `BigInt`).

/// `FromStr`, `Serialize` (the `Display` text) and `Deserialize` (a JSON
/// string, then `parse`) for a scalar sent as a string.
macro_rules! text_scalar {
    ($scalar:ident) => {
        impl ::std::str::FromStr for $scalar {
            type Err = super::ScalarError;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                Self::parse(text)
            }
        }

        impl ::serde::Serialize for $scalar {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $scalar {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> Result<Self, D::Error> {
                let text = <String as ::serde::Deserialize>::deserialize(deserializer)?;
                Self::parse(&text).map_err(super::ScalarError::into_serde)
            }
        }
    };
}
use text_scalar;

mod big_int;
mod date_time;
mod error;
mod json_string;
mod uuid;

pub use big_int::BigInt;
pub use date_time::{DateTime, Timestamp};
pub use error::ScalarError;
pub use json_string::JsonString;
pub use uuid::Uuid;
