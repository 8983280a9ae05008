//! From `BACKEND_*` variables and global options to a keypair client that is known to
//! reach its manager.

use backendai_keypair::KeyPairClient;
use backendai_transport::{Client, Config, ConfigBuilder, ConfigError, Error, RetryPolicy};
use tracing::{debug, warn};

use crate::args::GlobalArgs;

/// The SDK's retry policy: a query answered 503, or lost before it was answered, is sent
/// again after a short backoff (so a transient 503 in the middle of `list --all` does not
/// abort it); a mutation is never resent once it may have reached the manager.
pub fn cli_retry() -> RetryPolicy {
    RetryPolicy::default()
}

/// The configuration: the environment, overridden by the command line.
pub fn config(global: &GlobalArgs) -> Result<Config, ConfigError> {
    builder(ConfigBuilder::from_env(), global).build()
}

/// Applies the command line's settings to `builder`.
pub fn builder(builder: ConfigBuilder, global: &GlobalArgs) -> ConfigBuilder {
    let builder = builder.retry(cli_retry()).user_agent(format!(
        "backend-ai CLI (Rust) {}",
        env!("CARGO_PKG_VERSION")
    ));
    if global.skip_sslcert_validation {
        builder.skip_ssl_verification(true)
    } else {
        builder
    }
}

/// A client for `config`, after asking the manager who it is (unsigned `GET /`).
///
/// The question costs one small request on a pooled connection, and it makes an
/// unreachable manager an immediate error; otherwise version negotiation would fall back
/// silently and the real request would wait out the connect timeout a second time.
pub async fn connect(config: Config) -> Result<KeyPairClient, Error> {
    let client = Client::new(config)?;
    match client.probe_server().await {
        Ok(info) => debug!(version = %info.version, manager = ?info.manager, "manager found"),
        Err(error) if unreachable(&error) => return Err(error),
        // A proxy or an odd answer: negotiation copes (or reports it) on the first call.
        Err(error) => warn!(%error, "the manager did not describe itself"),
    }
    Ok(KeyPairClient::new(client))
}

/// Whether no manager could be reached, or none answered in time: the real request
/// would only wait for the same again.
fn unreachable(error: &Error) -> bool {
    matches!(
        error,
        Error::Connect { .. } | Error::Tls { .. } | Error::Timeout { .. }
    )
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;
    use crate::args::OutputMode;

    fn global(skip: bool) -> GlobalArgs {
        GlobalArgs {
            output: OutputMode::Console,
            skip_sslcert_validation: skip,
            verbose: 0,
        }
    }

    fn from(vars: &[(&str, &str)], skip: bool) -> Result<Config, ConfigError> {
        let vars: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        builder(
            ConfigBuilder::from_env_with(move |name| vars.get(name).cloned()),
            &global(skip),
        )
        .build()
    }

    #[test]
    fn the_command_line_overrides_the_environment() {
        let config = from(&[("BACKEND_SKIP_SSLCERT_VALIDATION", "no")], true).unwrap();
        assert!(config.skip_ssl_verification());
        let config = from(&[("BACKEND_SKIP_SSLCERT_VALIDATION", "yes")], false).unwrap();
        assert!(
            config.skip_ssl_verification(),
            "the flag only turns checks off"
        );
        assert_eq!(config.retry(), RetryPolicy::default());
        assert!(config.retry().max_attempts > 1, "queries are retried");
        assert!(config.user_agent().starts_with("backend-ai CLI"));
    }

    #[test]
    fn bad_variables_are_configuration_errors() {
        let err = from(&[("BACKEND_SKIP_SSLCERT_VALIDATION", "maybe")], false).unwrap_err();
        assert!(
            err.to_string().contains("BACKEND_SKIP_SSLCERT_VALIDATION"),
            "{err}"
        );
        assert!(from(&[("BACKEND_ENDPOINT", "not a url")], false).is_err());
    }

    #[tokio::test]
    async fn a_closed_port_is_an_error_at_once() {
        // Bind and drop a listener: the port is then (almost certainly) closed.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let config = from(
            &[("BACKEND_ENDPOINT", &format!("http://127.0.0.1:{port}"))],
            false,
        )
        .unwrap();
        let error = connect(config).await.unwrap_err();
        assert!(matches!(error, Error::Connect { .. }), "{error:?}");
        assert!(error.to_string().contains(&port.to_string()), "{error}");
    }
}
