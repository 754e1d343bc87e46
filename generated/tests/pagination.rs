//! The pagination fixture's generated streams against a server on loopback: pages follow
//! the cursor, items come out in order, and the stream ends on an absent or empty cursor
//! and fails (instead of looping) on a cursor it already followed.

use std::time::Duration;

use specgen_golden::fixture_pagination::*;
use specgen_runtime::serde_json::{json, Value};
use specgen_runtime::{Error, StreamExt, TryStreamExt};
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn client(server: &MockServer) -> Client {
    Client::builder(server.uri())
        .timeout(Duration::from_secs(5))
        .build()
        .expect("a client for the mock server")
}

/// Answers `GET {route}` with `body` when the cursor parameter `name` is `cursor` (absent
/// for `None`).
async fn page(server: &MockServer, route: &str, name: &str, cursor: Option<&str>, body: Value) {
    let mock = Mock::given(method("GET")).and(path(route));
    let mock = match cursor {
        Some(cursor) => mock.and(query_param(name, cursor)),
        None => mock.and(query_param_is_missing(name)),
    };
    mock.respond_with(ResponseTemplate::new(200).set_body_json(body))
        .mount(server)
        .await;
}

fn identity(id: &str) -> Value {
    json!({"id": id, "name": format!("name of {id}")})
}

/// The cursor each request to `route` carried, in order.
async fn cursors_sent(server: &MockServer, route: &str, name: &str) -> Vec<Option<String>> {
    server
        .received_requests()
        .await
        .expect("requests are recorded")
        .iter()
        .filter(|r| r.url.path() == route)
        .map(|r| {
            r.url
                .query_pairs()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.into_owned())
        })
        .collect()
}

/// One `/identities` page per entry: asked for with this cursor (none for the first),
/// holding identities with these ids, and pointing at this next cursor (absent for `None`).
async fn identity_pages(server: &MockServer, pages: &[(Option<&str>, &[&str], Option<&str>)]) {
    for (cursor, ids, next) in pages {
        let mut body = json!({"items": ids.iter().map(|id| identity(id)).collect::<Vec<_>>()});
        if let Some(next) = next {
            body["next_page_cursor"] = json!(next);
        }
        page(server, "/identities", "page_cursor", *cursor, body).await;
    }
}

/// Three pages: `["a", "b"]`, then `["c"]`, then `["d", "e"]` and no next cursor.
async fn three_pages(server: &MockServer) {
    identity_pages(
        server,
        &[
            (None, &["a", "b"], Some("c2")),
            (Some("c2"), &["c"], Some("c3")),
            (Some("c3"), &["d", "e"], None),
        ],
    )
    .await;
}

async fn bounded<F: std::future::Future>(f: F) -> F::Output {
    tokio::time::timeout(Duration::from_secs(20), f)
        .await
        .expect("test exceeded its 20 s bound")
}

#[tokio::test]
async fn the_page_stream_follows_the_cursor_through_three_pages() {
    bounded(async {
        let server = MockServer::start().await;
        three_pages(&server).await;
        let params = ListIdentitiesParams::new().set_limit(2);
        let pages: Vec<IdentityPage> = client(&server)
            .list_identities_pages(&params)
            .map_ok(|response| response.body)
            .try_collect()
            .await
            .expect("every page arrives");
        let ids: Vec<Vec<&str>> = pages
            .iter()
            .map(|page| page.items.iter().map(|i| i.id.as_str()).collect())
            .collect();
        assert_eq!(ids, [vec!["a", "b"], vec!["c"], vec!["d", "e"]]);
        assert_eq!(
            cursors_sent(&server, "/identities", "page_cursor").await,
            [None, Some("c2".into()), Some("c3".into())]
        );
        let requests = server.received_requests().await.expect("recorded");
        assert!(
            requests
                .iter()
                .all(|r| r.url.query_pairs().any(|(k, v)| k == "limit" && v == "2")),
            "every page keeps the other parameters"
        );
    })
    .await;
}

#[tokio::test]
async fn the_item_stream_yields_every_item_of_every_page_in_order() {
    bounded(async {
        let server = MockServer::start().await;
        three_pages(&server).await;
        let identities: Vec<Identity> = client(&server)
            .list_identities_stream(&ListIdentitiesParams::default())
            .try_collect()
            .await
            .expect("every item arrives");
        let ids: Vec<&str> = identities.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids, ["a", "b", "c", "d", "e"]);
        assert_eq!(identities[2].name, "name of c");
    })
    .await;
}

#[tokio::test]
async fn an_empty_next_cursor_ends_the_stream() {
    bounded(async {
        let server = MockServer::start().await;
        identity_pages(
            &server,
            &[(None, &["a"], Some("c2")), (Some("c2"), &["b"], Some(""))],
        )
        .await;
        let identities: Vec<Identity> = client(&server)
            .list_identities_stream(&ListIdentitiesParams::default())
            .try_collect()
            .await
            .expect("both pages arrive");
        assert_eq!(identities.len(), 2);
        assert_eq!(server.received_requests().await.expect("recorded").len(), 2);
    })
    .await;
}

