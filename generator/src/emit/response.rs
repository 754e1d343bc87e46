//! What comes back: success and error types, and the `match` over the status code.

use super::code::Code;
use super::docs::doc_lines;
use super::source::{rust, Rust};
use super::Emitter;
use crate::ir::{Operation, ResponseCase, ResponseEncoding, StatusMatch};
use crate::names::OperationNames;

/// What a method returns and how it reads each status.
pub(super) struct Responses {
    pub success: Rust,
    pub error: Rust,
    /// The arms of the `match` over the status code.
    pub arms: Vec<Arm>,
}

/// `pattern => response.method(argument)`, inside `Err(…)` for an error.
pub(super) struct Arm {
    pub pattern: Rust,
    pub error: bool,
    pub method: &'static str,
    pub argument: Rust,
}

impl Emitter<'_> {
    /// An enum with one variant per documented response, written into `code`; returns its
    /// name. `payload` gives the variant's type for a response that has a body.
    fn response_enum(
        &self,
        code: &mut Code,
        name: &str,
        docs: &str,
        cases: &[&(&ResponseCase, &String)],
        payload: impl Fn(&ResponseEncoding) -> Rust,
    ) -> Rust {
        let name = Rust::ident(name);
        code.docs(&doc_lines([docs]));
        code.line("#[derive(Debug, Clone, PartialEq)]");
        code.line("#[allow(clippy::large_enum_variant)]");
        self.non_exhaustive(code);
        code.open(rust!["pub enum ", name]);
        for (case, variant) in cases {
            let variant = Rust::ident(variant);
            code.docs(&doc_lines([
                status_label(case.status).as_str(),
                case.description.as_str(),
            ]));
            match &case.encoding {
                ResponseEncoding::Empty => code.line(rust![variant, ","]),
                encoding => code.tuple_variant(&variant, &payload(encoding)),
            }
        }
        code.close("");
        code.blank();
        name
    }

    fn response_type(&self, encoding: &ResponseEncoding) -> Rust {
        match encoding {
            ResponseEncoding::Json(ty) => self.rust_type(ty),
            ResponseEncoding::Text => self.prelude.string.into(),
            ResponseEncoding::Bytes => "::specgen_runtime::bytes::Bytes".into(),
            ResponseEncoding::Empty => "()".into(),
        }
    }

    /// The success type, the error type and the `match` arms over the status code; the
    /// enums they need are written into `code`.
    pub(super) fn responses(
        &self,
        code: &mut Code,
        op: &Operation,
        names: &OperationNames,
    ) -> Responses {
        let is_success = success_test(op);
        let cases: Vec<(&ResponseCase, &String)> =
            op.responses.iter().zip(&names.responses).collect();
        let successes: Vec<&(&ResponseCase, &String)> =
            cases.iter().filter(|(r, _)| is_success(r)).collect();
        let errors: Vec<&(&ResponseCase, &String)> =
            cases.iter().filter(|(r, _)| !is_success(r)).collect();
        let route = format!("`{} {}`", op.method, op.path);

        let single_success = one_success_type(successes.iter().map(|(r, _)| *r));
        let success = match successes.first() {
            None => "()".into(),
            Some((first, _)) if single_success => self.response_type(&first.encoding),
            Some(_) => {
                let docs = format!("The documented successful responses of {route}.");
                self.response_enum(code, &names.success_enum, &docs, &successes, |encoding| {
                    self.response_type(encoding)
                })
            }
        };
        let error = if errors.is_empty() {
            "::std::convert::Infallible".into()
        } else {
            let docs = format!("The documented error responses of {route}; the status code is in [`::specgen_runtime::Error::Api`].");
            // Error bodies that are not JSON are kept as text, for messages and logs.
            self.response_enum(
                code,
                &names.error_enum,
                &docs,
                &errors,
                |encoding| match encoding {
                    ResponseEncoding::Json(ty) => self.rust_type(ty),
                    _ => self.prelude.string.into(),
                },
            )
        };

        let mut arms = Vec::with_capacity(cases.len() + 1);
        let success_enum = Rust::ident(&names.success_enum);
        let error_enum = Rust::ident(&names.error_enum);
        for (case, variant) in &cases {
            let variant = Rust::ident(variant);
            let (error, method, argument) = if !is_success(case) {
                let method = match &case.encoding {
                    ResponseEncoding::Json(_) => "api_error",
                    ResponseEncoding::Empty => "api_error_empty",
                    _ => "api_error_text",
                };
                (true, method, rust![error_enum, "::", variant])
            } else if single_success {
                let method = match &case.encoding {
                    ResponseEncoding::Json(_) => "json",
                    ResponseEncoding::Text => "text",
                    ResponseEncoding::Bytes => "bytes",
                    ResponseEncoding::Empty => "empty",
                };
                (false, method, Rust::default())
            } else {
                let method = match &case.encoding {
                    ResponseEncoding::Json(_) => "json_map",
                    ResponseEncoding::Text => "text_map",
                    ResponseEncoding::Bytes => "bytes_map",
                    ResponseEncoding::Empty => "empty_as",
                };
                (false, method, rust![success_enum, "::", variant])
            };
            arms.push(Arm {
                pattern: status_pattern(case.status),
                error,
                method,
                argument,
            });
        }
        if !op
            .responses
            .iter()
            .any(|r| r.status == StatusMatch::Default)
        {
            let mut arm = |pattern: &'static str, error, method| {
                arms.push(Arm {
                    pattern: pattern.into(),
                    error,
                    method,
                    argument: Rust::default(),
                })
            };
            if successes.is_empty() {
                arm("200..=299", false, "empty");
            }
            arm("_", true, "unexpected");
        }
        Responses {
            success,
            error,
            arms,
        }
    }
}

/// Which of an operation's responses are successes: the 2xx ones, or `default` when
/// there is no 2xx.
pub(super) fn success_test(op: &Operation) -> impl Fn(&ResponseCase) -> bool {
    let has_success = op.responses.iter().any(|r| r.status.is_success());
    move |r: &ResponseCase| {
        r.status.is_success() || (!has_success && r.status == StatusMatch::Default)
    }
}

/// Whether the successes share one body type (then no success enum is written).
pub(super) fn one_success_type<'r>(mut successes: impl Iterator<Item = &'r ResponseCase>) -> bool {
    let Some(first) = successes.next() else {
        return true;
    };
    successes.all(|r| r.encoding == first.encoding)
}

fn status_pattern(status: StatusMatch) -> Rust {
    match status {
        StatusMatch::Code(code) => Rust::number(code),
        StatusMatch::Range(digit) => {
            let first = digit * 100;
            rust![Rust::number(first), "..=", Rust::number(first + 99)]
        }
        StatusMatch::Default => "_".into(),
    }
}

fn status_label(status: StatusMatch) -> String {
    match status {
        StatusMatch::Code(code) => format!("Status {code}."),
        StatusMatch::Range(digit) => format!("Status {digit}XX."),
        StatusMatch::Default => "Any other status.".into(),
    }
}
