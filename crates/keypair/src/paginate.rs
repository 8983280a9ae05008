//! [`PaginatedList`]: the `keypair_list` query, one page or a lazy stream of them.

use backendai_fields::{keypair, FieldSpec};
use backendai_schema::{
    keypair_list, keypair_list_legacy, KeyPairFields, KeypairList, KeypairListLegacy,
};
use backendai_transport::{ApiVersion, Transport, VersionError};
use futures::stream::{self, Stream, StreamExt, TryStreamExt};

use crate::error::DecodeError;
use crate::input::DEFAULT_PAGE_SIZE;
use crate::owner::Owner;
use crate::select::Fields;
use crate::{input, Error, KeyPair, KeyPairClient};

/// One page of a [`PaginatedList`].
#[derive(Debug, Clone)]
pub struct Page {
    /// The keypairs of this page (`null` entries left out).
    pub items: Vec<KeyPair>,
    /// How many keypairs match, as the manager counts them. Manager 23.09 over-counts
    /// users in several projects, so fewer may arrive in all.
    pub total_count: u64,
    /// The offset this page was asked for.
    pub page_offset: u64,
    /// The page size asked for.
    pub page_size: u32,
}

/// A `keypair_list` query; made by [`KeyPairClient::paginated_list`].
///
/// [`send`](PaginatedList::send) fetches one page; [`stream`](PaginatedList::stream) and
/// [`pages`](PaginatedList::pages) walk every page from the offset on, fetching the next
/// page only when the previous one is used up. The walk stops when the offset reaches
/// `total_count` or a page comes back empty (manager 23.09 over-counts, so the count alone
/// would never be reached). A page shorter than the page size does not end the walk: a
/// manager may cap the page size below what was asked.
///
/// The page size (1 to 100, default 20) is checked before anything is sent. `filter` and
/// `order` need API v6.20210815; on older servers they are refused with
/// [`Error::Version`], and without them the query is sent in the older form.
#[derive(Debug, Clone)]
#[must_use = "nothing is sent until the page or stream is awaited"]
pub struct PaginatedList<T> {
    client: KeyPairClient<T>,
    owner: Owner,
    filter: Option<String>,
    order: Option<String>,
    page_offset: u64,
    page_size: u32,
    fields: Fields,
}

impl<T: Transport> PaginatedList<T> {
    pub(crate) fn new(client: KeyPairClient<T>) -> Self {
        Self {
            client,
            owner: Owner::default(),
            filter: None,
            order: None,
            page_offset: 0,
            page_size: DEFAULT_PAGE_SIZE,
            fields: Fields::of(keypair::fields()),
        }
    }

    /// A filter in the manager's mini-language, e.g.
    /// `email ilike "%@example.com" & is_active == true`. Its `user_id` is the owner's
    /// UUID; use `email` for the email.
    pub fn filter(mut self, filter: impl Into<String>) -> Self {
        self.filter = Some(filter.into());
        self
    }

    /// An ordering such as `-created_at,+access_key` (no sign: ascending). Without one the
    /// manager orders by `created_at` descending; `""` leaves the order unspecified.
    pub fn order(mut self, order: impl Into<String>) -> Self {
        self.order = Some(order.into());
        self
    }

    /// Where to start (default 0; at most the largest GraphQL `Int`, checked when sent).
    pub fn page_offset(mut self, page_offset: u64) -> Self {
        self.page_offset = page_offset;
        self
    }

    /// How many keypairs per page: 1 to 100 (default 20).
    pub fn page_size(mut self, page_size: u32) -> Self {
        self.page_size = page_size;
        self
    }

    /// Only the keypairs of the user with this email (`email:` on the server).
    pub fn user_id(mut self, email: impl Into<String>) -> Self {
        self.owner.user_id = Some(email.into());
        self
    }

    /// Only active (`true`) or inactive (`false`) keypairs.
    pub fn is_active(mut self, is_active: bool) -> Self {
        self.owner.is_active = Some(is_active);
        self
    }

    /// Only keypairs of users in this domain.
    pub fn domain_name(mut self, domain_name: impl Into<String>) -> Self {
        self.owner.domain_name = Some(domain_name.into());
        self
    }

