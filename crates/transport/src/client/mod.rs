//! [`Client`]: the real [`Transport`], over one pooled HTTP client.

mod failure;
mod graphql;
mod http;
mod negotiate;
mod send;

use std::fmt;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use async_trait::async_trait;
use reqwest::Method;
use serde::Serialize;
use serde_json::{Map, Value};
use tokio::sync::OnceCell;
use tracing::debug;

pub use negotiate::ServerInfo;

use crate::{
    ApiVersion, Config, Credentials, Error, GraphQlApi, GraphQlRequest, GraphQlResponse, Transport,
};
use negotiate::Probe;
use send::Outgoing;

/// A client of one manager (with failover endpoints). Cheap to clone: clones share the
/// connection pool and the negotiated version.
///
/// ```no_run
/// use backendai_transport::{Client, Config, GraphQlRequest};
///
/// # async fn run() -> Result<(), backendai_transport::Error> {
/// let client = Client::new(Config::from_env()?)?;
/// let data = client
///     .execute(GraphQlRequest::query("query { keypair { access_key is_active } }"))
///     .await?
///     .into_value()?;
/// println!("{}", data["keypair"]["access_key"]);
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

pub(crate) struct Inner {
    config: Config,
    http: reqwest::Client,
    /// The endpoint that answered last; requests start there.
    active: AtomicUsize,
    negotiated: OnceCell<ApiVersion>,
    /// The first good answer to `GET /` (negotiation's or [`Client::probe_server`]'s).
    server: OnceCell<ServerInfo>,
}

impl Client {
    /// A client for `config`. Fails only when the HTTP client cannot be built (for
    /// example, an unusable CA certificate).
    pub fn new(config: Config) -> Result<Client, Error> {
        let http = http::build(&config)?;
        Ok(Client {
            inner: Arc::new(Inner {
                config,
                http,
                active: AtomicUsize::new(0),
                negotiated: OnceCell::new(),
                server: OnceCell::new(),
            }),
        })
    }

    /// A client configured from the process environment ([`Config::from_env`]).
    pub fn from_env() -> Result<Client, Error> {
        Client::new(Config::from_env()?)
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.inner.config
    }

    /// What the manager says about itself on an unsigned `GET /`: its newest API version
    /// and its release. Asked once: the first good answer is kept, and version negotiation
    /// shares it (so asking first costs no extra request). A failure is returned as it is
    /// (an unreachable manager is [`Error::Connect`]) and not kept.
    ///
    /// Unlike [`Transport::server_info`], which answers `None` when the manager cannot be
    /// asked, this reports why, and in one attempt: a caller asking directly (a command
    /// line checking that its manager is there) wants the answer now, not after a round of
    /// retries. Negotiation inside a call retries as queries do.
    pub async fn probe_server(&self) -> Result<ServerInfo, Error> {
        self.inner
            .server_info_once()
            .await
            .map_err(|(Probe::Unavailable(error) | Probe::Malformed(error))| error)
    }

    /// A client of the same manager that signs with `credentials` instead: it shares this
    /// client's connections and what it knows of the server (negotiated version, release),
    /// so its first request is as cheap as this client's next one.
    pub fn signed_as(&self, credentials: Credentials) -> Client {
        let inner = &self.inner;
        let mut config = inner.config.clone();
        config.credentials = Some(credentials);
        let negotiated = OnceCell::new();
        if let Some(version) = inner.negotiated.get() {
            let _ = negotiated.set(*version);
        }
        let server = OnceCell::new();
        if let Some(info) = inner.server.get() {
            let _ = server.set(info.clone());
        }
        Client {
            inner: Arc::new(Inner {
                config,
                http: inner.http.clone(),
                active: AtomicUsize::new(inner.active.load(Ordering::Relaxed)),
                negotiated,
                server,
            }),
        }
    }

    /// The server information if the manager has already answered `GET /`; never asks.
    pub fn known_server_info(&self) -> Option<ServerInfo> {
        self.inner.server.get().cloned()
    }

    /// The API version in use: the pinned one, or the lower of the server's and
    /// [`ApiVersion::CLIENT`], negotiated on first use and cached. When the server cannot
    /// be asked, [`ApiVersion::CLIENT`] is used (and cached), as the Python SDK does.
    pub async fn api_version(&self) -> Result<ApiVersion, Error> {
        if let Some(pinned) = self.inner.config.api_version() {
            return Ok(pinned);
        }
        self.inner
            .negotiated
            .get_or_try_init(|| self.inner.negotiate())
            .await
            .copied()
    }

    /// Sends one GraphQL operation to the API it names and returns its answer (see
    /// [`Transport::execute`]).
    pub async fn execute(&self, request: GraphQlRequest) -> Result<GraphQlResponse, Error> {
        let version = self.api_version().await?;
        let legacy = request.api == GraphQlApi::Admin && !version.supports_gql_endpoint();
        let path = match request.api {
            GraphQlApi::Admin if legacy => "/admin/graphql",
            GraphQlApi::Admin => "/admin/gql",
            GraphQlApi::V2 => "/admin/gql/strawberry",
        };
        let body = Body {
            query: &request.query,
            variables: &request.variables,
        };
        let json = serde_json::to_vec(&body).map_err(|e| Error::Decode {
            endpoint: String::new(),
            what: "the GraphQL variables (cannot be encoded)",
            source: e.into(),
        })?;
        let outgoing = Outgoing {
            method: Method::POST,
            path,
            json: Some(&json),
            version: Some(version),
            kind: request.kind,
            retry: self.inner.config.retry(),
        };
        let answer = self.inner.send(&outgoing).await?;
        graphql::interpret(answer, legacy)
    }
}

/// The body of a GraphQL `POST`, borrowed from the request.
#[derive(Serialize)]
struct Body<'a> {
    query: &'a str,
    variables: &'a Map<String, Value>,
}

#[async_trait]
impl Transport for Client {
    async fn api_version(&self) -> Result<ApiVersion, Error> {
        Client::api_version(self).await
    }

    async fn execute(&self, request: GraphQlRequest) -> Result<GraphQlResponse, Error> {
        Client::execute(self, request).await
    }

    fn signed_as(&self, credentials: Credentials) -> Option<Arc<dyn Transport>> {
        Some(Arc::new(Client::signed_as(self, credentials)))
    }

    /// The answer negotiation got; with a pinned version (no negotiation) `GET /` is asked
    /// here, and an unreachable or non-JSON answer gives `None` (asked again next time).
    async fn server_info(&self) -> Result<Option<ServerInfo>, Error> {
        if self.inner.config.api_version().is_none() {
            self.api_version().await?;
            return Ok(self.known_server_info());
        }
        match self.inner.server_info().await {
            Ok(info) => Ok(Some(info)),
            Err(Probe::Unavailable(error)) => {
                debug!(%error, "the manager did not describe itself");
                Ok(None)
            }
            Err(Probe::Malformed(error)) => Err(error),
        }
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = &self.inner;
        let active = inner.config.endpoints()[inner.active.load(Ordering::Relaxed)].as_str();
        f.debug_struct("Client")
            .field("config", &inner.config)
            .field("active_endpoint", &active)
            .field("negotiated_version", &inner.negotiated.get())
            .field("server", &inner.server.get())
            .finish()
    }
}
