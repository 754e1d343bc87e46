//! The identity clients' flows of several requests, over HTTP on loopback against
//! `wiremock` (Prism answers every request from the spec alone, so its pages cannot point
//! at each other, nor its `upload_url` at a local storage host): the item stream of
//! ListIdentities over several pages, Paxos' document upload in its two steps, and
//! BitGo's multipart documents, byte for byte.

use identity_clients::{bitgo_evs_kyc as bitgo, paxos_identity_v2_revised as revised};
use serde_json::{json, Value};
use specgen_runtime::reqwest::StatusCode;
use specgen_runtime::{Error, StreamExt, TryStreamExt};
use wiremock::matchers::{body_json, header, method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use crate::harness::{
    http_client, time_limited, Spec, TokenServer, ACCESS_TOKEN, BEARER_TOKEN, READ_SCOPE,
    WRITE_SCOPE,
};
use crate::multipart::{parts, Part};
use crate::paxos::paxos_client;

const IDENTITIES: &str = "/identity/identities";
const DOCUMENTS: &str = "/identity/identities/{identity_id}/documents";
const IDENTITY: &str = "f190b163-208f-4d73-8deb-4fb8b24add00";

/// The contents of a scan: every byte value, so that an encoding step on the way shows.
fn scan(len: usize) -> Vec<u8> {
    (0..=255u8).cycle().take(len).collect()
}

// ---------------------------------------------------------------------------
// Paxos ListIdentities, page after page
// ---------------------------------------------------------------------------

/// One page of ListIdentities: the `page_cursor` it answers (none for the first page),
/// the ids of its identities, and its `next_page_cursor` (`None`: the field is absent).
type Page = (
    Option<&'static str>,
    &'static [&'static str],
    Option<&'static str>,
);

/// The identities of a page: the spec's ListIdentities example item with each id.
fn identities(spec: &Spec, ids: &[&str]) -> Vec<Value> {
    let page: Value = spec.response_example(IDENTITIES, "get", "200");
    ids.iter()
        .map(|id| {
            let mut identity = page["items"][0].clone();
            identity["id"] = json!(id);
            identity
        })
        .collect()
}

/// A client of today's Paxos spec, its token endpoint, and an API that answers each
/// page's request, but only one that asks for institutions two at a time with the
/// token: anything else gets wiremock's 404, which the stream reports as an error.
struct Paging {
    spec: Spec,
    api: MockServer,
    tokens: TokenServer,
    client: revised::Client,
}

impl Paging {
    async fn serve(pages: &[Page]) -> Paging {
        let spec = Spec::load("paxos-identity-v2-revised.yaml");
        let api = MockServer::start().await;
        for &(cursor, ids, next) in pages {
            let mut body = json!({ "items": identities(&spec, ids) });
            if let Some(next) = next {
                body["next_page_cursor"] = json!(next);
            }
            let request = Mock::given(method("GET"))
                .and(path(IDENTITIES))
                .and(query_param("identity_type", "INSTITUTION"))
                .and(query_param("limit", "2"))
                .and(header("authorization", format!("Bearer {ACCESS_TOKEN}")));
            let request = match cursor {
                Some(cursor) => request.and(query_param("page_cursor", cursor)),
                None => request.and(query_param_is_missing("page_cursor")),
            };
            request
                .respond_with(ResponseTemplate::new(200).set_body_json(body))
                .mount(&api)
                .await;
        }
        let tokens = TokenServer::start().await;
        let client = paxos_client(revised::Client::builder(api.uri()), &tokens, None);
        Paging {
            spec,
            api,
            tokens,
            client,
        }
    }

    /// The `page_cursor` of every request the API received, in order.
    async fn cursors_sent(&self) -> Vec<Option<String>> {
        let requests = self.api.received_requests().await.expect("recording is on");
        requests
            .iter()
            .map(|request| {
                request
                    .url
                    .query_pairs()
                    .find(|(name, _)| name == "page_cursor")
                    .map(|(_, cursor)| cursor.into_owned())
            })
            .collect()
    }
}

fn institutions_two_at_a_time() -> revised::ListIdentitiesParams {
    revised::ListIdentitiesParams::new()
        .set_identity_type(revised::IdentityType::Institution)
        .set_limit(2)
}

#[tokio::test]
async fn the_identity_stream_follows_the_cursor_over_three_pages_until_an_empty_one() {
    time_limited(async {
        let test = Paging::serve(&[
            (None, &["id-a", "id-b"], Some("cursor-2")),
            (Some("cursor-2"), &["id-c"], Some("cursor-3")),
            (Some("cursor-3"), &["id-d", "id-e"], Some("")),
        ])
        .await;

        let identities: Vec<revised::Identity> = test
            .client
            .list_identities_stream(&institutions_two_at_a_time())
            .try_collect()
            .await
            .unwrap_or_else(|error| panic!("the identity stream failed: {error:?}"));

        let expected: Vec<revised::Identity> =
            self::identities(&test.spec, &["id-a", "id-b", "id-c", "id-d", "id-e"])
                .into_iter()
                .map(|identity| serde_json::from_value(identity).expect("an Identity"))
                .collect();
        assert_eq!(identities, expected, "every item of every page, in order");
        assert_eq!(
            test.cursors_sent().await,
            [None, Some("cursor-2".into()), Some("cursor-3".into())],
            "each page's next cursor is sent for the next page; none after the empty one"
        );
        assert_eq!(
            test.tokens.scopes_requested().await,
            [READ_SCOPE],
            "one token serves every page"
        );
    })
    .await;
}

