//! What the releases pages exchange: a supplier's releases, one release with the promises
//! made in it, and the forms that add and change them.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{CommitmentSummary, SupplierId, Window};
pub use crate::domain::{ids::ReleaseId, releases::ReleaseStatus};

impl ReleaseId {
    pub fn href(self) -> String {
        format!("/releases/{}", self.0)
    }
}

/// A release as its list and its page show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Release {
    pub id: ReleaseId,
    pub supplier: SupplierId,
    pub supplier_name: String,
    /// "5.2.0".
    pub name: String,
    pub status: ReleaseStatus,
    /// When it is expected, in the supplier's words; empty if no one has said.
    pub words: String,
    /// Their reading ("Q3 2026").
    pub timeframe: String,
    pub window: Option<Window>,
    pub released_on: Option<NaiveDate>,
    /// Open commitments promised in it.
    pub open_commitments: i64,
    pub version: i64,
}

/// The releases page: every release the reader may see, newest first, and whether they may
/// add one (for which suppliers).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReleaseList {
    pub releases: Vec<Release>,
    /// The suppliers the reader may add a release for.
    pub may_add_for: Vec<(SupplierId, String)>,
}

/// A release's page: the release, the promises made in it, and whether the reader may
/// change it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReleasePage {
    pub release: Release,
    pub commitments: Vec<CommitmentSummary>,
    pub today: NaiveDate,
    pub may_edit: bool,
}
