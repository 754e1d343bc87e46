//! The harness of the end-to-end tests: Prism (started per test on a free loopback port,
//! killed by its PID), the OAuth2 token endpoint (`wiremock`), the specs as JSON trees,
//! and the limits every wait and request is bounded by.

use std::collections::BTreeSet;
use std::fmt::Debug;
use std::fs::File;
use std::future::Future;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use specgen_runtime::reqwest::{self, header, StatusCode};
use specgen_runtime::serde::de::DeserializeOwned;
use specgen_runtime::{Error, Response};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::install::prism_bin;
use crate::DRIVEN_SPECS;

/// How long Prism may take from spawn to answering HTTP.
pub(crate) const STARTUP_TIMEOUT: Duration = Duration::from_secs(60);
/// The limit for one HTTP request (token or API).
pub(crate) const REQUEST_TIMEOUT: Duration = Duration::from_secs(20);
/// The limit for one whole test, Prism's start included.
pub(crate) const TEST_TIMEOUT: Duration = Duration::from_secs(180);

pub(crate) const CLIENT_ID: &str = "e2e-client-id";
pub(crate) const CLIENT_SECRET: &str = "e2e-client-secret";
pub(crate) const TOKEN_PATH: &str = "/oauth2/token";
pub(crate) const ACCESS_TOKEN: &str = "e2e-access-token";
pub(crate) const BEARER_TOKEN: &str = "e2e-bitgo-token";
pub(crate) const READ_SCOPE: &str = "identity:read_identity";
pub(crate) const WRITE_SCOPE: &str = "identity:write_identity";

/// Runs a test body under [`TEST_TIMEOUT`]; everything it owns (Prism included) is
/// dropped when the time is up. Prism's install, when it is needed, comes first and has
/// a limit of its own: a slow download does not eat into the test's time.
pub(crate) async fn bounded(test: impl Future<Output = ()>) {
    if let Err(error) = prism_bin() {
        panic!("{error}");
    }
    time_limited(test).await;
}

/// Runs a test body that needs no Prism under [`TEST_TIMEOUT`].
pub(crate) async fn time_limited(test: impl Future<Output = ()>) {
    if tokio::time::timeout(TEST_TIMEOUT, test).await.is_err() {
        panic!("the test did not finish within {TEST_TIMEOUT:?}");
    }
}

