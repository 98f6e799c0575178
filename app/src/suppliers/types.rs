//! Supplier values both sides share.

use serde::{Deserialize, Serialize};

/// A supplier's database id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SupplierId(pub i64);

/// A supplier as a choice in a form or a label beside a person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupplierName {
    pub id: SupplierId,
    pub name: String,
}
