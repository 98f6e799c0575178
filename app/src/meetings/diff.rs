//! What changed between two revisions of minutes, line by line, with a few unchanged lines
//! around each change and the rest left out (`LineChange::Gap`). The diff itself is
//! `similar`'s (Myers); this only shapes it for the revisions page.

use similar::{ChangeTag, TextDiff};

use crate::meetings::types::{DiffLine, LineChange};

/// Unchanged lines shown on each side of a change.
const CONTEXT: usize = 3;

/// The lines of `new` against `old`: unchanged ones near a change, added and removed ones,
/// and a gap wherever unchanged lines were left out. Empty when the texts are the same.
pub fn lines(old: &str, new: &str) -> Vec<DiffLine> {
    // A last line without its newline is the same line as one with it.
    let (old, new) = (with_final_newline(old), with_final_newline(new));
    let diff = TextDiff::from_lines(&old, &new);
    let mut lines = Vec::new();
    for (index, group) in diff.grouped_ops(CONTEXT).iter().enumerate() {
        if index > 0 {
            lines.push(DiffLine {
                change: LineChange::Gap,
                text: String::new(),
            });
        }
        for op in group {
            for change in diff.iter_changes(op) {
                let change_kind = match change.tag() {
                    ChangeTag::Equal => LineChange::Same,
                    ChangeTag::Insert => LineChange::Added,
                    ChangeTag::Delete => LineChange::Removed,
                };
                lines.push(DiffLine {
                    change: change_kind,
                    text: change.value().trim_end_matches(['\n', '\r']).to_owned(),
                });
            }
        }
    }
    lines
}

fn with_final_newline(text: &str) -> String {
    let mut text = text.replace("\r\n", "\n");
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use LineChange::*;

    fn shape(lines: &[DiffLine]) -> Vec<(LineChange, &str)> {
        lines
            .iter()
            .map(|line| (line.change, line.text.as_str()))
            .collect()
    }

    #[test]
    fn the_same_text_has_no_lines() {
        assert!(lines("One.\nTwo.\n", "One.\nTwo.\n").is_empty());
        assert!(lines("", "").is_empty());
    }

    #[test]
    fn a_changed_line_is_removed_then_added_among_its_neighbours() {
        let old = "The outage lasted four hours.\nThe supplier apologised.\n";
        let new = "The outage lasted four and a half hours.\nThe supplier apologised.\n";
        assert_eq!(
            shape(&lines(old, new)),
            [
                (Removed, "The outage lasted four hours."),
                (Added, "The outage lasted four and a half hours."),
                (Same, "The supplier apologised."),
            ]
        );
    }

    #[test]
    fn far_apart_changes_keep_three_lines_of_context_and_a_gap_between() {
        let old: String = (1..=20).map(|n| format!("Line {n}.\n")).collect();
        let new = old
            .replace("Line 2.\n", "Line two.\n")
            .replace("Line 18.\n", "Line eighteen.\n");
        let diff = lines(&old, &new);
        let gaps = diff.iter().filter(|line| line.change == Gap).count();
        assert_eq!(gaps, 1);
        assert_eq!(diff.first().map(|line| line.text.as_str()), Some("Line 1."));
        assert!(!diff.iter().any(|line| line.text == "Line 10."));
        assert_eq!(diff.last().map(|line| line.text.as_str()), Some("Line 20."));
    }

    #[test]
    fn line_endings_do_not_count_as_changes() {
        assert_eq!(
            shape(&lines("Alpha\nBeta", "Alpha\r\nBeta\nGamma")),
            [(Same, "Alpha"), (Same, "Beta"), (Added, "Gamma")]
        );
    }
}
