//! Paxos Identity v2 against Prism: as first documented (pages 001-003), as today's
//! reference documents it (all 21 operations), and the preview revision of page 000.

use std::collections::BTreeSet;

use identity_clients::{
    paxos_identity_v2 as v2, paxos_identity_v2_preview as preview,
    paxos_identity_v2_revised as revised,
};
use specgen_runtime::chrono::{NaiveDate, TimeZone, Utc};
use specgen_runtime::reqwest::StatusCode;
use specgen_runtime::{Error, Sensitive};

use crate::harness::{
    bounded, http_client, Prism, Spec, TokenServer, CLIENT_ID, CLIENT_SECRET, READ_SCOPE,
    WRITE_SCOPE,
};

/// A Paxos client whose OAuth2 token endpoint is `tokens`, with an optional `Prefer`
/// header for Prism.
pub(crate) fn paxos_client<C: From<specgen_runtime::ApiClient>>(
    builder: specgen_runtime::ClientBuilder<C>,
    tokens: &TokenServer,
    prefer: Option<&str>,
) -> C {
    builder
        .token_url(tokens.url())
        .client_credentials(CLIENT_ID, CLIENT_SECRET)
        .http_client(http_client(prefer))
        .build()
        .expect("Paxos client")
}

// ---------------------------------------------------------------------------
// Paxos Identity v2: GetIdentity, UpdateIdentity, CreateIdentity
// ---------------------------------------------------------------------------

#[tokio::test]
async fn paxos_identity_v2_every_operation_against_prism() {
    bounded(async {
        let spec = Spec::load("paxos-identity-v2.yaml");
        let prism = Prism::start(&spec).await;
        let tokens = TokenServer::start().await;
        let client = paxos_client(v2::Client::builder(prism.base_url()), &tokens, None);
        let mut driven = BTreeSet::new();
        let id = "f190b163-208f-4d73-8deb-4fb8b24add00";

        // Prism does check credentials, so the calls below prove they are sent.
        let anonymous = http_client(None)
            .get(format!("{}/identity/identities/{id}", prism.base_url()))
            .send()
            .await
            .expect("a request without credentials");
        assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);

        // GetIdentity, both query parameters set: Prism validates them as booleans.
        let params = v2::GetIdentityParams::new()
            .set_include_details(true)
            .set_include_institution_members(false);
        let response = prism.expect_ok("GetIdentity", client.get_identity(id, &params).await);
        assert_eq!(response.status, StatusCode::OK);
        let expected: v2::Identity =
            spec.response_example("/identity/identities/{id}", "get", "200");
        assert_eq!(
            response.body, expected,
            "GetIdentity: not the spec's example"
        );
        assert_eq!(response.body.status, Some(v2::IdentityStatus::Pending));
        let requirements = response
            .body
            .status_details
            .and_then(|details| details.pending_requirements)
            .expect("status_details.pending_requirements");
        assert_eq!(requirements.len(), 3);
        assert_eq!(
            tokens.scopes_requested().await,
            [READ_SCOPE],
            "GetIdentity must fetch a token with its scope first"
        );
        driven.insert("GetIdentity");

        // UpdateIdentity with the spec's request example, read into the typed body.
        let update: v2::UpdateIdentityRequest =
            spec.request_example("/identity/identities/{id}", "put");
        assert_eq!(
            update
                .person_details
                .as_ref()
                .and_then(|p| p.first_name.as_deref()),
            Some("John")
        );
        let response = prism.expect_ok("UpdateIdentity", client.update_identity(id, &update).await);
        assert_eq!(response.status, StatusCode::OK);
        let expected: v2::IdentityWithSummaryStatus =
            spec.response_example("/identity/identities/{id}", "put", "200");
        assert_eq!(
            response.body, expected,
            "UpdateIdentity: not the spec's example"
        );
        assert_eq!(
            response.body.summary_status,
            Some(v2::IdentityStatus::Pending)
        );
        assert_eq!(
            tokens.scopes_requested().await,
            [READ_SCOPE, WRITE_SCOPE],
            "UpdateIdentity must fetch a token with the write scope"
        );
        driven.insert("UpdateIdentity");

        // CreateIdentity with the spec's request example (a date, a date-time, a
        // sensitive field, metadata).
        let create: v2::CreateIdentityRequest =
            spec.request_example("/identity/identities", "post");
        let response = prism.expect_ok("CreateIdentity", client.create_identity(&create).await);
        assert_eq!(response.status, StatusCode::OK);
        let expected: v2::IdentityWithSummaryStatus =
            spec.response_example("/identity/identities", "post", "200");
        assert_eq!(
            response.body, expected,
            "CreateIdentity: not the spec's example"
        );
        let person = response
            .body
            .person_details
            .as_ref()
            .expect("person_details");
        // The example sends a date-time for this `format: date` field: read leniently.
        assert_eq!(
            person.date_of_birth,
            Some(NaiveDate::from_ymd_opt(1980, 1, 1).unwrap())
        );
        assert_eq!(
            person.passthrough_verified_at,
            Some(Utc.with_ymd_and_hms(2021, 6, 16, 9, 28, 14).unwrap())
        );
        assert_eq!(
            person
                .cip_id
                .as_ref()
                .map(Sensitive::expose)
                .map(String::as_str),
            Some("111-11-1234")
        );
        let debug = format!("{response:?}");
        assert!(
            !debug.contains("111-11-1234"),
            "a sensitive field leaked into Debug: {debug}"
        );
        assert_eq!(
            tokens.scopes_requested().await,
            [READ_SCOPE, WRITE_SCOPE],
            "CreateIdentity needs the write scope, whose token is cached: no new request"
        );
        driven.insert("CreateIdentity");
        spec.assert_all_driven(&driven);

        // A status the spec does not document, asked for with `Prefer: code=404` (a
        // client-wide default header of the reqwest client: the generated methods take
        // no extra headers): Error::UnexpectedStatus with the status and body text.
        let client_404 = paxos_client(
            v2::Client::builder(prism.base_url()),
            &tokens,
            Some("code=404"),
        );
        match client_404.get_identity(id, &params).await {
            Err(Error::UnexpectedStatus { status, body, .. }) => {
                assert_eq!(status, StatusCode::NOT_FOUND, "body: {body}");
                assert!(body.contains("404"), "Prism's problem body: {body}");
            }
            other => panic!(
                "GetIdentity with `Prefer: code=404`: expected Error::UnexpectedStatus(404), \
                 got {other:?}{}",
                prism.log_tail()
            ),
        }
        assert_eq!(
            tokens.scopes_requested().await,
            [READ_SCOPE, WRITE_SCOPE, READ_SCOPE],
            "a second client has its own token cache"
        );
    })
    .await;
}

