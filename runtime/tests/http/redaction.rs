//! `Debug` output of everything a user might log never shows a credential.

use std::time::Duration;

use specgen_runtime::{
    ApiClient, ApiKeyLocation, ClientBuilder, Credentials, Error, Operation, RetryPolicy,
    SchemeKind, Sensitive,
};
use wiremock::matchers::path;
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::common::*;

const BEARER: &str = "bearer-TOKEN-xyz";
const API_KEY: &str = "api-KEY-777";
const PASSWORD: &str = "basic-PASSWORD-42";
const SSN: &str = "123-45-6789";

fn assert_clean(what: &str, text: &str) {
    for secret in [CLIENT_SECRET, BEARER, API_KEY, PASSWORD, SSN, "token-1"] {
        assert!(!text.contains(secret), "{what} shows {secret}: {text}");
    }
}

fn full_builder(base: &str) -> ClientBuilder<ApiClient> {
    ClientBuilder::new(base)
        .scheme(
            "OAuth2",
            SchemeKind::OAuth2ClientCredentials {
                token_url: TOKEN_PATH,
            },
        )
        .scheme("bearerAuth", SchemeKind::HttpBearer)
        .scheme("basicAuth", SchemeKind::HttpBasic)
        .scheme(
            "queryKey",
            SchemeKind::ApiKey {
                location: ApiKeyLocation::Query,
                name: "api_key",
            },
        )
        .client_credentials(CLIENT_ID, CLIENT_SECRET)
        .bearer_token(BEARER)
        .basic_auth("user", PASSWORD)
        .api_key(API_KEY)
        .retry(fast_retry())
        .timeout(Duration::from_secs(5))
}

#[tokio::test]
async fn builder_client_and_request_debug_are_redacted() {
    bounded(async {
        let server = MockServer::start().await;
        mount_tokens(&server, 3600, Duration::ZERO).await;
        Mock::given(path("/identities/42"))
            .respond_with(ResponseTemplate::new(200))
            .mount(&server)
            .await;
        let builder =
            full_builder(&server.uri()).credentials("bearerAuth", Credentials::bearer(BEARER));
        let text = format!("{builder:?}");
        assert_clean("ClientBuilder", &text);
        assert!(
            text.contains(CLIENT_ID),
            "non-secret ids stay visible: {text}"
        );

        let client = builder.build().unwrap();
        // Use the client so that a token is cached inside it.
        client
            .request(&GET_IDENTITY)
            .path_param("id", &42)
            .send::<()>()
            .await
            .unwrap();
        assert_clean("ApiClient", &format!("{client:?}"));
        assert_clean("ApiClient (alternate)", &format!("{client:#?}"));

        let mut request = client.request(&GET_IDENTITY);
        request
            .path_param("id", &SSN)
            .query("ssn", &SSN)
            .header("x-ssn", &SSN)
            .json(&serde_json::json!({"ssn": SSN}));
        let text = format!("{request:?}");
        assert_clean("RequestBuilder", &text);
        assert!(
            text.contains("getIdentity") && text.contains("x-ssn"),
            "{text}"
        );
    })
    .await;
}

#[tokio::test]
async fn credentials_and_sensitive_values_are_redacted() {
    for creds in [
        Credentials::client_credentials(CLIENT_ID, CLIENT_SECRET),
        Credentials::bearer(BEARER),
        Credentials::basic("user", PASSWORD),
        Credentials::api_key(API_KEY),
        Credentials::bearer_source(|| async { Ok::<_, String>(BEARER.to_string()) }),
    ] {
        assert_clean("Credentials", &format!("{creds:?}"));
    }
    let ssn = Sensitive::new(SSN.to_string());
    assert_clean("Sensitive Debug", &format!("{ssn:?}"));
    assert_clean("Sensitive Display", &format!("{ssn}"));
    assert_eq!(serde_json::to_string(&ssn).unwrap(), format!("\"{SSN}\""));
}

