//! The caller's field choice, checked against the server it goes to.

use std::borrow::Borrow;

use backendai_fields::{
    FieldSet, FieldSpec, ManagerRelease, Selection, SelectionError, ServerVersion, Unavailable,
};
use backendai_transport::{ApiVersion, ServerInfo};

/// The fields a call asks for, from one entity's catalogue: the caller's, or the call's
/// default list.
#[derive(Debug, Clone)]
pub(crate) struct Fields {
    catalogue: &'static FieldSet,
    chosen: Option<Vec<FieldSpec>>,
}

impl Fields {
    /// The call's default list of `catalogue`, until the caller chooses.
    pub(crate) fn of(catalogue: &'static FieldSet) -> Self {
        Self {
            catalogue,
            chosen: None,
        }
    }

    /// Replaces the choice with `fields`.
    pub(crate) fn set<I>(&mut self, fields: I)
    where
        I: IntoIterator,
        I::Item: Borrow<FieldSpec>,
    {
        self.chosen = Some(fields.into_iter().map(|f| f.borrow().clone()).collect());
    }

    /// The selection for `server`: each field one of the catalogue's, and one the server
    /// has. The crate `backendai-schema` proves in its tests that every such selection is
    /// valid against the schema of the server's generation, so nothing else is checked.
    /// A default list asks for those of its fields that the server has: a default works
    /// on every manager.
    pub(crate) fn selection(
        &self,
        default: &[FieldSpec],
        server: &ServerVersion,
    ) -> Result<Selection, SelectionError> {
        match &self.chosen {
            Some(chosen) => self.catalogue.select(chosen, server),
            None => {
                let present = default
                    .iter()
                    .filter(|spec| spec.check_available(server).is_ok());
                self.catalogue.select(present, server)
            }
        }
    }
}

/// The server speaking `api`, described by `info` (the transport's `GET /` answer). A
/// release that is missing or cannot be parsed counts as unknown: a field that needs one is
/// refused rather than sent to a server that may lack it.
pub(crate) fn server_version(api: ApiVersion, info: Option<&ServerInfo>) -> ServerVersion {
    let server = ServerVersion::new(api);
    match info
        .and_then(|info| info.manager.as_deref())
        .and_then(|text| text.parse::<ManagerRelease>().ok())
    {
        Some(release) => server.with_manager(release),
        None => server,
    }
}

/// Whether knowing the manager release could admit a field refused without it: one newer
/// than the API version in use (which may be pinned below the server's), or one only a
/// release can tell.
pub(crate) fn release_may_admit(error: &SelectionError) -> bool {
    matches!(
        error,
        SelectionError::Unavailable {
            reason: Unavailable::TooOld { .. } | Unavailable::ReleaseUnknown { .. },
            ..
        }
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use backendai_fields::keypair;

    fn server(api: ApiVersion, release: Option<&str>) -> ServerVersion {
        let info = ServerInfo {
            version: api,
            manager: release.map(str::to_owned),
        };
        server_version(api, Some(&info))
    }

    fn chosen(names: &str) -> Fields {
        let mut fields = Fields::of(keypair::fields());
        fields.set(keypair::fields().resolve(names).unwrap());
        fields
    }

    #[test]
    fn defaults_apply_until_fields_are_chosen() {
        let v23 = server(ApiVersion::V7_20230615, Some("23.09.10"));
        let text = |f: &Fields| {
            f.selection(keypair::default_result_fields(), &v23)
                .map(|s| s.to_graphql())
        };
        assert_eq!(
            text(&Fields::of(keypair::fields())).unwrap(),
            "access_key secret_key"
        );
        assert_eq!(
            text(&chosen("full_name,access_key")).unwrap(),
            "user_info { full_name } access_key"
        );
    }

    #[test]
    fn an_unreadable_release_is_unknown() {
        for release in [None, Some("not a release")] {
            let unknown = server(ApiVersion::V9_20250722, release);
            assert_eq!(unknown.manager(), None, "{release:?}");
        }
        assert_eq!(
            server_version(ApiVersion::V9_20250722, None).manager(),
            None
        );
        let known = server(ApiVersion::V5_20191215, Some("26.9.6"));
        assert_eq!(known.manager(), Some(ManagerRelease::new(26, 9, 6)));
        assert_eq!(known.api(), ApiVersion::V5_20191215);
    }

    #[test]
    fn newer_fields_go_to_26_9_only() {
        let newer = chosen("access_key,is_default,rolling_count");
        let v26 = server(ApiVersion::V9_20250722, Some("26.9.6"));
        assert_eq!(
            newer.selection(&[], &v26).unwrap().to_graphql(),
            "access_key is_default rolling_count"
        );
        let v23 = server(ApiVersion::V7_20230615, Some("23.09.10"));
        assert!(matches!(
            newer.selection(&[], &v23),
            Err(SelectionError::Unavailable { .. })
        ));
        let unknown = server(ApiVersion::V9_20250722, None);
        assert!(newer.selection(&[], &unknown).is_err());
    }

    #[test]
    fn a_hand_made_spec_cannot_claim_a_field_the_catalogue_does_not_admit() {
        // Built by hand, `is_default` claims to exist everywhere; the catalogue decides.
        let mut fields = Fields::of(keypair::fields());
        fields.set([FieldSpec::new("is_default")]);
        let v23 = server(ApiVersion::V7_20230615, Some("23.09.10"));
        assert!(matches!(
            fields.selection(&[], &v23),
            Err(SelectionError::Unavailable { .. })
        ));
        fields.set([FieldSpec::new("no_such_field")]);
        assert!(matches!(
            fields.selection(&[], &v23),
            Err(SelectionError::Unknown { .. })
        ));
    }

    #[test]
    fn only_refusals_a_release_could_lift_are_asked_again() {
        let unknown = server_version(ApiVersion::V5_20191215, None);
        let may =
            |fields: &Fields| release_may_admit(&fields.selection(&[], &unknown).unwrap_err());
        // `rolling_count` is newer than v5, `is_default` needs a release.
        assert!(may(&chosen("rolling_count")));
        assert!(may(&chosen("is_default")));
        // Nothing can admit these.
        assert!(!may(&chosen("modified_at")));
        let mut empty = Fields::of(keypair::fields());
        empty.set(Vec::<FieldSpec>::new());
        assert!(!may(&empty));
        let mut unknown_field = Fields::of(keypair::fields());
        unknown_field.set([FieldSpec::new("no_such_field")]);
        assert!(!may(&unknown_field));
    }
}
