//! Helpers for tests that talk to the project's real manager (feature `test-util`).
//!
//! Tests call [`RealManager::get`]. It reads the manager's address and the fixture keys
//! from the environment, falling back to the `.state/env` file that `scripts/manager start`
//! writes. When `BACKENDAI_REQUIRE_MANAGER=1` (or `CI=true`) an unreachable manager is a test
//! failure with instructions; otherwise the test is told to return early, with a notice.

use std::collections::HashMap;
use std::fmt;
use std::net::{TcpStream, ToSocketAddrs};
use std::path::{Path, PathBuf};
use std::time::Duration;

use secrecy::SecretString;

use crate::{Client, ConfigBuilder};

/// One access/secret key pair of a fixture identity.
#[derive(Clone)]
pub struct TestKeys {
    /// The access key (public).
    pub access_key: String,
    /// The secret key, never printed.
    pub secret_key: SecretString,
}

impl fmt::Debug for TestKeys {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TestKeys")
            .field("access_key", &self.access_key)
            .field("secret_key", &"** redacted **")
            .finish()
    }
}

/// The real manager the integration tests run against.
#[derive(Clone)]
pub struct RealManager {
    /// Base URL, e.g. `http://127.0.0.1:8091`.
    pub endpoint: String,
    /// The superadmin `admin@bai.test` (its user's main access key).
    pub admin: TestKeys,
    /// The normal user `user@bai.test` (its user's main access key).
    pub user: TestKeys,
    /// All variables read (process environment over the env file), for building configs.
    pub vars: HashMap<String, String>,
}

impl fmt::Debug for RealManager {
    /// Variable names only: their values include the secret keys.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut names: Vec<&str> = self.vars.keys().map(String::as_str).collect();
        names.sort_unstable();
        f.debug_struct("RealManager")
            .field("endpoint", &self.endpoint)
            .field("admin", &self.admin)
            .field("user", &self.user)
            .field("vars", &names)
            .finish()
    }
}

const START_HINT: &str =
    "start it with `scripts/manager start` (or run the whole suite with `scripts/test`)";

impl RealManager {
    /// The manager, or `None` when it is not configured or not reachable and not required.
    ///
    /// # Panics
    /// When the manager is required (`BACKENDAI_REQUIRE_MANAGER=1` or `CI=true`) and missing:
    /// in CI a missing manager is a failure, never a silent pass.
    pub fn get() -> Option<RealManager> {
        let vars = collect_vars();
        let required = is_required(&vars);
        match Self::from_vars(vars) {
            Ok(manager) => Some(manager),
            Err(why) if required => panic!("real manager required but {why}; {START_HINT}"),
            Err(why) => {
                eprintln!("notice: skipping real-manager test: {why}; {START_HINT}");
                None
            }
        }
    }

    /// A config builder for this manager that signs with `keys`. The variables the manager
    /// was found with apply too (`BACKEND_READ_TIMEOUT`, say); the endpoint and keys win.
    pub fn config(&self, keys: &TestKeys) -> ConfigBuilder {
        let vars = self.vars.clone();
        ConfigBuilder::from_env_with(move |name| vars.get(name).cloned())
            .endpoint(self.endpoint.clone())
            .credentials(keys.access_key.clone(), keys.secret_key.clone())
    }

    /// A client for this manager that signs with `keys`.
    ///
    /// # Panics
    /// When the manager's variables do not make a valid configuration (a broken test setup).
    pub fn client(&self, keys: &TestKeys) -> Client {
        let config = self
            .config(keys)
            .build()
            .unwrap_or_else(|e| panic!("the real manager's settings are not a valid config: {e}"));
        Client::new(config).unwrap_or_else(|e| panic!("cannot build a client: {e}"))
    }

    fn from_vars(vars: HashMap<String, String>) -> Result<RealManager, String> {
        let var = |name: &str| {
            vars.get(name)
                .filter(|v| !v.trim().is_empty())
                .cloned()
                .ok_or_else(|| format!("{name} is not set"))
        };
        let endpoint = var("BACKEND_ENDPOINT")?;
        let admin = TestKeys {
            access_key: var("BACKEND_ACCESS_KEY")?,
            secret_key: SecretString::from(var("BACKEND_SECRET_KEY")?),
        };
        let user = TestKeys {
            access_key: var("BACKENDAI_TEST_USER_ACCESS_KEY")?,
            secret_key: SecretString::from(var("BACKENDAI_TEST_USER_SECRET_KEY")?),
        };
        check_reachable(&endpoint)?;
        Ok(RealManager {
            endpoint,
            admin,
            user,
            vars,
        })
    }
}

fn is_required(vars: &HashMap<String, String>) -> bool {
    let flag = |name: &str| {
        vars.get(name)
            .map(|v| matches!(v.trim().to_ascii_lowercase().as_str(), "1" | "true" | "yes"))
            .unwrap_or(false)
    };
    flag("BACKENDAI_REQUIRE_MANAGER") || flag("CI")
}

