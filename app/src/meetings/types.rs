//! Meeting values both sides share: what the meetings list, a meeting's page and its editor
//! show. The rules (kinds, visibility, the minutes' status) live in `domain::meetings`.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

pub use crate::domain::{
    ids::{
        ActionId, AgendaItemId, AttachmentId, AttendeeId, DecisionId, MeetingId, MeetingSeriesId,
    },
    meetings::{ActionOwner, ActionStatus, MeetingKind, MinutesStatus, Visibility},
};
use crate::{
    domain::{
        ids::{AccountId, IssueId, SupplierId},
        timeframe::Window,
    },
    markdown::SafeHtml,
    suppliers::types::SupplierName,
};

/// A series of meetings, as a choice and a label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct SeriesName {
    pub id: MeetingSeriesId,
    pub name: String,
}

/// A meeting as the list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingSummary {
    pub id: MeetingId,
    pub title: String,
    pub kind: MeetingKind,
    pub series: Option<String>,
    pub starts_at: DateTime<Utc>,
    pub supplier: Option<String>,
    pub visibility: Visibility,
    pub status: MinutesStatus,
    /// Agenda items the viewer may see.
    pub items: i64,
}

/// The meetings list: upcoming ones from the next on, then past ones newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingsList {
    pub upcoming: Vec<MeetingSummary>,
    pub past: Vec<MeetingSummary>,
    /// The past meeting to continue before, if older ones remain.
    pub older: Option<MeetingId>,
    pub series: Vec<SeriesName>,
    /// The viewer may schedule meetings and write minutes.
    pub may_manage: bool,
}

/// Someone at a meeting, or who sent apologies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attendee {
    pub id: AttendeeId,
    pub name: String,
    /// Their part, e.g. "Chair" or "communications department lead".
    pub role: String,
    /// Whom they came for, e.g. "the supplier".
    pub organisation: String,
    pub apologies: bool,
}

/// One item of a meeting's agenda, with its minutes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaItemView {
    pub id: AgendaItemId,
    /// Its number on the agenda, from 1.
    pub number: i64,
    pub heading: String,
    pub presenter: String,
    pub visibility: Visibility,
    pub minutes: SafeHtml,
    /// The Markdown, for those who edit it.
    pub source: Option<String>,
    pub version: i64,
    pub actions: Vec<ActionView>,
    pub decisions: Vec<DecisionView>,
    /// When its published text was last revised, if it was (and how many revisions it has).
    pub revised: Option<(DateTime<Utc>, i64)>,
    /// The issues the chair linked to it, those the reader may see.
    pub issues: Vec<LinkedIssue>,
}

/// An issue an agenda item discussed, as linked by the chair.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkedIssue {
    pub id: IssueId,
    pub title: String,
    /// Its status as people read it ("Awaiting the supplier").
    pub status: String,
}

/// An action agreed at a meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionView {
    pub id: ActionId,
    pub description: String,
    pub owner: ActionOwner,
    /// Who is to do it, as shown: an account's name, the supplier's or the party named.
    pub owner_label: String,
    /// The party named, as typed (for a supplier, who at the supplier, if said).
    pub owner_name: String,
    /// When it is due, in the words said at the meeting ("by the end of next month").
    pub due_words: String,
    /// The days those words give, read on the meeting's day; none if they give none.
    pub due: Option<Window>,
    /// Days past the due end, while it is open.
    pub overdue_days: Option<i64>,
    pub status: ActionStatus,
    pub done_at: Option<DateTime<Utc>>,
    pub done_by: Option<String>,
    pub done_note: String,
    pub version: i64,
}

/// A decision recorded at a meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionView {
    pub id: DecisionId,
    pub description: String,
    pub version: i64,
}

/// An action of an earlier meeting of the series, not yet done when this one began.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CarriedAction {
    pub action: ActionView,
    pub meeting: MeetingId,
    pub meeting_title: String,
    pub meeting_start: DateTime<Utc>,
}

/// A revision of an agenda item's published text, in the list of them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevisionSummary {
    pub number: i64,
    pub by: Option<String>,
    pub at: DateTime<Utc>,
}

/// How a line fares between two revisions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum LineChange {
    Same,
    Added,
    Removed,
    /// Unchanged lines left out between two changes.
    Gap,
}

/// One line of a diff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiffLine {
    pub change: LineChange,
    pub text: String,
}

/// What changed between two revisions of an item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevisionDiff {
    pub from: i64,
    pub to: i64,
    /// The heading before and after, if it changed.
    pub heading: Option<(String, String)>,
    pub lines: Vec<DiffLine>,
}

/// One revision's text, as it read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShownRevision {
    pub number: i64,
    pub heading: String,
    pub minutes: SafeHtml,
}

/// An agenda item's revisions page: the list, one revision shown, and a diff of two.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemRevisions {
    pub meeting: MeetingId,
    pub meeting_title: String,
    pub item: AgendaItemId,
    pub heading: String,
    pub revisions: Vec<RevisionSummary>,
    pub shown: Option<ShownRevision>,
    pub diff: Option<RevisionDiff>,
}

