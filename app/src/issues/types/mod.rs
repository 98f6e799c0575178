//! Issue values both sides share: ids, the supplier's log numbers, statuses, and what the
//! pages show. Each value is parsed once at the edge and valid from then on.

use serde::{Deserialize, Serialize};

pub use crate::domain::{
    ids::{IssueId, PostId},
    issue_workflow::IssueStatus,
    log_number::LogNumber,
};

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
    /// Published minutes discussed the issue (not stored with its events: read from the
    /// minutes' mentions, so it never parses from a stored kind).
    Discussed,
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
            EventKind::Discussed => "discussed",
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
