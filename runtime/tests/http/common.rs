//! Shared fixtures: operations, a client wired to a mock server, a counting token endpoint.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use specgen_runtime::reqwest::Method;
use specgen_runtime::{ApiClient, ClientBuilder, Operation, RetryPolicy, SchemeKind};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

pub const CLIENT_ID: &str = "client-id-123";
pub const CLIENT_SECRET: &str = "s3cr3t-CLIENT-value";
pub const TOKEN_PATH: &str = "/oauth2/token";

// `const`, as generated code declares them: `&OP` must promote to `&'static`.
pub const GET_IDENTITY: Operation = Operation {
    id: "getIdentity",
    method: Method::GET,
    path: "/identities/{id}",
    security: &[&[("OAuth2", &["identity:read_identity"])]],
};
pub const LIST_ACCOUNTS: Operation = Operation {
    id: "listAccounts",
    method: Method::GET,
    path: "/accounts",
    security: &[&[(
        "OAuth2",
        &["funding:read_profile", "identity:read_identity"],
    )]],
};
pub const CREATE_IDENTITY: Operation = Operation {
    id: "createIdentity",
    method: Method::POST,
    path: "/identities",
    security: &[&[("OAuth2", &["identity:write_identity"])]],
};
pub const UPDATE_IDENTITY: Operation = Operation {
    id: "updateIdentity",
    method: Method::PATCH,
    path: "/identities/{id}",
    security: &[&[("OAuth2", &["identity:write_identity"])]],
};
pub const REPLACE_DOCUMENT: Operation = Operation {
    id: "replaceDocument",
    method: Method::PUT,
    path: "/identities/{id}/documents/{name}",
    security: &[&[("OAuth2", &["identity:write_identity"])]],
};
pub const PUBLIC_STATUS: Operation = Operation {
    id: "getStatus",
    method: Method::GET,
    path: "/status",
    security: &[],
};
pub const BEARER_OR_OAUTH: Operation = Operation {
    id: "getKyc",
    method: Method::GET,
    path: "/kyc",
    security: &[&[("OAuth2", &["kyc"])], &[("bearerAuth", &[])]],
};
pub const KEYED: Operation = Operation {
    id: "getKeyed",
    method: Method::GET,
    path: "/keyed",
    security: &[&[("headerKey", &[]), ("queryKey", &[]), ("cookieKey", &[])]],
};
pub const BASIC: Operation = Operation {
    id: "getBasic",
    method: Method::GET,
    path: "/basic",
    security: &[&[("basicAuth", &[])]],
};

/// Millisecond backoff keeps retry tests fast.
pub fn fast_retry() -> RetryPolicy {
    RetryPolicy::default()
        .initial_backoff(Duration::from_millis(5))
        .max_backoff(Duration::from_millis(20))
}

/// A client for `server` with the schemes of a Paxos-like and a BitGo-like API.
pub fn builder(server: &MockServer) -> ClientBuilder<ApiClient> {
    ClientBuilder::new(server.uri())
        .scheme(
            "OAuth2",
            SchemeKind::OAuth2ClientCredentials {
                token_url: TOKEN_PATH,
            },
        )
        .scheme("bearerAuth", SchemeKind::HttpBearer)
        .timeout(Duration::from_secs(5))
        .retry(fast_retry())
}

pub fn oauth_client(server: &MockServer) -> ApiClient {
    builder(server)
        .client_credentials(CLIENT_ID, CLIENT_SECRET)
        .build()
        .unwrap()
}

/// A token endpoint handing out `token-1`, `token-2`, … with the given lifetime.
pub struct Tokens {
    issued: AtomicUsize,
    expires_in: u64,
    delay: Duration,
}

impl Respond for Tokens {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        let n = self.issued.fetch_add(1, Ordering::SeqCst) + 1;
        ResponseTemplate::new(200)
            .set_body_json(serde_json::json!({
                "access_token": format!("token-{n}"),
                "token_type": "Bearer",
                "expires_in": self.expires_in,
            }))
            .set_delay(self.delay)
    }
}

pub async fn mount_tokens(server: &MockServer, expires_in: u64, delay: Duration) {
    Mock::given(method("POST"))
        .and(path(TOKEN_PATH))
        .respond_with(Tokens {
            issued: AtomicUsize::new(0),
            expires_in,
            delay,
        })
        .mount(server)
        .await;
}

pub async fn requests_to(server: &MockServer, p: &str) -> Vec<Request> {
    server
        .received_requests()
        .await
        .unwrap()
        .into_iter()
        .filter(|r| r.url.path() == p)
        .collect()
}

pub fn form_field(request: &Request, name: &str) -> Option<String> {
    let body = String::from_utf8(request.body.clone()).unwrap();
    body.split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=')?;
        (k == name).then(|| percent_decode(v))
    })
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 3 <= bytes.len() {
            out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(if bytes[i] == b'+' { b' ' } else { bytes[i] });
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

pub fn auth_header(request: &Request) -> Option<String> {
    request
        .headers
        .get("authorization")
        .map(|v| v.to_str().unwrap().to_owned())
}

/// Bounds every test: none may hang on a bug.
pub async fn bounded<F: std::future::Future>(f: F) -> F::Output {
    tokio::time::timeout(Duration::from_secs(20), f)
        .await
        .expect("test exceeded its 20 s bound")
}
