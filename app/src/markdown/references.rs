//! References written in text: `#123` an issue, `log:CS0123456` the issue holding that log
//! number, `C-45` a commitment and `INC-7` an incident. All four are recognised; a kind
//! links once its area exists (`Reference::href`), so adding one needs no change here.

use crate::domain::{
    ids::{CommitmentId, IncidentId, IssueId, ItemRef},
    log_number::LogNumber,
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reference {
    /// A record by its id (`#12`, `C-45`, `INC-7`).
    Item(ItemRef),
    LogNumber(LogNumber),
}

impl Reference {
    /// Where the reference leads, or `None` while its kind has no pages.
    pub fn href(&self) -> Option<String> {
        match self {
            Reference::Item(item) => item.href(),
            Reference::LogNumber(number) => Some(number.href()),
        }
    }
}

/// A run of text: plain, or a reference as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece<'a> {
    Text(&'a str),
    Reference(&'a str, Reference),
}

/// Splits text into plain runs and references. A reference starts and ends at a word
/// boundary, so `page#3`, `ABC-45` and `#12a` are plain text.
pub fn split(text: &str) -> Vec<Piece<'_>> {
    let mut pieces = Vec::new();
    let mut plain_from = 0;
    let mut at = 0;
    while at < text.len() {
        let boundary_before = text[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !is_word_char(c));
        let found = boundary_before.then(|| reference_at(&text[at..])).flatten();
        match found {
            Some((len, reference)) => {
                if plain_from < at {
                    pieces.push(Piece::Text(&text[plain_from..at]));
                }
                pieces.push(Piece::Reference(&text[at..at + len], reference));
                at += len;
                plain_from = at;
            }
            None => {
                at += text[at..].chars().next().map_or(1, char::len_utf8);
            }
        }
    }
    if plain_from < text.len() {
        pieces.push(Piece::Text(&text[plain_from..]));
    }
    pieces
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The reference at the very start of `rest`, with its length in bytes.
fn reference_at(rest: &str) -> Option<(usize, Reference)> {
    if let Some(digits) = rest.strip_prefix('#') {
        let (len, number) = number_at(digits)?;
        return Some((1 + len, Reference::Item(ItemRef::Issue(IssueId(number)))));
    }
    if let Some(digits) = rest.strip_prefix("INC-") {
        let (len, number) = number_at(digits)?;
        return Some((
            4 + len,
            Reference::Item(ItemRef::Incident(IncidentId(number))),
        ));
    }
    if let Some(digits) = rest.strip_prefix("C-") {
        let (len, number) = number_at(digits)?;
        return Some((
            2 + len,
            Reference::Item(ItemRef::Commitment(CommitmentId(number))),
        ));
    }
    if let Some(tail) = rest.strip_prefix("log:") {
        let mut len = tail
            .char_indices()
            .find(|(_, c)| !LogNumber::allowed(*c))
            .map_or(tail.len(), |(index, _)| index);
        // A full stop after a reference ends the sentence, not the log number.
        while tail[..len].ends_with('.') {
            len -= 1;
        }
        let number = LogNumber::parse(&tail[..len]).ok()?;
        return Some((4 + len, Reference::LogNumber(number)));
    }
    None
}

/// A positive number at the start of `text` that ends at a word boundary.
fn number_at(text: &str) -> Option<(usize, i64)> {
    let len = text
        .char_indices()
        .find(|(_, c)| !c.is_ascii_digit())
        .map_or(text.len(), |(index, _)| index);
    if len == 0 || text[len..].chars().next().is_some_and(is_word_char) {
        return None;
    }
    let number: i64 = text[..len].parse().ok()?;
    (number > 0).then_some((len, number))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refs(text: &str) -> Vec<Reference> {
        split(text)
            .into_iter()
            .filter_map(|piece| match piece {
                Piece::Reference(_, reference) => Some(reference),
                Piece::Text(_) => None,
            })
            .collect()
    }

    fn log(text: &str) -> Reference {
        Reference::LogNumber(LogNumber::parse(text).expect("valid"))
    }

    #[test]
    fn finds_each_kind_of_reference() {
        assert_eq!(
            refs("See #12, log:cs0123456, C-45 and INC-7."),
            [
                Reference::Item(ItemRef::Issue(IssueId(12))),
                log("CS0123456"),
                Reference::Item(ItemRef::Commitment(CommitmentId(45))),
                Reference::Item(ItemRef::Incident(IncidentId(7))),
            ]
        );
    }

    #[test]
    fn keeps_the_text_around_references() {
        assert_eq!(
            split("Fixed (#3)."),
            [
                Piece::Text("Fixed ("),
                Piece::Reference("#3", Reference::Item(ItemRef::Issue(IssueId(3)))),
                Piece::Text(")."),
            ]
        );
    }

    #[test]
    fn ignores_references_inside_words() {
        assert!(refs("page#3 ABC-45 PINC-7 #12a #0 C- catalog:ABC123").is_empty());
    }

    #[test]
    fn a_log_reference_stops_at_the_end_of_the_sentence() {
        assert_eq!(refs("Logged as log:INC/2023.7."), [log("INC/2023.7")]);
        assert!(refs("log:ab").is_empty());
    }

    #[test]
    fn a_number_too_big_for_an_id_is_plain_text() {
        assert!(refs("#99999999999999999999").is_empty());
    }

    #[test]
    fn only_kinds_with_pages_link() {
        assert_eq!(
            Reference::Item(ItemRef::Issue(IssueId(4)))
                .href()
                .as_deref(),
            Some("/issues/4")
        );
        assert_eq!(
            Reference::Item(ItemRef::Commitment(CommitmentId(4)))
                .href()
                .as_deref(),
            Some("/commitments/4")
        );
        assert_eq!(
            Reference::Item(ItemRef::Incident(IncidentId(4))).href(),
            None
        );
    }

    #[test]
    fn handles_text_in_any_script() {
        assert_eq!(
            refs("é#5 ü #6 日本 #7"),
            [
                Reference::Item(ItemRef::Issue(IssueId(6))),
                Reference::Item(ItemRef::Issue(IssueId(7)))
            ]
        );
    }
}
