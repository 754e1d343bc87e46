//! The paging loop, driven as a generated `…_pages` method drives it.

use std::sync::atomic::{AtomicUsize, Ordering};

use serde::Deserialize;
use specgen_runtime::{reqwest, ApiClient, Error, Operation, Pages, Patch, Response, TryStreamExt};
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

use crate::common::*;

const LIST_ITEMS: Operation = Operation {
    id: "listItems",
    method: reqwest::Method::GET,
    path: "/items",
    security: &[],
};

#[derive(Debug, Clone, Default)]
struct ListParams {
    cursor: Option<String>,
}

/// A page whose next cursor may be absent, `null` or a value.
#[derive(Debug, Deserialize)]
struct Page {
    #[serde(default)]
    next: Patch<String>,
    #[serde(default)]
    items: Option<Vec<u32>>,
}

async fn list(client: ApiClient, params: ListParams) -> Result<Response<Page>, Error<()>> {
    let mut request = client.request(&LIST_ITEMS);
    if let Some(cursor) = &params.cursor {
        request.query("cursor", cursor);
    }
    let response = request.send::<()>().await?;
    match response.status().as_u16() {
        200 => response.json(),
        _ => Err(response.unexpected()),
    }
}

fn pages(client: &ApiClient, params: ListParams) -> Pages<Page, ()> {
    Pages::new(
        client.clone(),
        params,
        list,
        |params| &mut params.cursor,
        |page| &page.next,
    )
}

/// Serves `bodies` in order, one per request, and counts requests.
struct Sequence {
    bodies: Vec<serde_json::Value>,
    served: AtomicUsize,
}

impl Respond for Sequence {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        let n = self.served.fetch_add(1, Ordering::SeqCst);
        match self.bodies.get(n) {
            Some(body) => ResponseTemplate::new(200).set_body_json(body),
            None => ResponseTemplate::new(500).set_body_string("asked once too often"),
        }
    }
}

async fn serve(server: &MockServer, bodies: Vec<serde_json::Value>) {
    Mock::given(method("GET"))
        .and(path("/items"))
        .respond_with(Sequence {
            bodies,
            served: AtomicUsize::new(0),
        })
        .mount(server)
        .await;
}

async fn cursors_sent(server: &MockServer) -> Vec<Option<String>> {
    requests_to(server, "/items")
        .await
        .iter()
        .map(|r| {
            r.url
                .query_pairs()
                .find(|(k, _)| k == "cursor")
                .map(|(_, v)| v.into_owned())
        })
        .collect()
}

#[tokio::test]
async fn null_and_absent_next_cursors_end_the_stream_and_absent_items_are_none() {
    bounded(async {
        let server = MockServer::start().await;
        serve(
            &server,
            vec![
                serde_json::json!({"next": "b", "items": [1, 2]}),
                serde_json::json!({"next": null}),
            ],
        )
        .await;
        let client = builder(&server).build().unwrap();
        let items: Vec<u32> = pages(&client, ListParams::default())
            .items(|page| page.items)
            .try_collect()
            .await
            .unwrap();
        assert_eq!(items, [1, 2]);
        assert_eq!(cursors_sent(&server).await, [None, Some("b".into())]);
    })
    .await;
}

#[tokio::test]
async fn the_stream_starts_at_the_given_cursor_and_never_follows_it_again() {
    bounded(async {
        let server = MockServer::start().await;
        serve(
            &server,
            vec![
                serde_json::json!({"next": "c", "items": [3]}),
                serde_json::json!({"next": "start", "items": [4]}),
            ],
        )
        .await;
        let client = builder(&server).build().unwrap();
        let params = ListParams {
            cursor: Some("start".into()),
        };
        let mut stream = pages(&client, params);
        let mut bodies = Vec::new();
        let error = loop {
            match stream.try_next().await {
                Ok(Some(page)) => bodies.push(page.body.items),
                Ok(None) => panic!("the stream ended without reporting the repeated cursor"),
                Err(error) => break error,
            }
        };
        assert_eq!(bodies, [Some(vec![3]), Some(vec![4])]);
        match &error {
            Error::RepeatedCursor { cursor, page } => {
                assert_eq!(cursor, "start");
                assert_eq!(*page, 2);
            }
            other => panic!("{other:?}"),
        }
        assert!(error.to_string().contains("already followed"), "{error}");
        assert!(
            stream.try_next().await.unwrap().is_none(),
            "the error is last"
        );
        assert_eq!(
            cursors_sent(&server).await,
            [Some("start".into()), Some("c".into())]
        );
    })
    .await;
}

#[tokio::test]
async fn a_failed_page_is_the_last_item() {
    bounded(async {
        let server = MockServer::start().await;
        Mock::given(path("/items"))
            .and(query_param_is_missing("cursor"))
            .respond_with(
                ResponseTemplate::new(200)
                    .set_body_json(serde_json::json!({"next": "x", "items": [1]})),
            )
            .mount(&server)
            .await;
        Mock::given(path("/items"))
            .and(query_param("cursor", "x"))
            .respond_with(ResponseTemplate::new(404))
            .mount(&server)
            .await;
        let client = builder(&server).build().unwrap();
        let mut items = pages(&client, ListParams::default()).items(|page| page.items);
        assert_eq!(items.try_next().await.unwrap(), Some(1));
        let error = items.try_next().await.unwrap_err();
        assert_eq!(error.status(), Some(reqwest::StatusCode::NOT_FOUND));
        assert!(items.try_next().await.unwrap().is_none());
        assert_eq!(requests_to(&server, "/items").await.len(), 2);
    })
    .await;
}

#[test]
fn streams_can_be_sent_to_another_task() {
    fn is_send_static<T: Send + 'static>(_: &T) {}
    let client = specgen_runtime::ClientBuilder::<ApiClient>::new("https://example.com")
        .build()
        .unwrap();
    let pages = pages(&client, ListParams::default());
    is_send_static(&pages);
    is_send_static(&pages.items(|page| page.items));
}
