//! The caller's field choice, turned into the selection set that is sent, and the server
//! it is checked against.

use std::borrow::Borrow;

use backendai_fields::{
    ApiRevision, FieldSpec, ManagerRelease, Selection, SelectionError as FieldsError,
    ServerVersion, Unavailable,
};
use backendai_schema::{KeyPairSelection, SchemaGeneration, SelectionError as SchemaError};
use backendai_transport::{ApiVersion, ServerInfo};

use crate::Error;

/// What is known about the server a query goes to: the API version in use and, when the
/// transport knows it, the manager release (which tells 26.9 from 25.x under v9).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Server {
    /// The API version and release, as field availability and schema generations see them.
    pub(crate) version: ServerVersion,
}

impl Server {
    /// The server speaking `api`, described by `info` (the transport's `GET /` answer).
    /// A release that is missing or cannot be parsed counts as unknown, which keeps the
    /// older schema: a newer field is refused rather than sent to a server that may lack it.
    pub(crate) fn new(api: ApiVersion, info: Option<&ServerInfo>) -> Server {
        let version = ServerVersion::new(ApiRevision::new(api.major(), api.date()));
        let release = info
            .and_then(|info| info.manager.as_deref())
            .and_then(|text| text.parse::<ManagerRelease>().ok());
        let version = match release {
            Some(release) => version.with_manager(release),
            None => version,
        };
        Server { version }
    }

    /// The vendored schema the selection is checked against.
    pub(crate) fn generation(&self) -> SchemaGeneration {
        SchemaGeneration::for_server(&self.version)
    }

