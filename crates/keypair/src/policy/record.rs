//! [`ResourcePolicy`]: one keypair resource policy as the manager returned it.

use backendai_fields::{FieldSpec, FieldValue, Record};
use backendai_schema::scalars::{DateTime, JsonString};
use backendai_schema::KeyPairResourcePolicyFields;
use serde::Deserialize;
use serde_json::Value;

// A `JSONString` field goes to the renderers as the string the manager sent, as the Python
// CLI shows it.
use crate::present::{debug_selected, json};

/// One keypair resource policy: only the fields that were asked for.
///
/// Each accessor is `None` when its field was not selected, is `null`, or (for the
/// fields that manager 23.09 lacks) does not exist on the manager. For output, a policy is
/// a [`Record`], read by the renderers of `backendai_fields::render`.
///
/// ```
/// use backendai_keypair::policy::ResourcePolicy;
///
/// let policy = ResourcePolicy::from_json(serde_json::json!({
///     "name": "gold",
///     "idle_timeout": 1800,
///     "total_resource_slots": "{\"cpu\": \"4\"}",
/// }))?;
/// assert_eq!(policy.name(), Some("gold"));
/// assert_eq!(policy.idle_timeout(), Some(1800));
/// assert_eq!(policy.total_resource_slots().map(|s| &s.value()["cpu"]), Some(&"4".into()));
/// assert_eq!(policy.max_concurrent_sessions(), None); // not selected
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(from = "KeyPairResourcePolicyFields")]
pub struct ResourcePolicy {
    fields: Fields,
}

/// The generated fields, with a `Debug` (the generated type has none).
#[derive(Clone, PartialEq)]
struct Fields(KeyPairResourcePolicyFields);

impl std::fmt::Debug for Fields {
    /// The selected fields; a policy holds no secret.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut out = f.debug_map();
        debug_selected(&mut out, &self.0);
        out.finish()
    }
}

impl From<KeyPairResourcePolicyFields> for ResourcePolicy {
    fn from(fields: KeyPairResourcePolicyFields) -> Self {
        Self {
            fields: Fields(fields),
        }
    }
}

impl ResourcePolicy {
    /// A policy from a JSON object (a `KeyPairResourcePolicy` selection, as in a
    /// `raw_query` answer).
    pub fn from_json(value: Value) -> Result<ResourcePolicy, serde_json::Error> {
        serde_json::from_value(value)
    }

    fn f(&self) -> &KeyPairResourcePolicyFields {
        &self.fields.0
    }

    /// The name.
    pub fn name(&self) -> Option<&str> {
        self.f().name.as_deref()
    }

    /// When it was created.
    pub fn created_at(&self) -> Option<&DateTime> {
        self.f().created_at.as_ref()
    }

    /// `LIMITED` or `UNLIMITED`: whether resources the slots do not name are allowed.
    pub fn default_for_unspecified(&self) -> Option<&str> {
        self.f().default_for_unspecified.as_deref()
    }

    /// The total resource slots all sessions of a keypair may hold (`{"cpu": "4", …}`).
    pub fn total_resource_slots(&self) -> Option<&JsonString> {
        self.f().total_resource_slots.as_ref()
    }

    /// The longest a session may live, in seconds (0: no limit).
    pub fn max_session_lifetime(&self) -> Option<i64> {
        self.f().max_session_lifetime
    }

    /// How many sessions a keypair may run at once.
    pub fn max_concurrent_sessions(&self) -> Option<i64> {
        self.f().max_concurrent_sessions
    }

    /// How many containers one session may have.
    pub fn max_containers_per_session(&self) -> Option<i64> {
        self.f().max_containers_per_session
    }

    /// How long a session may idle, in seconds.
    pub fn idle_timeout(&self) -> Option<i64> {
        self.f().idle_timeout.map(|t| t.get())
    }

