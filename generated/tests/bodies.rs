//! Request bodies of the fixture clients as they reach the wire: a `oneOf` body selected
//! by its discriminator, an array body, and a multipart body with file, text, JSON and
//! array parts.

use std::time::Duration;

use specgen_golden::{
    fixture_multipart, fixture_one_of_discriminator_all_of, fixture_one_of_discriminator_mapping,
    fixture_param_and_body_shapes,
};
use specgen_runtime::serde_json::{self, json, Value};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

#[path = "../../tests/support/multipart.rs"]
mod multipart;
use multipart::{parts, Part};

async fn server(status: u16, body: Value) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(status).set_body_json(body))
        .mount(&server)
        .await;
    server
}

async fn only_request(server: &MockServer) -> Request {
    let mut requests = server.received_requests().await.expect("recorded");
    assert_eq!(requests.len(), 1);
    requests.remove(0)
}

fn json_body(request: &Request) -> Value {
    serde_json::from_slice(&request.body).expect("a JSON body")
}

#[tokio::test]
async fn a_one_of_body_is_sent_with_its_discriminator_value() {
    use fixture_one_of_discriminator_mapping::*;
    let server = server(200, json!({"method_type": "bank_account", "iban": "DE89"})).await;
    let client = Client::builder(server.uri())
        .timeout(Duration::from_secs(5))
        .build()
        .expect("client");
    let card = PaymentMethod::Card(Card::new("4242"));
    let echoed = client
        .add_payment_method(&card)
        .await
        .expect("created")
        .into_body();
    let request = only_request(&server).await;
    assert_eq!(request.headers["content-type"], "application/json");
    // The mapped wire value, not the schema name, and no field the variant lacks.
    assert_eq!(
        json_body(&request),
        json!({"method_type": "card", "last4": "4242"})
    );
    assert!(
        matches!(echoed, PaymentMethod::BankAccount(_)),
        "{echoed:?}"
    );
}

/// BitGo's shape: the tag comes from a base every variant extends with `allOf`; it is sent
/// once, from the variant chosen, and the base's fields sit beside the variant's own.
#[tokio::test]
async fn a_discriminator_inherited_through_all_of_selects_the_body() {
    use fixture_one_of_discriminator_all_of::*;
    let server = server(201, json!({"id": "identity-1"})).await;
    let client = Client::builder(server.uri()).build().expect("client");
    let body =
        CreateIdentity::InstitutionalIdentity(InstitutionalIdentity::new("Ann", "Lee", "ent-9"));
    let created = client.create_identity(&body).await.expect("created");
    assert_eq!(created.body.id, "identity-1");
    assert_eq!(
        json_body(&only_request(&server).await),
        json!({
            "transactionType": "institutionalIndividual",
            "nameFirst": "Ann",
            "nameLast": "Lee",
            "enterpriseId": "ent-9",
        })
    );
}

#[tokio::test]
async fn an_array_body_is_sent_as_a_json_array() {
    use fixture_param_and_body_shapes::*;
    let server = server(204, Value::Null).await;
    let client = Client::builder(server.uri()).build().expect("client");
    let lines = [Line::new().set_sku("a-1"), Line::new()];
    client
        .put_items(&PutItemsKey::Integer(7), &PutItemsParams::default(), &lines)
        .await
        .expect("stored");
    let request = only_request(&server).await;
    assert_eq!(request.url.path(), "/items/7");
    assert_eq!(json_body(&request), json!([{"sku": "a-1"}, {}]));
}

#[tokio::test]
async fn a_multipart_body_has_file_text_json_and_one_part_per_array_element() {
    use fixture_multipart::*;
    let server = server(201, json!({"document_id": "doc-1"})).await;
    let client = Client::builder(server.uri()).build().expect("client");
    let scan: Vec<u8> = (0..=255u8).collect();
    let body = UploadDocumentRequest::new(scan.clone(), UploadDocumentRequestKind::UtilityBill)
        .set_description("June bill")
        .set_pages(2)
        .set_metadata([("issuer".to_string(), "city power".to_string())])
        .set_attachments(vec![b"front".to_vec(), b"back".to_vec()])
        .set_tags(vec!["proof".into(), "address".into()]);
    let created = client
        .upload_document(&body)
        .await
        .expect("stored")
        .into_body();
    assert_eq!(created.document_id, "doc-1");

    assert_eq!(
        parts(&only_request(&server).await),
        [
            Part::file("file", &scan),
            Part::text("kind", "utility_bill"),
            Part::text("description", "June bill"),
            Part::text("pages", "2"),
            Part {
                name: "metadata".into(),
                file_name: None,
                content_type: Some("application/json".into()),
                content: br#"{"issuer":"city power"}"#.to_vec(),
            },
            Part::file("attachments", b"front"),
            Part::file("attachments", b"back"),
            Part::text("tags", "proof"),
            Part::text("tags", "address"),
        ]
    );
}
