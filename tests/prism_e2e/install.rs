//! Prism on a fresh machine: when `PRISM_BIN` is not set and the pinned copy under `.ci/`
//! is missing, the first test that needs Prism installs it (`npm ci --prefix .ci`, from
//! `.ci/package-lock.json`), so that `cargo test --workspace` needs no step before it.
//!
//! The install runs once per process (a `OnceLock`; the other tests wait for it) and
//! once per machine (an exclusive lock on a file under `target/`, so test binaries that
//! run at the same time do not both run npm into the same directory). It is bounded by
//! [`INSTALL_TIMEOUT`], and when Node.js or npm is missing the error says so and what to
//! do instead.

use std::ffi::{OsStr, OsString};
use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use crate::harness::manifest_dir;

/// How long `npm ci` may take (it downloads Prism and its dependencies).
const INSTALL_TIMEOUT: Duration = Duration::from_secs(600);

/// The `prism` to run: `$PRISM_BIN` as given, else the pinned copy under `.ci/`,
/// installed first if it is missing.
pub(crate) fn prism_bin() -> Result<PathBuf, String> {
    if let Some(bin) = std::env::var_os("PRISM_BIN").filter(|bin| !bin.is_empty()) {
        return Ok(PathBuf::from(bin));
    }
    static INSTALLED: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    INSTALLED
        .get_or_init(|| {
            Installer {
                ci_dir: manifest_dir().join(".ci"),
                lock: Path::new(env!("CARGO_TARGET_TMPDIR")).join("prism-install.lock"),
                node: "node".into(),
                npm: "npm".into(),
                timeout: INSTALL_TIMEOUT,
            }
            .install()
        })
        .clone()
}

/// How to install Prism: where, under which lock file, with which `node` and `npm`.
struct Installer {
    /// The directory with `package.json` and `package-lock.json`.
    ci_dir: PathBuf,
    lock: PathBuf,
    node: OsString,
    npm: OsString,
    timeout: Duration,
}

impl Installer {
    fn bin(&self) -> PathBuf {
        self.ci_dir.join("node_modules/.bin/prism")
    }

    /// The path of the installed `prism`, installing it unless it is there.
    fn install(&self) -> Result<PathBuf, String> {
        let bin = self.bin();
        if bin.exists() {
            return Ok(bin);
        }
        let lock_file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&self.lock)
            .map_err(|e| format!("cannot open the lock file {}: {e}", self.lock.display()))?;
        let mut lock = fd_lock::RwLock::new(lock_file);
        // Another installer holds the lock at most for its own bounded install.
        let deadline = Instant::now() + self.timeout + Duration::from_secs(30);
        let _guard = loop {
            match lock.try_write() {
                Ok(guard) => break guard,
                Err(_) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(200))
                }
                Err(error) => {
                    return Err(format!(
                        "another test process has been installing Prism for longer than {:?} \
                         (lock {}): {error}",
                        self.timeout,
                        self.lock.display()
                    ))
                }
            }
        };
        // Installed by whoever held the lock before us.
        if bin.exists() {
            return Ok(bin);
        }
        self.require_tool(&self.node, "Node.js")?;
        self.require_tool(&self.npm, "npm")?;
        self.run_npm_ci()?;
        if bin.exists() {
            Ok(bin)
        } else {
            Err(format!(
                "`npm ci --prefix {}` succeeded but {} is missing; delete {} and run the tests \
                 again",
                self.ci_dir.display(),
                bin.display(),
                self.ci_dir.join("node_modules").display()
            ))
        }
    }

    /// `tool --version` must run: else Prism cannot be installed, and the error says what to do.
    fn require_tool(&self, tool: &OsStr, name: &str) -> Result<(), String> {
        let problem = match Command::new(tool)
            .arg("--version")
            .stdin(Stdio::null())
            .output()
        {
            Ok(output) if output.status.success() => return Ok(()),
            Ok(output) => format!(
                "`{} --version` failed ({}): {}",
                tool.to_string_lossy(),
                output.status,
                String::from_utf8_lossy(&output.stderr).trim()
            ),
            Err(error) => format!("`{}` cannot be run: {error}", tool.to_string_lossy()),
        };
        Err(format!(
            "Prism is not installed ({}) and cannot be installed: {name} is missing ({problem}). \
             Install Node.js 18.20 or later with npm and run the tests again (they run `npm ci \
             --prefix .ci` themselves), or point PRISM_BIN at a `prism` executable.",
            self.bin().display()
        ))
    }

    /// `npm ci` into the `.ci` directory, bounded by the timeout; its output goes to a log
    /// next to the lock file and into the error when it fails.
    fn run_npm_ci(&self) -> Result<(), String> {
        let log_path = self.lock.with_extension("log");
        let log = File::create(&log_path)
            .map_err(|e| format!("cannot create {}: {e}", log_path.display()))?;
        let err = log.try_clone().expect("log file handle");
        let mut child = Command::new(&self.npm)
            .arg("ci")
            .arg("--prefix")
            .arg(&self.ci_dir)
            .args(["--no-audit", "--no-fund"])
            .stdin(Stdio::null())
            .stdout(log)
            .stderr(err)
            .spawn()
            .map_err(|e| format!("cannot run `{} ci`: {e}", self.npm.to_string_lossy()))?;
        let deadline = Instant::now() + self.timeout;
        let status = loop {
            match child.try_wait().expect("try_wait") {
                Some(status) => break status,
                None if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(200)),
                None => {
                    let _ = child.kill();
                    let _ = child.wait();
                    return Err(format!(
                        "`npm ci --prefix {}` did not finish within {:?} and was stopped{}",
                        self.ci_dir.display(),
                        self.timeout,
                        output_tail(&log_path)
                    ));
                }
            }
        };
        if status.success() {
            Ok(())
        } else {
            Err(format!(
                "`npm ci --prefix {}` failed ({status}) installing Prism for the end-to-end \
                 tests{}",
                self.ci_dir.display(),
                output_tail(&log_path)
            ))
        }
    }
}

