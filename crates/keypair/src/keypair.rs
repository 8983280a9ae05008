//! [`KeyPair`]: one keypair as the manager returned it.

use std::fmt;

use backendai_fields::{FieldSpec, FieldValue, Record};
use backendai_schema::scalars::{DateTime, Uuid};
use backendai_schema::KeyPairFields;
use secrecy::SecretString;
use serde::Deserialize;
use serde_json::Value;

use crate::present::{debug_selected, json};

/// One keypair as the manager returned it: only the fields that were asked for.
///
/// Each accessor is `None` when its field was not selected or is `null`. For output, a
/// keypair is a [`Record`]: the renderers of `backendai_fields::render` read any chosen
/// field through its [`FieldSpec`].
///
/// The secret key is a [`SecretString`] from the moment it is decoded; `Debug` never shows
/// it, and the renderers show it only in the output they are asked to write.
///
/// ```
/// use backendai_keypair::KeyPair;
/// use secrecy::ExposeSecret;
///
/// let keypair = KeyPair::from_json(serde_json::json!({
///     "access_key": "AKIAIOSFODNN7EXAMPLE",
///     "secret_key": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
///     "is_active": true,
/// }))?;
/// assert_eq!(keypair.access_key(), Some("AKIAIOSFODNN7EXAMPLE"));
/// assert_eq!(keypair.is_active(), Some(true));
/// assert_eq!(keypair.is_admin(), None); // not selected
/// let secret = keypair.secret_key().expect("selected");
/// assert_eq!(secret.expose_secret(), "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
/// assert!(!format!("{keypair:?}").contains("EXAMPLEKEY"));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Deserialize)]
#[serde(from = "KeyPairFields")]
pub struct KeyPair {
    /// Every field but the secret key, which is taken out when decoded.
    fields: KeyPairFields,
    secret_key: Option<SecretString>,
}

impl KeyPair {
    /// A keypair from a JSON object (a `KeyPair` selection, as in a `raw_query` answer).
    pub fn from_json(value: Value) -> Result<KeyPair, serde_json::Error> {
        serde_json::from_value(value)
    }

    /// The access key.
    pub fn access_key(&self) -> Option<&str> {
        self.fields.access_key.as_deref()
    }

    /// The secret key.
    pub fn secret_key(&self) -> Option<&SecretString> {
        self.secret_key.as_ref()
    }

    /// The owner's email (the field is called `user_id` on the server).
    pub fn user_id(&self) -> Option<&str> {
        self.fields.user_id.as_deref()
    }

    /// The owner's UUID (`user`).
    pub fn user_uuid(&self) -> Option<&Uuid> {
        self.fields.user.as_ref()
    }

    /// The owner's full name (`user_info { full_name }`).
    pub fn full_name(&self) -> Option<&str> {
        self.fields
            .user_info
            .as_ref()
            .and_then(|info| info.full_name.as_deref())
    }

    /// Whether the key may be used.
    pub fn is_active(&self) -> Option<bool> {
        self.fields.is_active
    }

    /// Whether the key has admin rights.
    pub fn is_admin(&self) -> Option<bool> {
        self.fields.is_admin
    }

    /// The keypair resource policy's name.
    pub fn resource_policy(&self) -> Option<&str> {
        self.fields.resource_policy.as_deref()
    }

    /// Requests allowed per 900-second window.
    pub fn rate_limit(&self) -> Option<i64> {
        self.fields.rate_limit
    }

    /// When the key was created (with an offset).
    pub fn created_at(&self) -> Option<&DateTime> {
        self.fields.created_at.as_ref()
    }

    /// When the key was last used: on manager 23.09 the host's local time without an
    /// offset, on 26.9 with one (`+00:00`); [`DateTime`] keeps either as sent.
    pub fn last_used(&self) -> Option<&DateTime> {
        self.fields.last_used.as_ref()
    }

    /// Whether this is its user's default key (manager 26.9 and later, which refuse to
    /// deactivate or delete it). Requesting it from an older manager is refused before
    /// anything is sent.
    pub fn is_default(&self) -> Option<bool> {
        self.fields.is_default
    }

    /// Requests made with the key in the current 900-second rate-limit window (manager
    /// 24.09 and later; requesting it from an older manager is refused before sending).
    pub fn rolling_count(&self) -> Option<i64> {
        self.fields.rolling_count
    }

