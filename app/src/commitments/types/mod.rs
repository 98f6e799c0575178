//! What the commitments pages and their server functions exchange, in both builds.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

pub mod releases;
pub mod roadmap;
pub mod scorecard;
pub mod since;

pub use crate::domain::{
    commitments::{CommitmentStatus, Facts, Rating, Standing},
    ids::{ActionId, AgendaItemId, CommitmentId, IssueId, MeetingId, ModuleId, SupplierId},
    issue_workflow::IssueStatus,
    timeframe::Window,
};

/// A promise as stored: the words said, how they were read, and the days they stand for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Promise {
    /// Exactly as the supplier put it ("by the middle of next month").
    pub words: String,
    /// The reading of the words, canonical ("mid-July 2023").
    pub timeframe: String,
    /// `Timeframe::kind`: `vague` and `conditional` promise no days.
    pub kind: String,
    pub window: Option<Window>,
}

impl Promise {
    /// `words` as read into `timeframe`.
    pub fn read(words: &str, timeframe: &crate::domain::timeframe::Timeframe) -> Promise {
        Promise {
            words: words.split_whitespace().collect::<Vec<_>>().join(" "),
            timeframe: timeframe.to_string(),
            kind: timeframe.kind().to_owned(),
            window: timeframe.window(),
        }
    }

    /// "mid-July 2023 (11–20 Jul 2023)", or the words alone when they name no days.
    pub fn describe(&self) -> String {
        match self.window {
            Some(window) if window.first != window.last => {
                format!("{} ({})", self.timeframe, window.describe())
            }
            _ => self.timeframe.clone(),
        }
    }

    /// Whether the words were read as they were said (else both are worth showing).
    pub fn read_as_said(&self) -> bool {
        self.words
            .trim()
            .eq_ignore_ascii_case(self.timeframe.trim())
    }
}

/// An issue a commitment answers, as the commitment's page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnsweredIssue {
    pub id: IssueId,
    pub title: String,
    pub status: IssueStatus,
    pub linked_at: DateTime<Utc>,
}

/// A commitment an issue's fix is planned under, as the issue's page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedUnder {
    pub id: CommitmentId,
    pub title: String,
    pub status: CommitmentStatus,
}

/// Where a promise was made: an agenda item of a meeting the reader may see.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PromisedAt {
    pub meeting: MeetingId,
    pub meeting_title: String,
    pub meeting_start: DateTime<Utc>,
    pub item: AgendaItemId,
    pub item_heading: String,
}

/// One entry of a commitment's ledger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LedgerLine {
    pub seq: i64,
    /// The day it was said (the meeting's, when entered from minutes).
    pub said_on: NaiveDate,
    pub status: CommitmentStatus,
    pub promise: Promise,
    pub reason: String,
    /// What was delivered, when it was.
    pub note: String,
    pub evidence_url: String,
    pub by: Option<String>,
    pub at: DateTime<Utc>,
}

/// A commitment as its page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommitmentView {
    pub id: CommitmentId,
    pub title: String,
    pub supplier: SupplierId,
    pub supplier_name: String,
    pub module_name: Option<String>,
    pub description: crate::markdown::SafeHtml,
    pub status: CommitmentStatus,
    pub promise: Promise,
    pub committee_owner: Option<String>,
    /// The supplier's side: an account's name or a named party; empty if none was given.
    pub supplier_owner: String,
    /// Where it was promised, if the reader may see that item.
    pub promised_at: Option<PromisedAt>,
    /// The action it was made from, if the reader may see it.
    pub action: Option<ActionId>,
    /// The release it is promised in, while that is its promise.
    pub release: Option<releases::ReleaseId>,
    /// When its details were last changed, and by whom.
    pub details_changed: Option<(DateTime<Utc>, Option<String>)>,
    pub version: i64,
}

/// A commitment's page: the commitment, what its ledger says, and the ledger itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommitmentPage {
    pub commitment: CommitmentView,
    pub facts: Facts,
    pub ledger: Vec<LedgerLine>,
    /// The meetings whose published minutes named it (`C-45`), at items the reader may see.
    pub discussions: Vec<crate::meetings::types::Discussion>,
    /// The issues it answers.
    pub issues: Vec<AnsweredIssue>,
    /// Its chases, a line per cycle, oldest first (`domain::chase::chase_history`).
    pub chases: Vec<String>,
    /// Today, by the server's clock in the instance's time zone.
    pub today: NaiveDate,
    /// The reader may re-promise it or change its status, and link issues to it: the
    /// committee, or the supplier's representatives.
    pub may_revise: bool,
    /// The reader may change its details: the committee.
    pub may_edit: bool,
}

