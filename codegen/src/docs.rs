//! Model documentation (botocore's HTML subset) → rustdoc Markdown.
//!
//! Text is escaped so rustdoc never sees an intra-doc link (`[`/`]`), an HTML
//! tag, emphasis it was not given, a bare URL or an indented code block (which
//! would become a doctest). `<code>` becomes a code span, `<pre>` a ```text
//! fence, links `[text](url)`, lists `- item`. Unknown tags are dropped, their
//! text kept.

use std::borrow::Cow;

/// Convert an HTML documentation string to Markdown lines.
pub fn html_to_markdown(html: &str) -> String {
    let mut out = Md {
        // The line being written never outgrows the text.
        cur: String::with_capacity(html.len()),
        ..Md::default()
    };
    let mut rest = html;
    let mut link_stack: Vec<Option<String>> = Vec::new();
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('<') {
            if let Some(end) = after.find('>') {
                let tag = &after[..end];
                rest = &after[end + 1..];
                out.tag(tag, &mut link_stack);
                if out.in_pre {
                    // Copy <pre> content up to the closing tag verbatim (entities decoded).
                    let close = rest.find("</pre>").unwrap_or(rest.len());
                    let body = strip_tags(&decode_entities(&rest[..close]));
                    out.pre_body(&body);
                    rest = &rest[close..];
                }
                continue;
            }
            // A lone '<' is text.
            out.text("<");
            rest = after;
            continue;
        }
        let next = rest.find('<').unwrap_or(rest.len());
        out.text(&decoded(&rest[..next]));
        rest = &rest[next..];
    }
    out.finish()
}

#[derive(Default)]
struct Md {
    lines: Vec<String>,
    cur: String,
    in_code: bool,
    code_buf: String,
    in_pre: bool,
    list_depth: usize,
    /// A nested list just ended inside a list item.
    nested_list_ended: bool,
    pending_break: bool,
}

impl Md {
    fn flush_line(&mut self) {
        let line = self.cur.trim_end().to_string();
        self.cur.clear();
        if !line.trim().is_empty() {
            self.lines.push(line);
        }
    }

    fn paragraph(&mut self) {
        if self.list_depth > 0 {
            // Inside a list item a paragraph goes on on the item's line: on a
            // line of its own, unindented, it would be a lazy continuation
            // (clippy's `doc_lazy_continuation`), which Markdown joins to the
            // item anyway. Right after the bullet it is nothing.
            if !self.cur.is_empty() && !self.cur.ends_with(' ') {
                self.cur.push(' ');
            }
            return;
        }
        self.flush_line();
        if self.lines.last().is_some_and(|l| !l.is_empty()) {
            self.lines.push(String::new());
        }
    }

    fn tag(&mut self, raw: &str, links: &mut Vec<Option<String>>) {
        let raw = raw.trim();
        let closing = raw.starts_with('/');
        let body = raw.trim_start_matches('/').trim_end_matches('/');
        let name = &body[..body
            .bytes()
            .position(|b| !b.is_ascii_alphanumeric())
            .unwrap_or(body.len())];
        let lowercase;
        let name = if name.bytes().any(|b| b.is_ascii_uppercase()) {
            lowercase = name.to_ascii_lowercase();
            lowercase.as_str()
        } else {
            name
        };
        match (name, closing) {
            ("ul" | "ol", false) => {
                self.paragraph();
                self.list_depth += 1;
            }
            ("ul" | "ol", true) => {
                self.flush_line();
                self.list_depth = self.list_depth.saturating_sub(1);
                self.nested_list_ended = self.list_depth > 0;
                if self.list_depth == 0 {
                    self.paragraph();
                }
            }
            (
                "p" | "note" | "important" | "div" | "dl" | "dd" | "dt" | "h1" | "h2" | "h3" | "h4",
                _,
            ) => self.paragraph(),
            ("li", false) => {
                self.flush_line();
                self.nested_list_ended = false;
                let indent = "  ".repeat(self.list_depth.saturating_sub(1));
                self.cur.push_str(&indent);
                self.cur.push_str("- ");
            }
            ("li", true) => self.flush_line(),
            ("br", _) if self.list_depth > 0 => self.paragraph(),
            ("br", _) => self.flush_line(),
            ("code", false) if !self.in_code => {
                self.in_code = true;
                self.code_buf.clear();
            }
            ("code", true) if self.in_code => {
                self.in_code = false;
                // The code's words, one space between them.
                let code = std::mem::take(&mut self.code_buf);
                let trimmed = code.trim();
                if !trimmed.is_empty() {
                    let fence = if code.contains('`') { "``" } else { "`" };
                    let pad = if trimmed.starts_with('`') || trimmed.ends_with('`') {
                        " "
                    } else {
                        ""
                    };
                    self.push_inline(fence);
                    self.cur.push_str(pad);
                    for (i, word) in trimmed.split_whitespace().enumerate() {
                        if i > 0 {
                            self.cur.push(' ');
                        }
                        self.cur.push_str(word);
                    }
                    self.cur.push_str(pad);
                    self.cur.push_str(fence);
                }
                self.code_buf = code;
            }
            ("b" | "strong", _) => self.push_inline("**"),
            ("i" | "em", _) => self.push_inline("*"),
            ("a", false) => {
                let href = attr(body, "href");
                self.push_inline(if href.is_some() { "[" } else { "" });
                links.push(href);
            }
            ("a", true) => {
                if let Some(Some(href)) = links.pop() {
                    let href = href
                        .replace(' ', "%20")
                        .replace('(', "%28")
                        .replace(')', "%29");
                    self.push_inline("](");
                    self.cur.push_str(&href);
                    self.cur.push(')');
                }
            }
            ("pre", false) => {
                self.paragraph();
                self.in_pre = true;
            }
            ("pre", true) => {}
            _ => {}
        }
    }

