//! The custom scalars on values the real manager 23.09.10 sent (see
//! `fixtures/wire/`), on the forms the spec allows, and on bad input.

use backendai_schema::scalars::{BigInt, DateTime, JsonString, ScalarError, Timestamp, Uuid};
use std::error::Error as _;
use time::macros::{datetime, offset};

#[test]
fn date_time_with_offset_and_microseconds() {
    // created_at, fixtures/wire/keypair_list_full.json
    let value = DateTime::parse("2026-11-26T16:21:12.566777+00:00").unwrap();
    assert_eq!(
        value.timestamp(),
        Timestamp::Offset(datetime!(2026-11-26 16:21:12.566777 UTC))
    );
    assert_eq!(value.as_str(), "2026-11-26T16:21:12.566777+00:00");
}

#[test]
fn date_time_naive_like_last_used() {
    // last_used, fixtures/wire/keypair_list_full.json
    let value = DateTime::parse("2026-11-26T16:28:49.177715").unwrap();
    assert_eq!(
        value.timestamp(),
        Timestamp::Naive(datetime!(2026-11-26 16:28:49.177715))
    );
    assert_eq!(value.to_offset_date_time(), None);
    assert_eq!(
        value.assume_offset(offset!(+09:00)),
        datetime!(2026-11-26 16:28:49.177715 +09:00)
    );
}

#[test]
fn date_time_without_microseconds_or_with_a_short_fraction() {
    let whole = DateTime::parse("2024-01-02T03:04:05+00:00").unwrap();
    assert_eq!(
        whole.to_offset_date_time(),
        Some(datetime!(2024-01-02 03:04:05 UTC))
    );
    let short = DateTime::parse("2024-03-28T09:00:00.5+00:00").unwrap();
    assert_eq!(
        short.to_offset_date_time(),
        Some(datetime!(2024-03-28 09:00:00.5 UTC))
    );
    let naive = DateTime::parse("2024-03-28T09:00:00").unwrap();
    assert_eq!(
        naive.timestamp(),
        Timestamp::Naive(datetime!(2024-03-28 09:00:00))
    );
}

#[test]
fn date_time_with_z_or_other_offsets() {
    for (text, expected) in [
        ("2024-03-28T09:00:00Z", datetime!(2024-03-28 09:00:00 UTC)),
        (
            "2024-03-28T09:00:00.123456Z",
            datetime!(2024-03-28 09:00:00.123456 UTC),
        ),
        (
            "2024-03-28T09:00:00-05:30",
            datetime!(2024-03-28 09:00:00 -05:30),
        ),
        (
            "2024-03-28T18:00:00.000001+09:00",
            datetime!(2024-03-28 18:00:00.000001 +09:00),
        ),
        (
            "2024-03-28T09:00:00+05:30:15",
            datetime!(2024-03-28 09:00:00 +05:30:15),
        ),
    ] {
        let value = DateTime::parse(text).unwrap_or_else(|err| panic!("{text}: {err}"));
        assert_eq!(value.to_offset_date_time(), Some(expected), "{text}");
        assert_eq!(value.assume_offset(offset!(+01:00)), expected, "{text}");
    }
}

#[test]
fn date_time_refuses_other_text_with_a_typed_error() {
    for text in [
        "",
        "yesterday",
        "2024-03-28",
        "2024-03-28 09:00:00",
        "2024-13-01T00:00:00",
        "2024-03-28T25:00:00+00:00",
        "2024-03-28T09:00:00+0900",
        "2024-03-28T09:00:00.+00:00",
        "2024-03-28T09:00:00+00:00 ",
    ] {
        match DateTime::parse(text) {
            Err(error @ ScalarError::DateTime { .. }) => {
                assert!(error.to_string().contains(&format!("{text:?}")), "{error}");
                assert!(
                    error.source().is_some(),
                    "{text}: the parser's reason is kept"
                );
            }
            other => panic!("{text:?}: expected a DateTime error, got {other:?}"),
        }
    }
}

