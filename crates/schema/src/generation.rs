//! Which vendored schema a server is checked against.

use backendai_fields::{ManagerRelease, ServerVersion};

use crate::vendored::{self, TypeTable};

/// The schema generation of a server: which vendored schema the fields sent to it are
/// checked against. 26.9 adds `KeyPair.is_default` and `KeyPair.rolling_count`; a
/// selection checked for [`SchemaGeneration::V23_09`] cannot contain them, so they are
/// never sent to a manager that does not have them.
///
/// ```
/// use backendai_fields::ServerVersion;
/// use backendai_schema::{KeyPairSelection, SchemaGeneration};
///
/// let v26 = ServerVersion::new("v9.20250722".parse()?).with_manager("26.9.6".parse()?);
/// let generation = SchemaGeneration::for_server(&v26);
/// assert_eq!(generation, SchemaGeneration::V26_09);
/// assert!(KeyPairSelection::parse_for("access_key is_default", generation).is_ok());
/// // Without the release, v9 could be a 25.x manager, which lacks `is_default`.
/// let unknown = ServerVersion::new("v9.20250722".parse()?);
/// assert_eq!(SchemaGeneration::for_server(&unknown), SchemaGeneration::V23_09);
/// assert!(KeyPairSelection::parse("access_key is_default").is_err());
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
    /// Every generation, oldest first.
    pub const ALL: [SchemaGeneration; 2] = [SchemaGeneration::V23_09, SchemaGeneration::V26_09];

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

    /// The fields of this schema's `KeyPair` type, as [`crate::keypair_type_fields`].
    pub fn keypair_type_fields(self) -> &'static [(&'static str, &'static str)] {
        self.table().keypair
    }

    /// The fields of an object or interface type of this schema; `None` for any other name.
    pub fn type_fields(self, type_name: &str) -> Option<&'static [(&'static str, &'static str)]> {
        self.table().type_fields(type_name)
    }

    pub(crate) fn table(self) -> &'static TypeTable {
        match self {
            SchemaGeneration::V23_09 => &vendored::TABLE_23,
            SchemaGeneration::V26_09 => &vendored::TABLE_26,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use backendai_fields::ApiRevision;

    fn server(api: &str, release: Option<&str>) -> ServerVersion {
        let server = ServerVersion::new(api.parse::<ApiRevision>().unwrap());
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
    fn each_generation_has_its_own_schema_and_keypair_fields() {
        let has = |generation: SchemaGeneration, field: &str| {
            generation
                .keypair_type_fields()
                .iter()
                .any(|(name, _)| *name == field)
        };
        for field in ["is_default", "rolling_count"] {
            assert!(!has(SchemaGeneration::V23_09, field), "{field}");
            assert!(has(SchemaGeneration::V26_09, field), "{field}");
        }
        assert_eq!(SchemaGeneration::V26_09.manager_version(), "26.9.6");
        assert!(SchemaGeneration::V23_09.schema().contains("type KeyPair "));
        assert!(SchemaGeneration::V26_09
            .schema()
            .contains("is_default: Boolean"));
        assert_eq!(
            SchemaGeneration::V26_09.type_fields("UserInfo"),
            SchemaGeneration::V23_09.type_fields("UserInfo")
        );
    }
}