pub(crate) fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A reqwest client for the API calls: bounded, never through a proxy (everything is
/// on 127.0.0.1), with an optional `Prefer` header for Prism.
pub(crate) fn http_client(prefer: Option<&str>) -> reqwest::Client {
    let mut headers = header::HeaderMap::new();
    if let Some(prefer) = prefer {
        headers.insert("prefer", header::HeaderValue::from_str(prefer).unwrap());
    }
    reqwest::Client::builder()
        .no_proxy()
        .timeout(REQUEST_TIMEOUT)
        .connect_timeout(Duration::from_secs(5))
        .default_headers(headers)
        .build()
        .expect("reqwest client")
}

/// A running `prism mock`; killed by its PID when dropped.
pub(crate) struct Prism {
    child: Child,
    port: u16,
    /// Prism's stdout and stderr; removed on drop unless something failed.
    log: PathBuf,
    keep_log: bool,
}

impl Prism {
    /// Starts Prism for `spec` on a free port and waits until it answers; panics with
    /// the reason (and Prism's output) if it cannot.
    pub(crate) async fn start(spec: &Spec) -> Prism {
        let bin = prism_bin().unwrap_or_else(|error| panic!("{error}"));
        let mut last_error = String::new();
        // A port found free can be taken before Prism binds it: try a few.
        for _ in 0..3 {
            match Prism::try_start(&bin, &spec.path, STARTUP_TIMEOUT).await {
                Ok(prism) => return prism,
                Err(error) if error.contains("EADDRINUSE") => last_error = error,
                Err(error) => panic!("{error}"),
            }
        }
        panic!("{last_error}")
    }

    pub(crate) async fn try_start(
        bin: &Path,
        spec: &Path,
        startup_timeout: Duration,
    ) -> Result<Prism, String> {
        let spec_name = spec.file_name().unwrap().to_string_lossy().into_owned();
        if !bin.exists() {
            return Err(format!(
                "Prism not found at {}: point PRISM_BIN at a `prism` executable, or unset it \
                 and the tests install the pinned Prism themselves (`npm ci --prefix .ci`, \
                 Node.js and npm needed). The end-to-end tests never skip themselves.",
                bin.display()
            ));
        }
        let port = free_port();
        let log =
            Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("prism-{spec_name}-{port}.log"));
        let out =
            File::create(&log).unwrap_or_else(|e| panic!("cannot create {}: {e}", log.display()));
        let err = out.try_clone().expect("log file handle");
        let child = Command::new(bin)
            .args(["mock", "--host", "127.0.0.1", "--port", &port.to_string()])
            .arg(spec)
            .env("NO_COLOR", "1")
            .env("FORCE_COLOR", "0")
            .stdin(Stdio::null())
            .stdout(out)
            .stderr(err)
            .spawn()
            .map_err(|e| {
                format!(
                    "cannot start Prism ({}): {e}; reinstall it with `npm ci --prefix .ci` or \
                     set PRISM_BIN",
                    bin.display()
                )
            })?;
        // From here on the guard owns the process: any early return kills it.
        let mut prism = Prism {
            child,
            port,
            log,
            keep_log: true,
        };
        prism
            .wait_until_answering(startup_timeout)
            .await
            .map_err(|reason| {
                format!(
                    "Prism ({}) for specs/{spec_name} on 127.0.0.1:{port} {reason}{}",
                    bin.display(),
                    prism.log_tail()
                )
            })?;
        prism.keep_log = false;
        Ok(prism)
    }

    /// Ready = Prism logged that it listens on our port, the process is alive and an
    /// HTTP request to it gets an answer.
    async fn wait_until_answering(&mut self, timeout: Duration) -> Result<(), String> {
        let probe = reqwest::Client::builder()
            .no_proxy()
            .timeout(Duration::from_secs(2))
            .build()
            .expect("reqwest client");
        let listening = format!("listening on http://127.0.0.1:{}", self.port);
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                return Err(format!("exited ({status}) before answering"));
            }
            let log = std::fs::read_to_string(&self.log).unwrap_or_default();
            if log.contains(&listening) && probe.get(self.base_url()).send().await.is_ok() {
                return Ok(());
            }
            if Instant::now() >= deadline {
                return Err(format!("did not answer within {timeout:?}"));
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    pub(crate) fn base_url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// The end of Prism's output, for failure messages.
    pub(crate) fn log_tail(&self) -> String {
        let log = std::fs::read_to_string(&self.log).unwrap_or_default();
        let lines: Vec<&str> = log.lines().collect();
        let tail = lines[lines.len().saturating_sub(40)..].join("\n    ");
        format!(
            "\n  Prism's output ({}), last lines:\n    {tail}",
            self.log.display()
        )
    }

    /// The body of a successful call, or a panic saying why Prism refused it.
    pub(crate) fn expect_ok<T, E: Debug>(
        &self,
        what: &str,
        result: Result<Response<T>, Error<E>>,
    ) -> Response<T> {
        match result {
            Ok(response) => response,
            Err(Error::UnexpectedStatus { status, body, .. })
                if status == StatusCode::UNPROCESSABLE_ENTITY =>
            {
                panic!(
                    "{what}: Prism answered 422, the request does not conform to the spec: \
                     {body}{}",
                    self.log_tail()
                )
            }
            Err(Error::Api { status, body, .. }) if status == StatusCode::BAD_REQUEST => panic!(
                "{what}: Prism answered 400 (the spec's own answer to an invalid request), the \
                 request does not conform to the spec: {body:?}{}",
                self.log_tail()
            ),
            Err(error) => panic!(
                "{what} failed against Prism: {error}\n  {error:?}{}",
                self.log_tail()
            ),
        }
    }
}

impl Drop for Prism {
    fn drop(&mut self) {
        // SIGKILL to our child's PID, then reap it; both return at once.
        let _ = self.child.kill();
        let _ = self.child.wait();
        if !self.keep_log && !std::thread::panicking() {
            let _ = std::fs::remove_file(&self.log);
        }
    }
}

fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
    listener.local_addr().expect("local address").port()
}

