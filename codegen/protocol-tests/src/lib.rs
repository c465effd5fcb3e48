//! Protocol compliance: botocore's protocol test suites run against the code
//! shapegen generates.
//!
//! For each suite (a service's `metadata` and `shapes`, and cases that each
//! give one operation) the runner builds a botocore model, generates it with
//! shapegen into a scratch crate under `target/protocol-tests/`, writes one
//! function per case that builds the case's input (or expected output) as a
//! value of the generated types and runs it through the generated operation,
//! builds that crate and runs it, and counts what passed. `cargo xtask
//! protocol-tests` is the command; see the README's "Protocol compliance".
//!
//! - [`suites`]: the suite files, support by protocol, botocore's ignore list
//!   and the project's skip list;
//! - [`model`]: a service model per suite;
//! - [`values`]: JSON values as Rust expressions of the generated types;
//! - [`harness`]: the scratch crate's code;
//! - [`compare`]: the comparisons the cases make (also copied into the crate);
//! - [`cargo`]: building the crate, attributing compile errors, running it.

pub mod cargo;
pub mod compare;
pub mod harness;
pub mod model;
pub mod suites;
pub mod values;

use harness::Unit;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use suites::{IgnoreList, SuiteFile};

/// The file of botocore's own skips, inside the suites directory.
pub const IGNORE_LIST_FILE: &str = "protocol-tests-ignore-list.json";

/// The project's skip list, relative to the workspace root.
pub const SKIPS_FILE: &str = "tests/data/protocol-tests-skips.json";

/// What to run.
#[derive(Debug, Clone)]
pub struct Options {
    /// The workspace root (for the runtime crate and `Cargo.lock`).
    pub workspace: PathBuf,
    /// The suites: `input/*.json`, `output/*.json` and the ignore list.
    pub suites_dir: PathBuf,
    /// Only cases whose file path or id contains this.
    pub filter: Option<String>,
    /// The project's skip list.
    pub skips_file: PathBuf,
    /// Scratch space: the generated crate and its target directory.
    pub work_dir: PathBuf,
}

impl Options {
    /// The defaults for a workspace: `tests/data/protocol-tests`, the skip
    /// list beside it, and `protocol-tests/` in the target directory
    /// (`CARGO_TARGET_DIR`, else `target/`).
    pub fn new(workspace: &Path) -> Options {
        let target = std::env::var_os("CARGO_TARGET_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| workspace.join("target"));
        Options {
            workspace: workspace.to_path_buf(),
            suites_dir: workspace.join("tests/data/protocol-tests"),
            filter: None,
            skips_file: workspace.join(SKIPS_FILE),
            work_dir: target.join("protocol-tests"),
        }
    }
}

/// What happened to one case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Passed,
    Failed(String),
    Skipped(String),
}

/// One line of the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileResult {
    /// The file's protocol is not implemented yet.
    Unsupported(String),
    Counts {
        passed: usize,
        failed: usize,
        skipped: usize,
    },
}

#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Per file (path under the suites directory), in order.
    pub files: Vec<(String, FileResult)>,
    /// `(file, case id, reason)` of every failed case.
    pub failures: Vec<(String, String, String)>,
}

impl Report {
    pub fn totals(&self) -> (usize, usize, usize) {
        self.files
            .iter()
            .fold((0, 0, 0), |(p, f, s), (_, r)| match r {
                FileResult::Counts {
                    passed,
                    failed,
                    skipped,
                } => (p + passed, f + failed, s + skipped),
                FileResult::Unsupported(_) => (p, f, s),
            })
    }

    pub fn success(&self) -> bool {
        self.totals().1 == 0
    }

    /// The failures, one line per file, and the total line.
    pub fn write(&self, out: &mut impl std::io::Write) -> std::io::Result<()> {
        for (file, id, reason) in &self.failures {
            let line: String = reason
                .chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect();
            writeln!(out, "FAIL {file} {id}: {}", compare::shorten(&line))?;
        }
        for (file, r) in &self.files {
            match r {
                FileResult::Unsupported(_) => writeln!(out, "{file}: protocol not supported yet")?,
                FileResult::Counts {
                    passed,
                    failed,
                    skipped,
                } => writeln!(
                    out,
                    "{file}: {passed} passed, {failed} failed, {skipped} skipped"
                )?,
            }
        }
        let (p, f, s) = self.totals();
        writeln!(out, "protocol-tests: {p} passed, {f} failed, {s} skipped")
    }
}

