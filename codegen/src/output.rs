//! Stage 5: token streams → formatted files → the output directory.
//!
//! Writing is all-or-nothing: everything is generated and formatted in memory
//! first; then every changed file is written to a temporary sibling, and only
//! when all of those succeeded are they renamed into place, with a backup of
//! each old file to undo the renames done if a later one fails.

use crate::diag::{Diagnostic, Diagnostics};
use proc_macro2::TokenStream;
use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

/// Generated files by path relative to the output directory (`/` separators).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Generated {
    pub files: BTreeMap<String, String>,
}

/// Format a token stream as a Rust file with a header comment.
/// The value of a placeholder doc attribute (`#[doc = "@shapegen-verbatim:N"]`):
/// its `///` line stands for the `N`-th verbatim text.
pub const VERBATIM_DOC: &str = "@shapegen-verbatim:";
/// The macro of a placeholder item (`__shapegen_verbatim!(N);`).
pub const VERBATIM_ITEM: &str = "__shapegen_verbatim";

/// Formats one file with prettyplease, after the header.
pub fn format_file(header: &str, tokens: TokenStream, what: &str) -> Result<String, Diagnostic> {
    format_file_with(header, tokens, &[], what)
}

/// Formats one file with prettyplease, then puts each verbatim text in place
/// of its placeholder, indented like it (see `Emitter::take_verbatim`).
pub fn format_file_with(
    header: &str,
    tokens: TokenStream,
    verbatim: &[String],
    what: &str,
) -> Result<String, Diagnostic> {
    let file: syn::File = syn::parse2(tokens).map_err(|e| {
        Diagnostic::new(
            what,
            "",
            format!("internal error: generated code does not parse: {e}"),
            "this is a shapegen bug; please report it with the model that triggers it",
        )
    })?;
    Ok(splice_verbatim(
        header,
        &prettyplease::unparse(&file),
        verbatim,
    ))
}

/// The header, then prettyplease's `body` with each placeholder replaced by
/// its verbatim text.
pub fn splice_verbatim(header: &str, body: &str, verbatim: &[String]) -> String {
    let mut out = String::with_capacity(
        header.len() + body.len() + verbatim.iter().map(String::len).sum::<usize>(),
    );
    out.push_str(header);
    out.push('\n');
    let doc_marker = format!("///{VERBATIM_DOC}");
    let item_marker = format!("{VERBATIM_ITEM}!(");
    for line in body.lines() {
        let trimmed = line.trim_start();
        let index = trimmed
            .strip_prefix(&doc_marker)
            .or_else(|| {
                trimmed
                    .strip_prefix(&item_marker)
                    .and_then(|r| r.strip_suffix(");"))
            })
            .and_then(|n| n.parse::<usize>().ok());
        match index.and_then(|n| verbatim.get(n)) {
            Some(text) => {
                let indent = &line[..line.len() - trimmed.len()];
                for l in text.lines() {
                    if !l.is_empty() {
                        out.push_str(indent);
                        out.push_str(l);
                    }
                    out.push('\n');
                }
            }
            None => {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    out
}

/// A planned write (`Some(content)`) or deletion (`None`) of one file.
pub type Action<'a> = (PathBuf, Option<&'a str>);

/// What a write (or a check) found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WriteReport {
    pub created: Vec<String>,
    pub changed: Vec<String>,
    pub deleted: Vec<String>,
    pub unchanged: usize,
    pub lines_added: usize,
    pub lines_removed: usize,
}

impl WriteReport {
    pub fn is_clean(&self) -> bool {
        self.created.is_empty() && self.changed.is_empty() && self.deleted.is_empty()
    }
}

fn safe_relative(rel: &str) -> bool {
    !rel.is_empty()
        && !rel.contains('\0')
        && !rel.contains('\\')
        && Path::new(rel)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
}

/// Every `.rs` file below `dir`, relative, with `/` separators.
fn existing_rs_files(root: &Path, dir: &Path, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        let Ok(ft) = e.file_type() else { continue };
        if ft.is_dir() {
            existing_rs_files(root, &p, out);
        } else if ft.is_file() && p.extension().is_some_and(|x| x == "rs") {
            if let Ok(rel) = p.strip_prefix(root) {
                let rel = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect::<Vec<_>>()
                    .join("/");
                out.push(rel);
            }
        }
    }
}

