//! The custom scalars of the manager's schema, in one place. The generated
//! types use them through the names the code generator gives them
//! (`DateTime`, `Uuid`, `JsonString`, `BigInt`).

/// `FromStr`, `Serialize` (the `Display` text) and `Deserialize` (a JSON
/// string, parsed in place) for a scalar sent as a string.
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
                // Parsed from the text where it lies in the answer: no string is
                // allocated only to be parsed.
                struct Text;

                impl ::serde::de::Visitor<'_> for Text {
                    type Value = $scalar;

                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str(concat!("a ", stringify!($scalar), " string"))
                    }

                    fn visit_str<E: ::serde::de::Error>(self, text: &str) -> Result<$scalar, E> {
                        $scalar::parse(text).map_err(super::ScalarError::into_serde)
                    }
                }

                deserializer.deserialize_str(Text)
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
