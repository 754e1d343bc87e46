//! The documentation's own JSON examples (`tests/fixtures/api-docs/`, verbatim copies of the
//! pages' examples, quirks included) deserialize into the generated types and serialize
//! back to the same JSON.
//!
//! Every place where the JSON written back differs from the page is listed below as an
//! [`Exception`], with what the page sends, what the type writes and why; the rest of the
//! document must then be equal, member for member. An exception that no longer differs
//! fails the test too, so the list cannot go stale.

use std::fmt::Debug;
use std::path::Path;

use identity_clients::{
    paxos_identity_v2 as v2, paxos_identity_v2_preview as preview,
    paxos_identity_v2_revised as revised,
};
use serde_json::{json, Value};
use specgen_runtime::serde::de::DeserializeOwned;
use specgen_runtime::serde::Serialize;

/// A member whose value does not survive the round trip unchanged.
struct Exception {
    /// JSON pointer of the member, in the page's document.
    pointer: &'static str,
    /// What the page has there (`None`: absent).
    page: Option<Value>,
    /// What the generated type writes there (`None`: absent).
    written: Option<Value>,
    why: &'static str,
}

fn fixture(name: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/api-docs")
        .join(name);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Removes the member at `pointer`; the parent must exist.
fn remove(document: &mut Value, pointer: &str) {
    let (parent, key) = pointer.rsplit_once('/').expect("a pointer to a member");
    let key = key.replace("~1", "/").replace("~0", "~");
    match document.pointer_mut(parent) {
        Some(Value::Object(map)) => {
            map.remove(&key);
        }
        Some(Value::Array(items)) => {
            items.remove(key.parse::<usize>().expect("an array index"));
        }
        other => panic!("no object or array at {parent}: {other:?}"),
    }
}

/// Pointers where `a` and `b` differ, for a readable failure.
fn differences(a: &Value, b: &Value, at: String, out: &mut Vec<String>) {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for key in x.keys().chain(y.keys().filter(|k| !x.contains_key(*k))) {
                let child = format!("{at}/{}", key.replace('~', "~0").replace('/', "~1"));
                match (x.get(key), y.get(key)) {
                    (Some(l), Some(r)) => differences(l, r, child, out),
                    (l, r) => out.push(format!("{child}: {l:?} vs {r:?}")),
                }
            }
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            for (i, (l, r)) in x.iter().zip(y).enumerate() {
                differences(l, r, format!("{at}/{i}"), out);
            }
        }
        _ if a != b => out.push(format!("{at}: {a} vs {b}")),
        _ => {}
    }
}

/// Reads `name` as `T`, writes it back, checks `exceptions`, and requires the rest to be equal.
fn round_trip<T: DeserializeOwned + Serialize>(name: &str, exceptions: &[Exception]) -> T {
    let mut page = fixture(name);
    let typed: T = serde_json::from_value(page.clone())
        .unwrap_or_else(|e| panic!("{name} does not deserialize: {e}"));
    let mut written = serde_json::to_value(&typed).expect("generated types serialize");
    for exception in exceptions {
        let pointer = exception.pointer;
        assert_eq!(
            page.pointer(pointer),
            exception.page.as_ref(),
            "{name}{pointer}: the page's value ({})",
            exception.why
        );
        assert_eq!(
            written.pointer(pointer),
            exception.written.as_ref(),
            "{name}{pointer}: the value written back ({})",
            exception.why
        );
        assert_ne!(
            exception.page, exception.written,
            "{name}{pointer}: listed as an exception but round-trips unchanged"
        );
        if exception.page.is_some() {
            remove(&mut page, pointer);
        }
        if exception.written.is_some() {
            remove(&mut written, pointer);
        }
    }
    let mut diff = Vec::new();
    differences(&page, &written, String::new(), &mut diff);
    assert!(
        diff.is_empty(),
        "{name}: the JSON written back differs from the page (page vs written):\n  {}",
        diff.join("\n  ")
    );
    typed
}