    /// The names of the owner's projects (`null` entries left out).
    pub fn projects(&self) -> Option<Vec<&str>> {
        self.fields
            .projects
            .as_ref()
            .map(|projects| projects.iter().filter_map(|p| p.as_deref()).collect())
    }

    /// Sessions running under the key.
    pub fn concurrency_used(&self) -> Option<i64> {
        self.fields.concurrency_used
    }

    /// Requests made with the key.
    pub fn num_queries(&self) -> Option<i64> {
        self.fields.num_queries
    }

    /// The public half of the key's SSH keypair.
    pub fn ssh_public_key(&self) -> Option<&str> {
        self.fields.ssh_public_key.as_deref()
    }
}

impl From<KeyPairFields> for KeyPair {
    /// Moves the secret key into its wrapper; nothing is copied.
    fn from(mut fields: KeyPairFields) -> KeyPair {
        let secret_key = fields.secret_key.take().map(SecretString::from);
        KeyPair { fields, secret_key }
    }
}

impl Record for KeyPair {
    /// The value of a catalogued field by its response key (`field_name`), `null` when it
    /// was not selected; `None` for a field a keypair does not have.
    fn field(&self, spec: &FieldSpec) -> Option<FieldValue<'_>> {
        let f = &self.fields;
        let value = match spec.field_name() {
            "secret_key" => {
                return Some(
                    self.secret_key
                        .as_ref()
                        .map_or(FieldValue::NULL, FieldValue::Secret),
                )
            }
            "id" => json(&f.id),
            "user_id" => json(&f.user_id),
            "user" => json(&f.user),
            "user_info" => json(&f.user_info),
            "projects" => json(&f.projects),
            "access_key" => json(&f.access_key),
            "is_active" => json(&f.is_active),
            "is_admin" => json(&f.is_admin),
            "created_at" => json(&f.created_at),
            "last_used" => json(&f.last_used),
            "resource_policy" => json(&f.resource_policy),
            "rate_limit" => json(&f.rate_limit),
            "num_queries" => json(&f.num_queries),
            "concurrency_used" => json(&f.concurrency_used),
            "ssh_public_key" => json(&f.ssh_public_key),
            "rolling_count" => json(&f.rolling_count),
            "is_default" => json(&f.is_default),
            _ => return None,
        };
        Some(value)
    }
}

impl fmt::Debug for KeyPair {
    /// The selected fields, with the secret key redacted.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = f.debug_map();
        debug_selected(&mut out, &self.fields);
        if self.secret_key.is_some() {
            out.entry(&"secret_key", &format_args!("** redacted **"));
        }
        out.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use backendai_fields::keypair::fields;
    use secrecy::ExposeSecret;
    use serde_json::json;

    const SECRET: &str = "user-secret-key-for-local-testing-000001";

    fn full() -> KeyPair {
        KeyPair::from_json(json!({
            "user_id": "user@bai.test",
            "user": "f38dea23-50fa-42a0-b5ae-338f5f4693f4",
            "user_info": {"full_name": "User Kim"},
            "projects": ["default", null, "ml"],
            "access_key": "AKIAUSERTESTKEY00001",
            "secret_key": SECRET,
            "is_active": true,
            "is_admin": false,
            "created_at": "2024-03-27T02:42:18.123456+00:00",
            "last_used": "2024-03-28T09:00:00.512345",
            "resource_policy": "default",
            "rate_limit": 30000,
            "num_queries": 12,
            "concurrency_used": 0,
            "ssh_public_key": "ssh-rsa AAAA",
            "rolling_count": 3,
            "is_default": true,
        }))
        .unwrap()
    }

