//! `specgen diff`: each change kind on an old/new fixture pair (exact wire level, crate
//! semver, id, operations and pointer), the generation modes (`--closed-enums`,
//! `--strict-formats`, `--exhaustive-types`), the output formats, `--fail-on`,
//! `--fail-on-semver` and exit codes.

mod common;

use common::{parse_json, scratch, specgen, Run};

/// `LEVEL semver id | operations | pointer`, one per change, and the crate's bump. The crate
/// keeps the schemas no operation uses: many fixtures change a component alone.
fn diff_json(case: &str, extra: &[&str]) -> (Run, Vec<String>, String) {
    diff_json_with(case, &[&["--keep-unused-schemas"], extra].concat())
}

/// [`diff_json`] with only the `extra` options.
fn diff_json_with(case: &str, extra: &[&str]) -> (Run, Vec<String>, String) {
    let old = format!("tests/fixtures/diff/{case}/old.yaml");
    let new = format!("tests/fixtures/diff/{case}/new.yaml");
    let run = specgen(
        &[
            &["diff", "--format", "json"],
            extra,
            &[old.as_str(), new.as_str()],
        ]
        .concat(),
    );
    let report = parse_json(&run.stdout);
    let rows = report["changes"]
        .as_array()
        .expect("a changes array")
        .iter()
        .map(|c| {
            for key in ["id", "level", "semver", "operation", "pointer", "message"] {
                assert!(c[key].is_string(), "{key} missing in {c}");
            }
            let operations: Vec<&str> = c["operations"]
                .as_array()
                .expect("an operations array")
                .iter()
                .map(|o| o.as_str().unwrap())
                .collect();
            assert_eq!(
                c["operation"].as_str().unwrap(),
                operations.first().copied().unwrap_or(""),
                "`operation` is the first of `operations`"
            );
            format!(
                "{} {} {} | {} | {}",
                c["level"].as_str().unwrap(),
                c["semver"].as_str().unwrap(),
                c["id"].as_str().unwrap(),
                operations.join("; "),
                c["pointer"].as_str().unwrap()
            )
        })
        .collect();
    let semver = report["semver"]
        .as_str()
        .expect("a semver bump")
        .to_string();
    (run, rows, semver)
}

fn assert_changes(case: &str, expected: &[&str], semver: &str) {
    let (run, rows, bump) = diff_json(case, &[]);
    assert_eq!(rows, expected, "{case}");
    assert_eq!(bump, semver, "{case}");
    assert_eq!(run.code, 0, "without --fail-on changes do not fail");
}

fn has(rows: &[String], row: &str) -> bool {
    rows.iter().any(|r| r == row)
}

/// Operations removed, added, renamed, moved to another path or method, deprecated; a renamed path parameter (`{id}` → `{petId}`) is no change. Moving or re-methoding keeps the generated method (patch); renaming the operationId renames it (major) but changes nothing on the wire.
#[test]
fn operations() {
    assert_changes(
        "operations",
        &[
            "ERR major operation-removed | DELETE /pets/{id} | /paths/~1pets~1{id}/delete",
            "ERR patch operation-method-changed | PUT /toys | /paths/~1toys/put",
            "ERR patch operation-path-changed | GET /people | /paths/~1people/get",
            "INFO major operation-id-changed | GET /pets | /paths/~1pets/get/operationId",
            "INFO minor operation-deprecated | GET /pets | /paths/~1pets/get",
            "INFO minor operation-added | GET /vets | /paths/~1vets/get",
        ],
        "major",
    );
}

/// Parameters added (required, optional), removed, moved, made required or optional, retyped, their enums and constraints changed. A removed query parameter is usually ignored by a server (WARN); a parameter that became optional changes nothing on the wire but turns its field into an `Option` (major).
#[test]
fn parameters() {
    assert_changes(
        "parameters",
        &[
            "ERR major parameter-enum-value-removed | GET /pets | /paths/~1pets/get/parameters/3/schema",
            "ERR major parameter-became-required | GET /pets | /paths/~1pets/get/parameters/4",
            "ERR major parameter-added-required | GET /pets | /paths/~1pets/get/parameters/6",
            "ERR patch parameter-location-changed | GET /pets | /paths/~1pets/get/parameters/2",
            "WARN major parameter-removed | GET /pets | /paths/~1pets/get/parameters/2",
            "WARN major parameter-type-changed | GET /pets | /paths/~1pets/get/parameters/5/schema",
            "WARN patch parameter-constraint-tightened | GET /pets | /paths/~1pets/get/parameters/0/schema",
            "INFO major parameter-became-optional | GET /pets | /paths/~1pets/get/parameters/1",
            "INFO minor parameter-enum-value-added | GET /pets | /paths/~1pets/get/parameters/3/schema",
            "INFO minor parameter-added-optional | GET /pets | /paths/~1pets/get/parameters/7",
        ],
        "major",
    );
}

