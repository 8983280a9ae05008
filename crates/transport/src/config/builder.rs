//! [`ConfigBuilder`]: explicit settings over environment variables over defaults.

use std::sync::Arc;
use std::time::Duration;

use secrecy::{ExposeSecret, SecretString};
use url::Url;

use super::env::{parse_bool, parse_endpoint, parse_endpoints, parse_seconds, Env};
use super::{Config, ConfigError, RetryPolicy};
use super::{DEFAULT_CONNECT_TIMEOUT, DEFAULT_DOMAIN, DEFAULT_ENDPOINT};
use crate::sign::HashAlgorithm;
use crate::{ApiVersion, Clock, Credentials, SystemClock};

/// Builds a [`Config`]. A setting made here wins over the environment (when one was given),
/// which wins over the default. Values are checked in [`ConfigBuilder::build`].
///
/// ```
/// use std::time::Duration;
/// use backendai_transport::{ApiVersion, Config};
///
/// let config = Config::builder()
///     .endpoint("http://127.0.0.1:8091")
///     .credentials("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
///     .connect_timeout(Some(Duration::from_secs(3)))
///     .api_version(ApiVersion::V7_20230615)
///     .build()?;
/// assert_eq!(config.api_version(), Some(ApiVersion::V7_20230615));
/// # Ok::<(), backendai_transport::ConfigError>(())
/// ```
#[derive(Debug, Default)]
pub struct ConfigBuilder {
    env: Option<Env>,
    endpoints: Option<Vec<String>>,
    credentials: Option<Option<(String, SecretString)>>,
    domain: Option<String>,
    skip_ssl_verification: Option<bool>,
    connect_timeout: Option<Option<Duration>>,
    read_timeout: Option<Option<Duration>>,
    api_version: Option<ApiVersion>,
    hash: Option<HashAlgorithm>,
    user_agent: Option<String>,
    ca_pems: Vec<Vec<u8>>,
    use_env_proxy: Option<bool>,
    retry: Option<RetryPolicy>,
    clock: Option<Arc<dyn Clock>>,
}

/// The default `User-Agent`.
fn default_user_agent() -> String {
    format!("Backend.AI Client for Rust {}", env!("CARGO_PKG_VERSION"))
}

impl ConfigBuilder {
    /// Defaults only; the environment is not read.
    pub fn new() -> ConfigBuilder {
        ConfigBuilder::default()
    }

    /// Defaults, overridden by the process environment's `BACKEND_*` variables.
    pub fn from_env() -> ConfigBuilder {
        ConfigBuilder {
            env: Some(Env::process()),
            ..ConfigBuilder::default()
        }
    }

    /// Like [`ConfigBuilder::from_env`], with variables read through `lookup`.
    pub fn from_env_with(
        lookup: impl Fn(&str) -> Option<String> + Send + Sync + 'static,
    ) -> ConfigBuilder {
        ConfigBuilder {
            env: Some(Env::with(lookup)),
            ..ConfigBuilder::default()
        }
    }

    /// One endpoint, or several separated by commas (tried in this order).
    pub fn endpoint(mut self, endpoint: impl Into<String>) -> Self {
        let text: String = endpoint.into();
        self.endpoints = Some(text.split(',').map(|e| e.trim().to_string()).collect());
        self
    }

    /// Several endpoints, tried in this order.
    pub fn endpoints<I, S>(mut self, endpoints: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.endpoints = Some(endpoints.into_iter().map(Into::into).collect());
        self
    }

    /// The access key and secret key that sign requests.
    pub fn credentials(
        mut self,
        access_key: impl Into<String>,
        secret_key: impl Into<SecretString>,
    ) -> Self {
        self.credentials = Some(Some((access_key.into(), secret_key.into())));
        self
    }

    /// No credentials, whatever the environment says: requests go unsigned.
    pub fn anonymous(mut self) -> Self {
        self.credentials = Some(None);
        self
    }

    /// The domain sent in `X-BackendAI-Domain`.
    pub fn domain(mut self, domain: impl Into<String>) -> Self {
        self.domain = Some(domain.into());
        self
    }

    /// Accept any TLS certificate. Only for test servers: it disables server authentication.
    pub fn skip_ssl_verification(mut self, skip: bool) -> Self {
        self.skip_ssl_verification = Some(skip);
        self
    }

