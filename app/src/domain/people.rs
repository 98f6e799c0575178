//! Who someone is to Watchdog: their role, and the person making a request. The accounts
//! area stores and signs people in; the rules of what each may do (`permissions`) start here.

use serde::{Deserialize, Serialize};

use crate::domain::ids::{AccountId, SupplierId};

/// What an account may do; see SPEC "Who uses it".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Member,
    SupplierRep,
    Chair,
    Admin,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Member, Role::SupplierRep, Role::Chair, Role::Admin];

    /// The name stored in the database and used in URLs and forms.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Member => "member",
            Role::SupplierRep => "supplier_rep",
            Role::Chair => "chair",
            Role::Admin => "admin",
        }
    }

    pub fn parse(text: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|role| role.as_str() == text)
    }

    /// How the role is named to people.
    pub fn label(self) -> &'static str {
        match self {
            Role::Member => "Member",
            Role::SupplierRep => "Supplier representative",
            Role::Chair => "Chair",
            Role::Admin => "Administrator",
        }
    }
}

/// The person making a request, as pages and server functions see them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub id: AccountId,
    pub display_name: String,
    pub role: Role,
    /// The supplier a representative belongs to; `None` for every other role.
    pub supplier: Option<SupplierId>,
}