    fn pre_body(&mut self, body: &str) {
        // The fence is longer than any run of backticks in the body, so no line
        // of it can close the block early (which would turn the rest of the
        // documentation into a doctest).
        let longest_run = body.split(|c| c != '`').map(str::len).max().unwrap_or(0);
        let fence = "`".repeat(longest_run.max(2) + 1);
        self.lines.push(format!("{fence}text"));
        for l in body.lines() {
            let l: String = l
                .trim_end()
                .chars()
                .map(|c| if c.is_control() && c != '\t' { ' ' } else { c })
                .collect();
            self.lines.push(if l.starts_with("```") {
                format!(" {l}")
            } else {
                l
            });
        }
        while self.lines.last().is_some_and(|l| l.is_empty()) {
            self.lines.pop();
        }
        self.lines.push(fence);
        self.lines.push(String::new());
        self.in_pre = false;
    }

    fn push_inline(&mut self, s: &str) {
        if self.pending_break {
            self.pending_break = false;
        }
        self.start_line();
        self.cur.push_str(s);
    }

    /// Text that starts a line inside a list item (after a nested list) is
    /// indented to the item's content: a paragraph of the item. Right after
    /// the nested list it needs a blank line, or it would go on with the
    /// nested list's last item. Deeper than the first level, where that would
    /// be four spaces after a blank line (a code block, to a reader that does
    /// not follow the lists), it goes on with the nested list's last item, as
    /// a lazy continuation would.
    fn start_line(&mut self) {
        if self.cur.is_empty() && self.list_depth > 0 {
            if std::mem::take(&mut self.nested_list_ended) {
                if self.list_depth > 1 {
                    if let Some(last) = self.lines.pop() {
                        self.cur = last;
                        self.cur.push(' ');
                        return;
                    }
                }
                self.lines.push(String::new());
            }
            self.cur.push_str(&"  ".repeat(self.list_depth));
        }
    }

