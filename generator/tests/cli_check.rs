//! `specgen check`: each rule on its own fixture (exact rule, severity, line, column and
//! pointer), output formats (SARIF validated against the SARIF 2.1.0 schema), severity
//! overrides, the config file and exit codes.

mod common;

use common::{parse_json, specgen, Run};

const DIR: &str = "tests/fixtures/check";

/// `severity rule line:column pointer`, one per diagnostic.
type Row = String;

fn check_json(args: &[&str]) -> (Run, Vec<Row>) {
    let run = specgen(&[&["check", "--format", "json"], args].concat());
    let report = parse_json(&run.stdout);
    let rows = report["diagnostics"]
        .as_array()
        .expect("a diagnostics array")
        .iter()
        .map(|d| {
            format!(
                "{} {} {}:{} {}",
                d["severity"].as_str().unwrap(),
                d["rule"].as_str().unwrap(),
                d["line"].as_u64().unwrap_or(0),
                d["column"].as_u64().unwrap_or(0),
                d["pointer"].as_str().unwrap(),
            )
        })
        .collect();
    (run, rows)
}

/// Checks one fixture without any config; returns the exit code and the rows. The fixtures
/// document only the responses their rule needs, so `no-4xx-response` (an info) is off but
/// for its own fixture.
fn check_fixture(name: &str) -> (i32, Vec<Row>) {
    let path = format!("{DIR}/{name}");
    let no_4xx = match name {
        "no-4xx-response.yaml" => "no-4xx-response=info",
        _ => "no-4xx-response=off",
    };
    let (run, rows) = check_json(&["--no-config", "--rule", no_4xx, &path]);
    for row in &rows {
        assert!(
            run.stdout.contains(&format!("\"file\": \"{path}\"")),
            "{row:?} names another file"
        );
    }
    (run.code, rows)
}

#[test]
fn clean_spec_has_no_findings() {
    let (run, rows) = check_json(&[
        "--no-config",
        "--deny-warnings",
        "tests/fixtures/check/clean.yaml",
    ]);
    assert!(rows.is_empty(), "{rows:?}");
    assert_eq!(run.code, 0);
}

#[test]
fn invalid_document() {
    let (code, rows) = check_fixture("invalid-document.yaml");
    assert_eq!(rows, vec!["error invalid-document 6:3 /paths".to_string()]);
    assert_eq!(code, 1);
}

#[test]
fn syntax_error_is_unreadable() {
    let (code, rows) = check_fixture("syntax-error.yaml");
    assert_eq!(rows, vec!["error invalid-document 4:13 ".to_string()]);
    assert_eq!(code, 2);
}

#[test]
fn missing_file_is_unreadable() {
    let (run, rows) = check_json(&["--no-config", "tests/fixtures/check/none.yaml"]);
    assert_eq!(rows, vec!["error invalid-document 0:0 ".to_string()]);
    assert!(run.stdout.contains("cannot read the spec"));
    assert_eq!(run.code, 2);
}

#[test]
fn generation_failed() {
    let (code, rows) = check_fixture("generation-failed.yaml");
    let at = "/paths/~1pets/get/responses/200/content/application~1json/schema";
    assert_eq!(rows, vec![format!("error generation-failed 14:15 {at}")]);
    assert_eq!(code, 1);
}

#[test]
fn unresolved_ref_local_and_in_another_file() {
    let (code, rows) = check_fixture("unresolved-ref.yaml");
    assert_eq!(
        rows,
        vec![
            "error unresolved-ref 17:19 /paths/~1pets/get/responses/200/content/application~1json/schema/items/$ref".to_string(),
            "warning unused-component 20:5 /components/schemas/Pet".to_string(),
            "error unresolved-ref 24:11 /components/schemas/Pet/properties/owner/$ref".to_string(),
        ]
    );
    assert_eq!(code, 1);
}

#[test]
fn unresolved_ref_in_json() {
    let (code, rows) = check_fixture("unresolved-ref.json");
    let at = "/paths/~1pets/get/responses/200/content/application~1json/schema/$ref";
    assert_eq!(rows, vec![format!("error unresolved-ref 13:29 {at}")]);
    assert_eq!(code, 1);
}

#[test]
fn unused_component() {
    let (code, rows) = check_fixture("unused-component.yaml");
    assert_eq!(
        rows,
        vec![
            "warning unused-component 30:5 /components/schemas/Toy".to_string(),
            "warning unused-component 39:5 /components/securitySchemes/apiKey".to_string(),
        ]
    );
    assert_eq!(code, 0, "warnings alone pass");
}

#[test]
fn operation_ids() {
    let (code, rows) = check_fixture("operation-id.yaml");
    assert_eq!(
        rows,
        vec![
            "error operation-id-duplicate 13:7 /paths/~1pets/post/operationId".to_string(),
            "warning operation-id-not-identifier 19:7 /paths/~1toys/get/operationId".to_string(),
            "warning operation-id-missing 23:5 /paths/~1toys/delete".to_string(),
        ]
    );
    assert_eq!(code, 1);
}

