//! The custom scalars read any text without panicking: what they accept they keep exactly,
//! and every value they can hold reads back the same.

use backendai_schema::scalars::{BigInt, DateTime, JsonString, Timestamp, Uuid};
use proptest::prelude::*;
use serde_json::Value;
use time::{Date, Month, PrimitiveDateTime, Time, UtcOffset};

/// 2^63, the first float beyond `i64`.
const I64_END: f64 = 9_223_372_036_854_775_808.0;

/// Text near each scalar's form: digits, separators and the odd wrong character.
fn scalar_like() -> impl Strategy<Value = String> {
    prop_oneof![
        ".{0,40}",
        "[0-9]{1,5}-[0-9]{1,3}-[0-9]{1,3}T[0-9]{1,3}:[0-9]{1,3}:[0-9]{1,3}(\\.[0-9]{0,12})?([Zz]|[+-][0-9]{1,2}:[0-9]{1,2}(:[0-9]{1,2})?)?",
        "[0-9a-fA-FxX-]{30,40}",
        "[\\[\\]{}\",:0-9a-z. -]{0,30}",
    ]
}

fn any_datetime() -> impl Strategy<Value = PrimitiveDateTime> {
    (
        1i32..=9999,
        1u8..=12,
        1u8..=28,
        0u8..24,
        0u8..60,
        0u8..60,
        0u32..1_000_000,
    )
        .prop_map(|(year, month, day, hour, minute, second, micros)| {
            let date =
                Date::from_calendar_date(year, Month::try_from(month).unwrap(), day).unwrap();
            let time = Time::from_hms_micro(hour, minute, second, micros).unwrap();
            PrimitiveDateTime::new(date, time)
        })
}

/// `isoformat()` as Python writes it: the fraction only when there is one.
fn isoformat(value: PrimitiveDateTime) -> String {
    let (date, time) = (value.date(), value.time());
    let mut text = format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
        date.year(),
        u8::from(date.month()),
        date.day(),
        time.hour(),
        time.minute(),
        time.second()
    );
    if time.microsecond() != 0 {
        text.push_str(&format!(".{:06}", time.microsecond()));
    }
    text
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_text_is_a_date_time_kept_verbatim_or_a_typed_error(text in scalar_like()) {
        if let Ok(value) = DateTime::parse(&text) {
            prop_assert_eq!(value.as_str(), text.as_str());
            prop_assert_eq!(value.to_string(), text.clone());
            let reparsed: DateTime = serde_json::from_value(Value::from(text)).unwrap();
            prop_assert_eq!(reparsed, value);
        }
    }

    #[test]
    fn every_isoformat_date_time_reads_back_to_its_value(
        local in any_datetime(),
        offset_minutes in prop::option::of(-23 * 60i16..=23 * 60),
    ) {
        match offset_minutes {
            None => {
                let value = DateTime::parse(&isoformat(local)).unwrap();
                prop_assert_eq!(value.timestamp(), Timestamp::Naive(local));
            }
            Some(minutes) => {
                let offset = UtcOffset::from_whole_seconds(i32::from(minutes) * 60).unwrap();
                let (hours, rest) = (minutes.abs() / 60, minutes.abs() % 60);
                let sign = if minutes < 0 { '-' } else { '+' };
                let text = format!("{}{sign}{hours:02}:{rest:02}", isoformat(local));
                let value = DateTime::parse(&text).unwrap();
                prop_assert_eq!(value.to_offset_date_time(), Some(local.assume_offset(offset)));
            }
        }
    }

    #[test]
    fn any_text_is_a_uuid_or_a_typed_error(text in scalar_like()) {
        if let Ok(value) = Uuid::parse(&text) {
            prop_assert_eq!(value.to_string(), text.to_ascii_lowercase());
        }
    }

    #[test]
    fn every_uuid_reads_back_from_its_text_in_either_case(bytes in any::<[u8; 16]>()) {
        let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        let text = format!("{}-{}-{}-{}-{}", &hex[..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..]);
        let value = Uuid::parse(&text).unwrap();
        prop_assert_eq!(value.as_bytes(), &bytes);
        prop_assert_eq!(value.to_string(), text.clone());
        prop_assert_eq!(Uuid::parse(&text.to_ascii_uppercase()).unwrap(), value);
    }

    #[test]
    fn a_json_string_accepts_exactly_what_json_accepts(text in scalar_like()) {
        let parsed = JsonString::parse(&text);
        prop_assert_eq!(parsed.is_ok(), serde_json::from_str::<Value>(&text).is_ok());
        if let Ok(value) = parsed {
            prop_assert_eq!(value.as_str(), text.as_str());
        }
    }

    #[test]
    fn a_big_int_is_any_i64_or_whole_float_in_range_and_nothing_else(
        value in prop_oneof![
            any::<i64>().prop_map(Value::from),
            any::<u64>().prop_map(Value::from),
            any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(Value::from),
            (-(1i64 << 53)..(1i64 << 53)).prop_map(|n| Value::from(n as f64)),
            ".{0,6}".prop_map(Value::from),
            Just(Value::Null),
        ],
    ) {
        let decoded = serde_json::from_value::<BigInt>(value.clone());
        let expected = if let Some(n) = value.as_i64() {
            Some(n)
        } else if value.is_u64() {
            None // beyond i64
        } else {
            value
                .as_f64()
                .filter(|f| f.fract() == 0.0 && (-I64_END..I64_END).contains(f))
                .map(|f| f as i64)
        };
        prop_assert_eq!(decoded.ok().map(BigInt::get), expected);
    }
}
