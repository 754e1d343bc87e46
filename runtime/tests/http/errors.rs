//! Each kind of `Error`, produced over real HTTP.

use std::error::Error as _;
use std::time::Duration;

use serde::Deserialize;
use specgen_runtime::{ApiClient, ClientBuilder, Error, RawResponse, Response, RetryPolicy};
use wiremock::matchers::path;
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::common::*;

/// A documented error body, as generated code would declare it.
#[derive(Debug, Deserialize, PartialEq)]
struct Problem {
    code: String,
    message: String,
}

/// The documented errors of `getStatus`, as generated code would declare them.
#[derive(Debug, PartialEq)]
enum GetStatusError {
    NotFound(Problem),
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Identity {
    person_details: PersonDetails,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct PersonDetails {
    #[serde(with = "specgen_runtime::date::lenient")]
    date_of_birth: specgen_runtime::chrono::NaiveDate,
}

/// What a generated method does with the raw response.
async fn get_status(client: &ApiClient) -> Result<Response<Identity>, Error<GetStatusError>> {
    let raw: RawResponse = client
        .request(&PUBLIC_STATUS)
        .accept("application/json")
        .send::<GetStatusError>()
        .await?;
    match raw.status().as_u16() {
        200 => raw.json(),
        404 => Err(raw.api_error(GetStatusError::NotFound)),
        _ => Err(raw.unexpected()),
    }
}

async fn serve(server: &MockServer, response: ResponseTemplate) {
    Mock::given(path("/status"))
        .respond_with(response)
        .mount(server)
        .await;
}

#[tokio::test]
async fn transport_error_when_nothing_listens() {
    bounded(async {
        // A port that was just free is closed.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let client: ApiClient = ClientBuilder::new(format!("http://127.0.0.1:{port}"))
            .retry(fast_retry())
            .build()
            .unwrap();
        let err = get_status(&client).await.unwrap_err();
        match &err {
            Error::Transport(e) => assert!(e.is_connect(), "{e:?}"),
            other => panic!("{other:?}"),
        }
        assert!(err.source().is_some());
        assert!(err.to_string().starts_with("request failed"), "{err}");
        assert_eq!(err.status(), None);
    })
    .await;
}

#[tokio::test]
async fn timeout_when_the_server_is_too_slow() {
    bounded(async {
        let server = MockServer::start().await;
        serve(
            &server,
            ResponseTemplate::new(200).set_delay(Duration::from_secs(3)),
        )
        .await;
        let client = builder(&server)
            .timeout(Duration::from_millis(200))
            .retry(RetryPolicy::none())
            .build()
            .unwrap();
        let err = get_status(&client).await.unwrap_err();
        assert!(matches!(err, Error::Timeout), "{err:?}");
        assert_eq!(err.to_string(), "request timed out");
    })
    .await;
}

#[tokio::test]
async fn documented_error_status_has_a_typed_body() {
    bounded(async {
        let server = MockServer::start().await;
        serve(
            &server,
            ResponseTemplate::new(404)
                .insert_header("x-request-id", "req-9")
                .set_body_json(
                    serde_json::json!({"code": "not_found", "message": "no such identity"}),
                ),
        )
        .await;
        let client = builder(&server).build().unwrap();
        match get_status(&client).await.unwrap_err() {
            Error::Api {
                status,
                headers,
                body,
            } => {
                assert_eq!(status, 404);
                assert_eq!(headers["x-request-id"], "req-9");
                assert_eq!(
                    body,
                    GetStatusError::NotFound(Problem {
                        code: "not_found".into(),
                        message: "no such identity".into()
                    })
                );
            }
            other => panic!("{other:?}"),
        }
    })
    .await;
}

#[tokio::test]
async fn unexpected_status_keeps_a_truncated_body() {
    bounded(async {
        let server = MockServer::start().await;
        let body = format!("{}{}", "é".repeat(3000), "TAIL-MARKER");
        serve(&server, ResponseTemplate::new(500).set_body_string(body)).await;
        let client = builder(&server).build().unwrap();
        let err = get_status(&client).await.unwrap_err();
        match &err {
            Error::UnexpectedStatus { status, body, .. } => {
                assert_eq!(*status, 500);
                assert!(body.starts_with("éé"));
                assert!(!body.contains("TAIL-MARKER"), "cut before the end");
                assert!(body.len() <= 4096 + 64, "{}", body.len());
                assert!(body.contains("truncated, 6011 bytes in total"), "{body}");
            }
            other => panic!("{other:?}"),
        }
        assert!(err.to_string().starts_with("unexpected HTTP status 500"));
    })
    .await;
}

#[tokio::test]
async fn a_body_that_does_not_match_names_the_json_path() {
    bounded(async {
        let server = MockServer::start().await;
        serve(
            &server,
            ResponseTemplate::new(200)
                .set_body_json(serde_json::json!({"person_details": {"date_of_birth": "19"}})),
        )
        .await;
        let client = builder(&server).build().unwrap();
        let err = get_status(&client).await.unwrap_err();
        match &err {
            Error::Decode { status, path, .. } => {
                assert_eq!(*status, 200);
                assert_eq!(path, "person_details.date_of_birth");
            }
            other => panic!("{other:?}"),
        }
        let text = err.to_string();
        assert!(text.contains("person_details.date_of_birth: "), "{text}");
    })
    .await;
}

#[tokio::test]
async fn a_documented_error_with_the_wrong_shape_is_a_decode_error() {
    bounded(async {
        let server = MockServer::start().await;
        serve(
            &server,
            ResponseTemplate::new(404).set_body_json(serde_json::json!({"code": 7})),
        )
        .await;
        let client = builder(&server).build().unwrap();
        match get_status(&client).await.unwrap_err() {
            Error::Decode { status, path, .. } => {
                assert_eq!(status, 404);
                assert_eq!(path, "code");
            }
            other => panic!("{other:?}"),
        }
    })
    .await;
}

#[tokio::test]
async fn invalid_requests_are_reported_without_sending() {
    bounded(async {
        let server = MockServer::start().await;
        let client = oauth_client(&server);
        let err = client
            .request(&GET_IDENTITY)
            .send::<()>()
            .await
            .unwrap_err();
        assert!(
            matches!(&err, Error::InvalidRequest(m) if m.contains("missing path parameter `id`")),
            "{err:?}"
        );
        let err = client
            .request(&GET_IDENTITY)
            .path_param("id", &1)
            .header("x-note", &"line\nbreak")
            .send::<()>()
            .await
            .unwrap_err();
        assert!(
            matches!(&err, Error::InvalidRequest(m) if m.contains("x-note") && !m.contains("break")),
            "{err:?}"
        );
        let err = client
            .request(&GET_IDENTITY)
            .path_param("identity_id", &1)
            .send::<()>()
            .await
            .unwrap_err();
        assert!(matches!(&err, Error::InvalidRequest(m) if m.contains("identity_id")), "{err:?}");
        let err = client
            .request(&GET_IDENTITY)
            .path_param("id", &"..")
            .send::<()>()
            .await
            .unwrap_err();
        assert!(matches!(&err, Error::InvalidRequest(m) if m.contains("`..`")), "{err:?}");
        assert!(server.received_requests().await.unwrap().is_empty());
    })
    .await;
}

#[tokio::test]
async fn build_errors_are_explained() {
    let err = ClientBuilder::<ApiClient>::new("not a url")
        .build()
        .unwrap_err();
    assert!(err.to_string().contains("base URL"), "{err}");
    let err = ClientBuilder::<ApiClient>::new("http://127.0.0.1:1")
        .bearer_token("t")
        .build()
        .unwrap_err();
    assert!(err.to_string().contains("HTTP bearer"), "{err}");
    let err = ClientBuilder::<ApiClient>::new("http://127.0.0.1:1")
        .scheme("bearerAuth", specgen_runtime::SchemeKind::HttpBearer)
        .credentials("bearerAuth", specgen_runtime::Credentials::api_key("k"))
        .build()
        .unwrap_err();
    assert!(err.to_string().contains("bearerAuth"), "{err}");
    let err = ClientBuilder::<ApiClient>::new("http://127.0.0.1:1")
        .credentials("nope", specgen_runtime::Credentials::api_key("k"))
        .build()
        .unwrap_err();
    assert!(err.to_string().contains("nope"), "{err}");
    let err = ClientBuilder::<ApiClient>::new("http://127.0.0.1:1")
        .http_client(specgen_runtime::reqwest::Client::new())
        .connect_timeout(Duration::from_secs(1))
        .build()
        .unwrap_err();
    assert!(err.to_string().contains("connect_timeout"), "{err}");
}