#[test]
fn path_params() {
    let (code, rows) = check_fixture("path-params.yaml");
    assert_eq!(
        rows,
        vec![
            "error path-param-undeclared 13:5 /paths/~1pets~1{petId}~1toys~1{toyId}/get"
                .to_string(),
            "error path-param-unused 22:11 /paths/~1owners/get/parameters/0".to_string(),
        ]
    );
    assert_eq!(code, 1);
}

#[test]
fn no_success_response() {
    let (code, rows) = check_fixture("no-success-response.yaml");
    assert_eq!(
        rows,
        vec!["warning no-success-response 9:7 /paths/~1pets/get/responses".to_string()]
    );
    assert_eq!(code, 0);
}

#[test]
fn security_schemes_and_scopes() {
    let (code, rows) = check_fixture("security.yaml");
    assert_eq!(
        rows,
        vec![
            "error security-scope-undefined 6:14 /security/0/apiKey/0".to_string(),
            "error security-scope-undefined 12:30 /paths/~1pets/get/security/0/oauth/1".to_string(),
            "error security-scheme-undefined 13:11 /paths/~1pets/get/security/1/bearer".to_string(),
        ]
    );
    assert_eq!(code, 1);
}

#[test]
fn enum_values() {
    let (code, rows) = check_fixture("enums.yaml");
    assert_eq!(
        rows,
        vec![
            "error enum-value-type 14:26 /paths/~1pets/get/parameters/0/schema/enum/2".to_string(),
            "error enum-value-type 26:22 /components/schemas/Status/enum/1".to_string(),
            "warning enum-value-duplicate 26:25 /components/schemas/Status/enum/2".to_string(),
            "error enum-value-type 26:33 /components/schemas/Status/enum/3".to_string(),
        ]
    );
    assert_eq!(code, 1);
}

#[test]
fn examples_validate_against_their_schemas() {
    let (code, rows) = check_fixture("examples.yaml");
    let response = "/paths/~1identities/post/responses/200/content/application~1json/example";
    assert_eq!(
        rows,
        vec![
            // A parameter example below `minimum`.
            "error example-invalid 15:11 /paths/~1identities/post/parameters/0/example".to_string(),
            // The page-003 stray quote, two `$ref`s deep; the date-time in a `date` passes.
            format!("warning example-undeclared-property 36:19 {response}/person_details/passthrough_verifier_type'"),
            // A referenced example, reported where its value is written.
            "error example-invalid 41:9 /components/examples/Typo/value/id".to_string(),
            "error example-invalid 43:11 /components/examples/Typo/value/person_details/date_of_birth".to_string(),
            // A schema's own example.
            "error example-invalid 55:11 /components/schemas/Identity/properties/created_at/example".to_string(),
        ]
    );
    assert_eq!(code, 1);
}

#[test]
fn strict_formats_reject_a_date_time_in_a_date() {
    let (_, rows) = check_json(&[
        "--no-config",
        "--strict-formats",
        "tests/fixtures/check/examples.yaml",
    ]);
    let response = "/paths/~1identities/post/responses/200/content/application~1json/example";
    assert!(rows.contains(&format!(
        "error example-invalid 35:19 {response}/person_details/date_of_birth"
    )));
}

#[test]
fn server_trailing_slash() {
    let (code, rows) = check_fixture("server-trailing-slash.yaml");
    assert_eq!(
        rows,
        vec![
            "warning server-trailing-slash 6:5 /servers/0/url".to_string(),
            "warning server-trailing-slash 13:11 /paths/~1pets/get/servers/0/url".to_string(),
        ]
    );
    assert_eq!(code, 0);
}

#[test]
fn loose_types() {
    let (code, rows) = check_fixture("loose-type.yaml");
    assert_eq!(
        rows,
        vec![
            "warning loose-type 19:13 /paths/~1pets/get/responses/404/content/application~1problem+json".to_string(),
            "warning loose-type 25:9 /components/schemas/Pet/properties/extra".to_string(),
            "warning loose-type 27:9 /components/schemas/Pet/properties/tags".to_string(),
            // Reported by the generator itself.
            "warning loose-type 29:9 /components/schemas/Pet/properties/mood".to_string(),
        ]
    );
    assert_eq!(code, 0);
}

#[test]
fn deny_warnings_fails_on_warnings() {
    let run = specgen(&[
        "check",
        "--no-config",
        "--deny-warnings",
        "tests/fixtures/check/server-trailing-slash.yaml",
    ]);
    assert_eq!(run.code, 1);
}

