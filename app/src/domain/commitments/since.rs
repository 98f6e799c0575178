//! What became of a promise from a given day on: a chair preparing the next meeting asks
//! what was promised, slipped, delivered, withdrawn or went overdue since the last one.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{facts, CommitmentStatus, LedgerEntry};

/// What happened to one promise from a day on (that day included).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Since {
    /// First promised on or after the day.
    pub promised: bool,
    /// How often its due end moved later on or after the day.
    pub slipped: u32,
    /// Delivered on or after the day.
    pub delivered: bool,
    /// Withdrawn on or after the day.
    pub withdrawn: bool,
    /// Still owed, and its due end passed after the day: not overdue then, overdue today.
    pub went_overdue: bool,
}

impl Since {
    /// Whether anything happened to it at all.
    pub fn any(&self) -> bool {
        self.promised || self.slipped > 0 || self.delivered || self.withdrawn || self.went_overdue
    }
}

/// What happened to a ledger's promise from `from` on, as of `today`.
pub fn since(ledger: &[LedgerEntry], from: NaiveDate, today: NaiveDate) -> Since {
    let (Some(first), Some(last), Some(facts)) =
        (ledger.first(), ledger.last(), facts(ledger, today))
    else {
        return Since::default();
    };
    let mut slipped = 0;
    let mut latest_end: Option<NaiveDate> = None;
    for entry in ledger {
        let Some(window) = entry.window else {
            continue;
        };
        if matches!(latest_end, Some(end) if window.last > end) && entry.on >= from {
            slipped += 1;
        }
        latest_end = Some(window.last);
    }
    let went_overdue = !last.status.is_closed()
        && facts
            .current
            .is_some_and(|window| from <= window.last && window.last < today);
    Since {
        promised: first.on >= from,
        slipped,
        delivered: facts.delivered.is_some_and(|(on, _)| on >= from),
        withdrawn: last.status == CommitmentStatus::Withdrawn && last.on >= from,
        went_overdue,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::timeframe::Window;
    use CommitmentStatus::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().expect("date")
    }

    fn entry(on: &str, status: CommitmentStatus, last: Option<&str>) -> LedgerEntry {
        LedgerEntry {
            on: day(on),
            status,
            window: last.map(|last| Window {
                first: day(last),
                last: day(last),
            }),
        }
    }

    const MEETING: &str = "2026-06-15";

    #[test]
    fn a_promise_made_after_the_meeting_is_new_and_one_before_is_not() {
        let made = [entry("2026-06-20", Promised, Some("2026-09-30"))];
        let since_meeting = since(&made, day(MEETING), day("2026-07-01"));
        assert!(since_meeting.promised && since_meeting.any());
        let older = [entry("2026-05-01", Promised, Some("2026-09-30"))];
        assert_eq!(
            since(&older, day(MEETING), day("2026-07-01")),
            Since::default()
        );
        assert!(!Since::default().any());
    }

    #[test]
    fn only_slips_said_after_the_meeting_count() {
        let ledger = [
            entry("2026-04-01", Promised, Some("2026-05-31")),
            entry("2026-05-10", Promised, Some("2026-06-30")),
            entry("2026-06-20", InProgress, Some("2026-09-30")),
            entry("2026-07-01", InProgress, Some("2026-08-31")),
            entry("2026-07-20", InProgress, Some("2026-12-31")),
        ];
        let found = since(&ledger, day(MEETING), day("2026-08-01"));
        assert_eq!(found.slipped, 2, "brought forward is no slip");
        assert!(!found.promised && !found.went_overdue);
    }

    #[test]
    fn delivered_and_withdrawn_after_the_meeting() {
        let delivered = [
            entry("2026-04-01", Promised, Some("2026-06-30")),
            entry("2026-06-28", Delivered, Some("2026-06-30")),
        ];
        assert!(since(&delivered, day(MEETING), day("2026-08-01")).delivered);
        assert!(!since(&delivered, day("2026-07-01"), day("2026-08-01")).delivered);
        let withdrawn = [
            entry("2026-04-01", Promised, None),
            entry("2026-06-16", Withdrawn, None),
        ];
        assert!(since(&withdrawn, day(MEETING), day("2026-08-01")).withdrawn);
    }

    #[test]
    fn it_went_overdue_if_its_day_passed_after_the_meeting() {
        let ledger = [entry("2026-04-01", Promised, Some("2026-07-31"))];
        assert!(since(&ledger, day(MEETING), day("2026-08-01")).went_overdue);
        assert!(
            !since(&ledger, day(MEETING), day("2026-07-31")).went_overdue,
            "due that day"
        );
        // Already overdue at the meeting: it did not go overdue since.
        assert!(!since(&ledger, day("2026-08-05"), day("2026-09-01")).went_overdue);
        let kept = [
            entry("2026-04-01", Promised, Some("2026-07-31")),
            entry("2026-08-02", Delivered, None),
        ];
        assert!(!since(&kept, day(MEETING), day("2026-09-01")).went_overdue);
    }
}
