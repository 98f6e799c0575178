//! Bringing minutes in: a whole minutes document as pasted — Markdown, or plain text copied
//! from a word processor or a web page — split into proposed agenda items. The chair adjusts
//! the proposal before anything is saved, so the rules favour a split that is easy to correct
//! over one that guesses hard:
//! - Markdown headings split the document at the shallowest level used more than once (a lone
//!   top heading is the document's title, not an item); deeper headings stay in their item.
//! - Without Markdown headings, a short line standing alone (a blank line before it, text
//!   after it, no closing full stop) is a heading: "1. Outage", "ITEM 3 – RELEASE 5.2",
//!   "Any other business". Its numbering is dropped: the agenda numbers its items.
//! - Bullet characters a word processor or email leaves (•, ◦, ▪, ‣, ·, –, —, -, *, o)
//!   become Markdown lists.
//! - Text before the first heading (who was present, apologies) becomes an item of its own.
//!
//! The proposal is written back as one Markdown document (`to_markdown`), each item under a
//! `## ` heading and any heading inside an item moved below that level, which is also what
//! the chair edits: `read_proposal` reads it back exactly, taking headings word for word.

/// One proposed agenda item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProposedItem {
    pub heading: String,
    /// The item's minutes, in Markdown.
    pub minutes: String,
}

/// The heading given to text that comes before the first heading.
pub const OPENING: &str = "Opening";

/// The longest line still taken for a heading in plain text, in characters.
const HEADING_MAX: usize = 80;

/// Splits a minutes document into proposed agenda items (none for an empty one).
pub fn split(text: &str) -> Vec<ProposedItem> {
    let lines: Vec<String> = text
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .split('\n')
        .map(|line| line.trim_end().replace('\u{a0}', " "))
        .collect();
    let level = markdown_split_level(&lines);
    let mut items: Vec<ProposedItem> = Vec::new();
    let mut heading: Option<String> = None;
    let mut body: Vec<String> = Vec::new();
    let mut in_code = false;
    for index in 0..lines.len() {
        let line = &lines[index];
        let fence = line.trim_start().starts_with("```");
        if fence {
            in_code = !in_code;
        }
        let found = if in_code || fence {
            None
        } else {
            match level {
                Some(level) => markdown_heading(line).and_then(|(found, text)| {
                    match found.cmp(&level) {
                        std::cmp::Ordering::Equal => Some(Some(text)),
                        // A lone top heading above the split level: the document's title.
                        std::cmp::Ordering::Less => Some(None),
                        std::cmp::Ordering::Greater => None,
                    }
                }),
                None => plain_heading(&lines, index).map(|text| {
                    // The document's first line naming it as minutes is its title.
                    let first = lines[..index].iter().all(|line| line.trim().is_empty());
                    (!first || !text.to_lowercase().contains("minutes")).then_some(text)
                }),
            }
        };
        match found {
            Some(next) => {
                // The text so far becomes an item (an opening one before the first heading);
                // a title (`None`) starts none of its own.
                push_item(&mut items, heading.take(), &mut body);
                heading = next;
            }
            None if level.is_none() && !in_code => body.push(bullet_to_markdown(line)),
            None => body.push(line.clone()),
        }
    }
    push_item(&mut items, heading, &mut body);
    items
}

/// The log numbers a text may name without saying so: words of letters and digits (both),
/// not already written as `log:…` references, each once. Which of them are log numbers is
/// for the tracker to say (`link_log_numbers`).
pub fn bare_log_numbers(text: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for (start, word) in words(text) {
        if text[..start].ends_with("log:") || found.iter().any(|known| known == word) {
            continue;
        }
        let has_digit = word.chars().any(|c| c.is_ascii_digit());
        let has_letter = word.chars().any(|c| c.is_ascii_alphabetic());
        if has_digit && has_letter && (5..=30).contains(&word.len()) {
            found.push(word.to_owned());
        }
    }
    found
}

/// `text` with each of `known` (log numbers the tracker holds) written as a `log:` reference.
pub fn link_log_numbers(text: &str, known: &[String]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    for (start, word) in words(text) {
        if known.iter().any(|number| number == word) && !text[..start].ends_with("log:") {
            out.push_str(&text[copied..start]);
            out.push_str("log:");
            out.push_str(word);
            copied = start + word.len();
        }
    }
    out.push_str(&text[copied..]);
    out
}