fn count_line_changes(old: &str, new: &str) -> (usize, usize) {
    let mut old_lines: BTreeMap<&str, isize> = BTreeMap::new();
    for l in old.lines() {
        *old_lines.entry(l).or_default() += 1;
    }
    let mut added = 0;
    for l in new.lines() {
        match old_lines.get_mut(l) {
            Some(n) if *n > 0 => *n -= 1,
            _ => added += 1,
        }
    }
    let removed = old_lines.values().filter(|n| **n > 0).sum::<isize>() as usize;
    (added, removed)
}

impl Generated {
    /// Compare with `out_dir` without touching it. `owned` lists the
    /// sub-directories (relative) whose stray `.rs` files are ours to delete.
    pub fn plan(
        &self,
        out_dir: &Path,
        owned: &[&str],
    ) -> Result<(WriteReport, Vec<Action<'_>>), Diagnostics> {
        let mut report = WriteReport::default();
        let mut actions = Vec::new();
        let mut problems = Vec::new();
        for (rel, content) in &self.files {
            if !safe_relative(rel) {
                problems.push(Diagnostic::new(
                    out_dir.display().to_string(),
                    rel.clone(),
                    "refusing to write outside the output directory",
                    "this is a shapegen bug: generated paths come from validated names",
                ));
                continue;
            }
            let path = out_dir.join(rel);
            match std::fs::read(&path) {
                Ok(old) if old == content.as_bytes() => report.unchanged += 1,
                Ok(old) => {
                    let (a, r) = count_line_changes(&String::from_utf8_lossy(&old), content);
                    report.lines_added += a;
                    report.lines_removed += r;
                    report.changed.push(rel.clone());
                    actions.push((path, Some(content.as_str())));
                }
                Err(_) => {
                    report.lines_added += content.lines().count();
                    report.created.push(rel.clone());
                    actions.push((path, Some(content.as_str())));
                }
            }
        }
        for dir in owned {
            let mut existing = Vec::new();
            existing_rs_files(out_dir, &out_dir.join(dir), &mut existing);
            existing.sort();
            for rel in existing {
                if !self.files.contains_key(&rel) {
                    let path = out_dir.join(&rel);
                    if let Ok(old) = std::fs::read_to_string(&path) {
                        report.lines_removed += old.lines().count();
                    }
                    report.deleted.push(rel);
                    actions.push((path, None));
                }
            }
        }
        if !problems.is_empty() {
            return Err(Diagnostics(problems));
        }
        Ok((report, actions))
    }

    /// Write into `out_dir`: only files whose bytes change, delete stray `.rs`
    /// files in `owned` sub-directories. All or nothing (see [`Transaction`]).
    pub fn write(&self, out_dir: &Path, owned: &[&str]) -> Result<WriteReport, Diagnostics> {
        let (report, actions) = self.plan(out_dir, owned)?;
        let mut tx = Transaction::default();
        tx.prepare(&actions)?;
        tx.commit()?;
        Ok(report)
    }
}

/// The file operations of one write, done so that a failure at any point
/// leaves the output directory as it was.
///
/// 1. `prepare`: each new content goes to a temporary beside its target, and
///    each file to be replaced or deleted keeps its old bytes in a backup
///    beside it (a hard link, or a copy where links are not supported);
/// 2. `commit`: temporaries are renamed over their targets and stale files
///    removed; if one of these fails, those already done are undone from the
///    backups (and files that did not exist before are removed);
/// 3. then the backups, and directories left empty by deletions, go.
#[derive(Default)]
struct Transaction {
    steps: Vec<Step>,
    /// Directories created by `prepare`, parents before children.
    created_dirs: Vec<PathBuf>,
}

struct Step {
    target: PathBuf,
    /// The new content's temporary; `None` deletes the target.
    temp: Option<PathBuf>,
    /// The old content's backup; `None` when the target did not exist.
    backup: Option<PathBuf>,
}

fn io_error(path: &Path, what: &str, e: std::io::Error, fix: &str) -> Diagnostic {
    Diagnostic::new(
        path.display().to_string(),
        "",
        format!("cannot {what}: {e}"),
        fix,
    )
}

const NOTHING_CHANGED: &str = "check permissions and free space; nothing was changed";

/// `dir/.name.suffix`: hidden, and not a `.rs` file, so never taken for output.
fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.{suffix}"))
}

