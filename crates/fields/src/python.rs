//! Text forms that match what the Python SDK prints, so output stays byte-compatible.

use serde_json::{Number, Value};

/// Python's `repr(float)`: the shortest round-trip digits, fixed notation for
/// decimal exponents -4..16, otherwise `1e+16` / `1.5e-05`.
pub(crate) fn float_repr(x: f64) -> String {
    if x.is_nan() {
        return "nan".to_owned();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf" } else { "-inf" }.to_owned();
    }
    if x == 0.0 {
        return if x.is_sign_negative() { "-0.0" } else { "0.0" }.to_owned();
    }
    // `{:e}` gives the shortest round-trip digits, e.g. "-1.2345e-5".
    let scientific = format!("{x:e}");
    let Some((mantissa, exponent)) = scientific.split_once('e') else {
        return scientific;
    };
    let Ok(exponent) = exponent.parse::<i32>() else {
        return scientific;
    };
    let (sign, mantissa) = match mantissa.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", mantissa),
    };
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let mut out = String::from(sign);
    if (-4..16).contains(&exponent) {
        // Position of the decimal point, counted in digits from the left.
        let point = exponent + 1;
        if point <= 0 {
            out.push_str("0.");
            out.push_str(&"0".repeat(point.unsigned_abs() as usize));
            out.push_str(&digits);
        } else {
            let point = point as usize;
            if point >= digits.len() {
                out.push_str(&digits);
                out.push_str(&"0".repeat(point - digits.len()));
                out.push_str(".0");
            } else {
                out.push_str(&digits[..point]);
                out.push('.');
                out.push_str(&digits[point..]);
            }
        }
    } else {
        out.push_str(&digits[..1]);
        if digits.len() > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        let exp_sign = if exponent < 0 { '-' } else { '+' };
        out.push_str(&format!("e{exp_sign}{:02}", exponent.unsigned_abs()));
    }
    out
}

/// A JSON number as Python's `str()` prints it after `json.loads`.
pub(crate) fn number_str(n: &Number) -> String {
    if let Some(i) = n.as_i64() {
        i.to_string()
    } else if let Some(u) = n.as_u64() {
        u.to_string()
    } else {
        n.as_f64().map(float_repr).unwrap_or_else(|| n.to_string())
    }
}

/// Python's `str()` of a decoded JSON scalar; containers fall back to JSON text.
pub(crate) fn scalar_str(value: &Value) -> String {
    match value {
        Value::Null => "None".to_owned(),
        Value::Bool(true) => "True".to_owned(),
        Value::Bool(false) => "False".to_owned(),
        Value::Number(n) => number_str(n),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Python's truthiness of a decoded JSON value.
pub(crate) fn is_truthy(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|x| x != 0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(items) => !items.is_empty(),
        Value::Object(map) => !map.is_empty(),
    }
}

/// Python's `round(x, 1)`: correctly rounded, ties to even on the exact binary value.
pub(crate) fn round1(x: f64) -> f64 {
    format!("{x:.1}").parse().unwrap_or(x)
}

/// Python's `float(value)` for a JSON number or a numeric string, if finite.
pub(crate) fn as_float(value: &Value) -> Option<f64> {
    let x = match value {
        Value::Number(n) => n.as_f64()?,
        Value::String(s) => s.trim().parse::<f64>().ok()?,
        _ => return None,
    };
    x.is_finite().then_some(x)
}

/// `humanize.naturalsize(value, binary=True, gnu=True)` (humanize 4.9): `512B`, `1.0K`, `512.0M`.
pub(crate) fn natural_size(bytes: f64) -> String {
    const BASE: f64 = 1024.0;
    const SUFFIXES: [char; 8] = ['K', 'M', 'G', 'T', 'P', 'E', 'Z', 'Y'];
    let magnitude = bytes.abs();
    if magnitude < BASE {
        // Python's "%d" truncates toward zero.
        return format!("{}B", bytes.trunc() as i64);
    }
    let mut unit = BASE;
    let mut suffix = 'Y';
    for s in SUFFIXES {
        unit *= BASE;
        suffix = s;
        if magnitude < unit {
            break;
        }
    }
    format!("{:.1}{suffix}", BASE * bytes / unit)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn floats_print_like_python_repr() {
        // Expected values from CPython 3.11 `repr()`.
        let cases = [
            (1.0, "1.0"),
            (-2.5, "-2.5"),
            (0.1, "0.1"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (1.5e-7, "1.5e-07"),
            (123456789012345.6, "123456789012345.6"),
            (1e15, "1000000000000000.0"),
            (1e16, "1e+16"),
            (1.2345678901234567e20, "1.2345678901234567e+20"),
            (1073741824.0, "1073741824.0"),
            (5e-324, "5e-324"),
            (1.7976931348623157e308, "1.7976931348623157e+308"),
            (-0.0, "-0.0"),
            (0.0, "0.0"),
            (f64::INFINITY, "inf"),
            (f64::NEG_INFINITY, "-inf"),
            (f64::NAN, "nan"),
        ];
        for (x, want) in cases {
            assert_eq!(float_repr(x), want, "repr({x:?})");
        }
    }

    #[test]
    fn numbers_keep_integers_exact() {
        let n = |v: Value| match v {
            Value::Number(n) => number_str(&n),
            _ => unreachable!(),
        };
        assert_eq!(n(json!(10000)), "10000");
        assert_eq!(n(json!(-3)), "-3");
        assert_eq!(n(json!(u64::MAX)), "18446744073709551615");
        assert_eq!(n(json!(2.0)), "2.0");
    }

    #[test]
    fn round1_ties_to_even_on_the_exact_value() {
        // CPython: round(0.25, 1) == 0.2, round(0.35, 1) == 0.3 (0.35 is below .35),
        // round(0.45, 1) == 0.5 (0.45 is above .45), round(2.675, 1) == 2.7.
        assert_eq!(round1(0.25), 0.2);
        assert_eq!(round1(0.75), 0.8);
        assert_eq!(round1(0.35), 0.3);
        assert_eq!(round1(0.45), 0.5);
        assert_eq!(round1(2.675), 2.7);
        assert_eq!(round1(1.0), 1.0);
        assert_eq!(round1(-1.25), -1.2);
    }

    #[test]
    fn natural_sizes_match_humanize_gnu() {
        // Expected values from humanize 4.9.0 `naturalsize(v, binary=True, gnu=True)`.
        let cases = [
            (0.0, "0B"),
            (1.0, "1B"),
            (1.5, "1B"),
            (-0.5, "0B"),
            (512.0, "512B"),
            (1023.0, "1023B"),
            (1024.0, "1.0K"),
            (1536.0, "1.5K"),
            (3000.0, "2.9K"),
            (536870912.0, "512.0M"),
            (1073741824.0, "1.0G"),
            (-2048.0, "-2.0K"),
            (1e30, "827180.6Y"),
            (1208925819614629174706176.0, "1.0Y"),
        ];
        for (bytes, want) in cases {
            assert_eq!(natural_size(bytes), want, "naturalsize({bytes})");
        }
    }

    #[test]
    fn floats_come_from_numbers_and_numeric_strings() {
        assert_eq!(as_float(&json!(1024)), Some(1024.0));
        assert_eq!(as_float(&json!(" 2048 ")), Some(2048.0));
        assert_eq!(as_float(&json!("1.5e3")), Some(1500.0));
        assert_eq!(as_float(&json!("inf")), None);
        assert_eq!(as_float(&json!("lots")), None);
        assert_eq!(as_float(&json!(null)), None);
        assert_eq!(as_float(&json!([1])), None);
    }
}