/// The form that changes a commitment's details, with what it holds now and the choices.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommitmentDetailsForm {
    pub id: CommitmentId,
    pub title: String,
    pub supplier_name: String,
    pub module: Option<ModuleId>,
    /// The details' Markdown.
    pub description: String,
    pub committee_owner: Option<crate::domain::ids::AccountId>,
    pub supplier_owner: Option<crate::domain::ids::AccountId>,
    pub supplier_owner_name: String,
    pub version: i64,
    /// The supplier's modules.
    pub modules: Vec<(ModuleId, String)>,
    /// Chairs and administrators who may own it for the committee.
    pub committee: Vec<(crate::domain::ids::AccountId, String)>,
    /// The supplier's representatives who may own it for the supplier.
    pub representatives: Vec<(crate::domain::ids::AccountId, String)>,
}

/// A row of the commitments list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommitmentSummary {
    pub id: CommitmentId,
    pub title: String,
    pub supplier_name: String,
    pub module_name: Option<String>,
    pub status: CommitmentStatus,
    /// The promise in force.
    pub promise: Promise,
    pub original: Option<Window>,
    pub standing: Standing,
    /// Days between the first due end promised and the latest one, when later.
    pub slipped_days: i64,
}

/// What the form for a new commitment starts with: empty, or filled from the agenda item or
/// the action it is made from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommitmentDraft {
    pub title: String,
    pub description: String,
    pub supplier: Option<SupplierId>,
    pub words: String,
    /// The day it was said: the meeting's date when made from the minutes, else today.
    pub said_on: Option<NaiveDate>,
    pub item: Option<AgendaItemId>,
    pub action: Option<ActionId>,
    /// "the agenda item “…” of the meeting of 15 June 2023", for the form to say.
    pub source: Option<String>,
}

/// The choices the new-commitment form offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommitmentForm {
    pub draft: CommitmentDraft,
    pub suppliers: Vec<(SupplierId, String)>,
    /// Every supplier's modules, as (supplier, module, name).
    pub modules: Vec<(SupplierId, ModuleId, String)>,
    /// Chairs and administrators who may own it for the committee.
    pub committee: Vec<(crate::domain::ids::AccountId, String)>,
    /// Representatives who may own it for their supplier, as (supplier, account, name).
    pub representatives: Vec<(SupplierId, crate::domain::ids::AccountId, String)>,
    pub today: NaiveDate,
    /// How the instance numbers quarters, for the live reading of the words.
    pub quarter_scheme: crate::domain::timeframe::QuarterScheme,
}

/// The commitments list's filters, as its URL carries them (`keys`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommitmentFilter {
    pub supplier: Option<SupplierId>,
    pub module: Option<ModuleId>,
    pub status: Option<CommitmentStatus>,
    pub rating: Option<Rating>,
    /// Only those whose current due end falls in these days (a quarter of the roadmap).
    pub due: Option<Window>,
    /// Only those that have slipped at least once, whatever they stand at now.
    pub slipped: bool,
    /// Only those whose first promise gave no date: vague or conditional.
    pub vague: bool,
    /// Only those promised at this meeting; one the reader may not read matches nothing,
    /// as a missing one does.
    pub meeting: Option<MeetingId>,
    pub sort: Sort,
    /// Continue the list after this commitment (the last row of the page before).
    pub after: Option<CommitmentId>,
}

/// How the list is ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Sort {
    /// Most overdue against the original promise first, then the rest by due date.
    #[default]
    Overdue,
    /// Soonest current due end first.
    Due,
    /// Most slips first.
    Slips,
    /// Newest first.
    Newest,
}

impl Sort {
    pub const ALL: [Sort; 4] = [Sort::Overdue, Sort::Due, Sort::Slips, Sort::Newest];

