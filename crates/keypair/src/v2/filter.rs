//! [`KeyPairFilter`]: which keypairs a v2 search returns, as typed conditions.
//!
//! The manager applies only one operator of each `StringFilter`, `UUIDFilter` or
//! `DateTimeFilter` it is sent (the first of its precedence list) and drops the rest
//! silently. So each condition here is one operator, sent as its own filter: several
//! conditions are ANDed explicitly and none is lost.

use backendai_schema::keypair_v2_search::{
    DateTimeFilter, KeypairFilter, StringFilter, UuidFilter,
};
use backendai_schema::scalars::{DateTime, Uuid};

/// Conditions on keypairs, all of which must hold. The empty filter matches every keypair.
///
/// ```
/// use backendai_keypair::v2::{KeyPairFilter, TextMatch, TimeMatch};
///
/// let recent_active = KeyPairFilter::new()
///     .is_active(true)
///     .access_key(TextMatch::starts_with("akia").ignore_case())
///     .created_at(TimeMatch::after("2026-01-01T00:00:00+00:00".parse()?))
///     .any_of([
///         KeyPairFilter::new().resource_policy(TextMatch::equals("default")),
///         KeyPairFilter::new().is_admin(true),
///     ]);
/// assert!(!recent_active.is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct KeyPairFilter {
    conditions: Vec<Condition>,
}

#[derive(Debug, Clone, PartialEq)]
enum Condition {
    Active(bool),
    Admin(bool),
    Default(bool),
    AccessKey(TextMatch),
    ResourcePolicy(TextMatch),
    User(IdMatch),
    CreatedAt(TimeMatch),
    LastUsed(TimeMatch),
    AnyOf(Vec<KeyPairFilter>),
    Not(KeyPairFilter),
}

impl KeyPairFilter {
    /// The filter that matches every keypair.
    pub fn new() -> KeyPairFilter {
        KeyPairFilter::default()
    }

    /// Whether it has no condition.
    pub fn is_empty(&self) -> bool {
        self.conditions.is_empty()
    }

    fn and(mut self, condition: Condition) -> KeyPairFilter {
        self.conditions.push(condition);
        self
    }

    /// Active (or inactive) keys only.
    pub fn is_active(self, active: bool) -> KeyPairFilter {
        self.and(Condition::Active(active))
    }

    /// Keys with (or without) the admin flag only.
    pub fn is_admin(self, admin: bool) -> KeyPairFilter {
        self.and(Condition::Admin(admin))
    }

    /// Default keys (or the others) only.
    pub fn is_default(self, default: bool) -> KeyPairFilter {
        self.and(Condition::Default(default))
    }

    /// Keys whose access key matches.
    pub fn access_key(self, matching: TextMatch) -> KeyPairFilter {
        self.and(Condition::AccessKey(matching))
    }

    /// Keys whose resource policy's name matches.
    pub fn resource_policy(self, matching: TextMatch) -> KeyPairFilter {
        self.and(Condition::ResourcePolicy(matching))
    }

    /// Keys of the matching users.
    pub fn user_id(self, matching: IdMatch) -> KeyPairFilter {
        self.and(Condition::User(matching))
    }

    /// Keys created at the matching time.
    pub fn created_at(self, matching: TimeMatch) -> KeyPairFilter {
        self.and(Condition::CreatedAt(matching))
    }

    /// Keys last used at the matching time (never-used keys have no time and never match).
    pub fn last_used(self, matching: TimeMatch) -> KeyPairFilter {
        self.and(Condition::LastUsed(matching))
    }

    /// Keys that match at least one of `filters`. An empty list adds no condition (the
    /// manager's reading of an empty `OR` is not defined).
    pub fn any_of(self, filters: impl IntoIterator<Item = KeyPairFilter>) -> KeyPairFilter {
        let filters: Vec<KeyPairFilter> = filters.into_iter().collect();
        if filters.is_empty() {
            return self;
        }
        self.and(Condition::AnyOf(filters))
    }

    /// Keys that do not match `filter`.
    pub fn excluding(self, filter: KeyPairFilter) -> KeyPairFilter {
        self.and(Condition::Not(filter))
    }

    /// The generated input: `None` for the empty filter, one condition as itself, several
    /// under `AND`.
    pub(crate) fn to_input(&self) -> Option<KeypairFilter> {
        match self.conditions.as_slice() {
            [] => None,
            [one] => Some(one.to_input()),
            many => Some(KeypairFilter {
                and: Some(many.iter().map(Condition::to_input).collect()),
                ..KeypairFilter::default()
            }),
        }
    }
}