#[tokio::test]
async fn the_pages_start_at_a_given_cursor_and_end_when_the_next_cursor_is_absent() {
    time_limited(async {
        let test = Paging::serve(&[
            (Some("cursor-7"), &["id-f", "id-g"], Some("cursor-8")),
            // A page without items is not the last one while it has a next cursor.
            (Some("cursor-8"), &[], Some("cursor-9")),
            (Some("cursor-9"), &["id-h"], None),
        ])
        .await;

        let params = institutions_two_at_a_time().set_page_cursor("cursor-7");
        let pages: Vec<_> = test
            .client
            .list_identities_pages(&params)
            .try_collect()
            .await
            .unwrap_or_else(|error| panic!("the page stream failed: {error:?}"));

        let summary: Vec<(StatusCode, Option<&str>, Vec<&str>)> = pages
            .iter()
            .map(|page| {
                let ids = page.body.items.iter().flatten();
                (
                    page.status,
                    page.body.next_page_cursor.as_deref(),
                    ids.map(|identity| identity.id.as_str()).collect(),
                )
            })
            .collect();
        assert_eq!(
            summary,
            [
                (StatusCode::OK, Some("cursor-8"), vec!["id-f", "id-g"]),
                (StatusCode::OK, Some("cursor-9"), vec![]),
                (StatusCode::OK, None, vec!["id-h"]),
            ]
        );
        assert_eq!(
            test.cursors_sent().await,
            [
                Some("cursor-7".into()),
                Some("cursor-8".into()),
                Some("cursor-9".into())
            ],
            "the first request carries the given cursor; none follows the last page"
        );
    })
    .await;
}

#[tokio::test]
async fn a_repeated_cursor_ends_the_identity_stream_with_an_error_not_a_loop() {
    time_limited(async {
        let test = Paging::serve(&[
            (None, &["id-a"], Some("cursor-2")),
            (Some("cursor-2"), &["id-b"], Some("cursor-2")),
        ])
        .await;

        let results: Vec<_> = test
            .client
            .list_identities_stream(&institutions_two_at_a_time())
            .collect()
            .await;
        let ids: Vec<&str> = results
            .iter()
            .filter_map(|result| result.as_ref().ok())
            .map(|identity| identity.id.as_str())
            .collect();
        assert_eq!(ids, ["id-a", "id-b"], "the items of both pages come first");
        match results.last() {
            Some(Err(Error::RepeatedCursor { cursor, page })) => {
                assert_eq!((cursor.as_str(), *page), ("cursor-2", 2));
            }
            other => panic!("expected Error::RepeatedCursor last, got {other:?}"),
        }
        assert_eq!(results.len(), 3);
        assert_eq!(test.cursors_sent().await.len(), 2, "no third request");
    })
    .await;
}

// ---------------------------------------------------------------------------
// Paxos DocumentUpload, then the file to the pre-signed URL
// ---------------------------------------------------------------------------

#[tokio::test]
async fn a_paxos_document_reaches_its_presigned_url_byte_for_byte_without_the_token() {
    time_limited(async {
        let spec = Spec::load("paxos-identity-v2-revised.yaml");
        let (api, storage, tokens) = (
            MockServer::start().await,
            MockServer::start().await,
            TokenServer::start().await,
        );
        let object = format!("/paxos-documents/{IDENTITY}/Proof_of_residence.jpg");
        let signature = "X-Amz-Signature=d3adb33f%2Fsig&X-Amz-Expires=900";
        let upload_url = format!("{}{object}?{signature}", storage.uri());

        // The API answers the spec's example, with a storage URL on this machine.
        let request: Value = spec.request_example(DOCUMENTS, "put");
        let mut answer: Value = spec.response_example(DOCUMENTS, "put", "200");
        answer["upload_url"] = json!(upload_url);
        Mock::given(method("PUT"))
            .and(path(format!("/identity/identities/{IDENTITY}/documents")))
            .and(header("authorization", format!("Bearer {ACCESS_TOKEN}")))
            .and(body_json(&request))
            .respond_with(ResponseTemplate::new(200).set_body_json(&answer))
            .mount(&api)
            .await;
        Mock::given(method("PUT"))
            .and(path(object.as_str()))
            .respond_with(ResponseTemplate::new(200))
            .mount(&storage)
            .await;
        let client = paxos_client(revised::Client::builder(api.uri()), &tokens, None);
        let file = scan(64 * 1024 + 3);

        // The README's flow (examples/paxos_upload_document.rs).
        let upload: revised::DocumentUploadRequest =
            serde_json::from_value(request).expect("the request example");
        let document = client
            .document_upload(IDENTITY, &upload)
            .await
            .unwrap_or_else(|error| panic!("DocumentUpload: {error:?}"))
            .into_body();
        let url = document.upload_url.as_ref().expect("an upload_url");
        assert_eq!(url.expose(), &upload_url);
        assert!(
            !format!("{document:?}").contains("d3adb33f"),
            "the pre-signed URL is a credential: {document:?}"
        );
        let stored = client
            .api_client()
            .upload_to_presigned_url(url.expose(), file.clone(), "image/jpeg")
            .await
            .unwrap_or_else(|error| panic!("the upload: {error:?}"));
        assert_eq!(stored.status, StatusCode::OK);

        let received = storage.received_requests().await.expect("recording is on");
        let [put]: [Request; 1] = received.try_into().expect("one request to storage");
        assert_eq!(put.method.as_str(), "PUT");
        assert_eq!(put.url.query(), Some(signature), "the signature as given");
        assert!(put.body == file, "the file arrives byte for byte");
        assert_eq!(put.headers["content-type"], "image/jpeg");
        assert!(
            !put.headers.contains_key("authorization"),
            "the API's token reached the storage host"
        );
        for (name, value) in &put.headers {
            let value = value.to_str().unwrap_or_default();
            assert!(!value.contains(ACCESS_TOKEN), "the token in `{name}`");
        }
        // The token went to the API only: fetched once, with DocumentUpload's scope.
        assert_eq!(api.received_requests().await.expect("recorded").len(), 1);
        assert_eq!(tokens.scopes_requested().await, [WRITE_SCOPE]);
    })
    .await;
}

