//! Table tests of the layout engine against rustfmt itself: each shape [`Code`] writes is
//! swept through widths from short to past the line limit (so 99, 100 and 101 columns and
//! the 60- and 70-column thresholds are all met), and the text must be exactly what
//! rustfmt makes of it. `.ci/run` pins the rustfmt version these tables were made with.

use std::io::Write;
use std::process::{Command, Stdio};

use super::code::{Code, Expr};
use super::source::{rust, Rust};

/// What rustfmt (default settings, edition 2021) makes of `text`.
fn rustfmt(text: &str) -> String {
    let mut child = Command::new(std::env::var("RUSTFMT").unwrap_or_else(|_| "rustfmt".into()))
        .args(["--edition", "2021", "--emit", "stdout", "--quiet"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("rustfmt runs (it comes with the toolchain: `rustup component add rustfmt`)");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(text.as_bytes())
        .expect("rustfmt reads");
    let output = child.wait_with_output().expect("rustfmt finishes");
    assert!(
        output.status.success(),
        "rustfmt refused the text:\n{}\n{text}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8")
}

/// The longest identifier the sweeps use: with the fixed text around it, every shape's
/// first line passes 99, 100 and 101 columns on the way. (Names longer than this are rare
/// in real specs; rustfmt's layouts for them are listed in the README's known limits.)
const LONGEST_NAME: usize = 48;

/// Writes `shape` once per identifier length from 1 to [`LONGEST_NAME`] and compares with
/// rustfmt, naming the first width where they part.
fn sweep(shape: &str, write: impl Fn(&mut Code, &Rust)) {
    sweep_lengths(shape, 1..=LONGEST_NAME, write)
}

/// [`sweep`] with identifiers of the lengths in `lengths`.
fn sweep_lengths(
    shape: &str,
    lengths: std::ops::RangeInclusive<usize>,
    write: impl Fn(&mut Code, &Rust),
) {
    let mut code = Code::with_capacity(0);
    for n in lengths {
        write(&mut code, &Rust::ident(&"x".repeat(n)));
        code.blank();
    }
    let mut ours = code.into_string();
    ours.truncate(ours.trim_end().len());
    ours.push('\n');
    let theirs = rustfmt(&ours);
    if ours != theirs {
        let (line, (a, b)) = ours
            .lines()
            .zip(theirs.lines())
            .enumerate()
            .find(|(_, (a, b))| a != b)
            .unwrap_or((0, ("(length)", "(length)")));
        panic!(
            "{shape}: rustfmt lays it out differently from line {}:\n  ours:    {a:?}\n  rustfmt: {b:?}",
            line + 1
        );
    }
}

/// `fn f() { … }` around what `write` puts in a body.
fn in_fn(code: &mut Code, write: impl FnOnce(&mut Code)) {
    code.open("fn f()");
    write(code);
    code.close("");
}

#[test]
fn calls() {
    sweep("call", |code, name| {
        in_fn(code, |code| {
            code.call(
                "request.query",
                &[Rust::literal(name.as_str()), "value".into()],
                ";",
            );
            code.call("request.accept", &[Rust::literal(name.as_str())], ";");
        })
    });
}

#[test]
fn chains() {
    sweep("chain", |code, name| {
        in_fn(code, |code| {
            code.chain(
                "let response = ",
                "request",
                &[rust![".send::<", name, ">()"], ".await?".into()],
                ";",
            )
        })
    });
}

#[test]
fn match_arms() {
    sweep("arm", |code, name| {
        in_fn(code, |code| {
            code.open("match value");
            for error in [false, true] {
                code.response_arm(&"200".into(), error, "json_map", &rust![name, "::Ok"]);
                code.response_arm(&"404".into(), error, "api_error", &rust!["Error::", name]);
            }
            code.close("");
        })
    });
}

#[test]
fn fields_and_generic_lists() {
    sweep("field", |code, name| {
        code.open("pub struct S");
        code.field(rust!["pub ", name], rust!["Option<", name, ">"], ",");
        code.field(
            "pub map",
            rust![
                "Option<Vec<::std::collections::BTreeMap<String, ",
                name,
                ">>>"
            ],
            ",",
        );
        code.close("");
        code.type_alias(
            name,
            &rust!["Vec<::std::collections::BTreeMap<String, ", name, ">>"],
        );
    });
}

#[test]
fn attributes_and_derives() {
    sweep("attribute", |code, name| {
        code.derive(&[
            Rust::from("Debug"),
            Rust::from("Clone"),
            rust!["my::", name],
        ]);
        code.attr("serde", &[rust!["rename = ", Rust::literal(name.as_str())]]);
        code.attr(
            "serde",
            &[
                rust!["rename = ", Rust::literal(name.as_str())],
                "default".into(),
                "skip_serializing_if = \"Option::is_none\"".into(),
            ],
        );
        code.line("pub struct S;");
    });
}

#[test]
fn signatures_and_impl_heads() {
    sweep("signature", |code, name| {
        code.open_impl("impl ::std::fmt::Display", name);
        code.open_fn(
            rust!["pub async fn ", name],
            &[Rust::from("&self"), rust!["id: &", name]],
            rust!["Result<Response<", name, ">, Error<", name, ">>"],
        );
        code.line("body();");
        code.close("");
        code.open_fn(
            rust!["fn ", name],
            &[] as &[Rust],
            rust!["Option<", name, ">"],
        );
        code.line("body()");
        code.close("");
        code.close("");
    });
}

#[test]
fn struct_expressions_variants_and_arrays() {
    sweep("struct expression", |code, name| {
        in_fn(code, |code| {
            code.open("let s = S");
            code.struct_field(name, Rust::literal(name.as_str()));
            code.struct_field(name, rust!["Self::", name, "()"]);
            code.close(";");
            code.array(
                "let all = ",
                &[rust!["Self::", name], rust!["Self::", name]],
                ";",
            );
            code.expr(
                "let security = ",
                &Expr::List(
                    "&[",
                    "]",
                    vec![Expr::List(
                        "(",
                        ")",
                        vec![
                            Expr::Atom(Rust::literal(name.as_str())),
                            Expr::List("&[", "]", vec![Expr::Atom(Rust::literal("scope"))]),
                        ],
                    )],
                ),
                ";",
            );
        });
        code.open("pub enum E");
        code.tuple_variant(name, &rust!["Vec<", name, ">"]);
        code.close("");
    });
}

/// A return type whose generic argument alone passes the width (an error enum named after a
/// long path, as in Wikimedia's spec): rustfmt gives up on it and writes `>{`.
#[test]
fn return_types_with_arguments_past_the_width() {
    sweep_lengths("overlong return type", 70..=110, |code, name| {
        code.open("impl Client");
        code.open_fn(
            rust!["pub async fn ", name],
            &["&self", "owner: &str"],
            rust![
                "Result<::specgen_runtime::Response<()>, ::specgen_runtime::Error<",
                name,
                ">>"
            ],
        );
        code.close("");
        code.close("");
    });
}