    pub fn as_str(self) -> &'static str {
        match self {
            Sort::Overdue => "overdue",
            Sort::Due => "due",
            Sort::Slips => "slips",
            Sort::Newest => "newest",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Sort::Overdue => "Most overdue (against the original promise)",
            Sort::Due => "Due soonest",
            Sort::Slips => "Most slips",
            Sort::Newest => "Newest",
        }
    }

    pub fn parse(text: &str) -> Option<Sort> {
        Sort::ALL.into_iter().find(|sort| sort.as_str() == text)
    }
}

/// The list's query keys, named once for the page, its form and its server function.
pub mod keys {
    pub const SUPPLIER: &str = "supplier";
    pub const MODULE: &str = "module";
    pub const STATUS: &str = "status";
    pub const RATING: &str = "rating";
    /// A run of days as `2026-07-01/2026-09-30`.
    pub const DUE: &str = "due";
    /// `1` for those that slipped at least once.
    pub const SLIPPED: &str = "slipped";
    /// `1` for those vague or conditional when made.
    pub const VAGUE: &str = "vague";
    pub const MEETING: &str = "meeting";
    pub const SORT: &str = "sort";
    pub const AFTER: &str = "after";
}

impl CommitmentFilter {
    /// Reads a query string; what it cannot read it leaves out.
    pub fn from_query(query: &str) -> CommitmentFilter {
        let mut filter = CommitmentFilter::default();
        for (key, value) in form_urlencoded::parse(query.as_bytes()) {
            match key.as_ref() {
                keys::SUPPLIER => filter.supplier = value.parse().ok().map(SupplierId),
                keys::MODULE => filter.module = value.parse().ok().map(ModuleId),
                keys::STATUS => filter.status = CommitmentStatus::parse(&value),
                keys::RATING => filter.rating = Rating::parse(&value),
                keys::DUE => filter.due = read_days(&value),
                keys::SLIPPED => filter.slipped = value == "1",
                keys::VAGUE => filter.vague = value == "1",
                keys::MEETING => filter.meeting = value.parse().ok().map(MeetingId),
                keys::SORT => filter.sort = Sort::parse(&value).unwrap_or_default(),
                keys::AFTER => filter.after = value.parse().ok().map(CommitmentId),
                _ => {}
            }
        }
        filter
    }

    /// The query string of this filter (defaults left out), continued after `after`.
    pub fn to_query(&self, after: Option<CommitmentId>) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        if let Some(supplier) = self.supplier {
            query.append_pair(keys::SUPPLIER, &supplier.0.to_string());
        }
        if let Some(module) = self.module {
            query.append_pair(keys::MODULE, &module.0.to_string());
        }
        if let Some(status) = self.status {
            query.append_pair(keys::STATUS, status.as_str());
        }
        if let Some(rating) = self.rating {
            query.append_pair(keys::RATING, rating.as_str());
        }
        if let Some(due) = self.due {
            query.append_pair(keys::DUE, &days_in_url(due));
        }
        if self.slipped {
            query.append_pair(keys::SLIPPED, "1");
        }
        if self.vague {
            query.append_pair(keys::VAGUE, "1");
        }
        if let Some(meeting) = self.meeting {
            query.append_pair(keys::MEETING, &meeting.0.to_string());
        }
        if self.sort != Sort::default() {
            query.append_pair(keys::SORT, self.sort.as_str());
        }
        if let Some(after) = after {
            query.append_pair(keys::AFTER, &after.0.to_string());
        }
        query.finish()
    }
}

/// A run of days as the list's URL carries it: `2026-07-01/2026-09-30`.
pub fn days_in_url(window: Window) -> String {
    format!("{}/{}", window.first, window.last)
}

/// Reads `days_in_url` back; none for anything else, an inverted run among them.
fn read_days(text: &str) -> Option<Window> {
    let (first, last) = text.split_once('/')?;
    let window = Window {
        first: crate::domain::timeframe::iso_date(first)?,
        last: crate::domain::timeframe::iso_date(last)?,
    };
    (window.first <= window.last).then_some(window)
}

