//! `cargo xtask corpus`: generate every service model botocore ships, and with
//! `--compile`, `cargo check` the generated code of the most demanding ones.
//!
//! ```text
//! cargo xtask corpus                       # every service, latest API version
//! cargo xtask corpus --botocore DIR        # a botocore checkout or its data/ dir
//! cargo xtask corpus ec2 s3                # only these services
//! cargo xtask corpus --compile             # cargo check COMPILE_LIST (-D warnings)
//! cargo xtask corpus --compile --all       # cargo check every service
//! ```
//!
//! botocore is found in this order: `--botocore DIR`; the `botocore` package
//! importable by `python3`; a virtualenv in `target/botocore-venv` (created with
//! `python3 -m venv` and `pip install botocore` when missing). Every service is
//! generated into `target/corpus/<service>/src` (a standalone crate), with the
//! enum names of `xtask/corpus-enum-names.json`; one line is
//! printed per service, then the totals, then the totals per protocol (the
//! protocol spoken: `json` or `rest-json` when `metadata.protocols` lists
//! one, as boto3 chooses, else `metadata.protocol`). Any failure makes the exit status non-zero; a
//! failing service does not stop the others.

use std::io::Read;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Services checked by `--compile`: the largest models (ec2, sagemaker,
/// quicksight, connect, glue), the REST-XML and JSON flagships (s3, dynamodb,
/// lambda), a service of every protocol (rest-xml: s3, route53, cloudfront;
/// query: iam, sts, cloudformation; ec2; smithy-rpc-v2-cbor: cloudwatchomni), unions, documents and an event stream (bedrock-agent-runtime),
/// every service with an enum value `SELF` or `Self` (acm-pca ... security-ir)
/// the services whose structures contain themselves directly, so members
/// are boxed (wafv2, amplifyuibuilder), and signin, whose enum needs a name
/// from `xtask/corpus-enum-names.json` (botocore 1.44).
pub const COMPILE_LIST: &[&str] = &[
    "ec2",
    "sagemaker",
    "quicksight",
    "connect",
    "glue",
    "s3",
    "dynamodb",
    "lambda",
    "bedrock-agent-runtime",
    "acm-pca",
    "apigateway",
    "bedrock-runtime",
    "cloudformation",
    "marketplace-catalog",
    "omics",
    "pinpoint-sms-voice-v2",
    "ram",
    "wellarchitected",
    "imagebuilder",
    "security-ir",
    "wafv2",
    "amplifyuibuilder",
    "signin",
    "iam",
    "sts",
    "route53",
    "cloudfront",
    "cloudwatchomni",
];

/// Generate every botocore service model (latest API version) and optionally
/// compile the demanding ones.
#[derive(clap::Args, Debug, Clone)]
pub struct CorpusArgs {
    /// botocore's package directory (containing `data/`) or its `data/`
    /// directory. Default: the botocore importable by `python3`, else one
    /// installed into `target/botocore-venv`.
    #[arg(long, value_name = "DIR")]
    pub botocore: Option<PathBuf>,

    /// Instead of generating everything, `cargo check` (with `-D warnings`) the
    /// generated code of a fixed list of demanding services (or of the
    /// SERVICEs given), each as its own crate under `target/corpus-check/`.
    #[arg(long)]
    pub compile: bool,

    /// With `--compile`: check every service, not only the fixed list (about
    /// an hour on two cores).
    #[arg(long, requires = "compile")]
    pub all: bool,

    /// Worker threads for generation.
    #[arg(long, default_value_t = 2, value_name = "N")]
    pub jobs: usize,

    /// Only these services (directory names under botocore's `data/`).
    #[arg(value_name = "SERVICE")]
    pub services: Vec<String>,
}

/// One service model: its name and the file of its latest API version.
#[derive(Debug, Clone)]
struct ServiceModel {
    name: String,
    version: String,
    file: PathBuf,
}

pub fn run(args: &CorpusArgs) -> ExitCode {
    let root = crate::workspace_root();
    let data = match find_botocore(args.botocore.as_deref(), &root) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut services = match list_services(&data) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let wanted: Vec<String> = if !args.services.is_empty() {
        args.services.clone()
    } else if args.compile && !args.all {
        COMPILE_LIST.iter().map(|s| s.to_string()).collect()
    } else {
        Vec::new()
    };
    if !wanted.is_empty() {
        let missing: Vec<&String> = wanted
            .iter()
            .filter(|w| !services.iter().any(|s| &s.name == *w))
            .collect();
        if !missing.is_empty() && !args.services.is_empty() {
            for m in missing {
                eprintln!("error: botocore at {} has no service `{m}`", data.display());
            }
            return ExitCode::FAILURE;
        }
        for m in missing {
            println!("note: this botocore has no `{m}`; skipped");
        }
        services.retain(|s| wanted.contains(&s.name));
    }
    println!(
        "botocore models: {} ({} services)",
        data.display(),
        services.len()
    );
    if args.compile {
        compile(&root, &services)
    } else {
        generate_all(&root, &services, args.jobs.max(1))
    }
}

// ------------------------------------------------------------------ finding botocore

fn find_botocore(explicit: Option<&Path>, root: &Path) -> Result<PathBuf, String> {
    if let Some(dir) = explicit {
        return data_dir(dir).ok_or_else(|| {
            format!(
                "{} is neither botocore's package directory nor its `data/` directory",
                dir.display()
            )
        });
    }
    if let Some(dir) = python_botocore("python3") {
        return Ok(dir);
    }
    let venv = root.join("target").join("botocore-venv");
    let python = venv.join("bin").join("python");
    if let Some(dir) = python_botocore(&python.to_string_lossy()) {
        return Ok(dir);
    }
    eprintln!(
        "botocore is not importable by python3; installing it into {}",
        venv.display()
    );
    if !python.exists() {
        run_quiet(Command::new("python3").arg("-m").arg("venv").arg(&venv))?;
    }
    run_quiet(
        Command::new(&python)
            .args(["-m", "pip", "install", "--quiet", "botocore"])
            .stdout(Stdio::null()),
    )?;
    python_botocore(&python.to_string_lossy()).ok_or_else(|| {
        format!(
            "pip installed botocore into {} but it cannot be imported",
            venv.display()
        )
    })
}

fn run_quiet(cmd: &mut Command) -> Result<(), String> {
    let shown = format!("{cmd:?}");
    match cmd.status() {
        Ok(s) if s.success() => Ok(()),
        Ok(s) => Err(format!("`{shown}` failed ({s})")),
        Err(e) => Err(format!("cannot run `{shown}`: {e}")),
    }
}

/// botocore's `data/` directory as seen by a Python interpreter, if it has botocore.
fn python_botocore(python: &str) -> Option<PathBuf> {
    let out = Command::new(python)
        .args([
            "-c",
            "import os, botocore; print(os.path.dirname(botocore.__file__))",
        ])
        .stderr(Stdio::null())
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    let dir = String::from_utf8(out.stdout).ok()?;
    data_dir(Path::new(dir.trim()))
}

fn data_dir(dir: &Path) -> Option<PathBuf> {
    let candidates = [
        dir.join("data"),
        dir.join("botocore").join("data"),
        dir.to_path_buf(),
    ];
    candidates.into_iter().find(|d| {
        std::fs::read_dir(d).is_ok_and(|entries| {
            entries
                .flatten()
                .any(|e| latest_version(&e.path()).is_some())
        })
    })
}

/// The lexicographically greatest API-version directory holding a
/// `service-2.json` (or `.json.gz`), with that file.
fn latest_version(service_dir: &Path) -> Option<(String, PathBuf)> {
    let mut best: Option<(String, PathBuf)> = None;
    for e in std::fs::read_dir(service_dir).ok()?.flatten() {
        let version = e.file_name().to_string_lossy().into_owned();
        let file = ["service-2.json", "service-2.json.gz"]
            .iter()
            .map(|f| e.path().join(f))
            .find(|f| f.is_file());
        if let Some(file) = file {
            if best.as_ref().is_none_or(|(v, _)| version > *v) {
                best = Some((version, file));
            }
        }
    }
    best
}

fn list_services(data: &Path) -> Result<Vec<ServiceModel>, String> {
    let entries =
        std::fs::read_dir(data).map_err(|e| format!("cannot read {}: {e}", data.display()))?;
    let mut out: Vec<ServiceModel> = entries
        .flatten()
        .filter_map(|e| {
            let (version, file) = latest_version(&e.path())?;
            Some(ServiceModel {
                name: e.file_name().to_string_lossy().into_owned(),
                version,
                file,
            })
        })
        .collect();
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

fn read_model(file: &Path) -> Result<Vec<u8>, String> {
    let raw = std::fs::read(file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    if file.extension().is_some_and(|x| x == "gz") {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(&raw[..])
            .read_to_end(&mut out)
            .map_err(|e| format!("cannot decompress {}: {e}", file.display()))?;
        Ok(out)
    } else {
        Ok(raw)
    }
}

// ------------------------------------------------------------------ protocols

/// A service's protocols: the one the generated code speaks
/// (`Metadata::effective_protocol`) and the one `metadata.protocol` declares.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Protocols {
    spoken: String,
    declared: String,
}

/// The protocols of a model, read from its metadata alone (also for a model
/// the generator rejects); empty when the file is not a model.
fn protocols_of(bytes: &[u8]) -> Protocols {
    let md: shapegen::model::Metadata = serde_json::from_slice::<serde_json::Value>(bytes)
        .ok()
        .and_then(|mut v| serde_json::from_value(v.get_mut("metadata")?.take()).ok())
        .unwrap_or_default();
    Protocols {
        spoken: md.effective_protocol().to_string(),
        declared: md.protocol.clone().unwrap_or_default(),
    }
}

/// One service's results, for [`print_protocol_summary`]: its protocols,
/// whether it generated, and (with `--compile`) whether it compiled.
struct Outcome {
    protocols: Protocols,
    generated: bool,
    compiled: Option<bool>,
}

/// After the totals: one line per protocol spoken, most services first,
/// with how many generate (and compile), and how many declare another
/// protocol (`smithy-rpc-v2-cbor` services that list `json`).
fn print_protocol_summary(outcomes: &[Outcome]) {
    #[derive(Default)]
    struct Row {
        services: usize,
        generated: usize,
        checked: usize,
        compiled: usize,
        declared: std::collections::BTreeMap<String, usize>,
    }
    let mut rows: std::collections::BTreeMap<&str, Row> = Default::default();
    for o in outcomes {
        let spoken = match o.protocols.spoken.as_str() {
            "" => "(none)",
            p => p,
        };
        let row = rows.entry(spoken).or_default();
        row.services += 1;
        row.generated += usize::from(o.generated);
        if let Some(c) = o.compiled {
            row.checked += 1;
            row.compiled += usize::from(c);
        }
        if o.protocols.declared != o.protocols.spoken {
            *row.declared
                .entry(o.protocols.declared.clone())
                .or_default() += 1;
        }
    }
    let mut rows: Vec<(&str, Row)> = rows.into_iter().collect();
    rows.sort_by(|a, b| b.1.services.cmp(&a.1.services).then(a.0.cmp(b.0)));
    let width = rows.iter().map(|(p, _)| p.len()).max().unwrap_or(0) + 1;
    println!(
        "by protocol spoken (JSON when `protocols` lists it, as boto3 chooses; else `protocol`):"
    );
    for (protocol, row) in rows {
        let mut line = format!(
            "  {:width$} {}/{} generate",
            format!("{protocol}:"),
            row.generated,
            row.services
        );
        if row.checked > 0 {
            line.push_str(&format!(", {}/{} compile", row.compiled, row.checked));
        }
        let declared: Vec<String> = row
            .declared
            .iter()
            .map(|(d, n)| {
                let d = if d.is_empty() { "no protocol" } else { d };
                format!("{n} declare {d}")
            })
            .collect();
        if !declared.is_empty() {
            line.push_str(&format!(" ({})", declared.join(", ")));
        }
        println!("{line}");
    }
}

// ------------------------------------------------------------------ generation

/// Generate one service into `dir` (a standalone crate). Returns its
/// protocols, and the number of files and their total size.
fn generate_one(svc: &ServiceModel, dir: &Path) -> (Protocols, Result<(usize, usize), String>) {
    match read_model(&svc.file) {
        Ok(bytes) => (protocols_of(&bytes), generate_bytes(svc, dir, bytes)),
        Err(e) => (Protocols::default(), Err(e)),
    }
}

fn generate_bytes(
    svc: &ServiceModel,
    dir: &Path,
    bytes: Vec<u8>,
) -> Result<(usize, usize), String> {
    let display = format!("{}/{}/{}", svc.name, svc.version, file_name(&svc.file));
    let generated = std::panic::catch_unwind(AssertUnwindSafe(|| {
        shapegen::Config::new()
            .model_bytes(&svc.name, &display, bytes)
            .enum_names(enum_names_table())
            .regen_command("cargo xtask corpus")
            .generate()
    }))
    .map_err(|p| format!("shapegen panicked: {}", panic_message(&p)))?
    .map_err(|d| d.to_string())?;
    let size = generated.files.values().map(String::len).sum();
    let n = generated.files.len();
    write_crate(dir, &svc.name, &generated)?;
    Ok((n, size))
}

/// Variant names for enum values that collide after conversion (signin's
/// `INVALID_REQUEST` and `invalid_request`), as a project would give them in
/// its `models/enum-names.json`.
fn enum_names_table() -> PathBuf {
    crate::workspace_root()
        .join("xtask")
        .join("corpus-enum-names.json")
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn panic_message(p: &Box<dyn std::any::Any + Send>) -> String {
    p.downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| p.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "(no message)".to_string())
}

/// Write a generated crate: `Cargo.toml` (its own workspace, depending on the
/// runtime crate and serde) and `src/`.
fn write_crate(dir: &Path, service: &str, generated: &shapegen::Generated) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let manifest = format!(
        "[package]\nname = \"corpus-{}\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
         [workspace]\n\n[dependencies]\nserde = \"1\"\n{}",
        service.replace(|c: char| !c.is_ascii_alphanumeric(), "-"),
        crate::runtime_dependency(&generated.runtime_features)
    );
    std::fs::write(dir.join("Cargo.toml"), manifest)
        .map_err(|e| format!("cannot write {}: {e}", dir.join("Cargo.toml").display()))?;
    generated
        .write(&dir.join("src"), &[""])
        .map(|_| ())
        .map_err(|d| d.to_string())
}

/// A service's protocols and result line (`Ok`) or error, once it is done.
type Slot = Option<(Protocols, Result<String, String>)>;

fn generate_all(root: &Path, services: &[ServiceModel], jobs: usize) -> ExitCode {
    let out_dir = root.join("target").join("corpus");
    let start = Instant::now();
    let next = AtomicUsize::new(0);
    // Results in service order; printed as soon as every earlier one is done.
    let results: Mutex<(Vec<Slot>, usize)> = Mutex::new((vec![None; services.len()], 0));
    let width = services.iter().map(|s| s.name.len()).max().unwrap_or(0);
    std::thread::scope(|scope| {
        for _ in 0..jobs.min(services.len().max(1)) {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(svc) = services.get(i) else { break };
                let t = Instant::now();
                let (protocols, r) = generate_one(svc, &out_dir.join(&svc.name));
                let r = r.map(|(files, size)| {
                    format!(
                        "{} files, {:.1} MB, {}",
                        files,
                        size as f64 / 1e6,
                        secs(t.elapsed())
                    )
                });
                let mut guard = results.lock().unwrap_or_else(|e| e.into_inner());
                let (slots, printed) = &mut *guard;
                slots[i] = Some((protocols, r));
                while let Some(Some((_, r))) = slots.get(*printed) {
                    let s = &services[*printed];
                    match r {
                        Ok(msg) => println!("ok     {:width$}  {}  {msg}", s.name, s.version),
                        Err(e) => {
                            println!("FAILED {:width$}  {}", s.name, s.version);
                            for line in e.lines() {
                                println!("         {line}");
                            }
                        }
                    }
                    *printed += 1;
                }
            });
        }
    });
    let (slots, _) = results.into_inner().unwrap_or_else(|e| e.into_inner());
    let failed: Vec<&str> = slots
        .iter()
        .zip(services)
        .filter(|(r, _)| !matches!(r, Some((_, Ok(_)))))
        .map(|(_, s)| s.name.as_str())
        .collect();
    let outcomes: Vec<Outcome> = slots
        .into_iter()
        .map(|slot| {
            let (protocols, r) = slot.unwrap_or((Protocols::default(), Err(String::new())));
            Outcome {
                protocols,
                generated: r.is_ok(),
                compiled: None,
            }
        })
        .collect();
    println!(
        "{} services: {} ok, {} failed; {} ({} worker{}); output in {}",
        services.len(),
        services.len() - failed.len(),
        failed.len(),
        secs(start.elapsed()),
        jobs,
        if jobs == 1 { "" } else { "s" },
        out_dir.display()
    );
    print_protocol_summary(&outcomes);
    if failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        println!("failed: {}", failed.join(", "));
        ExitCode::FAILURE
    }
}

