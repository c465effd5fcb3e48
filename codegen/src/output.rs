//! Stage 5: token streams → formatted files → the output directory.
//!
//! Writing is all-or-nothing: everything is generated and formatted in memory
//! first; then every changed file is written to a temporary sibling and only
//! when all of those succeeded are they renamed into place.

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
    /// files in `owned` sub-directories. All or nothing.
    pub fn write(&self, out_dir: &Path, owned: &[&str]) -> Result<WriteReport, Diagnostics> {
        let (report, actions) = self.plan(out_dir, owned)?;
        let io = |path: &Path, what: &str, e: std::io::Error| {
            Diagnostic::new(
                path.display().to_string(),
                "",
                format!("cannot {what}: {e}"),
                "check permissions and free space; nothing was changed",
            )
        };
        // Phase 1: write temporaries.
        let mut temps: Vec<(PathBuf, PathBuf)> = Vec::new();
        let cleanup = |temps: &[(PathBuf, PathBuf)]| {
            for (t, _) in temps {
                let _ = std::fs::remove_file(t);
            }
        };
        for (path, content) in &actions {
            let Some(content) = content else { continue };
            if let Some(parent) = path.parent() {
                if let Err(e) = std::fs::create_dir_all(parent) {
                    cleanup(&temps);
                    return Err(io(parent, "create the directory", e).into());
                }
            }
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let tmp = path.with_file_name(format!(".{name}.shapegen-tmp"));
            if let Err(e) = std::fs::write(&tmp, content) {
                cleanup(&temps);
                let _ = std::fs::remove_file(&tmp);
                return Err(io(&tmp, "write", e).into());
            }
            temps.push((tmp, path.clone()));
        }
        // Phase 2: move into place, then delete stale files.
        for (tmp, path) in &temps {
            if let Err(e) = std::fs::rename(tmp, path) {
                cleanup(&temps);
                return Err(io(path, "replace", e).into());
            }
        }
        for (path, content) in &actions {
            if content.is_none() {
                let _ = std::fs::remove_file(path);
                // Remove a directory left empty.
                if let Some(parent) = path.parent() {
                    let _ = std::fs::remove_dir(parent);
                }
            }
        }
        Ok(report)
    }
}