// ---------------------------------------------------------------------------
// Paxos Identity, preview resource (page 000): UpdateIdentity
// ---------------------------------------------------------------------------

#[tokio::test]
async fn paxos_identity_v2_preview_every_operation_against_prism() {
    bounded(async {
        let spec = Spec::load("paxos-identity-v2-preview.yaml");
        let prism = Prism::start(&spec).await;
        let tokens = TokenServer::start().await;
        let client = paxos_client(preview::Client::builder(prism.base_url()), &tokens, None);
        let mut driven = BTreeSet::new();

        // The spec has no request example: a typed body touching every kind of field.
        let update = preview::UpdateIdentityRequest::new()
            .set_person_details(
                preview::PersonDetails::new()
                    .set_first_name("Jane")
                    .set_last_name("Doe")
                    .set_date_of_birth(NaiveDate::from_ymd_opt(1990, 2, 28).unwrap())
                    .set_address(
                        preview::Address::new()
                            .set_street_address("1 Example St")
                            .set_city("New York")
                            .set_state("NY")
                            .set_postal_code("10001")
                            .set_country("USA"),
                    )
                    .set_ssn(Sensitive::new("123-45-6789".into())),
            )
            .set_metadata([("source".to_owned(), "e2e".to_owned())])
            .set_controls(
                preview::Controls::new()
                    .set_available_actions(vec!["CRYPTO_WITHDRAWAL".into()])
                    .set_frozen(true),
            )
            .set_tax_details(vec![preview::TaxDetail::new()
                .set_tax_id(Sensitive::new("123-45-6789".into()))
                .set_tax_id_type("SSN")
                .set_country("USA")])
            .set_ref_id("e2e-ref")
            .set_set_tax_details_not_required(false)
            .set_is_merchant(false)
            .set_last_kyc_refresh_date(Utc.with_ymd_and_hms(2024, 1, 2, 3, 4, 5).unwrap());
        assert!(!format!("{update:?}").contains("123-45-6789"));
        let response = prism.expect_ok(
            "UpdateIdentity",
            client.update_identity("e2e-identity", &update).await,
        );
        assert_eq!(response.status, StatusCode::OK);
        let expected: preview::Identity =
            spec.response_example("/v2/identity/identities/{id}", "put", "200");
        assert_eq!(
            response.body, expected,
            "UpdateIdentity: not the spec's example"
        );
        assert_eq!(response.body.status, Some(preview::IdentityStatus::Pending));
        assert_eq!(
            response.body.identity_type,
            Some(preview::IdentityType::Person)
        );
        assert_eq!(
            tokens.scopes_requested().await,
            [WRITE_SCOPE],
            "UpdateIdentity must fetch a token with its scope first"
        );
        driven.insert("UpdateIdentity");
        spec.assert_all_driven(&driven);
    })
    .await;
}

