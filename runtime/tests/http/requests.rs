//! What reaches the wire: URL, parameters, bodies, static credentials, user agent.

use std::fmt::Display;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use specgen_runtime::{ApiClient, ApiKeyLocation, ClientBuilder, SchemeKind};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use crate::common::*;

async fn ok_server() -> MockServer {
    let server = MockServer::start().await;
    mount_tokens(&server, 3600, Duration::ZERO).await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200))
        .mount(&server)
        .await;
    server
}

async fn last_request(server: &MockServer) -> Request {
    server
        .received_requests()
        .await
        .unwrap()
        .into_iter()
        .rfind(|r| r.url.path() != TOKEN_PATH)
        .expect("a request reached the server")
}

#[tokio::test]
async fn path_and_query_parameters_are_encoded() {
    bounded(async {
        let server = ok_server().await;
        // A base URL with a path prefix and a trailing slash.
        let client = ClientBuilder::<ApiClient>::new(format!("{}/v2/", server.uri()))
            .scheme(
                "OAuth2",
                SchemeKind::OAuth2ClientCredentials {
                    token_url: TOKEN_PATH,
                },
            )
            .client_credentials(CLIENT_ID, CLIENT_SECRET)
            .build()
            .unwrap();
        let statuses: [&dyn Display; 2] = [&"APPROVED", &"a,b"];
        client
            .request(&REPLACE_DOCUMENT)
            .path_param("id", &"a/b c?")
            .path_param("name", &"v1.pdf")
            .query("q", &"x&y=z é")
            .query_array("status", &statuses, true)
            .query_array("tags", &[1, 2], false)
            .query_array::<u8>("empty", &[], true)
            .query_json("filter", &serde_json::json!({"k": [1]}))
            .bytes("raw".into(), "application/octet-stream")
            .send::<()>()
            .await
            .unwrap();
        let r = last_request(&server).await;
        assert_eq!(r.method.as_str(), "PUT");
        assert_eq!(r.url.path(), "/v2/identities/a%2Fb%20c%3F/documents/v1.pdf");
        assert_eq!(
            r.url.query(),
            Some("q=x%26y%3Dz%20%C3%A9&status=APPROVED&status=a%2Cb&tags=1,2&filter=%7B%22k%22%3A%5B1%5D%7D")
        );
        assert_eq!(r.body, b"raw");
        assert_eq!(r.headers["content-type"], "application/octet-stream");
    })
    .await;
}

#[tokio::test]
async fn headers_cookies_accept_and_user_agent() {
    bounded(async {
        let server = ok_server().await;
        let client = builder(&server).build().unwrap();
        client
            .request(&PUBLIC_STATUS)
            .header("X-Idempotency-Key", &"abc")
            .cookie("locale", &"en US")
            .cookie("theme", &"dark")
            .accept("application/json, application/problem+json")
            .send::<()>()
            .await
            .unwrap();
        let r = last_request(&server).await;
        assert_eq!(r.headers["x-idempotency-key"], "abc");
        assert_eq!(r.headers["cookie"], "locale=en%20US; theme=dark");
        assert_eq!(
            r.headers["accept"],
            "application/json, application/problem+json"
        );
        assert_eq!(
            r.headers["user-agent"],
            format!("specgen-runtime/{}", env!("CARGO_PKG_VERSION")).as_str()
        );
        assert!(r.headers.get("authorization").is_none(), "public operation");

        let client = builder(&server).user_agent("my-app/1.0").build().unwrap();
        client.request(&PUBLIC_STATUS).send::<()>().await.unwrap();
        assert_eq!(
            last_request(&server).await.headers["user-agent"],
            "my-app/1.0"
        );
    })
    .await;
}

