//! A tri-state for update inputs: leave unchanged, clear, or set.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// One field of an update input where clearing the value is legitimate.
///
/// The manager reads an omitted input field as "leave unchanged" and an
/// explicit `null` as "write NULL". `Patch` keeps the two apart: `Absent` is
/// left out of the JSON (the field must carry
/// `#[serde(default, skip_serializing_if = "Patch::is_absent")]`; serializing
/// an `Absent` that was not skipped is an error, never a silent `null`).
///
/// Where NULL is harmful the input uses `Option<T>` instead, whose `None` is
/// always left out: the keypair inputs do (see the crate docs).
///
/// ```
/// use backendai_schema::Patch;
/// use serde::Serialize;
///
/// #[derive(Serialize)]
/// struct UserPatch {
///     #[serde(skip_serializing_if = "Patch::is_absent")]
///     description: Patch<String>,
///     #[serde(skip_serializing_if = "Patch::is_absent")]
///     full_name: Patch<String>,
/// }
///
/// let patch = UserPatch { description: Patch::Null, full_name: Patch::Absent };
/// assert_eq!(serde_json::to_string(&patch).unwrap(), r#"{"description":null}"#);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Patch<T> {
    /// Not given: the field is left out and the stored value stays.
    #[default]
    Absent,
    /// Sent as `null`: the stored value is cleared.
    Null,
    /// Sent as this value.
    Value(T),
}

impl<T> Patch<T> {
    /// Whether the field is to be left out; for `skip_serializing_if`.
    pub fn is_absent(&self) -> bool {
        matches!(self, Self::Absent)
    }

    /// A `Patch` of a reference to the value.
    pub fn as_ref(&self) -> Patch<&T> {
        match self {
            Self::Absent => Patch::Absent,
            Self::Null => Patch::Null,
            Self::Value(value) => Patch::Value(value),
        }
    }

    /// Maps the value, keeping `Absent` and `Null`.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Patch<U> {
        match self {
            Self::Absent => Patch::Absent,
            Self::Null => Patch::Null,
            Self::Value(value) => Patch::Value(f(value)),
        }
    }
}

impl<T> From<T> for Patch<T> {
    fn from(value: T) -> Self {
        Self::Value(value)
    }
}

impl<T: Serialize> Serialize for Patch<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Absent => Err(serde::ser::Error::custom(
                "an absent Patch must be skipped (skip_serializing_if = \"Patch::is_absent\")",
            )),
            Self::Null => serializer.serialize_none(),
            Self::Value(value) => serializer.serialize_some(value),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Patch<T> {
    /// `null` gives `Null` and a value gives `Value`; with `#[serde(default)]`
    /// a missing field gives `Absent`.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(match Option::<T>::deserialize(deserializer)? {
            None => Self::Null,
            Some(value) => Self::Value(value),
        })
    }
}
