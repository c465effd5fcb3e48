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
pub fn format_file(header: &str, tokens: TokenStream, what: &str) -> Result<String, Diagnostic> {
    let file: syn::File = syn::parse2(tokens).map_err(|e| {
        Diagnostic::new(
            what,
            "",
            format!("internal error: generated code does not parse: {e}"),
            "this is a shapegen bug; please report it with the model that triggers it",
        )
    })?;
    let body = lay_out_macro_calls(&prettyplease::unparse(&file));
    Ok(format!("{header}\n{body}"))
}

/// prettyplease prints a macro call's arguments as a stream of tokens filled
/// to the line width (`Timestamp < EpochSeconds >`), so a member added to a
/// structure would reflow the lines around it. The generator's own calls get a
/// fixed layout instead, so that a model change shows as a diff of the members
/// it touches: a `setters!` call on one line, and `deserialize_struct!` and
/// `string_enum!` calls with one member or variant per line.
fn lay_out_macro_calls(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        let trimmed = line.trim_start();
        let indent = &line[..line.len() - trimmed.len()];
        let block = trimmed.starts_with("__rt::deserialize_struct!(")
            || trimmed.starts_with("__rt::string_enum!(");
        if !(block || trimmed.starts_with("setters!(") || trimmed.starts_with("__rt::builder!(")) {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        // Gather the call: prettyplease ends a multi-line call with `);` on a
        // line of its own, at the call's indentation.
        let mut call = trimmed.to_string();
        if !trimmed.ends_with(");") {
            for next in lines.by_ref() {
                call.push(' ');
                call.push_str(next.trim());
                if next.trim() == ");" && next.len() - next.trim_start().len() == indent.len() {
                    break;
                }
            }
        }
        let call = tidy_tokens(&call);
        out.push_str(indent);
        if block {
            out.push_str(&one_member_per_line(&call, indent));
        } else {
            out.push_str(&call);
        }
        out.push('\n');
    }
    out
}

/// Joins what prettyplease spaced apart (`( ApiKey`, `Vec < Item >`, `a : T`),
/// outside string literals.
fn tidy_tokens(call: &str) -> String {
    let mut out = String::with_capacity(call.len());
    let mut in_str = false;
    let mut escaped = false;
    let chars: Vec<char> = call.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if in_str {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_str = false;
            }
            i += 1;
            continue;
        }
        if c == '"' {
            in_str = true;
            out.push(c);
            i += 1;
            continue;
        }
        if c == ' ' {
            let prev = out.chars().last();
            let next = chars.get(i + 1).copied();
            // `x < T`, `T >`, `( a`, `a )`, `a : T`, `a ;`: no space.
            let drop = matches!(prev, Some('<' | '('))
                || matches!(next, Some('<' | ')' | ';' | ','))
                || (next == Some(':') && chars.get(i + 2) == Some(&' '))
                || (next == Some('>') && prev != Some('='))
                || prev == Some(' ');
            if drop {
                i += 1;
                continue;
            }
        }
        out.push(c);
        // `a: T` keeps one space after the colon (but not in a `::` path).
        if c == ':' && chars.get(i + 1) == Some(&' ') && out.ends_with(": ") {
            i += 1;
        }
        i += 1;
    }
    out
}

/// `m!(A "A" { 0 "a" a Opt; 1 "b" b Req; } skip { c = x; });` with each member
/// on a line of its own.
fn one_member_per_line(call: &str, indent: &str) -> String {
    let mut out = String::with_capacity(call.len() + 64);
    let mut depth = 0usize;
    let mut in_str = false;
    let mut escaped = false;
    let mut chars = call.chars().peekable();
    while let Some(c) = chars.next() {
        if in_str {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_str = false;
            }
            continue;
        }
        match c {
            '"' => {
                in_str = true;
                out.push(c);
            }
            '{' => {
                depth += 1;
                out.push('{');
                if depth == 1 && chars.peek() != Some(&'}') {
                    out.push('\n');
                    out.push_str(indent);
                    out.push_str("    ");
                    while chars.peek() == Some(&' ') {
                        chars.next();
                    }
                }
            }
            '}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 && out.ends_with("    ") {
                    // After the last member's line break: back to the call's indentation.
                    out.truncate(out.len() - 4);
                }
                out.push('}');
            }
            ';' if depth == 1 => {
                out.push(';');
                while chars.peek() == Some(&' ') {
                    chars.next();
                }
                out.push('\n');
                out.push_str(indent);
                out.push_str("    ");
            }
            _ => out.push(c),
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
