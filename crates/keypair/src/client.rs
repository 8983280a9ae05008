//! [`KeyPairClient`]: the entry point, and how every call is sent and decoded.

use backendai_fields::FieldSpec;
use backendai_schema::KeyPairSelection;
use backendai_schema::{GraphQLQuery, Operation, OperationKind as SchemaKind};
use backendai_transport::{ApiVersion, Client, GraphQlRequest, Transport};
use serde::Serialize;
use serde_json::{Map, Value};

use crate::error::DecodeError;
use crate::select::{Fields, Server};
use crate::{
    CreateKeyPair, Error, Info, KeyPair, ListKeyPairs, Mutation, PaginatedList, UpdateKeyPair,
};

/// The keypair functions of the Backend.AI manager, over any [`Transport`].
///
/// Cheap to clone when the transport is ([`Client`] is: clones share its connection pool
/// and negotiated version).
///
/// ```no_run
/// use backendai_keypair::KeyPairClient;
///
/// # async fn run() -> Result<(), backendai_keypair::Error> {
/// let keypairs = KeyPairClient::from_env()?;
/// if let Some(me) = keypairs.info().send().await? {
///     println!("signed in as {:?}", me.access_key());
/// }
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct KeyPairClient<T = Client> {
    transport: T,
}

impl KeyPairClient<Client> {
    /// A keypair client over a configured [`Client`].
    pub fn new(client: Client) -> Self {
        Self::with_transport(client)
    }

    /// A keypair client configured from the `BACKEND_*` environment variables
    /// ([`backendai_transport::Config::from_env`]).
    pub fn from_env() -> Result<Self, Error> {
        Ok(Self::new(Client::from_env()?))
    }
}

impl<T: Transport> KeyPairClient<T> {
    /// A keypair client over any transport (a mock, say).
    pub fn with_transport(transport: T) -> Self {
        Self { transport }
    }

    /// The transport underneath.
    pub fn transport(&self) -> &T {
        &self.transport
    }

