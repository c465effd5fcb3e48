//! Project tasks: `cargo xtask regen [--check]`, and friends. See `cargo xtask --help`.

use clap::{Args, Parser, Subcommand};

mod bench;
mod corpus;
mod diff;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "cargo xtask", about = "shapegen project tasks")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Regenerate `generated/src` from `models/*.json`.
    Regen(RegenArgs),
    /// Generate every botocore service model; `--compile` checks the demanding ones.
    Corpus(corpus::CorpusArgs),
    /// Changelog and semver class of a model change: `diff OLD NEW` or `diff --git REV FILE`.
    Diff(diff::DiffArgs),
    /// Benchmarks against the official SDK; writes BENCHMARKS.md.
    Bench(bench::BenchArgs),
    /// Run botocore's protocol compliance suites against generated code.
    ProtocolTests(ProtocolTestsArgs),
}

#[derive(Args)]
struct ProtocolTestsArgs {
    /// Directory of the suites (`input/*.json`, `output/*.json`).
    #[arg(long, value_name = "DIR")]
    suites: Option<PathBuf>,
    /// Only cases whose file path (`input/rest-json.json`) or id contains this.
    #[arg(long, value_name = "SUBSTR")]
    filter: Option<String>,
}

#[derive(Args)]
struct RegenArgs {
    /// Write nothing; exit non-zero when `generated/` is stale.
    #[arg(long)]
    check: bool,
    /// Directory of models (`*.json`, plus the optional `enum-names.json`).
    #[arg(long, value_name = "DIR")]
    models: Option<PathBuf>,
    /// The generated crate's directory (its `src/` is rewritten).
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
}

/// The workspace root (the parent of this crate's directory).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives inside the workspace")
        .to_path_buf()
}

/// The `Cargo.toml` line of a generated crate written outside the workspace:
/// its dependency on this workspace's runtime crate.
pub fn runtime_dependency(features: &[String]) -> String {
    format!(
        "shapegen-runtime = {{ path = {:?}, features = {features:?} }}\n",
        workspace_root().join("codegen").join("runtime")
    )
}

fn regen(args: &RegenArgs) -> ExitCode {
    let root = workspace_root();
    let models = args.models.clone().unwrap_or_else(|| root.join("models"));
    let out = args.out.clone().unwrap_or_else(|| root.join("generated"));
    let src = out.join("src");
    let mut config = shapegen::Config::new()
        .interface(shapegen::Interface::Xtask)
        .regen_command("cargo xtask regen");
    // The crate's name, for the example in its documentation.
    if let Some(name) = std::fs::read_to_string(out.join("Cargo.toml"))
        .ok()
        .and_then(|m| shapegen::crate_doc::crate_name_from_manifest(&m))
    {
        config = config.crate_name(&name);
    }
    let generated = config
        .models_dir(&models)
        .map(|c| c.display_relative_to(&root))
        .and_then(|c| c.generate());
    let generated = match generated {
        Ok(g) => g,
        Err(e) => {
            eprintln!("{e}");
            eprintln!("regen failed: nothing was written");
            return ExitCode::FAILURE;
        }
    };
    if args.check {
        return match generated.plan(&src, &[""]) {
            Ok((report, _)) if report.is_clean() => {
                println!(
                    "{} is up to date ({} files)",
                    rel(&root, &src),
                    report.unchanged
                );
                ExitCode::SUCCESS
            }
            Ok((report, _)) => {
                eprintln!("{} is stale:", rel(&root, &src));
                print_files(&report, &src, &root, true);
                eprintln!("run `cargo xtask regen` and commit the result");
                ExitCode::FAILURE
            }
            Err(e) => {
                eprintln!("{e}");
                ExitCode::FAILURE
            }
        };
    }
    match generated.write(&src, &[""]) {
        Ok(report) => {
            print_model_changes(&root, &models);
            if report.is_clean() {
                println!(
                    "{} is up to date ({} files)",
                    rel(&root, &src),
                    report.unchanged
                );
            } else {
                print_files(&report, &src, &root, false);
                println!(
                    "{} created, {} changed, {} deleted, {} unchanged; +{} -{} lines",
                    report.created.len(),
                    report.changed.len(),
                    report.deleted.len(),
                    report.unchanged,
                    report.lines_added,
                    report.lines_removed
                );
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            eprintln!("regen failed: nothing was written");
            ExitCode::FAILURE
        }
    }
}

/// What the model edits since the last commit mean for the generated crate.
fn print_model_changes(root: &Path, models: &Path) {
    let Ok(entries) = std::fs::read_dir(models) else {
        return;
    };
    let mut files: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.extension().is_some_and(|x| x == "json")
                && p.file_name()
                    .is_some_and(|n| n != shapegen::ENUM_NAMES_FILE)
        })
        .collect();
    files.sort();
    match diff::summary_since_head(root, &files) {
        // Nothing to say when no model changed since the last commit.
        Ok(Some(summary)) if summary.contains("(no changes)") => {}
        Ok(Some(summary)) => println!("{summary}"),
        Ok(None) => {}
        Err(e) => eprintln!("(no model change summary: {e})"),
    }
}

fn rel(root: &Path, p: &Path) -> String {
    p.strip_prefix(root).unwrap_or(p).display().to_string()
}

fn print_files(report: &shapegen::WriteReport, src: &Path, root: &Path, to_stderr: bool) {
    for l in report.file_lines(&rel(root, src)) {
        if to_stderr {
            eprintln!("{l}");
        } else {
            println!("{l}");
        }
    }
}

fn protocol_tests(args: &ProtocolTestsArgs) -> ExitCode {
    let mut opts = shapegen_protocol_tests::Options::new(&workspace_root());
    if let Some(dir) = &args.suites {
        opts.suites_dir = dir.clone();
    }
    opts.filter = args.filter.clone();
    match shapegen_protocol_tests::run(&opts, &mut std::io::stderr()) {
        Ok(report) => {
            let _ = report.write(&mut std::io::stdout());
            if report.success() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Err(e) => {
            eprintln!("protocol-tests: {e}");
            ExitCode::FAILURE
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Regen(args) => regen(&args),
        Command::Diff(args) => diff::run(&args),
        Command::Bench(args) => bench::run(&args),
        Command::Corpus(args) => corpus::run(&args),
        Command::ProtocolTests(args) => protocol_tests(&args),
    }
}
