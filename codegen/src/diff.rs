//! Model diff: compare two service models, render the changes as a changelog in
//! the format of the AWS API changelog pages (the seed documents in
//! `models/seeds`), and classify every change by its effect on the generated
//! Rust crate, which gives the semver bump a regeneration needs.
//!
//! # The changelog notation
//!
//! The pages list every changed operation as `Name (new)` or `Name (updated)`.
//! An updated one is followed by `Changes (request)`, `Changes (response)` or
//! `Changes (both)` and a Python literal of what was *added*, printed by
//! Python's `pprint` (width 80, dict keys sorted). The rules, worked out from the
//! 41 change blocks of the seed documents:
//!
//! * The dict is keyed by **member names** (`ServerNameToVerify`), never wire
//!   names (`serverNameToVerify`).
//! * A member that exists on both sides is only shown if something was added
//!   below it; a list or a map member is *looked through*: the list's element
//!   (the map's value) is diffed and its additions appear directly under the
//!   member name: `{'items': {'tags': {'string': 'string'}}}` (`items` is a list
//!   of `ApiKey`), `{'RouteSettings': {'LoggingLevel': {'OFF'}}}` (a map of
//!   `RouteSettings`).
//! * A newly added member is spelled out in full: a structure as a dict of all
//!   its members, a map as `{key: value}`, a list as `[element]`, and a leaf as
//!   its model type name (`'string'`, `'double'`, `'boolean'`, `'integer'`,
//!   `'long'`, `'timestamp'`, …), so the shape's *name* never appears.
//! * Enum values added to an existing enum are a Python set under the member
//!   that holds the enum: `{'LoggingLevel': {'OFF'}}`.
//! * `both` shows the request and response additions merged into one dict.
//! * Operations are listed new first, then updated, each alphabetically.
//! * The headline counts operations: `N new api methods`, `N updated api
//!   methods`, or both as `N new M updated api methods` (one of the pages shows
//!   the two counts run together, `7 new8 updated`, an artefact of how its HTML
//!   was turned into text). Removed operations, which the pages never show, are
//!   listed as `Name (removed)` and counted as `N removed`.
//!
//! [`pformat`] is a port of CPython's `pprint.pformat` for these values
//! (dicts, sets, lists, strings), so long dicts wrap exactly as the pages do.
//! One difference: Python prints a set that fits on one line in hash order,
//! which changes from run to run; we always sort.
//!
//! # Classification
//!
//! Every difference is one [`Change`] with a [`Compat`] class: breaking
//! (operation removed, member removed, member made required or optional, a
//! required member added, a member's type changed, an enum value removed, a
//! shape renamed or its type changed, a member's wire name or wire format
//! changed, an HTTP binding changed), additive (operation, optional member,
//! enum value, shape or error added; generated enums have an `Unknown(String)`
//! catch-all, so a new value does not break a `match`), or patch
//! (documentation, and traits that change neither the Rust API nor the bytes on
//! the wire). [`DiffReport::semver`] is the largest of them.

use crate::model::{Model, Operation, Shape, ShapeRef};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque};
use std::fmt;

// ---------------------------------------------------------------------------
// Python values and a port of `pprint.pformat`
// ---------------------------------------------------------------------------

/// The subset of Python values the changelog notation uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PyValue {
    /// A string; in the changelog, a leaf type name such as `'string'`.
    Str(String),
    /// A dict with string keys; keys are kept sorted, as `pprint` prints them.
    Dict(BTreeMap<String, PyValue>),
    /// A set of strings: added enum values.
    Set(BTreeSet<String>),
    /// A list: a newly added list member, spelled `[element]`.
    List(Vec<PyValue>),
}

impl PyValue {
    /// Python's one-line `repr` (as `pprint` computes it: dict keys sorted; sets
    /// sorted too, see the module docs).
    pub fn repr(&self) -> String {
        let mut s = String::new();
        self.write_repr(&mut s);
        s
    }

    fn write_repr(&self, out: &mut String) {
        match self {
            PyValue::Str(s) => out.push_str(&py_str_repr(s)),
            PyValue::Dict(map) => {
                out.push('{');
                for (i, (k, v)) in map.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    out.push_str(&py_str_repr(k));
                    out.push_str(": ");
                    v.write_repr(out);
                }
                out.push('}');
            }
            PyValue::Set(set) if set.is_empty() => out.push_str("set()"),
            PyValue::Set(set) => {
                out.push('{');
                for (i, v) in set.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    out.push_str(&py_str_repr(v));
                }
                out.push('}');
            }
            PyValue::List(items) => {
                out.push('[');
                for (i, v) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    v.write_repr(out);
                }
                out.push(']');
            }
        }
    }

    /// Recursive union: dicts merge key by key, sets unite; on any other
    /// conflict `self` wins.
    pub fn merge(self, other: PyValue) -> PyValue {
        match (self, other) {
            (PyValue::Dict(mut a), PyValue::Dict(b)) => {
                for (k, v) in b {
                    let merged = match a.remove(&k) {
                        Some(old) => old.merge(v),
                        None => v,
                    };
                    a.insert(k, merged);
                }
                PyValue::Dict(a)
            }
            (PyValue::Set(mut a), PyValue::Set(b)) => {
                a.extend(b);
                PyValue::Set(a)
            }
            (a, _) => a,
        }
    }
}

impl Serialize for PyValue {
    fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        match self {
            PyValue::Str(s) => ser.serialize_str(s),
            PyValue::Dict(m) => ser.collect_map(m.iter()),
            PyValue::Set(s) => ser.collect_seq(s.iter()),
            PyValue::List(l) => ser.collect_seq(l.iter()),
        }
    }
}

