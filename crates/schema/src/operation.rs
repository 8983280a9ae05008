//! What every generated operation offers beyond `graphql_client::GraphQLQuery`.

use crate::KeyPairSelection;
use graphql_client::GraphQLQuery;

/// Whether an operation reads or writes. A transport may resend a query, but
/// never a mutation that may have reached the server.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OperationKind {
    /// A `query`: safe to retry.
    Query,
    /// A `mutation`: not to be sent twice.
    Mutation,
}

/// One operation document of `schema/operations/`, implemented by the
/// generated operation structs such as [`KeypairList`](crate::KeypairList).
pub trait Operation: GraphQLQuery {
    /// Query or mutation.
    const KIND: OperationKind;
    /// The field of the response's `data` object that holds the result.
    const ROOT_FIELD: &'static str;
    /// The query text as generated, with the full keypair selection (if any).
    const DOCUMENT: &'static str;
}

/// An operation whose result contains keypairs, so the caller chooses which
/// keypair fields are requested.
pub trait SelectsKeyPair: Operation {
    /// The query text requesting exactly `selection` for each keypair.
    fn document_with_selection(selection: &KeyPairSelection) -> String;
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

    /// The query text with `selection` in place.
    pub(crate) fn render(&self, selection: &KeyPairSelection) -> String {
        let selection = selection.as_str();
        let mut text =
            String::with_capacity(self.prefix.len() + selection.len() + self.suffix.len());
        text.push_str(self.prefix);
        text.push_str(selection);
        text.push_str(self.suffix);
        text
    }
}
