//! Retries: what is retried, how often, and how long the client waits.

use std::time::{Duration, Instant};

use specgen_runtime::{ApiClient, Operation, RetryPolicy};
use wiremock::matchers::path;
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::common::*;

/// A public operation of each method, so that these tests need no token endpoint.
macro_rules! public_op {
    ($name:ident, $method:ident) => {
        const $name: Operation = Operation {
            id: stringify!($name),
            method: specgen_runtime::reqwest::Method::$method,
            path: "/thing",
            security: &[],
        };
    };
}
public_op!(GET_THING, GET);
public_op!(PUT_THING, PUT);
public_op!(DELETE_THING, DELETE);
public_op!(POST_THING, POST);
public_op!(PATCH_THING, PATCH);

/// The first `n` requests get `first`, the rest 200.
async fn flaky(server: &MockServer, first: ResponseTemplate, n: u64) {
    Mock::given(path("/thing"))
        .respond_with(first)
        .up_to_n_times(n)
        .with_priority(1)
        .mount(server)
        .await;
    Mock::given(path("/thing"))
        .respond_with(ResponseTemplate::new(200))
        .mount(server)
        .await;
}

fn client(server: &MockServer, policy: RetryPolicy) -> ApiClient {
    builder(server).retry(policy).build().unwrap()
}

async fn hits(server: &MockServer) -> usize {
    requests_to(server, "/thing").await.len()
}

#[tokio::test]
async fn retry_after_header_seconds_is_honoured() {
    bounded(async {
        let server = MockServer::start().await;
        flaky(
            &server,
            ResponseTemplate::new(429).insert_header("retry-after", "1"),
            1,
        )
        .await;
        let started = Instant::now();
        let r = client(&server, fast_retry())
            .request(&GET_THING)
            .send::<()>()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        assert_eq!(hits(&server).await, 2);
        assert!(
            started.elapsed() >= Duration::from_secs(1),
            "waited {:?}",
            started.elapsed()
        );
    })
    .await;
}

#[tokio::test]
async fn retry_after_http_date_is_honoured() {
    bounded(async {
        let server = MockServer::start().await;
        // An HTTP date has whole seconds: 2 s ahead waits more than 1 s.
        let when = chrono::Utc::now() + chrono::Duration::seconds(2);
        let date = when.format("%a, %d %b %Y %H:%M:%S GMT").to_string();
        flaky(
            &server,
            ResponseTemplate::new(503).insert_header("retry-after", date),
            1,
        )
        .await;
        let started = Instant::now();
        let r = client(&server, fast_retry())
            .request(&GET_THING)
            .send::<()>()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        assert_eq!(hits(&server).await, 2);
        assert!(
            started.elapsed() >= Duration::from_secs(1),
            "waited {:?}",
            started.elapsed()
        );
    })
    .await;
}

#[tokio::test]
async fn retry_after_in_the_json_body_is_honoured() {
    bounded(async {
        let server = MockServer::start().await;
        let bitgo_error = serde_json::json!({
            "error": "Too many requests",
            "name": "RateLimitError",
            "requestId": "r-1",
            "context": {},
            "retryAfter": 1
        });
        flaky(
            &server,
            ResponseTemplate::new(429).set_body_json(bitgo_error),
            1,
        )
        .await;
        let started = Instant::now();
        let r = client(&server, fast_retry())
            .request(&GET_THING)
            .send::<()>()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        assert_eq!(hits(&server).await, 2);
        assert!(
            started.elapsed() >= Duration::from_secs(1),
            "waited {:?}",
            started.elapsed()
        );
    })
    .await;
}

#[tokio::test]
async fn a_hint_beyond_max_delay_returns_the_response_at_once() {
    bounded(async {
        let server = MockServer::start().await;
        flaky(
            &server,
            ResponseTemplate::new(429).insert_header("retry-after", "3600"),
            1,
        )
        .await;
        let policy = fast_retry().max_delay(Duration::from_secs(2));
        let r = client(&server, policy)
            .request(&GET_THING)
            .send::<()>()
            .await
            .unwrap();
        assert_eq!(r.status(), 429);
        assert_eq!(hits(&server).await, 1);
    })
    .await;
}