impl Transaction {
    fn prepare(&mut self, actions: &[Action<'_>]) -> Result<(), Diagnostics> {
        for (target, content) in actions {
            if let Err(d) = self.prepare_one(target, *content) {
                self.discard();
                return Err(d.into());
            }
        }
        Ok(())
    }

    fn prepare_one(&mut self, target: &Path, content: Option<&str>) -> Result<(), Diagnostic> {
        let backup = if std::fs::symlink_metadata(target).is_ok_and(|m| !m.is_dir()) {
            let backup = sibling(target, "shapegen-old");
            let _ = std::fs::remove_file(&backup); // left by a crashed run
            std::fs::hard_link(target, &backup)
                .or_else(|_| std::fs::copy(target, &backup).map(|_| ()))
                .map_err(|e| io_error(&backup, "keep a backup", e, NOTHING_CHANGED))?;
            Some(backup)
        } else {
            None
        };
        let mut step = Step {
            target: target.to_path_buf(),
            temp: None,
            backup,
        };
        if let Some(content) = content {
            if let Some(parent) = target.parent() {
                self.create_dirs(parent)?;
            }
            let temp = sibling(target, "shapegen-tmp");
            // Pushed first so that `discard` removes a half-written temporary.
            step.temp = Some(temp.clone());
            self.steps.push(step);
            std::fs::write(&temp, content)
                .map_err(|e| io_error(&temp, "write", e, NOTHING_CHANGED))?;
        } else {
            self.steps.push(step);
        }
        Ok(())
    }

    fn create_dirs(&mut self, dir: &Path) -> Result<(), Diagnostic> {
        let mut missing = Vec::new();
        let mut d = dir;
        while !d.as_os_str().is_empty() && !d.exists() {
            missing.push(d.to_path_buf());
            match d.parent() {
                Some(p) => d = p,
                None => break,
            }
        }
        for d in missing.into_iter().rev() {
            std::fs::create_dir(&d)
                .map_err(|e| io_error(&d, "create the directory", e, NOTHING_CHANGED))?;
            self.created_dirs.push(d);
        }
        Ok(())
    }

    /// Before any target was touched: temporaries, backups and new
    /// directories go.
    fn discard(&mut self) {
        for step in &self.steps {
            for p in [&step.temp, &step.backup].into_iter().flatten() {
                let _ = std::fs::remove_file(p);
            }
        }
        for d in self.created_dirs.iter().rev() {
            let _ = std::fs::remove_dir(d);
        }
    }

    fn commit(&mut self) -> Result<(), Diagnostics> {
        for i in 0..self.steps.len() {
            let step = &self.steps[i];
            let (done, what) = match &step.temp {
                Some(temp) => (std::fs::rename(temp, &step.target), "replace"),
                None => (std::fs::remove_file(&step.target), "delete"),
            };
            if let Err(e) = done {
                let target = step.target.clone();
                let unrestored = self.undo(i);
                self.discard();
                let fix = if unrestored.is_empty() {
                    "check permissions and free space; the files already written were restored, nothing was changed".to_string()
                } else {
                    format!(
                        "check permissions and free space; restoring these failed, their old content is in the `.<name>.shapegen-old` file beside each: {}",
                        unrestored.join(", ")
                    )
                };
                return Err(io_error(&target, what, e, &fix).into());
            }
        }
        for step in &self.steps {
            if let Some(backup) = &step.backup {
                let _ = std::fs::remove_file(backup);
            }
            if step.temp.is_none() {
                // Remove a directory left empty.
                if let Some(parent) = step.target.parent() {
                    let _ = std::fs::remove_dir(parent);
                }
            }
        }
        Ok(())
    }

    /// Undoes the first `n` steps; returns the targets that could not be
    /// restored (their backups are then kept).
    fn undo(&mut self, n: usize) -> Vec<String> {
        let mut unrestored = Vec::new();
        for step in self.steps[..n].iter_mut().rev() {
            let restored = match &step.backup {
                Some(backup) => std::fs::rename(backup, &step.target),
                None => std::fs::remove_file(&step.target),
            };
            match restored {
                Ok(()) => step.backup = None,
                Err(_) => {
                    unrestored.push(step.target.display().to_string());
                    step.backup = None; // kept for the user: not discarded
                }
            }
        }
        unrestored
    }
}