    /// The connection timeout; `None` waits as long as the OS does.
    pub fn connect_timeout(mut self, timeout: Option<Duration>) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }

    /// The longest wait for response bytes; `None` (the default) waits forever.
    pub fn read_timeout(mut self, timeout: Option<Duration>) -> Self {
        self.read_timeout = Some(timeout);
        self
    }

    /// Pins the API version: no negotiation with the server.
    pub fn api_version(mut self, version: ApiVersion) -> Self {
        self.api_version = Some(version);
        self
    }

    /// The hash under the signature HMAC (SHA-256 by default).
    pub fn hash(mut self, hash: HashAlgorithm) -> Self {
        self.hash = Some(hash);
        self
    }

    /// The `User-Agent` header value.
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = Some(user_agent.into());
        self
    }

    /// Trusts the CA certificates in this PEM text, besides the bundled web roots.
    pub fn ca_certificate_pem(mut self, pem: impl Into<Vec<u8>>) -> Self {
        self.ca_pems.push(pem.into());
        self
    }

    /// Whether to honour `HTTP_PROXY`/`HTTPS_PROXY`/`NO_PROXY` (default `true`).
    pub fn use_env_proxy(mut self, use_proxy: bool) -> Self {
        self.use_env_proxy = Some(use_proxy);
        self
    }

    /// The retry policy for queries.
    pub fn retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = Some(retry);
        self
    }

    /// The clock that dates requests (the system clock by default).
    pub fn clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = Some(clock);
        self
    }

    /// Checks every value and builds the configuration.
    pub fn build(self) -> Result<Config, ConfigError> {
        let env = |key: &str| self.env.as_ref().and_then(|env| env.get(key));
        if let Some((_, kind)) = env("ENDPOINT_TYPE") {
            if kind.trim() != "api" {
                return Err(ConfigError::EndpointType(kind));
            }
        }
        let endpoints = match &self.endpoints {
            Some(list) => list
                .iter()
                .map(|e| parse_endpoint(e))
                .collect::<Result<_, _>>()?,
            None => parse_endpoints(&env("ENDPOINT").map_or(DEFAULT_ENDPOINT.into(), |(_, v)| v))?,
        };
        let endpoints: Vec<Url> = endpoints;
        if endpoints.is_empty() {
            return Err(ConfigError::NoEndpoint);
        }
        let credentials = match self.credentials {
            Some(explicit) => explicit,
            None => env("ACCESS_KEY").map(|(_, access_key)| {
                let secret = env("SECRET_KEY").map(|(_, s)| s).unwrap_or_default();
                (access_key, SecretString::from(secret))
            }),
        };
        let credentials = credentials
            .filter(|(access_key, _)| !access_key.is_empty())
            .map(|(access_key, secret)| check_credentials(access_key, secret))
            .transpose()?;
        let domain = match self.domain {
            Some(domain) => domain,
            None => env("DOMAIN").map_or(DEFAULT_DOMAIN.into(), |(_, v)| v),
        };
        check_header_value("domain", &domain)?;
        let skip_ssl_verification = match self.skip_ssl_verification {
            Some(skip) => skip,
            None => env("SKIP_SSLCERT_VALIDATION")
                .map(|(name, value)| parse_bool(&name, &value))
                .transpose()?
                .unwrap_or(false),
        };
        let connect_timeout = match self.connect_timeout {
            Some(timeout) => timeout,
            None => match env("CONNECTION_TIMEOUT") {
                Some((name, value)) => parse_seconds(&name, &value)?,
                None => Some(DEFAULT_CONNECT_TIMEOUT),
            },
        };
        let read_timeout = match self.read_timeout {
            Some(timeout) => timeout,
            None => match env("READ_TIMEOUT") {
                Some((name, value)) => parse_seconds(&name, &value)?,
                None => None,
            },
        };
        if let Some(version) = self.api_version {
            if version < ApiVersion::MIN {
                return Err(ConfigError::UnsupportedVersion {
                    version,
                    min: ApiVersion::MIN,
                });
            }
        }
        let user_agent = self.user_agent.unwrap_or_else(default_user_agent);
        check_header_value("user agent", &user_agent)?;
        let ca_certificates = self
            .ca_pems
            .iter()
            .map(|pem| parse_ca(pem))
            .collect::<Result<Vec<_>, _>>()?
            .into_iter()
            .flatten()
            .collect();
        Ok(Config {
            endpoints,
            credentials,
            domain,
            skip_ssl_verification,
            connect_timeout,
            read_timeout,
            api_version: self.api_version,
            hash: self.hash.unwrap_or_default(),
            user_agent,
            ca_certificates,
            use_env_proxy: self.use_env_proxy.unwrap_or(true),
            retry: checked_retry(self.retry.unwrap_or_default()),
            clock: self.clock.unwrap_or_else(|| Arc::new(SystemClock)),
        })
    }
}

