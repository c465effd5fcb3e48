//! Whole-corpus generator throughput: shapegen over every botocore model vs
//! `serde_json::Value` parsing of the same bytes (target: at most 20×).
//! Measured here, in the release-built bench binary, so both sides are optimized.
//!
//! Both sides start from the bytes in memory (file reading is excluded). Each
//! side is measured twice per run: on one thread, where shapegen's time is
//! split into its stages, and with [`WORKERS`] threads taking models from a
//! shared queue (largest first), as `cargo xtask corpus` runs; the sides
//! alternate. Every time is taken on two
//! clocks: wall time, and CPU time (of the thread, or of the process for the
//! parallel runs), which other processes on a shared machine do not inflate.
//! Peak memory is the process's `VmHWM`, reset (`/proc/self/clear_refs`)
//! before each side's run (the maximum over runs); it includes the corpus bytes held in memory
//! (`baseline_rss`). One more 1-thread pass takes emit and format apart
//! ([`Breakdown`]).

use serde::Serialize;
use shapegen::{emit, ir, load, output, validate};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// How hints name the enum name table (`ir::build`'s last argument, as `cargo xtask` says it).
const ENUM_TABLE: &str = "the enum name table (models/enum-names.json)";

/// Threads of the parallel runs (the machine the figures were made for has 2 cores).
pub const WORKERS: usize = 2;

/// shapegen's stages, in pipeline order (the names shown in BENCHMARKS.md).
const STAGES: [&str; 6] = [
    "parse (load::parse_model)",
    "validate",
    "IR (ir::build)",
    "emit (token streams)",
    "format (syn + prettyplease)",
    "write (Generated::write)",
];

#[derive(Serialize)]
pub struct CorpusReport {
    pub dir: String,
    pub files: usize,
    pub bytes: u64,
    /// Wall time of each `serde_json::Value` parse of all files (1 thread), ns.
    pub value_runs_ns: Vec<u128>,
    /// Thread CPU time of the same runs, ns.
    pub value_cpu_runs_ns: Vec<u128>,
    /// Wall time of each parse with [`WORKERS`] threads, ns.
    pub value_parallel_runs_ns: Vec<u128>,
    /// Process CPU time of the same runs, ns.
    pub value_parallel_cpu_ns: Vec<u128>,
    /// Peak resident memory over the `Value` runs, bytes (`None`: not Linux).
    pub value_peak_rss: Option<u64>,
    /// Resident memory before either side ran (the corpus bytes are in memory).
    pub baseline_rss: Option<u64>,
    /// shapegen's stages (name, wall ns: median over the 1-thread runs); `None` = pending.
    pub shapegen: Option<Vec<(String, u128)>>,
    /// The same on the thread's CPU clock.
    pub shapegen_cpu: Option<Vec<(String, u128)>>,
    pub shapegen_detail: Option<ShapegenDetail>,
    /// One extra 1-thread pass taking emit and format apart.
    pub breakdown: Option<Breakdown>,
}

#[derive(Serialize)]
pub struct ShapegenDetail {
    /// Total of the stages per 1-thread run, wall ns.
    pub runs_ns: Vec<u128>,
    /// The same, thread CPU ns.
    pub cpu_runs_ns: Vec<u128>,
    /// Wall time of each run with [`WORKERS`] threads (all stages), ns.
    pub parallel_runs_ns: Vec<u128>,
    /// Process CPU time of the same runs, ns.
    pub parallel_cpu_ns: Vec<u128>,
    pub workers: usize,
    /// Peak resident memory over the shapegen runs, bytes.
    pub peak_rss: Option<u64>,
    /// What one run writes: files, bytes, lines.
    pub out_files: usize,
    pub out_bytes: u64,
    pub out_lines: u64,
    pub out_dir: String,
    /// Models shapegen rejected: (service, first line of the diagnostics).
    pub failed: Vec<(String, String)>,
    /// The slowest models (1 thread, median run): (service, input bytes, wall ns).
    pub slowest: Vec<(String, u64, u128)>,
}

