//! The stub's answers: keypairs made from one item captured from a real manager
//! (`bench/data/manager-sample.json`), written the way the manager writes JSON.

use bytes::{BufMut, Bytes, BytesMut};
use serde::Deserialize;
use serde_json::{Map, Value};

use crate::pyjson::to_python_json;

/// The captured answers of a real 23.09 manager.
pub const SAMPLE: &str = include_str!("../../../bench/data/manager-sample.json");

/// How many keypairs the manager's `keypairs` query returns at most (`load_all(limit=100)`).
pub const LIST_LIMIT: usize = 100;

/// Why the sample cannot be used.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SampleError {
    /// The sample file is not the JSON that `bench/capture_sample.py` writes.
    #[error("the captured sample is not in the expected form")]
    Format(#[source] serde_json::Error),
    /// The captured `keypairs` answer holds no keypair to use as a template.
    #[error("the captured `keypairs` answer holds no keypair object")]
    NoTemplate,
}

#[derive(Deserialize)]
struct Sample {
    hello: Answer,
    keypairs: Answer,
}

#[derive(Deserialize)]
struct Answer {
    content_type: String,
    body: String,
}

/// Every answer the stub gives, rendered once.
#[derive(Debug, Clone)]
pub struct Canned {
    content_type: String,
    hello: Bytes,
    items: Vec<Bytes>,
    list: Bytes,
}

impl Canned {
    /// Answers for a population of `population` keypairs, made from [`SAMPLE`].
    pub fn new(population: usize) -> Result<Canned, SampleError> {
        Canned::from_sample(SAMPLE, population)
    }

    /// Answers made from a sample in the form of [`SAMPLE`].
    pub fn from_sample(sample: &str, population: usize) -> Result<Canned, SampleError> {
        let sample: Sample = serde_json::from_str(sample).map_err(SampleError::Format)?;
        let body: Value =
            serde_json::from_str(&sample.keypairs.body).map_err(SampleError::Format)?;
        let template = template(&body).ok_or(SampleError::NoTemplate)?;
        let items: Vec<Bytes> = (0..population)
            .map(|index| {
                let item = Value::Object(keypair_like(template, index));
                to_python_json(&item).map(Bytes::from)
            })
            .collect::<Result<_, _>>()
            .map_err(SampleError::Format)?;
        let shown = &items[..population.min(LIST_LIMIT)];
        let list = join(r#"{"data": {"keypairs": ["#, shown, "]}}");
        Ok(Canned {
            content_type: sample.keypairs.content_type,
            hello: Bytes::from(sample.hello.body),
            items,
            list,
        })
    }

    /// The `Content-Type` the manager sends with JSON.
    pub fn content_type(&self) -> &str {
        &self.content_type
    }

    /// How many keypairs there are.
    pub fn population(&self) -> usize {
        self.items.len()
    }

    /// The answer to `GET /`.
    pub fn hello(&self) -> Bytes {
        self.hello.clone()
    }

    /// The answer to the `keypairs` query: the first 100 keypairs.
    pub fn list(&self) -> Bytes {
        self.list.clone()
    }

    /// The answer to a `keypair_list` page over the first `population` keypairs (at most
    /// [`Canned::population`]).
    pub fn page(&self, population: usize, offset: usize, limit: usize) -> Bytes {
        let population = population.min(self.items.len());
        let start = offset.min(population);
        let end = start.saturating_add(limit).min(population);
        let tail = format!("], \"total_count\": {population}}}}}}}");
        join(
            r#"{"data": {"keypair_list": {"items": ["#,
            &self.items[start..end],
            &tail,
        )
    }
}

/// The first non-admin keypair of a `keypairs` answer (any keypair if all are admins).
fn template(body: &Value) -> Option<&Map<String, Value>> {
    let items = body.get("data")?.get("keypairs")?.as_array()?;
    let objects = || items.iter().filter_map(Value::as_object);
    objects()
        .find(|item| item.get("is_admin") == Some(&Value::Bool(false)))
        .or_else(|| objects().next())
}

/// Keypair number `index`: the template's fields in the template's order, with values of
/// the same form that differ from one keypair to the next.
fn keypair_like(template: &Map<String, Value>, index: usize) -> Map<String, Value> {
    let mut random = SplitMix(index as u64);
    template
        .iter()
        .map(|(key, value)| {
            let value = match (key.as_str(), value) {
                ("user_id", Value::String(email)) => Value::String(numbered_email(email, index)),
                // "AKIA" + base32 of 10 random bytes, as the manager makes them.
                ("access_key", Value::String(_)) => {
                    Value::String(format!("AKIA{}", random.text(16, BASE32)))
                }
                // `secrets.token_urlsafe(30)`: 40 URL-safe characters.
                ("secret_key", Value::String(_)) => Value::String(random.text(40, URL_SAFE)),
                ("is_active", Value::Bool(_)) => Value::Bool(index % 10 != 9),
                ("created_at", Value::String(time)) => {
                    Value::String(with_micros(time, random.next() % 1_000_000))
                }
                _ => value.clone(),
            };
            (key.clone(), value)
        })
        .collect()
}

const BASE32: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const URL_SAFE: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// `user@bai.test` becomes `user00042@bai.test`.
fn numbered_email(email: &str, index: usize) -> String {
    match email.split_once('@') {
        Some((local, domain)) => format!("{local}{index:05}@{domain}"),
        None => format!("{email}{index:05}"),
    }
}

/// Replaces the six digits after the seconds' `.`, if the time has them.
fn with_micros(time: &str, micros: u64) -> String {
    match time.find('.') {
        Some(dot) if time.len() >= dot + 7 => {
            format!("{}{micros:06}{}", &time[..=dot], &time[dot + 7..])
        }
        _ => time.to_owned(),
    }
}

/// A small deterministic generator, so that every run serves the same keypairs.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn text(&mut self, length: usize, alphabet: &[u8]) -> String {
        (0..length)
            .map(|_| char::from(alphabet[(self.next() % alphabet.len() as u64) as usize]))
            .collect()
    }
}

