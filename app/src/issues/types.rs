//! Issue values both sides share: ids, the supplier's log numbers, statuses, and what the
//! pages show. Each value is parsed once at the edge and valid from then on.

use std::fmt;

use serde::{Deserialize, Serialize};

/// An issue's internal number, shown as `#N`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct IssueId(pub i64);

impl fmt::Display for IssueId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.0)
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

pub use list::*;
pub use view::*;

/// What an issue's page shows.
mod view {
    use chrono::{DateTime, Utc};
    use serde::{Deserialize, Serialize};

    use super::{EventKind, IssueId, IssueStatus, LogNumber};
    use crate::{
        markdown::SafeHtml,
        suppliers::types::{ModuleId, ModuleName, SupplierName},
    };

    #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
    pub struct IssueView {
        pub id: IssueId,
        pub title: String,
        pub description: SafeHtml,
        pub supplier: SupplierName,
        pub module: Option<String>,
        pub patient_safety: bool,
        pub status: IssueStatus,
        /// What a planned fix targets (release and/or timeframe).
        pub target: Option<String>,
        pub duplicate_of: Option<IssueId>,
        pub reporter: Option<String>,
        pub created_at: DateTime<Utc>,
        pub updated_at: DateTime<Utc>,
        pub version: i64,
        pub log_numbers: Vec<LogNumber>,
        pub affects: i64,
        pub days_awaiting: Option<i64>,
        pub timeline: Vec<TimelineEntry>,
        pub viewer: ViewerRights,
        /// What the edit form needs, when the viewer may edit the details.
        pub editing: Option<IssueEditing>,
    }

    /// The details as typed, and the choices, for the edit form.
    #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
    pub struct IssueEditing {
        /// The description's Markdown.
        pub description: String,
        pub module: Option<ModuleId>,
        /// The issue's supplier's modules.
        pub modules: Vec<ModuleName>,
    }

    /// What the person looking may do here, so the page offers only that (the server
    /// checks again on every call).
    #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
    pub struct ViewerRights {
        /// Comment (the user group) or respond officially (the supplier's representative).
        pub may_post: bool,
        pub posts_officially: bool,
        /// The statuses this person may move the issue to.
        pub next_statuses: Vec<IssueStatus>,
        pub may_add_log_number: bool,
        pub may_mark_affects: bool,
        /// Mark it a duplicate of another issue (the committee).
        pub may_merge: bool,
        /// Edit its title, description, module and safety flag (its reporter, the committee).
        pub may_edit_details: bool,
        pub affects_me: bool,
        pub following: bool,
    }

    #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
    pub struct TimelineEntry {
        pub id: i64,
        pub kind: EventKind,
        pub actor: Option<String>,
        /// "Supplier representative, Example Systems" and the like, beside the name.
        pub actor_role: Option<String>,
        pub at: DateTime<Utc>,
        /// The rendered text of a comment or response (none once removed).
        pub body: Option<SafeHtml>,
        pub from_status: Option<IssueStatus>,
        pub to_status: Option<IssueStatus>,
        pub detail: String,
        pub other_issue: Option<IssueId>,
        pub edited: bool,
        pub removed: bool,
        /// For the edit and removal forms, which refuse a stale page.
        pub version: i64,
        /// Its author may edit a post; its author or the committee may remove it.
        pub may_edit: bool,
        pub may_remove: bool,
        /// A post's Markdown, for its author's edit form (only theirs).
        pub source: Option<String>,
        /// What an edited or removed post said before (shown to the committee only).
        pub earlier: Vec<EarlierText>,
    }

    /// A post's text as it was before an edit or its removal.
    #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
    pub struct EarlierText {
        pub replaced_at: DateTime<Utc>,
        pub replaced_by: Option<String>,
        pub body: SafeHtml,
    }
}

/// The issues list: its filters (all in the URL) and a page of rows.
mod list {
    use chrono::{DateTime, Utc};
    use serde::{Deserialize, Serialize};

    use super::{IssueId, IssueStatus, LogNumber};
    use crate::suppliers::types::{ModuleName, SupplierName};

    /// Which statuses the list shows.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
    pub enum StatusFilter {
        #[default]
        Open,
        Closed,
        All,
        Only(IssueStatus),
    }

