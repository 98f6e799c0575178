//! The supplier's own reference for a reported problem: its support log number, which members
//! quote, search by and write in text (`log:CS0123456`).

use std::fmt;

use serde::{Deserialize, Serialize};

/// A supplier's support log number, such as `CS0123456`: trimmed and upper-cased, 3 to 40
/// letters, digits and `-_/.`. Unique per supplier (the database enforces it).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct LogNumber(String);

impl LogNumber {
    pub const MIN_LEN: usize = 3;
    pub const MAX_LEN: usize = 40;

    pub fn parse(text: &str) -> Result<LogNumber, &'static str> {
        let text = text.trim();
        if text.is_empty() {
            return Err("Enter the supplier's log number.");
        }
        if !text.chars().all(Self::allowed) {
            return Err(
                "A log number may hold only letters, digits and the characters - _ / . (no spaces).",
            );
        }
        if text.len() < Self::MIN_LEN {
            return Err("A log number has at least 3 characters.");
        }
        if text.len() > Self::MAX_LEN {
            return Err("A log number has at most 40 characters.");
        }
        if !text.chars().any(|c| c.is_ascii_alphanumeric()) {
            return Err("A log number needs at least one letter or digit.");
        }
        Ok(LogNumber(text.to_ascii_uppercase()))
    }

    /// Whether a character may appear in a log number.
    pub fn allowed(c: char) -> bool {
        c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '/' | '.')
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Where a reference to this log number leads: the issues list looks it up and goes
    /// straight to the issue that holds it.
    pub fn href(&self) -> String {
        format!("/issues?q=log%3A{}", self.0.replace('/', "%2F"))
    }
}

impl fmt::Display for LogNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_log_number_is_trimmed_and_upper_cased() {
        let number = LogNumber::parse("  cs0123456 ").expect("valid");
        assert_eq!(number.as_str(), "CS0123456");
        assert_eq!(LogNumber::parse("CS0123456"), Ok(number));
    }

    #[test]
    fn a_log_number_allows_separators() {
        for text in ["INC-2023/07.1", "a_b", "12345", "x.y"] {
            assert!(LogNumber::parse(text).is_ok(), "{text}");
        }
    }

    #[test]
    fn a_log_number_is_3_to_40_characters() {
        assert!(LogNumber::parse("ab").is_err());
        assert!(LogNumber::parse("abc").is_ok());
        assert!(LogNumber::parse(&"9".repeat(40)).is_ok());
        assert!(LogNumber::parse(&"9".repeat(41)).is_err());
    }

    #[test]
    fn a_log_number_refuses_spaces_symbols_and_other_alphabets() {
        for text in [
            "CS 0123", "CS#0123", "<script>", "CS0123;", "ÄBC123", "٣٣٣٣",
        ] {
            assert!(LogNumber::parse(text).is_err(), "{text}");
        }
    }

    #[test]
    fn a_log_number_needs_a_letter_or_digit() {
        assert!(LogNumber::parse("---").is_err());
        assert!(LogNumber::parse("./.").is_err());
    }

    #[test]
    fn an_empty_log_number_says_what_to_enter() {
        assert_eq!(
            LogNumber::parse("   "),
            Err("Enter the supplier's log number.")
        );
    }

    #[test]
    fn a_log_number_link_escapes_slashes() {
        let number = LogNumber::parse("inc/7").expect("valid");
        assert_eq!(number.href(), "/issues?q=log%3AINC%2F7");
    }
}