/// Emit and format taken apart, per generated file kind, in one 1-thread
/// pass (thread CPU time, ns): emit (`Emitter::*_file`), then
/// `TokenStream::to_string()` of the tokens (what printing them unformatted
/// costs), `syn::parse2::<syn::File>`, `prettyplease::unparse` and dropping the
/// `syn::File` (the last three make up `output::format_file`).
#[derive(Serialize, Default)]
pub struct Breakdown {
    pub kinds: Vec<KindTimes>,
}

/// One file kind of [`Breakdown`]: (file kind, emit, to_string, syn parse,
/// unparse, drop syn::File, output bytes, output lines).
pub type KindTimes = (String, u128, u128, u128, u128, u128, u64, u64);

/// Every `service-2.json` below `dir` (a botocore `data/` tree), or else every
/// `*.json` directly in `dir` (a flat directory of models).
fn corpus_files(dir: &Path) -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(rd) = std::fs::read_dir(dir) else {
            return;
        };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.file_name().is_some_and(|n| n == "service-2.json") {
                out.push(p);
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, &mut out);
    if out.is_empty() {
        if let Ok(rd) = std::fs::read_dir(dir) {
            out = rd
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "json"))
                .collect();
        }
    }
    out.sort();
    out
}

/// The service name of a model file: `<service>/<version>/service-2.json` or `<service>.json`.
fn service_name(p: &Path) -> String {
    let stem = p
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    if stem == "service-2" {
        if let Some(svc) = p.parent().and_then(Path::parent).and_then(Path::file_name) {
            return svc.to_string_lossy().into_owned();
        }
    }
    stem
}

/// `VmHWM` / `VmRSS` of this process, bytes.
fn proc_status(key: &str) -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with(key))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// Returns freed heap memory to the system (so the other side's leftovers do
/// not count), then resets `VmHWM` to the current RSS (Linux ≥ 4.0).
fn reset_peak() {
    // SAFETY: malloc_trim only releases free memory of glibc's heap.
    unsafe {
        libc::malloc_trim(0);
    }
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

fn cpu_clock(clock: libc::clockid_t) -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec; the clock ids are constants.
    if unsafe { libc::clock_gettime(clock, &mut ts) } != 0 {
        return Duration::ZERO;
    }
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

/// CPU time of the calling thread.
fn thread_cpu() -> Duration {
    cpu_clock(libc::CLOCK_THREAD_CPUTIME_ID)
}

/// CPU time of the whole process (every thread).
fn process_cpu() -> Duration {
    cpu_clock(libc::CLOCK_PROCESS_CPUTIME_ID)
}

/// A wall and a CPU time.
#[derive(Clone, Copy, Default)]
struct Times {
    wall: Duration,
    cpu: Duration,
}

impl std::ops::AddAssign for Times {
    fn add_assign(&mut self, o: Times) {
        self.wall += o.wall;
        self.cpu += o.cpu;
    }
}

/// Both clocks of the calling thread, for laps.
struct Stopwatch {
    wall: Instant,
    cpu: Duration,
}

impl Stopwatch {
    fn start() -> Self {
        Stopwatch {
            wall: Instant::now(),
            cpu: thread_cpu(),
        }
    }

    /// Time since the start or the previous lap.
    fn lap(&mut self) -> Times {
        let (wall, cpu) = (Instant::now(), thread_cpu());
        let t = Times {
            wall: wall - self.wall,
            cpu: cpu - self.cpu,
        };
        self.wall = wall;
        self.cpu = cpu;
        t
    }
}

/// Runs `f` on every item with `workers` threads taking the next index from a
/// shared counter; returns the wall time and the process CPU time.
fn parallel<T: Sync>(items: &[T], workers: usize, f: impl Fn(&T) + Sync) -> Times {
    let next = AtomicUsize::new(0);
    let (start, cpu) = (Instant::now(), process_cpu());
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| {
                while let Some(item) = items.get(next.fetch_add(1, Ordering::Relaxed)) {
                    f(item);
                }
            });
        }
    });
    Times {
        wall: start.elapsed(),
        cpu: process_cpu() - cpu,
    }
}

