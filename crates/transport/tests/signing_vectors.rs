//! Every vector of `tests/data/signing-vectors.json` (recorded from the Python SDK 23.09.10 and
//! checked against the manager's own verifier).

use secrecy::ExposeSecret;
use std::time::SystemTime;

use backendai_transport::sign::{format_date, sign, HashAlgorithm, SignableRequest};
use backendai_transport::{ApiVersion, Credentials, RequestTarget};
use serde_json::Value;
use url::Url;

fn vectors() -> Value {
    serde_json::from_str(include_str!("data/signing-vectors.json")).expect("vectors parse")
}

fn text<'a>(value: &'a Value, key: &str) -> &'a str {
    value[key]
        .as_str()
        .unwrap_or_else(|| panic!("{key} is not a string in {value}"))
}

fn credentials(inputs: &Value) -> Credentials {
    Credentials::new(text(inputs, "access_key"), text(inputs, "secret_key"))
}

fn hash(inputs: &Value) -> HashAlgorithm {
    text(inputs, "hash_type").parse().expect("known hash")
}

/// Splits `/path?a=1&b=2` into the SDK call arguments that produced it.
fn path_and_pairs(rel_url: &str) -> (&str, Vec<(String, String)>) {
    match rel_url.split_once('?') {
        Some((path, query)) => (
            path,
            url::form_urlencoded::parse(query.as_bytes())
                .into_owned()
                .collect(),
        ),
        None => (rel_url, Vec::new()),
    }
}

#[test]
fn function_level_vectors_match_every_intermediate_value() {
    let all = vectors();
    let cases = all["vectors"].as_array().expect("vectors array");
    assert_eq!(cases.len(), 7);
    for case in cases {
        let name = text(case, "name");
        let inputs = &case["inputs"];
        let intermediate = &case["intermediate"];
        assert_eq!(
            case["manager_23.09.10_sign_request_verdict"], true,
            "{name}"
        );

        // The host and path come from the endpoint exactly as our client builds them.
        let endpoint = Url::parse(text(inputs, "endpoint")).unwrap();
        let (rel_path, pairs) = path_and_pairs(text(inputs, "rel_url"));
        let prefix = endpoint.path().trim_end_matches('/');
        let path = rel_path
            .strip_prefix(prefix)
            .expect("rel_url under the endpoint");
        let pairs: Vec<(&str, &str)> = pairs
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let target = RequestTarget::new(&endpoint, path, &pairs).unwrap();
        assert_eq!(target.host(), text(intermediate, "host"), "{name}: host");
        assert_eq!(
            target.path_and_query(),
            text(inputs, "rel_url"),
            "{name}: target"
        );

        let request = SignableRequest {
            method: text(inputs, "method"),
            host: target.host(),
            path_and_query: target.path_and_query(),
            content_type: text(inputs, "content_type"),
            api_version: text(inputs, "api_version").parse().unwrap(),
            date: text(inputs, "date_header"),
        };
        let signed = sign(&request, &credentials(inputs), hash(inputs)).unwrap();

        assert_eq!(
            signed.string_to_sign(),
            text(intermediate, "string_to_sign"),
            "{name}"
        );
        assert!(
            signed
                .string_to_sign()
                .ends_with(text(intermediate, "body_hash")),
            "{name}"
        );
        assert!(
            text(intermediate, "string_to_sign").contains(text(inputs, "date_header")),
            "{name}: the date is signed verbatim"
        );
        assert_eq!(
            hex::encode(signed.date_key().expose_secret()),
            text(intermediate, "k_date_hex"),
            "{name}"
        );
        assert_eq!(
            hex::encode(signed.signing_key().expose_secret()),
            text(intermediate, "k_signing_hex"),
            "{name}"
        );
        assert_eq!(
            signed.signature(),
            text(&case["expected"], "signature"),
            "{name}"
        );
        assert_eq!(
            signed.authorization(),
            text(&case["expected"], "authorization"),
            "{name}"
        );
        assert_eq!(signed.date(), text(inputs, "date_header"), "{name}");
        assert_eq!(
            signed.content_type(),
            text(inputs, "content_type"),
            "{name}"
        );
        assert_eq!(signed.api_version(), text(inputs, "api_version"), "{name}");
    }
}

