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
            let update = bitgo::UpdateKycIdentityRequest {
                enterprise_id: Some("e2e-enterprise".into()),
                user_id: Some("e2e-user".into()),
                organization_id: Some("e2e-organization".into()),
                name_first: Some("Ann".into()),
                name_last: Some("Example".into()),
                name_middle: Some("B".into()),
                debug_status: Some(DebugStatus::ALL[pick(DebugStatus::ALL.len())].clone()),
                debug_failure_reason: Some("simulated".into()),
                contract_signer_name_full: Some("Ann B Example".into()),
                contract_signed_date: NaiveDate::from_ymd_opt(2024, 12, 20),
                contract_signed_ip_address: Some("192.0.2.1".into()),
                contract_version: Some("1".into()),
                user_agrees_to_terms: Some(true),
                occupation: Some(Occupation::ALL[pick(Occupation::ALL.len())].clone()),
                annual_income: Some(AnnualIncome::ALL[pick(AnnualIncome::ALL.len())].clone()),
                net_worth: Some(NetWorth::ALL[pick(NetWorth::ALL.len())].clone()),
                source_of_net_worth: Some(
                    SourceOfNetWorth::ALL[pick(SourceOfNetWorth::ALL.len())].clone(),
                ),
                initial_deposit_type: Some(
                    InitialDepositType::ALL[pick(InitialDepositType::ALL.len())].clone(),
                ),
                expected_monthly_deposits: Some(
                    MonthlyDeposits::ALL[pick(MonthlyDeposits::ALL.len())].clone(),
                ),
                expected_monthly_withdrawals: Some(
                    MonthlyWithdrawals::ALL[pick(MonthlyWithdrawals::ALL.len())].clone(),
                ),
                phone_number: Some("+1 555 678 1234".into()),
                birthdate: NaiveDate::from_ymd_opt(2000, 12, 25),
                country_of_citizenship: Some("US".into()),
                country_of_residence: Some("US".into()),
                gov_id_country_of_issuance: Some("US".into()),
                politically_exposed_person: Some(false),
                address_street1: Some("1 Example St".into()),
                address_street2: Some("Apt 2".into()),
                address_city: Some("Palo Alto".into()),
                address_subdivision: Some("CA".into()),
                address_postal_code: Some("94301".into()),
                country: Some("US".into()),
                identification_number: Some(Sensitive::new("123-45-6789".into())),
                digital_asset_wallet_address: Some("2N3oefVeg6stiTb5Kh3ozCSkaqmx91FDbsm".into()),
                notional_traded_each_month: Some(2500.5),
                is_entity: Some(false),
                enterprise_name: Some("Ann B Example".into()),
                country_of_incorporation: Some("US".into()),
                date_of_incorporation: NaiveDate::from_ymd_opt(2000, 12, 25),
                date_of_birth: Some(bitgo::DateParts {
                    day: "25".into(),
                    month: "12".into(),
                    year: "2000".into(),
                }),
                tax_id: Some(Sensitive::new("12-3456789".into())),
                idv_performed: Some(true),
            };
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
        let update = bitgo::UpdateKycIdentityRequest {
            name_first: Some("Ann".into()),
            ..Default::default()
        };
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
    let params = bitgo::EntityValidationIdentityGetParams {
        organization_id: Some("e2e-organization".into()),
        enterprise_id: Some("e2e-enterprise".into()),
        user_id: Some("e2e-user".into()),
        identity_id: Some("e2e-identity".into()),
        all_data: Some(true),
    };
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
    bitgo::DateParts {
        day: day.into(),
        month: month.into(),
        year: year.into(),
    }
}

