//! End to end against an independent implementation of the specs: Prism
//! (`@stoplight/prism-cli`, installed by `npm ci --prefix .ci`) mocks each spec in
//! `specs/` on 127.0.0.1, and every operation of every generated client is driven
//! against it.
//!
//! Prism checks each request against the spec (a non-conforming request gets 422, or
//! the spec's own 400 where it documents one) and that security credentials are
//! present, and it answers with the spec's examples (generated from the schema where a
//! spec has none), which the typed client must parse. The OAuth2 token endpoint is a
//! local `wiremock` server that the test runs itself.
//!
//! Prism is found through `PRISM_BIN`, else at `.ci/node_modules/.bin/prism`. When it
//! is missing, cannot start or does not answer within [`STARTUP_TIMEOUT`], the tests
//! fail with a message saying so: they are never skipped. Each Prism process is killed
//! by its PID when its guard is dropped, on panic and on timeout too.

use std::collections::BTreeSet;
use std::fmt::Debug;
use std::fs::File;
use std::future::Future;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use identity_clients::paxos_identity_v2_revised as revised;
use identity_clients::{bitgo_evs_kyc as bitgo, paxos_identity_v2 as v2};
use serde_json::{json, Value};
use specgen_runtime::chrono::{NaiveDate, TimeZone, Utc};
use specgen_runtime::reqwest::{self, header, StatusCode};
use specgen_runtime::serde::de::DeserializeOwned;
use specgen_runtime::{Error, Response, Sensitive};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// The specs this file drives, one test each; `every_spec_is_driven_end_to_end` keeps
/// it equal to the contents of `specs/`.
const DRIVEN_SPECS: [&str; 3] = [
    "bitgo-evs-kyc.yaml",
    "paxos-identity-v2-revised.yaml",
    "paxos-identity-v2.yaml",
];

/// How long Prism may take from spawn to answering HTTP.
const STARTUP_TIMEOUT: Duration = Duration::from_secs(60);
/// The limit for one HTTP request (token or API).
const REQUEST_TIMEOUT: Duration = Duration::from_secs(20);
/// The limit for one whole test, Prism's start included.
const TEST_TIMEOUT: Duration = Duration::from_secs(180);

const CLIENT_ID: &str = "e2e-client-id";
const CLIENT_SECRET: &str = "e2e-client-secret";
const TOKEN_PATH: &str = "/oauth2/token";
const ACCESS_TOKEN: &str = "e2e-access-token";
const BEARER_TOKEN: &str = "e2e-bitgo-token";
const READ_SCOPE: &str = "identity:read_identity";
const WRITE_SCOPE: &str = "identity:write_identity";

// ---------------------------------------------------------------------------
// Paxos Identity v2: GetIdentity, UpdateIdentity, CreateIdentity
// ---------------------------------------------------------------------------

