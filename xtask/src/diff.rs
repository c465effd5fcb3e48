//! `cargo xtask diff`: compare two versions of a service model, print the
//! changelog (in the format of the AWS API changelog pages) and the semver bump
//! the generated crate needs.
//!
//! ```text
//! cargo xtask diff OLD NEW              # two model files
//! cargo xtask diff --git REV FILE       # FILE against its version in git revision REV
//! cargo xtask diff ... --json           # machine-readable report
//! ```

use shapegen::diag::{Diagnostic, Diagnostics};
use shapegen::diff::{diff_models, empty_model, Bump, DiffReport};
use shapegen::load::{load_file, parse_model};
use shapegen::Model;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

/// Compare two service models and print the changelog and semver bump.
#[derive(clap::Args, Debug, Clone)]
#[command(
    after_help = "Examples:\n  cargo xtask diff old/service-2.json models/apigateway.json\n  \
                  cargo xtask diff --git HEAD models/apigateway.json --json"
)]
pub struct DiffArgs {
    /// Compare FILE with its version in this git revision (a commit, branch or
    /// tag) instead of comparing two files.
    #[arg(long, value_name = "REV")]
    pub git: Option<String>,

    /// Print the report as JSON instead of text.
    #[arg(long)]
    pub json: bool,

    /// Prefix the changelog title with this date (e.g. 2019/05/22), as the
    /// changelog pages do.
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,

    /// OLD NEW (two model files), or FILE with --git.
    #[arg(value_name = "FILES", required = true, num_args = 1..=2)]
    pub files: Vec<PathBuf>,
}

/// Run the subcommand: 0 on success (whatever the diff says), 1 on errors
/// (missing file, bad JSON, bad git revision), with the diagnostics on stderr.
pub fn run(args: &DiffArgs) -> ExitCode {
    match report(args) {
        Ok(report) => {
            if args.json {
                let json = serde_json_pretty(&report);
                println!("{json}");
            } else {
                print!("{}", report.to_text(args.date.as_deref()));
            }
            ExitCode::SUCCESS
        }
        Err(diags) => {
            eprintln!("{diags}");
            ExitCode::from(1)
        }
    }
}

fn serde_json_pretty(report: &DiffReport) -> String {
    // `to_json` returns a `serde_json::Value`, whose `Display` with `{:#}`
    // pretty-prints; xtask needs no serde_json dependency of its own.
    format!("{:#}", report.to_json())
}

fn report(args: &DiffArgs) -> Result<DiffReport, Diagnostics> {
    let (old, new) = match (&args.git, args.files.as_slice()) {
        (None, [old, new]) => (load_file(old)?, load_file(new)?),
        (Some(rev), [file]) => {
            let root = std::env::current_dir().map_err(|e| {
                Diagnostic::new(
                    "cargo xtask diff",
                    "",
                    format!("cannot read the current directory: {e}"),
                    "run it from inside the repository",
                )
            })?;
            let old = match git_show(&root, rev, file) {
                Ok(GitFile::Found { label, bytes }) => parse_model(&label, &bytes)?,
                Ok(GitFile::Missing) => empty_model(),
                Ok(GitFile::NotARepo) => {
                    return Err(usage_error(
                        file,
                        "not inside a git repository, so --git cannot read an old version",
                    ))
                }
                Err(msg) => return Err(usage_error(file, &msg)),
            };
            (old, load_file(file)?)
        }
        (None, _) => {
            return Err(Diagnostic::new(
                "cargo xtask diff",
                "",
                "expected two model files: OLD NEW",
                "run `cargo xtask diff OLD NEW`, or `cargo xtask diff --git REV FILE`",
            )
            .into())
        }
        (Some(_), _) => {
            return Err(Diagnostic::new(
                "cargo xtask diff",
                "",
                "with --git, give exactly one model file",
                "run `cargo xtask diff --git REV FILE`",
            )
            .into())
        }
    };
    Ok(diff_models(&old, &new))
}

fn usage_error(file: &Path, msg: &str) -> Diagnostics {
    Diagnostic::new(
        file.display().to_string(),
        "",
        msg.to_string(),
        "check the revision with `git rev-parse REV` and that the file is inside the repository",
    )
    .into()
}

