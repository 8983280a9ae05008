//! `GET /`: what the manager says about itself, and version negotiation.

use reqwest::Method;
use serde::Deserialize;
use tracing::{info, warn};

use super::send::Outgoing;
use super::Inner;
use crate::{ApiVersion, Error, OperationKind, RetryPolicy, VersionError};

/// The manager's answer to an unsigned `GET /`: `{"version": "v9.20250722", "manager": "26.9.6"}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerInfo {
    /// The newest API version the manager speaks.
    pub version: ApiVersion,
    /// The manager's release (`23.09.10`, `26.9.6`), when it says. New GraphQL fields come
    /// with releases that do not always bring a new API version (`KeyPair.is_default`
    /// arrived in 26.9.0 under `v9.20250722`), so this is what tells them apart.
    pub manager: Option<String>,
}

/// Why `GET /` gave no server information.
pub(crate) enum Probe {
    /// No usable answer (unreachable, error status, not JSON): negotiation falls back.
    Unavailable(Error),
    /// A JSON answer without a valid version: reported, as the Python SDK does.
    Malformed(Error),
}

#[derive(Deserialize)]
struct Hello {
    version: String,
    manager: Option<String>,
}

impl Inner {
    pub(crate) async fn probe(&self, retry: RetryPolicy) -> Result<ServerInfo, Probe> {
        let outgoing = Outgoing {
            method: Method::GET,
            path: "/",
            json: None,
            version: None,
            kind: OperationKind::Query,
            retry,
        };
        let answer = self.send(&outgoing).await.map_err(Probe::Unavailable)?;
        if !answer.status.is_success() {
            let error = Error::api(answer.status.as_u16(), answer.reason(), &answer.body);
            return Err(Probe::Unavailable(error));
        }
        let malformed = |what, source: crate::BoxError| Error::Decode {
            endpoint: answer.endpoint.clone(),
            what,
            source,
        };
        if !answer.is_json() {
            let source = "the Content-Type is not JSON".into();
            return Err(Probe::Unavailable(malformed(
                "the server information",
                source,
            )));
        }
        let hello: Hello = serde_json::from_slice(&answer.body)
            .map_err(|e| Probe::Malformed(malformed("the server information", e.into())))?;
        let version = hello.version.parse().map_err(|e: crate::VersionError| {
            Probe::Malformed(malformed("the server's API version", e.into()))
        })?;
        Ok(ServerInfo {
            version,
            manager: hello.manager,
        })
    }

    /// The answer to `GET /`, asked on first use and kept once the server has answered;
    /// a failed probe is not kept, so a later call asks again.
    pub(crate) async fn server_info(&self) -> Result<ServerInfo, Probe> {
        let retry = self.config.retry();
        self.server
            .get_or_try_init(|| self.probe(retry))
            .await
            .cloned()
    }

    /// [`Inner::server_info`] in one attempt, for a caller that asks directly and wants the
    /// answer, or why there is none, at once.
    pub(crate) async fn server_info_once(&self) -> Result<ServerInfo, Probe> {
        self.server
            .get_or_try_init(|| self.probe(RetryPolicy::none()))
            .await
            .cloned()
    }

    /// The lower of the server's version and ours; ours when the server cannot tell.
    pub(crate) async fn negotiate(&self) -> Result<ApiVersion, Error> {
        match self.server_info().await {
            Ok(info) => {
                if info.version > ApiVersion::CLIENT {
                    info!(server = %info.version, client = %ApiVersion::CLIENT,
                        "the server's API version is newer than this client's");
                }
                let version = info.version.min(ApiVersion::CLIENT);
                if version < ApiVersion::MIN {
                    return Err(VersionError::ServerTooOld {
                        server: info.version,
                        min: ApiVersion::MIN,
                    }
                    .into());
                }
                Ok(version)
            }
            Err(Probe::Unavailable(error)) => {
                warn!(%error, fallback = %ApiVersion::CLIENT, "API version negotiation failed");
                Ok(ApiVersion::CLIENT)
            }
            Err(Probe::Malformed(error)) => Err(error),
        }
    }
}
