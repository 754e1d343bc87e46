//! BitGo EVS KYC against Prism: every operation, every request enum value, every
//! documented error status.

use std::collections::BTreeSet;

use identity_clients::bitgo_evs_kyc as bitgo;
use serde_json::json;
use specgen_runtime::chrono::NaiveDate;
use specgen_runtime::reqwest::{self, StatusCode};
use specgen_runtime::{Error, Sensitive};

use crate::harness::{bounded, http_client, Prism, Spec, BEARER_TOKEN};

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
            KycDebugStatus as DebugStatus,
            UpdateKycIdentityRequestExpectedMonthlyDeposits as MonthlyDeposits,
            UpdateKycIdentityRequestExpectedMonthlyWithdrawals as MonthlyWithdrawals,
            UpdateKycIdentityRequestInitialDepositType as InitialDepositType,
            UpdateKycIdentityRequestNetWorth as NetWorth,
            IdentityOccupation as Occupation,
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
                .set_source_of_net_worth(
                    SourceOfNetWorth::ALL[pick(SourceOfNetWorth::ALL.len())].clone(),
                )
                .set_initial_deposit_type(
                    InitialDepositType::ALL[pick(InitialDepositType::ALL.len())].clone(),
                )
                .set_expected_monthly_deposits(
                    MonthlyDeposits::ALL[pick(MonthlyDeposits::ALL.len())].clone(),
                )
                .set_expected_monthly_withdrawals(
                    MonthlyWithdrawals::ALL[pick(MonthlyWithdrawals::ALL.len())].clone(),
                )
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
                .set_date_of_incorporation(NaiveDate::from_ymd_opt(2000, 12, 25).unwrap())
                .set_date_of_birth(bitgo::DateParts::new("25", "12", "2000"))
                .set_tax_id(Sensitive::new("12-3456789".into()))
                .set_idv_performed(true);
            // The type is `#[non_exhaustive]`, so the compiler no longer sees that every
            // field is set: the body must send every property the spec declares.
            let sent = serde_json::to_value(&update).expect("the body serializes");
            let declared: serde_json::Map<String, serde_json::Value> =
                spec.example("/components/schemas/UpdateKycIdentityRequest/properties");
            assert_eq!(
                sent.as_object().map(|o| o.keys().collect::<BTreeSet<_>>()),
                Some(declared.keys().collect()),
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

        get_identities(&prism, &client).await;
        create_every_kind_of_identity(&prism, &client).await;
        submit_signatures(&prism, &client).await;
        documents(&prism, &client).await;
        driven.extend([
            "EntityValidationIdentityGet",
            "EntityValidationIdentityCreate",
            "EntityValidationIdentitySignatures",
            "EntityValidationIdentityDocumentCreate",
            "EntityValidationIdentityDocumentUpdate",
            "EntityValidationIdentityDocumentGet",
        ]);
        spec.assert_all_driven(&driven);
        documented_errors_of_the_other_operations(&prism).await;

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

/// What Prism generates for a string property without an example.
const PRISM_STRING: &str = "string";

async fn get_identities(prism: &Prism, client: &bitgo::Client) {
    let params = bitgo::EntityValidationIdentityGetParams::new()
        .set_organization_id("e2e-organization")
        .set_enterprise_id("e2e-enterprise")
        .set_user_id("e2e-user")
        .set_identity_id("e2e-identity")
        .set_all_data(true);
    let response = prism.expect_ok(
        "EntityValidationIdentityGet",
        client.entity_validation_identity_get(&params).await,
    );
    // No example in the spec: Prism builds the body from the schema.
    let identities = response.body.identities;
    assert!(!identities.is_empty());
    for identity in &identities {
        assert!(!identity.id.is_empty() && !identity.status.is_empty());
        let number = identity
            .identification_number
            .as_ref()
            .expect("Prism generates every property");
        assert_eq!(number.expose(), PRISM_STRING);
        let debug = format!("{identity:?}");
        assert!(
            debug.contains("identification_number: Some([redacted])"),
            "the identification number is not redacted: {debug}"
        );
    }
}

fn birthdate() -> NaiveDate {
    NaiveDate::from_ymd_opt(1990, 2, 28).unwrap()
}

fn date_parts(day: &str, month: &str, year: &str) -> bitgo::DateParts {
    bitgo::DateParts::new(day, month, year)
}

/// One body of each kind. Prism checks that each matches exactly one of the oneOf's
/// bodies (the tag decides) and that body's constraints (patterns, lengths, required).
fn every_kind_of_identity() -> Vec<bitgo::CreateKycIdentityRequest> {
    use bitgo::CreateKycIdentityRequest as Create;
    let individual = bitgo::InstitutionalIndividual::new(
        "San Jose",                              // address_city
        "1 Example St",                          // address_street1
        "CA",                                    // address_subdivision
        birthdate(),                             // birthdate
        "USA",                                   // country
        "USA",                                   // country_of_citizenship
        "USA",                                   // country_of_residence
        "e2e-enterprise",                        // enterprise_id
        "USA",                                   // gov_id_country_of_issuance
        "Ann-Marie",                             // name_first
        "O'Neil",                                // name_last
        bitgo::IdentityOccupation::OtherDefault, // occupation
        "e2e-organization",                      // organization_id
        "+442083661173",                         // phone_number
        false,                                   // politically_exposed_person
        "e2e-user",                              // user_id
    )
    .set_address_postal_code("95113")
    .set_address_street2("Unit 100")
    .set_debug_failure_reason("simulated")
    .set_debug_status(bitgo::KycDebugStatus::Passed)
    .set_digital_asset_wallet_address("2N3oefVeg6stiTb5Kh3ozCSkaqmx91FDbsm")
    .set_identification_number(Sensitive::new("494-14-2205".into()))
    .set_name_middle("B.")
    .set_notional_traded_each_month(2500.5);
    let contracted = bitgo::IncContracted::new(
        "San Jose",                            // address_city
        "1 Example St",                        // address_street1
        "CA",                                  // address_subdivision
        birthdate(),                           // birthdate
        "US",                                  // country
        "US",                                  // country_of_citizenship
        "US",                                  // country_of_residence
        "e2e-enterprise",                      // enterprise_id
        "US",                                  // gov_id_country_of_issuance
        "Ann",                                 // name_first
        "Example",                             // name_last
        bitgo::IdentityOccupation::Healthcare, // occupation
        "e2e-organization",                    // organization_id
        "+14155550100",                        // phone_number
        true,                                  // politically_exposed_person
        "e2e-user",                            // user_id
    )
    .set_debug_status(bitgo::KycDebugStatus::Failed)
    .set_identification_number(Sensitive::new("494142205".into()));
    let starter = bitgo::StarterSignup::new(
        birthdate(),        // birthdate
        "US",               // country
        "e2e-enterprise",   // enterprise_id
        true,               // is_entity
        "Ann",              // name_first
        "Example",          // name_last
        "e2e-organization", // organization_id
        "e2e-user",         // user_id
    )
    .set_country_of_incorporation("US")
    .set_date_of_incorporation(NaiveDate::from_ymd_opt(2001, 1, 31).unwrap())
    .set_enterprise_name("Example Holdings LLC");
    let kyc_inc = bitgo::KycInc::new(
        birthdate(),        // birthdate
        "US",               // country
        "e2e-enterprise",   // enterprise_id
        "Ann",              // name_first
        "Example",          // name_last
        "e2e-organization", // organization_id
        "e2e-user",         // user_id
    )
    .set_debug_status(bitgo::KycDebugStatus::Passed)
    .set_name_middle("B");
    let pay_go = bitgo::UnverifiedPayGoUser::new(
        birthdate(),        // birthdate
        "US",               // country
        "e2e-enterprise",   // enterprise_id
        false,              // is_entity
        "Ann",              // name_first
        "Example",          // name_last
        "e2e-organization", // organization_id
        "e2e-user",         // user_id
    )
    .set_enterprise_name("Ann Example")
    .set_is_primary_contact(true);
    let eu = bitgo::EuIndividual::new(
        "Berlin",                                     // address_city
        "10115",                                      // address_postal_code
        "Beispielstrasse 1",                          // address_street1
        "München",                                    // city_of_birth
        "DE",                                         // country_of_birth
        "DE",                                         // country_of_citizenship
        "DE",                                         // country_of_residence
        "DE",                                         // country_of_tax_residence
        date_parts("28", "02", "1990"),               // date_of_birth
        "ann@example.org",                            // email
        bitgo::EuEmploymentStatus::SelfEmployed,      // employment_status
        "e2e-enterprise",                             // enterprise_id
        "client-user-17",                             // external_user_id
        true,                                         // idv_performed
        bitgo::EuIndustry::SoftwareAndItServices,     // industry
        date_parts("15", "01", "2024"),               // initial_kyc_completion_date
        date_parts("15", "01", "2025"),               // last_kyc_completion_date
        "Änne",                                       // name_first
        "Müller-Lüdenscheidt",                        // name_last
        "e2e-organization",                           // organization_id
        false,                                        // politically_exposed_person
        bitgo::EuSourceOfFunds::IncomeFromEmployment, // source_of_funds
        Sensitive::new("12345678901".into()),         // tax_id
        "e2e-user",                                   // user_id
    )
    .set_gov_id_country_of_issuance("DE")
    .set_gov_id_expiry(date_parts("31", "12", "2030"))
    .set_gov_id_number(Sensitive::new("C01X00T47".into()))
    .set_gov_id_type(bitgo::EuIndividualGovIdType::Id);
    vec![
        Create::InstitutionalIndividual(individual),
        Create::StarterSignup(starter),
        Create::KycInc(kyc_inc),
        Create::UnverifiedPayGoUser(pay_go),
        Create::IncContracted(contracted),
        Create::EuIndividual(eu),
    ]
}

async fn create_every_kind_of_identity(prism: &Prism, client: &bitgo::Client) {
    let tags = [
        "institutionalIndividual",
        "starterSignup",
        "kycInc",
        "unverifiedPayGoUser",
        "incContracted",
        "euIndividual",
    ];
    for (body, tag) in every_kind_of_identity().into_iter().zip(tags) {
        // The variant travels as the body's `transactionType` member.
        let json = serde_json::to_value(&body).expect("serializes");
        assert_eq!(json["transactionType"], tag);
        let debug = format!("{body:?}");
        for secret in ["494-14-2205", "494142205", "C01X00T47", "12345678901"] {
            assert!(!debug.contains(secret), "{secret} reached Debug: {debug}");
        }
        let what = format!("EntityValidationIdentityCreate ({tag})");
        let response =
            prism.expect_ok(&what, client.entity_validation_identity_create(&body).await);
        assert!(!response.body.id.is_empty() && !response.body.status.is_empty());
    }
    // A body of none of the six kinds is refused: Prism enforces the oneOf.
    let mut unknown = serde_json::to_value(&every_kind_of_identity()[1]).unwrap();
    unknown["transactionType"] = json!("retailIndividual");
    let refused = http_client(None)
        .post(format!("{}/api/evs/v1/identity", prism.base_url()))
        .bearer_auth(BEARER_TOKEN)
        .json(&unknown)
        .send()
        .await
        .expect("a request with an unknown transactionType");
    assert_eq!(refused.status(), StatusCode::BAD_REQUEST);
}

async fn submit_signatures(prism: &Prism, client: &bitgo::Client) {
    // The array body: one entry per contract, every contract.
    let signatures: bitgo::ContractSignatures = bitgo::ContractSignature::ALL
        .iter()
        .map(|contract| {
            bitgo::ContractSignatureSubmission::new(
                "Ann B Example",                                // contract_signer_name_full
                NaiveDate::from_ymd_opt(2024, 12, 20).unwrap(), // contract_signed_date
                "192.0.2.1",                                    // contract_signed_ip_address
                contract.clone(),                               // contract_type
                "1",                                            // contract_version
                true,                                           // user_agrees_to_terms
            )
        })
        .collect();
    assert_eq!(signatures.len(), 5, "csa, mpa, mic, wvr, aca");
    let response = prism.expect_ok(
        "EntityValidationIdentitySignatures",
        client
            .entity_validation_identity_signatures("e2e-identity", &signatures)
            .await,
    );
    assert_eq!(response.status, StatusCode::OK);
    assert!(!response.body.organization_id.is_empty());
}

async fn documents(prism: &Prism, client: &bitgo::Client) {
    // Multipart: a text part and three file parts.
    let files = bitgo::KycDocumentFiles::new()
        .set_selected_id_class(bitgo::KycIdClass::Pp)
        .set_front_photo(b"\xff\xd8\xff\xe0 front".to_vec())
        .set_back_photo(b"\xff\xd8\xff\xe0 back".to_vec())
        .set_proof_of_residency(b"%PDF-1.7 lease".to_vec());
    let response = prism.expect_ok(
        "EntityValidationIdentityDocumentCreate",
        client
            .entity_validation_identity_document_create("e2e-identity", &files)
            .await,
    );
    let created = response.body;
    assert!(!created.id.is_empty());
    assert!(bitgo::KycIdClass::ALL.contains(&created.selected_id_class));
    for upload in &created.file_uploads {
        assert!(bitgo::KycDocumentFileType::ALL.contains(&upload.document_type));
    }

    // Prism checks the form's parts too: an id class outside the enum is refused. (The
    // form is written out with its length: Prism closes a chunked upload it refuses
    // without answering.)
    let boundary = "e2e-boundary";
    let form = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"selectedIdClass\"\r\n\r\nzz\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"frontPhoto\"; \
         filename=\"front.jpg\"\r\nContent-Type: application/octet-stream\r\n\r\nJPEG\r\n\
         --{boundary}--\r\n"
    );
    let refused = http_client(None)
        .post(format!(
            "{}/api/evs/v1/identity/e2e-identity/document",
            prism.base_url()
        ))
        .bearer_auth(BEARER_TOKEN)
        .header(
            reqwest::header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(form)
        .send()
        .await
        .expect("a form with an unknown id class");
    assert_eq!(refused.status(), StatusCode::BAD_REQUEST);

    // Only some parts: the others are left out of the form.
    let replacement = bitgo::KycDocumentFiles::new()
        .set_selected_id_class(bitgo::KycIdClass::Dl)
        .set_front_photo(b"\x89PNG front".to_vec());
    let response = prism.expect_ok(
        "EntityValidationIdentityDocumentUpdate",
        client
            .entity_validation_identity_document_update("e2e-identity", &created.id, &replacement)
            .await,
    );
    assert!(bitgo::KycDocumentStatus::ALL.contains(&response.body.status));

    let params = bitgo::EntityValidationIdentityDocumentGetParams::new()
        .set_identity_id("e2e-identity")
        .set_document_id(created.id.clone());
    let response = prism.expect_ok(
        "EntityValidationIdentityDocumentGet",
        client
            .entity_validation_identity_document_get(&params)
            .await,
    );
    assert!(!response.body.documents.is_empty());
    for document in &response.body.documents {
        assert!(!document.identity_id.is_empty());
    }
}

/// Each operation's error enum: its variants stand for the documented error statuses.
trait DocumentedError: std::fmt::Debug {
    /// The status the variant stands for, and the body.
    fn into_parts(self) -> (u16, bitgo::ErrorResponse);
}

macro_rules! documented_errors {
    ($($error:ty { $($variant:ident => $code:literal),+ })+) => {$(
        impl DocumentedError for $error {
            fn into_parts(self) -> (u16, bitgo::ErrorResponse) {
                match self {
                    $(Self::$variant(error) => ($code, error),)+
                    other => panic!("a variant the spec does not document: {other:?}"),
                }
            }
        }
    )+};
}

documented_errors! {
    bitgo::EntityValidationIdentityGetError {
        BadRequest => 400, Unauthorized => 401, Forbidden => 403, NotFound => 404
    }
    bitgo::EntityValidationIdentityCreateError {
        BadRequest => 400, Unauthorized => 401, Forbidden => 403
    }
    bitgo::EntityValidationIdentitySignaturesError {
        BadRequest => 400, Unauthorized => 401, Forbidden => 403, NotFound => 404
    }
    bitgo::EntityValidationIdentityDocumentCreateError {
        BadRequest => 400, Unauthorized => 401, Forbidden => 403, NotFound => 404
    }
    bitgo::EntityValidationIdentityDocumentUpdateError {
        BadRequest => 400, Unauthorized => 401, Forbidden => 403, NotFound => 404
    }
    bitgo::EntityValidationIdentityDocumentGetError {
        BadRequest => 400, Unauthorized => 401, Forbidden => 403, NotFound => 404
    }
}

/// `result` is the documented error `code`, typed: the variant for that status, whose
/// body carries the error, the request id and (nested, as today's reference has it) the
/// retry delay.
fn assert_documented<T: std::fmt::Debug, E: DocumentedError>(
    prism: &Prism,
    what: &str,
    code: u16,
    result: Result<specgen_runtime::Response<T>, Error<E>>,
) {
    match result {
        Err(Error::Api { status, body, .. }) => {
            let (variant_code, error) = body.into_parts();
            assert_eq!((status.as_u16(), variant_code), (code, code), "{what}");
            assert!(!error.error.is_empty() && !error.request_id.is_empty());
            if let Some(details) = &error.additional_details {
                assert!(details.retry_after.is_finite(), "{what}: {details:?}");
            }
        }
        other => panic!(
            "{what}, `Prefer: code={code}`: expected Error::Api, got {other:?}{}",
            prism.log_tail()
        ),
    }
}

async fn documented_errors_of_the_other_operations(prism: &Prism) {
    let identity = every_kind_of_identity().remove(2);
    let signatures = vec![bitgo::ContractSignatureSubmission::new(
        "Ann B Example",                                // contract_signer_name_full
        NaiveDate::from_ymd_opt(2024, 12, 20).unwrap(), // contract_signed_date
        "192.0.2.1",                                    // contract_signed_ip_address
        bitgo::ContractSignature::Csa,                  // contract_type
        "1",                                            // contract_version
        true,                                           // user_agrees_to_terms
    )];
    let files = bitgo::KycDocumentFiles::new().set_proof_of_residency(b"%PDF-1.7".to_vec());
    let get = bitgo::EntityValidationIdentityGetParams::default();
    let get_documents = bitgo::EntityValidationIdentityDocumentGetParams::default();
    for code in [400u16, 401, 403, 404] {
        let client = bitgo_client(prism, Some(&format!("code={code}")));
        assert_documented(
            prism,
            "EntityValidationIdentityGet",
            code,
            client.entity_validation_identity_get(&get).await,
        );
        if code != 404 {
            assert_documented(
                prism,
                "EntityValidationIdentityCreate",
                code,
                client.entity_validation_identity_create(&identity).await,
            );
        }
        assert_documented(
            prism,
            "EntityValidationIdentitySignatures",
            code,
            client
                .entity_validation_identity_signatures("e2e-identity", &signatures)
                .await,
        );
        assert_documented(
            prism,
            "EntityValidationIdentityDocumentCreate",
            code,
            client
                .entity_validation_identity_document_create("e2e-identity", &files)
                .await,
        );
        assert_documented(
            prism,
            "EntityValidationIdentityDocumentUpdate",
            code,
            client
                .entity_validation_identity_document_update("e2e-identity", "e2e-document", &files)
                .await,
        );
        assert_documented(
            prism,
            "EntityValidationIdentityDocumentGet",
            code,
            client
                .entity_validation_identity_document_get(&get_documents)
                .await,
        );
    }
}