fn median<T: Copy + Ord>(v: &[T]) -> T {
    let mut v = v.to_vec();
    v.sort();
    v[v.len() / 2]
}

pub fn measure(dir: &Path, runs: usize) -> Result<CorpusReport, String> {
    let paths = corpus_files(dir);
    if paths.is_empty() {
        return Err(format!(
            "no service-2.json or *.json files in {}",
            dir.display()
        ));
    }
    let mut files: Vec<(PathBuf, Vec<u8>)> = paths
        .into_iter()
        .map(|p| {
            std::fs::read(&p)
                .map(|b| (p.clone(), b))
                .map_err(|e| format!("{}: {e}", p.display()))
        })
        .collect::<Result<_, _>>()?;
    // Largest first: the parallel runs then end with small files (balanced workers).
    files.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then_with(|| a.0.cmp(&b.0)));
    let bytes = files.iter().map(|(_, b)| b.len() as u64).sum();
    eprintln!(
        "corpus: {} files, {:.1} MB in memory",
        files.len(),
        bytes as f64 / 1e6
    );
    let baseline_rss = proc_status("VmRSS:");
    let parse_value = |(p, b): &(PathBuf, Vec<u8>)| -> Result<(), String> {
        let v: serde_json::Value =
            serde_json::from_slice(b).map_err(|e| format!("{}: {e}", p.display()))?;
        std::hint::black_box(v);
        Ok(())
    };
    // The two sides alternate run by run (1 thread, then WORKERS threads), so
    // that a change of load on the shared machine hits both alike.
    let mut sg = Shapegen::new(files.len());
    let (mut value_runs, mut value_parallel) = (Vec::new(), Vec::new());
    let (mut value_peak, mut shapegen_peak) = (None, None);
    let peak = |acc: &mut Option<u64>| {
        *acc = (*acc).max(proc_status("VmHWM:"));
        reset_peak();
    };
    for run in 0..runs {
        reset_peak();
        let mut sw = Stopwatch::start();
        for f in &files {
            parse_value(f)?;
        }
        let t = sw.lap();
        peak(&mut value_peak);
        sg.single(&files, run)?;
        peak(&mut shapegen_peak);
        let tp = parallel(&files, WORKERS, |f| {
            parse_value(f).expect("parsed once already");
        });
        peak(&mut value_peak);
        sg.parallel(&files)?;
        peak(&mut shapegen_peak);
        eprintln!(
            "  corpus serde_json::Value parse: {:.3} s (1 thread; CPU {:.3} s), {:.3} s ({WORKERS} threads; CPU {:.3} s)",
            t.wall.as_secs_f64(),
            t.cpu.as_secs_f64(),
            tp.wall.as_secs_f64(),
            tp.cpu.as_secs_f64()
        );
        value_runs.push(t);
        value_parallel.push(tp);
    }
    let (mut detail, stage_runs) = sg.finish(&files);
    detail.peak_rss = shapegen_peak;
    let stage_medians = |clock: fn(&Times) -> Duration| {
        STAGES
            .iter()
            .enumerate()
            .map(|(i, name)| {
                let per_run: Vec<u128> =
                    stage_runs.iter().map(|r| clock(&r[i]).as_nanos()).collect();
                (name.to_string(), median(&per_run))
            })
            .collect()
    };
    let shapegen = Some(stage_medians(|t| t.wall));
    let shapegen_cpu = Some(stage_medians(|t| t.cpu));
    let breakdown = Some(breakdown(&files));
    Ok(CorpusReport {
        dir: dir.display().to_string(),
        files: files.len(),
        bytes,
        value_runs_ns: ns(&value_runs, |t| t.wall),
        value_cpu_runs_ns: ns(&value_runs, |t| t.cpu),
        value_parallel_runs_ns: ns(&value_parallel, |t| t.wall),
        value_parallel_cpu_ns: ns(&value_parallel, |t| t.cpu),
        value_peak_rss: value_peak,
        baseline_rss,
        shapegen,
        shapegen_cpu,
        shapegen_detail: Some(detail),
        breakdown,
    })
}