/// Python's `repr()` of a `str`.
///
/// Quotes: single, unless the text holds a `'` and no `"`. Non-printable
/// characters are escaped as Python does; "printable" follows Python's rule
/// (not a control, format, separator or unassigned character, the ASCII space
/// excepted) for every character a service model realistically holds.
pub fn py_str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if !py_printable(c) => {
                let n = c as u32;
                if n < 0x100 {
                    out.push_str(&format!("\\x{n:02x}"));
                } else if n < 0x10000 {
                    out.push_str(&format!("\\u{n:04x}"));
                } else {
                    out.push_str(&format!("\\U{n:08x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

fn py_printable(c: char) -> bool {
    if c == ' ' {
        return true;
    }
    if c.is_control() || c.is_whitespace() {
        return false;
    }
    // Format characters (Cf) that show up in copied text.
    !matches!(c,
        '\u{ad}' | '\u{600}'..='\u{605}' | '\u{61c}' | '\u{6dd}' | '\u{70f}' | '\u{180e}'
        | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{206f}' | '\u{feff}' | '\u{fff9}'..='\u{fffb}'
        | '\u{e000}'..='\u{f8ff}')
}

/// `pprint.pformat(value)`: width 80, indent 1, dict keys sorted.
pub fn pformat(value: &PyValue) -> String {
    pformat_width(value, 80)
}

/// `pprint.pformat(value, width=width)`.
pub fn pformat_width(value: &PyValue, width: usize) -> String {
    let mut out = String::new();
    PrettyPrinter {
        width: width as isize,
    }
    .format(value, &mut out, 0, 0, 0);
    out
}

fn char_len(s: &str) -> isize {
    s.chars().count() as isize
}

/// A port of CPython's `pprint.PrettyPrinter` (3.8+, `indent=1`,
/// `compact=False`, `sort_dicts=True`), restricted to [`PyValue`].
struct PrettyPrinter {
    width: isize,
}

impl PrettyPrinter {
    /// `PrettyPrinter._format`.
    fn format(&self, v: &PyValue, out: &mut String, indent: isize, allowance: isize, level: u32) {
        let rep = v.repr();
        let max_width = self.width - indent - allowance;
        if char_len(&rep) <= max_width {
            out.push_str(&rep);
            return;
        }
        let level = level + 1;
        match v {
            PyValue::Dict(map) => {
                out.push('{');
                if !map.is_empty() {
                    self.format_dict_items(map, out, indent, allowance + 1, level);
                }
                out.push('}');
            }
            PyValue::List(items) => {
                out.push('[');
                self.format_items(items, out, indent, allowance + 1, level);
                out.push(']');
            }
            PyValue::Set(set) if set.is_empty() => out.push_str(&rep),
            PyValue::Set(set) => {
                let items: Vec<PyValue> = set.iter().cloned().map(PyValue::Str).collect();
                out.push('{');
                self.format_items(&items, out, indent, allowance + 1, level);
                out.push('}');
            }
            PyValue::Str(s) => self.pprint_str(s, &rep, out, indent, allowance, level),
        }
    }

    /// `PrettyPrinter._format_dict_items`.
    fn format_dict_items(
        &self,
        map: &BTreeMap<String, PyValue>,
        out: &mut String,
        indent: isize,
        allowance: isize,
        level: u32,
    ) {
        let indent = indent + 1;
        let delimnl = format!(",\n{}", " ".repeat(indent as usize));
        let last_index = map.len() - 1;
        for (i, (key, ent)) in map.iter().enumerate() {
            let last = i == last_index;
            let rep = py_str_repr(key);
            out.push_str(&rep);
            out.push_str(": ");
            self.format(
                ent,
                out,
                indent + char_len(&rep) + 2,
                if last { allowance } else { 1 },
                level,
            );
            if !last {
                out.push_str(&delimnl);
            }
        }
    }

    /// `PrettyPrinter._format_items`.
    fn format_items(
        &self,
        items: &[PyValue],
        out: &mut String,
        indent: isize,
        allowance: isize,
        level: u32,
    ) {
        let indent = indent + 1;
        let delimnl = format!(",\n{}", " ".repeat(indent as usize));
        for (i, ent) in items.iter().enumerate() {
            let last = i + 1 == items.len();
            if i > 0 {
                out.push_str(&delimnl);
            }
            self.format(ent, out, indent, if last { allowance } else { 1 }, level);
        }
    }

    /// `PrettyPrinter._pprint_str`: a long string is split at whitespace into
    /// adjacent literals (in parentheses at the top level).
    fn pprint_str(
        &self,
        s: &str,
        rep: &str,
        out: &mut String,
        indent: isize,
        allowance: isize,
        level: u32,
    ) {
        if s.is_empty() {
            out.push_str(rep);
            return;
        }
        let (mut indent, mut allowance) = (indent, allowance);
        if level == 1 {
            indent += 1;
            allowance += 1;
        }
        let lines = py_splitlines_keepends(s);
        let max_width = self.width - indent;
        let mut max_width1 = max_width;
        let mut chunks: Vec<String> = Vec::new();
        let mut last_rep = String::new();
        for (i, line) in lines.iter().enumerate() {
            let is_last_line = i + 1 == lines.len();
            last_rep = py_str_repr(line);
            if is_last_line {
                max_width1 -= allowance;
            }
            if char_len(&last_rep) <= max_width1 {
                chunks.push(last_rep.clone());
                continue;
            }
            let parts = py_space_parts(line);
            let mut max_width2 = max_width;
            let mut current = String::new();
            for (j, part) in parts.iter().enumerate() {
                let candidate = format!("{current}{part}");
                if j + 1 == parts.len() && is_last_line {
                    max_width2 -= allowance;
                }
                if char_len(&py_str_repr(&candidate)) > max_width2 {
                    if !current.is_empty() {
                        chunks.push(py_str_repr(&current));
                    }
                    current = (*part).to_string();
                } else {
                    current = candidate;
                }
            }
            if !current.is_empty() {
                chunks.push(py_str_repr(&current));
            }
        }
        if chunks.len() == 1 {
            out.push_str(&last_rep);
            return;
        }
        if level == 1 {
            out.push('(');
        }
        for (i, chunk) in chunks.iter().enumerate() {
            if i > 0 {
                out.push('\n');
                out.push_str(&" ".repeat(indent as usize));
            }
            out.push_str(chunk);
        }
        if level == 1 {
            out.push(')');
        }
    }
}

/// `str.splitlines(keepends=True)`.
fn py_splitlines_keepends(s: &str) -> Vec<&str> {
    let mut lines = Vec::new();
    let mut start = 0;
    let mut iter = s.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let is_break = matches!(
            c,
            '\n' | '\r'
                | '\u{0b}'
                | '\u{0c}'
                | '\u{1c}'
                | '\u{1d}'
                | '\u{1e}'
                | '\u{85}'
                | '\u{2028}'
                | '\u{2029}'
        );
        if !is_break {
            continue;
        }
        let mut end = i + c.len_utf8();
        if c == '\r' {
            if let Some(&(j, '\n')) = iter.peek() {
                end = j + 1;
                iter.next();
            }
        }
        lines.push(&s[start..end]);
        start = end;
    }
    if start < s.len() {
        lines.push(&s[start..]);
    }
    lines
}

fn py_isspace(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// `re.findall(r'\S*\s*', line)` without the final empty match.
fn py_space_parts(line: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut rest = line;
    while !rest.is_empty() {
        let nonspace = rest
            .char_indices()
            .find(|&(_, c)| py_isspace(c))
            .map_or(rest.len(), |(i, _)| i);
        let after = &rest[nonspace..];
        let space = after
            .char_indices()
            .find(|&(_, c)| !py_isspace(c))
            .map_or(after.len(), |(i, _)| i);
        let end = nonspace + space;
        parts.push(&rest[..end]);
        rest = &rest[end..];
    }
    parts
}

// ---------------------------------------------------------------------------
// The report
// ---------------------------------------------------------------------------

/// How a change affects the generated crate. Ordered: the largest class of a
/// diff decides its semver bump.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Compat {
    /// Documentation, or a trait that changes neither the public Rust API nor
    /// the wire format.
    Patch,
    /// New API that existing code does not see.
    Additive,
    /// Existing code may stop compiling, or the crate changes what it sends or
    /// accepts.
    Breaking,
}

impl Compat {
    pub fn as_str(self) -> &'static str {
        match self {
            Compat::Patch => "patch",
            Compat::Additive => "additive",
            Compat::Breaking => "breaking",
        }
    }
}

impl fmt::Display for Compat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What kind of difference a [`Change`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    OperationAdded,
    OperationRemoved,
    /// An operation's input or output shape was replaced, added or dropped.
    OperationSignatureChanged,
    /// HTTP method, request URI or response code.
    HttpBindingChanged,
    ErrorAdded,
    ErrorRemoved,
    ShapeAdded,
    ShapeRemoved,
    ShapeRenamed,
    /// The shape's type changed (`string` → `structure`, a string became an
    /// enum or stopped being one, union / document / streaming flags).
    ShapeTypeChanged,
    /// An optional member was added.
    MemberAdded,
    RequiredMemberAdded,
    MemberRemoved,
    MemberMadeRequired,
    MemberMadeOptional,
    /// A member (or list element, map key or value) now targets another shape.
    MemberTypeChanged,
    /// `location` or `locationName`.
    WireNameChanged,
    /// Anything else that changes the bytes on the wire: timestamp format,
    /// payload, `jsonvalue`, streaming, error codes.
    WireFormatChanged,
    EnumValueAdded,
    EnumValueRemoved,
    DeprecationChanged,
    MetadataChanged,
    DocumentationChanged,
    /// A trait with no effect on the API or the wire (`sensitive`, `box`, …).
    TraitChanged,
}

/// One classified difference between the two models.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    pub compat: Compat,
    pub kind: ChangeKind,
    /// Dotted JSON path in the model, as diagnostics use
    /// (`shapes.Stage.members.variables`).
    pub path: String,
    pub detail: String,
}

/// The semver bump a set of changes needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Bump {
    None,
    Patch,
    Minor,
    Major,
}

