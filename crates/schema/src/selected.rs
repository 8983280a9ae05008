//! A response object kept twice: as the server sent it, and typed.

use serde::{de::DeserializeOwned, Deserialize, Deserializer};
use serde_json::{Map, Value};
use std::fmt;

/// A JSON object of a response together with its typed view.
///
/// The raw object holds exactly the fields that were asked for, in the
/// server's order, so a caller can read any chosen field by its JSON key (a
/// field spec's `field_name`), while the typed view gives Rust values. The
/// generated keypair item types are `Selected<KeyPairFields>`.
///
/// `Debug` shows the field names only: the object may hold a secret key.
///
/// ```
/// use backendai_schema::{KeyPairFields, Selected};
///
/// let item: Selected<KeyPairFields> =
///     serde_json::from_str(r#"{"secret_key": "s3cr3t", "access_key": "AKIA1"}"#).unwrap();
/// assert_eq!(item.typed().access_key.as_deref(), Some("AKIA1"));
/// let keys: Vec<&String> = item.raw().keys().collect();
/// assert_eq!(keys, ["secret_key", "access_key"]);
/// assert!(!format!("{item:?}").contains("s3cr3t"));
/// ```
#[derive(Clone, PartialEq)]
pub struct Selected<T> {
    raw: Map<String, Value>,
    typed: T,
}

impl<T: DeserializeOwned> Selected<T> {
    /// Decodes the typed view of `raw` and keeps both.
    pub fn from_object(raw: Map<String, Value>) -> Result<Self, serde_json::Error> {
        let typed = T::deserialize(&raw)?;
        Ok(Self { raw, typed })
    }
}

impl<T> Selected<T> {
    /// The object as the server sent it, in the server's field order.
    pub fn raw(&self) -> &Map<String, Value> {
        &self.raw
    }

    /// The typed view.
    pub fn typed(&self) -> &T {
        &self.typed
    }

    /// The raw value of one field, by its JSON key; `None` if it was not selected.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.raw.get(key)
    }

    /// The raw object and the typed view.
    pub fn into_parts(self) -> (Map<String, Value>, T) {
        (self.raw, self.typed)
    }
}

impl<'de, T: DeserializeOwned> Deserialize<'de> for Selected<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = Map::deserialize(deserializer)?;
        Self::from_object(raw).map_err(serde::de::Error::custom)
    }
}

impl<T> fmt::Debug for Selected<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Selected")
            .field("fields", &self.raw.keys().collect::<Vec<_>>())
            .finish_non_exhaustive()
    }
}
