//! [`ListKeyPairs`]: the non-paginated `keypairs` query.

use backendai_fields::keypair;
use backendai_schema::{keypairs, Keypairs};
use backendai_transport::Transport;

use crate::builder::{fields_setter, owner_filters};
use crate::error::DecodeError;
use crate::select::Fields;
use crate::{input, Error, KeyPair, KeyPairClient};

/// A `keypairs` query; made by [`KeyPairClient::list`], sent by [`ListKeyPairs::send`].
///
/// On manager 23.09, without [`ListKeyPairs::user_id`] the manager returns at most 100
/// keypairs in no particular order (and `projects` is always empty); with it, only keypairs
/// of users in at least one project. Use [`KeyPairClient::paginated_list`] for more.
#[derive(Debug)]
#[must_use = "nothing is sent until `send` is awaited"]
pub struct ListKeyPairs<'a, T> {
    client: &'a KeyPairClient<T>,
    user_id: Option<String>,
    is_active: Option<bool>,
    domain_name: Option<String>,
    fields: Fields,
}

impl<'a, T: Transport> ListKeyPairs<'a, T> {
    pub(crate) fn new(client: &'a KeyPairClient<T>) -> Self {
        Self {
            client,
            user_id: None,
            is_active: None,
            domain_name: None,
            fields: Fields::default(),
        }
    }

    owner_filters!();

    fields_setter!("user_id access_key secret_key is_active is_admin created_at");

    /// Runs the query (`null` entries are left out; a `null` list is [`Error::Decode`]).
    pub async fn send(self) -> Result<Vec<KeyPair>, Error> {
        let variables = keypairs::Variables {
            email: input::optional_text("user email", self.user_id.as_deref())?,
            is_active: self.is_active,
            domain_name: input::optional_text("domain name", self.domain_name.as_deref())?,
        };
        let (selection, _) = self
            .client
            .select(&self.fields, keypair::default_list_fields())
            .await?;
        let (data, items, _) = self
            .client
            .run_with_items::<Keypairs>(keypairs::render(&selection), &variables, &["keypairs"])
            .await?;
        data.keypairs
            .ok_or_else(|| Error::decode("keypairs", DecodeError::Null))?;
        Ok(items)
    }
}
