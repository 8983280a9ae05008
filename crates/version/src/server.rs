//! [`ServerVersion`]: what is known of the server a call goes to.

use std::fmt;

use crate::{ApiVersion, ManagerRelease};

/// What is known about the server a query goes to.
///
/// The API version is always known (the transport negotiates it); the manager
/// release is known when the caller kept the `manager` value of `GET /`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ServerVersion {
    api: ApiVersion,
    manager: Option<ManagerRelease>,
}

impl ServerVersion {
    /// A server known by its API version only.
    pub const fn new(api: ApiVersion) -> Self {
        Self { api, manager: None }
    }

    /// The same server with its manager release known.
    pub const fn with_manager(self, release: ManagerRelease) -> Self {
        Self {
            manager: Some(release),
            ..self
        }
    }

    /// The API version in use.
    pub const fn api(&self) -> ApiVersion {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_versions_say_what_is_known() {
        let api = ApiVersion::V7_20230615;
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
