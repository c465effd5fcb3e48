//! Model documentation (botocore's HTML subset) → rustdoc Markdown.
//!
//! Text is escaped so rustdoc never sees an intra-doc link (`[`/`]`), an HTML
//! tag, emphasis it was not given, a bare URL or an indented code block (which
//! would become a doctest). `<code>` becomes a code span, `<pre>` a ```text
//! fence, links `[text](url)`, lists `- item`. Unknown tags are dropped, their
//! text kept.

/// Convert an HTML documentation string to Markdown lines.
pub fn html_to_markdown(html: &str) -> String {
    let mut out = Md::default();
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
        let text = decode_entities(&rest[..next]);
        out.text(&text);
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
        let name: String = body
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        match (name.as_str(), closing) {
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
                let code = self
                    .code_buf
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                if !code.is_empty() {
                    let fence = if code.contains('`') { "``" } else { "`" };
                    let pad = if code.starts_with('`') || code.ends_with('`') {
                        " "
                    } else {
                        ""
                    };
                    self.push_inline(&format!("{fence}{pad}{code}{pad}{fence}"));
                }
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
                    self.push_inline(&format!("]({href})"));
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
        // Control characters become spaces (C1 controls are U+0080..U+009F,
        // encoded C2 80..C2 9F); most text has none and is used as it is.
        let owned;
        let text = if text.bytes().any(|b| b < 0x20 || b == 0x7f || b == 0xc2) {
            owned = text
                .chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect::<String>();
            owned.as_str()
        } else {
            text
        };
        if self.in_code {
            self.code_buf.push_str(text);
            return;
        }
        // Collapse whitespace as HTML does.
        let mut prev_space =
            self.cur.ends_with(' ') || self.cur.is_empty() || self.cur.ends_with("- ");
        for word_piece in text.split_inclusive(char::is_whitespace) {
            let trimmed = word_piece.trim_end_matches(char::is_whitespace);
            if !trimmed.is_empty() {
                self.start_line();
                escape_text_into(&mut self.cur, trimmed);
                prev_space = false;
            }
            if trimmed.len() != word_piece.len() && !prev_space {
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
        self.lines
            .iter()
            // No control characters (a link target may hold `&#13;`): a bare CR
            // is an error in a doc comment. A tab (in a `<pre>` block) is four
            // spaces: clippy's `tabs_in_doc_comments` rejects tabs.
            .map(|l| {
                let mut out = String::with_capacity(l.len());
                for c in l.chars() {
                    match c {
                        '\t' => out.push_str("    "),
                        c if c.is_control() => out.push(' '),
                        c => out.push(c),
                    }
                }
                out
            })
            // Lines never start with indentation that Markdown would read as a code
            // block (list items are indented by two spaces per level; a line
            // right below one, indented no further than its text, goes on with
            // it: a code block cannot interrupt a paragraph).
            .scan(None, |item_text: &mut Option<usize>, l| {
                let indent = l.len() - l.trim_start().len();
                let line = if l.trim_start().starts_with("- ") {
                    *item_text = Some(indent + 2);
                    l
                } else if l.is_empty() {
                    *item_text = None;
                    l
                } else if item_text.is_some_and(|t| indent <= t) {
                    l
                } else {
                    *item_text = None;
                    if indent >= 4 {
                        l.trim_start().to_string()
                    } else {
                        l
                    }
                };
                Some(line)
            })
            .collect::<Vec<_>>()
            .join("\n")
    }
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
    if !s.contains('&') {
        return s.to_string();
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
    out
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
}
