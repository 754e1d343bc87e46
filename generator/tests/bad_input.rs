//! Broken specs (`tests/fixtures/broken/`): each one fails generation with a located error of
//! the right kind and a hint, never a panic, and leaves no file behind. Specs that generate
//! with a located warning are in `tests/fixtures/warnings/`.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use specgen::{Config, Error, ErrorKind};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("generator/ sits in the workspace")
        .to_path_buf()
}

fn broken(name: &str) -> PathBuf {
    workspace().join("tests/fixtures/broken").join(name)
}

/// A fresh, empty directory of its own for one case.
fn fresh_dir(case: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("specgen-bad-input-{}-{case}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir can be created");
    dir
}

fn files_in(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .expect("temp dir is readable")
        .map(|entry| entry.expect("readable entry").path())
        .collect()
}

struct Expected {
    file: &'static str,
    kind: ErrorKind,
    /// `Some((line, column))`, or `None` where only the JSON pointer is known.
    at: Option<(usize, usize)>,
    pointer: &'static str,
    message: &'static str,
}

/// Generates `specs` into a fresh directory; the error, after checking nothing was written.
fn generate_fails(case: &str, specs: &[PathBuf]) -> Error {
    let out = fresh_dir(case);
    let config = specs
        .iter()
        .fold(Config::new(), |config, spec| config.spec(spec))
        .out_dir(&out)
        .rerun_if_changed(false);
    let result = catch_unwind(AssertUnwindSafe(|| config.generate()));
    let written = files_in(&out);
    let _ = std::fs::remove_dir_all(&out);
    let result = result.unwrap_or_else(|_| panic!("{case}: generation panicked"));
    assert!(
        written.is_empty(),
        "{case}: a failed generation wrote {written:?}"
    );
    match result {
        Ok(generated) => panic!(
            "{case}: generation succeeded, writing {:?}",
            generated.iter().map(|g| &g.output).collect::<Vec<_>>()
        ),
        Err(error) => error,
    }
}

fn check(expected: Expected) {
    let spec = broken(expected.file);
    assert!(spec.is_file(), "fixture {} exists", spec.display());
    let error = generate_fails(expected.file, std::slice::from_ref(&spec));
    let rendered = error.to_string();
    let case = expected.file;

    assert_eq!(error.kind, expected.kind, "{case}: kind of {rendered}");
    assert_eq!(error.location.file, spec, "{case}: file of {rendered}");
    assert_eq!(error.location.line_col, expected.at, "{case}: {rendered}");
    assert_eq!(
        error.location.pointer, expected.pointer,
        "{case}: pointer of {rendered}"
    );
    let prefix = match expected.at {
        Some((line, col)) => format!("{}:{line}:{col}: ", spec.display()),
        None => format!("{}: at #{}: ", spec.display(), expected.pointer),
    };
    assert!(
        rendered.starts_with(&prefix),
        "{case}: `{rendered}` does not start with `{prefix}`"
    );
    assert!(
        error.message.contains(expected.message),
        "{case}: message `{}` lacks `{}`",
        error.message,
        expected.message
    );
    let help = error
        .help
        .as_deref()
        .unwrap_or_else(|| panic!("{case}: no help in {rendered}"));
    assert!(!help.trim().is_empty(), "{case}: empty help");
    assert!(
        rendered.contains(&format!("\n  help: {help}")),
        "{case}: the rendering shows the help: {rendered}"
    );
}

#[test]
fn yaml_syntax_error() {
    check(Expected {
        file: "yaml-syntax.yaml",
        kind: ErrorKind::Syntax,
        // The flow mapping opened on line 8 is still open at the end of the file.
        at: Some((10, 1)),
        pointer: "/paths/~1pets/get/responses/200",
        message: "did not find expected ',' or '}'",
    });
}

#[test]
fn json_syntax_error() {
    check(Expected {
        file: "json-syntax.json",
        kind: ErrorKind::Syntax,
        // `},` after `"version": "1",`: the parser stops at the `}`.
        at: Some((6, 3)),
        pointer: "/info",
        message: "trailing comma",
    });
}

