//! `specgen diff`: each change kind on an old/new fixture pair (exact id, level, operation
//! and pointer), `--closed-enums`, the output formats, `--fail-on` and exit codes.

mod common;

use common::{parse_json, specgen, Run};

/// `LEVEL id | operation | pointer`, one per change, and the semver bump.
fn diff_json(case: &str, extra: &[&str]) -> (Run, Vec<String>, String) {
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
            for key in ["id", "level", "operation", "pointer", "message"] {
                assert!(c[key].is_string(), "{key} missing in {c}");
            }
            format!(
                "{} {} | {} | {}",
                c["level"].as_str().unwrap(),
                c["id"].as_str().unwrap(),
                c["operation"].as_str().unwrap(),
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

/// Operations removed, added, renamed, moved to another path or method, deprecated; a renamed path parameter (`{id}` → `{petId}`) is no change.
#[test]
fn operations() {
    assert_changes(
        "operations",
        &[
            "ERR operation-id-changed | GET /pets | /paths/~1pets/get/operationId",
            "INFO operation-deprecated | GET /pets | /paths/~1pets/get",
            "ERR operation-removed | DELETE /pets/{id} | /paths/~1pets~1{id}/delete",
            "ERR operation-method-changed | PUT /toys | /paths/~1toys/put",
            "ERR operation-path-changed | GET /people | /paths/~1people/get",
            "INFO operation-added | GET /vets | /paths/~1vets/get",
        ],
        "major",
    );
}

/// Parameters added (required, optional), removed, moved, made required or optional, retyped, their enums and constraints changed.
#[test]
fn parameters() {
    assert_changes(
        "parameters",
        &[
            "WARN parameter-constraint-tightened | GET /pets | /paths/~1pets/get/parameters/0/schema",
            "WARN parameter-became-optional | GET /pets | /paths/~1pets/get/parameters/1",
            "ERR parameter-removed | GET /pets | /paths/~1pets/get/parameters/2",
            "ERR parameter-location-changed | GET /pets | /paths/~1pets/get/parameters/2",
            "ERR parameter-enum-value-removed | GET /pets | /paths/~1pets/get/parameters/3/schema",
            "INFO parameter-enum-value-added | GET /pets | /paths/~1pets/get/parameters/3/schema",
            "ERR parameter-became-required | GET /pets | /paths/~1pets/get/parameters/4",
            "ERR parameter-type-changed | GET /pets | /paths/~1pets/get/parameters/5/schema",
            "ERR parameter-added-required | GET /pets | /paths/~1pets/get/parameters/6",
            "INFO parameter-added-optional | GET /pets | /paths/~1pets/get/parameters/7",
        ],
        "major",
    );
}

/// Request bodies added, removed, made required, given another media type; their properties added, removed, retyped, made required or non-nullable, enum values and constraints. A schema shared by two operations is reported for each.
#[test]
fn request_body() {
    assert_changes(
        "request-body",
        &[
            "WARN request-constraint-tightened | POST /pets | /components/schemas/NewPet/properties/name",
            "ERR request-type-changed | POST /pets | /components/schemas/NewPet/properties/age",
            "ERR request-property-became-required | POST /pets | /components/schemas/NewPet/properties/nickname",
            "ERR request-enum-value-removed | POST /pets | /components/schemas/NewPet/properties/size",
            "INFO request-enum-value-added | POST /pets | /components/schemas/NewPet/properties/size",
            "ERR request-property-became-non-nullable | POST /pets | /components/schemas/NewPet/properties/notes",
            "WARN request-property-removed | POST /pets | /components/schemas/NewPet/properties/color",
            "ERR request-property-added-required | POST /pets | /components/schemas/NewPet/properties/owner",
            "INFO request-property-added-optional | POST /pets | /components/schemas/NewPet/properties/tags",
            "ERR request-body-became-required | PUT /pets/{id} | /paths/~1pets~1{id}/put/requestBody",
            "WARN request-constraint-tightened | PUT /pets/{id} | /components/schemas/NewPet/properties/name",
            "ERR request-type-changed | PUT /pets/{id} | /components/schemas/NewPet/properties/age",
            "ERR request-property-became-required | PUT /pets/{id} | /components/schemas/NewPet/properties/nickname",
            "ERR request-enum-value-removed | PUT /pets/{id} | /components/schemas/NewPet/properties/size",
            "INFO request-enum-value-added | PUT /pets/{id} | /components/schemas/NewPet/properties/size",
            "ERR request-property-became-non-nullable | PUT /pets/{id} | /components/schemas/NewPet/properties/notes",
            "WARN request-property-removed | PUT /pets/{id} | /components/schemas/NewPet/properties/color",
            "ERR request-property-added-required | PUT /pets/{id} | /components/schemas/NewPet/properties/owner",
            "INFO request-property-added-optional | PUT /pets/{id} | /components/schemas/NewPet/properties/tags",
            "ERR request-body-removed | DELETE /pets/{id} | /paths/~1pets~1{id}/delete/requestBody",
            "ERR request-body-media-type-changed | PATCH /pets/{id} | /paths/~1pets~1{id}/patch/requestBody/content",
            "ERR request-body-added | POST /toys | /paths/~1toys/post/requestBody",
        ],
        "major",
    );
}

/// Success status removed, status added or removed, media type removed, body retyped.
#[test]
fn responses() {
    assert_changes(
        "responses",
        &[
            "INFO response-status-removed | GET /pets | /paths/~1pets/get/responses/404",
            "INFO response-status-added | GET /pets | /paths/~1pets/get/responses/429",
            "ERR response-success-status-removed | POST /pets | /paths/~1pets/post/responses/200",
            "INFO response-status-added | POST /pets | /paths/~1pets/post/responses/201",
            "ERR response-media-type-removed | GET /pets/{id}/photo | /paths/~1pets~1{id}~1photo/get/responses/200",
            "ERR response-type-changed | GET /pets/{id}/age | /paths/~1pets~1{id}~1age/get/responses/200/content/application~1json/schema",
        ],
        "major",
    );
}

/// Response properties removed, made optional or nullable, retyped, added; enum values and union variants.
#[test]
fn response_properties() {
    assert_changes(
        "response-properties",
        &[
            "ERR response-type-changed | GET /pets/{id} | /components/schemas/Pet/properties/id",
            "ERR response-property-became-optional | GET /pets/{id} | /components/schemas/Pet/properties/name",
            "ERR response-property-became-nullable | GET /pets/{id} | /components/schemas/Pet/properties/owner",
            "WARN response-property-removed | GET /pets/{id} | /components/schemas/Pet/properties/nickname",
            "WARN response-enum-value-removed | GET /pets/{id} | /components/schemas/Pet/properties/status",
            "INFO response-enum-value-added | GET /pets/{id} | /components/schemas/Pet/properties/status",
            "ERR response-variant-added | GET /pets/{id} | /components/schemas/Toy",
            "INFO response-property-added | GET /pets/{id} | /components/schemas/Pet/properties/microchip",
            "INFO component-schema-added |  | /components/schemas/Rope",
        ],
        "major",
    );
}

/// Security requirements added to a public operation or as an alternative, removed, scopes added or removed; schemes removed or changed.
#[test]
fn security() {
    assert_changes(
        "security",
        &[
            "ERR security-requirement-added | GET /pets | /paths/~1pets/get/security",
            "INFO security-requirement-added | POST /pets | /paths/~1pets/post/security",
            "WARN security-scope-added | GET /owners | /paths/~1owners/get/security",
            "INFO security-scope-removed | GET /owners | /paths/~1owners/get/security",
            "WARN security-requirement-removed | GET /owners | /paths/~1owners/get/security",
            "ERR security-scheme-type-changed |  | /components/securitySchemes/apiKey",
            "ERR security-scheme-removed |  | /components/securitySchemes/legacy",
        ],
        "major",
    );
}

/// Component schemas removed and added.
#[test]
fn components() {
    assert_changes(
        "components",
        &[
            "ERR component-schema-removed |  | /components/schemas/Toy",
            "INFO component-schema-added |  | /components/schemas/Owner",
        ],
        "major",
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
    assert!(open.contains(&format!("INFO {added}")), "{open:?}");
    let (_, closed, _) = diff_json("response-properties", &["--closed-enums"]);
    assert!(closed.contains(&format!("ERR {added}")), "{closed:?}");
}

#[test]
fn fail_on_sets_the_exit_code() {
    let (run, _, _) = diff_json("operations", &["--fail-on", "ERR"]);
    assert_eq!(run.code, 1);
    // Only WARN and INFO here.
    let old = "tests/fixtures/diff/security/old.yaml";
    let warn_only = specgen(&["diff", "--fail-on", "ERR", old, old]);
    assert_eq!(warn_only.code, 0);
    let (run, _, _) = diff_json("parameters", &["--fail-on", "WARN"]);
    assert_eq!(run.code, 1);
    let info = specgen(&["diff", "--fail-on", "INFO", old, old]);
    assert_eq!(info.code, 2, "--fail-on takes ERR or WARN");
}

#[test]
fn text_output_lists_changes_and_the_bump() {
    let run = specgen(&[
        "diff",
        "tests/fixtures/diff/components/old.yaml",
        "tests/fixtures/diff/components/new.yaml",
    ]);
    assert_eq!(
        run.stdout,
        "\
ERR  component-schema-removed: component schema `Toy` was removed: its generated type goes away
     at #/components/schemas/Toy
INFO component-schema-added: component schema `Owner` was added
     at #/components/schemas/Owner

semver: major
1 breaking (ERR), 0 possibly breaking (WARN), 1 compatible (INFO): the generated crate needs a major version bump.
"
    );
}

#[test]
fn markdown_output_is_a_table_for_a_pull_request() {
    let run = specgen(&[
        "diff",
        "--format",
        "markdown",
        "tests/fixtures/diff/security/old.yaml",
        "tests/fixtures/diff/security/new.yaml",
    ]);
    assert_eq!(run.code, 0);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(
        lines[0],
        "### API changes: `tests/fixtures/diff/security/old.yaml` → `tests/fixtures/diff/security/new.yaml`"
    );
    assert!(lines.contains(&"| Level | Change | Operation | Details | Where |"));
    assert!(lines.contains(
        &"| ERR | `security-requirement-added` | `GET /pets` | the operation now requires `apiKey` | `#/paths/~1pets/get/security` |"
    ), "{}", run.stdout);
    assert!(lines.contains(
        &"| ERR | `security-scheme-removed` |  | security scheme `legacy` was removed | `#/components/securitySchemes/legacy` |"
    ), "{}", run.stdout);
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
    let ids: Vec<&str> = report["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    for id in [
        "operation-removed",
        "operation-path-changed",
        "response-property-removed",
    ] {
        assert!(ids.contains(&id), "{id} not in {ids:?}");
    }
}
