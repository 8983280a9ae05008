//! A sick server never hangs a call nor panics it: every fault ends in a typed error within
//! the configured timeouts and retry budget. A raw loopback server plays each fault; the
//! faults wiremock can play are in `http_exchange.rs` and `http_retries.rs`.

mod common;
mod faults_server;

use std::time::{Duration, SystemTime};

use backendai_transport::{
    ApiVersion, Client, Error, GraphQlRequest, GraphQlResponse, ProblemType, RetryPolicy,
    TimeoutPhase,
};
use common::{closed_endpoint, config, pinned};
use faults_server::{json_200, response, within, RawServer, Script};

/// Far above every bound below: reaching it means a hang.
const HANG: Duration = Duration::from_secs(30);
const READ_TIMEOUT: Duration = Duration::from_millis(300);

fn query() -> GraphQlRequest {
    GraphQlRequest::query("query { keypair { access_key } }")
}

fn mutation() -> GraphQlRequest {
    GraphQlRequest::mutation("mutation { delete_keypair(access_key: \"AK\") { ok msg } }")
}

/// Three attempts, 10 ms first backoff, a 300 ms read timeout, version pinned.
fn client(uri: &str) -> Client {
    pinned(config(uri).read_timeout(Some(READ_TIMEOUT)))
}

fn assert_read_timeout(err: &Error) {
    assert!(
        matches!(
            err,
            Error::Timeout {
                phase: TimeoutPhase::Read,
                ..
            }
        ),
        "expected a read timeout, got {err:?}"
    );
}

/// The mutation error that says it may have been applied, wrapping what interrupted it.
fn outcome_unknown_source(err: &Error) -> &Error {
    match err {
        Error::OutcomeUnknown { source, .. } => source,
        other => panic!("expected OutcomeUnknown, got {other:?}"),
    }
}

#[tokio::test]
async fn refused_connections_end_in_a_connect_error_at_once_for_queries_and_mutations() {
    let client = client(&closed_endpoint());
    for request in [query(), mutation()] {
        let (result, elapsed) = within(HANG, client.execute(request)).await;
        let err = result.unwrap_err();
        assert!(matches!(err, Error::Connect { .. }), "{err:?}");
        // Three attempts with 10 and 20 ms waits between them.
        assert!(elapsed < Duration::from_secs(3), "{elapsed:?}");
    }
}

#[tokio::test]
async fn a_silent_server_gives_a_read_timeout_after_the_query_budget() {
    let server = RawServer::start(Script::Silent).await;
    let (result, elapsed) = within(HANG, client(&server.uri()).execute(query())).await;
    assert_read_timeout(&result.unwrap_err());
    assert_eq!(server.requests(), 3, "a query is tried three times");
    assert!(elapsed >= READ_TIMEOUT * 3, "{elapsed:?}");
    assert!(elapsed < Duration::from_secs(5), "{elapsed:?}");
}

#[tokio::test]
async fn a_mutation_to_a_silent_server_is_sent_once_and_ends_outcome_unknown() {
    let server = RawServer::start(Script::Silent).await;
    let (result, elapsed) = within(HANG, client(&server.uri()).execute(mutation())).await;
    let err = result.unwrap_err();
    assert_read_timeout(outcome_unknown_source(&err));
    assert_eq!(server.requests(), 1);
    assert!(elapsed >= READ_TIMEOUT, "{elapsed:?}");
    assert!(elapsed < Duration::from_secs(3), "{elapsed:?}");
}

#[tokio::test]
async fn negotiating_with_a_silent_server_falls_back_then_times_out_within_the_budget() {
    let server = RawServer::start(Script::Silent).await;
    let client = Client::new(
        config(&server.uri())
            .read_timeout(Some(READ_TIMEOUT))
            .build()
            .unwrap(),
    )
    .unwrap();
    let (result, elapsed) = within(HANG, client.execute(query())).await;
    assert_read_timeout(&result.unwrap_err());
    // Three probes of `GET /`, then three tries of the query.
    assert_eq!(server.requests(), 6);
    assert!(elapsed < Duration::from_secs(8), "{elapsed:?}");
    assert_eq!(client.api_version().await.unwrap(), ApiVersion::CLIENT);
}

#[tokio::test]
async fn a_hang_up_before_the_answer_is_an_http_error_and_a_mutation_is_not_resent() {
    let server = RawServer::start(Script::HangUp).await;
    let client = client(&server.uri());
    let (result, _) = within(HANG, client.execute(query())).await;
    let err = result.unwrap_err();
    assert!(matches!(err, Error::Http { .. }), "{err:?}");
    assert_eq!(server.requests(), 3, "a query is resent");

    let (result, _) = within(HANG, client.execute(mutation())).await;
    let err = result.unwrap_err();
    assert!(
        matches!(outcome_unknown_source(&err), Error::Http { .. }),
        "{err:?}"
    );
    assert_eq!(server.requests(), 4, "a mutation is sent once");
    assert!(!err.is_timeout());
}

