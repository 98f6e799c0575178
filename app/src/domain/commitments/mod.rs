//! What a commitment's ledger says about it, computed in one place: the original promise and
//! the current one, how often and how far it slipped, whether it is overdue (against the
//! current promise and the original one), whether it was kept and by how much it was late,
//! how long it went without any date at all, and the one-word rating a member reads at a
//! glance. Pure: the ledger and today come in, the facts go out.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::timeframe::Window;

pub mod since;
#[cfg(test)]
mod tests;

/// Where a commitment stands, as its supplier or the committee last set it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CommitmentStatus {
    Promised,
    InProgress,
    Piloting,
    Delivered,
    Withdrawn,
}

impl CommitmentStatus {
    pub const ALL: [CommitmentStatus; 5] = [
        CommitmentStatus::Promised,
        CommitmentStatus::InProgress,
        CommitmentStatus::Piloting,
        CommitmentStatus::Delivered,
        CommitmentStatus::Withdrawn,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CommitmentStatus::Promised => "promised",
            CommitmentStatus::InProgress => "in_progress",
            CommitmentStatus::Piloting => "piloting",
            CommitmentStatus::Delivered => "delivered",
            CommitmentStatus::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(text: &str) -> Option<CommitmentStatus> {
        Self::ALL.into_iter().find(|status| status.as_str() == text)
    }

    pub fn label(self) -> &'static str {
        match self {
            CommitmentStatus::Promised => "Promised",
            CommitmentStatus::InProgress => "In progress",
            CommitmentStatus::Piloting => "Piloting",
            CommitmentStatus::Delivered => "Delivered",
            CommitmentStatus::Withdrawn => "Withdrawn",
        }
    }

    /// Delivered or withdrawn: nothing more is owed.
    pub fn is_closed(self) -> bool {
        matches!(
            self,
            CommitmentStatus::Delivered | CommitmentStatus::Withdrawn
        )
    }
}

/// One entry of the ledger, as the facts need it: the day it was recorded, and the status and
/// window in force from then on (no window while the promise is a condition or vague words;
/// a release's window when promised "in 5.2.0").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LedgerEntry {
    pub on: NaiveDate,
    pub status: CommitmentStatus,
    pub window: Option<Window>,
}

/// How a promise stands, in a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Rating {
    OnTrack,
    Slipped,
    Overdue,
    Kept,
    KeptLate,
    Withdrawn,
    NotYetConcrete,
}

impl Rating {
    pub const ALL: [Rating; 7] = [
        Rating::OnTrack,
        Rating::Slipped,
        Rating::Overdue,
        Rating::Kept,
        Rating::KeptLate,
        Rating::Withdrawn,
        Rating::NotYetConcrete,
    ];

    /// The rating's name in URLs and files.
    pub fn as_str(self) -> &'static str {
        match self {
            Rating::OnTrack => "on_track",
            Rating::Slipped => "slipped",
            Rating::Overdue => "overdue",
            Rating::Kept => "kept",
            Rating::KeptLate => "kept_late",
            Rating::Withdrawn => "withdrawn",
            Rating::NotYetConcrete => "not_yet_concrete",
        }
    }

    pub fn parse(text: &str) -> Option<Rating> {
        Rating::ALL
            .into_iter()
            .find(|rating| rating.as_str() == text)
    }

    pub fn label(self) -> &'static str {
        match self {
            Rating::OnTrack => "on track",
            Rating::Slipped => "slipped",
            Rating::Overdue => "overdue",
            Rating::Kept => "kept",
            Rating::KeptLate => "kept late",
            Rating::Withdrawn => "withdrawn",
            Rating::NotYetConcrete => "not yet concrete",
        }
    }
}

/// Everything derived from a ledger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Facts {
    /// The first window promised (the first concrete one, if the first words had none).
    pub original: Option<Window>,
    /// The window in force now; none while the promise is a condition or vague words.
    pub current: Option<Window>,
    /// The first promise had no window: it was a condition or vague words.
    pub vague_when_made: bool,
    /// Days from the first promise to the first window (to today if none came yet).
    pub days_without_window: i64,
    /// How often the due end moved later.
    pub slips: u32,
    /// Days between the original due end and the latest one, when later.
    pub slipped_days: i64,
    /// How often the due end moved earlier (recorded, never counted as a slip).
    pub brought_forward: u32,
    /// Days past the current due end, and past the original one, while still owed.
    pub overdue: Option<(i64, i64)>,
    /// The day it was delivered, and how many days after the original due end (0 if by it).
    pub delivered: Option<(NaiveDate, i64)>,
    pub rating: Rating,
}

