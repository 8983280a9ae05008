//! The real managers of the harness, as the tests reach them.
//!
//! The harness runs two manager generations (`scripts/manager --generation 23|26`): 23.09.10
//! and 26.9.6. Tests call [`RealManager::get`] for the manager of this run: the one named by
//! `BACKENDAI_ENV_FILE`, else the env file of `BACKENDAI_TEST_GENERATION` (`.state26/env`
//! for 26), else `.state/env`; the process environment wins over the file. `scripts/test`
//! runs the whole suite once per generation with these set. [`RealManager::generation`]
//! says which one answered (asked by `GET /`), so a test can expect what that generation
//! does; [`RealManager::get_generation`] reaches a given generation from its own env file,
//! so one run can also compare both.
//!
//! When `BACKENDAI_REQUIRE_MANAGER=1` (or `CI=true`) an unreachable manager is a test
//! failure with instructions; otherwise the test is told to return early, with a notice.

use std::collections::HashMap;
use std::fmt;

use secrecy::SecretString;

use backendai_transport::{ApiVersion, Client, ConfigBuilder};

use crate::{env, hello};

/// The manager generations the harness runs, oldest first.
pub const GENERATIONS: [u32; 2] = [23, 26];
/// The generation of a run that does not say (`BACKENDAI_TEST_GENERATION` unset).
pub const DEFAULT_GENERATION: u32 = 23;

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

/// A real manager the integration tests run against.
#[derive(Clone)]
pub struct RealManager {
    /// Base URL, e.g. `http://127.0.0.1:8091`.
    pub endpoint: String,
    /// The superadmin `admin@bai.test` (its user's main access key on 23.09, its default
    /// key on 26.9).
    pub admin: TestKeys,
    /// The normal user `user@bai.test` (its user's main access key on 23.09, its default
    /// key on 26.9).
    pub user: TestKeys,
    /// All variables read (process environment over the env file), for building configs.
    pub vars: HashMap<String, String>,
    generation: u32,
    release: String,
    server_version: ApiVersion,
}

impl fmt::Debug for RealManager {
    /// Variable names only: their values include the secret keys.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut names: Vec<&str> = self.vars.keys().map(String::as_str).collect();
        names.sort_unstable();
        f.debug_struct("RealManager")
            .field("endpoint", &self.endpoint)
            .field("generation", &self.generation)
            .field("release", &self.release)
            .field("server_version", &self.server_version)
            .field("admin", &self.admin)
            .field("user", &self.user)
            .field("vars", &names)
            .finish()
    }
}

fn start_hint(generation: u32) -> String {
    let option = match generation {
        DEFAULT_GENERATION => String::new(),
        other => format!("--generation {other} "),
    };
    format!("start it with `scripts/manager {option}start` (or run the whole suite with `scripts/test`)")
}

impl RealManager {
    /// The manager of this run, or `None` when it is not configured or not reachable and
    /// not required.
    ///
    /// # Panics
    /// When the manager is required (`BACKENDAI_REQUIRE_MANAGER=1` or `CI=true`) and missing,
    /// or answers as another generation than `BACKENDAI_TEST_GENERATION` says: in CI a
    /// missing manager is a failure, never a silent pass.
    pub fn get() -> Option<RealManager> {
        let process: HashMap<String, String> = std::env::vars().collect();
        let file = env::run_env_file(&process);
        let vars = env::layered(file.as_deref(), process);
        let wanted = wanted_generation(&vars);
        let required = is_required(&vars);
        Self::found(
            Self::from_vars(vars, wanted),
            required,
            wanted.unwrap_or(DEFAULT_GENERATION),
        )
    }

    /// The manager of `generation` (23 or 26), from that generation's env file, whichever
    /// generation this run is for; the manager of this run when it is that generation.
    /// `None` when it is not there and not required. It is required like [`RealManager::get`]
    /// when `BACKENDAI_TEST_GENERATIONS` (set by `scripts/test` to the generations it
    /// started) is unset or lists it.
    ///
    /// # Panics
    /// When `generation` is not one of [`GENERATIONS`], or as [`RealManager::get`].
    pub fn get_generation(generation: u32) -> Option<RealManager> {
        assert!(
            GENERATIONS.contains(&generation),
            "no manager generation {generation}; the harness runs {GENERATIONS:?}"
        );
        let process: HashMap<String, String> = std::env::vars().collect();
        if wanted_generation(&process) == Some(generation) {
            return Self::get();
        }
        let file = env::generation_env_file(generation, &process);
        let carried = process
            .into_iter()
            .filter(|(name, _)| !env::IDENTITY_VARS.contains(&name.as_str()));
        let mut vars = env::layered(file.as_deref(), carried);
        vars.insert(
            "BACKENDAI_TEST_GENERATION".to_string(),
            generation.to_string(),
        );
        let required = is_required(&vars) && is_listed(&vars, generation);
        Self::found(
            Self::from_vars(vars, Some(generation)),
            required,
            generation,
        )
    }

