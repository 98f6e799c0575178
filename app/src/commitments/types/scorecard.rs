//! What the scorecards exchange: every supplier's figures side by side (the committee's
//! dashboard), and one supplier's (or all of them together) by year or by quarter.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::SupplierId;
pub use crate::domain::scorecard::{Period, Tally};

/// One supplier's figures, all periods together.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupplierScore {
    pub supplier: SupplierId,
    pub name: String,
    pub tally: Tally,
}

/// A scorecard page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scorecard {
    /// The supplier chosen, if one is: its scorecard; else the committee's dashboard.
    pub supplier: Option<SupplierId>,
    pub period: Period,
    /// Every supplier the reader may see with promises, side by side (only the chosen one,
    /// if one is chosen).
    pub suppliers: Vec<SupplierScore>,
    /// The figures by period, oldest first: the chosen supplier's, or everyone's together.
    pub periods: Vec<(String, Tally)>,
    /// All promises counted here together.
    pub total: Tally,
    /// Every supplier the reader may see, for the form.
    pub choices: Vec<(SupplierId, String)>,
    pub today: NaiveDate,
}

/// The scorecard's query keys.
pub mod keys {
    pub const SUPPLIER: &str = "supplier";
    pub const BY: &str = "by";
}
