//! [`ManagerRelease`]: a manager's own release number, as `GET /` reports it.

use std::fmt;
use std::str::FromStr;

use crate::VersionError;

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
