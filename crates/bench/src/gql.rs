//! Which canned answer a GraphQL request body asks for, found without parsing the JSON:
//! the stub must cost as little as possible, so that the clients' cost is what is measured.

use memchr::memmem;

/// What the stub answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Request {
    /// A `keypairs` query.
    List,
    /// A `keypair_list` page.
    Page {
        /// The `offset` variable (0 when absent).
        offset: usize,
        /// The `limit` variable (20 when absent, the SDKs' default page size).
        limit: usize,
    },
    /// Anything else.
    Other,
}

/// Reads a `POST /admin/gql` body.
pub fn classify(body: &[u8]) -> Request {
    if memmem::find(body, b"keypair_list").is_some() {
        let variables = memmem::find(body, b"\"variables\"").map_or(&[][..], |at| &body[at..]);
        Request::Page {
            offset: number_after(variables, b"\"offset\"").unwrap_or(0),
            limit: number_after(variables, b"\"limit\"").unwrap_or(20),
        }
    } else if memmem::find(body, b"keypairs").is_some() {
        Request::List
    } else {
        Request::Other
    }
}

/// The unsigned integer after `"key"` and its `:`, if there is one.
fn number_after(json: &[u8], key: &[u8]) -> Option<usize> {
    let at = memmem::find(json, key)? + key.len();
    let rest = &json[at..];
    let rest = rest
        .trim_ascii_start()
        .strip_prefix(b":")?
        .trim_ascii_start();
    let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
    std::str::from_utf8(&rest[..digits]).ok()?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_read_offset_and_limit_in_either_json_style() {
        let compact = br#"{"query":"query($limit:Int!, $offset:Int!) { keypair_list(limit:$limit, offset:$offset) { items { access_key } total_count } }","variables":{"limit":100,"offset":300}}"#;
        assert_eq!(
            classify(compact),
            Request::Page {
                offset: 300,
                limit: 100
            }
        );
        let python = br#"{"query": "query($limit:Int!) { keypair_list(limit:$limit) {...} }", "variables": {"is_active": null, "offset": 40, "limit": 20}}"#;
        assert_eq!(
            classify(python),
            Request::Page {
                offset: 40,
                limit: 20
            }
        );
    }

    #[test]
    fn missing_or_malformed_numbers_take_defaults() {
        let body =
            br#"{"query": "{ keypair_list { total_count } }", "variables": {"offset": "x"}}"#;
        assert_eq!(
            classify(body),
            Request::Page {
                offset: 0,
                limit: 20
            }
        );
    }

    #[test]
    fn lists_and_other_queries() {
        let list = br#"{"query": "query($is_active: Boolean) {  keypairs(is_active: $is_active) {    access_key  }}", "variables": {"is_active": null}}"#;
        assert_eq!(classify(list), Request::List);
        assert_eq!(
            classify(br#"{"query": "{ keypair { access_key } }"}"#),
            Request::Other
        );
        assert_eq!(classify(b""), Request::Other);
    }
}
