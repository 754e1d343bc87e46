//! The hostile fixture (`tests/fixtures/specs/hostile.yaml`): every string in it tries to
//! leave its place in the generated code. That it compiled under `deny(warnings)` shows none
//! did; here its enum values, property names and parameter names go over HTTP and must
//! arrive exactly as the spec spells them.

use specgen_golden::fixture_hostile::{Client, GetItemParams, Item, Mode, Shape};
use specgen_runtime::serde_json::{self, json, Value};
use wiremock::matchers::{body_json, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

const INJECTION: &str =
    "a`\n    A,\n}\npub fn injected() -> u32 { 42 }\npub enum Dummy {\n    /// `";

/// An item with every hostile property name set, as it travels on the wire.
fn item_json() -> Value {
    json!({
        "line\nbreak": "required",
        "quote\"d": "q",
        "back\\slash": 7,
        "#[attr]": true,
        "}": "brace",
        "//comment": "c",
        "rtl\u{202e}name": "r",
        "zero\u{200b}width": "z",
        "mode": INJECTION,
        "shape": {"ki\"nd\n": "circle\"}\n", "radius": 1.5}
    })
}

#[test]
fn every_hostile_enum_value_round_trips_exactly() {
    let wire = [
        INJECTION,
        "*/",
        "/*",
        "\\",
        "\"",
        "`",
        "#[",
        "}",
        "//",
        "nul\0byte",
        "cr\ronly",
        "rtl\u{202e}txt",
        "zero\u{200b}width",
    ];
    for (value, mode) in wire.iter().zip(Mode::ALL) {
        assert_eq!(mode.as_str(), *value);
        assert_eq!(value.parse::<Mode>().unwrap(), mode);
        assert_eq!(serde_json::to_value(&mode).unwrap(), json!(value));
        assert_eq!(serde_json::from_value::<Mode>(json!(value)).unwrap(), mode);
    }
    assert_eq!(Mode::ALL.len(), wire.len() + 1, "the long value is last");
    assert!(Mode::ALL[wire.len()].as_str().starts_with("long-x"));
}

#[test]
fn hostile_property_names_and_tags_round_trip_exactly() {
    let item: Item = serde_json::from_value(item_json()).unwrap();
    assert_eq!(item.line_break, "required");
    assert_eq!(item.field.as_deref(), Some("brace"));
    assert_eq!(item.mode.as_ref().map(Mode::as_str), Some(INJECTION));
    assert!(matches!(item.shape, Some(Shape::Circle(_))));
    assert_eq!(serde_json::to_value(&item).unwrap(), item_json());
    // The string default, quotes, backslash and line break included.
    let minimal: Item = serde_json::from_value(json!({"line\nbreak": "x"})).unwrap();
    assert_eq!(minimal.quote_d, "say \"hi\"\n}\\");
}

#[tokio::test]
async fn hostile_parameter_names_reach_the_server_exactly() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/items/id%22with%20quote"))
        .and(query_param("q\"uote\\back\nline", "v\"1\n"))
        .and(query_param("#[attr] } // x", "*/"))
        .respond_with(ResponseTemplate::new(200).set_body_json(item_json()))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::builder(server.uri()).build().unwrap();
    let params = GetItemParams::new()
        .set_q_uote_back_line("v\"1\n")
        .set_attr_x(Mode::AsteriskSlash);
    let item = client
        .get_item("id\"with quote", &params)
        .await
        .unwrap()
        .into_body();
    assert_eq!(serde_json::to_value(&item).unwrap(), item_json());
}

#[tokio::test]
async fn hostile_scheme_and_scope_reach_the_token_endpoint_exactly() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "access_token": "t", "token_type": "Bearer", "expires_in": 3600
        })))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/items"))
        .and(body_json(item_json()))
        .respond_with(ResponseTemplate::new(201).set_body_json(item_json()))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::builder(server.uri())
        .token_url(format!("{}/token", server.uri()))
        .client_credentials("id", "secret")
        .build()
        .unwrap();
    let item: Item = serde_json::from_value(item_json()).unwrap();
    client.create_item_fn_x(&item).await.unwrap();
    let requests = server.received_requests().await.unwrap();
    let form = String::from_utf8(requests[0].body.clone()).unwrap();
    let scope = url_form_value(&form, "scope");
    assert_eq!(scope.as_deref(), Some("items:write \"all\"\n}"), "{form}");
}

/// The value of `name` in an `application/x-www-form-urlencoded` body.
fn url_form_value(form: &str, name: &str) -> Option<String> {
    let url = specgen_runtime::reqwest::Url::parse(&format!("http://form.invalid/?{form}")).ok()?;
    url.query_pairs()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.into_owned())
}