/// One clock of each of `v`, ns.
fn ns(v: &[Times], clock: fn(&Times) -> Duration) -> Vec<u128> {
    v.iter().map(|t| clock(t).as_nanos()).collect()
}

/// Stage times of one model, in [`STAGES`] order.
type Stages = [Times; 6];

/// What one model produced.
struct OneOut {
    files: usize,
    bytes: u64,
    lines: u64,
}

/// The generator's pipeline for one model, stage by stage, with the public
/// pieces `Config::generate` is made of (types/enums/builders/operations files
/// through `output::format_file`; `mod.rs` and `lib.rs`, a few lines, are
/// written as plain text), then `Generated::write` into `out/<service>/src`.
fn generate_one(
    path: &Path,
    bytes: &[u8],
    out: &Path,
    overrides: &ir::EnumOverrides,
) -> Result<(Stages, OneOut), String> {
    let mut st = Stages::default();
    let service = service_name(path);
    let display = format!("{service}.json");
    let first_line = |e: shapegen::Diagnostics| {
        e.to_string()
            .lines()
            .next()
            .unwrap_or("(no message)")
            .to_string()
    };
    let mut sw = Stopwatch::start();

    let model = load::parse_model(&display, bytes).map_err(first_line)?;
    st[0] += sw.lap();

    let problems = validate::validate(&display, &model);
    if !problems.is_empty() {
        return Err(first_line(shapegen::Diagnostics(problems)));
    }
    st[1] += sw.lap();

    let module = shapegen::module_name(&service);
    let svc = ir::build(&module, &display, &model, overrides, ENUM_TABLE).map_err(first_line)?;
    st[2] += sw.lap();

    let em = emit::Emitter::new(&svc, "crate::primitives");
    // The same files as `Config::generate` writes.
    let parts = em.parts();
    let verbatim = em.take_verbatim();
    st[3] += sw.lap();

    let header = format!(
        "// @generated by shapegen from {display}. Do not edit by hand.\n// Regenerate with `cargo xtask bench`.\n"
    );
    let mut files = BTreeMap::new();
    let mut mod_rs = header.clone();
    for (name, tokens, _) in parts {
        let rel = format!("{module}/{name}.rs");
        let text = output::format_file_with(&header, tokens, &verbatim, &rel)
            .map_err(|d| first_line(shapegen::Diagnostics::one(d)))?;
        files.insert(rel, text);
        mod_rs.push_str(&format!("pub mod {name};\n"));
    }
    files.insert(format!("{module}/mod.rs"), mod_rs);
    files.insert(
        "lib.rs".to_string(),
        format!("{header}pub use ::shapegen_runtime as primitives;\npub mod {module};\n"),
    );
    st[4] += sw.lap();

    let generated = output::Generated {
        files,
        runtime_features: Vec::new(),
    };
    generated
        .write(&out.join(&service).join("src"), &[""])
        .map_err(first_line)?;
    st[5] += sw.lap();

    let o = OneOut {
        files: generated.files.len(),
        bytes: generated.files.values().map(|s| s.len() as u64).sum(),
        lines: generated
            .files
            .values()
            .map(|s| s.lines().count() as u64)
            .sum(),
    };
    Ok((st, o))
}