#[test]
fn rule_overrides_from_the_command_line() {
    let fixture = "tests/fixtures/check/server-trailing-slash.yaml";
    let (run, rows) = check_json(&[
        "--no-config",
        "--rule",
        "server-trailing-slash=error",
        fixture,
    ]);
    assert_eq!(run.code, 1);
    assert!(rows.iter().all(|r| r.starts_with("error ")), "{rows:?}");

    let (run, rows) = check_json(&[
        "--no-config",
        "--rule",
        "server-trailing-slash=off",
        fixture,
    ]);
    assert_eq!((run.code, rows), (0, Vec::<Row>::new()));

    let run = specgen(&[
        "check",
        "--no-config",
        "--rule",
        "no-such-rule=off",
        fixture,
    ]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("unknown rule `no-such-rule`"),
        "{}",
        run.stderr
    );
}

#[test]
fn config_file_sets_severities_and_allows_findings() {
    let config = "tests/fixtures/check/specgen.toml";
    let (run, rows) = check_json(&[
        "--config",
        config,
        "tests/fixtures/check/loose-type.yaml",
        "tests/fixtures/check/server-trailing-slash.yaml",
        "tests/fixtures/check/no-success-response.yaml",
    ]);
    assert_eq!(
        rows,
        vec![
            "warning loose-type 27:9 /components/schemas/Pet/properties/tags".to_string(),
            "warning loose-type 29:9 /components/schemas/Pet/properties/mood".to_string(),
            "error server-trailing-slash 6:5 /servers/0/url".to_string(),
            "error server-trailing-slash 13:11 /paths/~1pets/get/servers/0/url".to_string(),
            "info no-success-response 9:7 /paths/~1pets/get/responses".to_string(),
        ]
    );
    assert_eq!(run.code, 1);

    // The command line wins over the file.
    let (run, _) = check_json(&[
        "--config",
        config,
        "--rule",
        "server-trailing-slash=warning",
        "tests/fixtures/check/server-trailing-slash.yaml",
    ]);
    assert_eq!(run.code, 0);
}

#[test]
fn text_output_is_rustc_like_with_the_source_line() {
    let run = specgen(&[
        "check",
        "--no-config",
        "tests/fixtures/check/server-trailing-slash.yaml",
    ]);
    let expected = "\
warning[server-trailing-slash]: server URL `https://api.example.com/v1/` ends with `/`
 --> tests/fixtures/check/server-trailing-slash.yaml:6:5
  |
6 |   - url: https://api.example.com/v1/
  |     --------------------------------
  |
  = help: write `https://api.example.com/v1`: paths start with `/`, so joining them gives `//`
  = note: at #/servers/0/url
";
    assert!(run.stdout.starts_with(expected), "{}", run.stdout);
    assert!(
        run.stdout
            .ends_with("0 errors, 2 warnings, 0 infos in 1 file\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn list_rules_names_every_rule() {
    let run = specgen(&["check", "--list-rules"]);
    assert_eq!(run.code, 0);
    for rule in [
        "invalid-document",
        "generation-failed",
        "unresolved-ref",
        "unused-component",
        "operation-id-missing",
        "operation-id-duplicate",
        "operation-id-not-identifier",
        "path-param-undeclared",
        "path-param-unused",
        "no-success-response",
        "security-scheme-undefined",
        "security-scope-undefined",
        "enum-value-type",
        "enum-value-duplicate",
        "example-invalid",
        "example-undeclared-property",
        "server-trailing-slash",
        "loose-type",
    ] {
        assert!(run.stdout.contains(rule), "{rule} is not listed");
    }
}

/// The repository's own specs pass review: no error and no warning (any accepted finding
/// would be allowed, with its reason, in the root `specgen.toml`).
#[test]
fn the_repository_specs_are_clean() {
    let root = common::workspace();
    let mut specs: Vec<String> = std::fs::read_dir(root.join("specs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .map(|p| p.strip_prefix(&root).unwrap().display().to_string())
        .collect();
    specs.sort();
    assert!(!specs.is_empty());
    let args: Vec<&str> = ["check", "--deny-warnings", "--format", "json"]
        .into_iter()
        .chain(specs.iter().map(String::as_str))
        .collect();
    let run = common::specgen_in(&root, &args);
    assert_eq!(
        parse_json(&run.stdout)["diagnostics"],
        serde_json::json!([])
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
}

/// Every fixture spec of the generator and every broken one: a report, never a crash.
#[test]
fn every_fixture_spec_gets_a_report() {
    let root = common::workspace();
    for dir in ["tests/fixtures/specs", "tests/fixtures/broken"] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                continue;
            }
            let run = specgen(&[
                "check",
                "--no-config",
                "--format",
                "json",
                path.to_str().unwrap(),
            ]);
            assert!(
                [0, 1, 2].contains(&run.code),
                "{}: {}",
                path.display(),
                run.stderr
            );
            assert!(run.stderr.is_empty(), "{}: {}", path.display(), run.stderr);
            parse_json(&run.stdout);
        }
    }
}