fn check_credentials(access_key: String, secret: SecretString) -> Result<Credentials, ConfigError> {
    if !access_key
        .bytes()
        .all(|b| b.is_ascii_graphic() && b != b':' && b != b',')
    {
        return Err(ConfigError::InvalidAccessKey);
    }
    if secret.expose_secret().is_empty() {
        return Err(ConfigError::MissingSecretKey);
    }
    Ok(Credentials::new(access_key, secret))
}

fn check_header_value(name: &'static str, value: &str) -> Result<(), ConfigError> {
    if reqwest::header::HeaderValue::from_str(value).is_err() {
        return Err(ConfigError::InvalidHeaderValue {
            name,
            value: value.to_string(),
        });
    }
    Ok(())
}

fn parse_ca(pem: &[u8]) -> Result<Vec<reqwest::Certificate>, ConfigError> {
    let invalid = |source: crate::BoxError| ConfigError::InvalidCaCertificate { source };
    let certificates = reqwest::Certificate::from_pem_bundle(pem).map_err(|e| invalid(e.into()))?;
    if certificates.is_empty() {
        return Err(invalid("no PEM certificate found".into()));
    }
    Ok(certificates)
}

/// At least one attempt, whatever was asked.
fn checked_retry(retry: RetryPolicy) -> RetryPolicy {
    RetryPolicy {
        max_attempts: retry.max_attempts.max(1),
        ..retry
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    fn env(pairs: &[(&str, &str)]) -> ConfigBuilder {
        let vars: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        ConfigBuilder::from_env_with(move |name| vars.get(name).cloned())
    }

    #[test]
    fn defaults_match_the_python_sdk() {
        let config = env(&[]).build().unwrap();
        assert_eq!(
            config.endpoints()[0].as_str(),
            "https://api.cloud.backend.ai/"
        );
        assert!(config.credentials().is_none());
        assert_eq!(config.domain(), "default");
        assert!(!config.skip_ssl_verification());
        assert_eq!(config.connect_timeout(), Some(Duration::from_secs(10)));
        assert_eq!(config.read_timeout(), None);
        assert_eq!(config.api_version(), None);
        assert_eq!(config.hash(), HashAlgorithm::Sha256);
        assert!(config.use_env_proxy());
        assert_eq!(config.retry(), RetryPolicy::default());
    }

    #[test]
    fn reads_every_backend_variable() {
        let config = env(&[
            ("BACKEND_ENDPOINT", "http://a:8091,http://b:8091"),
            ("BACKEND_ENDPOINT_TYPE", "api"),
            ("BACKEND_ACCESS_KEY", "AKIAENV"),
            ("BACKEND_SECRET_KEY", "env-secret"),
            ("BACKEND_DOMAIN", "my-domain"),
            ("BACKEND_SKIP_SSLCERT_VALIDATION", "yes"),
            ("BACKEND_CONNECTION_TIMEOUT", "2.5"),
            ("BACKEND_READ_TIMEOUT", "30"),
        ])
        .build()
        .unwrap();
        let hosts: Vec<_> = config
            .endpoints()
            .iter()
            .map(|u| u.host_str().unwrap())
            .collect();
        assert_eq!(hosts, ["a", "b"]);
        let credentials = config.credentials().unwrap();
        assert_eq!(credentials.access_key(), "AKIAENV");
        assert_eq!(credentials.secret_key().expose_secret(), "env-secret");
        assert_eq!(config.domain(), "my-domain");
        assert!(config.skip_ssl_verification());
        assert_eq!(config.connect_timeout(), Some(Duration::from_millis(2500)));
        assert_eq!(config.read_timeout(), Some(Duration::from_secs(30)));
    }

    #[test]
    fn explicit_settings_win_over_the_environment() {
        let config = env(&[
            ("BACKEND_ENDPOINT", "http://env:1"),
            ("BACKEND_ACCESS_KEY", "AKIAENV"),
            ("BACKEND_SECRET_KEY", "env-secret"),
            ("BACKEND_DOMAIN", "env-domain"),
            ("BACKEND_SKIP_SSLCERT_VALIDATION", "yes"),
            ("BACKEND_CONNECTION_TIMEOUT", "1"),
            ("BACKEND_READ_TIMEOUT", "1"),
        ])
        .endpoint("http://code:2")
        .credentials("AKIACODE", "code-secret")
        .domain("code-domain")
        .skip_ssl_verification(false)
        .connect_timeout(None)
        .read_timeout(Some(Duration::from_secs(5)))
        .build()
        .unwrap();
        assert_eq!(config.endpoints()[0].as_str(), "http://code:2/");
        assert_eq!(config.credentials().unwrap().access_key(), "AKIACODE");
        assert_eq!(config.domain(), "code-domain");
        assert!(!config.skip_ssl_verification());
        assert_eq!(config.connect_timeout(), None);
        assert_eq!(config.read_timeout(), Some(Duration::from_secs(5)));
        let anonymous = env(&[
            ("BACKEND_ACCESS_KEY", "AKIAENV"),
            ("BACKEND_SECRET_KEY", "s"),
        ])
        .anonymous()
        .build()
        .unwrap();
        assert!(anonymous.credentials().is_none());
    }

    #[test]
    fn blank_variables_fall_back_to_defaults() {
        let config = env(&[
            ("BACKEND_ENDPOINT", ""),
            ("BACKEND_ACCESS_KEY", " "),
            ("BACKEND_DOMAIN", ""),
            ("BACKEND_CONNECTION_TIMEOUT", ""),
        ])
        .build()
        .unwrap();
        assert_eq!(
            config.endpoints()[0].host_str(),
            Some("api.cloud.backend.ai")
        );
        assert!(config.credentials().is_none());
        assert_eq!(config.domain(), "default");
        assert_eq!(config.connect_timeout(), Some(DEFAULT_CONNECT_TIMEOUT));
    }

    #[test]
    fn bad_values_are_typed_errors() {
        let session = env(&[("BACKEND_ENDPOINT_TYPE", "session")])
            .build()
            .unwrap_err();
        assert!(matches!(session, ConfigError::EndpointType(ref t) if t == "session"));
        assert!(session.to_string().contains("not implemented"), "{session}");
        let timeout = env(&[("BACKEND_READ_TIMEOUT", "soon")])
            .build()
            .unwrap_err();
        assert!(
            matches!(timeout, ConfigError::InvalidVariable { ref name, .. } if name == "BACKEND_READ_TIMEOUT")
        );
        let no_secret = env(&[("BACKEND_ACCESS_KEY", "AKIA")]).build().unwrap_err();
        assert!(matches!(no_secret, ConfigError::MissingSecretKey));
        let bad_key = Config::builder()
            .credentials("AK IA", "s")
            .build()
            .unwrap_err();
        assert!(matches!(bad_key, ConfigError::InvalidAccessKey));
        // Bodies were signed before v4.20181215; this client does not sign them.
        let old: ApiVersion = "v4.20180915".parse().unwrap();
        let old = Config::builder().api_version(old).build().unwrap_err();
        assert!(matches!(old, ConfigError::UnsupportedVersion { .. }));
        assert!(Config::builder()
            .api_version(ApiVersion::V4_20181215)
            .build()
            .is_ok());
        let agent = Config::builder().user_agent("a\nb").build().unwrap_err();
        assert!(matches!(
            agent,
            ConfigError::InvalidHeaderValue {
                name: "user agent",
                ..
            }
        ));
        let ca = Config::builder()
            .ca_certificate_pem("not pem")
            .build()
            .unwrap_err();
        assert!(matches!(ca, ConfigError::InvalidCaCertificate { .. }));
        let none: [&str; 0] = [];
        assert!(matches!(
            Config::builder().endpoints(none).build(),
            Err(ConfigError::NoEndpoint)
        ));
    }

    #[test]
    fn debug_never_shows_the_secret() {
        let config = env(&[
            ("BACKEND_ACCESS_KEY", "AKIAENV"),
            ("BACKEND_SECRET_KEY", "hunter2-secret"),
        ])
        .build()
        .unwrap();
        let shown = format!("{config:?}");
        assert!(shown.contains("AKIAENV"), "{shown}");
        assert!(!shown.contains("hunter2-secret"), "{shown}");
    }

    #[test]
    fn at_least_one_attempt_is_made() {
        let config = Config::builder()
            .retry(RetryPolicy {
                max_attempts: 0,
                ..RetryPolicy::default()
            })
            .build()
            .unwrap();
        assert_eq!(config.retry().max_attempts, 1);
    }
}