    /// The storage hosts a keypair may use, with the permissions on each.
    pub fn allowed_vfolder_hosts(&self) -> Option<&JsonString> {
        self.f().allowed_vfolder_hosts.as_ref()
    }

    /// How many SFTP sessions a keypair may run at once (not on manager 23.09).
    pub fn max_concurrent_sftp_sessions(&self) -> Option<i64> {
        self.f().max_concurrent_sftp_sessions
    }

    /// How many sessions may wait in the queue (not on manager 23.09).
    pub fn max_pending_session_count(&self) -> Option<i64> {
        self.f().max_pending_session_count
    }

    /// The resource slots waiting sessions may ask for in total (not on manager 23.09).
    pub fn max_pending_session_resource_slots(&self) -> Option<&JsonString> {
        self.f().max_pending_session_resource_slots.as_ref()
    }
}

impl Record for ResourcePolicy {
    /// The value of a catalogued field by its response key, `null` when it was not
    /// selected; `None` for a field a policy does not have.
    fn field(&self, spec: &FieldSpec) -> Option<FieldValue<'_>> {
        let f = self.f();
        let value = match spec.field_name() {
            "name" => json(&f.name),
            "created_at" => json(&f.created_at),
            "default_for_unspecified" => json(&f.default_for_unspecified),
            "total_resource_slots" => json(&f.total_resource_slots),
            "max_session_lifetime" => json(&f.max_session_lifetime),
            "max_concurrent_sessions" => json(&f.max_concurrent_sessions),
            "max_containers_per_session" => json(&f.max_containers_per_session),
            "idle_timeout" => json(&f.idle_timeout),
            "allowed_vfolder_hosts" => json(&f.allowed_vfolder_hosts),
            "max_concurrent_sftp_sessions" => json(&f.max_concurrent_sftp_sessions),
            "max_pending_session_count" => json(&f.max_pending_session_count),
            "max_pending_session_resource_slots" => json(&f.max_pending_session_resource_slots),
            _ => return None,
        };
        Some(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use backendai_fields::keypair_resource_policy::fields;
    use serde_json::json;

    fn full() -> ResourcePolicy {
        ResourcePolicy::from_json(json!({
            "name": "gold",
            "created_at": "2026-12-03T12:56:58.315086+00:00",
            "default_for_unspecified": "LIMITED",
            "total_resource_slots": "{\"cpu\": \"4\"}",
            "max_session_lifetime": 0,
            "max_concurrent_sessions": 30,
            "max_containers_per_session": 1,
            "idle_timeout": 1800,
            "allowed_vfolder_hosts": "{\"local:volume1\": [\"mount-in-session\"]}",
            "max_concurrent_sftp_sessions": 2,
            "max_pending_session_count": 4,
            "max_pending_session_resource_slots": null,
        }))
        .unwrap()
    }

    #[test]
    fn every_catalogued_field_is_a_record_field() {
        let policy = full();
        for spec in fields() {
            assert!(policy.field(spec).is_some(), "{}", spec.field_name());
        }
        assert!(policy.field(&FieldSpec::new("access_key")).is_none());
        let slots = policy.format_json(fields().get("total_resource_slots").unwrap());
        assert_eq!(slots, Some(json!("{\"cpu\": \"4\"}")));
    }

    #[test]
    fn accessors_read_the_typed_values() {
        let policy = full();
        assert_eq!(policy.name(), Some("gold"));
        assert_eq!(policy.default_for_unspecified(), Some("LIMITED"));
        assert_eq!(policy.idle_timeout(), Some(1800));
        assert_eq!(policy.max_concurrent_sftp_sessions(), Some(2));
        assert_eq!(policy.max_pending_session_resource_slots(), None);
        assert_eq!(
            policy.allowed_vfolder_hosts().map(|h| h.value().clone()),
            Some(json!({"local:volume1": ["mount-in-session"]}))
        );
        assert!(format!("{policy:?}").contains("gold"));
    }
}