impl Condition {
    fn to_input(&self) -> KeypairFilter {
        let mut input = KeypairFilter::default();
        match self {
            Condition::Active(value) => input.is_active = Some(*value),
            Condition::Admin(value) => input.is_admin = Some(*value),
            Condition::Default(value) => input.is_default = Some(*value),
            Condition::AccessKey(text) => input.access_key = Some(text.to_input()),
            Condition::ResourcePolicy(text) => input.resource_policy = Some(text.to_input()),
            Condition::User(id) => input.user_id = Some(id.to_input()),
            Condition::CreatedAt(time) => input.created_at = Some(time.to_input()),
            Condition::LastUsed(time) => input.last_used = Some(time.to_input()),
            Condition::AnyOf(filters) => {
                input.or = Some(
                    filters
                        .iter()
                        .map(|filter| filter.to_input().unwrap_or_else(match_all))
                        .collect(),
                );
            }
            Condition::Not(filter) => {
                input.not = Some(vec![filter.to_input().unwrap_or_else(match_all)]);
            }
        }
        input
    }
}

/// A filter every keypair passes.
fn match_all() -> KeypairFilter {
    KeypairFilter::default()
}

/// A condition on a text field: one operator, optionally ignoring case, optionally negated.
///
/// ```
/// use backendai_keypair::v2::TextMatch;
/// let not_test = TextMatch::starts_with("test-").ignore_case().negated();
/// # let _ = not_test;
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextMatch {
    operator: TextOperator,
    ignore_case: bool,
    negated: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum TextOperator {
    Equals(String),
    Contains(String),
    StartsWith(String),
    EndsWith(String),
    OneOf(Vec<String>),
}

impl TextMatch {
    fn new(operator: TextOperator) -> TextMatch {
        TextMatch {
            operator,
            ignore_case: false,
            negated: false,
        }
    }

    /// Exactly `text`.
    pub fn equals(text: impl Into<String>) -> TextMatch {
        TextMatch::new(TextOperator::Equals(text.into()))
    }

    /// Containing `text`.
    pub fn contains(text: impl Into<String>) -> TextMatch {
        TextMatch::new(TextOperator::Contains(text.into()))
    }

    /// Starting with `text`.
    pub fn starts_with(text: impl Into<String>) -> TextMatch {
        TextMatch::new(TextOperator::StartsWith(text.into()))
    }

    /// Ending with `text`.
    pub fn ends_with(text: impl Into<String>) -> TextMatch {
        TextMatch::new(TextOperator::EndsWith(text.into()))
    }

    /// Equal to one of `texts`.
    pub fn one_of(texts: impl IntoIterator<Item = impl Into<String>>) -> TextMatch {
        TextMatch::new(TextOperator::OneOf(
            texts.into_iter().map(Into::into).collect(),
        ))
    }

    /// Compared without regard to case.
    pub fn ignore_case(mut self) -> TextMatch {
        self.ignore_case = true;
        self
    }

    /// The opposite: not equal, not containing, and so on.
    pub fn negated(mut self) -> TextMatch {
        self.negated = !self.negated;
        self
    }

    fn to_input(&self) -> StringFilter {
        let mut input = StringFilter::default();
        let text = |value: &String| Some(value.clone());
        let texts = |values: &Vec<String>| Some(values.clone());
        match (&self.operator, self.ignore_case, self.negated) {
            (TextOperator::Equals(v), false, false) => input.equals = text(v),
            (TextOperator::Equals(v), true, false) => input.i_equals = text(v),
            (TextOperator::Equals(v), false, true) => input.not_equals = text(v),
            (TextOperator::Equals(v), true, true) => input.i_not_equals = text(v),
            (TextOperator::Contains(v), false, false) => input.contains = text(v),
            (TextOperator::Contains(v), true, false) => input.i_contains = text(v),
            (TextOperator::Contains(v), false, true) => input.not_contains = text(v),
            (TextOperator::Contains(v), true, true) => input.i_not_contains = text(v),
            (TextOperator::StartsWith(v), false, false) => input.starts_with = text(v),
            (TextOperator::StartsWith(v), true, false) => input.i_starts_with = text(v),
            (TextOperator::StartsWith(v), false, true) => input.not_starts_with = text(v),
            (TextOperator::StartsWith(v), true, true) => input.i_not_starts_with = text(v),
            (TextOperator::EndsWith(v), false, false) => input.ends_with = text(v),
            (TextOperator::EndsWith(v), true, false) => input.i_ends_with = text(v),
            (TextOperator::EndsWith(v), false, true) => input.not_ends_with = text(v),
            (TextOperator::EndsWith(v), true, true) => input.i_not_ends_with = text(v),
            (TextOperator::OneOf(v), false, false) => input.in_ = texts(v),
            (TextOperator::OneOf(v), true, false) => input.i_in = texts(v),
            (TextOperator::OneOf(v), false, true) => input.not_in = texts(v),
            (TextOperator::OneOf(v), true, true) => input.i_not_in = texts(v),
        }
        input
    }
}

/// A condition on a UUID (a user's): equal to one, or one of several, optionally negated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdMatch {
    ids: Vec<Uuid>,
    one: bool,
    negated: bool,
}

impl IdMatch {
    /// Exactly `id`.
    pub fn equals(id: Uuid) -> IdMatch {
        IdMatch {
            ids: vec![id],
            one: true,
            negated: false,
        }
    }

