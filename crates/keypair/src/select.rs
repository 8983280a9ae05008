//! The caller's field choice, turned into the selection set that is sent.

use std::borrow::Borrow;

use backendai_fields::{ApiRevision, FieldSpec, Selection, ServerVersion};
use backendai_schema::KeyPairSelection;
use backendai_transport::ApiVersion;

use crate::Error;

/// The fields a call asks for: the caller's, or the call's default list.
#[derive(Debug, Clone, Default)]
pub(crate) struct Fields(Option<Vec<FieldSpec>>);

impl Fields {
    /// Replaces the choice with `fields`.
    pub(crate) fn set<I>(&mut self, fields: I)
    where
        I: IntoIterator,
        I::Item: Borrow<FieldSpec>,
    {
        self.0 = Some(fields.into_iter().map(|f| f.borrow().clone()).collect());
    }

    /// The selection set for a server speaking `version`: each field checked to exist
    /// there (catalogue availability), then against the vendored schema.
    pub(crate) fn selection(
        &self,
        default: &[FieldSpec],
        version: ApiVersion,
    ) -> Result<KeyPairSelection, Error> {
        let server = ServerVersion::new(ApiRevision::new(version.major(), version.date()));
        let specs = self.0.as_deref().unwrap_or(default);
        let selection = Selection::new(specs, &server)?;
        KeyPairSelection::parse(&selection.to_graphql()).map_err(Error::Selection)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use backendai_fields::keypair;

    #[test]
    fn defaults_apply_until_fields_are_chosen() {
        let mut fields = Fields::default();
        let text = |f: &Fields| {
            f.selection(keypair::default_result_fields(), ApiVersion::CLIENT)
                .map(|s| s.as_str().to_owned())
        };
        assert_eq!(text(&fields).unwrap(), "access_key secret_key");
        fields.set(keypair::fields().resolve("full_name,access_key").unwrap());
        assert_eq!(text(&fields).unwrap(), "user_info { full_name } access_key");
    }

    #[test]
    fn unavailable_and_empty_choices_are_refused() {
        let mut fields = Fields::default();
        fields.set(keypair::fields().resolve("modified_at").unwrap());
        let err = fields.selection(&[], ApiVersion::CLIENT).unwrap_err();
        assert!(matches!(err, Error::Fields(_)), "{err:?}");
        fields.set(Vec::<FieldSpec>::new());
        let err = fields.selection(&[], ApiVersion::CLIENT).unwrap_err();
        assert!(matches!(err, Error::Fields(_)), "{err:?}");
    }

    #[test]
    fn fields_unknown_to_the_schema_are_refused() {
        let mut fields = Fields::default();
        fields.set([FieldSpec::new("no_such_field")]);
        let err = fields.selection(&[], ApiVersion::CLIENT).unwrap_err();
        assert!(matches!(err, Error::Selection(_)), "{err:?}");
    }
}
