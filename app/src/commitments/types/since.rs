//! What "since the last meeting" exchanges: the meeting chosen, the meetings to choose from,
//! and the promises that something happened to since it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{CommitmentSummary, MeetingId};
pub use crate::domain::commitments::since::Since;

/// A meeting to count from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FromMeeting {
    pub id: MeetingId,
    pub title: String,
    /// The day it was held, in the instance's time zone.
    pub day: NaiveDate,
    /// Its supplier's name: only that supplier's promises are counted.
    pub supplier_name: Option<String>,
}

/// A promise and what happened to it since the meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Changed {
    pub summary: CommitmentSummary,
    pub since: Since,
}

/// The page: what happened since a meeting (the latest one held, unless another is chosen).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SincePage {
    /// None when the reader may see no meeting held yet.
    pub meeting: Option<FromMeeting>,
    /// The meetings held that the reader may see, newest first, to choose another.
    pub meetings: Vec<FromMeeting>,
    pub changed: Vec<Changed>,
    /// More promises changed than the page shows.
    pub more: bool,
    pub today: NaiveDate,
}

/// The page's query key: the meeting to count from.
pub const MEETING_KEY: &str = "meeting";

/// Promises the page shows at most.
pub const SINCE_ROWS: i64 = 300;
