//! Server versions, as far as field availability needs them.
//!
//! A manager reports two versions on `GET /`: the API revision it speaks
//! (`"version": "v8.20240915"`) and its own release (`"manager": "24.09.0"`).
//! New GraphQL fields arrive with manager releases, and not every release bumps
//! the API revision, so both are kept (see [`crate::Availability`]).

use std::fmt;
use std::str::FromStr;

/// An API revision `v<major>.<yyyymmdd>`, e.g. `v7.20230615`.
///
/// Revisions order by major number, then by date, as the Python SDK's tuples do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ApiRevision {
    major: u32,
    date: u32,
}

impl ApiRevision {
    /// A revision from its parts; `date` is the number `yyyymmdd`.
    pub const fn new(major: u32, date: u32) -> Self {
        Self { major, date }
    }

    /// The major number (`8` in `v8.20240915`).
    pub const fn major(self) -> u32 {
        self.major
    }

    /// The date part as the number `yyyymmdd`.
    pub const fn date(self) -> u32 {
        self.date
    }
}

impl fmt::Display for ApiRevision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "v{}.{:08}", self.major, self.date)
    }
}

impl FromStr for ApiRevision {
    type Err = VersionError;

    /// Parses `v<major>.<8 digits>`, the form managers report.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let invalid = || VersionError::InvalidApiRevision {
            text: text.to_owned(),
        };
        let (major, date) = text
            .strip_prefix('v')
            .and_then(|rest| rest.split_once('.'))
            .ok_or_else(invalid)?;
        if major.is_empty()
            || !major.bytes().all(|b| b.is_ascii_digit())
            || date.len() != 8
            || !date.bytes().all(|b| b.is_ascii_digit())
        {
            return Err(invalid());
        }
        Ok(Self {
            major: major.parse().map_err(|_| invalid())?,
            date: date.parse().map_err(|_| invalid())?,
        })
    }
}

/// The pre-release stage of a manager release; a final release sorts last.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ReleaseStage {
    /// `.devN`
    Dev(u32),
    /// `aN`
    Alpha(u32),
    /// `bN`
    Beta(u32),
    /// `rcN`
    Rc(u32),
    /// No suffix.
    Final,
}

/// A manager release such as `23.09.10` or `26.8.0rc1` (year, month, patch).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ManagerRelease {
    year: u32,
    month: u32,
    patch: u32,
    stage: ReleaseStage,
}

impl ManagerRelease {
    /// A final release `year.month.patch`.
    pub const fn new(year: u32, month: u32, patch: u32) -> Self {
        Self {
            year,
            month,
            patch,
            stage: ReleaseStage::Final,
        }
    }

    /// The same release at a pre-release stage.
    pub const fn with_stage(self, stage: ReleaseStage) -> Self {
        Self { stage, ..self }
    }

    /// `(year, month, patch)`.
    pub const fn parts(self) -> (u32, u32, u32) {
        (self.year, self.month, self.patch)
    }

    /// The pre-release stage ([`ReleaseStage::Final`] for a release).
    pub const fn stage(self) -> ReleaseStage {
        self.stage
    }
}

impl fmt::Display for ManagerRelease {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{:02}.{}", self.year, self.month, self.patch)?;
        match self.stage {
            ReleaseStage::Dev(n) => write!(f, ".dev{n}"),
            ReleaseStage::Alpha(n) => write!(f, "a{n}"),
            ReleaseStage::Beta(n) => write!(f, "b{n}"),
            ReleaseStage::Rc(n) => write!(f, "rc{n}"),
            ReleaseStage::Final => Ok(()),
        }
    }
}

impl FromStr for ManagerRelease {
    type Err = VersionError;

    /// Parses `YY.MM[.PATCH[suffix]]` with an optional `aN`, `bN`, `rcN` or `.devN` suffix.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let invalid = || VersionError::InvalidManagerRelease {
            text: text.to_owned(),
        };
        let number = |part: &str| -> Result<u32, VersionError> {
            if part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) {
                return Err(invalid());
            }
            part.parse().map_err(|_| invalid())
        };
        let (core, dev) = match text.split_once(".dev") {
            Some((core, n)) => (core, Some(number(n)?)),
            None => (text, None),
        };
        let mut parts = core.split('.');
        let year = number(parts.next().unwrap_or_default())?;
        let month = number(parts.next().ok_or_else(invalid)?)?;
        let (patch, stage) = match parts.next() {
            None => (0, ReleaseStage::Final),
            Some(last) => {
                let digits = last.bytes().take_while(u8::is_ascii_digit).count();
                let (patch, suffix) = last.split_at(digits);
                let stage = match suffix {
                    "" => ReleaseStage::Final,
                    s if s.starts_with("rc") => ReleaseStage::Rc(number(&s[2..])?),
                    s if s.starts_with('a') => ReleaseStage::Alpha(number(&s[1..])?),
                    s if s.starts_with('b') => ReleaseStage::Beta(number(&s[1..])?),
                    _ => return Err(invalid()),
                };
                (number(patch)?, stage)
            }
        };
        if parts.next().is_some() {
            return Err(invalid());
        }
        let stage = match (dev, stage) {
            (Some(n), ReleaseStage::Final) => ReleaseStage::Dev(n),
            (Some(_), _) => return Err(invalid()),
            (None, stage) => stage,
        };
        Ok(Self {
            year,
            month,
            patch,
            stage,
        })
    }
}

