//! One logical request: endpoint failover, fresh signatures per attempt, bounded retries.

use std::sync::atomic::Ordering;
use std::time::{Duration, SystemTime};

use reqwest::header::{HeaderMap, CONTENT_TYPE, RETRY_AFTER};
use reqwest::{Method, StatusCode};
use tracing::{debug, warn, Instrument};

use super::failure::{self, Failure};
use super::Inner;
use crate::sign::{format_date, sign, SignableRequest};
use crate::{ApiVersion, Error, OperationKind, RequestTarget, RetryPolicy};

/// A request to send.
pub(crate) struct Outgoing<'a> {
    pub(crate) method: Method,
    pub(crate) path: &'a str,
    /// A JSON body; `None` sends no body.
    pub(crate) json: Option<&'a [u8]>,
    /// The version header to send and sign; `None` sends a bare probe (no Backend.AI headers).
    pub(crate) version: Option<ApiVersion>,
    pub(crate) kind: OperationKind,
    /// How a failed attempt is retried (a mutation that may have arrived never is).
    pub(crate) retry: RetryPolicy,
}

/// An answer of any status.
#[derive(Debug)]
pub(crate) struct Answer {
    pub(crate) status: StatusCode,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Vec<u8>,
    pub(crate) endpoint: String,
}

impl Answer {
    pub(crate) fn reason(&self) -> &'static str {
        self.status.canonical_reason().unwrap_or("")
    }

    pub(crate) fn is_json(&self) -> bool {
        self.headers
            .get(CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.split(';').next())
            .is_some_and(|media| {
                let media = media.trim().to_ascii_lowercase();
                media == "application/json" || media.ends_with("+json")
            })
    }
}

impl Inner {
    /// Sends `outgoing`, retrying what may be retried, and returns the final answer.
    pub(crate) async fn send(&self, outgoing: &Outgoing<'_>) -> Result<Answer, Error> {
        let span = tracing::debug_span!(
            "backendai_request",
            method = %outgoing.method,
            path = outgoing.path,
            kind = ?outgoing.kind,
        );
        self.send_with_retries(outgoing).instrument(span).await
    }

    async fn send_with_retries(&self, outgoing: &Outgoing<'_>) -> Result<Answer, Error> {
        let policy = outgoing.retry;
        let mut attempt = 1;
        loop {
            let result = self
                .try_endpoints(outgoing)
                .instrument(tracing::debug_span!("attempt", number = attempt))
                .await;
            let wait = match &result {
                Ok(answer) => self.wait_for_status(answer, outgoing.kind, attempt, &policy),
                Err(Failure::NotSent(_)) => Some(policy.backoff(attempt)),
                Err(Failure::MaybeSent(_)) if outgoing.kind == OperationKind::Query => {
                    Some(policy.backoff(attempt))
                }
                Err(_) => None,
            };
            match wait {
                Some(wait) if attempt < policy.max_attempts => {
                    debug!(attempt, wait_ms = wait.as_millis() as u64, "retrying");
                    tokio::time::sleep(wait).await;
                    attempt += 1;
                }
                _ => return finish(result, outgoing.kind),
            }
        }
    }

    /// How long to wait before resending a query answered 503 or 429, if at all.
    fn wait_for_status(
        &self,
        answer: &Answer,
        kind: OperationKind,
        attempt: u32,
        policy: &RetryPolicy,
    ) -> Option<Duration> {
        let status = answer.status;
        if kind != OperationKind::Query
            || !matches!(
                status,
                StatusCode::SERVICE_UNAVAILABLE | StatusCode::TOO_MANY_REQUESTS
            )
        {
            return None;
        }
        match retry_after(&answer.headers, self.config.clock().now()) {
            Some(wait) if wait <= policy.max_delay => Some(wait),
            Some(_) => None,
            // The manager's rate limit window is 15 minutes: without a hint, waiting is futile.
            None if status == StatusCode::TOO_MANY_REQUESTS => None,
            None => Some(policy.backoff(attempt)),
        }
    }

    /// Tries each endpoint once, from the one that last worked, moving on when nothing was sent.
    async fn try_endpoints(&self, outgoing: &Outgoing<'_>) -> Result<Answer, Failure> {
        let endpoints = self.config.endpoints();
        let start = self.active.load(Ordering::Relaxed);
        let mut last = None;
        for offset in 0..endpoints.len() {
            let index = (start + offset) % endpoints.len();
            match self.exchange(index, outgoing).await {
                Err(Failure::NotSent(error)) => {
                    warn!(endpoint = endpoints[index].as_str(), %error, "endpoint unreachable");
                    last = Some(error);
                }
                result => {
                    self.active.store(index, Ordering::Relaxed);
                    return result;
                }
            }
        }
        Err(Failure::NotSent(
            last.unwrap_or(Error::Config(crate::ConfigError::NoEndpoint)),
        ))
    }