    /// Creates a keypair for the user with the email `user_id`. `resource_policy` (a
    /// keypair resource policy's name, such as `"default"`) and `rate_limit` (requests per
    /// 900-second window, at least 1) are required by the manager.
    ///
    /// Options: [`CreateKeyPair::is_active`] (default true), [`CreateKeyPair::is_admin`]
    /// (default false), [`CreateKeyPair::fields`] (default `access_key secret_key`).
    pub fn create(
        &self,
        user_id: &str,
        resource_policy: &str,
        rate_limit: i32,
    ) -> CreateKeyPair<'_, T> {
        CreateKeyPair::new(self, user_id, resource_policy, rate_limit)
    }

    /// Changes a keypair; only the settings given are sent, the rest stay as they are.
    pub fn update(&self, access_key: &str) -> UpdateKeyPair<'_, T> {
        UpdateKeyPair::new(self, access_key)
    }

    /// Deletes a keypair. The manager refuses to delete a user's own key
    /// ([`Error::Rejected`]): on 23.09 its main access key (`"the keypair is used as main
    /// access key by any user"`), on 26.9 its default key, [`KeyPair::is_default`](crate::KeyPair::is_default)
    /// (`"the keypair is used as the default access key by a user"`).
    pub async fn delete(&self, access_key: &str) -> Result<Mutation, Error> {
        crate::update::delete(self, access_key).await
    }

    /// Activates a keypair, sending only `is_active: true`.
    pub async fn activate(&self, access_key: &str) -> Result<Mutation, Error> {
        crate::update::set_active(self, access_key, true).await
    }

    /// Deactivates a keypair, sending only `is_active: false`. Manager 26.9 refuses it for
    /// a user's default key ([`Error::Rejected`] with `"no matching modifykeypair"`, as for
    /// an unknown key); 23.09 deactivates a main access key.
    pub async fn deactivate(&self, access_key: &str) -> Result<Mutation, Error> {
        crate::update::set_active(self, access_key, false).await
    }

    /// Lists keypairs with the non-paginated `keypairs` query.
    pub fn list(&self) -> ListKeyPairs<'_, T> {
        ListKeyPairs::new(self)
    }

    /// Lists keypairs page by page (`keypair_list`): one page with
    /// [`PaginatedList::send`], or every item as a lazy stream with
    /// [`PaginatedList::stream`].
    pub fn paginated_list(&self) -> PaginatedList<'_, T> {
        PaginatedList::new(self)
    }

    /// Reads one keypair: the caller's own, or another's with [`Info::access_key`].
    pub fn info(&self) -> Info<'_, T> {
        Info::new(self)
    }

    /// Runs any GraphQL document through the same signed transport and returns the `data`
    /// object as it came: the escape hatch for what the typed API does not cover.
    ///
    /// ```no_run
    /// use backendai_keypair::{GraphQlRequest, KeyPairClient};
    ///
    /// # async fn run(keypairs: KeyPairClient) -> Result<(), backendai_keypair::Error> {
    /// let request = GraphQlRequest::query("query($ak: String) { keypair(access_key: $ak) { num_queries } }")
    ///     .variable("ak", "AKIAIOSFODNN7EXAMPLE");
    /// let data = keypairs.raw_query(request).await?;
    /// println!("{}", data["keypair"]["num_queries"]);
    /// # Ok(()) }
    /// ```
    pub async fn raw_query(&self, request: GraphQlRequest) -> Result<Value, Error> {
        Ok(self.transport.execute(request).await?)
    }

    /// The selection set for `fields` (or `default`) and the API version in use.
    ///
    /// The fields are first checked knowing only the API version: what passes is valid on
    /// every manager release that speaks it (checked against the 23.09 schema). Only a
    /// field that this cannot admit (`is_default`, or anything newer than a pinned version)
    /// makes it ask [`Transport::server_info`] for the manager release and check again.
    /// [`Client`] answers that from its negotiation; a client with a pinned version asks
    /// `GET /` then, and only then.
    pub(crate) async fn select(
        &self,
        fields: &Fields,
        default: &[FieldSpec],
    ) -> Result<(KeyPairSelection, ApiVersion), Error> {
        let api = self.transport.api_version().await?;
        let first = match fields.selection(default, &Server::new(api, None)) {
            Ok(selection) => return Ok((selection, api)),
            Err(error) if Server::release_may_admit(&error) => error,
            Err(error) => return Err(error),
        };
        let info = self.transport.server_info().await?;
        let server = Server::new(api, info.as_ref());
        if server.version.manager().is_none() {
            return Err(first);
        }
        Ok((fields.selection(default, &server)?, api))
    }

    /// Sends operation `O` as `document` with `variables` and decodes its answer.
    pub(crate) async fn run<O>(
        &self,
        document: String,
        variables: &O::Variables,
    ) -> Result<O::ResponseData, Error>
    where
        O: Operation,
        O::Variables: Serialize,
    {
        decode::<O>(self.send::<O>(document, variables).await?)
    }

    /// [`run`](Self::run) for a list of keypairs at `items_at` in the answer: the list is
    /// moved out of `data` by hand and decoded object by object
    /// ([`KeyPair::from_json`](crate::KeyPair::from_json) keeps each object as parsed),
    /// because `serde_json::from_value` would rebuild every object key by key. An empty
    /// list is left in its place, so the rest of the answer still decodes (and fails) as
    /// the generated type says. `null` entries are left out; how many entries there were,
    /// `null` ones included, comes back too.
    pub(crate) async fn run_with_items<O>(
        &self,
        document: String,
        variables: &O::Variables,
        items_at: &[&str],
    ) -> Result<(O::ResponseData, Vec<KeyPair>, u64), Error>
    where
        O: Operation,
        O::Variables: Serialize,
    {
        let mut data = self.send::<O>(document, variables).await?;
        let items = take_array(&mut data, items_at);
        let rest = decode::<O>(data)?;
        let count = items.len() as u64;
        let keypairs = items
            .into_iter()
            .filter(|item| !item.is_null())
            .map(|item| {
                KeyPair::from_json(item)
                    .map_err(|e| Error::decode(O::ROOT_FIELD, DecodeError::Json(e)))
            })
            .collect::<Result<_, _>>()?;
        Ok((rest, keypairs, count))
    }

    /// Sends operation `O` as `document` with `variables` and returns the answer's `data`.
    async fn send<O>(&self, document: String, variables: &O::Variables) -> Result<Value, Error>
    where
        O: Operation,
        O::Variables: Serialize,
    {
        let request = match O::KIND {
            SchemaKind::Query => GraphQlRequest::query(document),
            SchemaKind::Mutation => GraphQlRequest::mutation(document),
        }
        .variables(to_map::<O>(variables)?);
        Ok(self.transport.execute(request).await?)
    }
}

/// The answer's `data` as operation `O`'s generated response type.
fn decode<O: Operation>(data: Value) -> Result<O::ResponseData, Error> {
    serde_json::from_value(data).map_err(|e| Error::decode(O::ROOT_FIELD, DecodeError::Json(e)))
}

/// The array at `path` in `value`, moved out and replaced by an empty one; nothing (and
/// `value` untouched) when there is no array there.
fn take_array(value: &mut Value, path: &[&str]) -> Vec<Value> {
    let mut at = Some(value);
    for key in path {
        at = at
            .and_then(|v| v.as_object_mut())
            .and_then(|o| o.get_mut(*key));
    }
    at.and_then(Value::as_array_mut)
        .map(std::mem::take)
        .unwrap_or_default()
}

/// The variables as a JSON object (absent options are left out by the generated types).
fn to_map<O: GraphQLQuery + Operation>(
    variables: &O::Variables,
) -> Result<Map<String, Value>, Error> {
    serde_json::to_value(variables)
        .and_then(serde_json::from_value)
        .map_err(|source| Error::Encode {
            operation: O::ROOT_FIELD,
            source,
        })
}