enum GitFile {
    Found {
        label: String,
        bytes: Vec<u8>,
    },
    /// The revision exists but has no such file (or the branch has no commit
    /// yet and the revision is `HEAD`): the file is new.
    Missing,
    NotARepo,
}

fn git(dir: &Path, args: &[&str]) -> Result<std::process::Output, String> {
    Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|e| format!("cannot run git: {e}"))
}

/// The work tree root containing `dir`, or `None` outside a repository.
fn git_toplevel(dir: &Path) -> Result<Option<PathBuf>, String> {
    let out = git(dir, &["rev-parse", "--show-toplevel"])?;
    if !out.status.success() {
        return Ok(None);
    }
    let top = String::from_utf8_lossy(&out.stdout).trim().to_string();
    Ok(Some(PathBuf::from(top)))
}

/// Read `file` (relative to `base`, or absolute) as of revision `rev`.
fn git_show(base: &Path, rev: &str, file: &Path) -> Result<GitFile, String> {
    let abs = if file.is_absolute() {
        file.to_path_buf()
    } else {
        base.join(file)
    };
    let dir = abs
        .parent()
        .filter(|p| p.is_dir())
        .map(Path::to_path_buf)
        .unwrap_or_else(|| base.to_path_buf());
    let Some(top) = git_toplevel(&dir)? else {
        return Ok(GitFile::NotARepo);
    };
    let top = top.canonicalize().unwrap_or(top);
    let abs_dir = dir.canonicalize().unwrap_or(dir);
    let name = abs
        .file_name()
        .ok_or_else(|| format!("`{}` is not a file path", file.display()))?;
    let rel = abs_dir
        .join(name)
        .strip_prefix(&top)
        .map_err(|_| {
            format!(
                "`{}` is outside the repository {}",
                file.display(),
                top.display()
            )
        })?
        .to_path_buf();
    let rel = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/");

    let commit = git(
        &top,
        &[
            "rev-parse",
            "--verify",
            "--quiet",
            &format!("{rev}^{{commit}}"),
        ],
    )?;
    if !commit.status.success() {
        let unborn_head = rev == "HEAD"
            && !git(&top, &["rev-parse", "--verify", "--quiet", "HEAD"])?
                .status
                .success();
        if unborn_head {
            return Ok(GitFile::Missing);
        }
        return Err(format!("`{rev}` is not a commit in {}", top.display()));
    }
    let spec = format!("{rev}:{rel}");
    let exists = git(&top, &["cat-file", "-e", &spec])?;
    if !exists.status.success() {
        return Ok(GitFile::Missing);
    }
    let out = git(&top, &["show", &spec])?;
    if !out.status.success() {
        return Err(format!(
            "`git show {spec}` failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    Ok(GitFile::Found {
        label: spec,
        bytes: out.stdout,
    })
}

/// For `cargo xtask regen`: compare each model file with its version in git
/// `HEAD` and return the changelog and semver class of each, plus the bump
/// the crate needs overall. A file that is new since `HEAD` (or a branch with
/// no commit yet) counts as all-new. `Ok(None)` outside a git repository.
/// `Err` when git cannot be run or a file does not parse (the message holds the
/// diagnostics).
pub fn summary_since_head(
    repo_root: &Path,
    model_files: &[PathBuf],
) -> Result<Option<String>, String> {
    if git_toplevel(repo_root)?.is_none() {
        return Ok(None);
    }
    let mut out = String::new();
    let mut overall = Bump::None;
    for file in model_files {
        let abs = if file.is_absolute() {
            file.clone()
        } else {
            repo_root.join(file)
        };
        let old: Model = match git_show(repo_root, "HEAD", &abs)? {
            GitFile::Found { label, bytes } => {
                parse_model(&label, &bytes).map_err(|d| d.to_string())?
            }
            GitFile::Missing => empty_model(),
            GitFile::NotARepo => return Ok(None),
        };
        let new = load_file(&abs).map_err(|d| d.to_string())?;
        let report = diff_models(&old, &new);
        let bump = report.semver();
        overall = overall.max(bump);
        out.push_str(&format!("== {} (since HEAD)\n", file.display()));
        if bump == Bump::None {
            out.push_str("no changes\n\n");
            continue;
        }
        out.push_str(&report.to_text(None));
        out.push('\n');
    }
    if model_files.len() > 1 {
        out.push_str(&format!("overall {}\n", overall.describe()));
    }
    Ok(Some(out))
}