    fn text(&mut self, text: &str) {
        // What the text holds, in one pass: most text has no line break, no
        // control character and nothing to escape.
        let class = text
            .bytes()
            .fold(0, |class, b| class | BYTE_CLASS[usize::from(b)]);
        // A line break before a punctuation mark is the layout of the source
        // (`</replaceable>\n    , where`), not a space in the sentence.
        let joined;
        let text = if !self.in_code && class & BREAK != 0 {
            let (t, at_start) = drop_breaks_before_punctuation(text);
            if at_start && self.cur.ends_with(' ') && self.cur.trim() != "-" {
                self.cur.pop();
            }
            joined = t;
            joined.as_str()
        } else {
            text
        };
        // Control characters become spaces (C1 controls are U+0080..U+009F,
        // encoded C2 80..C2 9F); most text has none and is used as it is.
        let owned;
        let text = if class & CONTROL != 0 {
            owned = text
                .chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect::<String>();
            owned.as_str()
        } else {
            text
        };
        // `\*` is a Markdown escape of the text AWS's documentation is written
        // in, which botocore's HTML keeps (`<code>/\*/\*</code>`): it means `*`.
        let unescaped;
        let text = if class & SPECIAL != 0 && text.contains("\\*") {
            unescaped = text.replace("\\*", "*");
            unescaped.as_str()
        } else {
            text
        };
        if self.in_code {
            self.code_buf.push_str(text);
            return;
        }
        // Collapse whitespace as HTML does, word by word. Most text needs no
        // escape and has no URL: its words are copied as they are.
        // (The steps above add no byte to escape: `*` replaces `\*`.)
        let plain = class & SPECIAL == 0 && find_url(text).is_none();
        let mut prev_space =
            self.cur.ends_with(' ') || self.cur.is_empty() || self.cur.ends_with("- ");
        let mut rest = text;
        while !rest.is_empty() {
            let (word, space) = match find_whitespace(rest) {
                Some(at) => rest.split_at(at),
                None => (rest, ""),
            };
            if !word.is_empty() {
                self.start_line();
                if plain {
                    self.cur.push_str(word);
                } else {
                    escape_text_into(&mut self.cur, word);
                }
                prev_space = false;
            }
            rest = space.trim_start_matches(char::is_whitespace);
            if rest.len() != space.len() && !prev_space {
                self.cur.push(' ');
                prev_space = true;
            }
        }
    }

    fn finish(mut self) -> String {
        self.flush_line();
        while self.lines.last().is_some_and(|l| l.is_empty()) {
            self.lines.pop();
        }
        let mut out = String::with_capacity(self.lines.iter().map(|l| l.len() + 1).sum());
        let mut item_text: Option<usize> = None;
        for (i, l) in self.lines.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            let l = without_controls(l);
            // Lines never start with indentation that Markdown would read as a code
            // block (list items are indented by two spaces per level; a line
            // right below one, indented no further than its text, goes on with
            // it: a code block cannot interrupt a paragraph).
            let text = l.trim_start();
            let indent = l.len() - text.len();
            if text.starts_with("- ") {
                item_text = Some(indent + 2);
            } else if l.is_empty() {
                item_text = None;
            } else if item_text.is_none_or(|t| indent > t) {
                item_text = None;
                if indent >= 4 {
                    out.push_str(text);
                    continue;
                }
            }
            out.push_str(&l);
        }
        out
    }
}

