//! The settings of a policy that `create` and `update` share, checked before sending.

use std::fmt;

use backendai_fields::keypair_resource_policy::NEWER_FIELDS_SINCE;
use backendai_fields::{Availability, ServerVersion};
use backendai_schema::scalars::{BigInt, JsonString};

use crate::{input, Error};

/// What a session may use of resources its policy's slots do not name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DefaultForUnspecified {
    /// None of them (`LIMITED`).
    Limited,
    /// Any amount (`UNLIMITED`, the Python CLI's default).
    Unlimited,
}

impl DefaultForUnspecified {
    /// The manager's name: `LIMITED`, `UNLIMITED`.
    pub fn as_str(self) -> &'static str {
        match self {
            DefaultForUnspecified::Limited => "LIMITED",
            DefaultForUnspecified::Unlimited => "UNLIMITED",
        }
    }
}

impl fmt::Display for DefaultForUnspecified {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for DefaultForUnspecified {
    type Err = Error;

    /// `LIMITED` or `UNLIMITED`, in any case.
    fn from_str(text: &str) -> Result<Self, Error> {
        match text.trim().to_ascii_uppercase().as_str() {
            "LIMITED" => Ok(DefaultForUnspecified::Limited),
            "UNLIMITED" => Ok(DefaultForUnspecified::Unlimited),
            _ => Err(Error::invalid(
                "default for unspecified",
                format!("{text:?} is neither LIMITED nor UNLIMITED"),
            )),
        }
    }
}

/// The permissions a storage host can grant in `allowed_vfolder_hosts`, as managers 23.09
/// and 26.9 name them (`VFolderHostPermission`).
pub const VFOLDER_HOST_PERMISSIONS: [&str; 8] = [
    "create-vfolder",
    "modify-vfolder",
    "delete-vfolder",
    "mount-in-session",
    "upload-file",
    "download-file",
    "invite-others",
    "set-user-specific-permission",
];

/// Every setting, each `None` until given; what is `None` is not sent.
#[derive(Debug, Clone, Default)]
pub(crate) struct Settings {
    pub(crate) default_for_unspecified: Option<DefaultForUnspecified>,
    pub(crate) total_resource_slots: Option<JsonString>,
    pub(crate) max_session_lifetime: Option<u32>,
    pub(crate) max_concurrent_sessions: Option<u32>,
    pub(crate) max_concurrent_sftp_sessions: Option<u32>,
    pub(crate) max_containers_per_session: Option<u32>,
    pub(crate) idle_timeout: Option<u64>,
    pub(crate) allowed_vfolder_hosts: Option<JsonString>,
    pub(crate) max_pending_session_count: Option<u32>,
    pub(crate) max_pending_session_resource_slots: Option<JsonString>,
}

/// The settings as the generated inputs take them, checked.
pub(crate) struct Checked {
    pub(crate) default_for_unspecified: Option<String>,
    pub(crate) total_resource_slots: Option<JsonString>,
    pub(crate) max_session_lifetime: Option<i64>,
    pub(crate) max_concurrent_sessions: Option<i64>,
    pub(crate) max_concurrent_sftp_sessions: Option<i64>,
    pub(crate) max_containers_per_session: Option<i64>,
    pub(crate) idle_timeout: Option<BigInt>,
    pub(crate) allowed_vfolder_hosts: Option<JsonString>,
    pub(crate) max_pending_session_count: Option<i64>,
    pub(crate) max_pending_session_resource_slots: Option<JsonString>,
}

impl Settings {
    /// Whether any setting is given.
    pub(crate) fn is_empty(&self) -> bool {
        self.default_for_unspecified.is_none()
            && self.total_resource_slots.is_none()
            && self.max_session_lifetime.is_none()
            && self.max_concurrent_sessions.is_none()
            && self.max_concurrent_sftp_sessions.is_none()
            && self.max_containers_per_session.is_none()
            && self.idle_timeout.is_none()
            && self.allowed_vfolder_hosts.is_none()
            && self.max_pending_session_count.is_none()
            && self.max_pending_session_resource_slots.is_none()
    }

    /// Whether a setting only newer managers take is given.
    pub(crate) fn has_newer(&self) -> bool {
        self.max_pending_session_count.is_some()
            || self.max_pending_session_resource_slots.is_some()
    }

