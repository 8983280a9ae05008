//! What every generated operation offers beyond `graphql_client::GraphQLQuery`.

use backendai_fields::Selection;
use backendai_version::{GraphQlApi, OperationKind};
use graphql_client::GraphQLQuery;

/// One operation document of `schema/operations/`, implemented by the
/// generated operation structs such as [`KeypairList`](crate::KeypairList).
pub trait Operation: GraphQLQuery {
    /// Query or mutation.
    const KIND: OperationKind;
    /// The API that serves it: the admin API, or the v2 API of managers 26.9+.
    const API: GraphQlApi;
    /// The field of the response's `data` object that holds the result.
    const ROOT_FIELD: &'static str;
    /// The query text as generated, with the full keypair selection (if any).
    const DOCUMENT: &'static str;
}

/// An operation's query text split around its keypair selection.
pub(crate) struct Template {
    prefix: &'static str,
    suffix: &'static str,
}

impl Template {
    /// A template from the text before and after the selection.
    pub(crate) const fn new(prefix: &'static str, suffix: &'static str) -> Self {
        Self { prefix, suffix }
    }

    /// The query text with `selection` in place, written in one buffer.
    pub(crate) fn render(&self, selection: &Selection) -> String {
        let mut text = String::with_capacity(self.prefix.len() + 256 + self.suffix.len());
        text.push_str(self.prefix);
        selection.write_graphql(&mut text);
        text.push_str(self.suffix);
        text
    }
}