#[tokio::test]
async fn a_repeated_cursor_ends_the_stream_with_an_error_instead_of_looping() {
    bounded(async {
        let server = MockServer::start().await;
        // The server hands out the cursor it was just asked with.
        identity_pages(
            &server,
            &[(None, &["a"], Some("c2")), (Some("c2"), &["b"], Some("c2"))],
        )
        .await;
        let mut items = client(&server).list_identities_stream(&ListIdentitiesParams::default());
        let mut ids = Vec::new();
        let error = loop {
            match items.next().await {
                Some(Ok(identity)) => ids.push(identity.id),
                Some(Err(error)) => break error,
                None => panic!("the stream ended without an error after {ids:?}"),
            }
        };
        assert_eq!(ids, ["a", "b"], "the items of both pages come first");
        match error {
            Error::RepeatedCursor { cursor, page } => {
                assert_eq!(cursor, "c2");
                assert_eq!(page, 2);
            }
            other => panic!("{other:?}"),
        }
        assert!(items.next().await.is_none(), "nothing follows the error");
        assert_eq!(server.received_requests().await.expect("recorded").len(), 2);
    })
    .await;
}

#[tokio::test]
async fn a_documented_error_status_ends_the_stream_typed() {
    bounded(async {
        let server = MockServer::start().await;
        identity_pages(&server, &[(None, &["a"], Some("stale"))]).await;
        Mock::given(path("/identities"))
            .and(query_param("page_cursor", "stale"))
            .respond_with(
                ResponseTemplate::new(400).set_body_json(json!({"message": "cursor expired"})),
            )
            .mount(&server)
            .await;
        let mut pages = client(&server).list_identities_pages(&ListIdentitiesParams::default());
        assert!(pages.next().await.expect("a first page").is_ok());
        match pages.next().await {
            Some(Err(Error::Api {
                body: ListIdentitiesError::BadRequest(problem),
                ..
            })) => assert_eq!(problem.message, "cursor expired"),
            other => panic!("{other:?}"),
        }
        assert!(pages.next().await.is_none());
    })
    .await;
}

#[tokio::test]
async fn declared_pagination_with_path_arguments_and_a_null_cursor() {
    bounded(async {
        let server = MockServer::start().await;
        // `id/7` is one path segment: the stream keeps the argument as the method encodes it.
        let route = "/identities/id%2F7/documents";
        page(
            &server,
            route,
            "after",
            None,
            json!({"documents": [{"id": "d1"}], "warnings": ["blurry"], "continuation": "k2"}),
        )
        .await;
        page(
            &server,
            route,
            "after",
            Some("k2"),
            json!({"documents": [{"id": "d2", "kind": "passport"}], "continuation": null}),
        )
        .await;
        let documents: Vec<Document> = client(&server)
            .list_identity_documents_stream("id/7", &ListIdentityDocumentsParams::default())
            .try_collect()
            .await
            .expect("both pages arrive");
        let ids: Vec<&str> = documents.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(
            ids,
            ["d1", "d2"],
            "the declared `documents` array, not `warnings`"
        );
        assert_eq!(
            cursors_sent(&server, route, "after").await,
            [None, Some("k2".into())]
        );
    })
    .await;
}

// The fixture's operation is deprecated, and so are its streams.
#[allow(deprecated)]
#[tokio::test]
async fn path_arguments_passed_by_value_are_kept_for_every_page() {
    bounded(async {
        let server = MockServer::start().await;
        let institution = specgen_runtime::uuid::Uuid::from_u128(0x1234);
        let route = format!("/institutions/{institution}/accounts/42/members");
        page(
            &server,
            &route,
            "pageToken",
            None,
            json!({"members": ["m1"], "nextPageToken": "t2"}),
        )
        .await;
        page(
            &server,
            &route,
            "pageToken",
            Some("t2"),
            json!({"members": ["m2"]}),
        )
        .await;
        let members: Vec<String> = client(&server)
            .list_members_of_the_institution_account_with_their_roles_stream(
                institution,
                42,
                &Default::default(),
            )
            .try_collect()
            .await
            .expect("both pages arrive");
        assert_eq!(members, ["m1", "m2"]);
    })
    .await;
}

/// Shapes that must not page: turned off with `x-specgen-pagination: false`, and two arrays
/// where detection cannot tell which holds the items. (A call to a missing method would not
/// compile; what is checked here is that the plain methods remain.)
#[test]
fn operations_that_do_not_page_keep_only_their_plain_method() {
    let source = include_str!("../fixtures/pagination.rs");
    for method in ["list_events", "list_audit_entries"] {
        assert!(source.contains(&format!("pub async fn {method}(")));
        assert!(
            !source.contains(&format!("pub fn {method}_pages(")),
            "{method}"
        );
        assert!(
            !source.contains(&format!("pub fn {method}_stream(")),
            "{method}"
        );
    }
    for method in ["list_identities", "list_identity_documents"] {
        assert!(
            source.contains(&format!("pub fn {method}_pages(")),
            "{method}"
        );
        assert!(
            source.contains(&format!("pub fn {method}_stream(")),
            "{method}"
        );
    }
}