/// Request bodies added, removed, made required or optional, given another media type; their properties added, removed, retyped, made required, optional, nullable or non-nullable, enum values and constraints. `NewPet` is shared by two operations: each change is one entry listing both.
#[test]
fn request_body() {
    assert_changes(
        "request-body",
        &[
            "ERR major request-type-changed | POST /pets; PUT /pets/{id} | /components/schemas/NewPet/properties/age",
            "ERR major request-property-became-required | POST /pets; PUT /pets/{id} | /components/schemas/NewPet/properties/nickname",
            "ERR major request-enum-value-removed | POST /pets; PUT /pets/{id} | /components/schemas/NewPet/properties/size",
            "ERR major request-property-became-non-nullable | POST /pets; PUT /pets/{id} | /components/schemas/NewPet/properties/notes",
            "ERR major request-property-added-required | POST /pets; PUT /pets/{id} | /components/schemas/NewPet/properties/owner",
            "ERR major request-body-became-required | PUT /pets/{id} | /paths/~1pets~1{id}/put/requestBody",
            "ERR major request-body-removed | DELETE /pets/{id} | /paths/~1pets~1{id}/delete/requestBody",
            "ERR major request-body-media-type-changed | PATCH /pets/{id} | /paths/~1pets~1{id}/patch/requestBody/content",
            "ERR major request-body-added | POST /toys | /paths/~1toys/post/requestBody",
            "WARN major request-property-removed | POST /pets; PUT /pets/{id} | /components/schemas/NewPet/properties/color",
            "WARN patch request-constraint-tightened | POST /pets; PUT /pets/{id} | /components/schemas/NewPet/properties/name",
            "INFO major request-property-became-optional | POST /pets; PUT /pets/{id} | /components/schemas/NewPet/properties/breed",
            "INFO major request-property-became-nullable | POST /pets; PUT /pets/{id} | /components/schemas/NewPet/properties/weight",
            "INFO major request-body-became-optional | PUT /owners | /paths/~1owners/put/requestBody",
            "INFO minor request-enum-value-added | POST /pets; PUT /pets/{id} | /components/schemas/NewPet/properties/size",
            "INFO minor request-property-added-optional | POST /pets; PUT /pets/{id} | /components/schemas/NewPet/properties/tags",
        ],
        "major",
    );
}

/// Success status removed, status added or removed, media type removed, body retyped. A status added is minor when it adds a variant to an existing response enum, patch when the one success type stays, major when the error type stops being `Infallible`.
#[test]
fn responses() {
    assert_changes(
        "responses",
        &[
            "ERR major response-media-type-removed | GET /pets/{id}/photo | /paths/~1pets~1{id}~1photo/get/responses/200",
            "ERR major response-type-changed | GET /pets/{id}/age | /paths/~1pets~1{id}~1age/get/responses/200/content/application~1json/schema",
            "ERR patch response-success-status-removed | POST /pets | /paths/~1pets/post/responses/200",
            "INFO major response-status-removed | GET /pets | /paths/~1pets/get/responses/404",
            "INFO major response-status-added | GET /pets/{id}/age | /paths/~1pets~1{id}~1age/get/responses/404",
            "INFO minor response-status-added | GET /pets | /paths/~1pets/get/responses/429",
            "INFO patch response-status-added | POST /pets | /paths/~1pets/post/responses/201",
        ],
        "major",
    );
}

/// Response properties removed, made optional, required, nullable or non-nullable, retyped, added; enum values and union variants. `Rope` added to the untagged `Toy` still decodes as `Ball` (all of whose fields are optional) in the old client: INFO.
#[test]
fn response_properties() {
    assert_changes(
        "response-properties",
        &[
            "ERR major response-type-changed | GET /pets/{id} | /components/schemas/Pet/properties/id",
            "ERR major response-property-became-optional | GET /pets/{id} | /components/schemas/Pet/properties/name",
            "ERR major response-property-became-nullable | GET /pets/{id} | /components/schemas/Pet/properties/owner",
            "WARN major response-property-removed | GET /pets/{id} | /components/schemas/Pet/properties/nickname",
            "INFO major response-property-became-required | GET /pets/{id} | /components/schemas/Pet/properties/weight",
            "INFO major response-property-became-non-nullable | GET /pets/{id} | /components/schemas/Pet/properties/vet",
            "INFO major response-enum-value-removed | GET /pets/{id} | /components/schemas/Pet/properties/status",
            "INFO major response-variant-removed | GET /pets/{id} | /components/schemas/Toy",
            "INFO minor response-enum-value-added | GET /pets/{id} | /components/schemas/Pet/properties/status",
            "INFO minor response-variant-added | GET /pets/{id} | /components/schemas/Toy",
            "INFO minor response-property-added | GET /pets/{id} | /components/schemas/Pet/properties/microchip",
            "INFO minor component-schema-added |  | /components/schemas/Rope",
        ],
        "major",
    );
}

