//! Paginated operations through the client, as async streams of pages and of
//! items: each page is one `send`, made when the stream is polled for it.

use super::{Client, SdkError};
use crate::{PageItems, Paginated};
use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

type Page<O> = Result<<O as crate::Operation>::Output, SdkError<<O as crate::Operation>::Error>>;
type InFlight<'c, O> =
    Pin<Box<dyn Future<Output = (<O as crate::Operation>::Input, Page<O>)> + Send + 'c>>;

/// The pages of a paginated operation, from a first input on: a
/// [`futures_core::Stream`] of `Result<Output, SdkError<_>>`, or
/// [`Pages::next_page`] without a stream library. It ends after the page
/// without a next token, or after the first error.
pub struct Pages<'c, O: Paginated> {
    client: &'c Client,
    next: Option<O::Input>,
    in_flight: Option<InFlight<'c, O>>,
}

impl Client {
    /// The pages of `O` from `input` on (`client.pages::<GetRestApis>(input)`).
    pub fn pages<O: Paginated>(&self, input: O::Input) -> Pages<'_, O> {
        Pages {
            client: self,
            next: Some(input),
            in_flight: None,
        }
    }

    /// The items of every page of `O` from `input` on, one at a time
    /// (`client.items::<GetRestApis>(input)` yields `RestApi`s).
    pub fn items<O: Paginated>(&self, input: O::Input) -> Items<'_, O> {
        Items {
            pages: self.pages::<O>(input),
            buffered: VecDeque::new(),
        }
    }
}

impl<'c, O> Pages<'c, O>
where
    O: Paginated + 'c,
    O::Input: Send + Sync + Unpin + 'c,
    O::Output: Send + 'c,
    O::Error: Send + 'c,
{
    /// The next page, or `None` when there are no more.
    pub async fn next_page(&mut self) -> Option<Page<O>> {
        std::future::poll_fn(|cx| self.poll_page(cx)).await
    }

    fn poll_page(&mut self, cx: &mut Context<'_>) -> Poll<Option<Page<O>>> {
        if self.in_flight.is_none() {
            let Some(input) = self.next.take() else {
                return Poll::Ready(None);
            };
            let client = self.client;
            self.in_flight = Some(Box::pin(async move {
                let page = client.send::<O>(&input).await;
                (input, page)
            }));
        }
        let Some(in_flight) = self.in_flight.as_mut() else {
            return Poll::Ready(None);
        };
        match in_flight.as_mut().poll(cx) {
            Poll::Pending => Poll::Pending,
            Poll::Ready((input, page)) => {
                self.in_flight = None;
                if let Ok(output) = &page {
                    self.next = O::next_input(&input, output);
                }
                Poll::Ready(Some(page))
            }
        }
    }
}

impl<'c, O> futures_core::Stream for Pages<'c, O>
where
    O: Paginated + 'c,
    O::Input: Send + Sync + Unpin + 'c,
    O::Output: Send + 'c,
    O::Error: Send + 'c,
{
    type Item = Page<O>;
    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.get_mut().poll_page(cx)
    }
}

/// The items of every page of a paginated operation: a
/// [`futures_core::Stream`] of `Result<Item, SdkError<_>>`, or
/// [`Items::next_item`]. An error ends it.
pub struct Items<'c, O: Paginated> {
    pages: Pages<'c, O>,
    buffered: VecDeque<<O::Items as PageItems>::Item>,
}

type Item<O> =
    Result<<<O as Paginated>::Items as PageItems>::Item, SdkError<<O as crate::Operation>::Error>>;

impl<'c, O> Items<'c, O>
where
    O: Paginated + 'c,
    O::Input: Send + Sync + Unpin + 'c,
    O::Output: Send + 'c,
    O::Error: Send + 'c,
    <O::Items as PageItems>::Item: Unpin,
{
    /// The next item, or `None` when every page is done.
    pub async fn next_item(&mut self) -> Option<Item<O>> {
        std::future::poll_fn(|cx| self.poll_item(cx)).await
    }

    fn poll_item(&mut self, cx: &mut Context<'_>) -> Poll<Option<Item<O>>> {
        loop {
            if let Some(item) = self.buffered.pop_front() {
                return Poll::Ready(Some(Ok(item)));
            }
            match self.pages.poll_page(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(None) => return Poll::Ready(None),
                Poll::Ready(Some(Err(e))) => return Poll::Ready(Some(Err(e))),
                Poll::Ready(Some(Ok(page))) => {
                    self.buffered.extend(O::items(page).into_items());
                }
            }
        }
    }
}

impl<'c, O> futures_core::Stream for Items<'c, O>
where
    O: Paginated + 'c,
    O::Input: Send + Sync + Unpin + 'c,
    O::Output: Send + 'c,
    O::Error: Send + 'c,
    <O::Items as PageItems>::Item: Unpin,
{
    type Item = Item<O>;
    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.get_mut().poll_item(cx)
    }
}