fn output_tail(log: &Path) -> String {
    let text = std::fs::read_to_string(log).unwrap_or_default();
    let lines: Vec<&str> = text.lines().collect();
    format!(
        "\n  npm's output ({}), last lines:\n    {}",
        log.display(),
        lines[lines.len().saturating_sub(30)..].join("\n    ")
    )
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    /// A directory of its own for each test, under `target/tmp`.
    fn scratch(name: &str) -> PathBuf {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join(format!("prism-install-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn script(dir: &Path, name: &str, body: &str) -> OsString {
        let path = dir.join(name);
        std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
        path.into_os_string()
    }

    fn installer(dir: &Path, node: OsString, npm: OsString, timeout: Duration) -> Installer {
        Installer {
            ci_dir: dir.join("ci"),
            lock: dir.join("install.lock"),
            node,
            npm,
            timeout,
        }
    }

    /// A stand-in for npm: `npm ci --prefix DIR` records its run in DIR/runs.log, takes
    /// a second, and leaves DIR/node_modules/.bin/prism.
    const FAKE_NPM: &str = r#"[ "$1" = "--version" ] && { echo 10.0.0; exit 0; }
dir="$3"
mkdir -p "$dir"
echo start >> "$dir/runs.log"
sleep 1
mkdir -p "$dir/node_modules/.bin"
printf '#!/bin/sh\n' > "$dir/node_modules/.bin/prism"
echo end >> "$dir/runs.log""#;

    #[test]
    fn concurrent_installs_run_npm_once() {
        let dir = scratch("concurrent");
        let node = script(&dir, "node", "echo v20.0.0");
        let npm = script(&dir, "npm", FAKE_NPM);
        let results: Vec<Result<PathBuf, String>> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..3)
                .map(|_| {
                    let installer =
                        installer(&dir, node.clone(), npm.clone(), Duration::from_secs(30));
                    scope.spawn(move || installer.install())
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        let expected = dir.join("ci/node_modules/.bin/prism");
        for result in results {
            assert_eq!(result.as_ref(), Ok(&expected));
        }
        // One run, not interleaved: the others waited for the lock and found Prism there.
        let runs = std::fs::read_to_string(dir.join("ci/runs.log")).unwrap();
        assert_eq!(runs, "start\nend\n");
        // Installed already: nothing runs, not even the tools' checks.
        let broken = installer(
            &dir,
            "/nonexistent/node".into(),
            npm,
            Duration::from_secs(1),
        );
        assert_eq!(broken.install(), Ok(expected));
    }

    #[test]
    fn without_node_the_error_says_what_to_install() {
        let dir = scratch("no-node");
        let npm = script(&dir, "npm", FAKE_NPM);
        let error = installer(
            &dir,
            "/nonexistent/node".into(),
            npm,
            Duration::from_secs(5),
        )
        .install()
        .unwrap_err();
        for expected in [
            "Node.js is missing",
            "/nonexistent/node",
            "PRISM_BIN",
            "npm ci",
        ] {
            assert!(error.contains(expected), "{expected:?} not in: {error}");
        }
        assert!(!dir.join("ci/runs.log").exists(), "npm must not run");
    }

    #[test]
    fn without_npm_the_error_says_what_to_install() {
        let dir = scratch("no-npm");
        let node = script(&dir, "node", "echo v20.0.0");
        let error = installer(
            &dir,
            node,
            "/nonexistent/npm".into(),
            Duration::from_secs(5),
        )
        .install()
        .unwrap_err();
        assert!(error.contains("npm is missing"), "{error}");
        assert!(error.contains("/nonexistent/npm"), "{error}");
    }

    #[test]
    fn a_failing_install_reports_npm_output() {
        let dir = scratch("failing");
        let node = script(&dir, "node", "echo v20.0.0");
        let npm = script(
            &dir,
            "npm",
            "[ \"$1\" = \"--version\" ] && { echo 10.0.0; exit 0; }\n\
             echo 'npm error code E404' >&2\nexit 1",
        );
        let error = installer(&dir, node, npm, Duration::from_secs(10))
            .install()
            .unwrap_err();
        assert!(error.contains("failed"), "{error}");
        assert!(
            error.contains("E404"),
            "npm's output belongs in the error: {error}"
        );
    }

    #[test]
    fn a_hanging_install_is_stopped() {
        let dir = scratch("hanging");
        let node = script(&dir, "node", "echo v20.0.0");
        let npm = script(
            &dir,
            "npm",
            "[ \"$1\" = \"--version\" ] && { echo 10.0.0; exit 0; }\nexec sleep 30",
        );
        let started = Instant::now();
        let error = installer(&dir, node, npm, Duration::from_secs(1))
            .install()
            .unwrap_err();
        assert!(started.elapsed() < Duration::from_secs(15), "not bounded");
        assert!(error.contains("did not finish within"), "{error}");
    }
}
