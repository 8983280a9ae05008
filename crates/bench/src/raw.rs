//! The floor: the request our SDK sends, signed once before the run and then sent as is
//! with the same HTTP client library (reqwest), with no SDK code in the loop.
//!
//! The manager accepts a date within 15 minutes of its clock, and a run is far shorter,
//! so one signature serves every call.

use std::time::SystemTime;

use backendai_keypair::KeyPairClient;
use backendai_transport::sign::{format_date, sign, HashAlgorithm, SignError, SignableRequest};
use backendai_transport::{ApiVersion, Credentials, RequestTarget};
use bytes::Bytes;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue, InvalidHeaderValue};
use url::Url;

use crate::load::Op;
use crate::recorder::{request_body, Recorder};

/// Why the floor client could not be set up or a call failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RawError {
    /// The endpoint is not a URL with a host.
    #[error("the endpoint {0:?} is not usable")]
    Endpoint(String),
    /// The request could not be signed.
    #[error("the request could not be signed")]
    Sign(#[from] SignError),
    /// A header value could not be built.
    #[error("a header value is not valid")]
    Header(#[from] InvalidHeaderValue),
    /// The SDK refused to build the request whose body is reused.
    #[error("the SDK did not build the request")]
    Sdk(#[from] backendai_keypair::Error),
    /// The body could not be encoded.
    #[error("the request body could not be encoded")]
    Body(#[from] serde_json::Error),
    /// The HTTP exchange failed.
    #[error("the HTTP exchange failed")]
    Http(#[from] reqwest::Error),
    /// The server answered with a status other than 200.
    #[error("the server answered HTTP {0}")]
    Status(u16),
}

/// One pre-signed `POST /admin/gql`, ready to be sent many times.
#[derive(Debug, Clone)]
pub struct RawRequest {
    http: reqwest::Client,
    url: Url,
    headers: HeaderMap,
    body: Bytes,
}

impl RawRequest {
    /// The request our SDK makes for `op` (its body taken from the SDK once, through a
    /// [`Recorder`]), signed now for `endpoint`.
    pub async fn new(
        endpoint: &str,
        credentials: &Credentials,
        version: ApiVersion,
        op: Op,
    ) -> Result<RawRequest, RawError> {
        let body = sdk_body(version, op).await?;
        let endpoint = Url::parse(endpoint).map_err(|_| RawError::Endpoint(endpoint.into()))?;
        let target = RequestTarget::new(&endpoint, "/admin/gql", &[])?;
        let date = format_date(SystemTime::now())?;
        let signable = SignableRequest {
            method: "POST",
            host: target.host(),
            path_and_query: target.path_and_query(),
            content_type: "application/json",
            api_version: version,
            date: &date,
        };
        let signed = sign(&signable, credentials, HashAlgorithm::Sha256)?;
        let mut headers = HeaderMap::new();
        headers.insert(
            HeaderName::from_static("x-backendai-domain"),
            HeaderValue::from_static("default"),
        );
        for (name, value) in signed.headers() {
            let name = HeaderName::from_bytes(name.as_bytes())
                .unwrap_or_else(|_| unreachable!("the signer's header names are valid"));
            headers.insert(name, HeaderValue::from_str(value)?);
        }
        let http = reqwest::Client::builder()
            .no_proxy()
            .redirect(reqwest::redirect::Policy::none())
            .build()?;
        Ok(RawRequest {
            http,
            url: target.url().clone(),
            headers,
            body: Bytes::from(body),
        })
    }

    /// Sends the request and reads the whole answer.
    pub async fn send(&self) -> Result<Bytes, RawError> {
        let response = self
            .http
            .post(self.url.clone())
            .headers(self.headers.clone())
            .body(self.body.clone())
            .send()
            .await?;
        let status = response.status();
        let body = response.bytes().await?;
        if status != reqwest::StatusCode::OK {
            return Err(RawError::Status(status.as_u16()));
        }
        Ok(body)
    }

    /// The body sent.
    pub fn body(&self) -> &[u8] {
        &self.body
    }
}

/// The body our SDK sends for `op` with its default arguments.
async fn sdk_body(version: ApiVersion, op: Op) -> Result<Vec<u8>, RawError> {
    let client = KeyPairClient::with_transport(Recorder::new(version));
    match op {
        Op::List => drop(client.list().send().await?),
        Op::Page => drop(client.paginated_list().send().await?),
    }
    let request = client
        .transport()
        .take()
        .unwrap_or_else(|| unreachable!("each SDK call sends one request"));
    Ok(request_body(&request)?)
}