/// The facts of a ledger (its entries in the order recorded) as of `today`; `None` for a
/// ledger with no entries.
pub fn facts(ledger: &[LedgerEntry], today: NaiveDate) -> Option<Facts> {
    let first = ledger.first()?;
    let last = ledger.last()?;
    let mut original: Option<(Window, NaiveDate)> = None;
    let (mut slips, mut brought_forward) = (0, 0);
    let mut latest_end: Option<NaiveDate> = None;
    for entry in ledger {
        let Some(window) = entry.window else {
            continue;
        };
        match latest_end {
            None => original = Some((window, entry.on)),
            Some(end) if window.last > end => slips += 1,
            Some(end) if window.last < end => brought_forward += 1,
            Some(_) => {}
        }
        latest_end = Some(window.last);
    }
    let days_without_window = if first.window.is_some() {
        0
    } else {
        // Until a date was given, or the promise was closed, or today.
        let closed = last.status.is_closed().then_some(last.on);
        let until = original.map_or(closed.unwrap_or(today), |(_, on)| on);
        (until - first.on).num_days().max(0)
    };
    let original_end = original.map(|(window, _)| window.last);
    let slipped_days = match (original_end, latest_end) {
        (Some(original), Some(latest)) => (latest - original).num_days().max(0),
        _ => 0,
    };
    let current = last.window;
    // Delivered on the first day of the ledger's final run of "delivered".
    let delivered = (last.status == CommitmentStatus::Delivered).then(|| {
        let on = ledger
            .iter()
            .rev()
            .take_while(|entry| entry.status == CommitmentStatus::Delivered)
            .last()
            .map_or(last.on, |entry| entry.on);
        let late = original_end.map_or(0, |end| (on - end).num_days().max(0));
        (on, late)
    });
    let standing = Standing {
        status: last.status,
        current_end: current.map(|window| window.last),
        original_end,
        slips,
        delivered_on: delivered.map(|(on, _)| on),
    };
    let (overdue, rating) = (standing.overdue(today), standing.rating(today));
    Some(Facts {
        original: original.map(|(window, _)| window),
        current,
        vague_when_made: first.window.is_none(),
        days_without_window,
        slips,
        slipped_days,
        brought_forward,
        overdue,
        delivered,
        rating,
    })
}

/// Where a promise stands, as a list keeps it beside the promise (rewritten with each entry
/// of its ledger): enough for its rating and its days overdue on any day, without reading
/// the ledger again. `facts` reads these from the ledger itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Standing {
    pub status: CommitmentStatus,
    /// The last day of the window in force; none while it is a condition or vague words.
    pub current_end: Option<NaiveDate>,
    /// The last day of the first window promised.
    pub original_end: Option<NaiveDate>,
    pub slips: u32,
    pub delivered_on: Option<NaiveDate>,
}

impl Standing {
    /// Days past the current due end, and past the original one, while still owed.
    pub fn overdue(&self, today: NaiveDate) -> Option<(i64, i64)> {
        match (self.status.is_closed(), self.current_end) {
            (false, Some(end)) if today > end => Some((
                (today - end).num_days(),
                (today - self.original_end.unwrap_or(end)).num_days(),
            )),
            _ => None,
        }
    }

    /// How many days after the original due end it was delivered (0 if by it).
    pub fn delivered_late_by(&self) -> Option<i64> {
        let on = self
            .delivered_on
            .filter(|_| self.status == CommitmentStatus::Delivered)?;
        Some(
            self.original_end
                .map_or(0, |end| (on - end).num_days().max(0)),
        )
    }

    pub fn rating(&self, today: NaiveDate) -> Rating {
        match (self.status, self.delivered_late_by()) {
            (CommitmentStatus::Withdrawn, _) => Rating::Withdrawn,
            (_, Some(0)) => Rating::Kept,
            (_, Some(_)) => Rating::KeptLate,
            _ if self.current_end.is_none() => Rating::NotYetConcrete,
            _ if self.overdue(today).is_some() => Rating::Overdue,
            _ if self.slips > 0 => Rating::Slipped,
            _ => Rating::OnTrack,
        }
    }
}