#[test]
fn unresolved_local_ref() {
    check(Expected {
        file: "unresolved-ref.yaml",
        kind: ErrorKind::UnresolvedRef,
        // Where the `$ref` is used: the `items:` key.
        at: Some((16, 17)),
        pointer: "/paths/~1pets/get/responses/200/content/application~1json/schema/items",
        message: "unresolved reference `#/components/schemas/Pett`",
    });
}

#[test]
fn external_ref_to_a_missing_file() {
    check(Expected {
        file: "missing-external-file.yaml",
        kind: ErrorKind::UnresolvedRef,
        at: Some((14, 15)),
        pointer: "/paths/~1pets/get/responses/200/content/application~1json/schema",
        message: "no-such-file.yaml cannot be read",
    });
}

#[test]
fn paths_is_a_number() {
    check(Expected {
        file: "wrong-type-paths.yaml",
        kind: ErrorKind::InvalidDocument,
        at: Some((5, 8)),
        pointer: "/paths",
        message: "invalid type: integer `5`",
    });
}

#[test]
fn required_is_a_string() {
    check(Expected {
        file: "wrong-type-required.yaml",
        kind: ErrorKind::InvalidDocument,
        // openapiv3 reads a schema through a flattened, untagged enum, which hides the path
        // below the schema: the error points at the schema (`Pet:`), the message says what.
        at: Some((8, 5)),
        pointer: "/components/schemas/Pet",
        message: "invalid type: string \"yes\", expected a sequence",
    });
}

#[test]
fn path_parameter_not_declared() {
    check(Expected {
        file: "undeclared-path-param.yaml",
        kind: ErrorKind::Inconsistent,
        at: Some((7, 5)),
        pointer: "/paths/~1pets~1{petId}~1toys~1{toyId}/get",
        message: "path parameter `toyId` of `/pets/{petId}/toys/{toyId}` is not declared",
    });
}

#[test]
fn swagger_2_document() {
    check(Expected {
        file: "swagger2.yaml",
        kind: ErrorKind::InvalidDocument,
        at: Some((1, 1)),
        pointer: "/swagger",
        message: "this is a Swagger 2.0 document, not OpenAPI 3.0",
    });
}