/// A minutes document being brought into a meeting, as its chair sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MinutesImport {
    pub meeting: MeetingId,
    pub title: String,
    /// The proposed split, once the chair has pasted a document.
    pub proposal: Option<ImportProposal>,
}

/// The proposed agenda items, and the Markdown the chair adjusts them in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportProposal {
    pub text: String,
    pub items: Vec<ProposedItemView>,
}

/// One proposed agenda item, its minutes rendered as they will read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposedItemView {
    pub heading: String,
    pub minutes: SafeHtml,
}

/// A meeting whose published minutes discussed a record, at one of its agenda items.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Discussion {
    pub meeting: MeetingId,
    pub item: AgendaItemId,
    pub title: String,
    pub kind: MeetingKind,
    pub starts_at: DateTime<Utc>,
}

impl Discussion {
    /// Where in the minutes it was discussed.
    pub fn href(&self) -> String {
        format!("{}#item-{}", self.meeting.href(), self.item.0)
    }

    /// The meeting in a sentence, on `date` (its day as the page shows it): "the watchdog
    /// meeting of 15 June 2023".
    pub fn meeting_of(&self, date: &str) -> String {
        format!("{} of {date}", self.kind.in_a_sentence())
    }
}

/// Someone with an account an action may be given to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct OwnerChoice {
    pub id: AccountId,
    pub name: String,
}

/// What happened to an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionEventKind {
    Created,
    Edited,
    Done,
    Reopened,
}

impl ActionEventKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ActionEventKind::Created => "created",
            ActionEventKind::Edited => "edited",
            ActionEventKind::Done => "done",
            ActionEventKind::Reopened => "reopened",
        }
    }

    pub fn parse(text: &str) -> Option<ActionEventKind> {
        [
            ActionEventKind::Created,
            ActionEventKind::Edited,
            ActionEventKind::Done,
            ActionEventKind::Reopened,
        ]
        .into_iter()
        .find(|kind| kind.as_str() == text)
    }
}

/// One entry of an action's timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionEvent {
    pub kind: ActionEventKind,
    pub by: Option<String>,
    pub detail: String,
    pub at: DateTime<Utc>,
}

/// An action's own page: the action, where it was agreed, and its timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionPage {
    pub action: ActionView,
    pub meeting: MeetingId,
    pub meeting_title: String,
    pub meeting_start: DateTime<Utc>,
    pub item: AgendaItemId,
    pub item_heading: String,
    pub events: Vec<ActionEvent>,
    /// The viewer may mark it done (with a note).
    pub may_close: bool,
    /// The viewer may edit, reopen or remove it.
    pub may_manage: bool,
}

/// A meeting with what the viewer may see of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingView {
    pub id: MeetingId,
    pub title: String,
    pub kind: MeetingKind,
    pub series: Option<SeriesName>,
    pub starts_at: DateTime<Utc>,
    pub duration_minutes: i64,
    pub place: String,
    pub online_link: String,
    pub supplier: Option<SupplierName>,
    pub visibility: Visibility,
    pub status: MinutesStatus,
    pub published_at: Option<DateTime<Utc>>,
    pub published_by: Option<String>,
    pub attendees: Vec<Attendee>,
    pub items: Vec<AgendaItemView>,
    /// Agenda items left out because the viewer may not see them.
    pub withheld: usize,
    /// Actions of earlier meetings of the series still open when this one began.
    pub carried_over: Vec<CarriedAction>,
    /// The files the viewer may read: the meeting's papers and its items' (by `item`).
    pub attachments: Vec<AttachmentView>,
    pub version: i64,
    /// Commitments were made at it, and the viewer may list them (`/commitments?meeting=`).
    pub commitments_made: bool,
    /// The viewer may edit the meeting and its minutes.
    pub may_manage: bool,
}

/// What the meeting form offers: the suppliers and series to choose from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingChoices {
    pub suppliers: Vec<SupplierName>,
    pub series: Vec<SeriesName>,
    /// Who may be given an action: the committee and every supplier's representatives.
    pub owners: Vec<OwnerChoice>,
}

/// A meeting's details as its form sends them, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingDetails {
    pub title: String,
    pub kind: MeetingKind,
    pub series: Option<MeetingSeriesId>,
    pub starts_at: DateTime<Utc>,
    pub duration_minutes: i64,
    pub place: String,
    pub online_link: String,
    pub supplier: Option<SupplierId>,
    pub visibility: Visibility,
}