/// shapegen's runs over the corpus (already in memory: file reading is
/// excluded, like on the `Value` side), accumulated. Each run writes into an
/// emptied `bench/target/corpus-out/` (emptied untimed), so every write
/// creates files.
struct Shapegen {
    out: PathBuf,
    overrides: ir::EnumOverrides,
    /// Stage times of each 1-thread run.
    stage_runs: Vec<Stages>,
    totals: Vec<Times>,
    parallel_runs: Vec<Times>,
    /// Wall ns of each model, per 1-thread run.
    per_file: Vec<Vec<u128>>,
    failed: Vec<(String, String)>,
    out_files: usize,
    out_bytes: u64,
    out_lines: u64,
}

impl Shapegen {
    fn new(n: usize) -> Self {
        Shapegen {
            out: PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/corpus-out"),
            overrides: ir::EnumOverrides::new(),
            stage_runs: Vec::new(),
            totals: Vec::new(),
            parallel_runs: Vec::new(),
            per_file: vec![Vec::new(); n],
            failed: Vec::new(),
            out_files: 0,
            out_bytes: 0,
            out_lines: 0,
        }
    }

    fn fresh(&self) -> Result<(), String> {
        let _ = std::fs::remove_dir_all(&self.out);
        std::fs::create_dir_all(&self.out).map_err(|e| format!("{}: {e}", self.out.display()))
    }

    /// One run on this thread, stage by stage.
    fn single(&mut self, files: &[(PathBuf, Vec<u8>)], run: usize) -> Result<(), String> {
        self.fresh()?;
        let mut total = Stages::default();
        for (i, (p, b)) in files.iter().enumerate() {
            match generate_one(p, b, &self.out, &self.overrides) {
                Ok((st, o)) => {
                    let mut sum = Times::default();
                    for (t, s) in total.iter_mut().zip(st) {
                        *t += s;
                        sum += s;
                    }
                    self.per_file[i].push(sum.wall.as_nanos());
                    if run == 0 {
                        self.out_files += o.files;
                        self.out_bytes += o.bytes;
                        self.out_lines += o.lines;
                    }
                }
                Err(e) if run == 0 => self.failed.push((service_name(p), e)),
                Err(_) => {}
            }
        }
        let mut sum = Times::default();
        for t in total {
            sum += t;
        }
        eprintln!(
            "  corpus shapegen, 1 thread: {:.3} s (CPU {:.3} s; {})",
            sum.wall.as_secs_f64(),
            sum.cpu.as_secs_f64(),
            STAGES
                .iter()
                .zip(total)
                .map(|(n, t)| format!(
                    "{} {:.3}",
                    n.split(' ').next().unwrap_or(n),
                    t.wall.as_secs_f64()
                ))
                .collect::<Vec<_>>()
                .join(", ")
        );
        self.totals.push(sum);
        self.stage_runs.push(total);
        Ok(())
    }

    /// One run with [`WORKERS`] threads.
    fn parallel(&mut self, files: &[(PathBuf, Vec<u8>)]) -> Result<(), String> {
        self.fresh()?;
        let (out, overrides) = (&self.out, &self.overrides);
        let t = parallel(files, WORKERS, |(p, b)| {
            let _ = std::hint::black_box(generate_one(p, b, out, overrides));
        });
        eprintln!(
            "  corpus shapegen, {WORKERS} threads: {:.3} s wall, CPU {:.3} s",
            t.wall.as_secs_f64(),
            t.cpu.as_secs_f64()
        );
        self.parallel_runs.push(t);
        Ok(())
    }