/// Security requirements added to a public operation or as an alternative, removed, scopes added or removed; schemes removed, added or changed.
#[test]
fn security() {
    assert_changes(
        "security",
        &[
            "ERR major security-scheme-type-changed |  | /components/securitySchemes/apiKey",
            "ERR major security-scheme-removed |  | /components/securitySchemes/legacy",
            "ERR patch security-requirement-added | GET /pets | /paths/~1pets/get/security",
            "WARN patch security-scope-added | GET /owners | /paths/~1owners/get/security",
            "WARN patch security-requirement-removed | GET /owners | /paths/~1owners/get/security",
            "INFO minor security-scheme-added |  | /components/securitySchemes/bearer",
            "INFO patch security-requirement-added | POST /pets | /paths/~1pets/post/security",
            "INFO patch security-scope-removed | GET /owners | /paths/~1owners/get/security",
        ],
        "major",
    );
}

/// Component schemas removed and added (of different shapes: not a rename).
#[test]
fn components() {
    assert_changes(
        "components",
        &[
            "INFO major component-schema-removed |  | /components/schemas/Toy",
            "INFO minor component-schema-added |  | /components/schemas/Owner",
        ],
        "major",
    );
}

/// Components renamed with the same shape (`PlatformEmail` → `Email`, `TransactionIntent1` → `TransactionIntent`) are renames (wire INFO, crate major), compared inside: the union variant is a rename too, and `amount` going number → string behind it is found in both directions.
#[test]
fn renames() {
    assert_changes(
        "renames",
        &[
            "ERR major request-type-changed | POST /intents | /components/schemas/TransactionIntent/properties/amount",
            "ERR major response-type-changed | POST /intents | /components/schemas/TransactionIntent/properties/amount",
            "INFO major request-variant-renamed | POST /intents | /components/schemas/Intent",
            "INFO major response-variant-renamed | POST /intents | /components/schemas/Intent",
            "INFO major component-schema-renamed |  | /components/schemas/Email",
            "INFO major component-schema-renamed |  | /components/schemas/TransactionIntent",
        ],
        "major",
    );
}

/// Component schemas that no operation reaches are compared for the crate alone: wire INFO, crate major or minor.
#[test]
fn unused_components() {
    assert_changes(
        "unused-components",
        &[
            "INFO major component-schema-removed |  | /components/schemas/Square",
            "INFO major component-schema-renamed |  | /components/schemas/Round",
            "INFO major schema-enum-value-removed |  | /components/schemas/Mode",
            "INFO major schema-variant-renamed |  | /components/schemas/Shape",
            "INFO major schema-variant-removed |  | /components/schemas/Shape",
            "INFO major schema-type-changed |  | /components/schemas/Widget/properties/id",
            "INFO major schema-property-became-optional |  | /components/schemas/Widget/properties/name",
            "INFO major schema-property-removed |  | /components/schemas/Widget/properties/size",
            "INFO major schema-property-became-required |  | /components/schemas/Widget/properties/color",
            "INFO major schema-property-became-nullable |  | /components/schemas/Widget/properties/note",
            "INFO major schema-property-became-non-nullable |  | /components/schemas/Widget/properties/tags",
            "INFO minor component-schema-added |  | /components/schemas/Triangle",
            "INFO minor schema-enum-value-added |  | /components/schemas/Mode",
            "INFO minor schema-variant-added |  | /components/schemas/Shape",
            "INFO minor schema-property-added |  | /components/schemas/Widget/properties/weight",
        ],
        "major",
    );
}