/// What is known about the server a query goes to.
///
/// The API revision is always known (the transport negotiates it); the manager
/// release is known when the caller kept the `manager` value of `GET /`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ServerVersion {
    api: ApiRevision,
    manager: Option<ManagerRelease>,
}

impl ServerVersion {
    /// A server known by its API revision only.
    pub const fn new(api: ApiRevision) -> Self {
        Self { api, manager: None }
    }

    /// The same server with its manager release known.
    pub const fn with_manager(self, release: ManagerRelease) -> Self {
        Self {
            manager: Some(release),
            ..self
        }
    }

    /// The API revision in use.
    pub const fn api(&self) -> ApiRevision {
        self.api
    }

    /// The manager release, when known.
    pub const fn manager(&self) -> Option<ManagerRelease> {
        self.manager
    }
}

impl fmt::Display for ServerVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.manager {
            Some(release) => write!(f, "manager {release} (API {})", self.api),
            None => write!(f, "API {} (manager release unknown)", self.api),
        }
    }
}

/// A version string that could not be parsed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum VersionError {
    /// Not of the form `v<major>.<yyyymmdd>`.
    #[error("`{text}` is not an API revision like `v7.20230615`")]
    InvalidApiRevision {
        /// The text given.
        text: String,
    },
    /// Not of the form `YY.MM[.PATCH]` with an optional pre-release suffix.
    #[error("`{text}` is not a manager release like `23.09.10`")]
    InvalidManagerRelease {
        /// The text given.
        text: String,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_revisions_parse_print_and_order() {
        let v7: ApiRevision = "v7.20230615".parse().unwrap();
        assert_eq!((v7.major(), v7.date()), (7, 20230615));
        assert_eq!(v7.to_string(), "v7.20230615");
        let v8: ApiRevision = "v8.20240315".parse().unwrap();
        assert!(v7 < v8);
        assert!(ApiRevision::new(8, 20240315) < ApiRevision::new(8, 20240915));
        assert!(ApiRevision::new(10, 20000101) > ApiRevision::new(9, 20250722));
    }

    #[test]
    fn malformed_api_revisions_are_refused() {
        for text in [
            "",
            "7.20230615",
            "v7",
            "v.20230615",
            "v7.2023061",
            "v7.2023-615",
            "vx.20230615",
        ] {
            let err = text.parse::<ApiRevision>().unwrap_err();
            assert_eq!(
                err,
                VersionError::InvalidApiRevision {
                    text: text.to_owned()
                }
            );
        }
    }

    #[test]
    fn manager_releases_parse_with_and_without_padding() {
        let old: ManagerRelease = "23.09.10".parse().unwrap();
        assert_eq!(old, ManagerRelease::new(23, 9, 10));
        assert_eq!(old.to_string(), "23.09.10");
        assert_eq!(
            "26.9.6".parse::<ManagerRelease>().unwrap(),
            ManagerRelease::new(26, 9, 6)
        );
        assert_eq!(
            "24.09".parse::<ManagerRelease>().unwrap(),
            ManagerRelease::new(24, 9, 0)
        );
    }

    #[test]
    fn pre_releases_sort_before_the_release() {
        let rc: ManagerRelease = "26.8.0rc1".parse().unwrap();
        assert_eq!(rc.stage(), ReleaseStage::Rc(1));
        assert_eq!(rc.to_string(), "26.08.0rc1");
        let dev: ManagerRelease = "26.8.0.dev2".parse().unwrap();
        assert_eq!(dev.stage(), ReleaseStage::Dev(2));
        let alpha: ManagerRelease = "26.8.0a1".parse().unwrap();
        let beta: ManagerRelease = "26.8.0b1".parse().unwrap();
        let release = ManagerRelease::new(26, 8, 0);
        assert!(dev < alpha && alpha < beta && beta < rc && rc < release);
        assert!(release < ManagerRelease::new(26, 8, 1));
    }

    #[test]
    fn malformed_manager_releases_are_refused() {
        for text in [
            "",
            "26",
            "26.x",
            "26.9.6.1",
            "26.9.6rc",
            "26.9.6zz1",
            "26.9.6rc1.dev1",
            ".9.6",
        ] {
            assert!(
                matches!(
                    text.parse::<ManagerRelease>(),
                    Err(VersionError::InvalidManagerRelease { .. })
                ),
                "{text:?} parsed"
            );
        }
    }

    #[test]
    fn server_versions_say_what_is_known() {
        let api = ApiRevision::new(7, 20230615);
        let server = ServerVersion::new(api);
        assert_eq!(server.manager(), None);
        assert_eq!(
            server.to_string(),
            "API v7.20230615 (manager release unknown)"
        );
        let known = server.with_manager(ManagerRelease::new(23, 9, 10));
        assert_eq!(known.api(), api);
        assert_eq!(known.to_string(), "manager 23.09.10 (API v7.20230615)");
    }
}
