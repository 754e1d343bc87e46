//! Uploads to a pre-signed URL: the bytes arrive intact, the API's credentials never do.

use std::time::Duration;

use specgen_runtime::{ApiKeyLocation, Error, SchemeKind};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::common::*;

/// Every byte value, so an encoding step on the way would show.
fn scan() -> Vec<u8> {
    (0..=255u8).cycle().take(3 * 1024 + 7).collect()
}

/// The storage host: answers the first PUT to the signed path with `first`, and any later
/// one with `then` (when given).
async fn storage(first: ResponseTemplate, then: Option<ResponseTemplate>) -> MockServer {
    let storage = MockServer::start().await;
    let put = || Mock::given(method("PUT")).and(path("/bucket/identities/doc-1"));
    match then {
        Some(then) => {
            put()
                .respond_with(first)
                .up_to_n_times(1)
                .with_priority(1)
                .mount(&storage)
                .await;
            put().respond_with(then).mount(&storage).await;
        }
        None => put().respond_with(first).mount(&storage).await,
    }
    storage
}

fn signed_url(storage: &MockServer) -> String {
    format!(
        "{}/bucket/identities/doc-1?X-Amz-Signature=abc%2Fdef&X-Amz-Expires=900",
        storage.uri()
    )
}

#[tokio::test]
async fn no_credential_or_default_header_reaches_the_storage_host() {
    bounded(async {
        let api = MockServer::start().await;
        mount_tokens(&api, 3600, Duration::ZERO).await;
        let storage = storage(ResponseTemplate::new(200), None).await;
        // Every kind of credential the client could add, and a default header.
        let client = builder(&api)
            .scheme(
                "headerKey",
                SchemeKind::ApiKey {
                    location: ApiKeyLocation::Header,
                    name: "X-Api-Key",
                },
            )
            .client_credentials(CLIENT_ID, CLIENT_SECRET)
            .bearer_token("bearer-secret")
            .api_key("key-secret")
            .default_header("X-Tenant", "tenant-7")
            .user_agent("identity-app/1.0")
            .build()
            .unwrap();

        let response = client
            .upload_to_presigned_url(&signed_url(&storage), scan(), "application/pdf")
            .await
            .unwrap();
        assert_eq!(response.status, 200);

        let received = storage.received_requests().await.unwrap();
        assert_eq!(received.len(), 1);
        let upload = &received[0];
        assert_eq!(upload.body, scan(), "the body arrives byte for byte");
        assert_eq!(
            upload.url.query(),
            Some("X-Amz-Signature=abc%2Fdef&X-Amz-Expires=900"),
            "the signature is sent as given"
        );
        assert_eq!(upload.headers["content-type"], "application/pdf");
        assert_eq!(upload.headers["user-agent"], "identity-app/1.0");
        for header in ["authorization", "x-api-key", "x-tenant", "cookie"] {
            assert!(
                !upload.headers.contains_key(header),
                "`{header}` reached the storage host"
            );
        }
        assert!(
            api.received_requests().await.unwrap().is_empty(),
            "no token was requested and nothing reached the API"
        );
    })
    .await;
}

#[tokio::test]
async fn a_throttled_upload_is_retried_with_the_same_bytes() {
    bounded(async {
        let api = MockServer::start().await;
        let storage = storage(ResponseTemplate::new(503), Some(ResponseTemplate::new(201))).await;
        let client = builder(&api).bearer_token("bearer-secret").build().unwrap();

        let response = client
            .upload_to_presigned_url(&signed_url(&storage), scan(), "image/png")
            .await
            .unwrap();
        assert_eq!(response.status, 201);
        let received = storage.received_requests().await.unwrap();
        assert_eq!(received.len(), 2, "one retry after the 503");
        assert!(received.iter().all(|r| r.body == scan()));
        assert!(received.iter().all(|r| auth_header(r).is_none()));
    })
    .await;
}

#[tokio::test]
async fn a_refused_upload_is_an_unexpected_status_with_the_hosts_answer() {
    bounded(async {
        let api = MockServer::start().await;
        let expired = ResponseTemplate::new(403).set_body_string("<Error>Expired</Error>");
        let storage = storage(expired, None).await;
        let client = builder(&api).build().unwrap();
        let error = client
            .upload_to_presigned_url(&signed_url(&storage), scan(), "application/pdf")
            .await
            .unwrap_err();
        match error {
            Error::UnexpectedStatus { status, body, .. } => {
                assert_eq!(status, 403);
                assert_eq!(body, "<Error>Expired</Error>");
            }
            other => panic!("{other:?}"),
        }
        let error = client
            .upload_to_presigned_url("/bucket?X-Amz-Signature=secret", scan(), "application/pdf")
            .await
            .unwrap_err();
        assert!(matches!(error, Error::InvalidRequest(_)), "{error:?}");
        assert!(!error.to_string().contains("secret"), "{error}");
    })
    .await;
}
