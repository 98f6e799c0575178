//! Every kind of record's id, one newtype each, so that an issue's id can never be passed
//! where a post's or a supplier's is wanted. All are made by `id!`: a database id, sent and
//! received as a plain number, and read from a row as one (`sqlx::Type`, on the server). A kind that people name in text (an issue's `#N`) says here
//! how it is written, read and where its page is.

use serde::{Deserialize, Serialize};

macro_rules! id {
    ($($(#[$doc:meta])* $name:ident;)*) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "ssr", derive(sqlx::Type), sqlx(transparent))]
        #[serde(transparent)]
        pub struct $name(pub i64);
    )*};
}

id! {
    /// An issue, shown as `#N`.
    IssueId;
    /// A comment or official response on an issue's timeline (an event's id).
    PostId;
    /// A supplier.
    SupplierId;
    /// One of a supplier's modules (products).
    ModuleId;
    /// An account.
    AccountId;
    /// A signed-in session (never its token).
    SessionId;
    /// A single-use link: an invitation or a password reset.
    LinkId;
    /// A watchdog meeting.
    MeetingId;
    /// A series of meetings (the watchdog meetings with one supplier).
    MeetingSeriesId;
    /// Someone who attended a meeting or sent apologies.
    AttendeeId;
    /// An item on a meeting's agenda.
    AgendaItemId;
    /// A supplier's commitment, shown as `C-N`.
    CommitmentId;
    /// An action agreed at a meeting.
    ActionId;
    /// A decision recorded at a meeting.
    DecisionId;
    /// An incident, shown as `INC-N`.
    IncidentId;
    /// A file attached to a meeting or agenda item.
    AttachmentId;
    /// A supplier's release ("5.2.0").
    ReleaseId;
}

impl std::fmt::Display for IssueId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "#{}", self.0)
    }
}

impl MeetingId {
    pub fn href(self) -> String {
        format!("/meetings/{}", self.0)
    }
}

impl ActionId {
    pub fn href(self) -> String {
        format!("/actions/{}", self.0)
    }
}

impl CommitmentId {
    pub fn href(self) -> String {
        format!("/commitments/{}", self.0)
    }

    /// How people name it in text: `C-45`.
    pub fn label(self) -> String {
        format!("C-{}", self.0)
    }
}

impl IssueId {
    pub fn href(self) -> String {
        format!("/issues/{}", self.0)
    }

    /// An issue number as people type it: `12` or `#12`, spaces around allowed.
    pub fn parse(text: &str) -> Option<IssueId> {
        let text = text.trim();
        let digits = text.strip_prefix('#').unwrap_or(text);
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        digits.parse().ok().filter(|n| *n > 0).map(IssueId)
    }
}

/// A record that timelines, follows, chases, notifications and references in text can point
/// at, whatever its area.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ItemRef {
    Issue(IssueId),
    Commitment(CommitmentId),
    Action(ActionId),
    AgendaItem(AgendaItemId),
    Incident(IncidentId),
}

impl ItemRef {
    /// The record's kind and id, as stored where any kind of record may be named.
    pub fn stored(self) -> (&'static str, i64) {
        match self {
            ItemRef::Issue(id) => ("issue", id.0),
            ItemRef::Commitment(id) => ("commitment", id.0),
            ItemRef::Action(id) => ("action", id.0),
            ItemRef::AgendaItem(id) => ("agenda_item", id.0),
            ItemRef::Incident(id) => ("incident", id.0),
        }
    }

    /// The record that `stored` names, or `None` for a kind there is no such record of.
    pub fn from_stored(kind: &str, id: i64) -> Option<ItemRef> {
        Some(match kind {
            "issue" => ItemRef::Issue(IssueId(id)),
            "commitment" => ItemRef::Commitment(CommitmentId(id)),
            "action" => ItemRef::Action(ActionId(id)),
            "agenda_item" => ItemRef::AgendaItem(AgendaItemId(id)),
            "incident" => ItemRef::Incident(IncidentId(id)),
            _ => return None,
        })
    }

    /// How people name it in text: `#12`, `C-45`, or its kind and number.
    pub fn label(self) -> String {
        match self {
            ItemRef::Issue(issue) => issue.to_string(),
            ItemRef::Commitment(commitment) => commitment.label(),
            ItemRef::Action(ActionId(id)) => format!("action {id}"),
            ItemRef::AgendaItem(AgendaItemId(id)) => format!("agenda item {id}"),
            ItemRef::Incident(IncidentId(id)) => format!("INC-{id}"),
        }
    }

    /// The record's page, or `None` while its kind has no pages.
    pub fn href(self) -> Option<String> {
        match self {
            ItemRef::Issue(issue) => Some(issue.href()),
            ItemRef::Action(action) => Some(action.href()),
            ItemRef::Commitment(commitment) => Some(commitment.href()),
            ItemRef::AgendaItem(_) | ItemRef::Incident(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(feature = "ssr")]
    #[test]
    fn ids_travel_as_plain_numbers() {
        assert_eq!(serde_json::to_string(&IssueId(12)).expect("json"), "12");
        assert_eq!(
            serde_json::from_str::<CommitmentId>("45").expect("json"),
            CommitmentId(45)
        );
    }

    #[test]
    fn only_kinds_with_pages_link() {
        assert_eq!(
            ItemRef::Issue(IssueId(3)).href().as_deref(),
            Some("/issues/3")
        );
        assert_eq!(
            ItemRef::Action(ActionId(7)).href().as_deref(),
            Some("/actions/7")
        );
        assert_eq!(
            ItemRef::Commitment(CommitmentId(45)).href().as_deref(),
            Some("/commitments/45")
        );
    }

    #[test]
    fn each_kind_is_stored_under_its_own_name() {
        let kinds: std::collections::BTreeSet<_> = [
            ItemRef::Issue(IssueId(1)),
            ItemRef::Commitment(CommitmentId(1)),
            ItemRef::Action(ActionId(1)),
            ItemRef::AgendaItem(AgendaItemId(1)),
            ItemRef::Incident(IncidentId(1)),
        ]
        .into_iter()
        .inspect(|item| {
            let (kind, id) = item.stored();
            assert_eq!(ItemRef::from_stored(kind, id), Some(*item));
        })
        .map(|item| item.stored().0)
        .collect();
        assert_eq!(kinds.len(), 5);
        assert_eq!(ItemRef::from_stored("meeting", 1), None);
        assert_eq!(ItemRef::Issue(IssueId(12)).label(), "#12");
        assert_eq!(ItemRef::Commitment(CommitmentId(45)).label(), "C-45");
        assert_eq!(
            ItemRef::AgendaItem(AgendaItemId(9)).stored(),
            ("agenda_item", 9)
        );
    }
}
