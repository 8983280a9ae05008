//! The stub manager: canned answers over HTTP/1.1 on loopback, for benchmarks only.
//!
//! It answers `GET /` with the manager's version, and `POST /admin/gql` with the
//! `keypairs` list (100 keypairs) or `keypair_list` pages. It checks no signature and
//! stores nothing: correctness is tested against the real manager; the stub only takes
//! the server's own cost out of the measurement of the clients.
//!
//! An endpoint path prefix `/keypairs-<N>` serves the first `N` keypairs only, so one
//! stub can serve populations of several sizes (`http://127.0.0.1:<port>/keypairs-1000`).

use std::convert::Infallible;
use std::sync::Arc;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::header::{HeaderValue, CONTENT_TYPE, SERVER};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;

use crate::canned::Canned;
use crate::gql;

/// Serves `canned` on `listener` until the task is dropped or the process ends.
pub async fn serve(listener: TcpListener, canned: Arc<Canned>) -> std::io::Result<()> {
    let content_type = HeaderValue::from_str(canned.content_type())
        .unwrap_or(HeaderValue::from_static("application/json"));
    loop {
        let (stream, _) = listener.accept().await?;
        // Small answers must not wait for Nagle's algorithm.
        stream.set_nodelay(true)?;
        let canned = Arc::clone(&canned);
        let content_type = content_type.clone();
        tokio::spawn(async move {
            let service = service_fn(move |request| {
                let canned = Arc::clone(&canned);
                let content_type = content_type.clone();
                async move { Ok::<_, Infallible>(answer(request, &canned, content_type).await) }
            });
            // A client that goes away mid-request is no concern of a benchmark stub.
            let _ = http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

async fn answer(
    request: Request<Incoming>,
    canned: &Canned,
    content_type: HeaderValue,
) -> Response<Full<Bytes>> {
    let Some((population, path)) = split_population(request.uri().path(), canned.population())
    else {
        return problem(StatusCode::NOT_FOUND, "no such population");
    };
    let method = request.method().clone();
    let body = match (method, path) {
        (Method::GET, "" | "/") => canned.hello(),
        (Method::POST, "/admin/gql") => {
            let Ok(body) = request.into_body().collect().await else {
                return problem(
                    StatusCode::BAD_REQUEST,
                    "the request body could not be read",
                );
            };
            match gql::classify(&body.to_bytes()) {
                gql::Request::List if population >= canned.population() => canned.list(),
                gql::Request::List => {
                    return problem(StatusCode::NOT_FOUND, "lists serve the whole population")
                }
                gql::Request::Page { offset, limit } => canned.page(population, offset, limit),
                gql::Request::Other => {
                    return problem(
                        StatusCode::BAD_REQUEST,
                        "the stub answers keypairs and keypair_list only",
                    )
                }
            }
        }
        _ => return problem(StatusCode::NOT_FOUND, "the stub has no such route"),
    };
    let mut response = Response::new(Full::new(body));
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, content_type);
    headers.insert(SERVER, HeaderValue::from_static("BackendAI"));
    response
}

/// The population a path asks for (its `/keypairs-<N>` prefix, or all) and the rest of it.
fn split_population(path: &str, all: usize) -> Option<(usize, &str)> {
    let Some(rest) = path.strip_prefix("/keypairs-") else {
        return Some((all, path));
    };
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let population: usize = rest[..digits].parse().ok()?;
    (population <= all).then_some((population, &rest[digits..]))
}

/// An RFC 7807 answer, as the manager gives for failures before GraphQL runs.
fn problem(status: StatusCode, message: &str) -> Response<Full<Bytes>> {
    let body = serde_json::json!({
        "type": "https://api.backend.ai/probs/generic-bad-request",
        "title": message,
    });
    let mut response = Response::new(Full::new(Bytes::from(body.to_string())));
    *response.status_mut() = status;
    response.headers_mut().insert(
        CONTENT_TYPE,
        HeaderValue::from_static("application/problem+json"),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn population_prefixes() {
        assert_eq!(
            split_population("/admin/gql", 500),
            Some((500, "/admin/gql"))
        );
        assert_eq!(
            split_population("/keypairs-100/admin/gql", 500),
            Some((100, "/admin/gql"))
        );
        assert_eq!(split_population("/keypairs-100", 500), Some((100, "")));
        assert_eq!(split_population("/keypairs-501/admin/gql", 500), None);
        assert_eq!(split_population("/keypairs-/", 500), None);
    }
}