fn secs(d: Duration) -> String {
    format!("{:.2}s", d.as_secs_f64())
}

// ------------------------------------------------------------------ compilation

fn compile(root: &Path, services: &[ServiceModel]) -> ExitCode {
    let check_dir = root.join("target").join("corpus-check");
    let target_dir = check_dir.join("target");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let lock = std::fs::read(root.join("Cargo.lock")).ok();
    let start = Instant::now();
    let mut failed = Vec::new();
    let mut outcomes = Vec::new();
    let width = services.iter().map(|s| s.name.len()).max().unwrap_or(0);
    for svc in services {
        let dir = check_dir.join(&svc.name);
        let t = Instant::now();
        let (protocols, generated) = generate_one(svc, &dir);
        let mut outcome = Outcome {
            protocols,
            generated: generated.is_ok(),
            compiled: None,
        };
        if let Err(e) = generated {
            println!("FAILED {:width$}  generation: {e}", svc.name);
            failed.push(svc.name.clone());
            outcomes.push(outcome);
            continue;
        }
        let gen_time = t.elapsed();
        // Unchanged output would make `cargo check` a no-op: touch the crate
        // root so that the time reported is a real check.
        if let Ok(f) = std::fs::File::options()
            .append(true)
            .open(dir.join("src/lib.rs"))
        {
            let _ = f.set_modified(std::time::SystemTime::now());
        }
        // The workspace's lock file pins the same serde as every other crate
        // here, so the shared target directory builds it once.
        if let (Some(lock), false) = (&lock, dir.join("Cargo.lock").exists()) {
            let _ = std::fs::write(dir.join("Cargo.lock"), lock);
        }
        let t = Instant::now();
        let out = Command::new(&cargo)
            .arg("check")
            .arg("--quiet")
            .arg("--manifest-path")
            .arg(dir.join("Cargo.toml"))
            .arg("--message-format=short")
            .env("CARGO_TARGET_DIR", &target_dir)
            .env("RUSTFLAGS", "-D warnings")
            // A full check each time (incremental state would make the time
            // meaningless and only grows the target directory).
            .env("CARGO_INCREMENTAL", "0")
            .stdin(Stdio::null())
            .output();
        let check_time = t.elapsed();
        outcome.compiled = Some(matches!(&out, Ok(o) if o.status.success()
                    && !String::from_utf8_lossy(&o.stderr).contains("warning")));
        outcomes.push(outcome);
        match out {
            Ok(o)
                if o.status.success()
                    && !String::from_utf8_lossy(&o.stderr).contains("warning") =>
            {
                println!(
                    "ok     {:width$}  generate {}, cargo check {}",
                    svc.name,
                    secs(gen_time),
                    secs(check_time)
                );
            }
            Ok(o) => {
                println!(
                    "FAILED {:width$}  cargo check {} ({})",
                    svc.name,
                    secs(check_time),
                    o.status
                );
                let stderr = String::from_utf8_lossy(&o.stderr);
                let lines: Vec<&str> = stderr.lines().collect();
                for l in lines.iter().take(40) {
                    println!("         {l}");
                }
                if lines.len() > 40 {
                    println!("         ... {} more lines", lines.len() - 40);
                }
                failed.push(svc.name.clone());
            }
            Err(e) => {
                println!("FAILED {:width$}  cannot run {cargo}: {e}", svc.name);
                failed.push(svc.name.clone());
            }
        }
    }
    println!(
        "{} services checked: {} ok, {} failed; {}; crates in {}",
        services.len(),
        services.len() - failed.len(),
        failed.len(),
        secs(start.elapsed()),
        check_dir.display()
    );
    print_protocol_summary(&outcomes);
    if failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        println!("failed: {}", failed.join(", "));
        ExitCode::FAILURE
    }
}