/// Key of a case: file, suite index, case id.
type Key = (String, usize, String);

/// Run the suites. `Err` when the runner itself cannot work (unreadable
/// files, an invalid skip list, a harness that does not build); failing
/// cases are in the report. Progress goes to `log`.
pub fn run(opts: &Options, log: &mut dyn std::io::Write) -> Result<Report, String> {
    let files: Vec<SuiteFile> = suites::list_files(&opts.suites_dir)?
        .iter()
        .map(|rel| SuiteFile::load(&opts.suites_dir, rel))
        .collect::<Result<_, _>>()?;
    let ignore = match std::fs::read_to_string(opts.suites_dir.join(IGNORE_LIST_FILE)) {
        Ok(text) => IgnoreList::parse(&text)?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => IgnoreList::default(),
        Err(e) => return Err(format!("cannot read {IGNORE_LIST_FILE}: {e}")),
    };
    let skips = match std::fs::read_to_string(&opts.skips_file) {
        Ok(text) => {
            suites::parse_skips(&text).map_err(|e| format!("{}: {e}", opts.skips_file.display()))?
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(e) => return Err(format!("cannot read {}: {e}", opts.skips_file.display())),
    };
    let mut ids: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for f in &files {
        let set = ids.entry(f.rel.clone()).or_default();
        set.extend(
            f.suites
                .iter()
                .flat_map(|s| s.cases.iter().map(|c| c.id.clone())),
        );
    }
    let unknown = suites::unknown_skips(&skips, &ids);
    if !unknown.is_empty() {
        let list: Vec<String> = unknown
            .iter()
            .map(|s| format!("{} {}", s.file, s.id))
            .collect();
        return Err(format!(
            "{}: no such case: {}",
            opts.skips_file.display(),
            list.join(", ")
        ));
    }
    let selected = |f: &SuiteFile, id: &str| {
        opts.filter
            .as_deref()
            .is_none_or(|s| f.rel.contains(s) || id.contains(s))
    };

    // Plan: outcomes decided now (skips), units to generate.
    let mut outcomes: BTreeMap<Key, Outcome> = BTreeMap::new();
    let mut order: Vec<(String, Vec<Key>)> = Vec::new();
    let mut report = Report::default();
    let mut units: Vec<Unit> = Vec::new();
    for f in &files {
        let keys: Vec<Key> = f
            .suites
            .iter()
            .flat_map(|s| {
                s.cases
                    .iter()
                    .map(|c| (f.rel.clone(), s.index, c.id.clone()))
            })
            .filter(|k| selected(f, &k.2))
            .collect();
        if keys.is_empty() && opts.filter.as_deref().is_some_and(|s| !f.rel.contains(s)) {
            continue;
        }
        let protocol = match f.protocol() {
            Ok(p) => p,
            // A file without suites has nothing to run (botocore's
            // `output/smithy-rpc-v2-cbor-non-query-compatible.json`).
            Err(_) if f.suites.is_empty() => String::new(),
            Err(p) => {
                report
                    .files
                    .push((f.rel.clone(), FileResult::Unsupported(p)));
                continue;
            }
        };
        order.push((f.rel.clone(), keys));
        for s in &f.suites {
            for (g, group) in model::group_cases(s).into_iter().enumerate() {
                let mut run = Vec::new();
                for c in &group {
                    if !selected(f, &c.id) {
                        continue;
                    }
                    let key = (f.rel.clone(), s.index, c.id.clone());
                    if ignore.ignores(f, s, c) {
                        outcomes.insert(key, Outcome::Skipped("botocore skips it".into()));
                    } else if let Some(skip) =
                        skips.iter().find(|x| x.file == f.rel && x.id == c.id)
                    {
                        outcomes.insert(key, Outcome::Skipped(skip.reason.clone()));
                    } else {
                        run.push(*c);
                    }
                }
                if run.is_empty() {
                    continue;
                }
                let base = format!(
                    "{}_{}_{}{}",
                    f.direction.as_str(),
                    f.stem,
                    s.index,
                    if g == 0 {
                        String::new()
                    } else {
                        format!("_{g}")
                    }
                );
                units.push(Unit {
                    module: shapegen::module_name(&base),
                    file: f,
                    suite: s,
                    protocol: protocol.clone(),
                    endpoint: s
                        .client_endpoint
                        .clone()
                        .unwrap_or_else(|| harness::DEFAULT_ENDPOINT.to_string()),
                    group,
                    run,
                });
            }
        }
    }

    let _ = writeln!(log, "protocol-tests: generating {} suites", units.len());
    let krate = opts.work_dir.join("crate");
    let src = krate.join("src");
    mkdir(&src.join("gen"))?;
    mkdir(&src.join("cases"))?;
    let mut live: Vec<Live> = Vec::new();
    for unit in &units {
        match generate(unit) {
            Ok((code, svc)) => {
                write(&src.join("gen").join(format!("{}.rs", unit.module)), &code)?;
                live.push(Live {
                    unit,
                    svc,
                    broken: BTreeMap::new(),
                    cases: harness::CasesFile::default(),
                });
            }
            Err(e) => fail_unit(
                unit,
                &format!("the model does not generate: {e}"),
                &mut outcomes,
            ),
        }
    }
    // Files of earlier runs go; unchanged files stay as they are, so that an
    // unchanged crate is not rebuilt.
    let keep: BTreeSet<String> = live
        .iter()
        .map(|l| format!("{}.rs", l.unit.module))
        .collect();
    for dir in [src.join("gen"), src.join("cases")] {
        for e in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            if !keep.contains(&e.file_name().to_string_lossy().into_owned()) {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
    write(
        &krate.join("Cargo.toml"),
        &harness::cargo_toml(&opts.workspace.join("codegen").join("runtime")),
    )?;
    if !krate.join("Cargo.lock").exists() {
        // The workspace's lock file pins what every other build uses.
        std::fs::copy(opts.workspace.join("Cargo.lock"), krate.join("Cargo.lock"))
            .map_err(|e| format!("cannot copy Cargo.lock: {e}"))?;
    }
    write(&src.join("compare.rs"), include_str!("compare.rs"))?;
    write(&src.join("glue.rs"), &harness::glue_rs())?;

    // Build. A suite whose generated code does not compile fails and is left
    // out; a case whose code does not compile fails alone.
    let target = opts.work_dir.join("target");
    loop {
        for l in &mut live {
            l.cases = harness::cases_file(l.unit, &l.svc, &l.broken);
            write(
                &src.join("cases").join(format!("{}.rs", l.unit.module)),
                &l.cases.text,
            )?;
        }
        let modules: Vec<&str> = live.iter().map(|l| l.unit.module.as_str()).collect();
        write(&src.join("main.rs"), &harness::main_rs(&modules))?;
        let _ = writeln!(log, "protocol-tests: building {} suites", live.len());
        let errors = match cargo::build(&krate, &target) {
            Ok(()) => break,
            Err(errors) => errors,
        };
        if !errors.other.is_empty() {
            return Err(format!(
                "the harness crate ({}) does not build:\n{}",
                krate.display(),
                errors.other.join("\n")
            ));
        }
        let mut progress = false;
        live.retain_mut(|l| {
            let module = &l.unit.module;
            let mut whole = errors
                .generated
                .get(module)
                .map(|e| format!("the generated code does not compile: {e}"));
            for (line, e) in errors.cases.get(module).into_iter().flatten() {
                let reason = format!("the case's code does not compile: {e}");
                match l.cases.case_at(*line) {
                    Some(case) if !l.broken.contains_key(&case) => {
                        l.broken.insert(case, reason);
                        progress = true;
                    }
                    Some(_) => {}
                    None => {
                        whole.get_or_insert(reason);
                    }
                }
            }
            match whole {
                Some(reason) => {
                    fail_unit(l.unit, &reason, &mut outcomes);
                    progress = true;
                    false
                }
                None => true,
            }
        });
        if !progress {
            return Err(format!(
                "the harness crate ({}) does not build, and no suite or case is to blame",
                krate.display()
            ));
        }
    }

    // Run, from where a crash (an abort, a stack overflow) left off.
    let binary = target
        .join("debug")
        .join(format!("protocol-harness{}", std::env::consts::EXE_SUFFIX));
    let all: Vec<Key> = live
        .iter()
        .flat_map(|l| {
            l.unit
                .run
                .iter()
                .map(|c| (l.unit.file.rel.clone(), l.unit.suite.index, c.id.clone()))
        })
        .collect();
    let mut first = 0;
    while first < all.len() {
        let (stdout, ok) = cargo::run_harness(&binary, first)?;
        let mut seen = 0;
        for line in stdout.lines() {
            let (passed, rest) = if let Some(r) = line.strip_prefix("PASS ") {
                (true, r)
            } else if let Some(r) = line.strip_prefix("FAIL ") {
                (false, r)
            } else {
                continue;
            };
            let mut parts = rest.splitn(4, '\t');
            let (Some(file), Some(suite), Some(id)) = (parts.next(), parts.next(), parts.next())
            else {
                continue;
            };
            let key = (
                file.to_string(),
                suite.parse().unwrap_or(usize::MAX),
                id.to_string(),
            );
            let outcome = if passed {
                Outcome::Passed
            } else {
                Outcome::Failed(parts.next().unwrap_or("failed").to_string())
            };
            outcomes.insert(key, outcome);
            seen += 1;
        }
        first += seen;
        if ok || first >= all.len() {
            break;
        }
        outcomes.insert(
            all[first].clone(),
            Outcome::Failed("the harness crashed in this case".into()),
        );
        first += 1;
    }

    for (rel, keys) in order {
        let (mut passed, mut failed, mut skipped) = (0, 0, 0);
        for key in keys {
            match outcomes.get(&key) {
                Some(Outcome::Passed) => passed += 1,
                Some(Outcome::Skipped(_)) => skipped += 1,
                Some(Outcome::Failed(reason)) => {
                    failed += 1;
                    report.failures.push((rel.clone(), key.2, reason.clone()));
                }
                None => {
                    failed += 1;
                    report
                        .failures
                        .push((rel.clone(), key.2, "no result from the harness".into()));
                }
            }
        }
        report.files.push((
            rel,
            FileResult::Counts {
                passed,
                failed,
                skipped,
            },
        ));
    }
    report.files.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(report)
}

fn fail_unit(unit: &Unit, reason: &str, outcomes: &mut BTreeMap<Key, Outcome>) {
    for c in &unit.run {
        outcomes.insert(
            (unit.file.rel.clone(), unit.suite.index, c.id.clone()),
            Outcome::Failed(reason.to_string()),
        );
    }
}

/// A unit whose model generated: its IR, and the cases that are only to
/// fail (their code does not compile), by index.
struct Live<'a> {
    unit: &'a Unit<'a>,
    svc: shapegen::ir::Service,
    broken: BTreeMap<usize, String>,
    cases: harness::CasesFile,
}

/// The unit's generated code and its IR.
fn generate(unit: &Unit) -> Result<(String, shapegen::ir::Service), String> {
    let model = model::build_model(unit.suite, &unit.group);
    let bytes = serde_json::to_vec_pretty(&model).map_err(|e| e.to_string())?;
    let display = format!("{}#{}", unit.file.rel, unit.suite.index);
    let first = |d: shapegen::Diagnostics| {
        d.iter()
            .next()
            .map(|x| x.to_string().replace('\n', " "))
            .unwrap_or_else(|| "(no diagnostics)".into())
    };
    let generated = shapegen::Config::new()
        .model_bytes(&unit.module, &display, bytes.clone())
        .layout(shapegen::Layout::SingleFile)
        .regen_command("cargo xtask protocol-tests")
        .generate()
        .map_err(first)?;
    let code = generated
        .files
        .get(&format!("{}.rs", unit.module))
        .cloned()
        .ok_or("shapegen wrote no file for the module")?;
    let parsed = shapegen::load::parse_model(&display, &bytes).map_err(first)?;
    let svc = shapegen::ir::build(&unit.module, &display, &parsed, &Default::default(), "")
        .map_err(first)?;
    Ok((code, svc))
}

fn mkdir(p: &Path) -> Result<(), String> {
    std::fs::create_dir_all(p).map_err(|e| format!("cannot create {}: {e}", p.display()))
}

/// Write a file unless it already holds these bytes (keeps cargo's
/// incremental state).
fn write(p: &Path, text: &str) -> Result<(), String> {
    if std::fs::read(p).is_ok_and(|b| b == text.as_bytes()) {
        return Ok(());
    }
    std::fs::write(p, text).map_err(|e| format!("cannot write {}: {e}", p.display()))
}
