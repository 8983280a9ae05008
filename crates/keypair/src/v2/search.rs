//! [`SearchKeyPairs`]: one page of a v2 keypair search, or all of them as a stream.

use backendai_schema::keypair_v2_search::{KeypairOrderBy, KeypairOrderField, OrderDirection};
use backendai_schema::{
    admin_keypairs_v2, my_keypairs, AdminKeypairsV2, KeyPairV2Page, MyKeypairs,
};
use backendai_transport::{Client, Transport};
use futures::stream::{self, BoxStream, StreamExt, TryStreamExt};

use super::{Cursor, KeyPairFilter, KeyPairV2};
use crate::error::DecodeError;
use crate::{Error, KeyPairClient};

/// The largest `limit` the manager takes in offset mode.
pub const MAX_LIMIT: u32 = 1000;
/// The page size of [`SearchKeyPairs::stream`] when none is given.
pub const STREAM_PAGE_SIZE: u32 = 100;

/// Whose keys are searched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    /// The caller's own (`myKeypairs`).
    Mine,
    /// Everyone's (`adminKeypairsV2`, superadmin).
    All,
}

/// A v2 keypair search: a filter, an order and one way of paging. Built by
/// [`MyKeyPairs::search`](super::MyKeyPairs::search) or
/// [`AdminKeyPairs::search`](super::AdminKeyPairs::search).
///
/// The manager pages in one of three modes per request, and so does this: offset
/// ([`limit`](Self::limit), [`offset`](Self::offset); the default, 10 a page), forward
/// cursors ([`first`](Self::first), [`after`](Self::after)) or backward cursors
/// ([`last`](Self::last), [`before`](Self::before)). Refused before sending, as the
/// manager would refuse or silently ignore them: two modes at once, a cursor without its
/// page size (the manager drops it and starts over), a page size of 0, a `limit` above
/// [`MAX_LIMIT`], and an order in a cursor mode (the manager fixes cursor pages to
/// creation time, newest first, whatever is asked).
#[derive(Debug)]
#[must_use = "a search does nothing until sent"]
pub struct SearchKeyPairs<T = Client> {
    client: KeyPairClient<T>,
    scope: Scope,
    filter: KeyPairFilter,
    order: Vec<KeypairOrderBy>,
    first: Option<u32>,
    after: Option<Cursor>,
    last: Option<u32>,
    before: Option<Cursor>,
    limit: Option<u32>,
    offset: Option<u32>,
}

impl<T> Clone for SearchKeyPairs<T> {
    fn clone(&self) -> Self {
        Self {
            client: self.client.clone(),
            scope: self.scope,
            filter: self.filter.clone(),
            order: self.order.clone(),
            first: self.first,
            after: self.after.clone(),
            last: self.last,
            before: self.before.clone(),
            limit: self.limit,
            offset: self.offset,
        }
    }
}

/// One page of a v2 search.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyPairPage {
    /// The keypairs of the page, in the search's order (a backward page too, although
    /// the manager sends it the other way round).
    pub items: Vec<KeyPairV2>,
    /// How many keypairs match the filter in all (the manager's `count`).
    pub total: u64,
    /// Whether there is a page after this one.
    pub has_next_page: bool,
    /// Whether there is a page before this one.
    pub has_previous_page: bool,
    /// The first item's cursor (none when the page is empty).
    pub start_cursor: Option<Cursor>,
    /// The last item's cursor: pass it to [`SearchKeyPairs::after`] for the next page.
    pub end_cursor: Option<Cursor>,
}

/// How one request pages, once checked.
#[derive(Debug, Clone, PartialEq)]
enum Mode {
    Offset {
        limit: Option<u32>,
        offset: Option<u32>,
    },
    Forward {
        first: u32,
        after: Option<Cursor>,
    },
    Backward {
        last: u32,
        before: Option<Cursor>,
    },
}

impl<T: Transport> SearchKeyPairs<T> {
    pub(crate) fn new(client: KeyPairClient<T>, scope: Scope) -> Self {
        Self {
            client,
            scope,
            filter: KeyPairFilter::new(),
            order: Vec::new(),
            first: None,
            after: None,
            last: None,
            before: None,
            limit: None,
            offset: None,
        }
    }

    /// Only keypairs matching `filter` (replaces an earlier one).
    pub fn filter(mut self, filter: KeyPairFilter) -> Self {
        self.filter = filter;
        self
    }