#[tokio::test]
async fn default_headers_go_with_every_request_and_yield_to_operation_headers() {
    bounded(async {
        let server = ok_server().await;
        let client: ApiClient = builder(&server)
            .default_header("Prefer", "code=404")
            .default_header("X-Idempotency-Key", "default")
            .build()
            .unwrap();
        client.request(&PUBLIC_STATUS).send::<()>().await.unwrap();
        let r = last_request(&server).await;
        assert_eq!(r.headers["prefer"], "code=404");
        assert_eq!(r.headers["x-idempotency-key"], "default");

        client
            .request(&PUBLIC_STATUS)
            .header("X-Idempotency-Key", &"per-call")
            .send::<()>()
            .await
            .unwrap();
        let r = last_request(&server).await;
        assert_eq!(r.headers["x-idempotency-key"], "per-call");
        assert_eq!(r.headers.get_all("x-idempotency-key").iter().count(), 1);

        let invalid = builder(&server).default_header("Bad Name", "x").build();
        assert!(matches!(invalid, Err(specgen_runtime::BuildError::InvalidHeader(name)) if name == "Bad Name"));
        let debug = format!("{:?}", builder(&server).default_header("X-Tenant-Secret", "hunter2"));
        assert!(debug.contains("X-Tenant-Secret") && !debug.contains("hunter2"), "{debug}");
    })
    .await;
}

