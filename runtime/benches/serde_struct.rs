//! Run-time cost of `serde_struct!` against serde's derives, which it replaces in generated
//! code to make it cheaper to compile: the same struct (a GitHub-like repository summary:
//! strings, numbers, booleans, optional and nested fields) written both ways, a JSON array
//! of them read and written with serde_json. Prints the median of repeated runs.
//!
//! ```text
//! cargo bench -p specgen-runtime --bench serde_struct
//! ```

use std::hint::black_box;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
struct OwnerDerived {
    login: String,
    id: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    site_admin: Option<bool>,
}

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
struct RepositoryDerived {
    id: u64,
    node_id: String,
    name: String,
    full_name: String,
    private: bool,
    owner: OwnerDerived,
    html_url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    fork: bool,
    url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    homepage: Option<String>,
    size: u64,
    stargazers_count: u64,
    watchers_count: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    language: Option<String>,
    has_issues: bool,
    has_projects: bool,
    has_wiki: bool,
    archived: bool,
    disabled: bool,
    open_issues_count: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    topics: Option<Vec<String>>,
    visibility: String,
    pushed_at: Option<String>,
    created_at: String,
    updated_at: String,
}

#[derive(Debug, Clone, PartialEq)]
struct OwnerMacro {
    login: String,
    id: u64,
    site_admin: Option<bool>,
}

specgen_runtime::serde_struct! {
    OwnerMacro {
        0 login = "login" required,
        1 id = "id" required,
        2 site_admin = "site_admin" optional,
    }
}

#[derive(Debug, Clone, PartialEq)]
struct RepositoryMacro {
    id: u64,
    node_id: String,
    name: String,
    full_name: String,
    private: bool,
    owner: OwnerMacro,
    html_url: String,
    description: Option<String>,
    fork: bool,
    url: String,
    homepage: Option<String>,
    size: u64,
    stargazers_count: u64,
    watchers_count: u64,
    language: Option<String>,
    has_issues: bool,
    has_projects: bool,
    has_wiki: bool,
    archived: bool,
    disabled: bool,
    open_issues_count: u64,
    topics: Option<Vec<String>>,
    visibility: String,
    pushed_at: Option<String>,
    created_at: String,
    updated_at: String,
}

specgen_runtime::serde_struct! {
    RepositoryMacro {
        0 id = "id" required,
        1 node_id = "node_id" required,
        2 name = "name" required,
        3 full_name = "full_name" required,
        4 private = "private" required,
        5 owner = "owner" required,
        6 html_url = "html_url" required,
        7 description = "description" optional,
        8 fork = "fork" required,
        9 url = "url" required,
        10 homepage = "homepage" optional,
        11 size = "size" required,
        12 stargazers_count = "stargazers_count" required,
        13 watchers_count = "watchers_count" required,
        14 language = "language" optional,
        15 has_issues = "has_issues" required,
        16 has_projects = "has_projects" required,
        17 has_wiki = "has_wiki" required,
        18 archived = "archived" required,
        19 disabled = "disabled" required,
        20 open_issues_count = "open_issues_count" required,
        21 topics = "topics" optional,
        22 visibility = "visibility" required,
        23 pushed_at = "pushed_at" nullable,
        24 created_at = "created_at" required,
        25 updated_at = "updated_at" required,
    }
}

/// A JSON array of `count` repositories, with a key the structs do not declare in each.
fn document(count: usize) -> String {
    let items: Vec<serde_json::Value> = (0..count)
        .map(|i| {
            serde_json::json!({
                "id": i, "node_id": format!("R_{i:08}"), "name": format!("repo-{i}"),
                "full_name": format!("octo/repo-{i}"), "private": i % 3 == 0,
                "owner": {"login": "octo", "id": 1, "site_admin": false, "gravatar_id": ""},
                "html_url": format!("https://github.com/octo/repo-{i}"),
                "description": if i % 2 == 0 { serde_json::Value::Null } else { "A repository".into() },
                "fork": false, "url": format!("https://api.github.com/repos/octo/repo-{i}"),
                "size": i * 7, "stargazers_count": i, "watchers_count": i, "language": "Rust",
                "has_issues": true, "has_projects": false, "has_wiki": true, "archived": false,
                "disabled": false, "open_issues_count": 3, "topics": ["api", "rust"],
                "visibility": "public", "pushed_at": null, "created_at": "2024-01-01T00:00:00Z",
                "updated_at": "2024-06-01T00:00:00Z", "license": {"key": "mit"},
            })
        })
        .collect();
    serde_json::to_string(&items).expect("JSON")
}

/// The median time of `runs` calls of `work`.
fn median(runs: usize, mut work: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let started = Instant::now();
            work();
            started.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}

fn main() {
    let text = document(5_000);
    let derived: Vec<RepositoryDerived> = serde_json::from_str(&text).expect("derived reads");
    let generated: Vec<RepositoryMacro> = serde_json::from_str(&text).expect("macro reads");
    assert_eq!(
        serde_json::to_string(&derived).unwrap(),
        serde_json::to_string(&generated).unwrap(),
        "both write the same JSON"
    );
    let runs = 31;
    let read_derived = median(runs, || {
        black_box(serde_json::from_str::<Vec<RepositoryDerived>>(black_box(&text)).unwrap());
    });
    let read_macro = median(runs, || {
        black_box(serde_json::from_str::<Vec<RepositoryMacro>>(black_box(&text)).unwrap());
    });
    let write_derived = median(runs, || {
        black_box(serde_json::to_string(black_box(&derived)).unwrap());
    });
    let write_macro = median(runs, || {
        black_box(serde_json::to_string(black_box(&generated)).unwrap());
    });
    let ratio = |a: Duration, b: Duration| a.as_secs_f64() / b.as_secs_f64();
    println!(
        "{} repositories, {:.1} MB of JSON, median of {runs} runs",
        derived.len(),
        text.len() as f64 / 1e6
    );
    println!("| | serde's derives | serde_struct! | serde_struct! / derives |");
    println!("|---|---:|---:|---:|");
    println!(
        "| read | {:.2} ms | {:.2} ms | {:.2} |",
        read_derived.as_secs_f64() * 1e3,
        read_macro.as_secs_f64() * 1e3,
        ratio(read_macro, read_derived)
    );
    println!(
        "| write | {:.2} ms | {:.2} ms | {:.2} |",
        write_derived.as_secs_f64() * 1e3,
        write_macro.as_secs_f64() * 1e3,
        ratio(write_macro, write_derived)
    );
}
