//! [`FieldSet`]: an ordered set of field specs, looked up by `alt_name` or `field_ref`.

use std::borrow::Borrow;
use std::collections::HashMap;

use backendai_version::ServerVersion;

use crate::selection::{check_available, Selection, SelectionError};

use crate::spec::FieldSpec;

/// An ordered set of [`FieldSpec`]s.
///
/// Each spec can be looked up by its `alt_name` or its `field_ref` (as in the
/// Python SDK), but iteration yields each spec once, in order (Python's
/// `FieldSet.values()` yields a spec twice when the two keys differ).
#[derive(Clone, Debug, Default)]
pub struct FieldSet {
    specs: Vec<FieldSpec>,
    index: HashMap<String, usize>,
}

impl FieldSet {
    /// A set of `specs` in the given order. A spec given twice is kept once; two
    /// different specs that claim the same key are an error.
    pub fn new(specs: impl IntoIterator<Item = FieldSpec>) -> Result<Self, FieldSetError> {
        let mut set = Self::default();
        for spec in specs {
            set.insert(spec)?;
        }
        Ok(set)
    }

    /// Adds `spec` at the end, unless the same field is already present.
    pub fn insert(&mut self, spec: FieldSpec) -> Result<(), FieldSetError> {
        for key in [spec.alt_name(), spec.field_ref()] {
            if let Some(&at) = self.index.get(key) {
                if self.specs[at].same_field(&spec) {
                    return Ok(());
                }
                return Err(FieldSetError::DuplicateKey {
                    key: key.to_owned(),
                });
            }
        }
        let at = self.specs.len();
        self.index.insert(spec.alt_name().to_owned(), at);
        self.index.insert(spec.field_ref().to_owned(), at);
        self.specs.push(spec);
        Ok(())
    }

    /// The spec whose `alt_name` or `field_ref` is `key`.
    pub fn get(&self, key: &str) -> Option<&FieldSpec> {
        self.index.get(key).map(|&at| &self.specs[at])
    }

    /// The fields of one query, chosen from this set: each of `fields` must have the
    /// `field_ref` of one of this set's specs, and `server` must have that field as
    /// this set describes it. The given specs are kept for rendering (their names
    /// and formatters), each `field_ref` once, in order.
    ///
    /// A catalogue's answers decode into typed values, so a field outside it is
    /// refused ([`SelectionError::Unknown`]) before anything is sent.
    ///
    /// ```
    /// use backendai_fields::{keypair, ApiVersion, FieldSpec, SelectionError, ServerVersion};
    ///
    /// let server = ServerVersion::new(ApiVersion::new(7, 20230615));
    /// let chosen = keypair::fields().resolve("access_key,full_name")?;
    /// let selection = keypair::fields().select(&chosen, &server)?;
    /// assert_eq!(selection.to_graphql(), "access_key user_info { full_name }");
    ///
    /// let err = keypair::fields().select([FieldSpec::new("user_info { email }")], &server);
    /// assert!(matches!(err, Err(SelectionError::Unknown { .. })));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn select<I>(&self, fields: I, server: &ServerVersion) -> Result<Selection, SelectionError>
    where
        I: IntoIterator,
        I::Item: Borrow<FieldSpec>,
    {
        Selection::checked(fields.into_iter().map(|spec| {
            let spec = spec.borrow();
            let known = self
                .get(spec.field_ref())
                .filter(|known| known.field_ref() == spec.field_ref())
                .ok_or_else(|| SelectionError::Unknown {
                    field_ref: spec.field_ref().to_owned(),
                })?;
            check_available(spec, known, server)?;
            Ok(spec.clone())
        }))
    }

    /// Whether some spec has `key` as its `alt_name` or `field_ref`.
    pub fn contains_key(&self, key: &str) -> bool {
        self.index.contains_key(key)
    }

    /// The specs, each once, in order.
    pub fn iter(&self) -> std::slice::Iter<'_, FieldSpec> {
        self.specs.iter()
    }

    /// The specs as a slice, in order.
    pub fn as_slice(&self) -> &[FieldSpec] {
        &self.specs
    }

    /// The number of specs.
    pub fn len(&self) -> usize {
        self.specs.len()
    }

    /// Whether the set is empty.
    pub fn is_empty(&self) -> bool {
        self.specs.is_empty()
    }

    /// The `alt_name`s, in order: the names people type.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.specs.iter().map(FieldSpec::alt_name)
    }

    /// The specs of `names` that the set has, in order: a catalogue's default lists.
    pub(crate) fn pick(&self, names: &[&str]) -> Vec<FieldSpec> {
        names
            .iter()
            .filter_map(|name| self.get(name).cloned())
            .collect()
    }

    /// Resolves a comma-separated list such as `"access_key, is_active,full_name"`.
    ///
    /// Names match an `alt_name` or a `field_ref`; blanks around names and empty
    /// entries are ignored, and a field named twice is returned once.
    pub fn resolve(&self, list: &str) -> Result<Vec<FieldSpec>, ResolveError> {
        self.resolve_names(list.split(','))
    }

    /// Resolves field names, as [`FieldSet::resolve`] does for a comma list.
    pub fn resolve_names<I>(&self, names: I) -> Result<Vec<FieldSpec>, ResolveError>
    where
        I: IntoIterator,
        I::Item: AsRef<str>,
    {
        let mut found: Vec<usize> = Vec::new();
        let mut unknown: Vec<String> = Vec::new();
        for name in names {
            let name = name.as_ref().trim();
            if name.is_empty() {
                continue;
            }
            match self.index.get(name) {
                Some(at) if !found.contains(at) => found.push(*at),
                Some(_) => {}
                None if !unknown.iter().any(|u| u == name) => unknown.push(name.to_owned()),
                None => {}
            }
        }
        if !unknown.is_empty() {
            return Err(ResolveError::Unknown {
                unknown,
                known: self.names().map(str::to_owned).collect(),
            });
        }
        if found.is_empty() {
            return Err(ResolveError::Empty);
        }
        Ok(found.into_iter().map(|at| self.specs[at].clone()).collect())
    }
}