// ---------------------------------------------------------------------------
// BitGo Add KYC Documents and Update KYC Document: multipart
// ---------------------------------------------------------------------------

#[tokio::test]
async fn bitgo_documents_reach_the_api_as_multipart_parts_byte_for_byte() {
    time_limited(async {
        let api = MockServer::start().await;
        let (front, back, residency) = (
            scan(40 * 1024),
            scan(1024).into_iter().rev().collect::<Vec<u8>>(),
            b"%PDF-1.7\r\n--not-a-boundary\r\n\x00\xff lease".to_vec(),
        );
        let upload = |file_type: &str, size: usize| {
            json!({
                "fileName": format!("{file_type}.bin"),
                "fileSize": size,
                "uploadStatus": "uploaded",
                "documentType": file_type,
            })
        };
        let created = json!({
            "id": "doc-1",
            "status": "pending",
            "selectedIdClass": "pp",
            "fileUploads": [
                upload("frontPhoto", front.len()),
                upload("backPhoto", back.len()),
                upload("proofOfResidency", residency.len()),
            ],
        });
        let bearer = format!("Bearer {BEARER_TOKEN}");
        Mock::given(method("POST"))
            .and(path("/api/evs/v1/identity/e2e-identity/document"))
            .and(header("authorization", bearer.as_str()))
            .respond_with(ResponseTemplate::new(200).set_body_json(&created))
            .mount(&api)
            .await;
        Mock::given(method("PUT"))
            .and(path("/api/evs/v1/identity/e2e-identity/document/doc-1"))
            .and(header("authorization", bearer.as_str()))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({
                "id": "doc-1",
                "status": "processing",
                "selectedIdClass": "dl",
            })))
            .mount(&api)
            .await;
        let client = bitgo::Client::builder(api.uri())
            .bearer_token(BEARER_TOKEN)
            .http_client(http_client(None))
            .build()
            .expect("BitGo client");

        let files = bitgo::KycDocumentFiles::new()
            .set_selected_id_class(bitgo::KycIdClass::Pp)
            .set_front_photo(front.clone())
            .set_back_photo(back.clone())
            .set_proof_of_residency(residency.clone());
        let document = client
            .entity_validation_identity_document_create("e2e-identity", &files)
            .await
            .unwrap_or_else(|error| panic!("Add KYC Documents: {error:?}"))
            .into_body();
        let expected: bitgo::KycDocumentCreated =
            serde_json::from_value(created).expect("a KycDocumentCreated");
        assert_eq!(document, expected);

        // Only the parts that are set are sent.
        let replacement = bitgo::KycDocumentFiles::new()
            .set_selected_id_class(bitgo::KycIdClass::Dl)
            .set_front_photo(b"\x89PNG\r\n\x1a\n".to_vec());
        let updated = client
            .entity_validation_identity_document_update("e2e-identity", &document.id, &replacement)
            .await
            .unwrap_or_else(|error| panic!("Update KYC Document: {error:?}"))
            .into_body();
        assert_eq!(updated.status, bitgo::KycDocumentStatus::Processing);

        let received = api.received_requests().await.expect("recording is on");
        let [create, update]: [Request; 2] = received.try_into().expect("two requests");
        assert_eq!(
            parts(&create),
            [
                Part::text("selectedIdClass", "pp"),
                Part::file("frontPhoto", &front),
                Part::file("backPhoto", &back),
                Part::file("proofOfResidency", &residency),
            ]
        );
        assert_eq!(
            parts(&update),
            [
                Part::text("selectedIdClass", "dl"),
                Part::file("frontPhoto", b"\x89PNG\r\n\x1a\n"),
            ]
        );
    })
    .await;
}