// ---------------------------------------------------------------------------
// Paxos Identity v2 as today's reference documents it: all 21 operations
// ---------------------------------------------------------------------------

const READ_ACCOUNT: &str = "identity:read_account";
const WRITE_ACCOUNT: &str = "identity:write_account";
const READ_CONTROL: &str = "identity:read_identity_control";
const WRITE_CONTROL: &str = "identity:write_identity_control";

const IDENTITIES: &str = "/identity/identities";
const IDENTITY: &str = "/identity/identities/{id}";
const DOCUMENTS: &str = "/identity/identities/{identity_id}/documents";
const ACCOUNTS: &str = "/identity/accounts";

/// What one revised-spec test shares: Prism, the spec, the client and its token endpoint.
struct Revised {
    spec: Spec,
    prism: Prism,
    tokens: TokenServer,
    client: revised::Client,
    driven: BTreeSet<&'static str>,
}

impl Revised {
    /// A client like the test's, with its own token endpoint, whose requests send Prism
    /// `Prefer: {prefer}` (`code=409`, `example=name`).
    async fn client_preferring(&self, prefer: &str) -> (revised::Client, TokenServer) {
        let tokens = TokenServer::start().await;
        let client = paxos_client(
            revised::Client::builder(self.prism.base_url()),
            &tokens,
            Some(prefer),
        );
        (client, tokens)
    }

    /// After `operation`, the token requests so far are `scopes`, in order: each scope
    /// was fetched once, when first needed, and then reused.
    async fn assert_scopes(&self, operation: &str, scopes: &[&str]) {
        assert_eq!(
            self.tokens.scopes_requested().await,
            scopes,
            "token requests after {operation}"
        );
    }
}

#[tokio::test]
async fn paxos_identity_v2_revised_every_operation_against_prism() {
    bounded(async {
        let spec = Spec::load("paxos-identity-v2-revised.yaml");
        let prism = Prism::start(&spec).await;
        let tokens = TokenServer::start().await;
        let client = paxos_client(revised::Client::builder(prism.base_url()), &tokens, None);
        let mut test = Revised {
            spec,
            prism,
            tokens,
            client,
            driven: BTreeSet::new(),
        };
        revised_identities(&mut test).await;
        revised_documents(&mut test).await;
        revised_members_and_accounts(&mut test).await;
        revised_sandbox(&mut test).await;
        revised_controls(&mut test).await;
        test.spec.assert_all_driven(&test.driven);
        test.assert_scopes(
            "every operation",
            &[
                READ_SCOPE,
                WRITE_SCOPE,
                READ_ACCOUNT,
                WRITE_ACCOUNT,
                READ_CONTROL,
                WRITE_CONTROL,
            ],
        )
        .await;
    })
    .await;
}