    #[test]
    fn typed_accessors_read_every_field() {
        let kp = full();
        assert_eq!(kp.user_id(), Some("user@bai.test"));
        assert!(kp.user_uuid().is_some());
        assert_eq!(kp.full_name(), Some("User Kim"));
        assert_eq!(kp.projects(), Some(vec!["default", "ml"]));
        assert_eq!(kp.access_key(), Some("AKIAUSERTESTKEY00001"));
        assert_eq!(kp.secret_key().map(|s| s.expose_secret()), Some(SECRET));
        assert_eq!((kp.is_active(), kp.is_admin()), (Some(true), Some(false)));
        assert_eq!(
            kp.created_at().map(DateTime::as_str),
            Some("2024-03-27T02:42:18.123456+00:00")
        );
        assert_eq!(
            kp.last_used().map(DateTime::as_str),
            Some("2024-03-28T09:00:00.512345")
        );
        assert_eq!(kp.resource_policy(), Some("default"));
        assert_eq!(kp.rate_limit(), Some(30000));
        assert_eq!(kp.num_queries(), Some(12));
        assert_eq!(kp.concurrency_used(), Some(0));
        assert_eq!(kp.ssh_public_key(), Some("ssh-rsa AAAA"));
        assert_eq!((kp.rolling_count(), kp.is_default()), (Some(3), Some(true)));
    }

    #[test]
    fn last_used_decodes_with_and_without_an_offset() {
        // 23.09 sends the host's local time bare; 26.9 adds `+00:00`.
        for (text, has_offset) in [
            ("2024-03-28T09:00:00.512345", false),
            ("2026-05-01T12:34:56.789012+00:00", true),
        ] {
            let kp = KeyPair::from_json(json!({"last_used": text})).unwrap();
            let last_used = kp.last_used().unwrap();
            assert_eq!(last_used.as_str(), text);
            assert_eq!(
                last_used.to_offset_date_time().is_some(),
                has_offset,
                "{text}"
            );
        }
    }

    #[test]
    fn unselected_and_null_fields_are_none() {
        let kp = KeyPair::from_json(json!({"access_key": "AKIA1", "rate_limit": null})).unwrap();
        assert_eq!(kp.rate_limit(), None);
        assert_eq!((kp.is_default(), kp.rolling_count()), (None, None));
        assert!(kp.secret_key().is_none());
        assert_eq!(kp.full_name(), None);
        let rate_limit = fields().get("rate_limit").unwrap();
        assert_eq!(kp.format_console(rate_limit), "(null)");
        assert_eq!(kp.format_json(rate_limit), Some(Value::Null));
        assert_eq!(
            kp.format_json(fields().get("secret_key").unwrap()),
            Some(Value::Null)
        );
    }

    #[test]
    fn every_catalogued_field_is_a_record_field_with_its_value() {
        let kp = full();
        let expected = json!({
            "user_id": "user@bai.test",
            "full_name": "User Kim",
            "projects": ["default", null, "ml"],
            "access_key": "AKIAUSERTESTKEY00001",
            "secret_key": SECRET,
            "is_active": true,
            "is_admin": false,
            "created_at": "2024-03-27T02:42:18.123456+00:00",
            "last_used": "2024-03-28T09:00:00.512345",
            "resource_policy": "default",
            "rate_limit": 30000,
            "concurrency_used": 0,
            "ssh_public_key": "ssh-rsa AAAA",
            "num_queries": 12,
            "id": null,
            "user": "f38dea23-50fa-42a0-b5ae-338f5f4693f4",
            "rolling_count": 3,
            "is_default": true,
        });
        for spec in fields() {
            let unsupported = spec.availability() == backendai_fields::Availability::Unsupported;
            let value = kp.format_json(spec);
            if unsupported {
                assert_eq!(value, None, "{}", spec.alt_name());
            } else {
                assert_eq!(
                    value.as_ref(),
                    Some(&expected[spec.alt_name()]),
                    "{}",
                    spec.alt_name()
                );
            }
        }
        assert_eq!(
            kp.format_console(fields().get("full_name").unwrap()),
            "User Kim"
        );
        assert_eq!(
            kp.format_console(fields().get("secret_key").unwrap()),
            SECRET
        );
    }

    #[test]
    fn debug_redacts_the_secret() {
        let shown = format!("{:?}", full());
        assert!(shown.contains("AKIAUSERTESTKEY00001"), "{shown}");
        assert!(shown.contains("secret_key"), "{shown}");
        assert!(!shown.contains(SECRET), "{shown}");
        let shown = format!("{:#?}", full());
        assert!(!shown.contains(SECRET), "{shown}");
    }

    #[test]
    fn wrong_types_fail_to_decode() {
        assert!(KeyPair::from_json(json!({"rate_limit": "many"})).is_err());
        assert!(KeyPair::from_json(json!({"is_default": "yes"})).is_err());
        assert!(KeyPair::from_json(json!(["not", "an", "object"])).is_err());
    }
}