/// `Debug` of `value` shows none of `secrets`, yet shows `visible` (so it printed the data).
fn assert_redacted(value: &impl Debug, secrets: &[&str], visible: &str) {
    let debug = format!("{value:?}");
    for secret in secrets {
        assert!(
            !debug.contains(secret),
            "Debug output shows the sensitive value {secret:?}: {debug}"
        );
    }
    assert!(debug.contains("redacted"), "no redaction marker: {debug}");
    assert!(debug.contains(visible), "{visible:?} missing from: {debug}");
}

#[test]
fn page_000_update_identity_response() {
    round_trip::<preview::Identity>(
        "000-update-identity-response.json",
        &[Exception {
            pointer: "/institution_details/members/0/ownership_percentage",
            page: Some(json!(123)),
            written: Some(json!(123.0)),
            why: "`ownership_percentage` is a `number` (a percentage may be fractional), read \
                  as f64; the same number, written as a float",
        }],
    );
}

#[test]
fn page_001_get_identity_response() {
    let identity: v2::Identity = round_trip("001-get-identity-response.json", &[]);
    assert_eq!(identity.status, Some(v2::IdentityStatus::Pending));
    let requirements = identity
        .status_details
        .and_then(|d| d.pending_requirements)
        .expect("pending requirements");
    assert_eq!(requirements.len(), 3);
    assert_eq!(
        requirements[2]
            .metadata
            .as_ref()
            .and_then(|m| m.get("f190b163-208f-4d73-8deb-000000000001"))
            .map(String::as_str),
        Some("PENDING")
    );
}

#[test]
fn page_002_update_identity_request() {
    let request: v2::UpdateIdentityRequest = round_trip("002-update-identity-request.json", &[]);
    assert_eq!(
        request
            .person_details
            .as_ref()
            .and_then(|p| p.first_name.as_deref()),
        Some("John")
    );
}

#[test]
fn page_002_update_identity_response() {
    round_trip::<v2::IdentityWithSummaryStatus>("002-update-identity-response.json", &[]);
}

#[test]
fn page_003_create_identity_request() {
    let request: v2::CreateIdentityRequest = round_trip("003-create-identity-request.json", &[]);
    assert_redacted(&request, &["111-11-1234"], "John");
}

/// What the create-identity person response (page 003, and the same example on today's
/// reference page) does not write back as it reads.
fn create_person_response_exceptions() -> [Exception; 2] {
    [
        Exception {
            pointer: "/person_details/passthrough_verifier_type'",
            page: Some(json!("JUMIO")),
            written: None,
            why: "a typo on the page (stray quote) for `passthrough_verifier_type`, which \
                  the spec declares; an undeclared member is not kept",
        },
        Exception {
            pointer: "/person_details/date_of_birth",
            page: Some(json!("1980-01-01T00:00:00Z")),
            written: Some(json!("1980-01-01")),
            why: "`format: date` sent as a date-time: read leniently, its date kept, \
                  written as the date the spec says",
        },
    ]
}

#[test]
fn page_003_create_identity_response() {
    let identity: v2::IdentityWithSummaryStatus = round_trip(
        "003-create-identity-response.json",
        &create_person_response_exceptions(),
    );
    let person = identity.person_details.as_ref().expect("person details");
    assert_eq!(person.passthrough_verifier_type, None);
    assert_eq!(
        person.date_of_birth.map(|d| d.to_string()).as_deref(),
        Some("1980-01-01")
    );
    // cip_id, govt_id and tax_payer_id all carry the same SSN on this page.
    assert_redacted(&identity, &["111-11-1234", "111111234"], "John");
}