async fn revised_identities(test: &mut Revised) {
    let (spec, prism, client) = (&test.spec, &test.prism, &test.client);
    let id = "f190b163-208f-4d73-8deb-4fb8b24add00";

    // ListIdentities, one page, every filter: Prism validates each (the enums, the
    // date-times, the exploded arrays).
    let params = revised::ListIdentitiesParams::new()
        .set_summary_status(revised::IdentityStatus::Approved)
        .set_created_at_gte(Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap())
        .set_created_at_lt(Utc.with_ymd_and_hms(2025, 1, 1, 0, 0, 0).unwrap())
        .set_updated_at_gt(Utc.with_ymd_and_hms(2024, 6, 1, 12, 30, 0).unwrap())
        .set_limit(50)
        .set_order(revised::SortOrder::Asc)
        .set_order_by(revised::SortField::CreatedAt)
        .set_page_cursor("page-2")
        .set_identity_type(revised::IdentityType::Person)
        .set_control_types(vec![
            revised::IdentityControlType::SellOnly,
            revised::IdentityControlType::Dormant,
        ])
        .set_control_reason_codes(revised::IdentityControlReasonCode::ALL.to_vec());
    let response = prism.expect_ok("ListIdentities", client.list_identities(&params).await);
    let expected: revised::ListIdentitiesResponse = spec.response_example(IDENTITIES, "get", "200");
    assert_eq!(
        response.body, expected,
        "ListIdentities: not the spec's example"
    );
    assert_eq!(response.body.next_page_cursor.as_deref(), Some("<string>"));
    test.assert_scopes("ListIdentities", &[READ_SCOPE]).await;

    // CreateIdentity with both of the page's bodies. Unasked, Prism answers with the
    // Identity schema's example; asked for one of the page's response examples by name
    // (`Prefer: example=…`), with that one.
    let schema_example: revised::Identity = spec.schema_example("Identity");
    for (request, response_name) in [
        (
            "create_person_identity",
            "create_person_identity_with_passthrough",
        ),
        (
            "create_institutional_identity",
            "create_institutional_identity",
        ),
    ] {
        let create: revised::CreateIdentityRequest =
            spec.named_request_example(IDENTITIES, "post", request);
        let response = prism.expect_ok(request, client.create_identity(&create).await);
        assert_eq!(response.body, schema_example, "CreateIdentity ({request})");

        let (asking, _tokens) = test
            .client_preferring(&format!("example={response_name}"))
            .await;
        let response = prism.expect_ok(request, asking.create_identity(&create).await);
        let expected: revised::Identity =
            spec.named_response_example(IDENTITIES, "post", "200", response_name);
        assert_eq!(response.body, expected, "CreateIdentity ({response_name})");
        // The person's SSN and the institution's EIN are on the wire, not in Debug.
        let debug = format!("{:?}", response.body);
        for secret in ["111-11-1234", "12-9876543"] {
            assert!(!debug.contains(secret), "{secret} in {debug}");
        }
        if let Some(person) = &response.body.person_details {
            assert_eq!(person.date_of_birth, NaiveDate::from_ymd_opt(1980, 1, 1));
            assert_eq!(
                person
                    .cip_id
                    .as_ref()
                    .map(Sensitive::expose)
                    .map(String::as_str),
                Some("111-11-1234")
            );
        }
    }
    test.assert_scopes("CreateIdentity", &[READ_SCOPE, WRITE_SCOPE])
        .await;

    // GetIdentity: the operation has no example, Prism answers the Identity schema's.
    let params = revised::GetIdentityParams::new()
        .set_include_details(true)
        .set_include_institution_members(true);
    let response = prism.expect_ok("GetIdentity", client.get_identity(id, &params).await);
    assert_eq!(response.body, schema_example, "GetIdentity");

    // UpdateIdentity with the page's body.
    let update: revised::UpdateIdentityRequest = spec.request_example(IDENTITY, "put");
    let response = prism.expect_ok("UpdateIdentity", client.update_identity(id, &update).await);
    assert_eq!(response.body, schema_example, "UpdateIdentity");

    // The documented conflict arrives typed, as the page's first 409 example.
    let (conflicting, _tokens) = test.client_preferring("code=409").await;
    let create: revised::CreateIdentityRequest =
        spec.named_request_example(IDENTITIES, "post", "create_person_identity");
    let expected: revised::Problem = spec.named_response_example(
        IDENTITIES,
        "post",
        "409",
        "create_identity_with_the_same_ssn",
    );
    match conflicting.create_identity(&create).await {
        Err(Error::Api {
            status,
            body: revised::CreateIdentityError::Conflict(problem),
            ..
        }) => {
            assert_eq!(status, StatusCode::CONFLICT);
            assert_eq!(problem, expected);
        }
        other => panic!(
            "CreateIdentity, Prefer 409: {other:?}{}",
            test.prism.log_tail()
        ),
    }
    test.driven.extend([
        "ListIdentities",
        "CreateIdentity",
        "GetIdentity",
        "UpdateIdentity",
    ]);
}