    /// One of `ids`.
    pub fn one_of(ids: impl IntoIterator<Item = Uuid>) -> IdMatch {
        IdMatch {
            ids: ids.into_iter().collect(),
            one: false,
            negated: false,
        }
    }

    /// The opposite.
    pub fn negated(mut self) -> IdMatch {
        self.negated = !self.negated;
        self
    }

    fn to_input(&self) -> UuidFilter {
        let mut input = UuidFilter::default();
        match (self.one, self.negated) {
            (true, false) => input.equals = self.ids.first().copied(),
            (true, true) => input.not_equals = self.ids.first().copied(),
            (false, false) => input.in_ = Some(self.ids.clone()),
            (false, true) => input.not_in = Some(self.ids.clone()),
        }
        input
    }
}

/// A condition on a time: before, after or at an instant. (The schema also declares
/// `notEquals`, which the manager ignores; it is not offered.) For a range, combine two
/// conditions on the same field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TimeMatch {
    /// Strictly before.
    Before(DateTime),
    /// Strictly after.
    After(DateTime),
    /// At exactly this instant.
    At(DateTime),
}

impl TimeMatch {
    /// Strictly before `time`.
    pub fn before(time: DateTime) -> TimeMatch {
        TimeMatch::Before(time)
    }

    /// Strictly after `time`.
    pub fn after(time: DateTime) -> TimeMatch {
        TimeMatch::After(time)
    }

    fn to_input(&self) -> DateTimeFilter {
        let mut input = DateTimeFilter::default();
        match self {
            TimeMatch::Before(time) => input.before = Some(time.clone()),
            TimeMatch::After(time) => input.after = Some(time.clone()),
            TimeMatch::At(time) => input.equals = Some(time.clone()),
        }
        input
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, to_value};

    fn wire(filter: &KeyPairFilter) -> serde_json::Value {
        to_value(filter.to_input()).unwrap()
    }

    #[test]
    fn one_condition_is_sent_as_itself_and_several_under_and() {
        assert_eq!(KeyPairFilter::new().to_input(), None);
        assert_eq!(
            wire(&KeyPairFilter::new().is_active(true)),
            json!({"isActive": true})
        );
        let two = KeyPairFilter::new()
            .created_at(TimeMatch::after(
                "2026-01-01T00:00:00+00:00".parse().unwrap(),
            ))
            .created_at(TimeMatch::before(
                "2026-02-01T00:00:00+00:00".parse().unwrap(),
            ));
        // Both bounds survive: in one DateTimeFilter the manager would apply only `before`.
        assert_eq!(
            wire(&two),
            json!({"AND": [
                {"createdAt": {"after": "2026-01-01T00:00:00+00:00"}},
                {"createdAt": {"before": "2026-02-01T00:00:00+00:00"}},
            ]})
        );
    }

    #[test]
    fn every_text_operator_maps_to_its_own_field() {
        let cases = [
            (TextMatch::equals("a"), "equals"),
            (TextMatch::equals("a").ignore_case(), "iEquals"),
            (TextMatch::equals("a").negated(), "notEquals"),
            (TextMatch::equals("a").ignore_case().negated(), "iNotEquals"),
            (TextMatch::contains("a"), "contains"),
            (TextMatch::contains("a").negated(), "notContains"),
            (TextMatch::starts_with("a").ignore_case(), "iStartsWith"),
            (
                TextMatch::ends_with("a").negated().ignore_case(),
                "iNotEndsWith",
            ),
        ];
        for (matching, field) in cases {
            let value = to_value(matching.to_input()).unwrap();
            assert_eq!(value, json!({ field: "a" }), "{matching:?}");
        }
        let value = to_value(TextMatch::one_of(["x", "y"]).negated().to_input()).unwrap();
        assert_eq!(value, json!({"notIn": ["x", "y"]}));
        // Negating twice is the plain match.
        assert_eq!(
            TextMatch::equals("a").negated().negated(),
            TextMatch::equals("a")
        );
    }

    #[test]
    fn any_of_and_excluding_nest() {
        let filter = KeyPairFilter::new().any_of([
            KeyPairFilter::new().is_admin(true),
            KeyPairFilter::new().excluding(KeyPairFilter::new().is_default(true)),
        ]);
        assert_eq!(
            wire(&filter),
            json!({"OR": [{"isAdmin": true}, {"NOT": [{"isDefault": true}]}]})
        );
        assert!(KeyPairFilter::new().any_of([]).is_empty());
    }

    #[test]
    fn user_ids_match_one_or_several() {
        let id: Uuid = "f38dea23-50fa-42a0-b5ae-338f5f4693f4".parse().unwrap();
        assert_eq!(
            wire(&KeyPairFilter::new().user_id(IdMatch::equals(id))),
            json!({"userId": {"equals": "f38dea23-50fa-42a0-b5ae-338f5f4693f4"}})
        );
        assert_eq!(
            wire(&KeyPairFilter::new().user_id(IdMatch::one_of([id]).negated())),
            json!({"userId": {"notIn": ["f38dea23-50fa-42a0-b5ae-338f5f4693f4"]}})
        );
    }
}