    /// Orders by `field` in `direction`, after any order given before (offset mode only).
    /// Without one the manager orders by creation time, newest first.
    pub fn order_by(mut self, field: KeypairOrderField, direction: OrderDirection) -> Self {
        self.order.push(KeypairOrderBy { field, direction });
        self
    }

    /// Offset mode: at most `limit` keypairs (1 to [`MAX_LIMIT`]; the manager's default is 10).
    pub fn limit(mut self, limit: u32) -> Self {
        self.limit = Some(limit);
        self
    }

    /// Offset mode: skip the first `offset` keypairs.
    pub fn offset(mut self, offset: u32) -> Self {
        self.offset = Some(offset);
        self
    }

    /// Forward cursor mode: the first `first` keypairs (after [`after`](Self::after)).
    pub fn first(mut self, first: u32) -> Self {
        self.first = Some(first);
        self
    }

    /// Forward cursor mode: start after `cursor` (needs [`first`](Self::first)).
    pub fn after(mut self, cursor: Cursor) -> Self {
        self.after = Some(cursor);
        self
    }

    /// Backward cursor mode: the last `last` keypairs (before [`before`](Self::before)).
    pub fn last(mut self, last: u32) -> Self {
        self.last = Some(last);
        self
    }

    /// Backward cursor mode: end before `cursor` (needs [`last`](Self::last)).
    pub fn before(mut self, cursor: Cursor) -> Self {
        self.before = Some(cursor);
        self
    }

    /// The page this search describes.
    pub async fn send(&self) -> Result<KeyPairPage, Error> {
        let mode = self.mode()?;
        self.fetch(&mode).await
    }

    /// Every matching keypair, page by page as it is consumed. In a cursor mode it follows
    /// the manager's cursors from where the search starts ([`STREAM_PAGE_SIZE`] a page
    /// unless [`first`](Self::first) or [`last`](Self::last) says); in offset mode (the
    /// default) it moves the offset on by each page until the total is reached, keeping
    /// the order asked for. Nothing is sent until the stream is polled; an error ends it.
    pub fn stream(&self) -> BoxStream<'static, Result<KeyPairV2, Error>>
    where
        T: 'static,
    {
        let start = match self.mode() {
            Ok(Mode::Offset { limit, offset }) => Mode::Offset {
                limit: Some(limit.unwrap_or(STREAM_PAGE_SIZE)),
                offset: Some(offset.unwrap_or(0)),
            },
            Ok(cursor_mode) => cursor_mode,
            Err(error) => return stream::once(async { Err(error) }).boxed(),
        };
        let search = self.clone();
        stream::try_unfold(Some(start), move |mode| {
            let search = search.clone();
            async move {
                let Some(mode) = mode else {
                    return Ok::<_, Error>(None);
                };
                let page = search.fetch(&mode).await?;
                let next = next_mode(&mode, &page);
                Ok(Some((stream::iter(page.items.into_iter().map(Ok)), next)))
            }
        })
        .try_flatten()
        .boxed()
    }