impl Bump {
    pub fn as_str(self) -> &'static str {
        match self {
            Bump::None => "none",
            Bump::Patch => "patch",
            Bump::Minor => "minor",
            Bump::Major => "major",
        }
    }

    /// The bump for a `0.x.y` crate, where Cargo treats the minor number as the
    /// breaking one: major → minor, minor → patch.
    pub fn for_0x(self) -> Bump {
        match self {
            Bump::Major => Bump::Minor,
            Bump::Minor | Bump::Patch => Bump::Patch,
            Bump::None => Bump::None,
        }
    }

    /// One line for humans, with the `0.x` mapping.
    pub fn describe(self) -> String {
        match self {
            Bump::None => "semver: no bump needed (no changes)".to_string(),
            Bump::Major => "semver: major (breaking changes); on a 0.x crate bump the minor \
                            number (0.x.y -> 0.(x+1).0)"
                .to_string(),
            Bump::Minor => "semver: minor (additive changes only); on a 0.x crate bump the patch \
                            number (0.x.y -> 0.x.(y+1))"
                .to_string(),
            Bump::Patch => "semver: patch (no API change); on a 0.x crate bump the patch number \
                            (0.x.y -> 0.x.(y+1))"
                .to_string(),
        }
    }
}

impl fmt::Display for Bump {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How an operation changed, for the changelog.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OpStatus {
    New,
    Updated,
    Removed,
}

impl OpStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            OpStatus::New => "new",
            OpStatus::Updated => "updated",
            OpStatus::Removed => "removed",
        }
    }
}

/// Which side of an updated operation changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    Request,
    Response,
    Both,
}

impl Side {
    pub fn as_str(self) -> &'static str {
        match self {
            Side::Request => "request",
            Side::Response => "response",
            Side::Both => "both",
        }
    }
}

/// One operation in the changelog.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OperationChange {
    pub name: String,
    pub status: OpStatus,
    /// For an updated operation: the side(s) whose shapes changed.
    pub side: Option<Side>,
    /// What the request and response gained, merged (see the module docs).
    /// `None` when the operation changed without gaining anything (a member
    /// removed, a type changed: see [`DiffReport::changes`]).
    pub added: Option<PyValue>,
}

impl OperationChange {
    /// The block as the changelog pages print it (without the trailing blank
    /// line): `Name (updated)`, `Changes (side)`, the pretty-printed dict.
    pub fn render(&self) -> String {
        let mut s = format!("{} ({})", self.name, self.status.as_str());
        if let Some(side) = self.side {
            s.push_str(&format!("\nChanges ({})", side.as_str()));
        }
        if let Some(added) = &self.added {
            s.push('\n');
            s.push_str(&pformat(added));
        }
        s
    }
}

/// The result of [`diff_models`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DiffReport {
    /// `metadata.serviceFullName` of the new model (or of the old one).
    pub service: String,
    /// New operations, then updated, then removed; each group sorted by name.
    pub operations: Vec<OperationChange>,
    /// Every classified difference, sorted by path.
    pub changes: Vec<Change>,
}

impl DiffReport {
    pub fn count(&self, status: OpStatus) -> usize {
        self.operations
            .iter()
            .filter(|o| o.status == status)
            .count()
    }

    /// `6 updated api methods`, `5 new api methods`, `7 new 8 updated api
    /// methods`; `no api method changes` when nothing changed.
    pub fn headline(&self) -> String {
        let parts: Vec<String> = [OpStatus::New, OpStatus::Updated, OpStatus::Removed]
            .into_iter()
            .filter_map(|st| match self.count(st) {
                0 => None,
                n => Some(format!("{n} {}", st.as_str())),
            })
            .collect();
        if parts.is_empty() {
            "no api method changes".to_string()
        } else {
            format!("{} api methods", parts.join(" "))
        }
    }

    /// `2015/11/10 - Amazon API Gateway - 6 updated api methods` (the date part
    /// only when given).
    pub fn title(&self, date: Option<&str>) -> String {
        match date {
            Some(d) => format!("{d} - {} - {}", self.service, self.headline()),
            None => format!("{} - {}", self.service, self.headline()),
        }
    }

    /// The changelog in the pages' format: title, then one block per operation,
    /// blocks separated by blank lines.
    pub fn changelog(&self, date: Option<&str>) -> String {
        let mut s = self.title(date);
        s.push('\n');
        for op in &self.operations {
            s.push('\n');
            s.push_str(&op.render());
            s.push('\n');
        }
        s
    }

    /// The largest class among the changes.
    pub fn compat(&self) -> Option<Compat> {
        self.changes.iter().map(|c| c.compat).max()
    }

    pub fn semver(&self) -> Bump {
        match self.compat() {
            None => Bump::None,
            Some(Compat::Patch) => Bump::Patch,
            Some(Compat::Additive) => Bump::Minor,
            Some(Compat::Breaking) => Bump::Major,
        }
    }

    pub fn changes_of(&self, compat: Compat) -> impl Iterator<Item = &Change> {
        self.changes.iter().filter(move |c| c.compat == compat)
    }

    /// The compatibility section: breaking and additive changes one per line,
    /// patch-level ones summarised, then the semver line.
    pub fn compatibility(&self) -> String {
        const PATCH_LINES: usize = 10;
        let count = |c| self.changes_of(c).count();
        let mut s = format!(
            "compatibility: {} breaking, {} additive, {} patch-level changes\n",
            count(Compat::Breaking),
            count(Compat::Additive),
            count(Compat::Patch)
        );
        for compat in [Compat::Breaking, Compat::Additive, Compat::Patch] {
            let all: Vec<&Change> = self.changes_of(compat).collect();
            let shown = if compat == Compat::Patch {
                PATCH_LINES
            } else {
                all.len()
            };
            for c in all.iter().take(shown) {
                s.push_str(&format!(
                    "  {:<8}  {}: {}\n",
                    compat.as_str(),
                    c.path,
                    c.detail
                ));
            }
            if all.len() > shown {
                s.push_str(&format!(
                    "  {:<8}  ... and {} more (all are in the --json output)\n",
                    compat.as_str(),
                    all.len() - shown
                ));
            }
        }
        s.push_str(&self.semver().describe());
        s.push('\n');
        s
    }

    /// The whole human report: changelog, then compatibility and semver.
    pub fn to_text(&self, date: Option<&str>) -> String {
        format!("{}\n{}", self.changelog(date), self.compatibility())
    }