#[tokio::test]
async fn paxos_identity_v2_every_operation_against_prism() {
    bounded(async {
        let spec = Spec::load("paxos-identity-v2.yaml");
        let prism = Prism::start(&spec).await;
        let tokens = TokenServer::start().await;
        let client = v2::Client::builder(prism.base_url())
            .token_url(tokens.url())
            .client_credentials(CLIENT_ID, CLIENT_SECRET)
            .http_client(http_client(None))
            .build()
            .expect("Paxos v2 client");
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
        let client_404 = v2::Client::builder(prism.base_url())
            .token_url(tokens.url())
            .client_credentials(CLIENT_ID, CLIENT_SECRET)
            .http_client(http_client(Some("code=404")))
            .build()
            .expect("Paxos v2 client");
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
// Paxos Identity, revised resource: UpdateIdentity
// ---------------------------------------------------------------------------

#[tokio::test]
async fn paxos_identity_v2_revised_every_operation_against_prism() {
    bounded(async {
        let spec = Spec::load("paxos-identity-v2-revised.yaml");
        let prism = Prism::start(&spec).await;
        let tokens = TokenServer::start().await;
        let client = revised::Client::builder(prism.base_url())
            .token_url(tokens.url())
            .client_credentials(CLIENT_ID, CLIENT_SECRET)
            .http_client(http_client(None))
            .build()
            .expect("Paxos revised client");
        let mut driven = BTreeSet::new();

        // The spec has no request example: a typed body touching every kind of field.
        let update = revised::UpdateIdentityRequest::new()
            .set_person_details(
                revised::PersonDetails::new()
                    .set_first_name("Jane")
                    .set_last_name("Doe")
                    .set_date_of_birth(NaiveDate::from_ymd_opt(1990, 2, 28).unwrap())
                    .set_address(
                        revised::Address::new()
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
                revised::Controls::new()
                    .set_available_actions(vec!["CRYPTO_WITHDRAWAL".into()])
                    .set_frozen(true),
            )
            .set_tax_details(vec![revised::TaxDetail::new()
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
        let expected: revised::Identity =
            spec.response_example("/v2/identity/identities/{id}", "put", "200");
        assert_eq!(
            response.body, expected,
            "UpdateIdentity: not the spec's example"
        );
        assert_eq!(response.body.status, Some(revised::IdentityStatus::Pending));
        assert_eq!(
            response.body.identity_type,
            Some(revised::IdentityType::Person)
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
// BitGo EVS KYC: EntityValidationIdentityUpdate and its documented errors
// ---------------------------------------------------------------------------

#[tokio::test]
async fn bitgo_evs_kyc_every_operation_against_prism() {
    bounded(async {
        let spec = Spec::load("bitgo-evs-kyc.yaml");
        let prism = Prism::start(&spec).await;
        let client = bitgo_client(&prism, None);
        let mut driven = BTreeSet::new();

        // Prism does check credentials, so the calls below prove the token is sent.
        let anonymous = http_client(None)
            .patch(format!("{}/api/evs/v1/identity/e2e-identity", prism.base_url()))
            .json(&json!({ "nameFirst": "Ann" }))
            .send()
            .await
            .expect("a request without credentials");
        assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);

        // One request per value of the longest enum, so that every value of every
        // request enum reaches Prism's validator once (an unknown value is a 400).
        use bitgo::{
            UpdateKycIdentityRequestAnnualIncome as AnnualIncome,
            UpdateKycIdentityRequestDebugStatus as DebugStatus,
            UpdateKycIdentityRequestExpectedMonthlyDeposits as MonthlyDeposits,
            UpdateKycIdentityRequestExpectedMonthlyWithdrawals as MonthlyWithdrawals,
            UpdateKycIdentityRequestInitialDepositType as InitialDepositType,
            UpdateKycIdentityRequestNetWorth as NetWorth,
            UpdateKycIdentityRequestOccupation as Occupation,
            UpdateKycIdentityRequestSourceOfNetWorth as SourceOfNetWorth,
        };
        let rounds = [
            Occupation::ALL.len(),
            AnnualIncome::ALL.len(),
            NetWorth::ALL.len(),
            SourceOfNetWorth::ALL.len(),
            InitialDepositType::ALL.len(),
            MonthlyDeposits::ALL.len(),
            MonthlyWithdrawals::ALL.len(),
            DebugStatus::ALL.len(),
        ]
        .into_iter()
        .max()
        .unwrap();
        assert!(rounds >= 25, "the occupation enum lost values: {rounds}");
        for round in 0..rounds {
            let pick = |len: usize| round % len;
            let update = bitgo::UpdateKycIdentityRequest::new()
                .set_enterprise_id("e2e-enterprise")
                .set_user_id("e2e-user")
                .set_organization_id("e2e-organization")
                .set_name_first("Ann")
                .set_name_last("Example")
                .set_name_middle("B")
                .set_debug_status(DebugStatus::ALL[pick(DebugStatus::ALL.len())].clone())
                .set_debug_failure_reason("simulated")
                .set_contract_signer_name_full("Ann B Example")
                .set_contract_signed_date(NaiveDate::from_ymd_opt(2024, 12, 20).unwrap())
                .set_contract_signed_ip_address("192.0.2.1")
                .set_contract_version("1")
                .set_user_agrees_to_terms(true)
                .set_occupation(Occupation::ALL[pick(Occupation::ALL.len())].clone())
                .set_annual_income(AnnualIncome::ALL[pick(AnnualIncome::ALL.len())].clone())
                .set_net_worth(NetWorth::ALL[pick(NetWorth::ALL.len())].clone())
                .set_source_of_net_worth(SourceOfNetWorth::ALL[pick(SourceOfNetWorth::ALL.len())].clone())
                .set_initial_deposit_type(InitialDepositType::ALL[pick(InitialDepositType::ALL.len())].clone())
                .set_expected_monthly_deposits(MonthlyDeposits::ALL[pick(MonthlyDeposits::ALL.len())].clone())
                .set_expected_monthly_withdrawals(MonthlyWithdrawals::ALL[pick(MonthlyWithdrawals::ALL.len())].clone())
                .set_phone_number("+1 555 678 1234")
                .set_birthdate(NaiveDate::from_ymd_opt(2000, 12, 25).unwrap())
                .set_country_of_citizenship("US")
                .set_country_of_residence("US")
                .set_gov_id_country_of_issuance("US")
                .set_politically_exposed_person(false)
                .set_address_street1("1 Example St")
                .set_address_street2("Apt 2")
                .set_address_city("Palo Alto")
                .set_address_subdivision("CA")
                .set_address_postal_code("94301")
                .set_country("US")
                .set_identification_number(Sensitive::new("123-45-6789".into()))
                .set_digital_asset_wallet_address("2N3oefVeg6stiTb5Kh3ozCSkaqmx91FDbsm")
                .set_notional_traded_each_month(2500.5)
                .set_is_entity(false)
                .set_enterprise_name("Ann B Example")
                .set_country_of_incorporation("US")
                .set_date_of_incorporation(NaiveDate::from_ymd_opt(2000, 12, 25).unwrap());
            // The type is `#[non_exhaustive]`, so the compiler no longer sees that every
            // field is set: the body must send every property the spec declares.
            let sent = serde_json::to_value(&update).expect("the body serializes");
            let declared = &spec.json["components"]["schemas"]["UpdateKycIdentityRequest"];
            assert_eq!(
                sent.as_object().map(|o| o.keys().collect::<BTreeSet<_>>()),
                declared["properties"].as_object().map(|o| o.keys().collect()),
                "the request body must set every property"
            );
            let what = format!(
                "EntityValidationIdentityUpdate, round {round} (occupation {:?}, annual income {:?}, \
                 net worth {:?}, source of net worth {:?})",
                update.occupation.as_ref().map(|v| v.as_str()),
                update.annual_income.as_ref().map(|v| v.as_str()),
                update.net_worth.as_ref().map(|v| v.as_str()),
                update.source_of_net_worth.as_ref().map(|v| v.as_str()),
            );
            let response = prism.expect_ok(
                &what,
                client
                    .entity_validation_identity_update("e2e-identity", &update)
                    .await,
            );
            assert_eq!(response.status, StatusCode::OK, "{what}");
            // No example in the spec: Prism builds the body from the schema.
            let identity = response.body;
            assert!(!identity.id.is_empty() && !identity.status.is_empty());
            assert!(!identity.organization_id.is_empty());
            assert!(identity.created_at.is_some() && identity.updated_at.is_some());
            for signature in identity
                .signatures_submitted
                .iter()
                .chain(&identity.signatures_required)
                .flatten()
            {
                assert!(
                    bitgo::ContractSignature::ALL.contains(signature),
                    "{what}: a signature outside the spec's enum: {signature:?}"
                );
            }
        }
        driven.insert("EntityValidationIdentityUpdate");
        spec.assert_all_driven(&driven);

        // Every documented error status, asked for with `Prefer: code=…` (a default
        // header of the reqwest client; the generated methods take no extra headers),
        // arrives as Error::Api with its typed body.
        let update = bitgo::UpdateKycIdentityRequest::new().set_name_first("Ann");
        for code in [400u16, 401, 403, 404] {
            let client = bitgo_client(&prism, Some(&format!("code={code}")));
            let result = client
                .entity_validation_identity_update("e2e-identity", &update)
                .await;
            let (status, body) = match result {
                Err(Error::Api { status, body, .. }) => (status, body),
                other => panic!(
                    "`Prefer: code={code}`: expected Error::Api, got {other:?}{}",
                    prism.log_tail()
                ),
            };
            assert_eq!(status.as_u16(), code);
            use bitgo::EntityValidationIdentityUpdateError as E;
            let error = match (code, body) {
                (400, E::BadRequest(error))
                | (401, E::Unauthorized(error))
                | (403, E::Forbidden(error))
                | (404, E::NotFound(error)) => error,
                (code, body) => panic!("status {code} decoded as the wrong variant: {body:?}"),
            };
            assert!(!error.error.is_empty() && !error.request_id.is_empty());
        }
    })
    .await;
}

fn bitgo_client(prism: &Prism, prefer: Option<&str>) -> bitgo::Client {
    bitgo::Client::builder(prism.base_url())
        .bearer_token(BEARER_TOKEN)
        .http_client(http_client(prefer))
        .build()
        .expect("BitGo client")
}

// ---------------------------------------------------------------------------
// Coverage and the failure paths of the harness itself
// ---------------------------------------------------------------------------

#[test]
fn every_spec_is_driven_end_to_end() {
    let dir = manifest_dir().join("specs");
    let on_disk: BTreeSet<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|entry| {
            entry
                .expect("directory entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|name| name.ends_with(".yaml") || name.ends_with(".yml"))
        .collect();
    let driven: BTreeSet<String> = DRIVEN_SPECS.iter().map(|s| s.to_string()).collect();
    assert_eq!(
        on_disk, driven,
        "every spec in specs/ needs a test in tests/prism_e2e.rs driving all its operations"
    );
}

#[tokio::test]
async fn a_missing_prism_fails_with_instructions() {
    let error = Prism::try_start(
        Path::new("/nonexistent/prism"),
        &manifest_dir().join("specs/bitgo-evs-kyc.yaml"),
        Duration::from_secs(5),
    )
    .await
    .err()
    .expect("no Prism there");
    assert!(error.contains("/nonexistent/prism"), "{error}");
    assert!(error.contains("npm ci --prefix .ci"), "{error}");
    assert!(error.contains("PRISM_BIN"), "{error}");
}

#[cfg(unix)]
#[tokio::test]
async fn a_prism_that_never_answers_times_out_and_is_killed() {
    use std::os::unix::fs::PermissionsExt;

    // A stand-in that stays alive without listening; it writes its PID first.
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let script = dir.join("silent-prism.sh");
    std::fs::write(&script, "#!/bin/sh\necho \"pid $$\"\nexec sleep 30\n").unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();

    let started = Instant::now();
    let error = Prism::try_start(
        &script,
        &dir.join("never-answers.yaml"),
        Duration::from_secs(2),
    )
    .await
    .err()
    .expect("nothing answers");
    assert!(
        started.elapsed() < Duration::from_secs(15),
        "the wait was not bounded"
    );
    assert!(error.contains("did not answer"), "{error}");
    let pid: u32 = error
        .lines()
        .find_map(|line| line.trim().strip_prefix("pid "))
        .and_then(|pid| pid.trim().parse().ok())
        .unwrap_or_else(|| panic!("the error shows the process's output: {error}"));
    // The guard was dropped inside try_start: the process is gone (killed and reaped).
    assert!(
        !Path::new(&format!("/proc/{pid}")).exists() || !cfg!(target_os = "linux"),
        "process {pid} still exists"
    );
    // The failed start kept its log for the message; this test needs it no more.
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        if entry
            .file_name()
            .to_string_lossy()
            .starts_with("prism-never-answers.yaml-")
        {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

// ---------------------------------------------------------------------------
// Harness: Prism, the token endpoint, specs
// ---------------------------------------------------------------------------

/// Runs a test body under [`TEST_TIMEOUT`]; everything it owns (Prism included) is
/// dropped when the time is up.
async fn bounded(test: impl Future<Output = ()>) {
    if tokio::time::timeout(TEST_TIMEOUT, test).await.is_err() {
        panic!("the test did not finish within {TEST_TIMEOUT:?}");
    }
}

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `$PRISM_BIN`, else the copy that `npm ci --prefix .ci` installs.
fn prism_bin() -> PathBuf {
    match std::env::var_os("PRISM_BIN") {
        Some(bin) if !bin.is_empty() => PathBuf::from(bin),
        _ => manifest_dir().join(".ci/node_modules/.bin/prism"),
    }
}

/// A reqwest client for the API calls: bounded, never through a proxy (everything is
/// on 127.0.0.1), with an optional `Prefer` header for Prism.
fn http_client(prefer: Option<&str>) -> reqwest::Client {
    let mut headers = header::HeaderMap::new();
    if let Some(prefer) = prefer {
        headers.insert("prefer", header::HeaderValue::from_str(prefer).unwrap());
    }
    reqwest::Client::builder()
        .no_proxy()
        .timeout(REQUEST_TIMEOUT)
        .connect_timeout(Duration::from_secs(5))
        .default_headers(headers)
        .build()
        .expect("reqwest client")
}

/// A running `prism mock`; killed by its PID when dropped.
struct Prism {
    child: Child,
    port: u16,
    /// Prism's stdout and stderr; removed on drop unless something failed.
    log: PathBuf,
    keep_log: bool,
}

impl Prism {
    /// Starts Prism for `spec` on a free port and waits until it answers; panics with
    /// the reason (and Prism's output) if it cannot.
    async fn start(spec: &Spec) -> Prism {
        let bin = prism_bin();
        let mut last_error = String::new();
        // A port found free can be taken before Prism binds it: try a few.
        for _ in 0..3 {
            match Prism::try_start(&bin, &spec.path, STARTUP_TIMEOUT).await {
                Ok(prism) => return prism,
                Err(error) if error.contains("EADDRINUSE") => last_error = error,
                Err(error) => panic!("{error}"),
            }
        }
        panic!("{last_error}")
    }

    async fn try_start(
        bin: &Path,
        spec: &Path,
        startup_timeout: Duration,
    ) -> Result<Prism, String> {
        let spec_name = spec.file_name().unwrap().to_string_lossy().into_owned();
        if !bin.exists() {
            return Err(format!(
                "Prism not found at {}: install it with `npm ci --prefix .ci` (Node.js and npm \
                 needed), or point PRISM_BIN at a `prism` executable. The end-to-end tests \
                 never skip themselves.",
                bin.display()
            ));
        }
        let port = free_port();
        let log =
            Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("prism-{spec_name}-{port}.log"));
        let out =
            File::create(&log).unwrap_or_else(|e| panic!("cannot create {}: {e}", log.display()));
        let err = out.try_clone().expect("log file handle");
        let child = Command::new(bin)
            .args(["mock", "--host", "127.0.0.1", "--port", &port.to_string()])
            .arg(spec)
            .env("NO_COLOR", "1")
            .env("FORCE_COLOR", "0")
            .stdin(Stdio::null())
            .stdout(out)
            .stderr(err)
            .spawn()
            .map_err(|e| {
                format!(
                    "cannot start Prism ({}): {e}; reinstall it with `npm ci --prefix .ci` or \
                     set PRISM_BIN",
                    bin.display()
                )
            })?;
        // From here on the guard owns the process: any early return kills it.
        let mut prism = Prism {
            child,
            port,
            log,
            keep_log: true,
        };
        prism
            .wait_until_answering(startup_timeout)
            .await
            .map_err(|reason| {
                format!(
                    "Prism ({}) for specs/{spec_name} on 127.0.0.1:{port} {reason}{}",
                    bin.display(),
                    prism.log_tail()
                )
            })?;
        prism.keep_log = false;
        Ok(prism)
    }

    /// Ready = Prism logged that it listens on our port, the process is alive and an
    /// HTTP request to it gets an answer.
    async fn wait_until_answering(&mut self, timeout: Duration) -> Result<(), String> {
        let probe = reqwest::Client::builder()
            .no_proxy()
            .timeout(Duration::from_secs(2))
            .build()
            .expect("reqwest client");
        let listening = format!("listening on http://127.0.0.1:{}", self.port);
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                return Err(format!("exited ({status}) before answering"));
            }
            let log = std::fs::read_to_string(&self.log).unwrap_or_default();
            if log.contains(&listening) && probe.get(self.base_url()).send().await.is_ok() {
                return Ok(());
            }
            if Instant::now() >= deadline {
                return Err(format!("did not answer within {timeout:?}"));
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    fn base_url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// The end of Prism's output, for failure messages.
    fn log_tail(&self) -> String {
        let log = std::fs::read_to_string(&self.log).unwrap_or_default();
        let lines: Vec<&str> = log.lines().collect();
        let tail = lines[lines.len().saturating_sub(40)..].join("\n    ");
        format!(
            "\n  Prism's output ({}), last lines:\n    {tail}",
            self.log.display()
        )
    }

    /// The body of a successful call, or a panic saying why Prism refused it.
    fn expect_ok<T, E: Debug>(
        &self,
        what: &str,
        result: Result<Response<T>, Error<E>>,
    ) -> Response<T> {
        match result {
            Ok(response) => response,
            Err(Error::UnexpectedStatus { status, body, .. })
                if status == StatusCode::UNPROCESSABLE_ENTITY =>
            {
                panic!(
                    "{what}: Prism answered 422, the request does not conform to the spec: \
                     {body}{}",
                    self.log_tail()
                )
            }
            Err(Error::Api { status, body, .. }) if status == StatusCode::BAD_REQUEST => panic!(
                "{what}: Prism answered 400 (the spec's own answer to an invalid request), the \
                 request does not conform to the spec: {body:?}{}",
                self.log_tail()
            ),
            Err(error) => panic!(
                "{what} failed against Prism: {error}\n  {error:?}{}",
                self.log_tail()
            ),
        }
    }
}

impl Drop for Prism {
    fn drop(&mut self) {
        // SIGKILL to our child's PID, then reap it; both return at once.
        let _ = self.child.kill();
        let _ = self.child.wait();
        if !self.keep_log && !std::thread::panicking() {
            let _ = std::fs::remove_file(&self.log);
        }
    }
}

fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
    listener.local_addr().expect("local address").port()
}

/// The OAuth2 token endpoint: answers every client-credentials request with a token.
struct TokenServer {
    server: MockServer,
}

impl TokenServer {
    async fn start() -> TokenServer {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path(TOKEN_PATH))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({
                "access_token": ACCESS_TOKEN,
                "token_type": "Bearer",
                "expires_in": 3600,
            })))
            .mount(&server)
            .await;
        TokenServer { server }
    }

    fn url(&self) -> String {
        format!("{}{TOKEN_PATH}", self.server.uri())
    }

    /// The `scope` of every token request so far, in order, after checking that each
    /// is a client-credentials grant with our client id and secret.
    async fn scopes_requested(&self) -> Vec<String> {
        let requests = self
            .server
            .received_requests()
            .await
            .expect("recording is on");
        requests
            .iter()
            .map(|request| {
                assert_eq!(request.url.path(), TOKEN_PATH);
                let content_type = request
                    .headers
                    .get(header::CONTENT_TYPE)
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or_default();
                assert!(
                    content_type.starts_with("application/x-www-form-urlencoded"),
                    "token request content type {content_type:?}"
                );
                let form = String::from_utf8(request.body.clone()).expect("UTF-8 form");
                let url = reqwest::Url::parse(&format!("http://form.invalid/?{form}")).unwrap();
                let field = |name: &str| {
                    url.query_pairs()
                        .find(|(key, _)| key == name)
                        .map(|(_, value)| value.into_owned())
                };
                assert_eq!(
                    field("grant_type").as_deref(),
                    Some("client_credentials"),
                    "{form}"
                );
                assert_eq!(field("client_id").as_deref(), Some(CLIENT_ID), "{form}");
                assert_eq!(
                    field("client_secret").as_deref(),
                    Some(CLIENT_SECRET),
                    "{form}"
                );
                field("scope").unwrap_or_else(|| panic!("no scope in the token request: {form}"))
            })
            .collect()
    }
}

/// A spec from `specs/`, as a JSON tree.
struct Spec {
    path: PathBuf,
    json: Value,
}

impl Spec {
    fn load(file: &str) -> Spec {
        assert!(
            DRIVEN_SPECS.contains(&file),
            "{file} is not in DRIVEN_SPECS"
        );
        let path = manifest_dir().join("specs").join(file);
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let json = serde_yaml::from_str(&text)
            .unwrap_or_else(|e| panic!("{}: not YAML: {e}", path.display()));
        Spec { path, json }
    }

    fn operation_ids(&self) -> BTreeSet<String> {
        let paths = self.json["paths"].as_object().expect("paths");
        paths
            .values()
            .flat_map(|item| item.as_object().into_iter().flatten())
            .filter_map(|(_, operation)| operation.get("operationId")?.as_str())
            .map(str::to_owned)
            .collect()
    }

    /// Fails unless `driven` holds exactly the spec's operations.
    fn assert_all_driven(&self, driven: &BTreeSet<&str>) {
        let driven: BTreeSet<String> = driven.iter().map(|s| s.to_string()).collect();
        assert_eq!(
            driven,
            self.operation_ids(),
            "{}: the test must drive every operation of the spec",
            self.path.display()
        );
    }

    fn request_example<T: DeserializeOwned>(&self, path: &str, method: &str) -> T {
        self.example(&format!(
            "/paths/{}/{method}/requestBody/content/application~1json/example",
            escape_pointer(path)
        ))
    }

    fn response_example<T: DeserializeOwned>(&self, path: &str, method: &str, status: &str) -> T {
        self.example(&format!(
            "/paths/{}/{method}/responses/{status}/content/application~1json/example",
            escape_pointer(path)
        ))
    }

    fn example<T: DeserializeOwned>(&self, pointer: &str) -> T {
        let value = self
            .json
            .pointer(pointer)
            .unwrap_or_else(|| panic!("{}: no example at {pointer}", self.path.display()));
        serde_json::from_value(value.clone()).unwrap_or_else(|e| {
            panic!(
                "{}: the example at {pointer} does not fit its type: {e}",
                self.path.display()
            )
        })
    }
}

fn escape_pointer(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}
