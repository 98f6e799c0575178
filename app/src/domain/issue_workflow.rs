//! The issue workflow: which status changes each side may make, what a planned fix must say,
//! and how long an issue has been waiting for the supplier.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

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

/// Who is changing a status. Members report and comment but do not move issues.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusChanger {
    /// A representative of the issue's own supplier.
    SupplierRep,
    /// A chair or administrator, triaging.
    Committee,
}

/// Days without an official response or status change from the supplier after which an open
/// issue counts as awaiting the supplier (the chase policy's default "no response" threshold).
pub const AWAITING_SUPPLIER_DAYS: i64 = 14;

/// Longest target a planned fix may carry ("9.21.0, Q3 2024").
pub const TARGET_MAX_LEN: usize = 200;

/// Why a status change is refused, in words for the person making it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransitionError {
    Unchanged,
    /// Only merging marks an issue a duplicate, and a merged issue stays merged.
    Merging,
    /// The supplier may move an issue forward to `Fixed` or give up on it; reopening and
    /// closing are the committee's.
    NotForSupplier,
}

impl TransitionError {
    pub fn message(self) -> &'static str {
        match self {
            TransitionError::Unchanged => "The issue already has that status.",
            TransitionError::Merging => {
                "Duplicates are marked by merging the issue into the one it repeats, and a merged issue stays merged."
            }
            TransitionError::NotForSupplier => {
                "The supplier can move an issue forward up to \u{201c}Fixed\u{201d}, or to \u{201c}Won't fix\u{201d}; closing and reopening are for the committee."
            }
        }
    }
}

/// Whether `by` may move an issue from `from` to `to`.
pub fn check_transition(
    from: IssueStatus,
    to: IssueStatus,
    by: StatusChanger,
) -> Result<(), TransitionError> {
    use IssueStatus::*;
    if from == to {
        return Err(TransitionError::Unchanged);
    }
    if from == Duplicate || to == Duplicate {
        return Err(TransitionError::Merging);
    }
    match by {
        StatusChanger::Committee => Ok(()),
        StatusChanger::SupplierRep => {
            let forward = main_line_rank(to) > main_line_rank(from);
            let allowed = from.is_open() && (to == WontFix || (forward && to != Closed));
            if allowed {
                Ok(())
            } else {
                Err(TransitionError::NotForSupplier)
            }
        }
    }
}

/// A status's place along the main line (`WontFix` and `Duplicate` stand beside it).
fn main_line_rank(status: IssueStatus) -> u8 {
    use IssueStatus::*;
    match status {
        New => 0,
        Logged => 1,
        Investigating => 2,
        FixPlanned => 3,
        Fixed => 4,
        Closed => 5,
        WontFix | Duplicate => 6,
    }
}

/// The target a planned fix carries: required for `FixPlanned`, dropped for other statuses.
/// Kept as text (a release and/or timeframe) until commitments give timeframes a parser.
pub fn parse_target(to: IssueStatus, target: &str) -> Result<Option<String>, &'static str> {
    let target = target.trim();
    if to != IssueStatus::FixPlanned {
        return Ok(None);
    }
    if target.is_empty() {
        return Err("Say when the fix is planned: a release, a timeframe, or both (\u{201c}9.21.0, Q3 2024\u{201d}).");
    }
    if target.chars().count() > TARGET_MAX_LEN {
        return Err("Keep the target under 200 characters.");
    }
    Ok(Some(target.to_owned()))
}

/// Whole days an issue has been waiting for the supplier, counted from `since` (its last
/// official response or supplier status change, else when it was reported); `None` when it
/// is not waiting (closed).
pub fn days_awaiting(status: IssueStatus, since: DateTime<Utc>, now: DateTime<Utc>) -> Option<i64> {
    status.is_open().then(|| (now - since).num_days().max(0))
}

/// Whether an issue waiting that many days counts as awaiting the supplier.
pub fn is_awaiting_supplier(days: Option<i64>) -> bool {
    days.is_some_and(|days| days >= AWAITING_SUPPLIER_DAYS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};
    use IssueStatus::*;
    use StatusChanger::*;

    #[test]
    fn the_committee_may_make_any_change_but_merging() {
        for from in IssueStatus::ALL {
            for to in IssueStatus::ALL {
                let expected = from != to && from != Duplicate && to != Duplicate;
                assert_eq!(
                    check_transition(from, to, Committee).is_ok(),
                    expected,
                    "{from:?} → {to:?}"
                );
            }
        }
    }

    #[test]
    fn the_supplier_moves_open_issues_forward_up_to_fixed() {
        assert!(check_transition(New, Logged, SupplierRep).is_ok());
        assert!(check_transition(Logged, FixPlanned, SupplierRep).is_ok());
        assert!(check_transition(FixPlanned, Fixed, SupplierRep).is_ok());
        assert!(check_transition(New, Fixed, SupplierRep).is_ok());
        assert!(check_transition(Investigating, WontFix, SupplierRep).is_ok());
    }

    #[test]
    fn the_supplier_neither_closes_nor_reopens_nor_moves_back() {
        for (from, to) in [
            (Fixed, Closed),
            (Investigating, Closed),
            (Fixed, Investigating),
            (Closed, New),
            (WontFix, Logged),
            (FixPlanned, Logged),
            (Fixed, WontFix),
        ] {
            assert_eq!(
                check_transition(from, to, SupplierRep),
                Err(TransitionError::NotForSupplier),
                "{from:?} → {to:?}"
            );
        }
    }

    #[test]
    fn no_one_marks_a_duplicate_or_unmerges_by_status() {
        assert_eq!(
            check_transition(New, Duplicate, Committee),
            Err(TransitionError::Merging)
        );
        assert_eq!(
            check_transition(Duplicate, New, Committee),
            Err(TransitionError::Merging)
        );
        assert_eq!(
            check_transition(New, New, Committee),
            Err(TransitionError::Unchanged)
        );
    }

    #[test]
    fn a_planned_fix_needs_a_target_of_sensible_length() {
        assert!(parse_target(FixPlanned, "  ").is_err());
        assert_eq!(
            parse_target(FixPlanned, " 9.21.0, Q3 2024 "),
            Ok(Some("9.21.0, Q3 2024".to_owned()))
        );
        assert!(parse_target(FixPlanned, &"x".repeat(201)).is_err());
        assert_eq!(parse_target(Fixed, "9.21.0"), Ok(None));
    }

    #[test]
    fn waiting_counts_whole_days_for_open_issues_only() {
        let since = Utc
            .with_ymd_and_hms(2023, 6, 1, 9, 0, 0)
            .single()
            .expect("valid");
        let now = since + Duration::days(23) + Duration::hours(5);
        assert_eq!(days_awaiting(Investigating, since, now), Some(23));
        assert_eq!(days_awaiting(Fixed, since, now), None);
        assert_eq!(days_awaiting(New, now, since), Some(0));
    }

    #[test]
    fn awaiting_the_supplier_starts_at_the_threshold() {
        assert!(!is_awaiting_supplier(None));
        assert!(!is_awaiting_supplier(Some(AWAITING_SUPPLIER_DAYS - 1)));
        assert!(is_awaiting_supplier(Some(AWAITING_SUPPLIER_DAYS)));
    }
}
