//! Which servers have a field.
//!
//! GraphQL fails the whole query when one selected field is unknown
//! ("Cannot query field 'modified_at' on type 'KeyPair'."), so every field spec
//! says where it exists and a [`crate::Selection`] refuses the ones the server lacks.

use std::fmt;

use backendai_version::{ApiVersion, ManagerRelease, ServerVersion};

/// Where a field exists.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Availability {
    /// On every supported manager (23.09 onwards).
    #[default]
    Always,
    /// Added in a later manager release.
    Since(Introduced),
    /// On no known manager (the Python SDK lists a few such fields).
    Unsupported,
}

impl Availability {
    /// Whether the field can be requested from `server`.
    ///
    /// For [`Availability::Since`], a known manager release decides. Without one,
    /// the API revision decides when the release that added the field also
    /// introduced a new revision; otherwise the field is refused, since the
    /// server may predate it.
    pub fn check(&self, server: &ServerVersion) -> Result<(), Unavailable> {
        match *self {
            Availability::Always => Ok(()),
            Availability::Unsupported => Err(Unavailable::Unsupported),
            Availability::Since(needed) => {
                let present = match (server.manager(), needed.api) {
                    (Some(release), _) => release >= needed.release,
                    (None, Some(api)) => server.api() >= api,
                    (None, None) => {
                        return Err(Unavailable::ReleaseUnknown {
                            needed,
                            server: *server,
                        })
                    }
                };
                if present {
                    Ok(())
                } else {
                    Err(Unavailable::TooOld {
                        needed,
                        server: *server,
                    })
                }
            }
        }
    }
}

/// The manager release that added a field, and the API revision that implies it, if any.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Introduced {
    release: ManagerRelease,
    api: Option<ApiVersion>,
}

impl Introduced {
    /// Added in `release`, which did not bring a new API revision.
    pub const fn in_release(release: ManagerRelease) -> Self {
        Self { release, api: None }
    }

    /// Every server that speaks `api` or later has the field.
    pub const fn with_api(self, api: ApiVersion) -> Self {
        Self {
            api: Some(api),
            ..self
        }
    }

    /// The first manager release with the field.
    pub const fn release(&self) -> ManagerRelease {
        self.release
    }

    /// The first API revision that guarantees the field, if there is one.
    pub const fn api(&self) -> Option<ApiVersion> {
        self.api
    }
}

impl fmt::Display for Introduced {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "manager {}", self.release)?;
        if let Some(api) = self.api {
            write!(f, " (API {api})")?;
        }
        Ok(())
    }
}

/// Why a field cannot be requested from a server.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Unavailable {
    /// No known manager has the field.
    #[error("no known manager release has this field")]
    Unsupported,
    /// The server predates the field.
    #[error("it was added in {needed} and the server is {server}")]
    TooOld {
        /// Where the field was added.
        needed: Introduced,
        /// The server asked.
        server: ServerVersion,
    },
    /// Only the manager release can tell, and it is not known.
    #[error("it was added in {needed} and the server's manager release is unknown")]
    ReleaseUnknown {
        /// Where the field was added.
        needed: Introduced,
        /// The server asked.
        server: ServerVersion,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    const V7: ApiVersion = ApiVersion::new(7, 20230615);
    const V8_0915: ApiVersion = ApiVersion::new(8, 20240915);
    const V9: ApiVersion = ApiVersion::new(9, 20250722);
    const ROLLING: Introduced =
        Introduced::in_release(ManagerRelease::new(24, 9, 0)).with_api(V8_0915);
    const IS_DEFAULT: Introduced = Introduced::in_release(ManagerRelease::new(26, 9, 0));

    #[test]
    fn always_and_unsupported_ignore_the_server() {
        let server = ServerVersion::new(V7);
        assert_eq!(Availability::Always.check(&server), Ok(()));
        assert_eq!(
            Availability::Unsupported.check(&server),
            Err(Unavailable::Unsupported)
        );
        let newest = ServerVersion::new(V9).with_manager(ManagerRelease::new(99, 1, 0));
        assert_eq!(
            Availability::Unsupported.check(&newest),
            Err(Unavailable::Unsupported)
        );
    }

    #[test]
    fn a_known_release_decides() {
        let rolling = Availability::Since(ROLLING);
        let old = ServerVersion::new(V7).with_manager(ManagerRelease::new(23, 9, 10));
        assert_eq!(
            rolling.check(&old),
            Err(Unavailable::TooOld {
                needed: ROLLING,
                server: old
            })
        );
        let new = ServerVersion::new(V8_0915).with_manager(ManagerRelease::new(24, 9, 0));
        assert_eq!(rolling.check(&new), Ok(()));
        let rc = ServerVersion::new(V9).with_manager("26.9.0rc1".parse().unwrap());
        assert!(Availability::Since(IS_DEFAULT).check(&rc).is_err());
        let release = ServerVersion::new(V9).with_manager(ManagerRelease::new(26, 9, 6));
        assert_eq!(Availability::Since(IS_DEFAULT).check(&release), Ok(()));
    }

    #[test]
    fn without_a_release_only_an_implying_api_revision_admits_a_field() {
        let rolling = Availability::Since(ROLLING);
        assert_eq!(rolling.check(&ServerVersion::new(V8_0915)), Ok(()));
        assert!(matches!(
            rolling.check(&ServerVersion::new(ApiVersion::new(8, 20240315))),
            Err(Unavailable::TooOld { .. })
        ));
        // v9.20250722 predates 26.9, so it proves nothing about `is_default`.
        let server = ServerVersion::new(V9);
        assert_eq!(
            Availability::Since(IS_DEFAULT).check(&server),
            Err(Unavailable::ReleaseUnknown {
                needed: IS_DEFAULT,
                server
            })
        );
    }

    #[test]
    fn reasons_read_well() {
        let server = ServerVersion::new(V7).with_manager(ManagerRelease::new(23, 9, 10));
        let err = Availability::Since(ROLLING).check(&server).unwrap_err();
        assert_eq!(
            err.to_string(),
            "it was added in manager 24.09.0 (API v8.20240915) and the server is manager 23.09.10 (API v7.20230615)"
        );
    }
}