/// The words of a text with where each starts: runs of ASCII letters, digits, `-` and `/`,
/// trimmed of a final full stop or hyphen.
fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let is_part = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '/';
    let mut at = 0;
    std::iter::from_fn(move || {
        while at < text.len() {
            let rest = &text[at..];
            let Some(offset) = rest.find(is_part) else {
                at = text.len();
                return None;
            };
            let start = at + offset;
            let len = text[start..]
                .find(|c: char| !is_part(c))
                .unwrap_or(text.len() - start);
            at = start + len;
            // A word glued to what precedes it ("#12", "x-ray") is not a log number's start.
            let glued = text[..start]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '#');
            let word = text[start..start + len].trim_end_matches(['-', '/']);
            if !glued && !word.is_empty() {
                return Some((start, word));
            }
        }
        None
    })
}

/// The proposal as one Markdown document: each item under a `## ` heading; a heading inside
/// an item at that level or above becomes a `### ` one, so it cannot start an item.
pub fn to_markdown(items: &[ProposedItem]) -> String {
    let mut out = String::new();
    for item in items {
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str("## ");
        out.push_str(&item.heading);
        if !item.minutes.is_empty() {
            out.push_str("\n\n");
            let mut in_code = false;
            let lines: Vec<String> = item
                .minutes
                .split('\n')
                .map(|line| {
                    if line.trim_start().starts_with("```") {
                        in_code = !in_code;
                    } else if !in_code
                        && markdown_heading(line).is_some_and(|(level, _)| level <= 2)
                    {
                        return format!("### {}", line.trim_start().trim_start_matches('#').trim());
                    }
                    line.to_owned()
                })
                .collect();
            out.push_str(&lines.join("\n"));
        }
    }
    out.push('\n');
    out
}

/// The items of a proposal as `to_markdown` writes it and the chair adjusts it: each line
/// starting `## ` (outside code) starts an item, the rest of the line its heading exactly;
/// text before the first is an opening item.
pub fn read_proposal(text: &str) -> Vec<ProposedItem> {
    let mut items = Vec::new();
    let mut heading: Option<String> = None;
    let mut body: Vec<String> = Vec::new();
    let mut in_code = false;
    for line in text.replace("\r\n", "\n").split('\n') {
        let line = line.trim_end();
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
        }
        match line.strip_prefix("## ") {
            Some(next) if !in_code => {
                push_item(&mut items, heading.take(), &mut body);
                heading = Some(next.trim().to_owned());
            }
            _ => body.push(line.to_owned()),
        }
    }
    push_item(&mut items, heading, &mut body);
    items
}

fn push_item(items: &mut Vec<ProposedItem>, heading: Option<String>, body: &mut Vec<String>) {
    let minutes = tidy(body);
    body.clear();
    match heading {
        Some(heading) => items.push(ProposedItem { heading, minutes }),
        None if !minutes.is_empty() => items.push(ProposedItem {
            heading: OPENING.to_owned(),
            minutes,
        }),
        None => {}
    }
}

/// Lines joined, without blank lines at either end or more than one blank line in a row.
fn tidy(lines: &[String]) -> String {
    let mut out: Vec<&str> = Vec::new();
    for line in lines {
        if line.trim().is_empty() && out.last().is_none_or(|last| last.trim().is_empty()) {
            continue;
        }
        out.push(line);
    }
    while out.last().is_some_and(|last| last.trim().is_empty()) {
        out.pop();
    }
    out.join("\n")
}

/// The level and text of a Markdown ATX heading (`## Outage`).
fn markdown_heading(line: &str) -> Option<(usize, String)> {
    let trimmed = line.trim_start();
    if line.len() - trimmed.len() > 3 {
        return None;
    }
    let level = trimmed.chars().take_while(|c| *c == '#').count();
    if !(1..=6).contains(&level) {
        return None;
    }
    let rest = &trimmed[level..];
    if !rest.is_empty() && !rest.starts_with(' ') {
        return None;
    }
    let text = rest.trim().trim_end_matches('#').trim();
    (!text.is_empty()).then(|| (level, strip_numbering(text)))
}

/// The heading level to split a Markdown document at: the shallowest used more than once,
/// else the shallowest used at all; `None` for a document without headings.
fn markdown_split_level(lines: &[String]) -> Option<usize> {
    let mut counts = [0_usize; 7];
    let mut in_code = false;
    for line in lines {
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
        } else if !in_code {
            if let Some((level, _)) = markdown_heading(line) {
                counts[level] += 1;
            }
        }
    }
    (1..=6)
        .find(|level| counts[*level] > 1)
        .or_else(|| (1..=6).find(|level| counts[*level] > 0))
}