/// Headers that promise more body than comes before the connection closes.
fn cut_short_bodies() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        (
            "content-length",
            b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"data\": {\"ke"
                .to_vec(),
        ),
        (
            "chunked",
            b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n40\r\n{\"data\": {\"ke"
                .to_vec(),
        ),
    ]
}

#[tokio::test]
async fn a_body_cut_short_by_a_closed_connection_is_a_typed_error() {
    for (case, bytes) in cut_short_bodies() {
        let server = RawServer::start(Script::Reply(bytes)).await;
        let client = client(&server.uri());
        let (result, _) = within(HANG, client.execute(query())).await;
        let err = result.unwrap_err();
        assert!(matches!(err, Error::Http { .. }), "{case}: {err:?}");
        assert_eq!(server.requests(), 3, "{case}: a query is resent");

        let (result, _) = within(HANG, client.execute(mutation())).await;
        let err = result.unwrap_err();
        assert!(
            matches!(outcome_unknown_source(&err), Error::Http { .. }),
            "{case}: {err:?}"
        );
        assert_eq!(server.requests(), 4, "{case}: a mutation is sent once");
    }
}

#[tokio::test]
async fn a_body_that_stalls_midway_hits_the_read_timeout() {
    for (case, bytes) in cut_short_bodies() {
        let server = RawServer::start(Script::ReplyThenStall(bytes)).await;
        let client = client(&server.uri());
        let (result, elapsed) = within(HANG, client.execute(query())).await;
        assert_read_timeout(&result.unwrap_err());
        assert!(elapsed < Duration::from_secs(5), "{case}: {elapsed:?}");

        let (result, _) = within(HANG, client.execute(mutation())).await;
        assert_read_timeout(outcome_unknown_source(&result.unwrap_err()));
        assert_eq!(server.requests(), 4, "{case}");
    }
}

#[tokio::test]
async fn an_answer_that_is_not_http_is_a_typed_error() {
    for garbage in [
        &b"hello, this is not HTTP\r\n\r\n"[..],
        b"HTTP/1.1 abc Broken\r\n\r\n",
        b"\x00\xff\xfe\x16\x03\x01",
    ] {
        let server = RawServer::start(Script::Reply(garbage.to_vec())).await;
        let (result, _) = within(HANG, client(&server.uri()).execute(mutation())).await;
        let err = result.unwrap_err();
        assert!(
            matches!(outcome_unknown_source(&err), Error::Http { .. }),
            "{garbage:?}: {err:?}"
        );
    }
}

#[tokio::test]
async fn a_200_whose_body_is_not_a_graphql_answer_is_a_decode_error_and_not_resent() {
    let bodies: [(&str, &[u8]); 8] = [
        ("empty", b""),
        (
            "an HTML page",
            b"<!DOCTYPE html><html><body>Welcome to nginx!</body></html>",
        ),
        (
            "truncated JSON",
            br#"{"data": {"keypair": {"access_key": "AK"#,
        ),
        ("invalid UTF-8", b"{\"data\": \"\xff\xfe\"}"),
        ("a JSON array", b"[1, 2, 3]"),
        ("a JSON string", br#""data""#),
        (
            "errors of the wrong shape",
            br#"{"data": null, "errors": {"message": "x"}}"#,
        ),
        ("neither data nor errors", br#"{"result": 1}"#),
    ];
    for (case, body) in bodies {
        let server = RawServer::start(Script::Reply(response(
            200,
            &[("Content-Type", "application/json")],
            body,
        )))
        .await;
        let (result, _) = within(HANG, client(&server.uri()).execute(query())).await;
        // The answer is taken as it came; reading it says what is wrong.
        let err = result.and_then(GraphQlResponse::into_value).unwrap_err();
        assert!(matches!(err, Error::Decode { .. }), "{case}: {err:?}");
        assert_eq!(
            server.requests(),
            1,
            "{case}: a decode error is not retried"
        );
    }
}

#[tokio::test]
async fn html_error_pages_are_api_errors_that_keep_the_page() {
    let page = "<html><head><title>Bad Gateway</title></head><body>nginx</body></html>";
    for status in [400u16, 401, 403, 404, 413, 500, 502, 504] {
        let server = RawServer::start(Script::Reply(response(
            status,
            &[("Content-Type", "text/html")],
            page.as_bytes(),
        )))
        .await;
        let (result, _) = within(HANG, client(&server.uri()).execute(query())).await;
        let err = result.unwrap_err();
        assert_eq!(err.status(), Some(status), "{err:?}");
        let problem = err.problem().expect("a problem");
        assert_eq!(problem.body.as_deref(), Some(page), "{status}");
        assert_eq!(problem.problem_type, None, "{status}");
        assert!(
            err.to_string().starts_with(&format!("HTTP {status} ")),
            "{err}"
        );
        assert_eq!(server.requests(), 1, "{status} is not retried");
    }
}

fn rate_limited(retry_after: Option<&str>) -> Vec<u8> {
    let body = br#"{"type": "https://api.backend.ai/probs/rate-limit-exceeded", "title": "You have reached your API query rate limit."}"#;
    let mut headers = vec![("Content-Type", "application/problem+json")];
    if let Some(value) = retry_after {
        headers.push(("Retry-After", value));
    }
    response(429, &headers, body)
}

#[tokio::test]
async fn a_429_retry_after_in_seconds_or_as_a_date_is_waited_for_then_the_budget_ends() {
    let patient = RetryPolicy {
        max_attempts: 3,
        initial_backoff: Duration::from_millis(10),
        max_delay: Duration::from_secs(3),
    };
    for dated in [false, true] {
        // A date 2 s ahead, cut to whole seconds: the first wait is over a second.
        let retry_after = match dated {
            false => "1".to_string(),
            true => httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(2)),
        };
        let server = RawServer::start(Script::Reply(rate_limited(Some(&retry_after)))).await;
        let client = pinned(config(&server.uri()).retry(patient));
        let (result, elapsed) = within(HANG, client.execute(query())).await;
        let err = result.unwrap_err();
        assert_eq!(err.status(), Some(429));
        assert_eq!(err.problem_type(), Some(&ProblemType::RateLimitExceeded));
        assert_eq!(server.requests(), 3, "{retry_after}");
        assert!(elapsed >= Duration::from_millis(900), "{elapsed:?}");
        assert!(elapsed < Duration::from_secs(8), "{elapsed:?}");
    }
    // A wait longer than the policy's max_delay ends the retries at once.
    let later = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(60));
    let server = RawServer::start(Script::Reply(rate_limited(Some(&later)))).await;
    let (result, elapsed) = within(HANG, client(&server.uri()).execute(query())).await;
    assert_eq!(result.unwrap_err().status(), Some(429));
    assert_eq!(server.requests(), 1);
    assert!(elapsed < Duration::from_secs(2), "{elapsed:?}");
}