/// Wire levels from the generated client's decoding rules. Requests (the new schema judges what the old client sends): integer → number, a type → a union that admits it, → any JSON are INFO; date → date-time is ERR; a removed variant whose values another variant accepts is INFO. Responses (the old client decodes what the new server sends): date → date-time is INFO (lenient dates), date-time → date ERR, integer → number, → a union, → any JSON WARN (some values do not decode); a variant the old untagged union cannot decode, or with an unknown tag, ERR. Query: a value → a form-exploded array of it is INFO, without explode WARN.
#[test]
fn wire_rules() {
    assert_changes(
        "wire-rules",
        &[
            "ERR major response-type-changed | GET /payments; GET /payments/{id} | /components/schemas/Receipt/properties/created",
            "ERR major request-type-changed | POST /payments | /components/schemas/PaymentIn/properties/due",
            "ERR major request-variant-removed | POST /payments | /components/schemas/MethodIn",
            "ERR minor response-variant-added | GET /payments; GET /payments/{id} | /components/schemas/Shape",
            "ERR minor response-variant-added | GET /payments; GET /payments/{id} | /components/schemas/Animal",
            "WARN major parameter-type-changed | GET /payments | /paths/~1payments/get/parameters/1/schema",
            "WARN major response-type-changed | GET /payments; GET /payments/{id} | /components/schemas/Receipt/properties/amount",
            "WARN major response-type-changed | GET /payments; GET /payments/{id} | /components/schemas/Receipt/properties/reference",
            "WARN major response-type-changed | GET /payments; GET /payments/{id} | /components/schemas/Receipt/properties/metadata",
            "INFO major parameter-type-changed | GET /payments | /paths/~1payments/get/parameters/0/schema",
            "INFO major response-type-changed | GET /payments; GET /payments/{id} | /components/schemas/Receipt/properties/paid_on",
            "INFO major request-type-changed | POST /payments | /components/schemas/PaymentIn/properties/amount",
            "INFO major request-type-changed | POST /payments | /components/schemas/PaymentIn/properties/reference",
            "INFO major request-type-changed | POST /payments | /components/schemas/PaymentIn/properties/metadata",
            "INFO major request-variant-removed | POST /payments | /components/schemas/PaymentIn/properties/quantity",
            "INFO minor request-variant-added | POST /payments | /components/schemas/MethodIn",
            "INFO minor component-schema-added |  | /components/schemas/Bird",
            "INFO minor component-schema-added |  | /components/schemas/Crypto",
            "INFO minor component-schema-added |  | /components/schemas/Triangle",
        ],
        "major",
    );
}

/// Constraints judged by direction: a pattern whose class grew or whose repetition widened is loosened (INFO), one whose class shrank is tightened (WARN), any other change of pattern is "changed" (WARN): no direction is claimed without a proof.
#[test]
fn constraints() {
    assert_changes(
        "constraints",
        &[
            "WARN patch parameter-constraint-changed | GET /accounts | /paths/~1accounts/get/parameters/2/schema",
            "WARN patch request-constraint-tightened | POST /accounts | /paths/~1accounts/post/requestBody/content/application~1json/schema/properties/iban",
            "WARN patch request-constraint-changed | POST /accounts | /paths/~1accounts/post/requestBody/content/application~1json/schema/properties/country",
            "WARN patch request-constraint-tightened | POST /accounts | /paths/~1accounts/post/requestBody/content/application~1json/schema/properties/units",
            "INFO patch parameter-constraint-loosened | GET /accounts | /paths/~1accounts/get/parameters/0/schema",
            "INFO patch parameter-constraint-loosened | GET /accounts | /paths/~1accounts/get/parameters/1/schema",
            "INFO patch request-constraint-loosened | POST /accounts | /paths/~1accounts/post/requestBody/content/application~1json/schema/properties/handle",
        ],
        "patch",
    );
}

/// Component schemas that only removed operations used fold into the first such `operation-removed`; an unused one removed is reported on its own.
#[test]
fn folding() {
    assert_changes(
        "folding",
        &[
            "ERR major operation-removed | GET /accounts | /paths/~1accounts/get",
            "ERR major operation-removed | GET /transfers | /paths/~1transfers/get",
            "ERR major operation-removed | POST /transfers | /paths/~1transfers/post",
            "INFO major component-schema-removed |  | /components/schemas/Legacy",
        ],
        "major",
    );
}

/// By default the crate has no schema that no operation uses, so their changes are none of
/// its business: `Legacy`'s removal is not reported.
#[test]
fn unused_schemas_count_only_when_kept() {
    let (_, rows, _) = diff_json_with("folding", &[]);
    assert!(rows.iter().all(|row| !row.contains("Legacy")), "{rows:#?}");
    assert_eq!(rows.len(), 3, "the three removed operations: {rows:#?}");
}

/// A new component taking the name an inline type had renames that generated type: no wire change, a major one for the crate.
#[test]
fn generated_names() {
    assert_changes(
        "generated-names",
        &[
            "INFO major generated-type-renamed | GET /pets/{id} | /components/schemas/Pet/properties/status",
            "INFO minor component-schema-added |  | /components/schemas/PetStatus",
        ],
        "major",
    );
}

