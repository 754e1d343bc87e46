//! Generation, one child process per spec: whatever the generator does to itself (panic,
//! abort, stack overflow, endless loop) is recorded against that spec, and the run goes on.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::Entry;

/// The first argument that makes this binary generate one spec and report on it.
pub const CHILD_FLAG: &str = "--one";

/// A generation that takes longer than this is a hang (GitHub's 13 MB spec takes ~1 s).
const DEADLINE: Duration = Duration::from_secs(300);

#[derive(Debug, Clone)]
pub enum Outcome {
    Generated {
        lines: usize,
        warnings: usize,
        millis: u128,
    },
    /// The generator refused with a diagnostic; `located` when it names a line or a pointer.
    Diagnostic { message: String, located: bool },
    /// A panic, a crash or a hang.
    Panic { message: String },
}

/// Generates every spec (with its selection options) into `src_dir/<module>.rs`, as many at
/// a time as there are cores.
pub fn run_all(specs: &[(PathBuf, Vec<String>)], src_dir: &Path) -> Vec<Entry> {
    let _ = std::fs::remove_dir_all(src_dir);
    std::fs::create_dir_all(src_dir).expect("the work directory is writable");
    let modules = module_names(specs);
    let next = AtomicUsize::new(0);
    let results = Mutex::new(Vec::with_capacity(specs.len()));
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| loop {
                let index = next.fetch_add(1, Ordering::Relaxed);
                let Some((spec, options)) = specs.get(index) else {
                    break;
                };
                let output = src_dir.join(format!("{}.rs", modules[index]));
                let outcome = run_child(spec, options, &output);
                let entry = Entry {
                    spec: spec.clone(),
                    options: options.clone(),
                    version: spec_version(spec),
                    module: modules[index].clone(),
                    outcome,
                    compiled: None,
                    compile_errors: Vec::new(),
                    compile_warnings: Vec::new(),
                    formatted: None,
                };
                results
                    .lock()
                    .expect("no worker panics")
                    .push((index, entry));
            });
        }
    });
    let mut results = results.into_inner().expect("no worker panics");
    results.sort_by_key(|(index, _)| *index);
    results.into_iter().map(|(_, entry)| entry).collect()
}

fn run_child(spec: &Path, options: &[String], output: &Path) -> Outcome {
    let result_file = output.with_extension("result.json");
    let stderr_file = output.with_extension("stderr");
    let started = Instant::now();
    let exe = std::env::current_exe().expect("the running binary has a path");
    let stderr = std::fs::File::create(&stderr_file).expect("the work directory is writable");
    let mut child = match Command::new(exe)
        .arg(CHILD_FLAG)
        .arg(spec)
        .arg(output)
        .arg(&result_file)
        .args(options)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(stderr)
        .spawn()
    {
        Ok(child) => child,
        Err(e) => {
            return Outcome::Panic {
                message: format!("cannot start the generator: {e}"),
            }
        }
    };
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) if started.elapsed() > DEADLINE => {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(10)),
            Err(_) => break None,
        }
    };
    let stderr_text = std::fs::read_to_string(&stderr_file).unwrap_or_default();
    let _ = std::fs::remove_file(&stderr_file);
    let result = std::fs::read_to_string(&result_file).ok();
    let _ = std::fs::remove_file(&result_file);
    match (status, result.and_then(|r| serde_json::from_str(&r).ok())) {
        (None, _) => Outcome::Panic {
            message: format!("no result after {} s: a hang", DEADLINE.as_secs()),
        },
        (Some(_), Some(value)) => outcome_from_json(&value),
        (Some(status), None) => Outcome::Panic {
            message: format!("{status}: {}", last_line(&stderr_text)),
        },
    }
}

fn last_line(text: &str) -> String {
    let line = text.lines().rev().find(|l| !l.trim().is_empty());
    truncate(line.unwrap_or("(nothing on stderr)"), 400)
}