#[tokio::test]
async fn a_429_for_a_mutation_is_not_resent_whatever_the_retry_after() {
    for retry_after in [None, Some("0"), Some("garbage")] {
        let server = RawServer::start(Script::Reply(rate_limited(retry_after))).await;
        let (result, elapsed) = within(HANG, client(&server.uri()).execute(mutation())).await;
        let err = result.unwrap_err();
        assert_eq!(err.problem_type(), Some(&ProblemType::RateLimitExceeded));
        assert_eq!(server.requests(), 1, "{retry_after:?}");
        assert!(elapsed < Duration::from_secs(2), "{elapsed:?}");
    }
}

#[tokio::test]
async fn a_503_backs_off_exponentially_within_the_budget() {
    let frozen = response(
        503,
        &[("Content-Type", "application/problem+json")],
        br#"{"type": "https://api.backend.ai/probs/server-frozen", "title": "frozen"}"#,
    );
    let server = RawServer::start(Script::Reply(frozen)).await;
    let client = pinned(config(&server.uri()).retry(RetryPolicy {
        max_attempts: 3,
        initial_backoff: Duration::from_millis(150),
        max_delay: Duration::from_secs(1),
    }));
    let (result, elapsed) = within(HANG, client.execute(query())).await;
    let err = result.unwrap_err();
    assert_eq!(err.problem_type(), Some(&ProblemType::ServerFrozen));
    assert_eq!(server.requests(), 3);
    // Waits of 150 and 300 ms.
    assert!(elapsed >= Duration::from_millis(450), "{elapsed:?}");
    assert!(elapsed < Duration::from_secs(4), "{elapsed:?}");
}

#[tokio::test]
async fn a_503_asking_for_a_wait_beyond_the_policy_ends_at_once() {
    let server = RawServer::start(Script::Reply(response(
        503,
        &[("Retry-After", "3600")],
        b"down for maintenance",
    )))
    .await;
    let (result, elapsed) = within(HANG, client(&server.uri()).execute(query())).await;
    let err = result.unwrap_err();
    assert_eq!(err.status(), Some(503));
    assert_eq!(
        err.problem().unwrap().body.as_deref(),
        Some("down for maintenance")
    );
    assert_eq!(server.requests(), 1);
    assert!(elapsed < Duration::from_secs(2), "{elapsed:?}");
}

#[tokio::test]
async fn redirects_of_every_kind_are_returned_and_their_target_is_never_contacted() {
    let target = RawServer::start(Script::Reply(json_200(r#"{"data": {"ok": 1}}"#))).await;
    let location = format!("{}/admin/gql", target.uri());
    for status in [301u16, 302, 303, 307, 308] {
        let server = RawServer::start(Script::Reply(response(
            status,
            &[("Location", location.as_str())],
            b"",
        )))
        .await;
        for request in [query(), mutation()] {
            let (result, _) = within(HANG, client(&server.uri()).execute(request)).await;
            assert_eq!(result.unwrap_err().status(), Some(status));
        }
        assert_eq!(server.requests(), 2, "{status} is not retried");
    }
    assert_eq!(target.connections(), 0, "a redirect was followed");
}