    /// The report as JSON for tools. `added` is the JSON form of the Python
    /// literal (sets become sorted arrays); `added_text` is the literal itself.
    pub fn to_json(&self) -> serde_json::Value {
        #[derive(Serialize)]
        struct JsonOp<'a> {
            name: &'a str,
            status: OpStatus,
            side: Option<Side>,
            added: Option<&'a PyValue>,
            added_text: Option<String>,
        }
        #[derive(Serialize)]
        struct JsonSemver {
            bump: Bump,
            bump_0x: Bump,
            summary: String,
        }
        #[derive(Serialize)]
        struct JsonReport<'a> {
            service: &'a str,
            headline: String,
            operations: Vec<JsonOp<'a>>,
            changes: &'a [Change],
            semver: JsonSemver,
        }
        let bump = self.semver();
        let report = JsonReport {
            service: &self.service,
            headline: self.headline(),
            operations: self
                .operations
                .iter()
                .map(|o| JsonOp {
                    name: &o.name,
                    status: o.status,
                    side: o.side,
                    added: o.added.as_ref(),
                    added_text: o.added.as_ref().map(pformat),
                })
                .collect(),
            changes: &self.changes,
            semver: JsonSemver {
                bump,
                bump_0x: bump.for_0x(),
                summary: bump.describe(),
            },
        };
        serde_json::to_value(report).expect("the report serialises to JSON")
    }
}

// ---------------------------------------------------------------------------
// Diffing
// ---------------------------------------------------------------------------

/// Compare two models.
pub fn diff_models(old: &Model, new: &Model) -> DiffReport {
    let differ = Differ {
        old,
        new,
        renames: detect_renames(old, new),
    };
    let service = [&new.metadata, &old.metadata]
        .iter()
        .find_map(|m| m.service_full_name.clone().or_else(|| m.service_id.clone()))
        .unwrap_or_else(|| "service".to_string());
    let mut changes = differ.classify();
    changes.sort_by(|a, b| (&a.path, a.kind, &a.detail).cmp(&(&b.path, b.kind, &b.detail)));
    DiffReport {
        service,
        operations: differ.operation_changes(),
        changes,
    }
}

/// A model with no operations and no shapes: the "old" side of a file that is
/// new.
pub fn empty_model() -> Model {
    Model {
        version: None,
        metadata: Default::default(),
        operations: Default::default(),
        shapes: Default::default(),
        documentation: None,
        paginators: Default::default(),
    }
}

struct Differ<'a> {
    old: &'a Model,
    new: &'a Model,
    /// Old shape name → new shape name.
    renames: BTreeMap<String, String>,
}

/// The additions below one shape position, and whether anything else changed.
#[derive(Default, Clone)]
struct Walk {
    added: Option<PyValue>,
    changed: bool,
}

/// Cycle guard and memo of [`Differ::walk`].
#[derive(Default)]
struct WalkCx {
    stack: Vec<(String, String)>,
    memo: HashMap<(String, String), Walk>,
}

impl Walk {
    fn any(&self) -> bool {
        self.added.is_some() || self.changed
    }
}

fn is_enum(s: &Shape) -> bool {
    s.enum_values.is_some()
}

/// The "kind" of a shape as far as the generated Rust type goes.
fn shape_kind(s: &Shape) -> String {
    let mut k = s.shape_type.clone();
    for (flag, name) in [
        (is_enum(s), "enum"),
        (s.union, "union"),
        (s.document, "document"),
        (s.eventstream, "eventstream"),
        (s.streaming, "streaming"),
    ] {
        if flag {
            k.push_str(&format!(" ({name})"));
        }
    }
    k
}

/// The timestamp format a protocol uses in the body when a shape names none.
fn default_timestamp_format(model: &Model) -> &'static str {
    match model.metadata.effective_protocol() {
        "rest-xml" | "query" | "ec2" => "iso8601",
        _ => "unixTimestamp",
    }
}

/// A shape's timestamp format with the protocol default filled in, so an
/// explicit default is no change.
fn effective_timestamp_format(s: &Shape, model: &Model) -> Option<String> {
    match &s.timestamp_format {
        None if s.shape_type == "timestamp" => Some(default_timestamp_format(model).to_string()),
        other => other.clone(),
    }
}

/// A reference's timestamp format, inherited from its target when unset.
fn ref_timestamp_format(r: &ShapeRef, model: &Model) -> Option<String> {
    r.timestamp_format.clone().or_else(|| {
        model
            .shapes
            .get(&r.shape)
            .and_then(|s| effective_timestamp_format(s, model))
    })
}

/// An HTTP binding with botocore's default response code (200) filled in.
fn effective_http(h: Option<&crate::model::Http>) -> crate::model::Http {
    let h = h.cloned().unwrap_or_default();
    crate::model::Http {
        response_code: Some(h.response_code.unwrap_or(200)),
        ..h
    }
}

/// A shape with documentation, deprecation and the structural fields cleared,
/// and defaults filled in: what is left are its traits.
fn shape_traits(s: &Shape, model: &Model) -> Shape {
    Shape {
        timestamp_format: effective_timestamp_format(s, model),
        members: Default::default(),
        required: Vec::new(),
        member: None,
        key: None,
        value: None,
        enum_values: None,
        documentation: None,
        deprecated: false,
        deprecated_message: None,
        // XML and query serialization, which the generated code does not do.
        flattened: false,
        ..s.clone()
    }
}

/// A reference without its target, documentation and deprecation, with its
/// effective timestamp format.
fn ref_traits(r: &ShapeRef, model: &Model) -> ShapeRef {
    ShapeRef {
        timestamp_format: ref_timestamp_format(r, model),
        shape: String::new(),
        documentation: None,
        deprecated: false,
        deprecated_message: None,
        // XML and query serialization, which the generated code does not do.
        query_name: None,
        flattened: false,
        ..r.clone()
    }
}