#[tokio::test]
async fn json_form_and_multipart_bodies() {
    bounded(async {
        let server = ok_server().await;
        let client = oauth_client(&server);
        client
            .request(&UPDATE_IDENTITY)
            .path_param("id", &7)
            .json_as(
                &serde_json::json!({"nickname": null}),
                "application/merge-patch+json",
            )
            .send::<()>()
            .await
            .unwrap();
        let r = last_request(&server).await;
        assert_eq!(r.headers["content-type"], "application/merge-patch+json");
        assert_eq!(r.body, br#"{"nickname":null}"#);

        // Generated methods pass array bodies as slices and string bodies as `&str`.
        let ids: &[u32] = &[1, 2];
        client
            .request(&CREATE_IDENTITY)
            .json(ids)
            .send::<()>()
            .await
            .unwrap();
        assert_eq!(last_request(&server).await.body, b"[1,2]");
        client
            .request(&CREATE_IDENTITY)
            .json("plain")
            .send::<()>()
            .await
            .unwrap();
        assert_eq!(last_request(&server).await.body, br#""plain""#);

        client
            .request(&CREATE_IDENTITY)
            .form(&serde_json::json!({"name": "A B", "tags": ["x", "y"]}))
            .send::<()>()
            .await
            .unwrap();
        let r = last_request(&server).await;
        assert_eq!(
            r.headers["content-type"],
            "application/x-www-form-urlencoded"
        );
        let body = String::from_utf8(r.body.clone()).unwrap();
        let mut pairs: Vec<&str> = body.split('&').collect();
        pairs.sort_unstable();
        assert_eq!(pairs, ["name=A%20B", "tags=x", "tags=y"]);

        client
            .request(&CREATE_IDENTITY)
            .multipart_text("kind", &"passport")
            .multipart_json("meta", &serde_json::json!({"pages": 2}))
            .multipart_bytes("file", vec![0u8, 159, 146, 150].into(), Some("scan.bin"))
            .send::<()>()
            .await
            .unwrap();
        let r = last_request(&server).await;
        let content_type = r.headers["content-type"].to_str().unwrap();
        assert!(
            content_type.starts_with("multipart/form-data; boundary="),
            "{content_type}"
        );
        let body = String::from_utf8_lossy(&r.body);
        assert!(body.contains("name=\"kind\"\r\n\r\npassport"), "{body}");
        assert!(
            body.contains("name=\"meta\"\r\nContent-Type: application/json\r\n\r\n{\"pages\":2}"),
            "{body}"
        );
        assert!(body.contains("filename=\"scan.bin\""), "{body}");
        assert!(r.body.windows(4).any(|w| w == [0u8, 159, 146, 150]));
    })
    .await;
}

#[tokio::test]
async fn api_keys_go_where_the_scheme_says() {
    bounded(async {
        let server = ok_server().await;
        let key = |location, name| SchemeKind::ApiKey { location, name };
        let client = ClientBuilder::<ApiClient>::new(server.uri())
            .scheme("headerKey", key(ApiKeyLocation::Header, "X-API-Key"))
            .scheme("queryKey", key(ApiKeyLocation::Query, "api_key"))
            .scheme("cookieKey", key(ApiKeyLocation::Cookie, "key"))
            .api_key("k&1")
            .build()
            .unwrap();
        client
            .request(&KEYED)
            .query("page", &2)
            .cookie("theme", &"dark")
            .send::<()>()
            .await
            .unwrap();
        let r = last_request(&server).await;
        assert_eq!(r.headers["x-api-key"], "k&1");
        assert_eq!(r.url.query(), Some("page=2&api_key=k%261"));
        assert_eq!(r.headers["cookie"], "theme=dark; key=k&1");
    })
    .await;
}

#[tokio::test]
async fn basic_and_bearer_sources() {
    bounded(async {
        let server = ok_server().await;
        let client = ClientBuilder::<ApiClient>::new(server.uri())
            .scheme("basicAuth", SchemeKind::HttpBasic)
            .basic_auth("Aladdin", "open sesame")
            .build()
            .unwrap();
        client.request(&BASIC).send::<()>().await.unwrap();
        assert_eq!(
            auth_header(&last_request(&server).await).as_deref(),
            Some("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==")
        );

        let calls = Arc::new(AtomicUsize::new(0));
        let counter = calls.clone();
        let client = builder(&server)
            .bearer_token_source(move || {
                let n = counter.fetch_add(1, Ordering::SeqCst) + 1;
                async move { Ok::<_, std::io::Error>(format!("vault-{n}")) }
            })
            .build()
            .unwrap();
        for expected in ["Bearer vault-1", "Bearer vault-2"] {
            client.request(&BEARER_OR_OAUTH).send::<()>().await.unwrap();
            assert_eq!(
                auth_header(&last_request(&server).await).as_deref(),
                Some(expected)
            );
        }
        assert_eq!(calls.load(Ordering::SeqCst), 2);

        let client = builder(&server)
            .bearer_token_source(|| async { Err::<String, _>("vault sealed") })
            .build()
            .unwrap();
        let err = client
            .request(&BEARER_OR_OAUTH)
            .send::<()>()
            .await
            .unwrap_err();
        assert!(err.to_string().contains("vault sealed"), "{err}");
    })
    .await;
}

#[tokio::test]
async fn a_caller_supplied_reqwest_client_is_used() {
    bounded(async {
        let server = ok_server().await;
        let mut defaults = specgen_runtime::reqwest::header::HeaderMap::new();
        defaults.insert("x-from-my-client", "yes".parse().unwrap());
        let http = specgen_runtime::reqwest::Client::builder()
            .default_headers(defaults)
            .user_agent("their-agent/2")
            .build()
            .unwrap();
        let client = builder(&server).http_client(http).build().unwrap();
        client.request(&PUBLIC_STATUS).send::<()>().await.unwrap();
        let r = last_request(&server).await;
        assert_eq!(r.headers["x-from-my-client"], "yes");
        assert_eq!(r.headers["user-agent"], "their-agent/2");
    })
    .await;
}

#[tokio::test]
async fn optional_auth_uses_credentials_when_there_are_some() {
    const OPTIONAL: specgen_runtime::Operation = specgen_runtime::Operation {
        id: "getOptional",
        method: specgen_runtime::reqwest::Method::GET,
        path: "/optional",
        security: &[&[], &[("bearerAuth", &[])]],
    };
    bounded(async {
        let server = ok_server().await;
        let anonymous = builder(&server).build().unwrap();
        anonymous.request(&OPTIONAL).send::<()>().await.unwrap();
        assert_eq!(auth_header(&last_request(&server).await), None);
        let authenticated = builder(&server).bearer_token("opt-token").build().unwrap();
        authenticated.request(&OPTIONAL).send::<()>().await.unwrap();
        assert_eq!(
            auth_header(&last_request(&server).await).as_deref(),
            Some("Bearer opt-token")
        );
    })
    .await;
}