#[test]
fn date_key_uses_the_day_written_in_the_header() {
    let all = vectors();
    let boundary = all["vectors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|case| case["name"] == "get-with-query-text-plain-day-boundary")
        .expect("day boundary vector");
    assert_eq!(boundary["intermediate"]["date_key_material"], "20241231");
    assert!(text(&boundary["inputs"], "date_header").starts_with("2024-12-31T23:59:59.999999"));
}

fn header<'a>(wire: &'a Value, name: &str) -> &'a str {
    wire["headers_in_order"]
        .as_array()
        .unwrap()
        .iter()
        .find(|pair| pair[0] == name)
        .and_then(|pair| pair[1].as_str())
        .unwrap_or_else(|| panic!("no {name} header"))
}

fn parse_time(text: &str) -> SystemTime {
    time::OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339)
        .expect("fixed_now is RFC 3339")
        .into()
}

fn params(call: &Value) -> Vec<(String, String)> {
    call["params"]
        .as_object()
        .map(|params| {
            params
                .iter()
                .map(|(k, v)| {
                    (
                        k.clone(),
                        v.as_str().map_or_else(|| v.to_string(), str::to_string),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Signs the SDK call as our client would: target from the endpoint, Date from the clock.
fn sign_like_our_client(
    call: &Value,
    wire: &Value,
) -> (RequestTarget, backendai_transport::sign::Signed) {
    let endpoint = Url::parse(text(call, "endpoint")).unwrap();
    let params = params(call);
    let pairs: Vec<(&str, &str)> = params
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let target = RequestTarget::new(&endpoint, text(call, "path_arg"), &pairs).unwrap();
    let date = format_date(parse_time(text(call, "fixed_now"))).unwrap();
    assert_eq!(
        date,
        header(wire, "Date"),
        "our Date header equals the SDK's"
    );
    let content_type = if call["set_json"].is_null() {
        "text/plain"
    } else {
        "application/json"
    };
    assert_eq!(content_type, header(wire, "Content-Type"));
    // The recorded request target is what went on the wire; ours differs only in `'` quoting.
    let wire_target = text(wire, "request_line")
        .split(' ')
        .nth(1)
        .expect("request line has a target");
    assert_eq!(target.path_and_query(), wire_target.replace('\'', "%27"));
    let request = SignableRequest {
        method: text(call, "method"),
        host: target.host(),
        path_and_query: wire_target,
        content_type,
        api_version: text(call, "api_version").parse::<ApiVersion>().unwrap(),
        date: &date,
    };
    let credentials = Credentials::new(text(call, "access_key"), text(call, "secret_key"));
    let signed = sign(&request, &credentials, hash(call)).unwrap();
    (target, signed)
}

#[test]
fn request_level_vectors_are_reproduced_and_the_default_port_mismatch_never_happens() {
    let all = vectors();
    let cases = all["request_level_vectors"]
        .as_array()
        .expect("request-level array");
    assert_eq!(cases.len(), 12);
    let mut negatives = 0;
    for case in cases {
        let call = &case["sdk_call"];
        let wire = &case["wire"];
        let what = format!(
            "{} {} {}",
            text(call, "endpoint"),
            text(call, "method"),
            text(call, "path_arg")
        );
        let (target, signed) = sign_like_our_client(call, wire);

        // We sign exactly the Host header that goes out, whatever the endpoint spelling.
        assert_eq!(target.host(), header(wire, "Host"), "{what}");
        for name in ["X-BackendAI-Version", "Date", "Content-Type"] {
            let ours = signed.headers().iter().find(|(n, _)| *n == name).unwrap().1;
            assert_eq!(ours, header(wire, name), "{what}: {name}");
        }
        // What the manager computed from what it received is what we send.
        assert_eq!(
            signed.signature(),
            text(case, "manager_computed_signature"),
            "{what}"
        );

        if case["manager_23.09.10_sign_request_verdict"] == true {
            assert_eq!(
                signed.authorization(),
                header(wire, "Authorization"),
                "{what}"
            );
            assert_eq!(
                signed.authorization(),
                text(case, "authorization"),
                "{what}"
            );
        } else {
            // The Python SDK signed `127.0.0.1:80` but sent `Host: 127.0.0.1`: our client
            // produces the signature the manager expects instead of the recorded mismatch.
            negatives += 1;
            assert!(text(call, "endpoint").ends_with(":80"), "{what}");
            assert_ne!(
                signed.authorization(),
                text(case, "authorization"),
                "{what}"
            );
            let recorded = text(case, "authorization").rsplit(':').next().unwrap();
            assert_ne!(signed.signature(), recorded, "{what}");
        }
    }
    assert_eq!(negatives, 4);
}