/// An action's or a decision's text: trimmed, 1 to 1,000 characters.
pub fn parse_outcome(text: &str, if_empty: &'static str) -> Result<String, &'static str> {
    let text = text.trim();
    match text.chars().count() {
        0 => Err(if_empty),
        1001.. => Err("Keep it under 1,000 characters."),
        _ => Ok(text.to_owned()),
    }
}

/// How long a meeting may be said to last, in minutes: up to a long day.
pub const LONGEST_MEETING: i64 = 12 * 60;

/// A title or heading: trimmed, 1 to 200 characters.
pub fn parse_title(text: &str, if_empty: &'static str) -> Result<String, &'static str> {
    let text = text.trim();
    match text.chars().count() {
        0 => Err(if_empty),
        201.. => Err("Keep it under 200 characters."),
        _ => Ok(text.to_owned()),
    }
}

/// A short free text (a place, a presenter, a role): trimmed, at most 200 characters.
pub fn parse_short(text: &str) -> Result<String, &'static str> {
    let text = text.trim();
    if text.chars().count() > 200 {
        return Err("Keep it under 200 characters.");
    }
    Ok(text.to_owned())
}

/// An online meeting's link: empty, or an `https`/`http` address.
pub fn parse_link(text: &str) -> Result<String, &'static str> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(String::new());
    }
    let lower = text.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    match rest {
        Some(rest)
            if !rest.is_empty()
                && text.len() <= 500
                && !text.chars().any(|c| c.is_whitespace() || c.is_control()) =>
        {
            Ok(text.to_owned())
        }
        _ => Err("Give the meeting's link as a web address starting https://."),
    }
}

/// A duration in minutes as typed: 1 to `LONGEST_MEETING`.
pub fn parse_duration(text: &str) -> Result<i64, &'static str> {
    match text.trim().parse::<i64>() {
        Ok(minutes) if (1..=LONGEST_MEETING).contains(&minutes) => Ok(minutes),
        _ => Err("Give the length in minutes, from 1 to 720."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_trimmed_and_required() {
        assert_eq!(
            parse_title("  Watchdog meeting ", "x"),
            Ok("Watchdog meeting".to_owned())
        );
        assert_eq!(parse_title("   ", "Enter a title."), Err("Enter a title."));
        assert!(parse_title(&"x".repeat(201), "x").is_err());
    }

    #[test]
    fn links_are_web_addresses_only() {
        assert_eq!(parse_link(""), Ok(String::new()));
        assert!(parse_link("https://meet.example.org/abc").is_ok());
        assert!(parse_link("javascript:alert(1)").is_err());
        assert!(parse_link("https://").is_err());
        assert!(parse_link("https://a b").is_err());
    }

    #[test]
    fn durations_are_whole_minutes_within_a_day() {
        assert_eq!(parse_duration(" 90 "), Ok(90));
        for bad in ["0", "-5", "721", "1.5", "an hour", ""] {
            assert!(parse_duration(bad).is_err(), "{bad}");
        }
    }
}

/// A chair's working copy of an agenda item: what their editor autosaved, seen by them alone
/// until they save it as the item's text or discard it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkingCopy {
    pub item: AgendaItemId,
    /// The item's version the chair was editing from: saving is refused if it has moved on.
    pub base_version: i64,
    pub heading: String,
    pub presenter: String,
    pub visibility: String,
    pub minutes: String,
    pub saved_at: DateTime<Utc>,
}

/// A file attached to a meeting (its papers) or to one of its agenda items, as its readers
/// see it listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachmentView {
    pub id: AttachmentId,
    /// The agenda item it belongs to; none for the meeting's own papers.
    pub item: Option<AgendaItemId>,
    pub file_name: String,
    pub size_bytes: i64,
    /// A picture the minutes may show.
    pub image: bool,
    pub uploaded_at: DateTime<Utc>,
}

impl AttachmentView {
    /// Where it is served: its id, then its name (for people and for saved files).
    pub fn href(&self) -> String {
        attachment_href(self.id, &self.file_name)
    }

    /// Its size as people read it: "840 KB", "12.5 MB".
    pub fn size(&self) -> String {
        let bytes = self.size_bytes.max(0) as f64;
        if bytes < 1024.0 * 1024.0 {
            format!("{} KB", (bytes / 1024.0).ceil() as i64)
        } else {
            format!("{:.1} MB", bytes / (1024.0 * 1024.0))
        }
    }
}

/// `/attachments/ID/NAME`, the name percent-encoded as one path segment.
pub fn attachment_href(id: AttachmentId, file_name: &str) -> String {
    const SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'.')
        .remove(b'_')
        .remove(b'~');
    format!(
        "{}{}/{}",
        crate::markdown::ATTACHMENTS,
        id.0,
        percent_encoding::utf8_percent_encode(file_name, SEGMENT)
    )
}

/// The largest file that may be attached, in bytes, as the server is configured (the server
/// puts it into each page's context).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AttachmentLimit(pub u64);

impl Default for AttachmentLimit {
    fn default() -> Self {
        AttachmentLimit(20 * 1024 * 1024)
    }
}

impl AttachmentLimit {
    /// "20 MB".
    pub fn words(self) -> String {
        format!("{} MB", self.0 / (1024 * 1024))
    }
}
