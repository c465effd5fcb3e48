//! moto's server for the end-to-end tests (`moto_e2e.rs`, `moto_protocols.rs`):
//! found, started on a free port, or installed into `target/moto-venv` (see
//! `moto_e2e.rs` for the order).

#![allow(dead_code)]

use shapegen_runtime::client::{Client, Credentials};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

// ---------------------------------------------------------------------------
// The server
// ---------------------------------------------------------------------------

pub struct Moto {
    pub url: String,
    child: Option<Child>,
    log: Option<PathBuf>,
}

impl Drop for Moto {
    fn drop(&mut self) {
        if let Some(child) = &mut self.child {
            let _ = child.kill();
            let _ = child.wait();
        }
        if let Some(log) = &self.log {
            let _ = std::fs::remove_file(log);
        }
    }
}

const HOW_TO: &str = "the moto end-to-end test needs moto's server: either
  python3 -m venv target/moto-venv && target/moto-venv/bin/pip install \"moto[server]\"
(the test then starts target/moto-venv/bin/moto_server itself; `moto_server` on PATH works too), or start one and say where:
  moto_server -H 127.0.0.1 -p 5000 &  SHAPEGEN_MOTO_URL=http://127.0.0.1:5000 cargo test --test moto_e2e
To skip this test deliberately, set SHAPEGEN_SKIP_MOTO=1.";

/// The server to use; `None` when skipped on purpose.
pub fn moto(test: &str) -> Option<Moto> {
    if let Some(url) = std::env::var("SHAPEGEN_MOTO_URL")
        .ok()
        .filter(|u| !u.is_empty())
    {
        return Some(Moto {
            url: url.trim_end_matches('/').to_owned(),
            child: None,
            log: None,
        });
    }
    let program = match find_moto_server() {
        Some(p) => p,
        None if std::env::var("SHAPEGEN_SKIP_MOTO").is_ok_and(|v| v == "1") => {
            eprintln!("SKIPPED {test}: SHAPEGEN_SKIP_MOTO=1 and no moto server found");
            return None;
        }
        // A fresh machine: the README's test command sets moto up itself.
        None => install_moto().unwrap_or_else(|e| panic!("{HOW_TO}\n(installing it failed: {e})")),
    };
    // A free port: bind port 0, note the port, let it go.
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free local port")
        .port();
    let log = std::env::temp_dir().join(format!(
        "shapegen-moto-{test}-{}-{port}.log",
        std::process::id()
    ));
    let out = std::fs::File::create(&log).expect("moto log file");
    let child = Command::new(&program)
        .args(["-H", "127.0.0.1", "-p", &port.to_string()])
        .stdin(Stdio::null())
        .stdout(out.try_clone().expect("log handle"))
        .stderr(out)
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {}: {e}", program.display()));
    let mut server = Moto {
        url: format!("http://127.0.0.1:{port}"),
        child: Some(child),
        log: Some(log.clone()),
    };
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return Some(server);
        }
        if let Some(status) = server
            .child
            .as_mut()
            .and_then(|c| c.try_wait().ok().flatten())
        {
            panic!(
                "{} exited ({status}) before listening:\n{}",
                program.display(),
                std::fs::read_to_string(&log).unwrap_or_default()
            );
        }
        if Instant::now() > deadline {
            panic!(
                "{} did not listen on port {port} within 60 s:\n{}",
                program.display(),
                std::fs::read_to_string(&log).unwrap_or_default()
            );
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Installs moto's server into `target/moto-venv` (once per test process:
/// both tests wait for the one install), as `.ci/run` does, and returns it.
fn install_moto() -> Result<PathBuf, String> {
    static INSTALLED: std::sync::OnceLock<Result<PathBuf, String>> = std::sync::OnceLock::new();
    INSTALLED
        .get_or_init(|| {
            let target = std::env::current_exe()
                .ok()
                .and_then(|me| me.ancestors().nth(3).map(Path::to_path_buf))
                .ok_or("cannot find the target directory")?;
            let venv = target.join("moto-venv");
            let run = |program: &Path, args: &[&str]| -> Result<(), String> {
                let status = Command::new(program)
                    .args(args)
                    .status()
                    .map_err(|e| format!("cannot run {}: {e}", program.display()))?;
                match status.success() {
                    true => Ok(()),
                    false => Err(format!(
                        "{} {} failed ({status})",
                        program.display(),
                        args.join(" ")
                    )),
                }
            };
            eprintln!(
                "installing moto into {} (once; about a minute)",
                venv.display()
            );
            let venv_arg = venv.to_string_lossy().into_owned();
            run(Path::new("python3"), &["-m", "venv", &venv_arg])?;
            run(
                &venv.join("bin").join("pip"),
                &["install", "--quiet", "moto[server]"],
            )?;
            find_moto_server().ok_or_else(|| format!("no moto_server in {}", venv.display()))
        })
        .clone()
}

fn find_moto_server() -> Option<PathBuf> {
    let exe = if cfg!(windows) {
        "moto_server.exe"
    } else {
        "moto_server"
    };
    let mut candidates: Vec<PathBuf> = Vec::new();
    if let Some(p) = std::env::var_os("SHAPEGEN_MOTO_SERVER") {
        candidates.push(PathBuf::from(p));
    }
    let venv = |target: &Path| target.join("moto-venv").join("bin").join(exe);
    if let Some(t) = std::env::var_os("CARGO_TARGET_DIR") {
        candidates.push(venv(Path::new(&t)));
    }
    // This test binary is target/debug/deps/moto_e2e-*: its target directory.
    if let Ok(me) = std::env::current_exe() {
        if let Some(target) = me.ancestors().nth(3) {
            candidates.push(venv(target));
        }
    }
    candidates.push(venv(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"),
    ));
    if let Some(path) = std::env::var_os("PATH") {
        candidates.extend(std::env::split_paths(&path).map(|d| d.join(exe)));
    }
    candidates.into_iter().find(|p| p.is_file())
}

pub fn client(url: &str) -> Client {
    Client::builder()
        .no_environment()
        .region("us-east-1")
        .endpoint_url(url)
        .credentials(Credentials::new("testing", "testing", None))
        .attempt_timeout(Duration::from_secs(30))
        .build()
        .expect("client")
}

pub fn run<F: std::future::Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("tokio runtime")
        .block_on(future)
}
