//! Parsers for argument values: each bad value is a usage error that says what is expected.

use backendai_fields::{keypair, Availability, FieldSpec, ResolveError};

/// A real boolean: `true/false`, `yes/no`, `1/0`, any case. (The Python CLI 23.09 turns
/// any non-empty text, `false` included, into true.)
pub fn parse_bool(text: &str) -> Result<bool, String> {
    match text.trim().to_ascii_lowercase().as_str() {
        "true" | "yes" | "1" => Ok(true),
        "false" | "no" | "0" => Ok(false),
        _ => Err("expected true/false, yes/no or 1/0".to_owned()),
    }
}

/// An access key: ASCII letters, digits, `-`, `_` or `.` (the manager's own keys are `AKIA`
/// and 16 capitals or digits). Anything else is refused locally, so that nothing is sent.
/// The length is left to the manager (a later release may issue longer keys): an unknown
/// key gets its "no matching keypair" answer.
pub fn parse_access_key(text: &str) -> Result<String, String> {
    if text.trim().is_empty() {
        return Err("the access key is empty".to_owned());
    }
    if let Some(bad) = text
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
    {
        return Err(format!(
            "an access key has only ASCII letters, digits, '-', '_' and '.', not {bad:?}"
        ));
    }
    Ok(text.to_owned())
}

/// Any text that is not blank (user ids, resource policies).
pub fn parse_non_empty(text: &str) -> Result<String, String> {
    if text.trim().is_empty() {
        Err("the value is empty".to_owned())
    } else {
        Ok(text.to_owned())
    }
}

/// Columns chosen with `--fields`, from the keypair field catalogue.
#[derive(Debug, Clone)]
pub struct FieldList(pub Vec<FieldSpec>);

/// `a,b,c`: names from the keypair catalogue (`alt_name` or `field_ref`). An unknown name,
/// or one that no manager has, is refused with the list of names that can be used.
pub fn parse_fields(text: &str) -> Result<FieldList, String> {
    let catalogue = keypair::fields();
    let usable = || -> Vec<&str> {
        catalogue
            .iter()
            .filter(|spec| spec.availability() != Availability::Unsupported)
            .map(FieldSpec::alt_name)
            .collect()
    };
    let unknown = |names: Vec<String>| {
        format!(
            "unknown field{} {}; known fields: {}",
            if names.len() == 1 { "" } else { "s" },
            names.join(", "),
            usable().join(", ")
        )
    };
    let fields = match catalogue.resolve(text) {
        Ok(fields) => fields,
        Err(ResolveError::Empty) => return Err("no field names given".to_owned()),
        Err(ResolveError::Unknown { unknown: names, .. }) => return Err(unknown(names)),
        Err(other) => return Err(other.to_string()),
    };
    let unsupported: Vec<String> = fields
        .iter()
        .filter(|spec| spec.availability() == Availability::Unsupported)
        .map(|spec| spec.alt_name().to_owned())
        .collect();
    if !unsupported.is_empty() {
        return Err(format!(
            "no manager has the field{} {}; known fields: {}",
            if unsupported.len() == 1 { "" } else { "s" },
            unsupported.join(", "),
            usable().join(", ")
        ));
    }
    Ok(FieldList(fields))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn booleans_are_real() {
        for yes in ["true", "TRUE", "Yes", "1", " yes "] {
            assert_eq!(parse_bool(yes), Ok(true), "{yes}");
        }
        for no in ["false", "False", "NO", "0"] {
            assert_eq!(parse_bool(no), Ok(false), "{no}");
        }
        for bad in ["maybe", "", "2", "t"] {
            assert!(parse_bool(bad).unwrap_err().contains("true/false"), "{bad}");
        }
    }

    #[test]
    fn access_keys() {
        assert_eq!(
            parse_access_key("AKIAADMINTESTKEY0001").as_deref(),
            Ok("AKIAADMINTESTKEY0001")
        );
        assert!(parse_access_key("").unwrap_err().contains("empty"));
        assert!(parse_access_key(" ").unwrap_err().contains("empty"));
        assert!(parse_access_key("AK IA").unwrap_err().contains("' '"));
        assert!(parse_access_key("AKIA\u{1b}[2J")
            .unwrap_err()
            .contains("\\u{1b}"));
        assert!(parse_access_key("한").is_err());
        assert!(parse_access_key("AKIA,AKIB").is_err());
    }

    #[test]
    fn non_empty() {
        assert_eq!(parse_non_empty("default").as_deref(), Ok("default"));
        assert!(parse_non_empty(" \t").is_err());
    }

    #[test]
    fn fields_come_from_the_catalogue() {
        let FieldList(fields) = parse_fields("access_key, user_info { full_name }").unwrap();
        let names: Vec<&str> = fields.iter().map(FieldSpec::alt_name).collect();
        assert_eq!(names, ["access_key", "full_name"]);
        let err = parse_fields("access_key,secret,nope").unwrap_err();
        assert!(
            err.starts_with("unknown fields secret, nope; known fields: "),
            "{err}"
        );
        assert!(err.contains("rate_limit"), "{err}");
        assert!(
            !err.contains("modified_at"),
            "only usable names are offered: {err}"
        );
        let err = parse_fields("access_key,modified_at").unwrap_err();
        assert!(
            err.starts_with("no manager has the field modified_at; known fields: "),
            "{err}"
        );
        assert_eq!(parse_fields(" , ").unwrap_err(), "no field names given");
    }
}