/// Page 000 shows `<string>` for every value; give the sensitive ones values of their own.
#[test]
fn page_000_identity_debug_redacts_ssn_and_tax_id() {
    let secrets = [
        ("/person_details/ssn", "123-45-6789"),
        ("/institution_details/members/0/ssn", "987-65-4321"),
        ("/tax_details/0/tax_id", "12-3456789"),
    ];
    let mut page = fixture("000-update-identity-response.json");
    for (pointer, secret) in secrets {
        *page.pointer_mut(pointer).expect("member exists") = json!(secret);
    }
    let identity: preview::Identity = serde_json::from_value(page).expect("deserializes");
    let values: Vec<&str> = secrets.iter().map(|(_, s)| *s).collect();
    assert_redacted(&identity, &values, r#"tax_id_type: Some("SSN")"#);
    // Redaction is for logs only: the wire still carries every value.
    let written = serde_json::to_value(&identity).unwrap();
    for (pointer, secret) in secrets {
        assert_eq!(written.pointer(pointer), Some(&json!(secret)), "{pointer}");
    }
}

// ---------------------------------------------------------------------------
// Today's Paxos reference (paxos-identity-v2-revised.yaml)
// ---------------------------------------------------------------------------

#[test]
fn reference_identity_examples_of_the_first_pages() {
    // The reference repeats pages 002 and 003's examples; today's types read them too.
    let update: revised::UpdateIdentityRequest =
        round_trip("002-update-identity-request.json", &[]);
    assert_eq!(
        update.id.as_deref(),
        Some("f190b163-208f-4d73-8deb-4fb8b24add00")
    );
    let identity: revised::Identity = round_trip("002-update-identity-response.json", &[]);
    assert_eq!(
        identity.summary_status,
        Some(revised::IdentityStatus::Pending)
    );
    let create: revised::CreateIdentityRequest =
        round_trip("003-create-identity-request.json", &[]);
    let person = create.person_details.as_ref().expect("person_details");
    assert_eq!(person.cip_id_type, Some(revised::PersonCipIdType::Ssn));
    assert_eq!(
        person.passthrough_verifier_type,
        Some(revised::PassthroughVerifierType::Jumio)
    );
    assert_redacted(&create, &["111-11-1234"], "John");
    let created: revised::Identity = round_trip(
        "003-create-identity-response.json",
        &create_person_response_exceptions(),
    );
    assert_eq!(created.r#type, Some(revised::IdentityType::Person));
    assert_redacted(&created, &["111-11-1234"], "John");
}

#[test]
fn reference_list_identities_response() {
    let page: revised::ListIdentitiesResponse =
        round_trip("paxos-list-identities-response.json", &[]);
    assert_eq!(page.next_page_cursor.as_deref(), Some("<string>"));
    assert_eq!(page.items.map(|items| items.len()), Some(1));
}

#[test]
fn reference_create_institution_identity() {
    let request: revised::CreateIdentityRequest =
        round_trip("paxos-create-identity-institution-request.json", &[]);
    let details = request.institution_details.as_ref().expect("details");
    assert_eq!(
        details.institution_type,
        Some(revised::InstitutionType::Trust)
    );
    assert_eq!(
        details.regulation_status,
        Some(revised::RegulationStatus::NonRegulated)
    );
    let roles: Vec<_> = request
        .institution_members
        .iter()
        .flatten()
        .flat_map(|member| member.roles.iter().flatten())
        .collect();
    assert_eq!(
        roles,
        [
            &revised::InstitutionRoleType::Grantor,
            &revised::InstitutionRoleType::Trustee,
            &revised::InstitutionRoleType::BeneficialOwner
        ]
    );
    // The institution's EIN is a tax identifier: redacted in Debug.
    assert_redacted(&request, &["12-9569897"], "Institution A");

    let identity: revised::Identity =
        round_trip("paxos-create-identity-institution-response.json", &[]);
    assert_eq!(identity.r#type, Some(revised::IdentityType::Institution));
    assert_redacted(&identity, &["12-9876543"], "Institution A");
}

#[test]
fn reference_problem_examples() {
    for (fixture, status) in [
        ("paxos-create-identity-409-same-ssn.json", 409),
        ("paxos-create-identity-409-duplicate-ref-id.json", 409),
        ("paxos-list-identity-documents-403.json", 403),
        ("paxos-list-identity-documents-404.json", 404),
        ("paxos-document-upload-400.json", 400),
        ("paxos-document-upload-403.json", 403),
        ("paxos-document-upload-404.json", 404),
        ("paxos-document-upload-409.json", 409),
    ] {
        let problem: revised::Problem = round_trip(fixture, &[]);
        assert_eq!(problem.status, Some(status), "{fixture}");
        assert!(problem.detail.is_some(), "{fixture}");
    }
}

#[test]
fn reference_identity_documents() {
    let list: revised::ListIdentityDocumentsResponse =
        round_trip("paxos-list-identity-documents-response.json", &[]);
    let document = &list.documents.expect("documents")[0];
    assert_eq!(
        document.document_types.as_deref(),
        Some(
            &[
                revised::DocumentType::OtherDocuments,
                revised::DocumentType::Application
            ][..]
        )
    );
    let request: revised::DocumentUploadRequest =
        round_trip("paxos-document-upload-request.json", &[]);
    assert_eq!(request.name, "Proof_of_residence.jpg");
    // The pre-signed URL grants write access to storage: kept on the wire, redacted in Debug.
    let response: revised::DocumentUploadResponse =
        round_trip("paxos-document-upload-response.json", &[]);
    assert_redacted(
        &response,
        &["s3.amasonaws.com", "cec3f64fe20348685a"],
        "Proof_of_residence.jpg",
    );
}

#[test]
fn reference_members_and_accounts() {
    let request: revised::AddInstitutionMembersRequest =
        round_trip("paxos-add-institution-members-request.json", &[]);
    assert_eq!(request.members.len(), 2);
    let added: revised::AddInstitutionMembersResponse =
        round_trip("paxos-add-institution-members-response.json", &[]);
    assert!(added
        .members
        .iter()
        .flatten()
        .all(|member| member.id.is_some()));

    let create: revised::CreateAccountRequest =
        round_trip("paxos-create-account-request.json", &[]);
    assert_eq!(
        create.account.identity_id.as_deref(),
        Some("82c338f4-3cb7-4d9b-be2a-4b077c82ee3a")
    );
    let created: revised::Account = round_trip("paxos-create-account-response.json", &[]);
    assert_eq!(created.user_disabled, Some(false));
    let update: revised::UpdateAccountRequest =
        round_trip("paxos-update-account-request.json", &[]);
    assert_eq!(update.account.members.map(|m| m.len()), Some(3));
    let updated: revised::Account = round_trip("paxos-update-account-response.json", &[]);
    assert_eq!(
        updated.summary_status,
        Some(revised::IdentityStatus::Pending)
    );

    let request: revised::AddAccountMembersRequest =
        round_trip("paxos-add-account-members-request.json", &[]);
    assert_eq!(
        request.members[0].roles.as_deref(),
        Some(&[revised::AccountRoleType::FinancialAdvisor][..])
    );
    let added: revised::AddAccountMembersResponse =
        round_trip("paxos-add-account-members-response.json", &[]);
    assert_eq!(added.members.map(|m| m.len()), Some(2));

    let status: revised::SandboxSetIdentityStatusRequest =
        round_trip("paxos-sandbox-set-identity-status-request.json", &[]);
    assert_eq!(
        status.sanctions_verification_status,
        Some(revised::IdentityStatus::Approved)
    );
}

/// The Identity Controls overview writes `set_by` and `reason_code` with values its schema
/// does not list, and `deleted_at` as null: the open enums keep the unknown values (and
/// write them back), and null reads as absent.
#[test]
fn reference_identity_controls_overview_example() {
    let control: revised::IdentityControl = round_trip(
        "paxos-identity-controls-overview-control.json",
        &[Exception {
            pointer: "/deleted_at",
            page: Some(Value::Null),
            written: None,
            why: "an absent optional date-time is not written; the schema does not make \
                  deleted_at nullable",
        }],
    );
    assert_eq!(control.r#type, revised::IdentityControlType::SellOnly);
    assert_eq!(
        control.set_by,
        revised::IdentityControlSetBy::Unknown("CLIENT".to_owned())
    );
    assert_eq!(
        control.reason_code,
        Some(revised::IdentityControlReasonCode::Unknown(
            "END_USER_REQUESTED".to_owned()
        ))
    );
    assert_eq!(control.deleted_at, None);
}
