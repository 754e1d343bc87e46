//! Cursor pagination: the pages of a list operation, and their items, as streams.
//!
//! A generated `…_pages` method hands [`Pages::new`] its own operation (as a closure), its
//! arguments, and where the cursor sits in the request and in the response body; the loop
//! below is the same for every operation. A stream ends after the first page without a
//! next cursor (absent, `null` or empty), and fails with [`Error::RepeatedCursor`] instead
//! of following a cursor it already followed, so a server that hands out the same cursor
//! again cannot make it loop.

use std::collections::HashSet;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_util::stream::{self, BoxStream, Stream, StreamExt};

use crate::error::{truncate_body, Error, MAX_ERROR_BODY_BYTES};
use crate::patch::Patch;
use crate::redact::Sensitive;
use crate::response::Response;

/// A field that holds a page cursor, in whichever shape the spec gives it.
pub trait PageCursor {
    /// The cursor, when there is one.
    fn cursor(&self) -> Option<&str>;
}

impl PageCursor for String {
    fn cursor(&self) -> Option<&str> {
        Some(self)
    }
}

impl<C: PageCursor> PageCursor for Option<C> {
    fn cursor(&self) -> Option<&str> {
        self.as_ref().and_then(PageCursor::cursor)
    }
}

impl<C: PageCursor> PageCursor for Patch<C> {
    fn cursor(&self) -> Option<&str> {
        self.as_option().and_then(PageCursor::cursor)
    }
}

impl<C: PageCursor> PageCursor for Sensitive<C> {
    fn cursor(&self) -> Option<&str> {
        self.expose().cursor()
    }
}

/// A field that holds a page's items, in whichever shape the spec gives it; an absent or
/// `null` list is a page without items.
pub trait PageItems<I> {
    /// The items, in order.
    fn into_items(self) -> Vec<I>;
}

impl<I> PageItems<I> for Vec<I> {
    fn into_items(self) -> Vec<I> {
        self
    }
}

impl<I, V: PageItems<I>> PageItems<I> for Option<V> {
    fn into_items(self) -> Vec<I> {
        self.map(PageItems::into_items).unwrap_or_default()
    }
}

impl<I, V: PageItems<I>> PageItems<I> for Patch<V> {
    fn into_items(self) -> Vec<I> {
        self.into_option().flatten().into_items()
    }
}

/// The pages of a list operation, one response each, as a [`Stream`].
///
/// Created by a generated `…_pages` method. Each page is requested with the cursor the
/// previous one returned; the stream ends after a page without one. An error (a failed
/// request, or [`Error::RepeatedCursor`]) is the last item. Retries of a page happen inside
/// the request, as for any call. The stream is `Send` and `'static`: it owns a clone of
/// the client and of the parameters.
pub struct Pages<T, E> {
    pages: BoxStream<'static, Result<Response<T>, Error<E>>>,
}

/// Where the paging loop stands between two pages.
enum Step<S, E> {
    Fetch(S),
    Fail(Error<E>),
    Done,
}

/// What the loop needs to request the next page.
struct Pager<C, P, Fetch, CursorParam, NextCursor> {
    client: C,
    params: P,
    fetch: Fetch,
    cursor_param: CursorParam,
    next_cursor: NextCursor,
    /// Every cursor requested so far.
    followed: HashSet<String>,
    pages: usize,
}

impl<T: Send + 'static, E: Send + 'static> Pages<T, E> {
    /// Pages through `fetch(client, params)`: `cursor_param` points at the cursor in the
    /// parameters (its value when the stream starts is where it starts), `next_cursor` at
    /// the next cursor in a page's body.
    pub fn new<C, P, Q, N, Fetch, Fut, CursorParam, NextCursor>(
        client: C,
        mut params: P,
        fetch: Fetch,
        cursor_param: CursorParam,
        next_cursor: NextCursor,
    ) -> Self
    where
        C: Clone + Send + 'static,
        P: Clone + Send + 'static,
        Q: PageCursor + From<String>,
        N: PageCursor + ?Sized,
        Fetch: Fn(C, P) -> Fut + Send + 'static,
        Fut: Future<Output = Result<Response<T>, Error<E>>> + Send + 'static,
        CursorParam: Fn(&mut P) -> &mut Option<Q> + Send + 'static,
        NextCursor: Fn(&T) -> &N + Send + 'static,
    {
        let followed = cursor_param(&mut params)
            .cursor()
            .map(str::to_owned)
            .into_iter()
            .collect();
        let pager = Pager {
            client,
            params,
            fetch,
            cursor_param,
            next_cursor,
            followed,
            pages: 0,
        };
        let pages = stream::unfold(Step::Fetch(pager), |step| async move {
            let mut pager = match step {
                Step::Fetch(pager) => pager,
                Step::Fail(error) => return Some((Err(error), Step::Done)),
                Step::Done => return None,
            };
            let page = match (pager.fetch)(pager.client.clone(), pager.params.clone()).await {
                Ok(page) => page,
                Err(error) => return Some((Err(error), Step::Done)),
            };
            pager.pages += 1;
            let next = match (pager.next_cursor)(&page.body).cursor() {
                Some(next) if !next.is_empty() => next.to_owned(),
                _ => return Some((Ok(page), Step::Done)),
            };
            if !pager.followed.insert(next.clone()) {
                let error = Error::RepeatedCursor {
                    cursor: truncate_body(&next, MAX_ERROR_BODY_BYTES),
                    page: pager.pages,
                };
                return Some((Ok(page), Step::Fail(error)));
            }
            *(pager.cursor_param)(&mut pager.params) = Some(Q::from(next));
            Some((Ok(page), Step::Fetch(pager)))
        });
        Pages {
            pages: pages.boxed(),
        }
    }

    /// The items of every page, one by one: `items` takes them out of a page's body. An
    /// error ends the stream as it ends the pages.
    pub fn items<I, V, Take>(self, items: Take) -> Items<I, E>
    where
        I: Send + 'static,
        V: PageItems<I>,
        Take: Fn(T) -> V + Send + 'static,
    {
        let items = self.pages.flat_map(move |page| {
            let (batch, error) = match page {
                Ok(page) => (items(page.body).into_items(), None),
                Err(error) => (Vec::new(), Some(error)),
            };
            stream::iter(batch.into_iter().map(Ok).chain(error.map(Err)))
        });
        Items {
            items: items.boxed(),
        }
    }
}

impl<T, E> Stream for Pages<T, E> {
    type Item = Result<Response<T>, Error<E>>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.pages.poll_next_unpin(cx)
    }
}

impl<T, E> fmt::Debug for Pages<T, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pages").finish_non_exhaustive()
    }
}

/// The items of every page of a list operation, as a [`Stream`]; see [`Pages::items`].
pub struct Items<I, E> {
    items: BoxStream<'static, Result<I, Error<E>>>,
}

impl<I, E> Stream for Items<I, E> {
    type Item = Result<I, Error<E>>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.items.poll_next_unpin(cx)
    }
}

impl<I, E> fmt::Debug for Items<I, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Items").finish_non_exhaustive()
    }
}