    /// One request to one endpoint, dated and signed now.
    async fn exchange(&self, index: usize, outgoing: &Outgoing<'_>) -> Result<Answer, Failure> {
        let endpoint = &self.config.endpoints()[index];
        let target = RequestTarget::new(endpoint, outgoing.path, &[])
            .map_err(|e| Failure::Fatal(e.into()))?;
        let mut request = self
            .http
            .request(outgoing.method.clone(), target.url().clone());
        if let Some(version) = outgoing.version {
            request = request.header("X-BackendAI-Domain", self.config.domain());
            for (name, value) in self.backend_headers(&target, outgoing, version)? {
                request = request.header(name, value);
            }
        }
        if let Some(json) = outgoing.json {
            request = request.body(json.to_vec());
        }
        debug!(endpoint = endpoint.as_str(), "sending");
        let response = request
            .send()
            .await
            .map_err(|e| failure::from_send(e, endpoint.as_str()))?;
        let status = response.status();
        let headers = response.headers().clone();
        let body = response
            .bytes()
            .await
            .map_err(|e| failure::from_body(e, endpoint.as_str()))?;
        debug!(status = status.as_u16(), bytes = body.len(), "answered");
        Ok(Answer {
            status,
            headers,
            // Takes over the buffer when `Bytes` owns it alone (copies only otherwise).
            body: body.into(),
            endpoint: endpoint.to_string(),
        })
    }

    /// `X-BackendAI-Version`, `Date`, `Content-Type` and, with credentials, `Authorization`.
    fn backend_headers(
        &self,
        target: &RequestTarget,
        outgoing: &Outgoing<'_>,
        version: ApiVersion,
    ) -> Result<Vec<(&'static str, String)>, Failure> {
        let fatal = |e: crate::sign::SignError| Failure::Fatal(e.into());
        let date = format_date(self.config.clock().now()).map_err(fatal)?;
        // The Python SDK's choice for bodiless requests; either way it is signed as sent.
        let content_type = if outgoing.json.is_some() {
            "application/json"
        } else {
            "text/plain"
        };
        let Some(credentials) = self.config.credentials() else {
            return Ok(vec![
                ("X-BackendAI-Version", version.to_string()),
                ("Date", date),
                ("Content-Type", content_type.to_string()),
            ]);
        };
        let request = SignableRequest {
            method: outgoing.method.as_str(),
            host: target.host(),
            path_and_query: target.path_and_query(),
            content_type,
            api_version: version,
            date: &date,
        };
        let signed = sign(&request, credentials, self.config.hash()).map_err(fatal)?;
        Ok(signed
            .headers()
            .iter()
            .map(|(name, value)| (*name, value.to_string()))
            .collect())
    }
}

/// The final outcome: a mutation that may have been applied says so.
fn finish(result: Result<Answer, Failure>, kind: OperationKind) -> Result<Answer, Error> {
    match result {
        Ok(answer) => Ok(answer),
        Err(Failure::MaybeSent(error)) if kind == OperationKind::Mutation => {
            Err(Error::OutcomeUnknown {
                endpoint: error.endpoint().unwrap_or_default().to_string(),
                source: Box::new(error),
            })
        }
        Err(Failure::NotSent(error) | Failure::MaybeSent(error) | Failure::Fatal(error)) => {
            Err(error)
        }
    }
}

/// `Retry-After` as seconds or as an HTTP date.
fn retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use reqwest::header::HeaderValue;

    use super::*;

    #[test]
    fn retry_after_reads_seconds_and_dates() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        let mut headers = HeaderMap::new();
        assert_eq!(retry_after(&headers, now), None);
        headers.insert(RETRY_AFTER, HeaderValue::from_static("7"));
        assert_eq!(retry_after(&headers, now), Some(Duration::from_secs(7)));
        let later = httpdate::fmt_http_date(now + Duration::from_secs(30));
        headers.insert(RETRY_AFTER, HeaderValue::from_str(&later).unwrap());
        assert_eq!(retry_after(&headers, now), Some(Duration::from_secs(30)));
        headers.insert(RETRY_AFTER, HeaderValue::from_static("soon"));
        assert_eq!(retry_after(&headers, now), None);
    }
}
