//! The issues list: its filters (all in the URL) and a page of rows.

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

/// The names the list's filters go by in its URL, its filter form and its server
/// function: the one definition every one of them reads.
pub mod keys {
    pub const STATUS: &str = "status";
    pub const SUPPLIER: &str = "supplier";
    pub const MODULE: &str = "module";
    pub const SAFETY: &str = "safety";
    pub const AWAITING: &str = "awaiting";
    pub const FOLLOWING: &str = "following";
    pub const MINE: &str = "mine";
    pub const TEXT: &str = "q";
    pub const SORT: &str = "sort";
    pub const AFTER: &str = "after";
}

impl IssueFilter {
    /// Reads the filters from a URL's query string (with or without its `?`).
    pub fn from_query(query: &str) -> Self {
        let query = query.strip_prefix('?').unwrap_or(query);
        let mut filter = IssueFilter::default();
        for (key, value) in form_urlencoded::parse(query.as_bytes()) {
            filter.set(&key, &value);
        }
        filter
    }

    /// Reads one query parameter; a key not understood is ignored.
    fn set(&mut self, key: &str, value: &str) {
        let flag = matches!(value, "1" | "true" | "on" | "yes");
        match key {
            keys::STATUS => self.status = StatusFilter::parse(value),
            keys::SUPPLIER => self.supplier = value.parse().ok(),
            keys::MODULE => self.module = value.parse().ok(),
            keys::SAFETY => self.safety = flag,
            keys::AWAITING => self.awaiting = flag,
            keys::FOLLOWING => self.following = flag,
            keys::MINE => self.mine = flag,
            keys::TEXT => self.text = value.trim().chars().take(200).collect(),
            keys::SORT => self.sort = IssueSort::parse(value),
            keys::AFTER => self.after = value.parse().ok(),
            _ => {}
        }
    }

    /// The query string that reproduces this view (without the page position unless
    /// `with_after`), defaults left out.
    pub fn to_query(&self, with_after: bool) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        if self.status != StatusFilter::Open {
            query.append_pair(keys::STATUS, self.status.as_str());
        }
        if let Some(supplier) = self.supplier {
            query.append_pair(keys::SUPPLIER, &supplier.to_string());
        }
        if let Some(module) = self.module {
            query.append_pair(keys::MODULE, &module.to_string());
        }
        for (key, on) in [
            (keys::SAFETY, self.safety),
            (keys::AWAITING, self.awaiting),
            (keys::FOLLOWING, self.following),
            (keys::MINE, self.mine),
        ] {
            if on {
                query.append_pair(key, "1");
            }
        }
        if !self.text.is_empty() {
            query.append_pair(keys::TEXT, &self.text);
        }
        if self.sort != IssueSort::Updated {
            query.append_pair(keys::SORT, self.sort.as_str());
        }
        if let (true, Some(after)) = (with_after, self.after) {
            query.append_pair(keys::AFTER, &after.to_string());
        }
        query.finish()
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
    /// Where to go instead of a list: the one issue a log number sought belongs to.
    pub go_to: Option<String>,
}

impl IssueListPage {
    pub fn going_to(href: String) -> IssueListPage {
        IssueListPage {
            rows: Vec::new(),
            total: 0,
            total_capped: false,
            next_after: None,
            suppliers: Vec::new(),
            modules: Vec::new(),
            may_report: false,
            go_to: Some(href),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_round_trip_through_the_url() {
        let filter = IssueFilter::from_query(
            "?status=fix_planned&supplier=3&safety=1&q=++blank%20screen+%26+crash+&sort=affects&after=40",
        );
        assert_eq!(filter.status, StatusFilter::Only(IssueStatus::FixPlanned));
        assert_eq!(filter.supplier, Some(3));
        assert!(filter.safety);
        assert_eq!(filter.text, "blank screen & crash");
        assert_eq!(filter.sort, IssueSort::Affects);
        assert_eq!(filter.after, Some(40));
        let query = filter.to_query(true);
        assert_eq!(
            query,
            "status=fix_planned&supplier=3&safety=1&q=blank+screen+%26+crash&sort=affects&after=40"
        );
        assert_eq!(IssueFilter::from_query(&query), filter);
        let mut without_position = filter.clone();
        without_position.after = None;
        assert_eq!(
            IssueFilter::from_query(&filter.to_query(false)),
            without_position
        );
    }

    #[test]
    fn the_default_view_has_an_empty_query_and_nonsense_is_ignored() {
        assert_eq!(IssueFilter::default().to_query(true), "");
        let filter =
            IssueFilter::from_query("status=bogus&supplier=x&sort=%27%3Bdrop&after=-&what=1");
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