    /// The settings in range, the JSON ones objects, and the newer ones only for a server
    /// that takes them.
    pub(crate) fn check(&self, server: &ServerVersion) -> Result<Checked, Error> {
        if self.has_newer() {
            if let Err(why) = Availability::Since(NEWER_FIELDS_SINCE).check(server) {
                let what = if self.max_pending_session_count.is_some() {
                    "max pending session count"
                } else {
                    "max pending session resource slots"
                };
                return Err(Error::invalid(what, why.to_string()));
            }
        }
        Ok(Checked {
            default_for_unspecified: self.default_for_unspecified.map(|d| d.as_str().to_owned()),
            total_resource_slots: object("total resource slots", &self.total_resource_slots)?,
            max_session_lifetime: count("max session lifetime", self.max_session_lifetime)?,
            max_concurrent_sessions: count(
                "max concurrent sessions",
                self.max_concurrent_sessions,
            )?,
            max_concurrent_sftp_sessions: count(
                "max concurrent SFTP sessions",
                self.max_concurrent_sftp_sessions,
            )?,
            max_containers_per_session: count(
                "max containers per session",
                self.max_containers_per_session,
            )?,
            idle_timeout: self.idle_timeout.map(seconds).transpose()?,
            allowed_vfolder_hosts: hosts(&self.allowed_vfolder_hosts)?,
            max_pending_session_count: count(
                "max pending session count",
                self.max_pending_session_count,
            )?,
            max_pending_session_resource_slots: object(
                "max pending session resource slots",
                &self.max_pending_session_resource_slots,
            )?,
        })
    }
}

/// A count or a number of seconds that fits the GraphQL `Int`.
fn count(what: &'static str, value: Option<u32>) -> Result<Option<i64>, Error> {
    value
        .map(|value| input::graphql_int(what, value))
        .transpose()
}

/// An idle timeout that fits the manager's `BigInt` (a signed 64-bit column).
fn seconds(value: u64) -> Result<BigInt, Error> {
    i64::try_from(value).map(BigInt::from).map_err(|_| {
        Error::invalid(
            "idle timeout",
            format!("{value} is more than the largest BigInt ({})", i64::MAX),
        )
    })
}

/// Storage hosts: an object of host names to lists of known permissions.
fn hosts(value: &Option<JsonString>) -> Result<Option<JsonString>, Error> {
    const WHAT: &str = "allowed vfolder hosts";
    let checked = object(WHAT, value)?;
    let Some(hosts) = checked.as_ref().and_then(|json| json.value().as_object()) else {
        return Ok(checked);
    };
    for (host, permissions) in hosts {
        let Some(permissions) = permissions.as_array() else {
            return Err(Error::invalid(
                WHAT,
                format!("the permissions of {host:?} are not a list"),
            ));
        };
        for permission in permissions {
            let known = permission
                .as_str()
                .is_some_and(|p| VFOLDER_HOST_PERMISSIONS.contains(&p));
            if !known {
                return Err(Error::invalid(
                    WHAT,
                    format!(
                        "{permission} is not a permission of {host:?}; the permissions are {}",
                        VFOLDER_HOST_PERMISSIONS.join(", ")
                    ),
                ));
            }
        }
    }
    Ok(checked)
}

/// A JSON setting, which the manager reads as an object of slots or hosts.
fn object(what: &'static str, value: &Option<JsonString>) -> Result<Option<JsonString>, Error> {
    match value {
        Some(json) if !json.value().is_object() => Err(Error::invalid(
            what,
            format!("{} is not a JSON object", json.as_str()),
        )),
        other => Ok(other.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use backendai_fields::{ApiVersion, ManagerRelease};

    fn v23() -> ServerVersion {
        ServerVersion::new(ApiVersion::V7_20230615).with_manager(ManagerRelease::new(23, 9, 10))
    }

    fn v26() -> ServerVersion {
        ServerVersion::new(ApiVersion::V9_20250722).with_manager(ManagerRelease::new(26, 9, 6))
    }

    #[test]
    fn default_for_unspecified_reads_the_managers_names() {
        assert_eq!(
            "unlimited".parse::<DefaultForUnspecified>().unwrap(),
            DefaultForUnspecified::Unlimited
        );
        assert_eq!(DefaultForUnspecified::Limited.to_string(), "LIMITED");
        let err = "BOGUS".parse::<DefaultForUnspecified>().unwrap_err();
        assert!(
            err.to_string().contains("neither LIMITED nor UNLIMITED"),
            "{err}"
        );
    }

    #[test]
    fn json_settings_must_be_objects() {
        let settings = Settings {
            total_resource_slots: Some(JsonString::parse("[1, 2]").unwrap()),
            ..Settings::default()
        };
        let err = settings.check(&v23()).err().unwrap();
        assert!(err.to_string().contains("total resource slots"), "{err}");
        assert!(err.to_string().contains("not a JSON object"), "{err}");
        let fine = Settings {
            total_resource_slots: Some(JsonString::parse(r#"{"cpu": "4"}"#).unwrap()),
            ..Settings::default()
        };
        assert!(fine.check(&v23()).is_ok());
    }

    #[test]
    fn storage_hosts_grant_known_permissions_only() {
        let with = |json: &str| Settings {
            allowed_vfolder_hosts: Some(JsonString::parse(json).unwrap()),
            ..Settings::default()
        };
        assert!(
            with(r#"{"local:volume1": ["mount-in-session", "set-user-specific-permission"]}"#)
                .check(&v23())
                .is_ok()
        );
        let err = with(r#"{"local:volume1": ["clone-vfolder"]}"#)
            .check(&v23())
            .err()
            .unwrap();
        assert!(
            err.to_string()
                .contains("\"clone-vfolder\" is not a permission"),
            "{err}"
        );
        let err = with(r#"{"local:volume1": "mount-in-session"}"#)
            .check(&v23())
            .err()
            .unwrap();
        assert!(err.to_string().contains("not a list"), "{err}");
    }

    #[test]
    fn numbers_fit_the_managers_columns() {
        let big = Settings {
            max_concurrent_sessions: Some(u32::MAX),
            ..Settings::default()
        };
        assert!(big
            .check(&v26())
            .err()
            .unwrap()
            .to_string()
            .contains("max concurrent sessions"));
        let long = Settings {
            idle_timeout: Some(u64::MAX),
            ..Settings::default()
        };
        assert!(long
            .check(&v26())
            .err()
            .unwrap()
            .to_string()
            .contains("BigInt"));
    }

    #[test]
    fn the_pending_limits_go_to_newer_managers_only() {
        let pending = Settings {
            max_pending_session_count: Some(3),
            ..Settings::default()
        };
        assert!(pending.has_newer() && !pending.is_empty());
        let err = pending.check(&v23()).err().unwrap();
        assert!(
            err.to_string().contains("max pending session count"),
            "{err}"
        );
        assert!(err.is_local());
        assert_eq!(
            pending.check(&v26()).unwrap().max_pending_session_count,
            Some(3)
        );
        assert!(Settings::default().is_empty());
    }
}