    /// The generation that answered: 23 (manager 23.09) or 26 (manager 26.9).
    pub fn generation(&self) -> u32 {
        self.generation
    }

    /// The manager's release as it says on `GET /` (`"23.09.10"`, `"26.9.6"`).
    pub fn release(&self) -> &str {
        &self.release
    }

    /// The newest API version the manager speaks (`GET /`): `v7.20230615` on 23.09,
    /// `v9.20250722` on 26.9.
    pub fn server_version(&self) -> ApiVersion {
        self.server_version
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

    fn found(
        result: Result<RealManager, String>,
        required: bool,
        generation: u32,
    ) -> Option<RealManager> {
        let hint = start_hint(generation);
        match result {
            Ok(manager) => Some(manager),
            Err(why) if required => {
                panic!("real manager (generation {generation}) required but {why}; {hint}")
            }
            Err(why) => {
                eprintln!(
                    "notice: skipping real-manager test (generation {generation}): {why}; {hint}"
                );
                None
            }
        }
    }

    fn from_vars(
        vars: HashMap<String, String>,
        wanted: Option<u32>,
    ) -> Result<RealManager, String> {
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
        let hello = hello::ask_once(&endpoint)?;
        let generation = hello::generation_of(&hello.release)?;
        if let Some(wanted) = wanted.filter(|wanted| *wanted != generation) {
            return Err(format!(
                "the manager at {endpoint} is {} (generation {generation}), not generation {wanted}",
                hello.release
            ));
        }
        Ok(RealManager {
            endpoint,
            admin,
            user,
            vars,
            generation,
            release: hello.release,
            server_version: hello.version,
        })
    }
}

/// `BACKENDAI_TEST_GENERATION`, when set.
fn wanted_generation(vars: &HashMap<String, String>) -> Option<u32> {
    vars.get("BACKENDAI_TEST_GENERATION")
        .and_then(|g| g.trim().parse().ok())
}

fn flag(vars: &HashMap<String, String>, name: &str) -> bool {
    vars.get(name)
        .map(|v| matches!(v.trim().to_ascii_lowercase().as_str(), "1" | "true" | "yes"))
        .unwrap_or(false)
}

fn is_required(vars: &HashMap<String, String>) -> bool {
    flag(vars, "BACKENDAI_REQUIRE_MANAGER") || flag(vars, "CI")
}

/// Whether `BACKENDAI_TEST_GENERATIONS` is unset or lists `generation`.
fn is_listed(vars: &HashMap<String, String>, generation: u32) -> bool {
    vars.get("BACKENDAI_TEST_GENERATIONS").map_or(true, |list| {
        list.split(|c: char| c == ',' || c.is_whitespace())
            .any(|item| item.trim().parse() == Ok(generation))
    })
}

/// Variables from pairs, for this module's tests.
#[cfg(test)]
pub(crate) fn map(pairs: &[(&str, &str)]) -> HashMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requirement_follows_the_ci_and_require_flags() {
        assert!(is_required(&map(&[("BACKENDAI_REQUIRE_MANAGER", "1")])));
        assert!(is_required(&map(&[("CI", "true")])));
        assert!(!is_required(&map(&[("CI", "false")])));
        assert!(!is_required(&HashMap::new()));
    }

    #[test]
    fn another_generation_is_required_only_when_listed_or_unlisted() {
        assert!(is_listed(&HashMap::new(), 26));
        let both = map(&[("BACKENDAI_TEST_GENERATIONS", "23 26")]);
        assert!(is_listed(&both, 23) && is_listed(&both, 26));
        let one = map(&[("BACKENDAI_TEST_GENERATIONS", "23")]);
        assert!(is_listed(&one, 23) && !is_listed(&one, 26));
        assert!(is_listed(
            &map(&[("BACKENDAI_TEST_GENERATIONS", "26,23")]),
            26
        ));
    }

    #[test]
    fn missing_variables_are_named() {
        let err = RealManager::from_vars(HashMap::new(), None).unwrap_err();
        assert!(err.contains("BACKEND_ENDPOINT"), "{err}");
    }

    #[test]
    fn hints_name_the_generation() {
        assert!(start_hint(23).contains("`scripts/manager start`"));
        assert!(start_hint(26).contains("`scripts/manager --generation 26 start`"));
    }

    #[test]
    #[should_panic(expected = "no manager generation 24")]
    fn an_unknown_generation_is_a_test_bug() {
        RealManager::get_generation(24);
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
            vars: map(&[("BACKEND_SECRET_KEY", "admin-secret-value")]),
            generation: 23,
            release: "23.09.10".into(),
            server_version: ApiVersion::V7_20230615,
        };
        let shown = format!("{manager:?}");
        assert!(
            shown.contains("BACKEND_SECRET_KEY") && shown.contains("AKIAUSER"),
            "{shown}"
        );
        assert!(shown.contains("23.09.10"), "{shown}");
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