/// Two inline enums that were the same type (the second an alias of the first) and no
/// longer are: the second keeps its name, so a value added to it is no rename of its type.
#[test]
fn shared_inline_types_that_part_keep_their_names() {
    assert_changes(
        "shared-inline",
        &["INFO minor response-enum-value-added | GET /pulls | \
           /paths/~1pulls/get/responses/200/content/application~1json/schema/items/properties/state"],
        "minor",
    );
}

/// An earlier copy of an inline object makes the old one an alias of it: its parts become
/// aliases too, keeping their names (`ListPullsResponseItemAuthorKind`), so only the new
/// operation is a change.
#[test]
fn an_earlier_copy_of_an_inline_type_renames_nothing() {
    assert_changes(
        "shared-inline-earlier",
        &["INFO minor operation-added | GET /issues | /paths/~1issues/get"],
        "minor",
    );
}

/// The same API written differently (key order, block style, descriptions) is no change.
#[test]
fn reformatting_is_no_change() {
    let (run, rows, semver) = diff_json("unchanged", &["--fail-on", "WARN"]);
    assert_eq!((rows, semver.as_str()), (Vec::<String>::new(), "none"));
    assert_eq!(run.code, 0);
}

/// An added response enum value is INFO for the default open enums, ERR for closed ones.
#[test]
fn closed_enums_make_a_new_response_enum_value_breaking() {
    let added =
        "response-enum-value-added | GET /pets/{id} | /components/schemas/Pet/properties/status";
    let (_, open, _) = diff_json("response-properties", &[]);
    assert!(has(&open, &format!("INFO minor {added}")), "{open:?}");
    let (_, closed, _) = diff_json("response-properties", &["--closed-enums"]);
    assert!(has(&closed, &format!("ERR minor {added}")), "{closed:?}");
}

/// `format: date` read as a date-time is fine for the default lenient client, not a strict one.
#[test]
fn strict_formats_make_a_date_time_for_a_date_breaking() {
    let paid_on = "response-type-changed | GET /payments; GET /payments/{id} | /components/schemas/Receipt/properties/paid_on";
    let (_, lenient, _) = diff_json("wire-rules", &[]);
    assert!(
        has(&lenient, &format!("INFO major {paid_on}")),
        "{lenient:?}"
    );
    let (_, strict, _) = diff_json("wire-rules", &["--strict-formats"]);
    assert!(has(&strict, &format!("ERR major {paid_on}")), "{strict:?}");
}

/// With exhaustive types every addition to a type or enum breaks struct literals and
/// `match`es: major. New types and operations stay minor.
#[test]
fn exhaustive_types_make_additions_major() {
    let (_, rows, _) = diff_json("response-properties", &["--exhaustive-types"]);
    for row in [
        "INFO major response-enum-value-added | GET /pets/{id} | /components/schemas/Pet/properties/status",
        "INFO major response-variant-added | GET /pets/{id} | /components/schemas/Toy",
        "INFO major response-property-added | GET /pets/{id} | /components/schemas/Pet/properties/microchip",
        "INFO minor component-schema-added |  | /components/schemas/Rope",
    ] {
        assert!(has(&rows, row), "{row} not in {rows:?}");
    }
    let (_, rows, _) = diff_json("parameters", &["--exhaustive-types"]);
    assert!(has(
        &rows,
        "INFO major parameter-added-optional | GET /pets | /paths/~1pets/get/parameters/7"
    ));
    let (_, rows, _) = diff_json("operations", &["--exhaustive-types"]);
    assert!(has(
        &rows,
        "INFO minor operation-added | GET /vets | /paths/~1vets/get"
    ));
}