impl<'a> IntoIterator for &'a FieldSet {
    type Item = &'a FieldSpec;
    type IntoIter = std::slice::Iter<'a, FieldSpec>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

/// A field set that cannot be built.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FieldSetError {
    /// Two different specs claim the same lookup key.
    #[error("two different fields claim the key `{key}`")]
    DuplicateKey {
        /// The contested `alt_name` or `field_ref`.
        key: String,
    },
}

/// A list of field names that does not resolve.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ResolveError {
    /// No names were given.
    #[error("no field names given")]
    Empty,
    /// Some names match no field.
    #[error("unknown field(s): {}; known fields: {}", unknown.join(", "), known.join(", "))]
    Unknown {
        /// The names that match nothing, in the order given.
        unknown: Vec<String>,
        /// The names that would have matched (`alt_name`s, in order).
        known: Vec<String>,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> FieldSet {
        FieldSet::new([
            FieldSpec::new("user_id"),
            FieldSpec::new("user_info { full_name }").with_alt_name("full_name"),
            FieldSpec::new("access_key"),
        ])
        .unwrap()
    }

    #[test]
    fn lookup_by_either_key() {
        let set = sample();
        let by_alt = set.get("full_name").unwrap();
        let by_ref = set.get("user_info { full_name }").unwrap();
        assert_eq!(by_alt.field_ref(), by_ref.field_ref());
        assert!(set.contains_key("access_key"));
        assert!(set.get("user_info").is_none());
    }

    #[test]
    fn iteration_yields_each_spec_once_in_order() {
        let set = sample();
        let refs: Vec<&str> = set.iter().map(FieldSpec::field_ref).collect();
        assert_eq!(refs, ["user_id", "user_info { full_name }", "access_key"]);
        assert_eq!(set.len(), 3);
        assert_eq!((&set).into_iter().count(), 3);
        assert_eq!(
            set.names().collect::<Vec<_>>(),
            ["user_id", "full_name", "access_key"]
        );
    }

    #[test]
    fn the_same_spec_twice_is_kept_once() {
        let set = FieldSet::new([FieldSpec::new("a"), FieldSpec::new("a")]).unwrap();
        assert_eq!(set.len(), 1);
    }

    #[test]
    fn different_specs_may_not_share_a_key() {
        let err = FieldSet::new([
            FieldSpec::new("user_info { full_name }").with_alt_name("full_name"),
            FieldSpec::new("full_name"),
        ])
        .unwrap_err();
        assert_eq!(
            err,
            FieldSetError::DuplicateKey {
                key: "full_name".into()
            }
        );
        let mut set = sample();
        assert!(set
            .insert(FieldSpec::new("x").with_alt_name("access_key"))
            .is_err());
        assert_eq!(set.len(), 3);
    }

    #[test]
    fn resolves_comma_lists() {
        let set = sample();
        let specs = set
            .resolve(" access_key,full_name ,, user_info { full_name },")
            .unwrap();
        let names: Vec<&str> = specs.iter().map(FieldSpec::alt_name).collect();
        assert_eq!(names, ["access_key", "full_name"]);
    }

    #[test]
    fn unknown_names_are_all_reported_with_the_known_ones() {
        let err = sample()
            .resolve("access_key,secret,nope,secret")
            .unwrap_err();
        assert_eq!(
            err,
            ResolveError::Unknown {
                unknown: vec!["secret".into(), "nope".into()],
                known: vec!["user_id".into(), "full_name".into(), "access_key".into()],
            }
        );
        assert_eq!(
            err.to_string(),
            "unknown field(s): secret, nope; known fields: user_id, full_name, access_key"
        );
    }

    #[test]
    fn an_empty_list_is_an_error() {
        assert_eq!(sample().resolve(" , ").unwrap_err(), ResolveError::Empty);
        assert_eq!(
            sample().resolve_names(Vec::<String>::new()).unwrap_err(),
            ResolveError::Empty
        );
    }
}
