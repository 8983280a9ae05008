//! [`KeyPairClient`]: the entry point, and how every call is sent and decoded.

use std::sync::Arc;

use backendai_fields::{FieldSpec, Selection, ServerVersion};
use backendai_schema::Operation;
use backendai_transport::{ApiVersion, Client, DataError, GraphQlRequest, Transport};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use crate::error::DecodeError;
use crate::select::{release_may_admit, server_version, Fields};
use crate::{
    CreateKeyPair, Error, GetKeyPair, ListKeyPairs, Mutation, PaginatedList, UpdateKeyPair,
};

/// The keypair functions of the Backend.AI manager, over any [`Transport`].
///
/// Cheap to clone: clones share the transport. Every builder holds its own clone, so a
/// request or a stream can be returned from a function or spawned.
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
#[derive(Debug)]
pub struct KeyPairClient<T = Client> {
    transport: Arc<T>,
}

impl<T> Clone for KeyPairClient<T> {
    fn clone(&self) -> Self {
        Self {
            transport: Arc::clone(&self.transport),
        }
    }
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
        Self {
            transport: Arc::new(transport),
        }
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
        user_id: impl Into<String>,
        resource_policy: impl Into<String>,
        rate_limit: i32,
    ) -> CreateKeyPair<T> {
        CreateKeyPair::new(
            self.clone(),
            user_id.into(),
            resource_policy.into(),
            rate_limit,
        )
    }

    /// Changes a keypair; only the settings given are sent, the rest stay as they are.
    pub fn update(&self, access_key: impl Into<String>) -> UpdateKeyPair<T> {
        UpdateKeyPair::new(self.clone(), access_key.into())
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
    pub fn list(&self) -> ListKeyPairs<T> {
        ListKeyPairs::new(self.clone())
    }

    /// Lists keypairs page by page (`keypair_list`): one page with
    /// [`PaginatedList::send`], or every item as a lazy stream with
    /// [`PaginatedList::stream`].
    pub fn paginated_list(&self) -> PaginatedList<T> {
        PaginatedList::new(self.clone())
    }

    /// Reads one keypair: the caller's own, or another's with [`GetKeyPair::access_key`].
    pub fn info(&self) -> GetKeyPair<T> {
        GetKeyPair::new(self.clone())
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
        Ok(self.transport.execute(request).await?.into_value()?)
    }

    /// The selection for `fields` (or `default`) and the API version in use.
    ///
    /// The fields are first checked knowing only the API version. Only a field that this
    /// cannot admit (`is_default`, or anything newer than a pinned version) makes it ask
    /// [`Transport::server_info`] for the manager release and check again. [`Client`]
    /// answers that from its negotiation; a client with a pinned version asks `GET /`
    /// then, and only then.
    pub(crate) async fn select(
        &self,
        fields: &Fields,
        default: &[FieldSpec],
    ) -> Result<(Selection, ApiVersion), Error> {
        let api = self.transport.api_version().await?;
        let refused = match fields.selection(default, &ServerVersion::new(api)) {
            Ok(selection) => return Ok((selection, api)),
            Err(error) if release_may_admit(&error) => error,
            Err(error) => return Err(error.into()),
        };
        let info = self.transport.server_info().await?;
        let server = server_version(api, info.as_ref());
        if server.manager().is_none() {
            return Err(refused.into());
        }
        Ok((fields.selection(default, &server)?, api))
    }

    /// The server as far as it is known: the API version in use, and the manager release
    /// when the transport can tell ([`Transport::server_info`]).
    pub(crate) async fn server(&self, api: ApiVersion) -> Result<ServerVersion, Error> {
        let info = self.transport.server_info().await?;
        Ok(server_version(api, info.as_ref()))
    }

    /// Sends operation `O` as `document` with `variables` and decodes its answer straight
    /// from the bytes into `O`'s generated response type.
    pub(crate) async fn run<O>(
        &self,
        document: String,
        variables: &O::Variables,
    ) -> Result<O::ResponseData, Error>
    where
        O: Operation,
        O::Variables: Serialize,
        O::ResponseData: DeserializeOwned,
    {
        // Generated variables are structs, so they serialize as an object; an operation
        // without variables has a unit struct, which serializes as `null`.
        let variables = serde_json::to_value(variables)
            .and_then(|value| match value {
                Value::Object(variables) => Ok(variables),
                Value::Null => Ok(serde_json::Map::new()),
                _ => Err(serde::ser::Error::custom("the variables are not an object")),
            })
            .map_err(|source| Error::Encode {
                operation: O::ROOT_FIELD,
                source,
            })?;
        let request = GraphQlRequest::new(O::KIND, document)
            .variables(variables)
            .api(O::API);
        let answer = self.transport.execute(request).await?;
        answer.data().map_err(|error| match error {
            DataError::Answer(error) => Error::Transport(error),
            DataError::Shape(error) => Error::decode(O::ROOT_FIELD, DecodeError::Json(error)),
        })
    }
}
