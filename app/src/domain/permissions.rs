//! Who may do what: the one table every server function and page consults, so that a rule
//! lives in one place and a test can read it. Record-level rules (a supplier representative
//! acts only for their own supplier) sit beside the table as functions of the record.

use crate::accounts::types::{CurrentUser, Role};
use crate::suppliers::types::SupplierId;

/// Something a server function or page may require of its caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    /// See their own account, change their name and password, end their own sessions.
    ManageOwnAccount,
    /// Invite people, change roles, disable and re-enable accounts, issue reset links.
    ManageAccounts,
    /// Read the audit log of security events.
    ReadAuditLog,
    /// Add and edit suppliers and their modules.
    ManageSuppliers,
    /// Read issues and their timelines (a representative: their own supplier's only, see
    /// `may_see_supplier`).
    ReadIssues,
    /// Report an issue, comment, and mark an issue "affects us too": the user group's side.
    ReportIssues,
    /// Change any issue's status and details, merge duplicates, edit or remove any comment.
    TriageIssues,
    /// Post official responses and move the issues of one's own supplier.
    RespondForSupplier,
}

/// Whether an account with this role holds this permission.
pub fn allows(role: Role, permission: Permission) -> bool {
    use Permission::*;
    match permission {
        ManageOwnAccount => true,
        ManageAccounts | ReadAuditLog | ManageSuppliers => role == Role::Admin,
        ReadIssues => true,
        ReportIssues => role != Role::SupplierRep,
        TriageIssues => matches!(role, Role::Chair | Role::Admin),
        RespondForSupplier => role == Role::SupplierRep,
    }
}

/// Whether this person may see records that belong to `supplier`: a representative sees
/// only their own supplier's (another supplier's issues are not theirs to read), everyone
/// else every supplier's.
pub fn may_see_supplier(user: &CurrentUser, supplier: SupplierId) -> bool {
    user.role != Role::SupplierRep || user.supplier == Some(supplier)
}

/// Whether this person may act on a record that belongs to `supplier`: chairs and
/// administrators for every supplier, a representative only for their own, members never.
pub fn may_act_for_supplier(user: &CurrentUser, supplier: SupplierId) -> bool {
    match user.role {
        Role::Chair | Role::Admin => true,
        Role::SupplierRep => user.supplier == Some(supplier),
        Role::Member => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::accounts::types::AccountId;

    fn user(role: Role, supplier: Option<i64>) -> CurrentUser {
        CurrentUser {
            id: AccountId(1),
            display_name: "Someone".to_owned(),
            role,
            supplier: supplier.map(SupplierId),
        }
    }

    #[test]
    fn everyone_signed_in_manages_their_own_account() {
        for role in Role::ALL {
            assert!(allows(role, Permission::ManageOwnAccount), "{role:?}");
        }
    }

    #[test]
    fn only_administrators_manage_accounts_and_read_the_audit_log() {
        for permission in [Permission::ManageAccounts, Permission::ReadAuditLog] {
            let holders: Vec<Role> = Role::ALL
                .into_iter()
                .filter(|role| allows(*role, permission))
                .collect();
            assert_eq!(holders, [Role::Admin], "{permission:?}");
        }
    }

    fn holders(permission: Permission) -> Vec<Role> {
        Role::ALL
            .into_iter()
            .filter(|role| allows(*role, permission))
            .collect()
    }

    #[test]
    fn only_administrators_manage_suppliers() {
        assert_eq!(holders(Permission::ManageSuppliers), [Role::Admin]);
    }

    #[test]
    fn the_user_group_reports_and_the_supplier_responds() {
        assert_eq!(holders(Permission::ReadIssues), Role::ALL);
        assert_eq!(
            holders(Permission::ReportIssues),
            [Role::Member, Role::Chair, Role::Admin]
        );
        assert_eq!(holders(Permission::RespondForSupplier), [Role::SupplierRep]);
        assert_eq!(
            holders(Permission::TriageIssues),
            [Role::Chair, Role::Admin]
        );
    }

    #[test]
    fn a_representative_sees_only_their_own_suppliers_records() {
        let own = SupplierId(7);
        assert!(may_see_supplier(&user(Role::SupplierRep, Some(7)), own));
        assert!(!may_see_supplier(&user(Role::SupplierRep, Some(8)), own));
        assert!(may_see_supplier(&user(Role::Member, None), own));
        assert!(may_see_supplier(&user(Role::Chair, None), own));
    }

    #[test]
    fn a_representative_acts_only_for_their_own_supplier() {
        let own = SupplierId(7);
        let other = SupplierId(8);
        assert!(may_act_for_supplier(&user(Role::SupplierRep, Some(7)), own));
        assert!(!may_act_for_supplier(
            &user(Role::SupplierRep, Some(7)),
            other
        ));
        assert!(!may_act_for_supplier(&user(Role::SupplierRep, None), own));
        assert!(!may_act_for_supplier(&user(Role::Member, None), own));
        assert!(may_act_for_supplier(&user(Role::Chair, None), other));
        assert!(may_act_for_supplier(&user(Role::Admin, None), other));
    }
}
