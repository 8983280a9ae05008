//! A [`Transport`] that keeps the request it is given and answers with no keypairs, to see
//! what the SDK would send without sending it.

use std::sync::Mutex;

use async_trait::async_trait;
use backendai_transport::{ApiVersion, Error, GraphQlRequest, GraphQlResponse, Transport};
use serde_json::json;

/// The answer to every request: no keypairs.
const EMPTY_ANSWER: &[u8] =
    br#"{"data": {"keypairs": [], "keypair_list": {"items": [], "total_count": 0}}}"#;

/// Records the last request; answers every query with empty `keypairs` and
/// `keypair_list` results.
#[derive(Debug)]
pub struct Recorder {
    version: ApiVersion,
    last: Mutex<Option<GraphQlRequest>>,
}

impl Recorder {
    /// A recorder that speaks API `version`.
    pub fn new(version: ApiVersion) -> Self {
        Recorder {
            version,
            last: Mutex::new(None),
        }
    }

    /// The last request, taken out.
    pub fn take(&self) -> Option<GraphQlRequest> {
        self.last.lock().map_or(None, |mut last| last.take())
    }
}

#[async_trait]
impl Transport for Recorder {
    async fn api_version(&self) -> Result<ApiVersion, Error> {
        Ok(self.version)
    }

    async fn execute(&self, request: GraphQlRequest) -> Result<GraphQlResponse, Error> {
        if let Ok(mut last) = self.last.lock() {
            *last = Some(request);
        }
        Ok(GraphQlResponse::from_body(EMPTY_ANSWER))
    }
}

/// The body the transport sends for `request`: `{"query": …, "variables": …}`.
pub fn request_body(request: &GraphQlRequest) -> Result<Vec<u8>, serde_json::Error> {
    serde_json::to_vec(&json!({"query": request.query, "variables": request.variables}))
}

#[cfg(test)]
mod tests {
    use super::*;
    use backendai_keypair::KeyPairClient;
    use serde_json::Value;

    #[tokio::test(flavor = "current_thread")]
    async fn records_what_the_sdk_would_send() {
        let client = KeyPairClient::with_transport(Recorder::new(ApiVersion::CLIENT));
        assert!(client.list().send().await.unwrap().is_empty());
        let request = client.transport().take().unwrap();
        assert!(request.query.contains("keypairs"), "{}", request.query);
        let page = client.paginated_list().page_size(7).send().await.unwrap();
        assert_eq!(page.total_count, 0);
        let request = client.transport().take().unwrap();
        assert!(request.query.contains("keypair_list"), "{}", request.query);
        let body: Value = serde_json::from_slice(&request_body(&request).unwrap()).unwrap();
        assert_eq!(body["variables"]["limit"], 7);
        assert_eq!(body["query"], Value::String(request.query));
        assert!(client.transport().take().is_none());
    }
}