#[tokio::test]
async fn gateway_errors_are_retried_for_idempotent_methods() {
    bounded(async {
        for op in [&GET_THING, &PUT_THING, &DELETE_THING] {
            let server = MockServer::start().await;
            flaky(&server, ResponseTemplate::new(502), 1).await;
            Mock::given(path("/thing"))
                .respond_with(ResponseTemplate::new(504))
                .up_to_n_times(1)
                .with_priority(2)
                .mount(&server)
                .await;
            let r = client(&server, fast_retry())
                .request(op)
                .send::<()>()
                .await
                .unwrap();
            assert_eq!(r.status(), 200, "{}", op.id);
            assert_eq!(hits(&server).await, 3, "{}", op.id);
        }
    })
    .await;
}

#[tokio::test]
async fn post_and_patch_are_not_retried_by_default() {
    bounded(async {
        for op in [&POST_THING, &PATCH_THING] {
            let server = MockServer::start().await;
            flaky(&server, ResponseTemplate::new(503), 1).await;
            let r = client(&server, fast_retry())
                .request(op)
                .send::<()>()
                .await
                .unwrap();
            assert_eq!(r.status(), 503, "{}", op.id);
            assert_eq!(hits(&server).await, 1, "{}", op.id);
        }
    })
    .await;
}

#[tokio::test]
async fn post_and_patch_are_retried_when_the_caller_opts_in() {
    bounded(async {
        for op in [&POST_THING, &PATCH_THING] {
            let server = MockServer::start().await;
            flaky(&server, ResponseTemplate::new(503), 1).await;
            let policy = fast_retry().retry_non_idempotent(true);
            let r = client(&server, policy)
                .request(op)
                .json(&serde_json::json!({"name": "x"}))
                .send::<()>()
                .await
                .unwrap();
            assert_eq!(r.status(), 200, "{}", op.id);
            let bodies: Vec<_> = requests_to(&server, "/thing")
                .await
                .into_iter()
                .map(|r| r.body)
                .collect();
            assert_eq!(bodies.len(), 2);
            assert_eq!(bodies[0], bodies[1], "the body is sent again, unchanged");
            assert_eq!(bodies[0], br#"{"name":"x"}"#);
        }
    })
    .await;
}

#[tokio::test]
async fn retries_stop_at_max_attempts() {
    bounded(async {
        let server = MockServer::start().await;
        flaky(&server, ResponseTemplate::new(503), 100).await;
        let r = client(&server, fast_retry().max_attempts(4))
            .request(&GET_THING)
            .send::<()>()
            .await
            .unwrap();
        assert_eq!(r.status(), 503);
        assert_eq!(hits(&server).await, 4);
    })
    .await;
}

#[tokio::test]
async fn retry_policy_none_sends_once() {
    bounded(async {
        let server = MockServer::start().await;
        flaky(&server, ResponseTemplate::new(429), 100).await;
        let r = client(&server, RetryPolicy::none())
            .request(&GET_THING)
            .send::<()>()
            .await
            .unwrap();
        assert_eq!(r.status(), 429);
        assert_eq!(hits(&server).await, 1);
    })
    .await;
}

#[tokio::test]
async fn other_error_statuses_are_not_retried() {
    bounded(async {
        for status in [400, 404, 500] {
            let server = MockServer::start().await;
            flaky(&server, ResponseTemplate::new(status), 100).await;
            let r = client(&server, fast_retry())
                .request(&GET_THING)
                .send::<()>()
                .await
                .unwrap();
            assert_eq!(r.status(), status);
            assert_eq!(hits(&server).await, 1, "{status}");
        }
    })
    .await;
}

#[tokio::test]
async fn a_timed_out_get_is_retried() {
    bounded(async {
        let server = MockServer::start().await;
        flaky(
            &server,
            ResponseTemplate::new(200).set_delay(Duration::from_secs(2)),
            1,
        )
        .await;
        let client = builder(&server)
            .timeout(Duration::from_millis(300))
            .build()
            .unwrap();
        let r = client.request(&GET_THING).send::<()>().await.unwrap();
        assert_eq!(r.status(), 200);
        assert_eq!(hits(&server).await, 2);
    })
    .await;
}

#[tokio::test]
async fn a_timed_out_post_is_not_retried() {
    bounded(async {
        let server = MockServer::start().await;
        flaky(
            &server,
            ResponseTemplate::new(200).set_delay(Duration::from_secs(2)),
            1,
        )
        .await;
        let client = builder(&server)
            .timeout(Duration::from_millis(300))
            .build()
            .unwrap();
        let err = client.request(&POST_THING).send::<()>().await.unwrap_err();
        assert!(matches!(err, specgen_runtime::Error::Timeout), "{err:?}");
        assert_eq!(hits(&server).await, 1);
    })
    .await;
}