async fn revised_documents(test: &mut Revised) {
    let (spec, prism, client) = (&test.spec, &test.prism, &test.client);
    let identity = "f190b163-208f-4d73-8deb-4fb8b24add00";

    let params = revised::ListIdentityDocumentsParams::new().set_include_pending_docs(true);
    let response = prism.expect_ok(
        "ListIdentityDocuments",
        client.list_identity_documents(identity, &params).await,
    );
    let expected: revised::ListIdentityDocumentsResponse =
        spec.response_example(DOCUMENTS, "get", "200");
    assert_eq!(response.body, expected, "ListIdentityDocuments");

    // DocumentUpload returns the pre-signed URL: on the wire, never in Debug.
    let upload: revised::DocumentUploadRequest = spec.request_example(DOCUMENTS, "put");
    let response = prism.expect_ok(
        "DocumentUpload",
        client.document_upload(identity, &upload).await,
    );
    let expected: revised::DocumentUploadResponse = spec.response_example(DOCUMENTS, "put", "200");
    assert_eq!(response.body, expected, "DocumentUpload");
    let url = response.body.upload_url.as_ref().expect("upload_url");
    assert!(url.expose().starts_with("https://"));
    assert!(!format!("{:?}", response.body).contains(url.expose().as_str()));

    // Every documented error status of both operations, typed, as the page's examples.
    for code in [400u16, 403, 404, 409] {
        let (failing, _tokens) = test.client_preferring(&format!("code={code}")).await;
        let expected: revised::Problem = spec.response_example(DOCUMENTS, "put", &code.to_string());
        match failing.document_upload(identity, &upload).await {
            Err(Error::Api { status, body, .. }) => {
                assert_eq!(status.as_u16(), code);
                use revised::DocumentUploadError as E;
                let problem = match (code, body) {
                    (400, E::BadRequest(p))
                    | (403, E::Forbidden(p))
                    | (404, E::NotFound(p))
                    | (409, E::Conflict(p)) => p,
                    (code, body) => panic!("DocumentUpload {code} decoded as {body:?}"),
                };
                assert_eq!(problem, expected, "DocumentUpload {code}");
            }
            other => panic!("DocumentUpload, Prefer {code}: {other:?}"),
        }
        if code == 403 || code == 404 {
            let expected: revised::Problem =
                spec.response_example(DOCUMENTS, "get", &code.to_string());
            match failing.list_identity_documents(identity, &params).await {
                Err(Error::Api { body, .. }) => {
                    use revised::ListIdentityDocumentsError as E;
                    let problem = match body {
                        E::Forbidden(p) | E::NotFound(p) => p,
                        other => panic!("ListIdentityDocuments {code}: {other:?}"),
                    };
                    assert_eq!(problem, expected, "ListIdentityDocuments {code}");
                }
                other => panic!("ListIdentityDocuments, Prefer {code}: {other:?}"),
            }
        }
    }
    test.driven
        .extend(["ListIdentityDocuments", "DocumentUpload"]);
}