/// The OAuth2 token endpoint: answers every client-credentials request with a token.
pub(crate) struct TokenServer {
    server: MockServer,
}

impl TokenServer {
    pub(crate) async fn start() -> TokenServer {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path(TOKEN_PATH))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({
                "access_token": ACCESS_TOKEN,
                "token_type": "Bearer",
                "expires_in": 3600,
            })))
            .mount(&server)
            .await;
        TokenServer { server }
    }

    pub(crate) fn url(&self) -> String {
        format!("{}{TOKEN_PATH}", self.server.uri())
    }

    /// The `scope` of every token request so far, in order, after checking that each
    /// is a client-credentials grant with our client id and secret.
    pub(crate) async fn scopes_requested(&self) -> Vec<String> {
        let requests = self
            .server
            .received_requests()
            .await
            .expect("recording is on");
        requests
            .iter()
            .map(|request| {
                assert_eq!(request.url.path(), TOKEN_PATH);
                let content_type = request
                    .headers
                    .get(header::CONTENT_TYPE)
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or_default();
                assert!(
                    content_type.starts_with("application/x-www-form-urlencoded"),
                    "token request content type {content_type:?}"
                );
                let form = String::from_utf8(request.body.clone()).expect("UTF-8 form");
                let url = reqwest::Url::parse(&format!("http://form.invalid/?{form}")).unwrap();
                let field = |name: &str| {
                    url.query_pairs()
                        .find(|(key, _)| key == name)
                        .map(|(_, value)| value.into_owned())
                };
                assert_eq!(
                    field("grant_type").as_deref(),
                    Some("client_credentials"),
                    "{form}"
                );
                assert_eq!(field("client_id").as_deref(), Some(CLIENT_ID), "{form}");
                assert_eq!(
                    field("client_secret").as_deref(),
                    Some(CLIENT_SECRET),
                    "{form}"
                );
                field("scope").unwrap_or_else(|| panic!("no scope in the token request: {form}"))
            })
            .collect()
    }
}

/// A spec from `specs/`, as a JSON tree.
pub(crate) struct Spec {
    pub(crate) path: PathBuf,
    json: Value,
}

impl Spec {
    pub(crate) fn load(file: &str) -> Spec {
        assert!(
            DRIVEN_SPECS.contains(&file),
            "{file} is not in DRIVEN_SPECS"
        );
        let path = manifest_dir().join("specs").join(file);
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let json = serde_yaml::from_str(&text)
            .unwrap_or_else(|e| panic!("{}: not YAML: {e}", path.display()));
        Spec { path, json }
    }

    pub(crate) fn operation_ids(&self) -> BTreeSet<String> {
        let paths = self.json["paths"].as_object().expect("paths");
        paths
            .values()
            .flat_map(|item| item.as_object().into_iter().flatten())
            .filter_map(|(_, operation)| operation.get("operationId")?.as_str())
            .map(str::to_owned)
            .collect()
    }

    /// Fails unless `driven` holds exactly the spec's operations.
    pub(crate) fn assert_all_driven(&self, driven: &BTreeSet<&str>) {
        let driven: BTreeSet<String> = driven.iter().map(|s| s.to_string()).collect();
        assert_eq!(
            driven,
            self.operation_ids(),
            "{}: the test must drive every operation of the spec",
            self.path.display()
        );
    }

    pub(crate) fn request_example<T: DeserializeOwned>(&self, path: &str, method: &str) -> T {
        self.example(&format!(
            "/paths/{}/{method}/requestBody/content/application~1json/example",
            escape_pointer(path)
        ))
    }