#[test]
fn date_time_serializes_the_text_it_was_given() {
    let text = r#""2026-11-26T16:21:12.566777+00:00""#;
    let value: DateTime = serde_json::from_str(text).unwrap();
    assert_eq!(serde_json::to_string(&value).unwrap(), text);
    assert_eq!(value.to_string(), "2026-11-26T16:21:12.566777+00:00");
    let error = serde_json::from_str::<DateTime>(r#""2024-13-01T00:00:00""#).unwrap_err();
    assert!(
        error
            .to_string()
            .starts_with("invalid DateTime \"2024-13-01T00:00:00\": "),
        "{error}"
    );
    assert!(serde_json::from_str::<DateTime>("1711616400").is_err());
}

#[test]
fn uuid_from_the_wire() {
    // user, fixtures/wire/keypair_list_full.json
    let text = "9d6a3c5e-2f4b-4c1d-8e7f-00000000a001";
    let value: Uuid = serde_json::from_str(&format!("{text:?}")).unwrap();
    assert_eq!(
        value.as_bytes(),
        &[0x9d, 0x6a, 0x3c, 0x5e, 0x2f, 0x4b, 0x4c, 0x1d, 0x8e, 0x7f, 0, 0, 0, 0, 0xa0, 0x01]
    );
    assert_eq!(value.to_string(), text);
    assert_eq!(serde_json::to_string(&value).unwrap(), format!("{text:?}"));
    assert_eq!(Uuid::parse(&text.to_uppercase()).unwrap(), value);
}

#[test]
fn uuid_refuses_other_text() {
    for text in [
        "",
        "9d6a3c5e2f4b4c1d8e7f00000000a001",
        "9d6a3c5e-2f4b-4c1d-8e7f-00000000a00",
        "9d6a3c5e-2f4b-4c1d-8e7f-00000000a0011",
        "9d6a3c5e-2f4b-4c1d-8e7f0-0000000a001",
        "9d6a3c5g-2f4b-4c1d-8e7f-00000000a001",
        "9d6a3c5e-2f4b-4c1d-8e7f-00000000a0é",
        "+d6a3c5e-2f4b-4c1d-8e7f-00000000a001",
    ] {
        assert!(
            matches!(Uuid::parse(text), Err(ScalarError::Uuid { ref value }) if value == text),
            "{text:?}"
        );
    }
}

#[test]
fn json_string_from_the_wire() {
    // total_resource_slots and allowed_vfolder_hosts, fixtures/wire/keypair_resource_policy_big.json
    let slots: JsonString = serde_json::from_str(
        r#""{\"cpu\": \"4\", \"mem\": \"17179869184\", \"cuda.shares\": \"0.5\"}""#,
    )
    .unwrap();
    assert_eq!(
        slots.value(),
        &serde_json::json!({"cpu": "4", "mem": "17179869184", "cuda.shares": "0.5"})
    );
    assert_eq!(
        slots.as_str(),
        r#"{"cpu": "4", "mem": "17179869184", "cuda.shares": "0.5"}"#
    );
    let hosts: JsonString = serde_json::from_str(
        r#""{\"local:volume1\": [\"mount-in-session\", \"create-vfolder\"]}""#,
    )
    .unwrap();
    assert_eq!(hosts.value()["local:volume1"][1], "create-vfolder");
    let empty: JsonString = serde_json::from_str(r#""{}""#).unwrap();
    assert_eq!(empty.value(), &serde_json::json!({}));
    assert_eq!(serde_json::to_string(&empty).unwrap(), r#""{}""#);
}

#[test]
fn json_string_refuses_a_string_without_json_and_a_bare_object() {
    assert!(matches!(
        JsonString::parse("{not json"),
        Err(ScalarError::JsonString { .. })
    ));
    // The JSON must come inside a string.
    assert!(serde_json::from_str::<JsonString>(r#"{"cpu": "4"}"#).is_err());
}

#[test]
fn json_string_from_a_value_encodes_it() {
    let value = JsonString::from_value(serde_json::json!({"cpu": "4"}));
    assert_eq!(value.as_str(), r#"{"cpu":"4"}"#);
    assert_eq!(
        serde_json::to_string(&value).unwrap(),
        r#""{\"cpu\":\"4\"}""#
    );
    assert_eq!(value.into_value()["cpu"], "4");
}

#[test]
fn big_int_from_the_wire() {
    // idle_timeout / max_vfolder_size (fixtures/wire/keypair_resource_policy_big.json and
    // keypair_resource_policies_default.json) and max_quota_scope_size (-1 in user policies).
    for (text, expected) in [
        ("4294967296.0", 4_294_967_296),
        ("8589934592.0", 8_589_934_592),
        ("3600", 3600),
        ("0", 0),
        ("-1", -1),
        ("-4294967296.0", -4_294_967_296),
    ] {
        let value: BigInt =
            serde_json::from_str(text).unwrap_or_else(|err| panic!("{text}: {err}"));
        assert_eq!(value.get(), expected, "{text}");
    }
    assert_eq!(
        serde_json::to_string(&BigInt::from(4_294_967_296)).unwrap(),
        "4294967296"
    );
}

#[test]
fn big_int_refuses_fractions_and_values_beyond_i64() {
    for text in [
        "1.5",
        "-0.25",
        "1e300",
        "9223372036854775808",
        "18446744073709551615",
        "\"42\"",
        "null",
    ] {
        assert!(serde_json::from_str::<BigInt>(text).is_err(), "{text}");
    }
    assert!(matches!(
        BigInt::try_from(f64::NAN),
        Err(ScalarError::BigInt { .. })
    ));
    assert!(matches!(
        BigInt::try_from(f64::INFINITY),
        Err(ScalarError::BigInt { .. })
    ));
    assert_eq!(
        BigInt::try_from(-9_223_372_036_854_775_808.0)
            .unwrap()
            .get(),
        i64::MIN
    );
}
