//! The seam the upper crates use: send a GraphQL operation, get its answer.

use std::sync::Arc;

use async_trait::async_trait;
use serde_json::{Map, Value};

use crate::{
    ApiVersion, Credentials, Error, GraphQlApi, GraphQlResponse, OperationKind, ServerInfo,
};

/// One GraphQL operation: the document, its variables, its kind and the API it is for.
///
/// ```
/// use backendai_transport::{GraphQlRequest, OperationKind};
/// let request = GraphQlRequest::query("query($a: Boolean) { keypairs(is_active: $a) { access_key } }")
///     .variable("a", true);
/// assert_eq!(request.kind, OperationKind::Query);
/// assert_eq!(request.variables["a"], true);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct GraphQlRequest {
    /// The GraphQL document.
    pub query: String,
    /// The variables, sent as given (`{}` when there are none).
    pub variables: Map<String, Value>,
    /// Query or mutation.
    pub kind: OperationKind,
    /// The API that serves it ([`GraphQlApi::Admin`] unless [`GraphQlRequest::api`] says).
    pub api: GraphQlApi,
}

impl GraphQlRequest {
    /// An operation of `kind` without variables.
    pub fn new(kind: OperationKind, document: impl Into<String>) -> GraphQlRequest {
        GraphQlRequest {
            query: document.into(),
            variables: Map::new(),
            kind,
            api: GraphQlApi::Admin,
        }
    }

    /// Sends it to `api` instead of the admin API.
    pub fn api(mut self, api: GraphQlApi) -> GraphQlRequest {
        self.api = api;
        self
    }

    /// A query (retryable) without variables.
    pub fn query(document: impl Into<String>) -> GraphQlRequest {
        GraphQlRequest::new(OperationKind::Query, document)
    }

    /// A mutation (never resent once it may have arrived) without variables.
    pub fn mutation(document: impl Into<String>) -> GraphQlRequest {
        GraphQlRequest::new(OperationKind::Mutation, document)
    }

    /// Replaces the variables.
    pub fn variables(mut self, variables: Map<String, Value>) -> GraphQlRequest {
        self.variables = variables;
        self
    }

    /// Adds or replaces one variable.
    pub fn variable(mut self, name: impl Into<String>, value: impl Into<Value>) -> GraphQlRequest {
        self.variables.insert(name.into(), value.into());
        self
    }
}

/// Sends GraphQL operations to a manager. [`crate::Client`] is the real one; with the
/// `mock` feature, `MockTransport` (mockall) stands in for it in other crates' tests.
#[cfg_attr(feature = "mock", mockall::automock)]
#[async_trait]
pub trait Transport: Send + Sync {
    /// The API version in use: pinned in the config, or negotiated once by an unsigned
    /// `GET /` and cached.
    async fn api_version(&self) -> Result<ApiVersion, Error>;

    /// Sends one GraphQL operation (signed `POST /admin/gql`, or the legacy `/admin/graphql`
    /// before v6.20210815; `/admin/gql/strawberry` for [`GraphQlApi::V2`]) and returns the answer, undecoded: the caller decodes its `data`
    /// into its own type ([`GraphQlResponse::data`]). An error status is an [`Error`] here;
    /// GraphQL `errors` are reported when the answer is decoded.
    async fn execute(&self, request: GraphQlRequest) -> Result<GraphQlResponse, Error>;

    /// What the manager said about itself on `GET /` (its newest API version and its
    /// release, `"26.9.6"`), kept from version negotiation; `None` when it is not known.
    /// Upper crates use the release to decide which fields the server has.
    ///
    /// Provided: transports that cannot tell return `None`. [`crate::Client`] answers from
    /// negotiation (negotiating first when needed). With the `mock` feature `MockTransport`
    /// mocks this method too: a test that reaches it sets `expect_server_info`.
    async fn server_info(&self) -> Result<Option<ServerInfo>, Error> {
        Ok(None)
    }

    /// A transport to the same manager that signs with `credentials` instead (to prove a
    /// new key works, say). Provided: `None`, for transports that cannot;
    /// [`crate::Client`] gives one that shares its connections.
    fn signed_as(&self, credentials: Credentials) -> Option<Arc<dyn Transport>> {
        let _ = credentials;
        None
    }
}

#[async_trait]
impl<T: Transport + ?Sized> Transport for Arc<T> {
    async fn api_version(&self) -> Result<ApiVersion, Error> {
        (**self).api_version().await
    }

    async fn execute(&self, request: GraphQlRequest) -> Result<GraphQlResponse, Error> {
        (**self).execute(request).await
    }

    async fn server_info(&self) -> Result<Option<ServerInfo>, Error> {
        (**self).server_info().await
    }

    fn signed_as(&self, credentials: Credentials) -> Option<Arc<dyn Transport>> {
        (**self).signed_as(credentials)
    }
}