    impl StatusFilter {
        pub fn parse(text: &str) -> StatusFilter {
            match text {
                "closed" => StatusFilter::Closed,
                "all" => StatusFilter::All,
                other => IssueStatus::parse(other)
                    .map(StatusFilter::Only)
                    .unwrap_or_default(),
            }
        }

        pub fn as_str(self) -> &'static str {
            match self {
                StatusFilter::Open => "open",
                StatusFilter::Closed => "closed",
                StatusFilter::All => "all",
                StatusFilter::Only(status) => status.as_str(),
            }
        }
    }

    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
    pub enum IssueSort {
        #[default]
        Updated,
        Created,
        Affects,
        Awaiting,
    }

    impl IssueSort {
        pub const ALL: [IssueSort; 4] = [
            IssueSort::Updated,
            IssueSort::Created,
            IssueSort::Affects,
            IssueSort::Awaiting,
        ];

        pub fn parse(text: &str) -> IssueSort {
            IssueSort::ALL
                .into_iter()
                .find(|sort| sort.as_str() == text)
                .unwrap_or_default()
        }

        pub fn as_str(self) -> &'static str {
            match self {
                IssueSort::Updated => "updated",
                IssueSort::Created => "created",
                IssueSort::Affects => "affects",
                IssueSort::Awaiting => "awaiting",
            }
        }

        pub fn label(self) -> &'static str {
            match self {
                IssueSort::Updated => "Recently updated",
                IssueSort::Created => "Newest first",
                IssueSort::Affects => "Most affected",
                IssueSort::Awaiting => "Longest awaiting the supplier",
            }
        }
    }

    /// The list's filters, read leniently from a URL: anything not understood is left at
    /// its default, so an old or hand-edited link still shows a list.
    #[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
    pub struct IssueFilter {
        pub status: StatusFilter,
        pub supplier: Option<i64>,
        pub module: Option<i64>,
        pub safety: bool,
        pub awaiting: bool,
        pub following: bool,
        pub mine: bool,
        /// Text to find in titles, descriptions and log numbers.
        pub text: String,
        pub sort: IssueSort,
        /// Continue after this issue (keyset paging).
        pub after: Option<i64>,
    }

    impl IssueFilter {
        /// Reads the filters from query parameters.
        pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
            let mut filter = IssueFilter::default();
            let flag = |value: &str| matches!(value, "1" | "true" | "on" | "yes");
            for (key, value) in pairs {
                match key {
                    "status" => filter.status = StatusFilter::parse(value),
                    "supplier" => filter.supplier = value.parse().ok(),
                    "module" => filter.module = value.parse().ok(),
                    "safety" => filter.safety = flag(value),
                    "awaiting" => filter.awaiting = flag(value),
                    "following" => filter.following = flag(value),
                    "mine" => filter.mine = flag(value),
                    "q" => filter.text = value.trim().chars().take(200).collect(),
                    "sort" => filter.sort = IssueSort::parse(value),
                    "after" => filter.after = value.parse().ok(),
                    _ => {}
                }
            }
            filter
        }

        /// The query string that reproduces this view (without the page position unless
        /// `with_after`), defaults left out.
        pub fn to_query(&self, with_after: bool) -> String {
            let mut pairs: Vec<(&str, String)> = Vec::new();
            if self.status != StatusFilter::Open {
                pairs.push(("status", self.status.as_str().to_owned()));
            }
            if let Some(supplier) = self.supplier {
                pairs.push(("supplier", supplier.to_string()));
            }
            if let Some(module) = self.module {
                pairs.push(("module", module.to_string()));
            }
            for (key, on) in [
                ("safety", self.safety),
                ("awaiting", self.awaiting),
                ("following", self.following),
                ("mine", self.mine),
            ] {
                if on {
                    pairs.push((key, "1".to_owned()));
                }
            }
            if !self.text.is_empty() {
                pairs.push(("q", self.text.clone()));
            }
            if self.sort != IssueSort::Updated {
                pairs.push(("sort", self.sort.as_str().to_owned()));
            }
            if with_after {
                if let Some(after) = self.after {
                    pairs.push(("after", after.to_string()));
                }
            }
            pairs
                .into_iter()
                .map(|(key, value)| format!("{key}={}", encode_component(&value)))
                .collect::<Vec<_>>()
                .join("&")
        }

        /// The log number the text asks for, when it is `log:X` or looks like a bare one.
        pub fn log_number_sought(&self) -> Option<LogNumber> {
            let text = self.text.trim();
            match text.strip_prefix("log:") {
                Some(number) => LogNumber::parse(number).ok(),
                None if text.chars().any(|c| c.is_ascii_digit()) => LogNumber::parse(text).ok(),
                None => None,
            }
        }
    }

    /// Percent-encodes a query value (everything but unreserved characters).
    pub fn encode_component(text: &str) -> String {
        let mut encoded = String::with_capacity(text.len());
        for byte in text.bytes() {
            match byte {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                    encoded.push(byte as char)
                }
                _ => encoded.push_str(&format!("%{byte:02X}")),
            }
        }
        encoded
    }

    /// One row of the list.
    #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
    pub struct IssueRow {
        pub id: IssueId,
        pub title: String,
        pub supplier: String,
        pub module: Option<String>,
        pub status: IssueStatus,
        /// What a planned fix targets; empty when none was given.
        pub target: String,
        pub patient_safety: bool,
        pub log_numbers: Vec<String>,
        pub affects: i64,
        pub days_awaiting: Option<i64>,
        pub created_at: DateTime<Utc>,
        pub updated_at: DateTime<Utc>,
    }

    /// What the report form offers.
    #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
    pub struct ReportOptions {
        pub suppliers: Vec<SupplierName>,
        pub modules: Vec<ModuleName>,
    }

    /// A page of the list, with what its filter form offers.
    #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
    pub struct IssueListPage {
        pub rows: Vec<IssueRow>,
        /// How many issues match the filters, on every page.
        pub total: i64,
        /// Whether more than `total` match: a text filter's count stops at a cap.
        pub total_capped: bool,
        /// The issue to continue after, when there is a next page.
        pub next_after: Option<i64>,
        pub suppliers: Vec<SupplierName>,
        pub modules: Vec<ModuleName>,
        /// Whether the person may report issues (the page offers "Report an issue").
        pub may_report: bool,
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn filters_round_trip_through_the_url() {
            let filter = IssueFilter::from_pairs([
                ("status", "fix_planned"),
                ("supplier", "3"),
                ("safety", "1"),
                ("q", "  blank screen & crash "),
                ("sort", "affects"),
                ("after", "40"),
            ]);
            assert_eq!(filter.status, StatusFilter::Only(IssueStatus::FixPlanned));
            assert_eq!(filter.text, "blank screen & crash");
            let query = filter.to_query(true);
            assert_eq!(
                query,
                "status=fix_planned&supplier=3&safety=1&q=blank%20screen%20%26%20crash&sort=affects&after=40"
            );
            let pairs: Vec<(String, String)> = query
                .split('&')
                .map(|pair| {
                    let (key, value) = pair.split_once('=').expect("pair");
                    (
                        key.to_owned(),
                        value.replace("%20", " ").replace("%26", "&"),
                    )
                })
                .collect();
            let again =
                IssueFilter::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
            assert_eq!(again, filter);
        }

        #[test]
        fn the_default_view_has_an_empty_query_and_nonsense_is_ignored() {
            assert_eq!(IssueFilter::default().to_query(true), "");
            let filter = IssueFilter::from_pairs([
                ("status", "bogus"),
                ("supplier", "x"),
                ("sort", "';drop"),
                ("after", "-"),
            ]);
            assert_eq!(filter, IssueFilter::default());
        }

        #[test]
        fn a_log_number_is_sought_when_the_text_is_one() {
            let sought = |text: &str| {
                IssueFilter {
                    text: text.to_owned(),
                    ..IssueFilter::default()
                }
                .log_number_sought()
                .map(|number| number.to_string())
            };
            assert_eq!(sought("log:cs0123456").as_deref(), Some("CS0123456"));
            assert_eq!(sought("CS0123456").as_deref(), Some("CS0123456"));
            assert_eq!(sought("crash"), None);
            assert_eq!(sought("blank screen 2"), None);
        }
    }
}
