//! TLS trust: the bundled roots reject a private CA; a custom CA or the insecure switch
//! accept it.

mod common;

use std::sync::Arc;

use backendai_transport::{ConfigBuilder, Error, GraphQlRequest};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

const CA: &str = include_str!("data/tls/ca.pem");
const SERVER_CERT: &str = include_str!("data/tls/server.pem");
const SERVER_KEY: &str = include_str!("data/tls/server.pk8.pem");

/// A one-answer-per-connection HTTPS server that says `{"data": {"ok": 1}}` to anything.
async fn https_server() -> String {
    let certificates = vec![CertificateDer::from_pem_slice(SERVER_CERT.as_bytes()).unwrap()];
    let key = PrivateKeyDer::from_pem_slice(SERVER_KEY.as_bytes()).unwrap();
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(certificates, key)
        .unwrap();
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let acceptor = acceptor.clone();
            tokio::spawn(async move {
                let Ok(mut tls) = acceptor.accept(stream).await else {
                    return;
                };
                let mut seen = Vec::new();
                let mut buffer = [0u8; 4096];
                // Enough to answer: the head and the small body arrive together here.
                while !seen.windows(4).any(|w| w == b"\r\n\r\n") {
                    match tls.read(&mut buffer).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => seen.extend_from_slice(&buffer[..n]),
                    }
                }
                let body = json!({"data": {"ok": 1}}).to_string();
                let answer = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = tls.write_all(answer.as_bytes()).await;
                let _ = tls.shutdown().await;
            });
        }
    });
    format!("https://127.0.0.1:{port}")
}

async fn ask(builder: ConfigBuilder) -> Result<serde_json::Value, Error> {
    common::pinned(builder)
        .execute(GraphQlRequest::query("{ok}"))
        .await?
        .into_value()
}

#[tokio::test]
async fn a_private_ca_is_rejected_by_default() {
    let endpoint = https_server().await;
    let err = ask(common::config(&endpoint)).await.unwrap_err();
    assert!(matches!(err, Error::Tls { .. }), "{err:?}");
    assert_eq!(err.endpoint(), Some(format!("{endpoint}/").as_str()));
}

#[tokio::test]
async fn a_custom_ca_is_trusted() {
    let endpoint = https_server().await;
    let data = ask(common::config(&endpoint).ca_certificate_pem(CA))
        .await
        .unwrap();
    assert_eq!(data, json!({"ok": 1}));
}

#[tokio::test]
async fn the_insecure_switch_accepts_any_certificate() {
    let endpoint = https_server().await;
    let data = ask(common::config(&endpoint).skip_ssl_verification(true))
        .await
        .unwrap();
    assert_eq!(data, json!({"ok": 1}));
    // The same switch from the environment.
    let vars = std::collections::HashMap::from([
        ("BACKEND_ENDPOINT".to_string(), endpoint.clone()),
        (
            "BACKEND_SKIP_SSLCERT_VALIDATION".to_string(),
            "true".to_string(),
        ),
    ]);
    let from_env = ConfigBuilder::from_env_with(move |name| vars.get(name).cloned())
        .credentials(common::ACCESS_KEY, common::SECRET_KEY)
        .use_env_proxy(false);
    assert!(ask(from_env).await.is_ok());
}

#[test]
fn a_ca_that_is_not_pem_is_a_config_error() {
    let err = ConfigBuilder::new()
        .ca_certificate_pem("-----BEGIN NOTHING-----")
        .build()
        .unwrap_err();
    assert!(err.to_string().contains("CA certificate"), "{err}");
}
