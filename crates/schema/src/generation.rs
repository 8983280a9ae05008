//! Which vendored schema a server is checked against.

use backendai_fields::{ManagerRelease, ServerVersion};

use crate::vendored;

/// The schema generation of a server: which vendored schema describes what it accepts.
/// The crate's tests validate every document the SDK can send to a server against the
/// schema of that server's generation.
///
/// ```
/// use backendai_fields::ServerVersion;
/// use backendai_schema::SchemaGeneration;
///
/// let v26 = ServerVersion::new("v9.20250722".parse()?).with_manager("26.9.6".parse()?);
/// assert_eq!(SchemaGeneration::for_server(&v26), SchemaGeneration::V26_09);
/// assert!(SchemaGeneration::V26_09.schema().contains("is_default: Boolean"));
/// // Without the release, v9 could be a 25.x manager, which lacks `is_default`.
/// let unknown = ServerVersion::new("v9.20250722".parse()?);
/// assert_eq!(SchemaGeneration::for_server(&unknown), SchemaGeneration::V23_09);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum SchemaGeneration {
    /// Manager 23.09 (`schema/manager-23.09.10.graphql`), and any server not known to be
    /// 26.9 or later.
    #[default]
    V23_09,
    /// Manager 26.9 and later (`schema/manager-26.9.6.graphql`).
    V26_09,
}

/// The first release the 26.9 schema describes.
const FIRST_26_09: ManagerRelease = ManagerRelease::new(26, 9, 0);

impl SchemaGeneration {
    /// The generation of `server`: [`SchemaGeneration::V26_09`] when its manager release is
    /// known and at least 26.9.0, otherwise [`SchemaGeneration::V23_09`]. The API version
    /// alone cannot tell (26.9 speaks v9.20250722, as 25.x does), so an unknown release
    /// keeps the older schema: a field is refused rather than sent to a server that may
    /// lack it. Releases between 23.09 and 26.9 have fields of their own (24.09 added
    /// `rolling_count`); the catalogue's availability ([`backendai_fields::Availability`])
    /// speaks for those, this check only knows the two vendored schemas.
    pub fn for_server(server: &ServerVersion) -> SchemaGeneration {
        match server.manager() {
            Some(release) if release >= FIRST_26_09 => SchemaGeneration::V26_09,
            _ => SchemaGeneration::V23_09,
        }
    }

    /// The manager release the schema was dumped from (`"23.09.10"`, `"26.9.6"`).
    pub fn manager_version(self) -> &'static str {
        match self {
            SchemaGeneration::V23_09 => vendored::MANAGER_VERSION,
            SchemaGeneration::V26_09 => vendored::MANAGER_VERSION_26,
        }
    }

    /// The schema, as SDL text.
    pub fn schema(self) -> &'static str {
        match self {
            SchemaGeneration::V23_09 => vendored::SCHEMA,
            SchemaGeneration::V26_09 => vendored::SCHEMA_26,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use backendai_fields::ApiVersion;

    fn server(api: &str, release: Option<&str>) -> ServerVersion {
        let server = ServerVersion::new(api.parse::<ApiVersion>().unwrap());
        match release {
            Some(release) => server.with_manager(release.parse().unwrap()),
            None => server,
        }
    }

    #[test]
    fn the_release_decides_and_an_unknown_one_keeps_the_older_schema() {
        for (api, release, expected) in [
            ("v7.20230615", Some("23.09.10"), SchemaGeneration::V23_09),
            ("v8.20240915", Some("24.09.0"), SchemaGeneration::V23_09),
            ("v9.20250722", Some("25.15.3"), SchemaGeneration::V23_09),
            ("v9.20250722", Some("26.9.0rc1"), SchemaGeneration::V23_09),
            ("v9.20250722", Some("26.9.0"), SchemaGeneration::V26_09),
            ("v9.20250722", Some("26.9.6"), SchemaGeneration::V26_09),
            ("v10.20270101", Some("27.3.0"), SchemaGeneration::V26_09),
            ("v9.20250722", None, SchemaGeneration::V23_09),
            ("v10.20270101", None, SchemaGeneration::V23_09),
        ] {
            assert_eq!(
                SchemaGeneration::for_server(&server(api, release)),
                expected,
                "{api} {release:?}"
            );
        }
    }

    #[test]
    fn each_generation_names_its_own_schema() {
        assert_eq!(SchemaGeneration::V23_09.manager_version(), "23.09.10");
        assert_eq!(SchemaGeneration::V26_09.manager_version(), "26.9.6");
        for generation in [SchemaGeneration::V23_09, SchemaGeneration::V26_09] {
            assert!(
                generation.schema().contains("type KeyPair "),
                "{generation:?}"
            );
        }
        assert!(!SchemaGeneration::V23_09
            .schema()
            .contains("is_default: Boolean"));
        assert!(SchemaGeneration::V26_09
            .schema()
            .contains("is_default: Boolean"));
    }
}
