//! Output of mutations (`add`, `update`, `delete`, …) in the Python CLI's shapes.

use std::fmt;

use serde_json::{Map, Value};

use crate::format::DefaultFormatter;
use crate::item::debug_redacted;
use crate::table::{render_table, TableOptions};

/// The report of a mutation the server answered (Python's `print_mutation_result`).
///
/// Console: a `Field`/`Value` table with `ok`, `msg`, the extra entries, then
/// `Action` (when set) and the members of the returned object (when set).
/// JSON: `{"ok", "msg", extra…, <item name>: {…}}` (no action).
/// `Debug` hides secret-looking values.
///
/// ```
/// use backendai_fields::render::{self, MutationSuccess};
/// use backendai_fields::TableOptions;
///
/// let report = MutationSuccess::new(true, "success").with_extra("access_key", "AKIA1");
/// assert_eq!(
///     report.console(&TableOptions::new()),
///     "Field       Value\n----------  -------\nok          True\nmsg         success\naccess_key  AKIA1"
/// );
/// assert_eq!(
///     render::to_json_pretty(&report.json(), render::JsonStyle::Ascii),
///     "{\n  \"ok\": true,\n  \"msg\": \"success\",\n  \"access_key\": \"AKIA1\"\n}"
/// );
/// ```
#[derive(Clone, PartialEq)]
pub struct MutationSuccess {
    ok: bool,
    msg: String,
    extra: Map<String, Value>,
    action: Option<String>,
    item: Option<(String, Value)>,
}

impl MutationSuccess {
    /// A report of the server's `ok` and `msg`.
    pub fn new(ok: bool, msg: impl Into<String>) -> Self {
        Self {
            ok,
            msg: msg.into(),
            extra: Map::new(),
            action: None,
            item: None,
        }
    }

    /// Adds an entry after `msg` (the CLI adds the access key, for instance).
    pub fn with_extra(mut self, key: impl Into<String>, value: impl Into<Value>) -> Self {
        self.extra.insert(key.into(), value.into());
        self
    }

    /// Names the action in the console table.
    pub fn with_action(mut self, action: impl Into<String>) -> Self {
        self.action = Some(action.into());
        self
    }

    /// Adds the object the mutation returned under its name (`"keypair"`).
    pub fn with_item(mut self, name: impl Into<String>, value: Value) -> Self {
        self.item = Some((name.into(), value));
        self
    }

    /// The console table.
    pub fn console(&self, options: &TableOptions) -> String {
        let mut rows: Vec<[String; 2]> = vec![
            [
                "ok".into(),
                DefaultFormatter::console_text(&Value::Bool(self.ok)),
            ],
            ["msg".into(), self.msg.clone()],
        ];
        rows.extend(
            self.extra
                .iter()
                .map(|(k, v)| [k.clone(), DefaultFormatter::console_text(v)]),
        );
        if let Some(action) = &self.action {
            rows.push(["Action".into(), action.clone()]);
        }
        match &self.item {
            Some((_, Value::Object(members))) => rows.extend(
                members
                    .iter()
                    .map(|(k, v)| [k.clone(), DefaultFormatter::console_text(v)]),
            ),
            Some((name, other)) => rows.push([name.clone(), DefaultFormatter::console_text(other)]),
            None => {}
        }
        render_table(["Field", "Value"], rows, options)
    }

    /// The JSON output.
    pub fn json(&self) -> Value {
        let mut out = Map::new();
        out.insert("ok".into(), Value::Bool(self.ok));
        out.insert("msg".into(), Value::String(self.msg.clone()));
        out.extend(self.extra.clone());
        if let Some((name, value)) = &self.item {
            out.insert(name.clone(), value.clone());
        }
        Value::Object(out)
    }
}

impl fmt::Debug for MutationSuccess {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut shown = self.json();
        if let (Some(action), Value::Object(map)) = (&self.action, &mut shown) {
            map.insert("Action".into(), Value::String(action.clone()));
        }
        f.write_str("MutationSuccess ")?;
        match &shown {
            Value::Object(map) => debug_redacted(map, f),
            _ => Ok(()),
        }
    }
}

/// The report of a failed mutation (Python's `print_mutation_error`): the server
/// said `ok: false`, or the request failed.
///
/// Console: a `Field`/`Value` table with `Message`, `Item` and `Action`.
/// JSON: `{"ok": false, "msg", "item_name", "action_name", extra…, "error"?}`.
///
/// ```
/// use backendai_fields::render::MutationFailure;
/// use backendai_fields::TableOptions;
///
/// let report = MutationFailure::new("no permission to execute create_keypair")
///     .with_item_name("keypair")
///     .with_action("add");
/// assert!(report.console(&TableOptions::new()).starts_with("Field    Value\n-------  ------"));
/// assert_eq!(report.json()["ok"], false);
/// ```
#[derive(Clone, PartialEq)]
pub struct MutationFailure {
    msg: String,
    item_name: Option<String>,
    action: Option<String>,
    extra: Map<String, Value>,
    error: Option<String>,
}