/// The heading a plain-text line stands for, if it stands alone as one.
fn plain_heading(lines: &[String], index: usize) -> Option<String> {
    let line = lines[index].trim();
    let alone = index == 0 || lines[index - 1].trim().is_empty();
    let followed = lines[index + 1..]
        .iter()
        .find(|line| !line.trim().is_empty())
        .is_some();
    if !alone || !followed || line.is_empty() || line.chars().count() > HEADING_MAX {
        return None;
    }
    if bullet(line).is_some() || line.ends_with(['.', ',', ';', '!', '?']) && !is_numbering(line) {
        return None;
    }
    // A line that runs straight into more text is a heading over it only if it looks like
    // one: not starting in lower case, and short unless numbered (a long one is the first
    // line of a hard-wrapped paragraph).
    // Nor is the first of several short lines (a list of names): the text under a heading
    // reads as sentences somewhere.
    let block: Vec<&str> = lines[index + 1..]
        .iter()
        .map(|line| line.trim())
        .take_while(|line| !line.is_empty())
        .collect();
    if !block.is_empty()
        && !starts_numbered(line)
        && (line.starts_with(char::is_lowercase)
            || line.chars().count() > 50
            || !block
                .iter()
                .any(|line| line.ends_with(['.', '!', '?', ';'])))
    {
        return None;
    }
    let text = strip_numbering(line.trim_end_matches(':'));
    (!text.is_empty()).then_some(text)
}

/// "1.", "2)", "3 -", "Item 4:", "ITEM 5 –" and the like at the start of a heading, dropped.
fn strip_numbering(text: &str) -> String {
    let text = text.trim();
    let mut rest = text;
    let lower = rest.to_lowercase();
    // "Item 4: …", "Agenda item 6. …": the words go only with a number after them.
    for label in ["agenda item ", "item "] {
        if lower.starts_with(label) && rest.is_char_boundary(label.len()) {
            let after = rest[label.len()..].trim_start();
            if after.starts_with(|c: char| c.is_ascii_digit()) {
                rest = after;
            }
            break;
        }
    }
    // At most three digits ("2023 review" keeps its year), then a mark or a space, and no
    // number straight after ("1.5 million", "3 - 2 - 1" are the heading's own words).
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    if (1..=3).contains(&digits) && rest[digits..].starts_with(['.', ')', ':', ' ', '-']) {
        let after = rest[digits..].trim_start_matches(|c: char| {
            c == '.' || c == ')' || c == ':' || c == '-' || c == '–' || c == '—' || c == ' '
        });
        let separator = &rest[digits..rest.len() - after.len()];
        // A number straight after is the heading's own unless a mark and a space part the
        // two ("2. 24 hour outage" is item 2; "1.5 million" and "3 - 2 - 1" are words).
        let marked = separator.contains(['.', ')', ':']) && separator.contains(' ');
        if !after.is_empty() && (!after.starts_with(|c: char| c.is_ascii_digit()) || marked) {
            rest = after;
        }
    }
    rest.trim().to_owned()
}

/// "1. …", "2) …", "Item 3 …" — but not a sub-point such as "2.1 …".
fn starts_numbered(line: &str) -> bool {
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    let after = &line[digits..];
    let sub_point = after.starts_with('.') && after[1..].starts_with(|c: char| c.is_ascii_digit());
    digits > 0 && after.starts_with(['.', ')', ' ', ':']) && !sub_point
        || line.to_lowercase().starts_with("item ")
}

/// A line that is only numbering and a short title ends with a full stop sometimes ("1. Outage.").
fn is_numbering(line: &str) -> bool {
    starts_numbered(line) && line.split_whitespace().count() <= 8
}

/// The text of a bulleted line, if the line starts with a bullet character.
fn bullet(line: &str) -> Option<&str> {
    let trimmed = line.trim_start();
    for mark in ['•', '◦', '▪', '‣', '·', '–', '—', '-', '*', 'o'] {
        if let Some(rest) = trimmed.strip_prefix(mark) {
            if rest.starts_with([' ', '\t']) && !rest.trim().is_empty() {
                return Some(rest.trim());
            }
        }
    }
    None
}

/// A plain-text line as Markdown: bullets become list items; other lines stay.
fn bullet_to_markdown(line: &str) -> String {
    match bullet(line) {
        Some(text) => {
            let indent = line.len() - line.trim_start().len();
            format!("{}- {text}", if indent >= 2 { "  " } else { "" })
        }
        None => line.to_owned(),
    }
}

#[cfg(test)]
mod tests;