    /// The detail (without peak memory) and the stage times of each 1-thread run.
    fn finish(self, files: &[(PathBuf, Vec<u8>)]) -> (ShapegenDetail, Vec<Stages>) {
        for (s, e) in &self.failed {
            eprintln!("  corpus: shapegen rejected {s}: {e}");
        }
        let mut slowest: Vec<(String, u64, u128)> = files
            .iter()
            .zip(&self.per_file)
            .filter(|(_, t)| !t.is_empty())
            .map(|((p, b), t)| (service_name(p), b.len() as u64, median(t)))
            .collect();
        slowest.sort_by_key(|s| std::cmp::Reverse(s.2));
        slowest.truncate(5);
        (
            ShapegenDetail {
                runs_ns: ns(&self.totals, |t| t.wall),
                cpu_runs_ns: ns(&self.totals, |t| t.cpu),
                parallel_runs_ns: ns(&self.parallel_runs, |t| t.wall),
                parallel_cpu_ns: ns(&self.parallel_runs, |t| t.cpu),
                workers: WORKERS,
                peak_rss: None,
                out_files: self.out_files,
                out_bytes: self.out_bytes,
                out_lines: self.out_lines,
                out_dir: self.out.display().to_string(),
                failed: self.failed,
                slowest,
            },
            self.stage_runs,
        )
    }
}

/// The extra pass of [`Breakdown`]: every model once, on one thread.
fn breakdown(files: &[(PathBuf, Vec<u8>)]) -> Breakdown {
    const KINDS: [&str; 4] = ["types", "enums", "builders", "operations"];
    let mut acc = [[0u128; 7]; 4];
    let overrides = ir::EnumOverrides::new();
    for (p, b) in files {
        let service = service_name(p);
        let display = format!("{service}.json");
        let Ok(model) = load::parse_model(&display, b) else {
            continue;
        };
        if !validate::validate(&display, &model).is_empty() {
            continue;
        }
        let module = shapegen::module_name(&service);
        let Ok(svc) = ir::build(&module, &display, &model, &overrides, ENUM_TABLE) else {
            continue;
        };
        let em = emit::Emitter::new(&svc, "crate::primitives");
        for (k, kind) in KINDS.iter().enumerate() {
            let wanted = match *kind {
                "types" => !svc.structs.is_empty() || !svc.unions.is_empty(),
                "enums" => !svc.enums.is_empty(),
                "builders" => !svc.structs.is_empty(),
                _ => true,
            };
            if !wanted {
                continue;
            }
            let mut sw = Stopwatch::start();
            let tokens = match *kind {
                "types" => em.types_file(),
                "enums" => em.enums_file(),
                "builders" => em.builders_file(),
                _ => em.operations_file(),
            };
            let t_emit = sw.lap().cpu;
            let unformatted = tokens.to_string();
            let t_string = sw.lap().cpu;
            let Ok(file) = syn::parse2::<syn::File>(tokens) else {
                continue;
            };
            let t_parse = sw.lap().cpu;
            let verbatim = em.take_verbatim();
            let text = output::splice_verbatim("", &prettyplease::unparse(&file), &verbatim);
            let t_unparse = sw.lap().cpu;
            drop(file);
            let t_drop = sw.lap().cpu;
            std::hint::black_box(unformatted);
            let a = &mut acc[k];
            for (i, t) in [t_emit, t_string, t_parse, t_unparse, t_drop]
                .into_iter()
                .enumerate()
            {
                a[i] += t.as_nanos();
            }
            a[5] += text.len() as u128;
            a[6] += text.lines().count() as u128;
        }
    }
    let b = Breakdown {
        kinds: KINDS
            .iter()
            .zip(acc)
            .map(|(k, a)| {
                (
                    k.to_string(),
                    a[0],
                    a[1],
                    a[2],
                    a[3],
                    a[4],
                    a[5] as u64,
                    a[6] as u64,
                )
            })
            .collect(),
    };
    eprintln!(
        "  corpus breakdown, CPU s (emit / to_string / syn parse / unparse / drop): {}",
        b.kinds
            .iter()
            .map(|k| format!(
                "{} {:.2}/{:.2}/{:.2}/{:.2}/{:.2}",
                k.0,
                k.1 as f64 / 1e9,
                k.2 as f64 / 1e9,
                k.3 as f64 / 1e9,
                k.4 as f64 / 1e9,
                k.5 as f64 / 1e9
            ))
            .collect::<Vec<_>>()
            .join(", ")
    );
    b
}