pub fn truncate(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

fn outcome_from_json(value: &serde_json::Value) -> Outcome {
    let text = |key: &str| value[key].as_str().unwrap_or_default().to_string();
    let number = |key: &str| value[key].as_u64().unwrap_or_default();
    match value["outcome"].as_str() {
        Some("generated") => Outcome::Generated {
            lines: number("lines") as usize,
            warnings: number("warnings") as usize,
            millis: u128::from(number("millis")),
        },
        Some("diagnostic") => Outcome::Diagnostic {
            message: text("message"),
            located: value["located"].as_bool().unwrap_or(false),
        },
        _ => Outcome::Panic {
            message: text("message"),
        },
    }
}

/// The child: `--one SPEC OUTPUT RESULT [SELECTION OPTIONS]`. Writes the code to OUTPUT
/// and a JSON verdict to RESULT; a panic is caught and reported as one, anything worse
/// leaves RESULT missing.
pub fn child(args: &[String]) -> ExitCode {
    let [spec, output, result, options @ ..] = args else {
        eprintln!("usage: corpus {CHILD_FLAG} SPEC OUTPUT RESULT [SELECTION OPTIONS]");
        return ExitCode::from(2);
    };
    // A whole spec is generated with every schema, used or not: the robustness suite
    // compiles all that a spec declares.
    let mut selection = specgen::Selection {
        keep_unused_schemas: options.is_empty(),
        ..specgen::Selection::default()
    };
    for pair in options.chunks(2) {
        let [option, value] = pair else {
            eprintln!("`{}` needs a value", pair[0]);
            return ExitCode::from(2);
        };
        if let Err(e) = selection.add_option(option, value) {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    }
    let panic_message = std::sync::Arc::new(Mutex::new(String::new()));
    let hook_message = panic_message.clone();
    std::panic::set_hook(Box::new(move |info| {
        *hook_message.lock().unwrap_or_else(|e| e.into_inner()) = info.to_string();
    }));
    let started = Instant::now();
    let generated = std::panic::catch_unwind(|| {
        specgen::Config::new()
            .spec(spec)
            .selection(&selection)
            .generate_code()
    });
    let millis = started.elapsed().as_millis() as u64;
    let verdict = match generated {
        Ok(Ok(mut generated)) => {
            let generated = generated.remove(0);
            std::fs::write(output, &generated.code).expect("the work directory is writable");
            // syn as the oracle: the output parses and declares exactly the IR's items. A
            // failure is counted with the panics: it is a generator bug, never the spec's.
            let expected = specgen::declared_items(
                Path::new(spec),
                &specgen::Config::new().selection(&selection),
            );
            let found = crate::oracle::declared_by(&generated.code);
            let problem = match (expected, found) {
                (Ok(expected), Ok(found)) if expected == found => None,
                (_, Err(problem)) => Some(format!("generated code {problem}")),
                (expected, found) => Some(format!(
                    "generated items differ from the IR's: found {found:?}, expected {:?}",
                    expected.map_err(|e| e.to_string())
                )),
            };
            if let Some(problem) = problem {
                let verdict = serde_json::json!({
                    "outcome": "panic",
                    "message": truncate(&format!("syn oracle: {problem}"), 600),
                });
                std::fs::write(result, verdict.to_string())
                    .expect("the work directory is writable");
                return ExitCode::SUCCESS;
            }
            serde_json::json!({
                "outcome": "generated",
                "lines": generated.code.lines().count(),
                "warnings": generated.warnings.len(),
                "millis": millis,
            })
        }
        Ok(Err(error)) => {
            let located = error.location.line_col.is_some() || !error.location.pointer.is_empty();
            serde_json::json!({
                "outcome": "diagnostic",
                "message": truncate(&error.to_string(), 600),
                "located": located,
            })
        }
        Err(_) => serde_json::json!({
            "outcome": "panic",
            "message": truncate(&panic_message.lock().unwrap_or_else(|e| e.into_inner()), 600),
        }),
    };
    std::fs::write(result, verdict.to_string()).expect("the work directory is writable");
    ExitCode::SUCCESS
}

/// Module names from the spec paths below their common directory, in snake case, unique;
/// `_selected` marks a spec generated with a selection.
fn module_names(specs: &[(PathBuf, Vec<String>)]) -> Vec<String> {
    let common = specs.first().map_or(PathBuf::new(), |(first, _)| {
        let mut common = first.parent().unwrap_or(Path::new("")).to_path_buf();
        while !specs.iter().all(|(s, _)| s.starts_with(&common)) {
            if !common.pop() {
                break;
            }
        }
        common
    });
    let mut taken = std::collections::HashSet::new();
    specs
        .iter()
        .map(|(spec, options)| {
            let relative = spec
                .strip_prefix(&common)
                .unwrap_or(spec)
                .with_extension("");
            let mut name: String = relative
                .to_string_lossy()
                .chars()
                .map(|c| {
                    if c.is_ascii_alphanumeric() {
                        c.to_ascii_lowercase()
                    } else {
                        '_'
                    }
                })
                .collect();
            if !name.starts_with(|c: char| c.is_ascii_lowercase()) {
                name.insert_str(0, "s_");
            }
            if !options.is_empty() {
                name.push_str("_selected");
            }
            let base = name.clone();
            let mut suffix = 2;
            while !taken.insert(name.clone()) {
                name = format!("{base}_{suffix}");
                suffix += 1;
            }
            name
        })
        .collect()
}

/// The version a spec declares: `2.0`, `3.0`, `3.1`, or `?`. A text scan, since the spec
/// may be one the generator cannot read.
pub fn spec_version(spec: &Path) -> String {
    let Ok(text) = std::fs::read_to_string(spec) else {
        return "?".into();
    };
    for key in ["openapi", "swagger"] {
        let quoted = format!("\"{key}\"");
        let found = text.find(&quoted).map(|at| at + quoted.len()).or_else(|| {
            let yaml_key = format!("\n{key}:");
            text.starts_with(&format!("{key}:"))
                .then_some(key.len() + 1)
                .or_else(|| text.find(&yaml_key).map(|at| at + yaml_key.len()))
        });
        let Some(mut rest) = found.map(|at| &text[at..]) else {
            continue;
        };
        rest = rest.trim_start_matches([' ', ':', '"', '\'', '\t']);
        let version: String = rest
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        let mut parts = version.split('.');
        if let (Some(major), Some(minor)) = (parts.next(), parts.next()) {
            return format!("{major}.{minor}");
        }
    }
    "?".into()
}
