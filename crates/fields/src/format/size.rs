use serde_json::{Number, Value};

use super::{DefaultFormatter, OutputFormatter};
use crate::python;

/// Shows a byte count in MiB, rounded to one decimal like Python's
/// `round(v / 2**20, 1)` (`MiBytesOutputFormatter`), in both console and JSON.
///
/// A value that is not a number is shown with the default forms (Python raises).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MiBytesFormatter;

impl MiBytesFormatter {
    fn mebibytes(value: &Value) -> Value {
        match python::as_float(value) {
            Some(bytes) if !value.is_string() => {
                Number::from_f64(python::round1(bytes / 1048576.0))
                    .map(Value::Number)
                    .unwrap_or_else(|| value.clone())
            }
            _ => value.clone(),
        }
    }
}

impl OutputFormatter for MiBytesFormatter {
    fn format_console(&self, value: &Value) -> String {
        DefaultFormatter.format_console(&Self::mebibytes(value))
    }

    fn format_json(&self, value: &Value) -> Value {
        DefaultFormatter.format_json(&Self::mebibytes(value))
    }
}

/// Shows a byte count humanized with GNU suffixes, `512B`, `1.0K`, `512.0M`
/// (Python's `SizeBytesOutputFormatter`, `humanize.naturalsize(binary=True, gnu=True)`),
/// in both console and JSON. Numeric strings count as numbers; other values use the
/// default forms (Python raises).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SizeBytesFormatter;

impl SizeBytesFormatter {
    fn humanized(value: &Value) -> Value {
        match python::as_float(value) {
            Some(bytes) => Value::String(python::natural_size(bytes)),
            None => value.clone(),
        }
    }
}

impl OutputFormatter for SizeBytesFormatter {
    fn format_console(&self, value: &Value) -> String {
        DefaultFormatter.format_console(&Self::humanized(value))
    }

    fn format_json(&self, value: &Value) -> Value {
        DefaultFormatter.format_json(&Self::humanized(value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn mebibytes_round_to_one_decimal() {
        let f = MiBytesFormatter;
        assert_eq!(f.format_console(&json!(1048576)), "1.0");
        assert_eq!(f.format_console(&json!(1572864)), "1.5");
        assert_eq!(f.format_console(&json!(0)), "0.0");
        // 0.25 MiB is an exact tie: Python rounds it to even.
        assert_eq!(f.format_console(&json!(262144)), "0.2");
        assert_eq!(f.format_console(&json!(17179869184.0)), "16384.0");
        assert_eq!(f.format_json(&json!(1572864)), json!(1.5));
    }

    #[test]
    fn mebibytes_leave_non_numbers_alone() {
        let f = MiBytesFormatter;
        assert_eq!(f.format_console(&json!(null)), "(null)");
        assert_eq!(f.format_json(&json!(null)), Value::Null);
        assert_eq!(f.format_console(&json!("1048576")), "1048576");
    }

    #[test]
    fn sizes_are_humanized() {
        let f = SizeBytesFormatter;
        assert_eq!(f.format_console(&json!(512)), "512B");
        assert_eq!(f.format_console(&json!(1024)), "1.0K");
        assert_eq!(f.format_console(&json!(536870912)), "512.0M");
        assert_eq!(f.format_console(&json!("1073741824")), "1.0G");
        assert_eq!(f.format_json(&json!(1024)), json!("1.0K"));
    }

    #[test]
    fn sizes_leave_non_numbers_alone() {
        let f = SizeBytesFormatter;
        assert_eq!(f.format_console(&json!(null)), "(null)");
        assert_eq!(f.format_json(&json!(null)), Value::Null);
        assert_eq!(f.format_console(&json!("unlimited")), "unlimited");
    }
}
