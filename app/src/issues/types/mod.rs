//! Issue values both sides share: ids, the supplier's log numbers, statuses, and what the
//! pages show. Each value is parsed once at the edge and valid from then on.

use std::fmt;

use serde::{Deserialize, Serialize};

pub use crate::domain::ids::{IssueId, PostId};

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

/// Where an issue stands. The main line runs `New` → `Logged` → `Investigating` →
/// `FixPlanned` → `Fixed` → `Closed`; `WontFix` ends it without a fix, and `Duplicate` is set
/// only by merging into another issue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IssueStatus {
    New,
    Logged,
    Investigating,
    FixPlanned,
    Fixed,
    Closed,
    WontFix,
    Duplicate,
}

impl IssueStatus {
    pub const ALL: [IssueStatus; 8] = [
        IssueStatus::New,
        IssueStatus::Logged,
        IssueStatus::Investigating,
        IssueStatus::FixPlanned,
        IssueStatus::Fixed,
        IssueStatus::Closed,
        IssueStatus::WontFix,
        IssueStatus::Duplicate,
    ];

    /// The name stored in the database and used in URLs and forms.
    pub fn as_str(self) -> &'static str {
        match self {
            IssueStatus::New => "new",
            IssueStatus::Logged => "logged",
            IssueStatus::Investigating => "investigating",
            IssueStatus::FixPlanned => "fix_planned",
            IssueStatus::Fixed => "fixed",
            IssueStatus::Closed => "closed",
            IssueStatus::WontFix => "wont_fix",
            IssueStatus::Duplicate => "duplicate",
        }
    }

    pub fn parse(text: &str) -> Option<IssueStatus> {
        IssueStatus::ALL
            .into_iter()
            .find(|status| status.as_str() == text)
    }

    pub fn label(self) -> &'static str {
        match self {
            IssueStatus::New => "New",
            IssueStatus::Logged => "Logged with supplier",
            IssueStatus::Investigating => "Investigating",
            IssueStatus::FixPlanned => "Fix planned",
            IssueStatus::Fixed => "Fixed",
            IssueStatus::Closed => "Closed",
            IssueStatus::WontFix => "Won't fix",
            IssueStatus::Duplicate => "Duplicate",
        }
    }

    /// Still waiting for something from the supplier: the "open" group of the list filter,
    /// and the statuses whose time without a supplier answer counts.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            IssueStatus::New
                | IssueStatus::Logged
                | IssueStatus::Investigating
                | IssueStatus::FixPlanned
        )
    }

    /// Open, then closed statuses, each group in workflow order.
    pub fn open() -> impl Iterator<Item = IssueStatus> {
        IssueStatus::ALL
            .into_iter()
            .filter(|status| status.is_open())
    }

    pub fn closed() -> impl Iterator<Item = IssueStatus> {
        IssueStatus::ALL
            .into_iter()
            .filter(|status| !status.is_open())
    }
}

/// A timeline entry's kind. The timeline is also the record the notifications of followers
/// are made from, so every change to an issue writes one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    Reported,
    Comment,
    OfficialResponse,
    StatusChanged,
    LogNumberAdded,
    LogNumberRemoved,
    /// This issue was merged into another (it is now a duplicate of it).
    MergedInto,
    /// Another issue was merged into this one.
    MergedFrom,
    /// Title, description, module or safety flag changed.
    DetailsChanged,
}

impl EventKind {
    pub const ALL: [EventKind; 9] = [
        EventKind::Reported,
        EventKind::Comment,
        EventKind::OfficialResponse,
        EventKind::StatusChanged,
        EventKind::LogNumberAdded,
        EventKind::LogNumberRemoved,
        EventKind::MergedInto,
        EventKind::MergedFrom,
        EventKind::DetailsChanged,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Reported => "reported",
            EventKind::Comment => "comment",
            EventKind::OfficialResponse => "official_response",
            EventKind::StatusChanged => "status_changed",
            EventKind::LogNumberAdded => "log_number_added",
            EventKind::LogNumberRemoved => "log_number_removed",
            EventKind::MergedInto => "merged_into",
            EventKind::MergedFrom => "merged_from",
            EventKind::DetailsChanged => "details_changed",
        }
    }

    pub fn parse(text: &str) -> Option<EventKind> {
        EventKind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == text)
    }

    /// Entries whose body people write, and may edit or remove.
    pub fn is_post(self) -> bool {
        matches!(self, EventKind::Comment | EventKind::OfficialResponse)
    }
}

/// The fields of an issue its reporter and the committee can edit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssueDetails {
    pub title: String,
    pub description: String,
    pub module: Option<crate::suppliers::types::ModuleId>,
    pub patient_safety: bool,
}

impl IssueDetails {
    /// What differs from `before`, as the timeline says it: "the title and the module".
    pub fn changes_from(&self, before: &IssueDetails) -> Option<String> {
        let changed: Vec<&str> = [
            (self.title != before.title, "the title"),
            (self.description != before.description, "the description"),
            (self.module != before.module, "the module"),
            (
                self.patient_safety != before.patient_safety,
                "the patient-safety flag",
            ),
        ]
        .into_iter()
        .filter_map(|(differs, what)| differs.then_some(what))
        .collect();
        match changed.as_slice() {
            [] => None,
            [only] => Some((*only).to_owned()),
            [first @ .., last] => Some(format!("{} and {last}", first.join(", "))),
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_edit_names_what_it_changed() {
        use super::IssueDetails;
        use crate::suppliers::types::ModuleId;
        let before = IssueDetails {
            title: "Letters print twice".to_owned(),
            description: "Two copies.".to_owned(),
            module: None,
            patient_safety: false,
        };
        assert_eq!(before.changes_from(&before), None);
        let retitled = IssueDetails {
            title: "Letters print twice from the queue".to_owned(),
            ..before.clone()
        };
        assert_eq!(retitled.changes_from(&before).as_deref(), Some("the title"));
        let more = IssueDetails {
            module: Some(ModuleId(2)),
            patient_safety: true,
            ..retitled.clone()
        };
        assert_eq!(
            more.changes_from(&before).as_deref(),
            Some("the title, the module and the patient-safety flag")
        );
    }

    #[test]
    fn issue_numbers_are_read_with_or_without_their_hash() {
        use super::IssueId;
        assert_eq!(IssueId::parse("12"), Some(IssueId(12)));
        assert_eq!(IssueId::parse(" #7 "), Some(IssueId(7)));
        for bad in [
            "",
            "#",
            "0",
            "#-3",
            "12a",
            "1 2",
            "99999999999999999999",
            "+5",
        ] {
            assert_eq!(IssueId::parse(bad), None, "{bad}");
        }
    }

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

    #[test]
    fn statuses_and_event_kinds_round_trip_through_their_names() {
        for status in IssueStatus::ALL {
            assert_eq!(IssueStatus::parse(status.as_str()), Some(status));
        }
        for kind in EventKind::ALL {
            assert_eq!(EventKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(IssueStatus::parse("open"), None);
    }

    #[test]
    fn open_and_closed_groups_cover_every_status_once() {
        let open: Vec<_> = IssueStatus::open().collect();
        let closed: Vec<_> = IssueStatus::closed().collect();
        assert_eq!(open.len() + closed.len(), IssueStatus::ALL.len());
        assert!(open.contains(&IssueStatus::FixPlanned));
        assert!(closed.contains(&IssueStatus::Fixed));
        assert!(closed.contains(&IssueStatus::Duplicate));
    }
}

mod list;
mod view;

pub use list::*;
pub use view::*;