impl Differ<'_> {
    fn is_rename(&self, old: &str, new: &str) -> bool {
        self.renames.get(old).is_some_and(|n| n == new)
    }

    /// Spell out a newly added shape in full (see the module docs).
    fn spell(&self, model: &Model, name: &str, stack: &mut Vec<String>) -> PyValue {
        let Some(shape) = model.shapes.get(name) else {
            return PyValue::Str(name.to_string());
        };
        if stack.iter().any(|s| s == name) {
            // A recursive shape: name its type instead of looping.
            return PyValue::Str(shape.shape_type.clone());
        }
        stack.push(name.to_string());
        let v = match shape.shape_type.as_str() {
            "structure" => PyValue::Dict(
                shape
                    .members
                    .iter()
                    .map(|(m, r)| (m.clone(), self.spell(model, &r.shape, stack)))
                    .collect(),
            ),
            "list" => PyValue::List(
                shape
                    .member
                    .iter()
                    .map(|r| self.spell(model, &r.shape, stack))
                    .collect(),
            ),
            "map" => {
                let key = match shape
                    .key
                    .as_ref()
                    .map(|r| self.spell(model, &r.shape, stack))
                {
                    Some(PyValue::Str(s)) => s,
                    Some(other) => other.repr(),
                    None => "string".to_string(),
                };
                let value = shape
                    .value
                    .as_ref()
                    .map_or(PyValue::Str("string".into()), |r| {
                        self.spell(model, &r.shape, stack)
                    });
                PyValue::Dict(BTreeMap::from([(key, value)]))
            }
            other => PyValue::Str(other.to_string()),
        };
        stack.pop();
        v
    }

    /// Diff the shape `o` of the old model against the shape `n` of the new one,
    /// at the same position of an operation's request or response.
    fn walk(&self, o: &str, n: &str, cx: &mut WalkCx) -> Walk {
        let key = (o.to_string(), n.to_string());
        if let Some(w) = cx.memo.get(&key) {
            return w.clone();
        }
        if cx.stack.contains(&key) {
            // A recursive shape: its additions are shown where the recursion
            // starts.
            return Walk::default();
        }
        cx.stack.push(key.clone());
        let w = self.walk_uncached(o, n, cx);
        cx.stack.pop();
        cx.memo.insert(key, w.clone());
        w
    }

    fn walk_uncached(&self, o: &str, n: &str, cx: &mut WalkCx) -> Walk {
        let (Some(os), Some(ns)) = (self.old.shapes.get(o), self.new.shapes.get(n)) else {
            return Walk {
                added: None,
                changed: o != n
                    || self.old.shapes.contains_key(o) != self.new.shapes.contains_key(n),
            };
        };
        let mut changed = o != n;
        if shape_kind(os) != shape_kind(ns) {
            return Walk {
                added: None,
                changed: true,
            };
        }
        if shape_traits(os, self.old) != shape_traits(ns, self.new) {
            changed = true;
        }
        let mut added = None;
        match ns.shape_type.as_str() {
            "structure" => {
                let mut dict = BTreeMap::new();
                for (m, nr) in &ns.members {
                    let n_req = ns.required.contains(m);
                    match os.members.get(m) {
                        Some(or) => {
                            if ref_traits(or, self.old) != ref_traits(nr, self.new)
                                || os.required.contains(m) != n_req
                            {
                                changed = true;
                            }
                            let w = self.walk(&or.shape, &nr.shape, cx);
                            changed |= w.changed;
                            if let Some(a) = w.added {
                                dict.insert(m.clone(), a);
                            }
                        }
                        None => {
                            dict.insert(
                                m.clone(),
                                self.spell(self.new, &nr.shape, &mut Vec::new()),
                            );
                            changed |= n_req;
                        }
                    }
                }
                changed |= os.members.keys().any(|m| !ns.members.contains_key(m));
                if !dict.is_empty() {
                    added = Some(PyValue::Dict(dict));
                }
            }
            "list" => {
                let w = self.walk_ref(os.member.as_ref(), ns.member.as_ref(), cx);
                changed |= w.changed;
                added = w.added;
            }
            "map" => {
                let k = self.walk_ref(os.key.as_ref(), ns.key.as_ref(), cx);
                let v = self.walk_ref(os.value.as_ref(), ns.value.as_ref(), cx);
                // A key enum that gained values does not change what callers
                // pass or get; only the value's additions are shown.
                changed |= k.changed || v.changed;
                added = v.added;
            }
            _ => {
                if let (Some(ov), Some(nv)) = (&os.enum_values, &ns.enum_values) {
                    let new_values: BTreeSet<String> =
                        nv.iter().filter(|v| !ov.contains(v)).cloned().collect();
                    changed |= ov.iter().any(|v| !nv.contains(v));
                    if !new_values.is_empty() {
                        added = Some(PyValue::Set(new_values));
                    }
                }
            }
        }
        Walk { added, changed }
    }

    fn walk_ref(&self, o: Option<&ShapeRef>, n: Option<&ShapeRef>, cx: &mut WalkCx) -> Walk {
        match (o, n) {
            (None, None) => Walk::default(),
            (Some(o), Some(n)) => {
                let mut w = self.walk(&o.shape, &n.shape, cx);
                w.changed |= ref_traits(o, self.old) != ref_traits(n, self.new);
                w
            }
            _ => Walk {
                added: None,
                changed: true,
            },
        }
    }

    /// One side (input or output) of an operation present in both models.
    fn side(&self, o: Option<&ShapeRef>, n: Option<&ShapeRef>) -> Walk {
        match (o, n) {
            (None, Some(n)) => Walk {
                added: Some(self.spell(self.new, &n.shape, &mut Vec::new())),
                changed: true,
            },
            _ => self.walk_ref(o, n, &mut WalkCx::default()),
        }
    }

    fn operation_changes(&self) -> Vec<OperationChange> {
        let mut new_ops = Vec::new();
        let mut updated = Vec::new();
        let mut removed = Vec::new();
        for name in self.new.operations.keys() {
            if !self.old.operations.contains_key(name) {
                new_ops.push(OperationChange {
                    name: name.clone(),
                    status: OpStatus::New,
                    side: None,
                    added: None,
                });
            }
        }
        for (name, oo) in &self.old.operations {
            let Some(no) = self.new.operations.get(name) else {
                removed.push(OperationChange {
                    name: name.clone(),
                    status: OpStatus::Removed,
                    side: None,
                    added: None,
                });
                continue;
            };
            let req = self.side(oo.input.as_ref(), no.input.as_ref());
            let resp = self.side(oo.output.as_ref(), no.output.as_ref());
            let side = match (req.any(), resp.any()) {
                (true, true) => Side::Both,
                (true, false) => Side::Request,
                (false, true) => Side::Response,
                (false, false) => continue,
            };
            let added = match (req.added, resp.added) {
                (Some(a), Some(b)) => Some(a.merge(b)),
                (a, b) => a.or(b),
            };
            updated.push(OperationChange {
                name: name.clone(),
                status: OpStatus::Updated,
                side: Some(side),
                added,
            });
        }
        // BTreeMap iteration already sorts each group by name.
        new_ops.into_iter().chain(updated).chain(removed).collect()
    }

    // --- classification ---------------------------------------------------

    fn classify(&self) -> Vec<Change> {
        let mut out = Vec::new();
        let mut push = |compat, kind, path: String, detail: String| {
            out.push(Change {
                compat,
                kind,
                path,
                detail,
            })
        };
        // A model that is new (the old side is empty) gains its metadata: not a
        // change of it.
        let old_is_empty = self.old.operations.is_empty() && self.old.shapes.is_empty();
        if !old_is_empty {
            self.classify_metadata(&mut push);
        }
        self.classify_operations(&mut push);
        self.classify_shapes(&mut push);
        out
    }

    fn classify_metadata(&self, push: &mut impl FnMut(Compat, ChangeKind, String, String)) {
        let (o, n) = (&self.old.metadata, &self.new.metadata);
        let fields: [(&str, Option<String>, Option<String>, Compat); 13] = [
            (
                "apiVersion",
                o.api_version.clone(),
                n.api_version.clone(),
                Compat::Breaking,
            ),
            (
                "endpointPrefix",
                o.endpoint_prefix.clone(),
                n.endpoint_prefix.clone(),
                Compat::Breaking,
            ),
            (
                "protocol",
                o.protocol.clone(),
                n.protocol.clone(),
                Compat::Breaking,
            ),
            (
                "protocols",
                // Unset means `[protocol]`.
                o.protocols
                    .as_ref()
                    .map(|p| p.join(","))
                    .or_else(|| o.protocol.clone()),
                n.protocols
                    .as_ref()
                    .map(|p| p.join(","))
                    .or_else(|| n.protocol.clone()),
                Compat::Breaking,
            ),
            (
                "jsonVersion",
                o.json_version.clone(),
                n.json_version.clone(),
                // Only the `json` protocol puts it on the wire (Content-Type).
                if n.protocol.as_deref() == Some("json") {
                    Compat::Breaking
                } else {
                    Compat::Patch
                },
            ),
            (
                "serviceFullName",
                o.service_full_name.clone(),
                n.service_full_name.clone(),
                Compat::Patch,
            ),
            (
                "serviceAbbreviation",
                o.service_abbreviation.clone(),
                n.service_abbreviation.clone(),
                Compat::Patch,
            ),
            (
                "serviceId",
                o.service_id.clone(),
                n.service_id.clone(),
                Compat::Patch,
            ),
            (
                "signatureVersion",
                o.signature_version.clone(),
                n.signature_version.clone(),
                Compat::Breaking,
            ),
            (
                "signingName",
                // Unset means the endpoint prefix.
                o.signing_name.clone().or_else(|| o.endpoint_prefix.clone()),
                n.signing_name.clone().or_else(|| n.endpoint_prefix.clone()),
                Compat::Breaking,
            ),
            (
                "targetPrefix",
                o.target_prefix.clone(),
                n.target_prefix.clone(),
                Compat::Breaking,
            ),
            ("uid", o.uid.clone(), n.uid.clone(), Compat::Patch),
            (
                "timestampFormat",
                o.timestamp_format.clone(),
                n.timestamp_format.clone(),
                Compat::Breaking,
            ),
        ];
        for (field, a, b, compat) in fields {
            if a != b {
                push(
                    compat,
                    ChangeKind::MetadataChanged,
                    format!("metadata.{field}"),
                    format!("changed from {} to {}", show_opt(&a), show_opt(&b)),
                );
            }
        }
        if self.old.version != self.new.version {
            push(
                Compat::Patch,
                ChangeKind::MetadataChanged,
                "version".into(),
                format!(
                    "changed from {} to {}",
                    show_opt(&self.old.version),
                    show_opt(&self.new.version)
                ),
            );
        }
        if self.old.documentation != self.new.documentation {
            push(
                Compat::Patch,
                ChangeKind::DocumentationChanged,
                "documentation".into(),
                "service documentation changed".into(),
            );
        }
    }

    fn classify_operations(&self, push: &mut impl FnMut(Compat, ChangeKind, String, String)) {
        for name in self.new.operations.keys() {
            if !self.old.operations.contains_key(name) {
                push(
                    Compat::Additive,
                    ChangeKind::OperationAdded,
                    format!("operations.{name}"),
                    format!("operation `{name}` added"),
                );
            }
        }
        for (name, oo) in &self.old.operations {
            let path = format!("operations.{name}");
            match self.new.operations.get(name) {
                None => push(
                    Compat::Breaking,
                    ChangeKind::OperationRemoved,
                    path,
                    format!("operation `{name}` removed"),
                ),
                Some(no) => self.classify_operation(&path, oo, no, push),
            }
        }
    }

    fn classify_operation(
        &self,
        path: &str,
        oo: &Operation,
        no: &Operation,
        push: &mut impl FnMut(Compat, ChangeKind, String, String),
    ) {
        for (field, o, n) in [
            ("input", oo.input.as_ref(), no.input.as_ref()),
            ("output", oo.output.as_ref(), no.output.as_ref()),
        ] {
            let p = format!("{path}.{field}");
            match (o, n) {
                (None, None) => {}
                (Some(o), None) => push(
                    Compat::Breaking,
                    ChangeKind::OperationSignatureChanged,
                    p,
                    format!("{field} shape `{}` dropped", o.shape),
                ),
                (None, Some(n)) => push(
                    Compat::Breaking,
                    ChangeKind::OperationSignatureChanged,
                    p,
                    format!("now has the {field} shape `{}`", n.shape),
                ),
                (Some(o), Some(n)) => {
                    if o.shape != n.shape && !self.is_rename(&o.shape, &n.shape) {
                        push(
                            Compat::Breaking,
                            ChangeKind::OperationSignatureChanged,
                            p.clone(),
                            format!("{field} shape changed from `{}` to `{}`", o.shape, n.shape),
                        );
                    }
                    self.classify_ref(&p, o, n, push);
                }
            }
        }
        let (oh, nh) = (
            effective_http(oo.http.as_ref()),
            effective_http(no.http.as_ref()),
        );
        if oh != nh {
            push(
                Compat::Breaking,
                ChangeKind::HttpBindingChanged,
                format!("{path}.http"),
                format!(
                    "HTTP binding changed from `{}` to `{}`",
                    show_http(&oh),
                    show_http(&nh)
                ),
            );
        }
        let o_err: BTreeSet<&str> = oo.errors.iter().map(|e| e.shape.as_str()).collect();
        let n_err: BTreeSet<&str> = no.errors.iter().map(|e| e.shape.as_str()).collect();
        for e in n_err.difference(&o_err) {
            push(
                Compat::Additive,
                ChangeKind::ErrorAdded,
                format!("{path}.errors"),
                format!("error `{e}` added"),
            );
        }
        for e in o_err.difference(&n_err) {
            let renamed = self
                .renames
                .get(*e)
                .is_some_and(|n| n_err.contains(n.as_str()));
            if !renamed {
                push(
                    Compat::Breaking,
                    ChangeKind::ErrorRemoved,
                    format!("{path}.errors"),
                    format!("error `{e}` removed"),
                );
            }
        }
        if oo.documentation != no.documentation {
            push(
                Compat::Patch,
                ChangeKind::DocumentationChanged,
                format!("{path}.documentation"),
                "documentation changed".into(),
            );
        }
        if oo.deprecated != no.deprecated || oo.deprecated_message != no.deprecated_message {
            push(
                Compat::Additive,
                ChangeKind::DeprecationChanged,
                format!("{path}.deprecated"),
                deprecation_detail(no.deprecated),
            );
        }
        if oo.idempotent != no.idempotent || oo.name != no.name {
            push(
                Compat::Patch,
                ChangeKind::TraitChanged,
                path.to_string(),
                "`idempotent` or `name` changed".into(),
            );
        }
    }

    /// Compare the traits of two references (members, list elements, map keys
    /// and values, operation inputs and outputs). The targets are compared by
    /// the caller.
    fn classify_ref(
        &self,
        path: &str,
        o: &ShapeRef,
        n: &ShapeRef,
        push: &mut impl FnMut(Compat, ChangeKind, String, String),
    ) {
        if o.location != n.location || o.location_name != n.location_name {
            push(
                Compat::Breaking,
                ChangeKind::WireNameChanged,
                path.to_string(),
                format!(
                    "wire binding changed from {} to {}",
                    show_binding(o),
                    show_binding(n)
                ),
            );
        }
        let timestamp_changed = o.timestamp_format != n.timestamp_format
            && ref_timestamp_format(o, self.old) != ref_timestamp_format(n, self.new);
        if timestamp_changed
            || o.jsonvalue != n.jsonvalue
            || o.streaming != n.streaming
            || o.eventpayload != n.eventpayload
        {
            push(
                Compat::Breaking,
                ChangeKind::WireFormatChanged,
                path.to_string(),
                "timestampFormat, jsonvalue, streaming or eventpayload changed".into(),
            );
        }
        if o.documentation != n.documentation {
            push(
                Compat::Patch,
                ChangeKind::DocumentationChanged,
                format!("{path}.documentation"),
                "documentation changed".into(),
            );
        }
        if o.deprecated != n.deprecated || o.deprecated_message != n.deprecated_message {
            push(
                Compat::Additive,
                ChangeKind::DeprecationChanged,
                format!("{path}.deprecated"),
                deprecation_detail(n.deprecated),
            );
        }
        if o.idempotency_token != n.idempotency_token
            || o.boxed != n.boxed
            || o.host_label != n.host_label
        {
            push(
                Compat::Patch,
                ChangeKind::TraitChanged,
                path.to_string(),
                "idempotencyToken, box or hostLabel changed".into(),
            );
        }
    }

    /// A reference that exists on both sides: its traits, and the shape it
    /// targets.
    fn classify_target(
        &self,
        path: &str,
        o: &ShapeRef,
        n: &ShapeRef,
        push: &mut impl FnMut(Compat, ChangeKind, String, String),
    ) {
        self.classify_ref(path, o, n, push);
        if o.shape == n.shape || self.is_rename(&o.shape, &n.shape) {
            return;
        }
        // Two distinct primitive shapes of the same type map to the same Rust
        // type (`String`, `i32`, …): no effect on the API.
        let same_rust_type = match (self.old.shapes.get(&o.shape), self.new.shapes.get(&n.shape)) {
            (Some(a), Some(b)) => {
                !matches!(a.shape_type.as_str(), "structure" | "list" | "map")
                    && shape_kind(a) == shape_kind(b)
                    && !is_enum(a)
            }
            _ => false,
        };
        if same_rust_type {
            push(
                Compat::Patch,
                ChangeKind::MemberTypeChanged,
                path.to_string(),
                format!(
                    "now targets `{}` instead of `{}` (same type)",
                    n.shape, o.shape
                ),
            );
        } else {
            push(
                Compat::Breaking,
                ChangeKind::MemberTypeChanged,
                path.to_string(),
                format!("type changed from `{}` to `{}`", o.shape, n.shape),
            );
        }
    }

    fn classify_shapes(&self, push: &mut impl FnMut(Compat, ChangeKind, String, String)) {
        let rename_targets: BTreeSet<&String> = self.renames.values().collect();
        for (name, ns) in &self.new.shapes {
            if !self.old.shapes.contains_key(name) && !rename_targets.contains(name) {
                push(
                    Compat::Additive,
                    ChangeKind::ShapeAdded,
                    format!("shapes.{name}"),
                    format!("shape `{name}` added ({})", shape_kind(ns)),
                );
            }
        }
        for (name, os) in &self.old.shapes {
            let path = format!("shapes.{name}");
            let (new_name, ns) = match self.new.shapes.get(name) {
                Some(ns) => (name, ns),
                None => match self.renames.get(name) {
                    Some(new_name) => {
                        push(
                            Compat::Breaking,
                            ChangeKind::ShapeRenamed,
                            path.clone(),
                            format!("shape `{name}` renamed to `{new_name}`"),
                        );
                        (new_name, &self.new.shapes[new_name])
                    }
                    None => {
                        push(
                            Compat::Breaking,
                            ChangeKind::ShapeRemoved,
                            path,
                            format!("shape `{name}` removed"),
                        );
                        continue;
                    }
                },
            };
            let _ = new_name;
            self.classify_shape(&path, os, ns, push);
        }
    }

    fn classify_shape(
        &self,
        path: &str,
        os: &Shape,
        ns: &Shape,
        push: &mut impl FnMut(Compat, ChangeKind, String, String),
    ) {
        if shape_kind(os) != shape_kind(ns) {
            push(
                Compat::Breaking,
                ChangeKind::ShapeTypeChanged,
                path.to_string(),
                format!("type changed from {} to {}", shape_kind(os), shape_kind(ns)),
            );
            return;
        }
        // Shape-level traits.
        if os.documentation != ns.documentation {
            push(
                Compat::Patch,
                ChangeKind::DocumentationChanged,
                format!("{path}.documentation"),
                "documentation changed".into(),
            );
        }
        if os.deprecated != ns.deprecated || os.deprecated_message != ns.deprecated_message {
            push(
                Compat::Additive,
                ChangeKind::DeprecationChanged,
                format!("{path}.deprecated"),
                deprecation_detail(ns.deprecated),
            );
        }
        if os.payload != ns.payload
            || effective_timestamp_format(os, self.old) != effective_timestamp_format(ns, self.new)
            || os.exception != ns.exception
            || os.fault != ns.fault
            || os.error != ns.error
            || os.event != ns.event
        {
            push(
                Compat::Breaking,
                ChangeKind::WireFormatChanged,
                path.to_string(),
                "payload, timestampFormat, event or error traits changed".into(),
            );
        }
        if os.sensitive != ns.sensitive
            || os.boxed != ns.boxed
            || os.requires_length != ns.requires_length
        {
            push(
                Compat::Patch,
                ChangeKind::TraitChanged,
                path.to_string(),
                "sensitive, box or requiresLength changed".into(),
            );
        }
        match ns.shape_type.as_str() {
            "structure" => self.classify_members(path, os, ns, push),
            "list" => {
                self.classify_element(&format!("{path}.member"), &os.member, &ns.member, push)
            }
            "map" => {
                self.classify_element(&format!("{path}.key"), &os.key, &ns.key, push);
                self.classify_element(&format!("{path}.value"), &os.value, &ns.value, push);
            }
            _ => {
                if let (Some(ov), Some(nv)) = (&os.enum_values, &ns.enum_values) {
                    for v in nv.iter().filter(|v| !ov.contains(v)) {
                        push(
                            Compat::Additive,
                            ChangeKind::EnumValueAdded,
                            format!("{path}.enum"),
                            format!("enum value `{v}` added"),
                        );
                    }
                    for v in ov.iter().filter(|v| !nv.contains(v)) {
                        push(
                            Compat::Breaking,
                            ChangeKind::EnumValueRemoved,
                            format!("{path}.enum"),
                            format!("enum value `{v}` removed"),
                        );
                    }
                }
            }
        }
    }

    fn classify_element(
        &self,
        path: &str,
        o: &Option<ShapeRef>,
        n: &Option<ShapeRef>,
        push: &mut impl FnMut(Compat, ChangeKind, String, String),
    ) {
        match (o, n) {
            (Some(o), Some(n)) => self.classify_target(path, o, n, push),
            (None, None) => {}
            _ => push(
                Compat::Breaking,
                ChangeKind::MemberTypeChanged,
                path.to_string(),
                "element type added or dropped".into(),
            ),
        }
    }

    fn classify_members(
        &self,
        path: &str,
        os: &Shape,
        ns: &Shape,
        push: &mut impl FnMut(Compat, ChangeKind, String, String),
    ) {
        for (m, nr) in &ns.members {
            let mpath = format!("{path}.members.{m}");
            let n_req = ns.required.contains(m);
            let Some(or) = os.members.get(m) else {
                let ty = self
                    .new
                    .shapes
                    .get(&nr.shape)
                    .map_or_else(|| nr.shape.clone(), shape_kind);
                if n_req {
                    push(
                        Compat::Breaking,
                        ChangeKind::RequiredMemberAdded,
                        mpath,
                        format!("required member `{m}` added ({ty})"),
                    );
                } else {
                    push(
                        Compat::Additive,
                        ChangeKind::MemberAdded,
                        mpath,
                        format!("optional member `{m}` added ({ty})"),
                    );
                }
                continue;
            };
            match (os.required.contains(m), n_req) {
                (false, true) => push(
                    Compat::Breaking,
                    ChangeKind::MemberMadeRequired,
                    mpath.clone(),
                    format!("member `{m}` is now required (`Option<T>` becomes `T`)"),
                ),
                (true, false) => push(
                    Compat::Breaking,
                    ChangeKind::MemberMadeOptional,
                    mpath.clone(),
                    format!("member `{m}` is now optional (`T` becomes `Option<T>`)"),
                ),
                _ => {}
            }
            self.classify_target(&mpath, or, nr, push);
        }
        for m in os.members.keys() {
            if !ns.members.contains_key(m) {
                push(
                    Compat::Breaking,
                    ChangeKind::MemberRemoved,
                    format!("{path}.members.{m}"),
                    format!("member `{m}` removed"),
                );
            }
        }
    }
}

