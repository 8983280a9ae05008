//! [`KeyPair`]: one keypair as the manager returned it.

use std::fmt;

use backendai_fields::{FieldSpec, Item};
use backendai_schema::scalars::{DateTime, Uuid};
use backendai_schema::{KeyPairFields, Selected};
use secrecy::SecretString;
use serde_json::Value;

/// One keypair as the manager returned it: only the fields that were asked for.
///
/// Each typed accessor is `None` when its field was not selected or is `null`. Any chosen
/// field can also be read raw through its [`FieldSpec`] ([`KeyPair::get`]), and the whole
/// object rendered through [`KeyPair::item`].
///
/// The secret key is a [`SecretString`]; `Debug` never shows it.
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
#[derive(Clone)]
pub struct KeyPair {
    item: Item,
    typed: KeyPairFields,
    secret_key: Option<SecretString>,
}

impl KeyPair {
    /// A keypair from a response object (a `KeyPair` selection).
    pub fn from_json(value: Value) -> Result<KeyPair, serde_json::Error> {
        match value {
            // Kept as it is: `from_value` would rebuild the object key by key.
            Value::Object(object) => Selected::<KeyPairFields>::from_object(object),
            other => serde_json::from_value(other),
        }
        .map(KeyPair::from)
    }

    /// The access key.
    pub fn access_key(&self) -> Option<&str> {
        self.typed.access_key.as_deref()
    }

    /// The secret key.
    pub fn secret_key(&self) -> Option<&SecretString> {
        self.secret_key.as_ref()
    }

    /// The owner's email (the field is called `user_id` on the server).
    pub fn user_id(&self) -> Option<&str> {
        self.typed.user_id.as_deref()
    }

    /// The owner's UUID (`user`).
    pub fn user_uuid(&self) -> Option<&Uuid> {
        self.typed.user.as_ref()
    }

    /// The owner's full name: `user_info { full_name }`, or the top-level `full_name`.
    pub fn full_name(&self) -> Option<&str> {
        self.typed
            .user_info
            .as_ref()
            .and_then(|info| info.full_name.as_deref())
            .or(self.typed.full_name.as_deref())
    }

    /// Whether the key may be used.
    pub fn is_active(&self) -> Option<bool> {
        self.typed.is_active
    }

    /// Whether the key has admin rights.
    pub fn is_admin(&self) -> Option<bool> {
        self.typed.is_admin
    }

    /// The keypair resource policy's name.
    pub fn resource_policy(&self) -> Option<&str> {
        self.typed.resource_policy.as_deref()
    }

    /// Requests allowed per 900-second window.
    pub fn rate_limit(&self) -> Option<i64> {
        self.typed.rate_limit
    }

    /// When the key was created (with an offset).
    pub fn created_at(&self) -> Option<&DateTime> {
        self.typed.created_at.as_ref()
    }

    /// When the key was last used: on manager 23.09 the host's local time without an
    /// offset, on 26.9 with one (`+00:00`); [`DateTime`] keeps either as sent.
    pub fn last_used(&self) -> Option<&DateTime> {
        self.typed.last_used.as_ref()
    }

    /// Whether this is its user's default key (manager 26.9 and later, which refuse to
    /// deactivate or delete it). Requesting it from an older manager is refused before
    /// anything is sent.
    pub fn is_default(&self) -> Option<bool> {
        self.typed.is_default
    }

    /// Requests made with the key in the current 900-second rate-limit window (manager
    /// 24.09 and later; requesting it from an older manager is refused before sending).
    pub fn rolling_count(&self) -> Option<i64> {
        self.typed.rolling_count
    }

    /// The names of the owner's projects (`null` entries left out).
    pub fn projects(&self) -> Option<Vec<&str>> {
        self.typed
            .projects
            .as_ref()
            .map(|projects| projects.iter().filter_map(|p| p.as_deref()).collect())
    }

    /// Sessions running under the key.
    pub fn concurrency_used(&self) -> Option<i64> {
        self.typed.concurrency_used
    }

    /// Requests made with the key.
    pub fn num_queries(&self) -> Option<i64> {
        self.typed.num_queries
    }

    /// The public half of the key's SSH keypair.
    pub fn ssh_public_key(&self) -> Option<&str> {
        self.typed.ssh_public_key.as_deref()
    }

    /// The raw value of a chosen field, by its spec; `None` when it was not selected.
    pub fn get(&self, spec: &FieldSpec) -> Option<&Value> {
        self.item.get(spec)
    }

    /// The object as the server sent it, for rendering. It holds the secret key when that
    /// was selected.
    pub fn item(&self) -> &Item {
        &self.item
    }

    /// The object as the server sent it, by value.
    pub fn into_item(self) -> Item {
        self.item
    }
}

impl From<Selected<KeyPairFields>> for KeyPair {
    fn from(selected: Selected<KeyPairFields>) -> KeyPair {
        let (raw, mut typed) = selected.into_parts();
        let secret_key = typed.secret_key.take().map(SecretString::from);
        KeyPair {
            item: Item::new(raw),
            typed,
            secret_key,
        }
    }
}

impl fmt::Debug for KeyPair {
    /// The object with secret values redacted.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("KeyPair").field(&self.item).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
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
        assert_eq!(kp.secret_key().map(|s| s.expose_secret().len()), None);
        assert_eq!(kp.full_name(), None);
        let spec = backendai_fields::keypair::fields()
            .get("rate_limit")
            .unwrap();
        assert_eq!(kp.get(spec), Some(&Value::Null));
        let missing = backendai_fields::keypair::fields().get("is_admin").unwrap();
        assert_eq!(kp.get(missing), None);
    }

    #[test]
    fn top_level_full_name_is_a_fallback() {
        let kp = KeyPair::from_json(json!({"full_name": "Top"})).unwrap();
        assert_eq!(kp.full_name(), Some("Top"));
    }

    #[test]
    fn the_item_keeps_server_order_and_the_secret_for_rendering() {
        let kp = full();
        let keys: Vec<&str> = kp.item().as_map().keys().map(String::as_str).collect();
        assert_eq!(&keys[..3], ["user_id", "user", "user_info"]);
        let spec = backendai_fields::keypair::fields()
            .get("secret_key")
            .unwrap();
        assert_eq!(kp.item().format_console(spec), SECRET);
    }

    #[test]
    fn debug_redacts_the_secret() {
        let shown = format!("{:?}", full());
        assert!(shown.contains("AKIAUSERTESTKEY00001"), "{shown}");
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