/// One body of each kind. Prism checks that each matches exactly one of the oneOf's
/// bodies (the tag decides) and that body's constraints (patterns, lengths, required).
fn every_kind_of_identity() -> Vec<bitgo::CreateKycIdentityRequest> {
    use bitgo::CreateKycIdentityRequest as Create;
    let individual = bitgo::InstitutionalIndividual {
        address_city: "San Jose".into(),
        address_postal_code: Some("95113".into()),
        address_street1: "1 Example St".into(),
        address_street2: Some("Unit 100".into()),
        address_subdivision: "CA".into(),
        birthdate: birthdate(),
        country: "USA".into(),
        country_of_citizenship: "USA".into(),
        country_of_residence: "USA".into(),
        debug_failure_reason: Some("simulated".into()),
        debug_status: Some(bitgo::KycDebugStatus::Passed),
        digital_asset_wallet_address: Some("2N3oefVeg6stiTb5Kh3ozCSkaqmx91FDbsm".into()),
        enterprise_id: "e2e-enterprise".into(),
        gov_id_country_of_issuance: "USA".into(),
        identification_number: Some(Sensitive::new("494-14-2205".into())),
        name_first: "Ann-Marie".into(),
        name_last: "O'Neil".into(),
        name_middle: Some("B.".into()),
        notional_traded_each_month: Some(2500.5),
        occupation: bitgo::IdentityOccupation::OtherDefault,
        organization_id: "e2e-organization".into(),
        phone_number: "+442083661173".into(),
        politically_exposed_person: false,
        user_id: "e2e-user".into(),
    };
    let contracted = bitgo::IncContracted {
        address_city: "San Jose".into(),
        address_postal_code: None,
        address_street1: "1 Example St".into(),
        address_street2: None,
        address_subdivision: "CA".into(),
        birthdate: birthdate(),
        country: "US".into(),
        country_of_citizenship: "US".into(),
        country_of_residence: "US".into(),
        debug_failure_reason: None,
        debug_status: Some(bitgo::KycDebugStatus::Failed),
        digital_asset_wallet_address: None,
        enterprise_id: "e2e-enterprise".into(),
        gov_id_country_of_issuance: "US".into(),
        identification_number: Some(Sensitive::new("494142205".into())),
        name_first: "Ann".into(),
        name_last: "Example".into(),
        name_middle: None,
        notional_traded_each_month: None,
        occupation: bitgo::IdentityOccupation::Healthcare,
        organization_id: "e2e-organization".into(),
        phone_number: "+14155550100".into(),
        politically_exposed_person: true,
        user_id: "e2e-user".into(),
    };
    let starter = bitgo::StarterSignup {
        birthdate: birthdate(),
        country: "US".into(),
        country_of_incorporation: Some("US".into()),
        date_of_incorporation: NaiveDate::from_ymd_opt(2001, 1, 31),
        debug_failure_reason: None,
        debug_status: None,
        enterprise_id: "e2e-enterprise".into(),
        enterprise_name: Some("Example Holdings LLC".into()),
        is_entity: true,
        name_first: "Ann".into(),
        name_last: "Example".into(),
        name_middle: None,
        organization_id: "e2e-organization".into(),
        user_id: "e2e-user".into(),
    };
    let kyc_inc = bitgo::KycInc {
        birthdate: birthdate(),
        country: "US".into(),
        debug_failure_reason: None,
        debug_status: Some(bitgo::KycDebugStatus::Passed),
        enterprise_id: "e2e-enterprise".into(),
        name_first: "Ann".into(),
        name_last: "Example".into(),
        name_middle: Some("B".into()),
        organization_id: "e2e-organization".into(),
        user_id: "e2e-user".into(),
    };
    let pay_go = bitgo::UnverifiedPayGoUser {
        birthdate: birthdate(),
        country: "US".into(),
        country_of_incorporation: None,
        date_of_incorporation: None,
        debug_failure_reason: None,
        debug_status: None,
        enterprise_id: "e2e-enterprise".into(),
        enterprise_name: Some("Ann Example".into()),
        is_entity: false,
        is_primary_contact: Some(true),
        name_first: "Ann".into(),
        name_last: "Example".into(),
        name_middle: None,
        organization_id: "e2e-organization".into(),
        user_id: "e2e-user".into(),
    };
    let eu = bitgo::EuIndividual {
        address_city: "Berlin".into(),
        address_postal_code: "10115".into(),
        address_street1: "Beispielstrasse 1".into(),
        address_street2: None,
        city_of_birth: "München".into(),
        country_of_birth: "DE".into(),
        country_of_citizenship: "DE".into(),
        country_of_residence: "DE".into(),
        country_of_tax_residence: "DE".into(),
        date_of_birth: date_parts("28", "02", "1990"),
        debug_failure_reason: None,
        debug_status: None,
        email: "ann@example.org".into(),
        employment_status: bitgo::EuEmploymentStatus::SelfEmployed,
        enterprise_id: "e2e-enterprise".into(),
        external_user_id: "client-user-17".into(),
        gov_id_country_of_issuance: Some("DE".into()),
        gov_id_expiry: Some(date_parts("31", "12", "2030")),
        gov_id_number: Some(Sensitive::new("C01X00T47".into())),
        gov_id_type: Some(bitgo::EuIndividualGovIdType::Id),
        idv_performed: true,
        industry: bitgo::EuIndustry::SoftwareAndItServices,
        initial_kyc_completion_date: date_parts("15", "01", "2024"),
        last_kyc_completion_date: date_parts("15", "01", "2025"),
        name_first: "Änne".into(),
        name_last: "Müller-Lüdenscheidt".into(),
        name_middle: None,
        organization_id: "e2e-organization".into(),
        phone_number: None,
        politically_exposed_person: false,
        source_of_funds: bitgo::EuSourceOfFunds::IncomeFromEmployment,
        tax_id: Sensitive::new("12345678901".into()),
        user_id: "e2e-user".into(),
    };
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
        .map(|contract| bitgo::ContractSignatureSubmission {
            contract_signer_name_full: "Ann B Example".into(),
            contract_signed_date: NaiveDate::from_ymd_opt(2024, 12, 20).unwrap(),
            contract_signed_ip_address: "192.0.2.1".into(),
            contract_type: contract.clone(),
            contract_version: "1".into(),
            user_agrees_to_terms: true,
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
    let files = bitgo::KycDocumentFiles {
        selected_id_class: Some(bitgo::KycIdClass::Pp),
        front_photo: Some(b"\xff\xd8\xff\xe0 front".to_vec()),
        back_photo: Some(b"\xff\xd8\xff\xe0 back".to_vec()),
        proof_of_residency: Some(b"%PDF-1.7 lease".to_vec()),
    };
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
    let replacement = bitgo::KycDocumentFiles {
        selected_id_class: Some(bitgo::KycIdClass::Dl),
        front_photo: Some(b"\x89PNG front".to_vec()),
        ..Default::default()
    };
    let response = prism.expect_ok(
        "EntityValidationIdentityDocumentUpdate",
        client
            .entity_validation_identity_document_update("e2e-identity", &created.id, &replacement)
            .await,
    );
    assert!(bitgo::KycDocumentStatus::ALL.contains(&response.body.status));

    let params = bitgo::EntityValidationIdentityDocumentGetParams {
        identity_id: Some("e2e-identity".into()),
        document_id: Some(created.id.clone()),
    };
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
    let signatures = vec![bitgo::ContractSignatureSubmission {
        contract_signer_name_full: "Ann B Example".into(),
        contract_signed_date: NaiveDate::from_ymd_opt(2024, 12, 20).unwrap(),
        contract_signed_ip_address: "192.0.2.1".into(),
        contract_type: bitgo::ContractSignature::Csa,
        contract_version: "1".into(),
        user_agrees_to_terms: true,
    }];
    let files = bitgo::KycDocumentFiles {
        proof_of_residency: Some(b"%PDF-1.7".to_vec()),
        ..Default::default()
    };
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