fn show_opt(v: &Option<String>) -> String {
    match v {
        Some(s) => format!("`{s}`"),
        None => "(unset)".into(),
    }
}

fn show_http(h: &crate::model::Http) -> String {
    let mut s = format!(
        "{} {}",
        h.method.as_deref().unwrap_or("?"),
        h.request_uri.as_deref().unwrap_or("?")
    );
    if let Some(code) = h.response_code {
        s.push_str(&format!(" -> {code}"));
    }
    s
}

fn show_binding(r: &ShapeRef) -> String {
    format!(
        "{}`{}`",
        r.location
            .as_deref()
            .map(|l| format!("{l} "))
            .unwrap_or_default(),
        r.location_name.as_deref().unwrap_or("(member name)")
    )
}

fn deprecation_detail(now: bool) -> String {
    if now {
        "deprecated (or its message changed)".into()
    } else {
        "no longer deprecated".into()
    }
}

/// Find shapes that were renamed: a reference at the same place (an operation's
/// input or output, a member of the same name, a list element, a map key or
/// value) targets `A` in the old model and `B` in the new one, `A` exists only
/// in the old model and `B` only in the new one.
fn detect_renames(old: &Model, new: &Model) -> BTreeMap<String, String> {
    let mut renames: BTreeMap<String, String> = BTreeMap::new();
    let mut taken: HashSet<String> = HashSet::new();
    let mut queue: VecDeque<(String, String)> = VecDeque::new();
    let mut visited: HashSet<(String, String)> = HashSet::new();

    let mut consider = |o: &str,
                        n: &str,
                        renames: &mut BTreeMap<String, String>,
                        queue: &mut VecDeque<(String, String)>| {
        if o != n
            && old.shapes.contains_key(o)
            && new.shapes.contains_key(n)
            && !new.shapes.contains_key(o)
            && !old.shapes.contains_key(n)
            && !renames.contains_key(o)
            && !taken.contains(n)
        {
            renames.insert(o.to_string(), n.to_string());
            taken.insert(n.to_string());
            queue.push_back((o.to_string(), n.to_string()));
        }
    };

    for (name, oo) in &old.operations {
        if let Some(no) = new.operations.get(name) {
            for (o, n) in [(&oo.input, &no.input), (&oo.output, &no.output)] {
                if let (Some(o), Some(n)) = (o, n) {
                    consider(&o.shape, &n.shape, &mut renames, &mut queue);
                }
            }
        }
    }
    for name in old.shapes.keys() {
        if new.shapes.contains_key(name) {
            queue.push_back((name.clone(), name.clone()));
        }
    }
    while let Some((o, n)) = queue.pop_front() {
        if !visited.insert((o.clone(), n.clone())) {
            continue;
        }
        let (os, ns) = (&old.shapes[&o], &new.shapes[&n]);
        let mut pairs: Vec<(String, String)> = Vec::new();
        for (m, or) in &os.members {
            if let Some(nr) = ns.members.get(m) {
                pairs.push((or.shape.clone(), nr.shape.clone()));
            }
        }
        for (a, b) in [
            (&os.member, &ns.member),
            (&os.key, &ns.key),
            (&os.value, &ns.value),
        ] {
            if let (Some(a), Some(b)) = (a, b) {
                pairs.push((a.shape.clone(), b.shape.clone()));
            }
        }
        for (a, b) in pairs {
            consider(&a, &b, &mut renames, &mut queue);
        }
    }
    renames
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &str) -> PyValue {
        PyValue::Str(v.into())
    }
    fn d(items: &[(&str, PyValue)]) -> PyValue {
        PyValue::Dict(
            items
                .iter()
                .map(|(k, v)| (k.to_string(), v.clone()))
                .collect(),
        )
    }
    fn set(items: &[&str]) -> PyValue {
        PyValue::Set(items.iter().map(|v| v.to_string()).collect())
    }

    #[test]
    fn repr_of_strings_matches_python() {
        assert_eq!(py_str_repr("abc"), "'abc'");
        assert_eq!(py_str_repr("it's"), "\"it's\"");
        assert_eq!(py_str_repr("it's \"x\""), "'it\\'s \"x\"'");
        assert_eq!(py_str_repr("a\\b\n\t\u{1}"), "'a\\\\b\\n\\t\\x01'");
        assert_eq!(py_str_repr("a\u{a0}b"), "'a\\xa0b'");
        assert_eq!(py_str_repr("é\u{2028}"), "'é\\u2028'");
    }

    #[test]
    fn pformat_wraps_like_the_changelog_pages() {
        let canary = d(&[(
            "canarySettings",
            d(&[
                ("percentTraffic", s("double")),
                ("stageVariableOverrides", d(&[("string", s("string"))])),
                ("useStageCache", s("boolean")),
            ]),
        )]);
        assert_eq!(
            pformat(&canary),
            "{'canarySettings': {'percentTraffic': 'double',\n                    \
             'stageVariableOverrides': {'string': 'string'},\n                    \
             'useStageCache': 'boolean'}}"
        );
        let stages = d(&[(
            "Items",
            d(&[
                (
                    "DefaultRouteSettings",
                    d(&[("LoggingLevel", set(&["OFF"]))]),
                ),
                ("RouteSettings", d(&[("LoggingLevel", set(&["OFF"]))])),
            ]),
        )]);
        assert_eq!(
            pformat(&stages),
            "{'Items': {'DefaultRouteSettings': {'LoggingLevel': {'OFF'}},\n           \
             'RouteSettings': {'LoggingLevel': {'OFF'}}}}"
        );
        assert_eq!(pformat(&d(&[])), "{}");
        assert_eq!(pformat(&set(&[])), "set()");
    }

    // Expected outputs below were produced by CPython 3.11's
    // `pprint.pformat(value, width=W)`.
    #[test]
    fn pformat_sets_lists_and_narrow_widths() {
        let v = d(&[
            ("aaaa", set(&["ONE", "TWO", "THREE", "FOUR"])),
            (
                "bbbb",
                PyValue::List(vec![d(&[("x", s("string")), ("y", s("long"))])]),
            ),
        ]);
        assert_eq!(
            pformat_width(&v, 30),
            "{'aaaa': {'FOUR',\n          'ONE',\n          'THREE',\n          'TWO'},\n \
             'bbbb': [{'x': 'string',\n           'y': 'long'}]}"
        );
    }

    #[test]
    fn pformat_splits_long_strings_at_spaces() {
        let v = d(&[("k", s("alpha beta gamma delta epsilon"))]);
        assert_eq!(
            pformat_width(&v, 20),
            "{'k': 'alpha beta '\n      'gamma delta '\n      'epsilon'}"
        );
        assert_eq!(
            pformat_width(&s("alpha beta gamma delta epsilon"), 20),
            "('alpha beta gamma '\n 'delta epsilon')"
        );
    }

    #[test]
    fn merge_unites_dicts_and_sets() {
        let a = d(&[("x", d(&[("p", s("string"))])), ("e", set(&["A"]))]);
        let b = d(&[("x", d(&[("q", s("long"))])), ("e", set(&["B"]))]);
        assert_eq!(
            a.merge(b),
            d(&[
                ("x", d(&[("p", s("string")), ("q", s("long"))])),
                ("e", set(&["A", "B"]))
            ])
        );
    }
}