#[tokio::test]
async fn transport_errors_do_not_show_an_api_key_from_the_query() {
    bounded(async {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        const QUERY_KEYED: Operation = Operation {
            id: "getQueryKeyed",
            method: specgen_runtime::reqwest::Method::GET,
            path: "/keyed",
            security: &[&[("queryKey", &[])]],
        };
        let client = full_builder(&format!("http://127.0.0.1:{port}"))
            .retry(RetryPolicy::none())
            .build()
            .unwrap();
        let err = client
            .request(&QUERY_KEYED)
            .query("ssn", &SSN)
            .send::<()>()
            .await
            .unwrap_err();
        assert!(matches!(err, Error::Transport(_)), "{err:?}");
        assert_clean("transport error Debug", &format!("{err:?}"));
        assert_clean("transport error Display", &format!("{err}"));
        assert!(
            format!("{err:?}").contains("/keyed"),
            "the URL's path stays: {err:?}"
        );
    })
    .await;
}

#[tokio::test]
async fn responses_and_errors_hide_credential_headers_and_bodies() {
    bounded(async {
        let server = MockServer::start().await;
        Mock::given(path("/status"))
            .respond_with(
                ResponseTemplate::new(500)
                    .insert_header("set-cookie", format!("session={BEARER}"))
                    .insert_header("x-auth-token", BEARER)
                    .insert_header("x-request-id", "visible-id")
                    .set_body_string(format!("{{\"ssn\":\"{SSN}\"}}")),
            )
            .mount(&server)
            .await;
        let client = full_builder(&server.uri()).build().unwrap();
        let raw = client.request(&PUBLIC_STATUS).send::<()>().await.unwrap();
        let text = format!("{raw:?}");
        assert_clean("RawResponse", &text);
        assert!(
            text.contains("visible-id") && text.contains("body_len"),
            "{text}"
        );
        let err = raw.unexpected::<()>();
        let text = format!("{err:?}");
        assert!(!text.contains(BEARER), "{text}");
        assert!(text.contains("visible-id"), "{text}");
    })
    .await;
}

#[tokio::test]
async fn auth_errors_do_not_show_the_client_secret() {
    bounded(async {
        let server = MockServer::start().await;
        Mock::given(path(TOKEN_PATH))
            .respond_with(
                ResponseTemplate::new(400)
                    .set_body_json(serde_json::json!({"error": "invalid_scope"})),
            )
            .mount(&server)
            .await;
        let client = full_builder(&server.uri()).build().unwrap();
        let err = client
            .request(&GET_IDENTITY)
            .path_param("id", &1)
            .send::<()>()
            .await
            .unwrap_err();
        assert!(matches!(err, Error::Auth(_)), "{err:?}");
        assert_clean("auth error Debug", &format!("{err:?}"));
        assert_clean("auth error Display", &format!("{err}"));
        assert!(format!("{err}").contains("invalid_scope"));
    })
    .await;
}

#[tokio::test]
async fn decode_errors_do_not_echo_the_mismatched_value() {
    bounded(async {
        let server = MockServer::start().await;
        Mock::given(path("/status"))
            .respond_with(
                ResponseTemplate::new(200).set_body_json(serde_json::json!({"ssn_last4": SSN})),
            )
            .mount(&server)
            .await;
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Masked {
            ssn_last4: u16,
        }
        let client = full_builder(&server.uri()).build().unwrap();
        let raw = client.request(&PUBLIC_STATUS).send::<()>().await.unwrap();
        let err = raw.json::<Masked, ()>().unwrap_err();
        assert!(
            matches!(&err, Error::Decode { path, .. } if path == "ssn_last4"),
            "{err:?}"
        );
        assert_clean("decode error Debug", &format!("{err:?}"));
        assert_clean("decode error Display", &format!("{err}"));
    })
    .await;
}