async fn revised_members_and_accounts(test: &mut Revised) {
    let (spec, prism, client) = (&test.spec, &test.prism, &test.client);

    let add: revised::AddInstitutionMembersRequest =
        spec.request_example("/identity/institution-members", "post");
    let response = prism.expect_ok(
        "AddInstitutionMembers",
        client.add_institution_members(&add).await,
    );
    let expected: revised::AddInstitutionMembersResponse =
        spec.response_example("/identity/institution-members", "post", "200");
    assert_eq!(response.body, expected, "AddInstitutionMembers");
    let member_id = response.body.members.as_ref().expect("members")[0]
        .id
        .clone()
        .expect("the new member's id");
    let response = prism.expect_ok(
        "DeleteInstitutionMember",
        client.delete_institution_member(&member_id).await,
    );
    assert_eq!(response.status, StatusCode::OK);

    // ListAccounts, one page, every filter.
    let params = revised::ListAccountsParams::new()
        .set_page_cursor("page-2")
        .set_order(revised::SortOrder::Desc)
        .set_order_by(revised::SortField::CreatedAt)
        .set_limit(10)
        .set_created_at_lte(Utc.with_ymd_and_hms(2025, 1, 1, 0, 0, 0).unwrap())
        .set_created_at_eq(Utc.with_ymd_and_hms(2024, 2, 29, 23, 59, 59).unwrap())
        .set_identity_id("82c338f4-3cb7-4d9b-be2a-4b077c82ee3a")
        .set_updated_at_gte(Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap())
        .set_updated_at_eq(Utc.with_ymd_and_hms(2024, 3, 1, 0, 0, 0).unwrap());
    let response = prism.expect_ok("ListAccounts", client.list_accounts(&params).await);
    // No example: Prism builds the page from the schema.
    let accounts = response.body.items.expect("items");
    assert!(!accounts.is_empty());
    assert!(accounts
        .iter()
        .all(|a| a.id.is_some() && a.created_at.is_some()));
    test.assert_scopes("ListAccounts", &[READ_SCOPE, WRITE_SCOPE, READ_ACCOUNT])
        .await;

    let create: revised::CreateAccountRequest = spec.request_example(ACCOUNTS, "post");
    let response = prism.expect_ok("CreateAccount", client.create_account(&create).await);
    let expected: revised::Account = spec.response_example(ACCOUNTS, "post", "200");
    assert_eq!(response.body, expected, "CreateAccount");

    let update: revised::UpdateAccountRequest = spec.request_example(ACCOUNTS, "put");
    let response = prism.expect_ok("UpdateAccount", client.update_account(&update).await);
    let expected: revised::Account = spec.response_example(ACCOUNTS, "put", "200");
    assert_eq!(response.body, expected, "UpdateAccount");
    let account_id = response.body.id.expect("account id");

    let response = prism.expect_ok("GetAccount", client.get_account(&account_id).await);
    assert!(response.body.id.is_some() && response.body.r#type.is_some());

    let add: revised::AddAccountMembersRequest =
        spec.request_example("/identity/account-members", "post");
    let response = prism.expect_ok("AddAccountMembers", client.add_account_members(&add).await);
    let expected: revised::AddAccountMembersResponse =
        spec.response_example("/identity/account-members", "post", "200");
    assert_eq!(response.body, expected, "AddAccountMembers");
    let member_id = response.body.members.as_ref().expect("members")[1]
        .id
        .clone()
        .expect("the new member's id");
    let response = prism.expect_ok(
        "DeleteAccountMember",
        client.delete_account_member(&member_id).await,
    );
    assert_eq!(response.status, StatusCode::OK);
    test.assert_scopes(
        "the account operations",
        &[READ_SCOPE, WRITE_SCOPE, READ_ACCOUNT, WRITE_ACCOUNT],
    )
    .await;
    test.driven.extend([
        "AddInstitutionMembers",
        "DeleteInstitutionMember",
        "ListAccounts",
        "CreateAccount",
        "UpdateAccount",
        "GetAccount",
        "AddAccountMembers",
        "DeleteAccountMember",
    ]);
}

async fn revised_sandbox(test: &mut Revised) {
    let (spec, prism, client) = (&test.spec, &test.prism, &test.client);
    let id = "f190b163-208f-4d73-8deb-4fb8b24add00";

    let status: revised::SandboxSetIdentityStatusRequest =
        spec.request_example("/identity/identities/{id}/sandbox-status", "put");
    let response = prism.expect_ok(
        "SandboxSetIdentityStatus",
        client.sandbox_set_identity_status(id, &status).await,
    );
    assert_eq!(response.status, StatusCode::OK);
    // Every status field, and the disable switches, through Prism's validation too.
    let status = revised::SandboxSetIdentityStatusRequest::new()
        .set_id(id)
        .set_id_verification_status(revised::IdentityStatus::Denied)
        .set_sanctions_verification_status(revised::IdentityStatus::Approved)
        .set_user_disabled(revised::SetDisable::new().set_disabled(true))
        .set_admin_disabled(revised::SetDisable::new().set_disabled(false))
        .set_document_verification_status(revised::IdentityStatus::Pending)
        .set_additional_screening_status(revised::IdentityStatus::Error);
    prism.expect_ok(
        "SandboxSetIdentityStatus (every field)",
        client.sandbox_set_identity_status(id, &status).await,
    );

    let response = prism.expect_ok(
        "SandboxStartKycRefresh",
        client.sandbox_start_kyc_refresh(id).await,
    );
    assert_eq!(response.status, StatusCode::OK);
    let force = revised::SandboxForceStartKycRefreshRequest::new(id, 30);
    prism.expect_ok(
        "SandboxForceStartKycRefresh",
        client.sandbox_force_start_kyc_refresh(&force).await,
    );
    let reset = revised::SandboxResetKycRefreshRequest::new(id);
    prism.expect_ok(
        "SandboxResetKycRefresh",
        client.sandbox_reset_kyc_refresh(&reset).await,
    );
    // The spec's constraints are Prism's too: out of range, the request is refused.
    let out_of_range = revised::SandboxForceStartKycRefreshRequest::new(id, 91);
    match client.sandbox_force_start_kyc_refresh(&out_of_range).await {
        Err(Error::UnexpectedStatus { status, body, .. }) => {
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
            assert!(body.contains("expiry_days"), "{body}");
        }
        other => panic!("expiry_days 91 must be refused: {other:?}"),
    }
    test.driven.extend([
        "SandboxSetIdentityStatus",
        "SandboxStartKycRefresh",
        "SandboxForceStartKycRefresh",
        "SandboxResetKycRefresh",
    ]);
}

async fn revised_controls(test: &mut Revised) {
    let (prism, client) = (&test.prism, &test.client);
    let identity = "f190b163-208f-4d73-8deb-4fb8b24add00";

    let params = revised::ListIdentityControlsParams::new(identity)
        .set_include_deleted(true)
        .set_limit(1000)
        .set_page_cursor("page-2");
    let response = prism.expect_ok(
        "ListIdentityControls",
        client.list_identity_controls(&params).await,
    );
    // No example: Prism builds the page from the schema (first enum values).
    let controls = response.body.items.expect("items");
    assert!(!controls.is_empty());
    for control in &controls {
        assert!(revised::IdentityControlType::ALL.contains(&control.r#type));
        assert!(revised::IdentityControlSetBy::ALL.contains(&control.set_by));
    }

    // Every control type a client may create, with every reason code.
    for (round, reason_code) in revised::IdentityControlReasonCode::ALL.iter().enumerate() {
        let types = &revised::ClientIdentityControlType::ALL;
        let create = revised::CreateIdentityControlRequest::new(
            identity,
            types[round % types.len()].clone(),
            reason_code.clone(),
        )
        .set_reason("requested by the end user");
        let response = prism.expect_ok(
            "CreateIdentityControl",
            client.create_identity_control(&create).await,
        );
        assert!(!response.body.id.is_empty());
    }

    let params = revised::DeleteIdentityControlParams::new("59b8e3c5-2b6e-4fa6-afcf-8c685598241d")
        .set_reason("reactivated");
    let response = prism.expect_ok(
        "DeleteIdentityControl",
        client.delete_identity_control(&params).await,
    );
    assert_eq!(response.status, StatusCode::OK);
    test.driven.extend([
        "ListIdentityControls",
        "CreateIdentityControl",
        "DeleteIdentityControl",
    ]);
}
