//! Client configuration: the Python SDK's `BACKEND_*` variables, or a builder.

mod builder;
mod env;
mod error;
mod retry;

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use url::Url;

pub use builder::ConfigBuilder;
pub use error::ConfigError;
pub use retry::RetryPolicy;

use crate::sign::HashAlgorithm;
use crate::{ApiVersion, Clock, Credentials};

/// The default endpoint, as in the Python SDK.
pub const DEFAULT_ENDPOINT: &str = "https://api.cloud.backend.ai";
/// The default connection timeout (`BACKEND_CONNECTION_TIMEOUT`).
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// The default domain sent in `X-BackendAI-Domain` (`BACKEND_DOMAIN`).
pub const DEFAULT_DOMAIN: &str = "default";

/// Everything a client needs. Build one with [`Config::builder`] or
/// [`Config::from_env`].
///
/// | setting | variable | default |
/// |---|---|---|
/// | endpoints | `BACKEND_ENDPOINT` (comma-separated) | `https://api.cloud.backend.ai` |
/// | endpoint type | `BACKEND_ENDPOINT_TYPE` | `api` (the only one supported) |
/// | credentials | `BACKEND_ACCESS_KEY`, `BACKEND_SECRET_KEY` | none: anonymous, unsigned |
/// | domain | `BACKEND_DOMAIN` | `default` |
/// | skip TLS verification | `BACKEND_SKIP_SSLCERT_VALIDATION` | `no` |
/// | connect timeout | `BACKEND_CONNECTION_TIMEOUT` (seconds, `0` = none) | 10 s |
/// | read timeout | `BACKEND_READ_TIMEOUT` (seconds, `0` = none) | none |
///
/// Each variable falls back to its legacy `SORNA_*` name; a blank value counts as unset.
/// Unlike the Python SDK, no `.env` file is read. The API version, hash, user agent, CA
/// certificates, retry policy and clock are set in code only.
///
/// **Endpoint order.** Endpoints are tried in the order given (never shuffled). When one
/// cannot be connected to, the client moves to the next and keeps using it for later
/// requests, as the Python SDK's rotation does.
#[derive(Clone)]
pub struct Config {
    pub(crate) endpoints: Vec<Url>,
    pub(crate) credentials: Option<Credentials>,
    pub(crate) domain: String,
    pub(crate) skip_ssl_verification: bool,
    pub(crate) connect_timeout: Option<Duration>,
    pub(crate) read_timeout: Option<Duration>,
    pub(crate) api_version: Option<ApiVersion>,
    pub(crate) hash: HashAlgorithm,
    pub(crate) user_agent: String,
    pub(crate) ca_certificates: Vec<reqwest::Certificate>,
    pub(crate) use_env_proxy: bool,
    pub(crate) retry: RetryPolicy,
    pub(crate) clock: Arc<dyn Clock>,
}

impl Config {
    /// A builder with nothing read from the environment.
    pub fn builder() -> ConfigBuilder {
        ConfigBuilder::new()
    }

    /// The configuration from the process environment, as the Python SDK reads it.
    pub fn from_env() -> Result<Config, ConfigError> {
        ConfigBuilder::from_env().build()
    }

    /// The configuration from variables looked up with `lookup` instead of the process
    /// environment (for tests, or variables kept elsewhere).
    ///
    /// ```
    /// use std::collections::HashMap;
    /// use backendai_transport::Config;
    /// let vars = HashMap::from([("BACKEND_ENDPOINT", "http://127.0.0.1:8091")]);
    /// let config = Config::from_env_with(move |name| vars.get(name).map(|v| v.to_string()))?;
    /// assert_eq!(config.endpoints()[0].as_str(), "http://127.0.0.1:8091/");
    /// # Ok::<(), backendai_transport::ConfigError>(())
    /// ```
    pub fn from_env_with(
        lookup: impl Fn(&str) -> Option<String> + Send + Sync + 'static,
    ) -> Result<Config, ConfigError> {
        ConfigBuilder::from_env_with(lookup).build()
    }

    /// The endpoints, in the order they are tried.
    pub fn endpoints(&self) -> &[Url] {
        &self.endpoints
    }

    /// The credentials, or `None` for anonymous (unsigned) requests.
    pub fn credentials(&self) -> Option<&Credentials> {
        self.credentials.as_ref()
    }

    /// The domain sent in `X-BackendAI-Domain` (informational; the manager ignores it).
    pub fn domain(&self) -> &str {
        &self.domain
    }

    /// Whether TLS certificates go unchecked.
    pub fn skip_ssl_verification(&self) -> bool {
        self.skip_ssl_verification
    }

    /// The connection timeout, if any.
    pub fn connect_timeout(&self) -> Option<Duration> {
        self.connect_timeout
    }

    /// The read timeout (the longest wait for response bytes), if any.
    pub fn read_timeout(&self) -> Option<Duration> {
        self.read_timeout
    }

    /// The pinned API version; `None` means negotiate with the server.
    pub fn api_version(&self) -> Option<ApiVersion> {
        self.api_version
    }

    /// The hash used for signatures.
    pub fn hash(&self) -> HashAlgorithm {
        self.hash
    }

    /// The `User-Agent` header value.
    pub fn user_agent(&self) -> &str {
        &self.user_agent
    }

    /// Whether `HTTP_PROXY`/`HTTPS_PROXY`/`NO_PROXY` are honoured.
    pub fn use_env_proxy(&self) -> bool {
        self.use_env_proxy
    }

    /// The retry policy for queries.
    pub fn retry(&self) -> RetryPolicy {
        self.retry
    }

    /// The clock that dates requests.
    pub fn clock(&self) -> &Arc<dyn Clock> {
        &self.clock
    }
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let endpoints: Vec<&str> = self.endpoints.iter().map(Url::as_str).collect();
        f.debug_struct("Config")
            .field("endpoints", &endpoints)
            .field("credentials", &self.credentials)
            .field("domain", &self.domain)
            .field("skip_ssl_verification", &self.skip_ssl_verification)
            .field("connect_timeout", &self.connect_timeout)
            .field("read_timeout", &self.read_timeout)
            .field("api_version", &self.api_version)
            .field("hash", &self.hash)
            .field("user_agent", &self.user_agent)
            .field("ca_certificates", &self.ca_certificates.len())
            .field("use_env_proxy", &self.use_env_proxy)
            .field("retry", &self.retry)
            .field("clock", &self.clock)
            .finish()
    }
}