/// Not a refusal: the operation is generated, the requirement kept, the place warned about.
#[test]
fn undefined_security_scheme_is_a_located_warning() {
    let spec = workspace().join("tests/fixtures/warnings/undefined-security-scheme.yaml");
    let generated = specgen::Config::new()
        .spec(&spec)
        .generate_code()
        .unwrap_or_else(|e| panic!("{e}"));
    let warnings = &generated[0].warnings;
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    let warning = &warnings[0];
    assert_eq!(warning.location.file, spec);
    // The operation's `- apiKey: []`; the document-level `oauth` is defined.
    assert_eq!(warning.location.line_col, Some((12, 11)));
    assert_eq!(
        warning.location.pointer,
        "/paths/~1pets/get/security/0/apiKey"
    );
    assert!(
        warning
            .message
            .contains("security scheme `apiKey` is not defined"),
        "{}",
        warning.message
    );
    assert!(
        generated[0]
            .code
            .contains(r#"security: &[&[("apiKey", &[])]],"#),
        "the requirement is kept"
    );
}

#[test]
fn pagination_extension_naming_an_unknown_parameter() {
    check(Expected {
        file: "pagination-unknown-param.yaml",
        kind: ErrorKind::Inconsistent,
        // The `cursor_param:` key of the extension.
        at: Some((10, 9)),
        pointer: "/paths/~1identities/get/x-specgen-pagination/cursor_param",
        message: "`page_cursr` is not a query parameter of `GET /identities`",
    });
}

#[test]
fn pagination_extension_naming_a_missing_property() {
    check(Expected {
        file: "pagination-missing-property.yaml",
        kind: ErrorKind::Inconsistent,
        at: Some((11, 9)),
        pointer: "/paths/~1identities/get/x-specgen-pagination/next_cursor",
        message: "the response body of `GET /identities` has no property `next_cursor`",
    });
}

#[test]
fn pagination_extension_naming_a_property_of_the_wrong_type() {
    check(Expected {
        file: "pagination-wrong-type.yaml",
        kind: ErrorKind::Inconsistent,
        at: Some((12, 9)),
        pointer: "/paths/~1identities/get/x-specgen-pagination/items",
        message: "response property `next_page_cursor` must be an array",
    });
    let error = generate_fails("wrong-type-help", &[broken("pagination-wrong-type.yaml")]);
    assert_eq!(
        error.help.as_deref(),
        Some("name one of its array properties: `items`")
    );
}

#[test]
fn pagination_extension_without_a_key() {
    check(Expected {
        file: "pagination-malformed.yaml",
        kind: ErrorKind::Inconsistent,
        at: Some((9, 7)),
        pointer: "/paths/~1identities/get/x-specgen-pagination",
        message: "`x-specgen-pagination`: `next_cursor` is missing",
    });
}

/// `Config::paginate` is checked as the extension is, and located at the operation.
#[test]
fn config_pagination_that_does_not_fit_is_located_at_the_operation() {
    let spec = broken("pagination-unknown-param.yaml");
    let generate = |config: Config| {
        catch_unwind(AssertUnwindSafe(|| config.generate_code()))
            .expect("no panic")
            .expect_err("the pagination does not fit")
    };
    let error = generate(Config::new().spec(&spec).paginate(
        "listIdentities",
        specgen::Pagination::cursor("page_cursor", "next_page_cursor", "next_page_cursor"),
    ));
    assert_eq!(error.kind, ErrorKind::Inconsistent);
    assert_eq!(error.location.pointer, "/paths/~1identities/get");
    assert_eq!(error.location.line_col, Some((7, 5)));
    assert!(
        error.message.starts_with("`Config::paginate(\"listIdentities\", …)`: response property `next_page_cursor` must be an array"),
        "{error}"
    );

    let error = generate(Config::new().spec(&spec).no_pagination("listIdentity"));
    assert_eq!(error.location.file, spec);
    assert!(
        error
            .message
            .contains("names operation `listIdentity`, which this spec does not have"),
        "{error}"
    );
    assert_eq!(
        error.help.as_deref(),
        Some("use one of its operationIds: `listIdentities`")
    );
}

#[test]
fn every_broken_fixture_has_a_case() {
    let mut fixtures: Vec<String> = files_in(&broken(""))
        .iter()
        .filter(|p| p.is_file())
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    fixtures.sort();
    assert_eq!(
        fixtures,
        [
            "json-syntax.json",
            "missing-external-file.yaml",
            "pagination-malformed.yaml",
            "pagination-missing-property.yaml",
            "pagination-unknown-param.yaml",
            "pagination-wrong-type.yaml",
            "swagger2.yaml",
            "undeclared-path-param.yaml",
            "unresolved-ref.yaml",
            "wrong-type-paths.yaml",
            "wrong-type-required.yaml",
            "yaml-syntax.yaml",
        ]
    );
}

#[test]
fn one_broken_spec_among_good_ones_writes_nothing() {
    let good = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .join("tests/fixtures/specs/ref-reuse.yaml");
    assert!(good.is_file());
    let error = generate_fails(
        "mixed",
        &[good.clone(), broken("unresolved-ref.yaml"), good],
    );
    assert_eq!(error.kind, ErrorKind::UnresolvedRef);
}

#[test]
fn a_spec_that_does_not_exist_is_an_io_error() {
    let missing = broken("no-such-spec.yaml");
    let error = generate_fails("missing", std::slice::from_ref(&missing));
    assert_eq!(error.kind, ErrorKind::Io);
    assert_eq!(error.location.file, missing);
    assert!(
        error
            .to_string()
            .starts_with(&format!("{}: ", missing.display())),
        "{error}"
    );
}