impl MutationFailure {
    /// A failure with this message (the Python CLI says `Failed` when the request failed).
    pub fn new(msg: impl Into<String>) -> Self {
        Self {
            msg: msg.into(),
            item_name: None,
            action: None,
            extra: Map::new(),
            error: None,
        }
    }

    /// Names the kind of object (`"keypair"`).
    pub fn with_item_name(mut self, name: impl Into<String>) -> Self {
        self.item_name = Some(name.into());
        self
    }

    /// Names the action (`"add"`, `"deletion"`, …).
    pub fn with_action(mut self, action: impl Into<String>) -> Self {
        self.action = Some(action.into());
        self
    }

    /// Adds an entry to the JSON output.
    pub fn with_extra(mut self, key: impl Into<String>, value: impl Into<Value>) -> Self {
        self.extra.insert(key.into(), value.into());
        self
    }

    /// Adds the error's description to the JSON output (`"error"`).
    pub fn with_error(mut self, error: impl Into<String>) -> Self {
        self.error = Some(error.into());
        self
    }

    /// The console table (the error itself goes to stderr, the CLI's business).
    pub fn console(&self, options: &TableOptions) -> String {
        let mut rows = vec![["Message".to_owned(), self.msg.clone()]];
        if let Some(name) = &self.item_name {
            rows.push(["Item".into(), name.clone()]);
        }
        if let Some(action) = &self.action {
            rows.push(["Action".into(), action.clone()]);
        }
        render_table(["Field", "Value"], rows, options)
    }

    /// The JSON output.
    pub fn json(&self) -> Value {
        let text = |s: &Option<String>| s.clone().map_or(Value::Null, Value::String);
        let mut out = Map::new();
        out.insert("ok".into(), Value::Bool(false));
        out.insert("msg".into(), Value::String(self.msg.clone()));
        out.insert("item_name".into(), text(&self.item_name));
        out.insert("action_name".into(), text(&self.action));
        out.extend(self.extra.clone());
        if let Some(error) = &self.error {
            out.insert("error".into(), Value::String(error.clone()));
        }
        Value::Object(out)
    }
}

impl fmt::Debug for MutationFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("MutationFailure ")?;
        match &self.json() {
            Value::Object(map) => debug_redacted(map, f),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn item_members_follow_the_action_and_values_use_the_default_forms() {
        let report = MutationSuccess::new(true, "success")
            .with_action("update")
            .with_item("keypair", json!({"rate_limit": 10, "ssh_public_key": null}));
        assert_eq!(
            report.console(&TableOptions::new()),
            "Field           Value\n--------------  -------\nok              True\nmsg             success\nAction          update\nrate_limit      10\nssh_public_key  (null)"
        );
        assert_eq!(
            report.json(),
            json!({"ok": true, "msg": "success", "keypair": {"rate_limit": 10, "ssh_public_key": null}})
        );
    }

    #[test]
    fn a_null_item_is_shown_not_crashed_on() {
        let report = MutationSuccess::new(false, "x").with_item("keypair", Value::Null);
        assert!(report
            .console(&TableOptions::new())
            .ends_with("keypair  (null)"));
        assert_eq!(report.json()["keypair"], Value::Null);
    }

    #[test]
    fn failures_name_item_and_action_even_when_unset() {
        let report = MutationFailure::new("Failed")
            .with_extra("access_key", "AK")
            .with_error("boom");
        assert_eq!(
            report.json(),
            json!({"ok": false, "msg": "Failed", "item_name": null, "action_name": null, "access_key": "AK", "error": "boom"})
        );
        assert_eq!(
            report.console(&TableOptions::new()),
            "Field    Value\n-------  -------\nMessage  Failed"
        );
    }

    #[test]
    fn debug_hides_secrets() {
        let report = MutationSuccess::new(true, "success")
            .with_extra("secret_key", "s3cr3t-extra")
            .with_item(
                "keypair",
                json!({"secret_key": "s3cr3t-item", "access_key": "AKIAVISIBLE"}),
            )
            .with_action("add");
        let failure = MutationFailure::new("Failed").with_extra("secret_key", "s3cr3t-failure");
        let shown = format!("{report:?} {report:#?} {failure:?}");
        assert!(!shown.contains("s3cr3t"), "{shown}");
        assert!(shown.contains("AKIAVISIBLE") && shown.contains("add"));
    }
}