/// A line of [`Md`] without control characters (a link target may hold
/// `&#13;`): a bare CR is an error in a doc comment. A tab (in a `<pre>`
/// block) is four spaces: clippy's `tabs_in_doc_comments` rejects tabs.
fn without_controls(line: &str) -> Cow<'_, str> {
    // C0 controls and DEL are single bytes, C1 controls (U+0080..U+009F) start
    // with 0xC2: most lines have none of these bytes and are used as they are.
    if !line.bytes().any(|b| b < 0x20 || b == 0x7f || b == 0xc2) {
        return Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(line.len());
    for c in line.chars() {
        match c {
            '\t' => out.push_str("    "),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Where the first whitespace character (`char::is_whitespace`) of `s` starts.
fn find_whitespace(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut from = 0;
    // ASCII whitespace is ' ' and '\t'..='\r'; other whitespace is not ASCII.
    while let Some(p) = b[from..]
        .iter()
        .position(|&c| c == b' ' || (b'\t'..=b'\r').contains(&c) || c >= 0x80)
    {
        let at = from + p;
        let c = s[at..].chars().next()?;
        if c.is_whitespace() {
            return Some(at);
        }
        from = at + c.len_utf8();
    }
    None
}

/// `text` without the whitespace runs that hold a line break and precede a
/// punctuation mark, and whether it started with one.
fn drop_breaks_before_punctuation(text: &str) -> (String, bool) {
    let mut out = String::with_capacity(text.len());
    let mut at_start = false;
    let mut rest = text;
    while let Some(ws) = rest.find(char::is_whitespace) {
        out.push_str(&rest[..ws]);
        let after = rest[ws..].trim_start();
        let run = &rest[ws..rest.len() - after.len()];
        if run.contains(['\n', '\r']) && after.starts_with([',', '.', ';', ':', ')']) {
            at_start |= ws == 0 && out.is_empty();
        } else {
            out.push_str(run);
        }
        rest = after;
    }
    out.push_str(rest);
    (out, at_start)
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let idx = lower.find(&format!("{name}="))?;
    let rest = &tag[idx + name.len() + 1..];
    let (quote, rest) = match rest.chars().next()? {
        q @ ('"' | '\'') => (q, &rest[1..]),
        _ => (' ', rest),
    };
    let end = rest.find(quote).unwrap_or(rest.len());
    let v = decode_entities(rest[..end].trim());
    (!v.is_empty()).then_some(v)
}

fn strip_tags(s: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// Decode the HTML entities botocore documentation uses.
pub fn decode_entities(s: &str) -> String {
    decoded(s).into_owned()
}

/// [`decode_entities`], borrowing `s` when it has no entity.
fn decoded(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let end = after.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let ent = &after[..e];
            let c = match ent {
                "lt" => Some('<'),
                "gt" => Some('>'),
                "amp" => Some('&'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some(' '),
                _ if ent.starts_with("#x") || ent.starts_with("#X") => {
                    u32::from_str_radix(&ent[2..], 16)
                        .ok()
                        .and_then(char::from_u32)
                }
                _ if ent.starts_with('#') => ent[1..].parse().ok().and_then(char::from_u32),
                _ => None,
            };
            c.map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &after[e + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Escape Markdown and rustdoc-significant characters in plain text.
fn escape_text(word: &str) -> String {
    let mut out = String::with_capacity(word.len() + 4);
    escape_text_into(&mut out, word);
    out
}

/// Where a bare URL starts in `word`, if it has one.
fn find_url(word: &str) -> Option<usize> {
    let b = word.as_bytes();
    let mut from = 0;
    while let Some(p) = b[from..].iter().position(|&c| c == b'h') {
        let at = from + p;
        if b[at..].starts_with(b"http://") || b[at..].starts_with(b"https://") {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// The bytes `escape_text_into` rewrites, as a table: this test runs on every
/// byte of every doc comment of a model.
const NEEDS_ESCAPE: [bool; 256] = {
    let mut table = [false; 256];
    let special = b"[]*_`\\#|~<>&";
    let mut i = 0;
    while i < special.len() {
        table[special[i] as usize] = true;
        i += 1;
    }
    table
};

/// Bits of [`BYTE_CLASS`]: a line break (`\n`, `\r`).
const BREAK: u8 = 1;
/// A C0 control character or DEL, or 0xC2, the first byte of the C1
/// controls U+0080..U+009F (and of other characters: a hint, not a proof).
const CONTROL: u8 = 2;
/// A byte `escape_text_into` rewrites (`\` among them).
const SPECIAL: u8 = 4;

/// What `Md::text` needs to know of each byte of a text run, as bits.
const BYTE_CLASS: [u8; 256] = {
    let mut table = [0; 256];
    let mut b = 0;
    while b < 256 {
        if b == b'\n' as usize || b == b'\r' as usize {
            table[b] |= BREAK;
        }
        if b < 0x20 || b == 0x7f || b == 0xc2 {
            table[b] |= CONTROL;
        }
        if NEEDS_ESCAPE[b] {
            table[b] |= SPECIAL;
        }
        b += 1;
    }
    table
};

fn escape_text_into(out: &mut String, word: &str) {
    // A bare URL becomes an autolink, which rustdoc accepts.
    if let Some(start) = find_url(word) {
        let url_and_rest = &word[start..];
        let end = url_and_rest
            .find(['"', '\'', '<', '>', '`', ' '])
            .unwrap_or(url_and_rest.len());
        let url = url_and_rest[..end].trim_end_matches(['.', ',', ';', ':', ')']);
        escape_text_into(out, &word[..start]);
        out.push('<');
        out.push_str(url);
        out.push('>');
        escape_text_into(out, &word[start + url.len()..]);
        return;
    }
    // Most words need no escape at all.
    if !word.bytes().any(|b| NEEDS_ESCAPE[usize::from(b)]) {
        out.push_str(word);
        return;
    }
    for c in word.chars() {
        match c {
            '[' | ']' | '*' | '_' | '`' | '\\' | '#' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            _ => out.push(c),
        }
    }
}

/// Markdown `md` (as [`html_to_markdown`] writes it) split after its first
/// paragraph: `(first, rest)`, `rest` without the blank line between them.
/// `first` is empty when the text does not start with a paragraph of prose (a
/// list or a code block do not summarise it).
pub fn split_first_paragraph(md: &str) -> (&str, &str) {
    let md = md.trim_start_matches('\n');
    let first_line = md.lines().next().unwrap_or("");
    let starts_block = |l: &str| {
        let l = l.trim_start();
        l.starts_with("```") || l.starts_with("- ")
    };
    if md.trim().is_empty() || starts_block(first_line) {
        return ("", md);
    }
    // A paragraph ends at a blank line; a list or a code block right after
    // its last line (inside list items there are no blank lines) ends it too.
    let mut end = 0;
    for line in md.split_inclusive('\n') {
        let text = line.trim_end_matches('\n');
        if text.is_empty() || (end > 0 && starts_block(text)) {
            break;
        }
        end += line.len();
    }
    let first = md[..end].trim_end();
    let rest = md[end..].trim_start_matches('\n');
    (first, rest)
}

/// The first paragraph of Markdown `md` (see [`split_first_paragraph`]) on
/// one line, or the empty string.
pub fn first_paragraph(md: &str) -> String {
    let mut out = String::new();
    for (i, line) in split_first_paragraph(md).0.lines().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(line.trim());
    }
    out
}

/// The first sentence of a paragraph of Markdown on one line (see
/// [`first_paragraph`]): up to the first `.`, `?` or `!` that ends a word and
/// is followed by a space and a capital letter, a digit or a code span,
/// outside code spans and links, and not the end of an abbreviation
/// (`e.g.`, `i.e.`, `etc.`, `vs.`, `approx.`).
pub fn first_sentence(paragraph: &str) -> &str {
    let b = paragraph.as_bytes();
    let (mut in_code, mut in_link) = (false, 0usize);
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 1,
            b'`' => in_code = !in_code,
            // Link text (`[`, unescaped, only opens a link here) and target.
            b'[' if !in_code => in_link += 1,
            b']' if !in_code && in_link > 0 => in_link -= 1,
            b'(' if !in_code && i > 0 && b[i - 1] == b']' => in_link += 1,
            b')' if !in_code && in_link > 0 => in_link -= 1,
            b'.' | b'?' | b'!' if !in_code && in_link == 0 && i > 0 => {
                let next = b.get(i + 2).copied();
                // The word the mark ends, looked at only after the cheap tests.
                let abbreviation = || {
                    let word_start = paragraph[..i].rfind([' ', '(']).map_or(0, |p| p + 1);
                    let word = &paragraph[word_start..i];
                    ["e.g", "i.e", "etc", "vs", "approx", "e", "i", "no"]
                        .iter()
                        .any(|a| word.eq_ignore_ascii_case(a))
                };
                if b.get(i + 1) == Some(&b' ')
                    && b[i - 1] != b' '
                    && next
                        .is_some_and(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == b'`')
                    && !abbreviation()
                {
                    return &paragraph[..=i];
                }
            }
            _ => {}
        }
        i += 1;
    }
    paragraph
}

/// Plain model text (a name, a URI, a value) as a Markdown code span: one
/// line, no backtick to end it early.
pub fn code_span(text: &str) -> String {
    let clean: String = text
        .chars()
        .map(|c| if c.is_control() || c == '`' { ' ' } else { c })
        .collect();
    let clean = clean.split_whitespace().collect::<Vec<_>>().join(" ");
    if clean.is_empty() {
        "` `".to_string()
    } else {
        format!("`{clean}`")
    }
}

/// Escape plain (non-HTML) text for a doc comment.
pub fn plain_to_markdown(text: &str) -> String {
    text.lines()
        .map(|l| {
            l.split_whitespace()
                .map(escape_text)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::html_to_markdown as md;

    #[test]
    fn basics() {
        assert_eq!(
            md("<p>Hello <code>x[0]</code> world.</p>"),
            "Hello `x[0]` world."
        );
        assert_eq!(md("<p>A [b] *c* d_e</p>"), "A \\[b\\] \\*c\\* d\\_e");
        assert_eq!(
            md("<p>See <a href=\"https://x.y/z\">the docs</a>.</p>"),
            "See [the docs](https://x.y/z)."
        );
        assert_eq!(md("<p>one</p><p>two</p>"), "one\n\ntwo");
        assert_eq!(md("<ul><li><p>a</p></li><li>b</li></ul>"), "- a\n- b");
        assert_eq!(md("x &lt;tag&gt; y"), "x &lt;tag&gt; y");
        assert_eq!(md("<b>bold</b> and <i>it</i>"), "**bold** and *it*");
        assert_eq!(
            md("go to https://example.com."),
            "go to <https://example.com>."
        );
        assert_eq!(
            md("<pre>let x = 1;\n  y</pre>"),
            "```text\nlet x = 1;\n  y\n```"
        );
        // No tabs (clippy's `tabs_in_doc_comments`), and a tab does not make a
        // code block of a line.
        assert_eq!(md("<pre>a\tb\n\tc</pre>"), "```text\na    b\nc\n```");
        assert_eq!(md("x\ty"), "x y");
    }

    #[test]
    fn paragraphs_in_list_items_go_on_with_the_item() {
        // No lazy continuation lines (clippy's `doc_lazy_continuation`).
        assert_eq!(
            md("<ul><li><p>a</p><p>b</p></li><li>c<br/>d</li></ul><p>e</p>"),
            "- a b\n- c d\n\ne"
        );
        assert_eq!(
            md("<ul><li>a<ul><li>b</li></ul><p>c</p></li><li>d</li></ul>"),
            "- a\n  - b\n\n  c\n- d"
        );
        assert_eq!(
            md("<ul><li><p>a</p></li><p>stray</p><li>b</li></ul>"),
            "- a\n  stray\n- b"
        );
        assert_eq!(
            md("<ul><li>a<ul><li>b<ul><li>c</li></ul><p>d</p></li></ul><p>e</p></li></ul><p>f</p>"),
            "- a\n  - b\n    - c d\n\n  e\n\nf"
        );
        // Deeper than the last item's text, four spaces are a code block.
        assert_eq!(
            md("<ul><li>a</li></ul><p>b</p><pre>      x</pre>"),
            "- a\n\nb\n\n```text\nx\n```"
        );
        // Text after a list, indented or not, is no code block.
        assert_eq!(
            md("<ul><li>a</li></ul><pre>    x</pre>"),
            "- a\n\n```text\nx\n```"
        );
    }

    /// botocore keeps the Markdown escapes of AWS's sources (`\*`) and the
    /// line breaks of its XML around inline tags: neither shows in the text.
    #[test]
    fn source_artifacts() {
        assert_eq!(
            md("<p>or <code>/\\*/\\*</code> for all methods</p>"),
            "or `/*/*` for all methods"
        );
        assert_eq!(
            md("<p>specify arn:aws:iam::\\*:user/\\*.</p>"),
            "specify arn:aws:iam::\\*:user/\\*."
        );
        assert_eq!(
            md("<p>method.request.<r>{name}</r>\n          , where \n  <r>{location}</r>\n  is a path</p>"),
            "method.request.{name}, where {location} is a path"
        );
        assert_eq!(md("<p>a\n . b</p>"), "a. b");
        // A space in the sentence stays.
        assert_eq!(md("<p>a , b</p>"), "a , b");
    }

    #[test]
    fn first_paragraphs() {
        use super::{first_paragraph, split_first_paragraph};
        assert_eq!(
            split_first_paragraph("One.\nTwo.\n\nThree."),
            ("One.\nTwo.", "Three.")
        );
        assert_eq!(first_paragraph("One.\nTwo.\n\nThree."), "One. Two.");
        assert_eq!(split_first_paragraph("- a\n- b"), ("", "- a\n- b"));
        assert_eq!(
            split_first_paragraph("```text\nx\n```"),
            ("", "```text\nx\n```")
        );
        assert_eq!(
            split_first_paragraph("Values:\n- a\n- b"),
            ("Values:", "- a\n- b")
        );
        assert_eq!(split_first_paragraph(""), ("", ""));
        assert_eq!(split_first_paragraph("Only."), ("Only.", ""));
        assert_eq!(
            first_paragraph(&md("<p>Sets it.</p><p>More.</p>")),
            "Sets it."
        );
    }

    #[test]
    fn first_sentences() {
        use super::first_sentence as first;
        assert_eq!(first("One. Two."), "One.");
        assert_eq!(first("Only one"), "Only one");
        assert_eq!(first("Use `a. B` here. Then"), "Use `a. B` here.");
        assert_eq!(
            first("For example, e.g. This one. Next"),
            "For example, e.g. This one."
        );
        assert_eq!(first("Version 1.5 is out. Yes"), "Version 1.5 is out.");
        assert_eq!(
            first("See [a. B](https://x.y/a.b). Next"),
            "See [a. B](https://x.y/a.b)."
        );
        assert_eq!(first("Is it? Yes."), "Is it?");
        assert_eq!(first("lower. case continues"), "lower. case continues");
        assert_eq!(first("An \\. escaped. Then"), "An \\. escaped.");
    }
}