/// `head`, the items separated by `", "`, then `tail`, in one buffer.
fn join(head: &str, items: &[Bytes], tail: &str) -> Bytes {
    let size = head.len() + tail.len() + items.iter().map(|i| i.len() + 2).sum::<usize>();
    let mut out = BytesMut::with_capacity(size);
    out.put_slice(head.as_bytes());
    for (index, item) in items.iter().enumerate() {
        if index > 0 {
            out.put_slice(b", ");
        }
        out.put_slice(item);
    }
    out.put_slice(tail.as_bytes());
    out.freeze()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Value {
        serde_json::from_str(SAMPLE).unwrap()
    }

    fn parse(bytes: &Bytes) -> Value {
        serde_json::from_slice(bytes).unwrap()
    }

    #[test]
    fn the_python_writer_reproduces_every_captured_body() {
        for answer in ["hello", "keypairs", "keypair_list"] {
            let body = sample()[answer]["body"].as_str().unwrap().to_owned();
            let value: Value = serde_json::from_str(&body).unwrap();
            assert_eq!(to_python_json(&value).unwrap(), body, "{answer}");
        }
    }

    #[test]
    fn keypairs_have_the_template_shape_and_differ() {
        let canned = Canned::new(300).unwrap();
        let body = sample();
        let captured: Value =
            serde_json::from_str(body["keypairs"]["body"].as_str().unwrap()).unwrap();
        let template = template(&captured).unwrap();
        let list = parse(&canned.list());
        let items = list["data"]["keypairs"].as_array().unwrap();
        assert_eq!(items.len(), LIST_LIMIT);
        for item in items {
            let item = item.as_object().unwrap();
            let keys: Vec<&String> = item.keys().collect();
            assert_eq!(keys, template.keys().collect::<Vec<_>>());
            for (key, value) in item {
                let kind = |v: &Value| std::mem::discriminant(v);
                assert_eq!(kind(value), kind(&template[key]), "{key}");
                if let Value::String(text) = value {
                    let same_length = ["access_key", "secret_key", "created_at"];
                    if same_length.contains(&key.as_str()) {
                        assert_eq!(text.len(), template[key].as_str().unwrap().len(), "{key}");
                    }
                }
            }
        }
        let mut keys: Vec<&str> = items
            .iter()
            .map(|i| i["access_key"].as_str().unwrap())
            .collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), LIST_LIMIT);
        assert_eq!(canned.content_type(), "application/json; charset=utf-8");
        assert_eq!(
            parse(&canned.hello()),
            serde_json::json!({"version": "v7.20230615", "manager": "23.09.10"})
        );
    }

    #[test]
    fn pages_honour_offset_limit_and_population() {
        let canned = Canned::new(250).unwrap();
        let list = parse(&canned.list());
        let page = parse(&canned.page(250, 95, 10));
        let page = &page["data"]["keypair_list"];
        assert_eq!(page["total_count"], 250);
        let items = page["items"].as_array().unwrap();
        assert_eq!(items.len(), 10);
        assert_eq!(items[0], list["data"]["keypairs"][95]);
        let last = parse(&canned.page(250, 240, 20));
        assert_eq!(
            last["data"]["keypair_list"]["items"]
                .as_array()
                .unwrap()
                .len(),
            10
        );
        let beyond = parse(&canned.page(250, 900, 20));
        assert_eq!(
            beyond["data"]["keypair_list"]["items"],
            serde_json::json!([])
        );
        let smaller = parse(&canned.page(30, 25, 20));
        assert_eq!(smaller["data"]["keypair_list"]["total_count"], 30);
        assert_eq!(
            smaller["data"]["keypair_list"]["items"]
                .as_array()
                .unwrap()
                .len(),
            5
        );
    }

    #[test]
    fn a_small_population_lists_only_what_exists() {
        let canned = Canned::new(3).unwrap();
        let list = parse(&canned.list());
        assert_eq!(list["data"]["keypairs"].as_array().unwrap().len(), 3);
    }

    #[test]
    fn a_sample_without_keypairs_is_refused() {
        let sample = r#"{"hello": {"content_type": "a/b", "body": "{}"},
                         "keypairs": {"content_type": "a/b", "body": "{\"data\": {\"keypairs\": []}}"}}"#;
        assert!(matches!(
            Canned::from_sample(sample, 1),
            Err(SampleError::NoTemplate)
        ));
        assert!(matches!(
            Canned::from_sample("[]", 1),
            Err(SampleError::Format(_))
        ));
    }

    #[test]
    fn helpers_keep_the_forms() {
        assert_eq!(numbered_email("user@bai.test", 42), "user00042@bai.test");
        assert_eq!(
            with_micros("2026-11-26T16:21:12.566777+00:00", 5),
            "2026-11-26T16:21:12.000005+00:00"
        );
        assert_eq!(
            with_micros("2026-11-26T16:21:12+00:00", 5),
            "2026-11-26T16:21:12+00:00"
        );
    }
}
