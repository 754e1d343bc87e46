//! OAuth2 client credentials against a real token endpoint on loopback.

use std::time::Duration;

use specgen_runtime::{AuthError, ClientAuthMethod, Error};
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::common::*;

async fn mount_identity(server: &MockServer) {
    Mock::given(method("GET"))
        .and(path("/identities/42"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"id": "42"})))
        .mount(server)
        .await;
}

#[tokio::test]
async fn token_is_fetched_once_and_cached_across_calls() {
    bounded(async {
        let server = MockServer::start().await;
        mount_tokens(&server, 3600, Duration::ZERO).await;
        mount_identity(&server).await;
        let client = oauth_client(&server);
        for _ in 0..3 {
            let r = client
                .request(&GET_IDENTITY)
                .path_param("id", &42)
                .send::<()>()
                .await
                .unwrap();
            assert_eq!(r.status(), 200);
        }
        let token_requests = requests_to(&server, TOKEN_PATH).await;
        assert_eq!(token_requests.len(), 1);
        let t = &token_requests[0];
        assert_eq!(
            form_field(t, "grant_type").as_deref(),
            Some("client_credentials")
        );
        assert_eq!(form_field(t, "client_id").as_deref(), Some(CLIENT_ID));
        assert_eq!(
            form_field(t, "client_secret").as_deref(),
            Some(CLIENT_SECRET)
        );
        assert!(
            auth_header(t).is_none(),
            "secret goes in the body by default"
        );
        let calls = requests_to(&server, "/identities/42").await;
        assert_eq!(calls.len(), 3);
        assert!(calls
            .iter()
            .all(|c| auth_header(c).as_deref() == Some("Bearer token-1")));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn twenty_concurrent_calls_share_one_token_request() {
    bounded(async {
        let server = MockServer::start().await;
        // A slow token endpoint makes sure the callers really overlap.
        mount_tokens(&server, 3600, Duration::from_millis(300)).await;
        mount_identity(&server).await;
        let client = oauth_client(&server);
        let tasks: Vec<_> = (0..20)
            .map(|_| {
                let client = client.clone();
                tokio::spawn(async move {
                    client
                        .request(&GET_IDENTITY)
                        .path_param("id", &"42")
                        .send::<()>()
                        .await
                        .map(|r| r.status())
                })
            })
            .collect();
        for t in tasks {
            assert_eq!(t.await.unwrap().unwrap(), 200);
        }
        assert_eq!(requests_to(&server, TOKEN_PATH).await.len(), 1);
        assert_eq!(requests_to(&server, "/identities/42").await.len(), 20);
    })
    .await;
}

#[tokio::test]
async fn token_is_refreshed_before_it_expires() {
    bounded(async {
        let server = MockServer::start().await;
        mount_tokens(&server, 1, Duration::ZERO).await;
        mount_identity(&server).await;
        let client = oauth_client(&server);
        let call = || async {
            client
                .request(&GET_IDENTITY)
                .path_param("id", &42)
                .send::<()>()
                .await
                .unwrap()
        };
        call().await;
        call().await; // still fresh
        assert_eq!(requests_to(&server, TOKEN_PATH).await.len(), 1);
        tokio::time::sleep(Duration::from_millis(1000)).await;
        call().await;
        assert_eq!(requests_to(&server, TOKEN_PATH).await.len(), 2);
        let calls = requests_to(&server, "/identities/42").await;
        assert_eq!(auth_header(&calls[2]).as_deref(), Some("Bearer token-2"));
    })
    .await;
}

#[tokio::test]
async fn a_401_refreshes_the_token_once_and_retries() {
    bounded(async {
        let server = MockServer::start().await;
        mount_tokens(&server, 3600, Duration::ZERO).await;
        Mock::given(path("/identities/42"))
            .and(header("authorization", "Bearer token-1"))
            .respond_with(ResponseTemplate::new(401))
            .mount(&server)
            .await;
        Mock::given(path("/identities/42"))
            .and(header("authorization", "Bearer token-2"))
            .respond_with(ResponseTemplate::new(200))
            .mount(&server)
            .await;
        let client = oauth_client(&server);
        let r = client
            .request(&GET_IDENTITY)
            .path_param("id", &42)
            .send::<()>()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        assert_eq!(requests_to(&server, TOKEN_PATH).await.len(), 2);
        assert_eq!(requests_to(&server, "/identities/42").await.len(), 2);
        // The fresh token is cached for the next call.
        client
            .request(&GET_IDENTITY)
            .path_param("id", &42)
            .send::<()>()
            .await
            .unwrap();
        assert_eq!(requests_to(&server, TOKEN_PATH).await.len(), 2);
    })
    .await;
}

#[tokio::test]
async fn a_second_401_is_returned_not_retried_forever() {
    bounded(async {
        let server = MockServer::start().await;
        mount_tokens(&server, 3600, Duration::ZERO).await;
        Mock::given(path("/identities/42"))
            .respond_with(ResponseTemplate::new(401))
            .mount(&server)
            .await;
        let client = oauth_client(&server);
        let r = client
            .request(&GET_IDENTITY)
            .path_param("id", &42)
            .send::<()>()
            .await
            .unwrap();
        assert_eq!(r.status(), 401);
        assert_eq!(requests_to(&server, TOKEN_PATH).await.len(), 2);
        assert_eq!(requests_to(&server, "/identities/42").await.len(), 2);
    })
    .await;
}

#[tokio::test]
async fn scopes_are_the_ones_the_operation_declares() {
    bounded(async {
        let server = MockServer::start().await;
        mount_tokens(&server, 3600, Duration::ZERO).await;
        mount_identity(&server).await;
        Mock::given(path("/accounts"))
            .respond_with(ResponseTemplate::new(200))
            .mount(&server)
            .await;
        let client = oauth_client(&server);
        client
            .request(&GET_IDENTITY)
            .path_param("id", &42)
            .send::<()>()
            .await
            .unwrap();
        client.request(&LIST_ACCOUNTS).send::<()>().await.unwrap();
        // Same scope set again: cached, whatever the order.
        client.request(&LIST_ACCOUNTS).send::<()>().await.unwrap();
        let scopes: Vec<_> = requests_to(&server, TOKEN_PATH)
            .await
            .iter()
            .map(|r| form_field(r, "scope").unwrap())
            .collect();
        assert_eq!(
            scopes,
            [
                "identity:read_identity",
                "funding:read_profile identity:read_identity"
            ]
        );
    })
    .await;
}

#[tokio::test]
async fn scopes_can_be_overridden() {
    bounded(async {
        let server = MockServer::start().await;
        mount_tokens(&server, 3600, Duration::ZERO).await;
        mount_identity(&server).await;
        Mock::given(path("/accounts"))
            .respond_with(ResponseTemplate::new(200))
            .mount(&server)
            .await;
        let client = builder(&server)
            .client_credentials(CLIENT_ID, CLIENT_SECRET)
            .scopes(["everything"])
            .operation_scopes("listAccounts", ["accounts:only"])
            .build()
            .unwrap();
        client
            .request(&GET_IDENTITY)
            .path_param("id", &42)
            .send::<()>()
            .await
            .unwrap();
        client.request(&LIST_ACCOUNTS).send::<()>().await.unwrap();
        let scopes: Vec<_> = requests_to(&server, TOKEN_PATH)
            .await
            .iter()
            .map(|r| form_field(r, "scope").unwrap())
            .collect();
        assert_eq!(scopes, ["everything", "accounts:only"]);
    })
    .await;
}

#[tokio::test]
async fn client_secret_can_go_in_a_basic_header() {
    bounded(async {
        let server = MockServer::start().await;
        mount_tokens(&server, 3600, Duration::ZERO).await;
        mount_identity(&server).await;
        let client = builder(&server)
            .client_credentials("id", "pw:1")
            .client_auth_method(ClientAuthMethod::BasicAuth)
            .build()
            .unwrap();
        client
            .request(&GET_IDENTITY)
            .path_param("id", &42)
            .send::<()>()
            .await
            .unwrap();
        let t = &requests_to(&server, TOKEN_PATH).await[0];
        // base64("id:pw%3A1"): RFC 6749 form-encodes both parts first.
        assert_eq!(auth_header(t).as_deref(), Some("Basic aWQ6cHclM0Ex"));
        assert_eq!(form_field(t, "client_secret"), None);
        assert_eq!(
            form_field(t, "grant_type").as_deref(),
            Some("client_credentials")
        );
    })
    .await;
}

#[tokio::test]
async fn token_url_can_be_overridden() {
    bounded(async {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path("/sandbox/token"))
            .respond_with(
                ResponseTemplate::new(200)
                    .set_body_json(serde_json::json!({"access_token": "sbx", "expires_in": "60"})),
            )
            .mount(&server)
            .await;
        Mock::given(path("/identities/42"))
            .and(header("authorization", "Bearer sbx"))
            .respond_with(ResponseTemplate::new(200))
            .mount(&server)
            .await;
        let client = builder(&server)
            .client_credentials(CLIENT_ID, CLIENT_SECRET)
            .token_url(format!("{}/sandbox/token", server.uri()))
            .build()
            .unwrap();
        let r = client
            .request(&GET_IDENTITY)
            .path_param("id", &42)
            .send::<()>()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
    })
    .await;
}

#[tokio::test]
async fn a_rejected_token_request_is_an_auth_error_shared_by_concurrent_callers() {
    bounded(async {
        let server = MockServer::start().await;
        Mock::given(path(TOKEN_PATH))
            .respond_with(
                ResponseTemplate::new(401)
                    .set_body_json(serde_json::json!({"error": "invalid_client"}))
                    .set_delay(Duration::from_millis(200)),
            )
            .mount(&server)
            .await;
        let client = oauth_client(&server);
        let tasks: Vec<_> = (0..5)
            .map(|_| {
                let client = client.clone();
                tokio::spawn(async move {
                    client
                        .request(&GET_IDENTITY)
                        .path_param("id", &42)
                        .send::<()>()
                        .await
                })
            })
            .collect();
        for t in tasks {
            match t.await.unwrap() {
                Err(Error::Auth(AuthError::TokenRejected { status, body })) => {
                    assert_eq!(status, 401);
                    assert!(body.contains("invalid_client"));
                }
                other => panic!("{other:?}"),
            }
        }
        assert_eq!(requests_to(&server, TOKEN_PATH).await.len(), 1);
        assert!(requests_to(&server, "/identities/42").await.is_empty());
    })
    .await;
}

#[tokio::test]
async fn a_flaky_token_endpoint_is_retried() {
    bounded(async {
        let server = MockServer::start().await;
        Mock::given(path(TOKEN_PATH))
            .respond_with(ResponseTemplate::new(503))
            .up_to_n_times(1)
            .with_priority(1)
            .mount(&server)
            .await;
        mount_tokens(&server, 3600, Duration::ZERO).await;
        Mock::given(path("/identities"))
            .respond_with(ResponseTemplate::new(201))
            .mount(&server)
            .await;
        let client = oauth_client(&server);
        // Even for a POST: fetching a token changes nothing on the API.
        let r = client
            .request(&CREATE_IDENTITY)
            .json(&serde_json::json!({}))
            .send::<()>()
            .await
            .unwrap();
        assert_eq!(r.status(), 201);
        assert_eq!(requests_to(&server, TOKEN_PATH).await.len(), 2);
    })
    .await;
}

#[tokio::test]
async fn missing_credentials_name_the_schemes_and_send_nothing() {
    bounded(async {
        let server = MockServer::start().await;
        let client = builder(&server).build().unwrap();
        let err = client
            .request(&BEARER_OR_OAUTH)
            .send::<()>()
            .await
            .unwrap_err();
        let text = err.to_string();
        assert!(matches!(
            err,
            Error::Auth(AuthError::MissingCredentials { .. })
        ));
        assert!(
            text.contains("getKyc") && text.contains("`OAuth2` or `bearerAuth`"),
            "{text}"
        );
        assert!(server.received_requests().await.unwrap().is_empty());
    })
    .await;
}

#[tokio::test]
async fn the_first_satisfiable_alternative_is_used() {
    bounded(async {
        let server = MockServer::start().await;
        Mock::given(path("/kyc"))
            .and(header("authorization", "Bearer static-bitgo-token"))
            .respond_with(ResponseTemplate::new(200))
            .mount(&server)
            .await;
        let client = builder(&server)
            .bearer_token("static-bitgo-token")
            .build()
            .unwrap();
        let r = client.request(&BEARER_OR_OAUTH).send::<()>().await.unwrap();
        assert_eq!(r.status(), 200);
        assert!(requests_to(&server, TOKEN_PATH).await.is_empty());
    })
    .await;
}