/// Process environment first, then the harness's env file for whatever is missing.
fn collect_vars() -> HashMap<String, String> {
    let mut vars: HashMap<String, String> = HashMap::new();
    if let Some(path) = env_file() {
        if let Ok(text) = std::fs::read_to_string(&path) {
            vars.extend(parse_env_file(&text));
        }
    }
    vars.extend(std::env::vars());
    vars
}

fn env_file() -> Option<PathBuf> {
    if let Ok(path) = std::env::var("BACKENDAI_ENV_FILE") {
        return Some(PathBuf::from(path));
    }
    let state = std::env::var("BACKENDAI_STATE_DIR").map(PathBuf::from).ok();
    state.map(|dir| dir.join("env")).or_else(|| {
        // Walk up from the crate under test to the workspace root's `.state/env`.
        let start = std::env::var("CARGO_MANIFEST_DIR").ok()?;
        Path::new(&start)
            .ancestors()
            .map(|dir| dir.join(".state").join("env"))
            .find(|candidate| candidate.is_file())
    })
}

/// Parses `KEY=value` lines, with an optional `export ` prefix and optional quotes.
fn parse_env_file(text: &str) -> impl Iterator<Item = (String, String)> + '_ {
    text.lines().filter_map(|line| {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            return None;
        }
        let line = line.strip_prefix("export ").unwrap_or(line);
        let (key, value) = line.split_once('=')?;
        let value = value.trim();
        let value = value
            .strip_prefix('"')
            .and_then(|v| v.strip_suffix('"'))
            .or_else(|| value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
            .unwrap_or(value);
        Some((key.trim().to_string(), value.to_string()))
    })
}

fn check_reachable(endpoint: &str) -> Result<(), String> {
    let url = url::Url::parse(endpoint)
        .map_err(|e| format!("BACKEND_ENDPOINT {endpoint:?} is not a URL ({e})"))?;
    let host = url
        .host_str()
        .ok_or_else(|| format!("BACKEND_ENDPOINT {endpoint:?} has no host"))?;
    let port = url.port_or_known_default().unwrap_or(80);
    let addrs = (host, port)
        .to_socket_addrs()
        .map_err(|e| format!("cannot resolve {host}:{port} ({e})"))?;
    for addr in addrs {
        if TcpStream::connect_timeout(&addr, Duration::from_secs(3)).is_ok() {
            return Ok(());
        }
    }
    Err(format!("no manager answers at {endpoint}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn env_file_lines_are_parsed_with_exports_and_quotes() {
        let parsed: HashMap<_, _> =
            parse_env_file("# comment\nexport A=1\nB=\"two words\"\n\nC='x=y'\nnot a pair\n")
                .collect();
        assert_eq!(parsed.get("A").map(String::as_str), Some("1"));
        assert_eq!(parsed.get("B").map(String::as_str), Some("two words"));
        assert_eq!(parsed.get("C").map(String::as_str), Some("x=y"));
        assert_eq!(parsed.len(), 3);
    }

    #[test]
    fn requirement_follows_the_ci_and_require_flags() {
        let vars = |k: &str, v: &str| HashMap::from([(k.to_string(), v.to_string())]);
        assert!(is_required(&vars("BACKENDAI_REQUIRE_MANAGER", "1")));
        assert!(is_required(&vars("CI", "true")));
        assert!(!is_required(&vars("CI", "false")));
        assert!(!is_required(&HashMap::new()));
    }

    #[test]
    fn missing_variables_are_named() {
        let err = RealManager::from_vars(HashMap::new()).unwrap_err();
        assert!(err.contains("BACKEND_ENDPOINT"), "{err}");
    }

    #[test]
    fn manager_debug_shows_variable_names_but_no_values() {
        let manager = RealManager {
            endpoint: "http://127.0.0.1:8091".into(),
            admin: TestKeys {
                access_key: "AKIAADMIN".into(),
                secret_key: SecretString::from("admin-secret-value".to_string()),
            },
            user: TestKeys {
                access_key: "AKIAUSER".into(),
                secret_key: SecretString::from("user-secret-value".to_string()),
            },
            vars: HashMap::from([(
                "BACKEND_SECRET_KEY".to_string(),
                "admin-secret-value".to_string(),
            )]),
        };
        let shown = format!("{manager:?}");
        assert!(
            shown.contains("BACKEND_SECRET_KEY") && shown.contains("AKIAUSER"),
            "{shown}"
        );
        assert!(!shown.contains("secret-value"), "{shown}");
    }

    #[test]
    fn keys_debug_hides_the_secret() {
        let keys = TestKeys {
            access_key: "AKIAEXAMPLE".into(),
            secret_key: SecretString::from("super-secret-value".to_string()),
        };
        let shown = format!("{keys:?}");
        assert!(shown.contains("AKIAEXAMPLE"));
        assert!(!shown.contains("super-secret-value"));
    }
}