    /// The fields to return (default: the Python SDK's list,
    /// `user_id access_key secret_key is_active is_admin created_at`).
    pub fn fields<I>(mut self, fields: I) -> Self
    where
        I: IntoIterator,
        I::Item: std::borrow::Borrow<FieldSpec>,
    {
        self.fields.set(fields);
        self
    }

    /// Fetches the page at the offset.
    pub async fn send(&self) -> Result<Page, Error> {
        self.fetch(self.page_offset).await
    }

    /// Every keypair from the offset on, page after page (see [`PaginatedList`] for when
    /// it stops). An error ends the stream after it is yielded. The stream owns what it
    /// needs: it can be returned or spawned.
    pub fn stream(self) -> impl Stream<Item = Result<KeyPair, Error>> + Send + 'static
    where
        T: 'static,
    {
        self.pages()
            .map_ok(|page| stream::iter(page.items.into_iter().map(Ok)))
            .try_flatten()
    }

    /// Every non-empty page from the offset on (see [`PaginatedList`] for when it stops).
    /// An error ends the stream after it is yielded.
    pub fn pages(self) -> impl Stream<Item = Result<Page, Error>> + Send + 'static
    where
        T: 'static,
    {
        let start = Some(self.page_offset);
        stream::try_unfold((self, start), |(list, next)| async move {
            let Some(offset) = next else {
                return Ok(None);
            };
            let (page, fetched) = list.fetch_counted(offset).await?;
            if fetched == 0 {
                return Ok(None);
            }
            let after = offset + fetched;
            let next = (after < page.total_count).then_some(after);
            Ok(Some((page, (list, next))))
        })
        .boxed()
    }

    async fn fetch(&self, offset: u64) -> Result<Page, Error> {
        self.fetch_counted(offset).await.map(|(page, _)| page)
    }

    /// One page, and how many entries it had (`null` ones included), which is how far
    /// the offset moves.
    async fn fetch_counted(&self, offset: u64) -> Result<(Page, u64), Error> {
        let limit = input::page_size(self.page_size)?;
        let graphql_offset = input::offset(offset)?;
        let owner = self.owner.variables()?;
        let (selection, version) = self
            .client
            .select(&self.fields, keypair::default_list_fields())
            .await?;
        let (items, total_count) = if version.supports_filter_order() {
            let variables = keypair_list::Variables {
                limit,
                offset: graphql_offset,
                is_active: owner.is_active,
                domain_name: owner.domain_name,
                email: owner.email,
                filter: self.filter.clone(),
                order: self.order.clone(),
            };
            let data = self
                .client
                .run::<KeypairList>(keypair_list::render(&selection), &variables)
                .await?;
            let list = data.keypair_list.ok_or_else(null_list)?;
            (list.items, list.total_count)
        } else {
            self.refuse_filter_order(version)?;
            let variables = keypair_list_legacy::Variables {
                limit,
                offset: graphql_offset,
                is_active: owner.is_active,
                domain_name: owner.domain_name,
                email: owner.email,
            };
            let data = self
                .client
                .run::<KeypairListLegacy>(keypair_list_legacy::render(&selection), &variables)
                .await?;
            let list = data.keypair_list.ok_or_else(null_list)?;
            (list.items, list.total_count)
        };
        to_page(items, total_count, offset, self.page_size)
    }

    fn refuse_filter_order(&self, version: ApiVersion) -> Result<(), Error> {
        if self.filter.is_some() || self.order.is_some() {
            return Err(VersionError::Requires {
                feature: "filter and order arguments for paginated lists",
                required: ApiVersion::V6_20210815,
                actual: version,
            }
            .into());
        }
        Ok(())
    }
}

fn null_list() -> Error {
    Error::decode("keypair_list", DecodeError::Null)
}

/// The page of `items` (`null` entries left out), and how many entries there were (`null`
/// ones included), which is how far the offset moves.
fn to_page(
    items: Vec<Option<KeyPairFields>>,
    total_count: i64,
    offset: u64,
    page_size: u32,
) -> Result<(Page, u64), Error> {
    let total_count = u64::try_from(total_count).map_err(|_| {
        Error::decode(
            "keypair_list",
            DecodeError::BadCount {
                field: "total_count",
                value: total_count,
            },
        )
    })?;
    let fetched = items.len() as u64;
    let page = Page {
        items: items.into_iter().flatten().map(KeyPair::from).collect(),
        total_count,
        page_offset: offset,
        page_size,
    };
    Ok((page, fetched))
}