    /// The one paging mode of this search, checked.
    fn mode(&self) -> Result<Mode, Error> {
        let forward = self.first.is_some() || self.after.is_some();
        let backward = self.last.is_some() || self.before.is_some();
        let offset = self.limit.is_some() || self.offset.is_some();
        if [forward, backward, offset].iter().filter(|&&on| on).count() > 1 {
            return Err(Error::invalid(
                "pagination",
                "use one mode per request: first/after, last/before or limit/offset",
            ));
        }
        let size = |what: &'static str, value: u32| {
            if value == 0 {
                Err(Error::invalid(what, "it must be at least 1"))
            } else {
                Ok(value)
            }
        };
        if (forward || backward) && !self.order.is_empty() {
            return Err(Error::invalid(
                "order",
                "the manager orders cursor pages by creation time, newest first, \
                 whatever is asked; order an offset search (limit/offset) instead",
            ));
        }
        if forward {
            let first = self.first.ok_or_else(|| {
                Error::invalid(
                    "after",
                    "a cursor needs `first` (the manager ignores it otherwise)",
                )
            })?;
            return Ok(Mode::Forward {
                first: size("first", first)?,
                after: self.after.clone(),
            });
        }
        if backward {
            let last = self.last.ok_or_else(|| {
                Error::invalid(
                    "before",
                    "a cursor needs `last` (the manager ignores it otherwise)",
                )
            })?;
            return Ok(Mode::Backward {
                last: size("last", last)?,
                before: self.before.clone(),
            });
        }
        if let Some(limit) = self.limit {
            size("limit", limit)?;
            if limit > MAX_LIMIT {
                return Err(Error::invalid(
                    "limit",
                    format!("{limit} is more than {MAX_LIMIT}, the manager's largest page"),
                ));
            }
        }
        Ok(Mode::Offset {
            limit: self.limit,
            offset: self.offset,
        })
    }

    async fn fetch(&self, mode: &Mode) -> Result<KeyPairPage, Error> {
        let filter = self.filter.to_input();
        let order_by = (!self.order.is_empty()).then(|| self.order.clone());
        let (first, after, last, before, limit, offset) = match mode.clone() {
            Mode::Offset { limit, offset } => (None, None, None, None, limit, offset),
            Mode::Forward { first, after } => (Some(first), after, None, None, None, None),
            Mode::Backward { last, before } => (None, None, Some(last), before, None, None),
        };
        let int = |value: Option<u32>| value.map(i64::from);
        let text = |cursor: Option<Cursor>| cursor.map(|cursor| cursor.as_str().to_owned());
        let page = match self.scope {
            Scope::Mine => {
                let variables = my_keypairs::Variables {
                    filter,
                    order_by,
                    before: text(before),
                    after: text(after),
                    first: int(first),
                    last: int(last),
                    limit: int(limit),
                    offset: int(offset),
                };
                self.client
                    .run_v2::<MyKeypairs, _>(&variables, |data| data.my_keypairs)
                    .await?
            }
            Scope::All => {
                let variables = admin_keypairs_v2::Variables {
                    filter,
                    order_by,
                    before: text(before),
                    after: text(after),
                    first: int(first),
                    last: int(last),
                    limit: int(limit),
                    offset: int(offset),
                };
                self.client
                    .run_v2::<AdminKeypairsV2, _>(&variables, |data| data.admin_keypairs_v2)
                    .await?
            }
        };
        let mut page = to_page(page, self.scope.operation())?;
        if matches!(mode, Mode::Backward { .. }) {
            // Manager 26.9 sends a backward page from its end (the keypair last in the
            // order first) and its cursors to match. Turned round, it reads like every
            // other page, and `before(start_cursor)` goes on where it stopped.
            page.items.reverse();
            std::mem::swap(&mut page.start_cursor, &mut page.end_cursor);
        }
        Ok(page)
    }
}

impl Scope {
    fn operation(self) -> &'static str {
        match self {
            Scope::Mine => "myKeypairs",
            Scope::All => "adminKeypairsV2",
        }
    }
}

/// Where a stream goes after `page`, if anywhere.
fn next_mode(mode: &Mode, page: &KeyPairPage) -> Option<Mode> {
    match mode {
        Mode::Offset { limit, offset } => {
            let at = u64::from(offset.unwrap_or(0)) + page.items.len() as u64;
            (!page.items.is_empty() && at < page.total).then(|| Mode::Offset {
                limit: *limit,
                offset: Some(u32::try_from(at).unwrap_or(u32::MAX)),
            })
        }
        Mode::Forward { first, .. } => {
            (page.has_next_page && page.end_cursor.is_some()).then(|| Mode::Forward {
                first: *first,
                after: page.end_cursor.clone(),
            })
        }
        Mode::Backward { last, .. } => (page.has_previous_page && page.start_cursor.is_some())
            .then(|| Mode::Backward {
                last: *last,
                before: page.start_cursor.clone(),
            }),
    }
}

fn to_page(page: KeyPairV2Page, operation: &'static str) -> Result<KeyPairPage, Error> {
    let total = u64::try_from(page.count).map_err(|_| {
        Error::decode(
            operation,
            DecodeError::BadCount {
                field: "count",
                value: page.count,
            },
        )
    })?;
    Ok(KeyPairPage {
        items: page
            .edges
            .into_iter()
            .map(|edge| KeyPairV2::from(edge.node))
            .collect(),
        total,
        has_next_page: page.page_info.has_next_page,
        has_previous_page: page.page_info.has_previous_page,
        start_cursor: page.page_info.start_cursor.map(Cursor::from),
        end_cursor: page.page_info.end_cursor.map(Cursor::from),
    })
}