/// A required property added to a response is fine on the wire, but the constructor gains
/// an argument; an optional parameter added where the method had no params struct adds one.
#[test]
fn additions_that_change_a_signature_are_major() {
    let dir = scratch("diff-signatures");
    let spec = |required: &str, params: &str| {
        format!(
            "openapi: 3.0.3
info: {{title: T, version: '1'}}
paths:
  /things:
    get:
      operationId: listThings
      parameters: [{params}]
      responses:
        '200':
          description: The things
          content:
            application/json:
              schema:
                type: object
                required: [{required}]
                properties: {{id: {{type: string}}, size: {{type: integer}}}}
"
        )
    };
    std::fs::write(dir.join("old.yaml"), spec("id", "")).unwrap();
    std::fs::write(
        dir.join("new.yaml"),
        spec("id, size", "{name: q, in: query, schema: {type: string}}"),
    )
    .unwrap();
    let run = common::specgen_in(&dir, &["diff", "--format", "json", "old.yaml", "new.yaml"]);
    let report = parse_json(&run.stdout);
    let find = |id: &str| {
        report["changes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == id)
            .unwrap_or_else(|| panic!("{id} in {report}"))
            .clone()
    };
    let became_required = find("response-property-became-required");
    assert_eq!(
        (
            became_required["level"].as_str(),
            became_required["semver"].as_str()
        ),
        (Some("INFO"), Some("major"))
    );
    let param = find("parameter-added-optional");
    assert_eq!(
        (param["level"].as_str(), param["semver"].as_str()),
        (Some("INFO"), Some("major"))
    );
    assert!(param["message"]
        .as_str()
        .unwrap()
        .contains("params argument"));
}

#[test]
fn fail_on_sets_the_exit_code() {
    let (run, _, _) = diff_json("operations", &["--fail-on", "ERR"]);
    assert_eq!(run.code, 1);
    let old = "tests/fixtures/diff/security/old.yaml";
    let same = specgen(&["diff", "--fail-on", "ERR", old, old]);
    assert_eq!(same.code, 0);
    // Only WARN and INFO on the wire here.
    let (run, _, _) = diff_json("constraints", &["--fail-on", "ERR"]);
    assert_eq!(run.code, 0);
    let (run, _, _) = diff_json("constraints", &["--fail-on", "WARN"]);
    assert_eq!(run.code, 1);
    let info = specgen(&["diff", "--fail-on", "INFO", old, old]);
    assert_eq!(info.code, 2, "--fail-on takes ERR or WARN");
}

#[test]
fn fail_on_semver_sets_the_exit_code() {
    // Only INFO on the wire, but a major bump for the crate.
    let (run, _, semver) = diff_json(
        "generated-names",
        &["--fail-on", "WARN", "--fail-on-semver", "major"],
    );
    assert_eq!((run.code, semver.as_str()), (1, "major"));
    // Constraints change no Rust API: a patch.
    let (run, _, semver) = diff_json("constraints", &["--fail-on-semver", "minor"]);
    assert_eq!((run.code, semver.as_str()), (0, "patch"));
    let (run, _, _) = diff_json("components", &["--fail-on-semver", "minor"]);
    assert_eq!(run.code, 1);
    let old = "tests/fixtures/diff/security/old.yaml";
    let patch = specgen(&["diff", "--fail-on-semver", "patch", old, old]);
    assert_eq!(patch.code, 2, "--fail-on-semver takes major or minor");
}

/// Breaking changes first, each with its level, bump, location and operations; the
/// compatible ones as counts per id and bump.
#[test]
fn text_output_puts_breaking_changes_first_and_counts_the_rest() {
    let run = specgen(&[
        "diff",
        "--keep-unused-schemas",
        "tests/fixtures/diff/folding/old.yaml",
        "tests/fixtures/diff/folding/new.yaml",
    ]);
    assert_eq!(
        run.stdout,
        "\
ERR  major operation-removed: operation `listAccounts` was removed, with 2 component schemas no remaining operation uses: `Account`, `AccountPage`
           at #/paths/~1accounts/get
           in GET /accounts
ERR  major operation-removed: operation `listTransfers` was removed, with 2 component schemas no remaining operation uses: `Transfer`, `TransferLeg`
           at #/paths/~1transfers/get
           in GET /transfers
ERR  major operation-removed: operation `createTransfer` was removed
           at #/paths/~1transfers/post
           in POST /transfers
INFO 1 compatible change (each one is in --format json):
       1 major component-schema-removed

semver: major
3 breaking (ERR), 0 possibly breaking (WARN), 1 compatible (INFO) on the wire; the generated crate needs a major version (4 major, 0 minor, 0 patch changes).
"
    );
    // Sorted by level although found in another order.
    let run = specgen(&[
        "diff",
        "tests/fixtures/diff/security/old.yaml",
        "tests/fixtures/diff/security/new.yaml",
    ]);
    let levels: Vec<&str> = run
        .stdout
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .filter(|w| ["ERR", "WARN", "INFO"].contains(w))
        .collect();
    assert_eq!(
        levels,
        ["ERR", "ERR", "ERR", "WARN", "WARN", "INFO"],
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("       1 minor security-scheme-added\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn markdown_output_is_sorted_with_compatible_changes_collapsed() {
    let run = specgen(&[
        "diff",
        "--format",
        "markdown",
        "./tests/fixtures/diff/security/old.yaml",
        "tests/fixtures/diff/security/new.yaml",
    ]);
    assert_eq!(run.code, 0);
    let lines: Vec<&str> = run.stdout.lines().collect();
    // The file names exactly as given.
    assert_eq!(
        lines[0],
        "### API changes: `./tests/fixtures/diff/security/old.yaml` → `tests/fixtures/diff/security/new.yaml`"
    );
    assert!(
        lines[2].starts_with(
            "**semver: major** · 3 breaking (ERR), 2 possibly breaking (WARN), 3 compatible (INFO)"
        ),
        "{}",
        lines[2]
    );
    let head = "| Level | Semver | Change | Operations | Details | Where |";
    let first_table = lines.iter().position(|l| *l == head).unwrap();
    assert_eq!(
        lines[first_table + 2],
        "| ERR | major | `security-scheme-type-changed` |  | security scheme `apiKey` changed from an API key to HTTP bearer | `#/components/securitySchemes/apiKey` |"
    );
    assert_eq!(
        lines[first_table + 4],
        "| ERR | patch | `security-requirement-added` | `GET /pets` | the operation now requires `apiKey` | `#/paths/~1pets/get/security` |"
    );
    assert!(
        lines.contains(&"| `security-scheme-added` | minor | 1 |"),
        "{}",
        run.stdout
    );
    let details = lines
        .iter()
        .position(|l| *l == "<details><summary>Each compatible change</summary>")
        .expect("collapsed details");
    assert!(lines[details..].contains(
        &"| INFO | patch | `security-scope-removed` | `GET /owners` | `oauth` no longer needs scope `pets.read` | `#/paths/~1owners/get/security` |"
    ), "{}", run.stdout);
    assert_eq!(lines.last(), Some(&"</details>"));
}

/// Thousands of changes: the comment stays under 65,000 characters, says what it left out
/// and where to find it; the JSON keeps every change.
#[test]
fn markdown_stays_within_a_pull_request_comment() {
    let dir = scratch("diff-budget");
    let mut old = String::from("openapi: 3.0.3\ninfo: {title: Big, version: '1'}\npaths:\n");
    for i in 0..1500 {
        old.push_str(&format!(
            "  /things/number-{i}/with-a-long-path-segment:\n    get:\n      operationId: getThingNumber{i}\n      responses:\n        '200': {{description: A thing}}\n"
        ));
    }
    let new = "openapi: 3.0.3\ninfo: {title: Big, version: '2'}\npaths:\n  /other:\n    get:\n      operationId: other\n      responses:\n        '200': {description: Other}\n";
    std::fs::write(dir.join("old.yaml"), old).unwrap();
    std::fs::write(dir.join("new.yaml"), new).unwrap();
    let markdown = common::specgen_in(
        &dir,
        &["diff", "--format", "markdown", "old.yaml", "new.yaml"],
    );
    let size = markdown.stdout.chars().count();
    assert!(size <= 65_000, "{size} characters");
    assert!(size > 50_000, "the budget is used: {size}");
    let shown = markdown.stdout.matches("`operation-removed`").count();
    assert!(
        markdown.stdout.contains(&format!(
            "**{} of 1501 changes are not shown here**",
            1501 - shown
        )),
        "{}",
        &markdown.stdout[..600]
    );
    assert!(markdown
        .stdout
        .contains("`specgen diff --format json old.yaml new.yaml` lists every change"));
    // The compatible change is still counted.
    assert!(markdown
        .stdout
        .contains("| `operation-added` | minor | 1 |"));
    let json = common::specgen_in(&dir, &["diff", "--format", "json", "old.yaml", "new.yaml"]);
    assert_eq!(
        parse_json(&json.stdout)["changes"]
            .as_array()
            .unwrap()
            .len(),
        1501
    );
}

#[test]
fn a_spec_that_cannot_be_analyzed_exits_2() {
    let run = specgen(&[
        "diff",
        "tests/fixtures/diff/components/old.yaml",
        "tests/fixtures/generate/broken.yaml",
    ]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("unresolved reference"),
        "{}",
        run.stderr
    );
    let missing = specgen(&[
        "diff",
        "tests/fixtures/diff/none.yaml",
        "tests/fixtures/diff/none.yaml",
    ]);
    assert_eq!(missing.code, 2);
}

/// The repository's own revision: the preview Paxos resource (page 000) against v2 is a major bump.
#[test]
fn the_repository_revision_is_major() {
    let root = common::workspace();
    let run = common::specgen_in(
        &root,
        &[
            "diff",
            "--format",
            "json",
            "specs/paxos-identity-v2.yaml",
            "specs/paxos-identity-v2-preview.yaml",
        ],
    );
    let report = parse_json(&run.stdout);
    assert_eq!(report["semver"], "major");
    let changes = report["changes"].as_array().unwrap();
    let ids: Vec<&str> = changes.iter().map(|c| c["id"].as_str().unwrap()).collect();
    for id in [
        "operation-removed",
        "operation-path-changed",
        "request-property-removed",
        "response-type-changed",
    ] {
        assert!(ids.contains(&id), "{id} not in {ids:?}");
    }
    // One entry per change: no (id, pointer, message) twice.
    let mut keys: Vec<String> = changes
        .iter()
        .map(|c| format!("{} {} {}", c["id"], c["pointer"], c["message"]))
        .collect();
    let count = keys.len();
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), count);
}

/// The documented threshold: five properties of which one is retyped (0.9) or one added
/// (0.83) is a rename; two of five replaced by others (0.43) is a removal and an addition.
#[test]
fn renames_follow_the_similarity_threshold() {
    let dir = scratch("diff-renames");
    let spec = |schemas: &str| {
        format!("openapi: 3.0.3\ninfo: {{title: T, version: '1'}}\npaths: {{}}\ncomponents:\n  schemas:\n{schemas}")
    };
    let object = |name: &str, props: &[(&str, &str)]| {
        let props: Vec<String> = props
            .iter()
            .map(|(p, t)| format!("{p}: {{type: {t}}}"))
            .collect();
        format!(
            "    {name}: {{type: object, properties: {{{}}}}}\n",
            props.join(", ")
        )
    };
    let five = [
        ("a", "string"),
        ("b", "string"),
        ("c", "string"),
        ("d", "string"),
        ("e", "string"),
    ];
    let old = [
        object("Retyped", &five),
        object(
            "Grown",
            &[
                ("f", "integer"),
                ("g", "integer"),
                ("h", "integer"),
                ("i", "integer"),
                ("j", "integer"),
            ],
        ),
        object(
            "Replaced",
            &[
                ("k", "boolean"),
                ("l", "boolean"),
                ("m", "boolean"),
                ("n", "boolean"),
                ("o", "boolean"),
            ],
        ),
    ]
    .concat();
    let new = [
        object(
            "RetypedNow",
            &[
                ("a", "string"),
                ("b", "string"),
                ("c", "string"),
                ("d", "string"),
                ("e", "integer"),
            ],
        ),
        object(
            "GrownNow",
            &[
                ("f", "integer"),
                ("g", "integer"),
                ("h", "integer"),
                ("i", "integer"),
                ("j", "integer"),
                ("z", "integer"),
            ],
        ),
        object(
            "ReplacedNow",
            &[
                ("k", "boolean"),
                ("l", "boolean"),
                ("m", "boolean"),
                ("p", "boolean"),
                ("q", "boolean"),
            ],
        ),
    ]
    .concat();
    std::fs::write(dir.join("old.yaml"), spec(&old)).unwrap();
    std::fs::write(dir.join("new.yaml"), spec(&new)).unwrap();
    let run = common::specgen_in(&dir, &["diff", "--format", "json", "old.yaml", "new.yaml"]);
    let report = parse_json(&run.stdout);
    let messages: Vec<String> = report["changes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["id"].as_str().unwrap().starts_with("component-schema"))
        .map(|c| {
            format!(
                "{} {}",
                c["id"].as_str().unwrap(),
                c["message"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        messages,
        [
            "component-schema-removed component schema `Replaced` was removed: its generated type goes away",
            "component-schema-renamed component schema `Retyped` was renamed `RetypedNow` (same shape: similarity 0.90): its generated type is renamed",
            "component-schema-renamed component schema `Grown` was renamed `GrownNow` (same shape: similarity 0.83): its generated type is renamed",
            "component-schema-added component schema `ReplacedNow` was added",
        ]
    );
}

/// A selection compares only the chosen operations, as a client generated with it has
/// them; a name in only one version is fine, one in neither is an argument error.
#[test]
fn selection_compares_only_the_selected_operations() {
    let (run, rows, semver) = diff_json(
        "operations",
        &[
            "--include-operation",
            "deletePet",
            "--include-operation",
            "listVets",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        rows,
        [
            "ERR major operation-removed | DELETE /pets/{id} | /paths/~1pets~1{id}/delete",
            "INFO minor operation-added | GET /vets | /paths/~1vets/get",
        ]
    );
    assert_eq!(semver, "major");
    let (_, rows, semver) = diff_json("operations", &["--include-operation", "getPet"]);
    assert!(rows.is_empty(), "{rows:?}");
    assert_eq!(semver, "none");
    let run = specgen(&[
        "diff",
        "--include-operation",
        "listVet",
        "tests/fixtures/diff/operations/old.yaml",
        "tests/fixtures/diff/operations/new.yaml",
    ]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("operationId `listVet` (close matches: `listVets`"),
        "{}",
        run.stderr
    );
}