    pub(crate) fn response_example<T: DeserializeOwned>(
        &self,
        path: &str,
        method: &str,
        status: &str,
    ) -> T {
        self.example(&format!(
            "/paths/{}/{method}/responses/{status}/content/application~1json/example",
            escape_pointer(path)
        ))
    }

    /// One of the named `examples` of an operation's request body.
    pub(crate) fn named_request_example<T: DeserializeOwned>(
        &self,
        path: &str,
        method: &str,
        name: &str,
    ) -> T {
        self.example(&format!(
            "/paths/{}/{method}/requestBody/content/application~1json/examples/{name}/value",
            escape_pointer(path)
        ))
    }

    /// One of the named `examples` of an operation's response (Prism answers the first).
    pub(crate) fn named_response_example<T: DeserializeOwned>(
        &self,
        path: &str,
        method: &str,
        status: &str,
        name: &str,
    ) -> T {
        self.example(&format!(
            "/paths/{}/{method}/responses/{status}/content/application~1json/examples/{name}/value",
            escape_pointer(path)
        ))
    }

    /// A component schema's own `example`.
    pub(crate) fn schema_example<T: DeserializeOwned>(&self, schema: &str) -> T {
        self.example(&format!("/components/schemas/{schema}/example"))
    }

    pub(crate) fn example<T: DeserializeOwned>(&self, pointer: &str) -> T {
        let value = self
            .json
            .pointer(pointer)
            .unwrap_or_else(|| panic!("{}: no example at {pointer}", self.path.display()));
        serde_json::from_value(value.clone()).unwrap_or_else(|e| {
            panic!(
                "{}: the example at {pointer} does not fit its type: {e}",
                self.path.display()
            )
        })
    }
}

fn escape_pointer(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

// ---------------------------------------------------------------------------
// The failure paths of the harness itself
// ---------------------------------------------------------------------------

#[tokio::test]
async fn a_missing_prism_fails_with_instructions() {
    let error = Prism::try_start(
        Path::new("/nonexistent/prism"),
        &manifest_dir().join("specs/bitgo-evs-kyc.yaml"),
        Duration::from_secs(5),
    )
    .await
    .err()
    .expect("no Prism there");
    assert!(error.contains("/nonexistent/prism"), "{error}");
    assert!(error.contains("npm ci --prefix .ci"), "{error}");
    assert!(error.contains("PRISM_BIN"), "{error}");
}

#[cfg(unix)]
#[tokio::test]
async fn a_prism_that_never_answers_times_out_and_is_killed() {
    use std::os::unix::fs::PermissionsExt;

    // A stand-in that stays alive without listening; it writes its PID first.
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let script = dir.join("silent-prism.sh");
    std::fs::write(&script, "#!/bin/sh\necho \"pid $$\"\nexec sleep 30\n").unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();

    let started = Instant::now();
    let error = Prism::try_start(
        &script,
        &dir.join("never-answers.yaml"),
        Duration::from_secs(2),
    )
    .await
    .err()
    .expect("nothing answers");
    assert!(
        started.elapsed() < Duration::from_secs(15),
        "the wait was not bounded"
    );
    assert!(error.contains("did not answer"), "{error}");
    let pid: u32 = error
        .lines()
        .find_map(|line| line.trim().strip_prefix("pid "))
        .and_then(|pid| pid.trim().parse().ok())
        .unwrap_or_else(|| panic!("the error shows the process's output: {error}"));
    // The guard was dropped inside try_start: the process is gone (killed and reaped).
    assert!(
        !Path::new(&format!("/proc/{pid}")).exists() || !cfg!(target_os = "linux"),
        "process {pid} still exists"
    );
    // The failed start kept its log for the message; this test needs it no more.
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        if entry
            .file_name()
            .to_string_lossy()
            .starts_with("prism-never-answers.yaml-")
        {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}
