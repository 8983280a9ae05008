//! [`PaginatedList`]: the `keypair_list` query, one page or a lazy stream of them.

use backendai_fields::keypair;
use backendai_schema::{keypair_list, keypair_list_legacy, KeypairList, KeypairListLegacy};
use backendai_transport::{ApiVersion, Transport, VersionError};
use futures::stream::{self, Stream, StreamExt, TryStreamExt};

use crate::builder::{fields_setter, owner_filters};
use crate::error::DecodeError;
use crate::input::DEFAULT_PAGE_SIZE;
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
    pub page_offset: u32,
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
pub struct PaginatedList<'a, T> {
    client: &'a KeyPairClient<T>,
    is_active: Option<bool>,
    domain_name: Option<String>,
    user_id: Option<String>,
    filter: Option<String>,
    order: Option<String>,
    page_offset: u32,
    page_size: u32,
    fields: Fields,
}

impl<'a, T: Transport> PaginatedList<'a, T> {
    pub(crate) fn new(client: &'a KeyPairClient<T>) -> Self {
        Self {
            client,
            is_active: None,
            domain_name: None,
            user_id: None,
            filter: None,
            order: None,
            page_offset: 0,
            page_size: DEFAULT_PAGE_SIZE,
            fields: Fields::default(),
        }
    }

    /// A filter in the manager's mini-language, e.g.
    /// `email ilike "%@example.com" & is_active == true`. Its `user_id` is the owner's
    /// UUID; use `email` for the email.
    pub fn filter(mut self, filter: &str) -> Self {
        self.filter = Some(filter.to_owned());
        self
    }

    /// An ordering such as `-created_at,+access_key` (no sign: ascending). Without one the
    /// manager orders by `created_at` descending; `""` leaves the order unspecified.
    pub fn order(mut self, order: &str) -> Self {
        self.order = Some(order.to_owned());
        self
    }

    /// Where to start (default 0).
    pub fn page_offset(mut self, page_offset: u32) -> Self {
        self.page_offset = page_offset;
        self
    }

    /// How many keypairs per page: 1 to 100 (default 20).
    pub fn page_size(mut self, page_size: u32) -> Self {
        self.page_size = page_size;
        self
    }

    owner_filters!();

    fields_setter!("user_id access_key secret_key is_active is_admin created_at");

    /// Fetches the page at the offset.
    pub async fn send(&self) -> Result<Page, Error> {
        self.fetch(u64::from(self.page_offset)).await
    }

    /// Every keypair from the offset on, page after page (see [`PaginatedList`] for when
    /// it stops). An error ends the stream after it is yielded.
    pub fn stream(self) -> impl Stream<Item = Result<KeyPair, Error>> + Send + 'a {
        self.pages()
            .map_ok(|page| stream::iter(page.items.into_iter().map(Ok)))
            .try_flatten()
    }

    /// Every non-empty page from the offset on (see [`PaginatedList`] for when it stops).
    /// An error ends the stream after it is yielded.
    pub fn pages(self) -> impl Stream<Item = Result<Page, Error>> + Send + 'a {
        let start = Some(u64::from(self.page_offset));
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
        let domain_name = input::optional_text("domain name", self.domain_name.as_deref())?;
        let email = input::optional_text("user email", self.user_id.as_deref())?;
        let (selection, version) = self
            .client
            .select(&self.fields, keypair::default_list_fields())
            .await?;
        let (items, fetched, total_count) = if version.supports_filter_order() {
            let variables = keypair_list::Variables {
                limit,
                offset: graphql_offset,
                is_active: self.is_active,
                domain_name,
                email,
                filter: self.filter.clone(),
                order: self.order.clone(),
            };
            let (data, items, fetched) = self
                .client
                .run_with_items::<KeypairList>(keypair_list::render(&selection), &variables, ITEMS)
                .await?;
            let list = data.keypair_list.ok_or_else(null_list)?;
            (items, fetched, list.total_count)
        } else {
            self.refuse_filter_order(version)?;
            let variables = keypair_list_legacy::Variables {
                limit,
                offset: graphql_offset,
                is_active: self.is_active,
                domain_name,
                email,
            };
            let (data, items, fetched) = self
                .client
                .run_with_items::<KeypairListLegacy>(
                    keypair_list_legacy::render(&selection),
                    &variables,
                    ITEMS,
                )
                .await?;
            let list = data.keypair_list.ok_or_else(null_list)?;
            (items, fetched, list.total_count)
        };
        to_page(items, fetched, total_count, offset, self.page_size)
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

/// Where a page's keypairs are in its answer.
const ITEMS: &[&str] = &["keypair_list", "items"];

fn null_list() -> Error {
    Error::decode("keypair_list", DecodeError::Null)
}

fn to_page(
    items: Vec<KeyPair>,
    fetched: u64,
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
    let page = Page {
        items,
        total_count,
        // `offset` passed `input::offset`, so it fits.
        page_offset: u32::try_from(offset).unwrap_or(u32::MAX),
        page_size,
    };
    Ok((page, fetched))
}
