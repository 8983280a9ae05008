//! Our SDK under load: `KeyPairClient` over the real transport, as an application uses it.

use std::time::Instant;

use backendai_keypair::{Client, Config, KeyPairClient, MAX_PAGE_SIZE};
use backendai_transport::{ConfigError, Credentials};
use futures::TryStreamExt;
use secrecy::ExposeSecret;
use serde::Serialize;

use crate::load::Op;
use crate::measure::{peak_rss_kib, process_cpu_time};

/// A keypair client for `endpoint`, with proxies from the environment turned off.
pub fn client(endpoint: &str, credentials: &Credentials) -> Result<KeyPairClient, SdkError> {
    let config = Config::builder()
        .endpoint(endpoint)
        .credentials(
            credentials.access_key(),
            credentials.secret_key().expose_secret(),
        )
        .use_env_proxy(false)
        .build()?;
    Ok(KeyPairClient::new(Client::new(config)?))
}

/// Why an SDK run failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SdkError {
    /// The configuration was refused.
    #[error("the SDK configuration was refused")]
    Config(#[from] ConfigError),
    /// A call failed.
    #[error("an SDK call failed")]
    Call(#[from] backendai_keypair::Error),
    /// The client could not be built.
    #[error("the SDK client could not be built")]
    Transport(#[from] backendai_transport::Error),
}

/// One call of `op` with the SDK's defaults; returns how many keypairs came back.
pub async fn call(client: &KeyPairClient, op: Op) -> Result<usize, SdkError> {
    Ok(match op {
        Op::List => client.list().send().await?.len(),
        Op::Page => client.paginated_list().send().await?.items.len(),
    })
}

/// What walking a whole population measured; printed as one JSON line.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StreamReport {
    /// Always `rust-sdk`.
    pub client: &'static str,
    /// Always `stream`.
    pub op: &'static str,
    /// Keypairs received.
    pub keypairs: u64,
    /// Page size asked for.
    pub page_size: u32,
    /// Wall time of the walk, in seconds.
    pub wall_s: f64,
    /// CPU time of the walk, in seconds.
    pub cpu_s: f64,
    /// Peak resident memory of the whole process at the end (`VmHWM`), in KiB.
    pub peak_rss_kib: u64,
}

/// Walks every keypair with [`PaginatedList::stream`](backendai_keypair::PaginatedList::stream),
/// 100 a page, keeping none.
pub async fn stream(client: &KeyPairClient) -> Result<StreamReport, SdkError> {
    let cpu = process_cpu_time();
    let start = Instant::now();
    let mut keypairs = 0u64;
    let mut stream = std::pin::pin!(client.paginated_list().page_size(MAX_PAGE_SIZE).stream());
    while let Some(keypair) = stream.try_next().await? {
        // Touch every item, as a consumer would.
        keypairs += u64::from(keypair.access_key().is_some());
    }
    Ok(StreamReport {
        client: "rust-sdk",
        op: "stream",
        keypairs,
        page_size: MAX_PAGE_SIZE,
        wall_s: start.elapsed().as_secs_f64(),
        cpu_s: process_cpu_time().saturating_sub(cpu).as_secs_f64(),
        peak_rss_kib: peak_rss_kib().unwrap_or(0),
    })
}
