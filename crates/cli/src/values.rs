//! Parsers for argument values: each bad value is a usage error that says what is expected.

use std::path::PathBuf;

use backendai_fields::{keypair, Availability, FieldSpec, ResolveError};
use backendai_keypair::v2::{KeypairOrderField, OrderDirection, Uuid};
use backendai_keypair::SecretString;

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

/// One `--order-by` of a v2 search.
#[derive(Debug, Clone, PartialEq)]
pub struct Order {
    /// What is compared.
    pub field: KeypairOrderField,
    /// Which way.
    pub direction: OrderDirection,
}

/// The fields a v2 search can be ordered by, as they are typed.
const ORDER_FIELDS: [(&str, KeypairOrderField); 6] = [
    ("created_at", KeypairOrderField::CreatedAt),
    ("last_used", KeypairOrderField::LastUsed),
    ("access_key", KeypairOrderField::AccessKey),
    ("is_active", KeypairOrderField::IsActive),
    ("is_default", KeypairOrderField::IsDefault),
    ("resource_policy", KeypairOrderField::ResourcePolicy),
];

/// `FIELD` or `FIELD:asc|desc`, any case; ascending when not said, as in the Python CLI.
pub fn parse_order(text: &str) -> Result<Order, String> {
    let lower = text.trim().to_ascii_lowercase();
    let (name, direction) = lower.split_once(':').unwrap_or((&lower, "asc"));
    let direction = match direction {
        "asc" => OrderDirection::Asc,
        "desc" => OrderDirection::Desc,
        _ => return Err(format!("the direction is asc or desc, not {direction:?}")),
    };
    let field = ORDER_FIELDS
        .iter()
        .find(|(known, _)| *known == name)
        .map(|(_, field)| field.clone())
        .ok_or_else(|| {
            let names: Vec<&str> = ORDER_FIELDS.iter().map(|(known, _)| *known).collect();
            format!("the field is one of {}", names.join(", "))
        })?;
    Ok(Order { field, direction })
}

/// A UUID in its hyphenated form (a user's, as `v2 my keypair search` shows it).
pub fn parse_uuid(text: &str) -> Result<Uuid, String> {
    text.trim()
        .parse()
        .map_err(|_| "expected a UUID such as f38dea23-50fa-42a0-b5ae-338f5f4693f4".to_owned())
}

/// A key read from a file named on the command line.
#[derive(Debug, Clone)]
pub struct KeyFile<T> {
    /// The file.
    pub path: PathBuf,
    /// What it holds.
    pub text: T,
}

/// The text of a file, which must not be blank. The error names the file and why it
/// cannot be used, never what it holds.
fn read_key_file(path: &str) -> Result<(PathBuf, String), String> {
    let path = PathBuf::from(path);
    let text = std::fs::read_to_string(&path).map_err(|e| format!("cannot read it: {e}"))?;
    if text.trim().is_empty() {
        return Err("the file is empty".to_owned());
    }
    Ok((path, text))
}

/// An SSH public key file.
pub fn parse_public_key_file(path: &str) -> Result<KeyFile<String>, String> {
    let (path, text) = read_key_file(path)?;
    Ok(KeyFile { path, text })
}

/// An SSH private key file, kept secret from here on.
pub fn parse_private_key_file(path: &str) -> Result<KeyFile<SecretString>, String> {
    let (path, text) = read_key_file(path)?;
    Ok(KeyFile {
        path,
        text: SecretString::from(text),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn orders_are_a_field_and_an_optional_direction() {
        let order = parse_order("access_key").unwrap();
        assert_eq!(
            (order.field, order.direction),
            (KeypairOrderField::AccessKey, OrderDirection::Asc)
        );
        let order = parse_order("Created_At:DESC").unwrap();
        assert_eq!(
            (order.field, order.direction),
            (KeypairOrderField::CreatedAt, OrderDirection::Desc)
        );
        assert!(parse_order("name").unwrap_err().contains("resource_policy"));
        assert!(parse_order("last_used:up")
            .unwrap_err()
            .contains("asc or desc"));
    }

    #[test]
    fn uuids() {
        let id = parse_uuid(" F38DEA23-50FA-42A0-B5AE-338F5F4693F4 ").unwrap();
        assert_eq!(id.to_string(), "f38dea23-50fa-42a0-b5ae-338f5f4693f4");
        assert!(parse_uuid("user2@bai.test").unwrap_err().contains("UUID"));
    }

    #[test]
    fn key_files_must_be_readable_and_not_blank() {
        let missing = parse_public_key_file("/nonexistent/backend-ai/id.pub").unwrap_err();
        assert!(missing.starts_with("cannot read it: "), "{missing}");
        let blank = std::env::temp_dir().join(format!("backend-ai-blank-{}", std::process::id()));
        std::fs::write(&blank, " \n").unwrap();
        let err = parse_private_key_file(blank.to_str().unwrap()).unwrap_err();
        std::fs::remove_file(&blank).unwrap();
        assert_eq!(err, "the file is empty");
    }

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
