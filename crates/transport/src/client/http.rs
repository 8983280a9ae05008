//! The one pooled `reqwest` client behind a [`crate::Client`].

use reqwest::redirect::Policy;

use crate::{Config, ConfigError};

/// rustls, redirects off (a redirect would be signed for the wrong path), timeouts and
/// trust settings from the config, proxies from the environment unless turned off.
pub(crate) fn build(config: &Config) -> Result<reqwest::Client, ConfigError> {
    let mut builder = reqwest::Client::builder()
        .use_rustls_tls()
        .redirect(Policy::none())
        .user_agent(config.user_agent())
        .danger_accept_invalid_certs(config.skip_ssl_verification());
    if let Some(timeout) = config.connect_timeout() {
        builder = builder.connect_timeout(timeout);
    }
    if let Some(timeout) = config.read_timeout() {
        builder = builder.read_timeout(timeout);
    }
    for certificate in &config.ca_certificates {
        builder = builder.add_root_certificate(certificate.clone());
    }
    if !config.use_env_proxy() {
        builder = builder.no_proxy();
    }
    builder.build().map_err(|source| ConfigError::HttpClient {
        source: source.into(),
    })
}