    /// Whether knowing the manager release could admit fields refused without it: a field
    /// newer than the API version in use (which may be pinned below the server's), one
    /// that only a release can tell, or one the 23.09 schema lacks.
    pub(crate) fn release_may_admit(error: &Error) -> bool {
        match error {
            Error::Fields(FieldsError::Unavailable { reason, .. }) => matches!(
                reason,
                Unavailable::TooOld { .. } | Unavailable::ReleaseUnknown { .. }
            ),
            Error::Selection(SchemaError::UnknownField { .. }) => true,
            _ => false,
        }
    }
}

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

    /// The selection set for `server`: each field checked to exist there (catalogue
    /// availability), then against the vendored schema of the server's generation.
    pub(crate) fn selection(
        &self,
        default: &[FieldSpec],
        server: &Server,
    ) -> Result<KeyPairSelection, Error> {
        let specs = self.0.as_deref().unwrap_or(default);
        let selection = Selection::new(specs, &server.version)?;
        KeyPairSelection::parse_for(&selection.to_graphql(), server.generation())
            .map_err(Error::Selection)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use backendai_fields::keypair;

    fn server(api: ApiVersion, release: Option<&str>) -> Server {
        let info = ServerInfo {
            version: api,
            manager: release.map(str::to_owned),
        };
        Server::new(api, Some(&info))
    }

    fn v23() -> Server {
        server(ApiVersion::V7_20230615, Some("23.09.10"))
    }

    fn v26() -> Server {
        server(ApiVersion::V9_20250722, Some("26.9.6"))
    }

    fn newer() -> Fields {
        let mut fields = Fields::default();
        fields.set(
            keypair::fields()
                .resolve("access_key,is_default,rolling_count")
                .unwrap(),
        );
        fields
    }

    #[test]
    fn defaults_apply_until_fields_are_chosen() {
        let mut fields = Fields::default();
        let text = |f: &Fields| {
            f.selection(keypair::default_result_fields(), &v23())
                .map(|s| s.as_str().to_owned())
        };
        assert_eq!(text(&fields).unwrap(), "access_key secret_key");
        fields.set(keypair::fields().resolve("full_name,access_key").unwrap());
        assert_eq!(text(&fields).unwrap(), "user_info { full_name } access_key");
    }

    #[test]
    fn the_release_decides_the_generation() {
        assert_eq!(v23().generation(), SchemaGeneration::V23_09);
        assert_eq!(v26().generation(), SchemaGeneration::V26_09);
        // v9 without a (readable) release could be 25.x: the older schema stays.
        for release in [None, Some("not a release")] {
            let unknown = server(ApiVersion::V9_20250722, release);
            assert_eq!(unknown.version.manager(), None, "{release:?}");
            assert_eq!(unknown.generation(), SchemaGeneration::V23_09);
        }
        let no_info = Server::new(ApiVersion::V9_20250722, None);
        assert_eq!(no_info.generation(), SchemaGeneration::V23_09);
        // A pinned old version on a 26.9 manager still talks to 26.9's schema.
        let pinned = server(ApiVersion::V5_20191215, Some("26.9.6"));
        assert_eq!(pinned.generation(), SchemaGeneration::V26_09);
        assert_eq!(pinned.version.api(), ApiRevision::new(5, 20191215));
    }

    #[test]
    fn newer_fields_go_to_26_9_only() {
        let text = newer().selection(&[], &v26()).unwrap();
        assert_eq!(text.as_str(), "access_key is_default rolling_count");
        // 23.09: the catalogue knows the release is too old.
        let err = newer().selection(&[], &v23()).unwrap_err();
        assert!(matches!(err, Error::Fields(_)), "{err:?}");
        assert!(err.is_local());
        // v9 with an unknown release: `is_default` cannot be admitted.
        let unknown = server(ApiVersion::V9_20250722, None);
        let err = newer().selection(&[], &unknown).unwrap_err();
        assert!(matches!(err, Error::Fields(_)), "{err:?}");
    }

    #[test]
    fn a_spec_without_availability_is_checked_against_the_generations_schema() {
        // Built by hand, `is_default` claims to exist everywhere; the schema still decides.
        let mut fields = Fields::default();
        fields.set([FieldSpec::new("is_default")]);
        assert_eq!(
            fields.selection(&[], &v26()).unwrap().as_str(),
            "is_default"
        );
        let err = fields.selection(&[], &v23()).unwrap_err();
        assert!(matches!(err, Error::Selection(_)), "{err:?}");
    }

    #[test]
    fn only_refusals_a_release_could_lift_are_asked_again() {
        let unknown = Server::new(ApiVersion::V5_20191215, None);
        let may = |fields: &Fields| {
            let err = fields.selection(&[], &unknown).unwrap_err();
            Server::release_may_admit(&err)
        };
        // `rolling_count` is newer than v5, `is_default` needs a release.
        for name in ["rolling_count", "is_default"] {
            let mut fields = Fields::default();
            fields.set(keypair::fields().resolve(name).unwrap());
            assert!(may(&fields), "{name}");
        }
        let mut hand_made = Fields::default();
        hand_made.set([FieldSpec::new("is_default")]);
        assert!(may(&hand_made));
        // Nothing can admit these.
        let mut unsupported = Fields::default();
        unsupported.set(keypair::fields().resolve("modified_at").unwrap());
        assert!(!may(&unsupported));
        let mut empty = Fields::default();
        empty.set(Vec::<FieldSpec>::new());
        assert!(!may(&empty));
    }

    #[test]
    fn unavailable_and_empty_choices_are_refused() {
        let mut fields = Fields::default();
        fields.set(keypair::fields().resolve("modified_at").unwrap());
        let err = fields.selection(&[], &v26()).unwrap_err();
        assert!(matches!(err, Error::Fields(_)), "{err:?}");
        fields.set(Vec::<FieldSpec>::new());
        let err = fields.selection(&[], &v26()).unwrap_err();
        assert!(matches!(err, Error::Fields(_)), "{err:?}");
    }

    #[test]
    fn fields_unknown_to_the_schema_are_refused() {
        let mut fields = Fields::default();
        fields.set([FieldSpec::new("no_such_field")]);
        for server in [v23(), v26()] {
            let err = fields.selection(&[], &server).unwrap_err();
            assert!(matches!(err, Error::Selection(_)), "{err:?}");
        }
    }
}
