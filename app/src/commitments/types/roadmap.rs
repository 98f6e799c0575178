//! What the roadmap by quarter exchanges: a column per quarter around today, each with the
//! open promises due in it, those delivered in it and those first promised for it that
//! moved on; the promises due before or after them, and those with no date yet.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{CommitmentSummary, SupplierId};
pub use crate::domain::roadmap::{Quarter, When};

/// A promise as a card of the roadmap.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Card {
    pub summary: CommitmentSummary,
    /// The quarters it has been due in, the first promise's first ("Q3 2026", "Q4 2026");
    /// one quarter, or none, when it never moved out of one.
    pub trail: Vec<String>,
}

/// Some cards of one kind, and how many there are in all.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lane {
    pub cards: Vec<Card>,
    pub total: i64,
}

/// One quarter of the roadmap.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Column {
    pub quarter: Quarter,
    /// Still owed and due in this quarter: overdue, if it has passed.
    pub due: Lane,
    /// Delivered in this quarter.
    pub delivered: Lane,
    /// First promised for this quarter, now due in a later one: where a trail starts.
    pub moved_on: Lane,
}

/// The roadmap by quarter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Roadmap {
    pub columns: Vec<Column>,
    /// Still owed, due before the first column.
    pub earlier: Lane,
    /// Due after the last column.
    pub later: Lane,
    /// Still owed with no date: a condition or vague words.
    pub undated: Lane,
    pub supplier: Option<SupplierId>,
    pub suppliers: Vec<(SupplierId, String)>,
    pub today: NaiveDate,
}

/// Cards shown in each lane; the list shows the rest.
pub const LANE_CARDS: i64 = 12;

/// Quarters shown before today's and after it.
pub const QUARTERS_EACH_SIDE: u32 = 4;
