//! [`Info`]: the `keypair` query.

use backendai_fields::keypair;
use backendai_schema::{keypair as keypair_op, Keypair};
use backendai_transport::Transport;

use crate::builder::fields_setter;
use crate::select::Fields;
use crate::{input, Error, KeyPair, KeyPairClient};

/// A `keypair` query; made by [`KeyPairClient::info`], sent by [`Info::send`].
///
/// Without [`Info::access_key`] the manager describes the key that signed the request.
/// A normal user may ask only about their own key (another gives the GraphQL error
/// "Forbidden operation.").
#[derive(Debug)]
#[must_use = "nothing is sent until `send` is awaited"]
pub struct Info<'a, T> {
    client: &'a KeyPairClient<T>,
    access_key: Option<String>,
    fields: Fields,
}

impl<'a, T: Transport> Info<'a, T> {
    pub(crate) fn new(client: &'a KeyPairClient<T>) -> Self {
        Self {
            client,
            access_key: None,
            fields: Fields::default(),
        }
    }

    /// Asks about this access key instead of the caller's own (admins).
    pub fn access_key(mut self, access_key: &str) -> Self {
        self.access_key = Some(access_key.to_owned());
        self
    }

    fields_setter!("user_id access_key secret_key is_active is_admin");

    /// Runs the query. `Ok(None)` when the manager answers `null`: an unknown key, or on
    /// 23.09 a key whose user is in no project.
    pub async fn send(self) -> Result<Option<KeyPair>, Error> {
        let variables = keypair_op::Variables {
            access_key: input::optional_text("access key", self.access_key.as_deref())?,
            domain_name: None,
        };
        let (selection, _) = self
            .client
            .select(&self.fields, keypair::default_detail_fields())
            .await?;
        let data = self
            .client
            .run::<Keypair>(keypair_op::render(&selection), &variables)
            .await?;
        Ok(data.keypair.map(KeyPair::from))
    }
}