/// A page of the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommitmentList {
    pub rows: Vec<CommitmentSummary>,
    /// The last row, if more follow it.
    pub next: Option<CommitmentId>,
    /// How many match, on every page.
    pub total: i64,
    pub filter: CommitmentFilter,
    pub suppliers: Vec<(SupplierId, String)>,
    /// The modules of those suppliers, as (module, "Module (Supplier)").
    pub modules: Vec<(ModuleId, String)>,
    /// The latest meetings the reader may read at which commitments were made, as
    /// (meeting, "15 June 2026 · Title"); the one the filter names among them.
    pub meetings: Vec<(MeetingId, String)>,
    /// The roadmap's quarters, as (`days_in_url`, "Q3 2026"), for the "due in" filter.
    pub quarters: Vec<(String, String)>,
    pub today: NaiveDate,
    /// The reader may record a commitment.
    pub may_create: bool,
}

pub use crate::domain::timeframe::days;

/// "46 days overdue (120 days against the first promise)", naming the first promise only
/// when it differs from the one in force.
pub fn overdue_words(current: i64, original: i64) -> String {
    if current == original {
        format!("{} overdue", days(current))
    } else {
        format!(
            "{} overdue ({} against the first promise)",
            days(current),
            days(original)
        )
    }
}

/// What the home page shows of the commitments first: the most overdue, and those due this
/// quarter, each with how many there are in all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attention {
    pub overdue: Vec<CommitmentSummary>,
    pub overdue_total: i64,
    pub due: Vec<CommitmentSummary>,
    pub due_total: i64,
    /// "Q4 2026 (1 Oct – 31 Dec 2026)".
    pub quarter: String,
    /// What slipped since the latest meeting held, if the reader may see one.
    pub slipped: Option<SlippedSince>,
    pub today: NaiveDate,
}

/// The promises that slipped since a meeting: the first few, and how many.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlippedSince {
    pub meeting: since::FromMeeting,
    pub rows: Vec<CommitmentSummary>,
    pub total: i64,
}

/// Rows on one page of the list.
pub const PAGE_SIZE: i64 = 50;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_filter_reads_back_from_its_query() {
        let filter = CommitmentFilter {
            supplier: Some(SupplierId(3)),
            module: Some(ModuleId(7)),
            status: Some(CommitmentStatus::InProgress),
            rating: Some(Rating::Overdue),
            due: Some(Window {
                first: "2026-07-01".parse().expect("date"),
                last: "2026-09-30".parse().expect("date"),
            }),
            slipped: true,
            vague: true,
            meeting: Some(MeetingId(12)),
            sort: Sort::Slips,
            after: None,
        };
        let query = filter.to_query(Some(CommitmentId(40)));
        assert_eq!(
            query,
            "supplier=3&module=7&status=in_progress&rating=overdue&due=2026-07-01%2F2026-09-30\
             &slipped=1&vague=1&meeting=12&sort=slips&after=40"
        );
        assert_eq!(
            CommitmentFilter::from_query(&query),
            CommitmentFilter {
                after: Some(CommitmentId(40)),
                ..filter
            }
        );
    }

    #[test]
    fn overdue_days_name_the_first_promise_only_when_it_differs() {
        assert_eq!(overdue_words(1, 1), "1 day overdue");
        assert_eq!(
            overdue_words(46, 120),
            "46 days overdue (120 days against the first promise)"
        );
    }

    #[test]
    fn what_a_query_cannot_say_is_left_out() {
        let filter = CommitmentFilter::from_query(
            "supplier=x&module=&status=late&rating=&due=2026-09-30/2026-07-01&slipped=yes\
             &vague=0&meeting=first&sort=up&after=-",
        );
        assert_eq!(filter, CommitmentFilter::default());
        let filter = CommitmentFilter::from_query("due=2026-07-01&due=Q3/2026-13-01");
        assert_eq!(filter, CommitmentFilter::default());
    }

    #[test]
    fn a_promise_shows_its_days_unless_it_is_one_day_or_none() {
        let window = |first: &str, last: &str| Window {
            first: first.parse().expect("date"),
            last: last.parse().expect("date"),
        };
        let promise = Promise {
            words: "by the middle of next month".to_owned(),
            timeframe: "mid-July 2023".to_owned(),
            kind: "month".to_owned(),
            window: Some(window("2023-07-11", "2023-07-20")),
        };
        assert_eq!(promise.describe(), "mid-July 2023 (11 Jul – 20 Jul 2023)");
        assert!(!promise.read_as_said());
        let day = Promise {
            timeframe: "14 July 2023".to_owned(),
            window: Some(window("2023-07-14", "2023-07-14")),
            ..promise.clone()
        };
        assert_eq!(day.describe(), "14 July 2023");
    }
}
