//! Who may do what: the one table every server function and page consults, so that a rule
//! lives in one place and a test can read it. Record-level rules (a supplier representative
//! acts only for their own supplier) sit beside the table as functions of the record.

use crate::domain::{
    ids::{AccountId, SupplierId},
    issue_workflow::StatusChanger,
    people::{CurrentUser, Role},
};

/// Something a server function or page may require of its caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    /// See their own account, change their name and password, end their own sessions.
    ManageOwnAccount,
    /// Read their own inbox and mark what is in it read.
    ReadOwnInbox,
    /// Invite people, change roles, disable and re-enable accounts, issue reset links.
    ManageAccounts,
    /// Read the audit log of security events.
    ReadAuditLog,
    /// Add and edit suppliers and their modules.
    ManageSuppliers,
    /// Change the instance's settings (its name, introduction and time zone).
    ManageInstance,
    /// Schedule meetings, write and publish their minutes, and read every meeting and
    /// draft (see `meetings::Audience` for who reads which published meetings).
    ManageMeetings,
    /// Read issues and their timelines (a representative: their own supplier's only, see
    /// `may_see_supplier`).
    ReadIssues,
    /// Report an issue, comment, and mark an issue "affects us too": the user group's side.
    ReportIssues,
    /// Change any issue's status and details, merge duplicates, edit or remove any comment.
    TriageIssues,
    /// Post official responses and move the issues of one's own supplier.
    RespondForSupplier,
    /// Read commitments and their ledgers (a representative: their own supplier's only).
    ReadCommitments,
    /// Record a commitment and change what it says; re-promise any supplier's (a
    /// representative re-promises their own supplier's: `may_act_for_supplier`).
    ManageCommitments,
    /// Add and change a supplier's releases: the committee any supplier's, a representative
    /// their own supplier's (`may_act_for_supplier`).
    ManageReleases,
    /// Change the chase policy: when the supplier is chased, how often, and when the
    /// committee is told.
    ManageChasePolicy,
}

/// Whether an account with this role holds this permission.
pub fn allows(role: Role, permission: Permission) -> bool {
    use Permission::*;
    match permission {
        ManageOwnAccount | ReadOwnInbox => true,
        ManageAccounts | ReadAuditLog | ManageSuppliers | ManageInstance => role == Role::Admin,
        ReadIssues | ReadCommitments => true,
        ReportIssues => role != Role::SupplierRep,
        TriageIssues | ManageMeetings | ManageCommitments | ManageChasePolicy => {
            matches!(role, Role::Chair | Role::Admin)
        }
        RespondForSupplier => role == Role::SupplierRep,
        ManageReleases => matches!(role, Role::Chair | Role::Admin | Role::SupplierRep),
    }
}

/// Whose records a person may see: the one rule behind both the Rust check
/// (`may_see_supplier`) and the SQL that lists records (`SupplierScope::condition`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SupplierScope {
    /// Every supplier's: the user group's members, chairs and administrators.
    Every,
    /// One supplier's only: a representative sees their own supplier's records (another
    /// supplier's are not theirs to read).
    One(SupplierId),
    /// No supplier's: a representative whose account names no supplier.
    Nothing,
}

impl SupplierScope {
    pub fn of(user: &CurrentUser) -> SupplierScope {
        match (user.role, user.supplier) {
            (Role::SupplierRep, Some(supplier)) => SupplierScope::One(supplier),
            (Role::SupplierRep, None) => SupplierScope::Nothing,
            _ => SupplierScope::Every,
        }
    }

    pub fn includes(self, supplier: SupplierId) -> bool {
        match self {
            SupplierScope::Every => true,
            SupplierScope::One(own) => own == supplier,
            SupplierScope::Nothing => false,
        }
    }

    /// A condition on a table's supplier column that holds exactly for the records in
    /// scope: `None` when every record is, else SQL built by `equals` for one supplier or
    /// a condition that never holds.
    pub fn condition(self, equals: impl FnOnce(SupplierId) -> String) -> Option<String> {
        match self {
            SupplierScope::Every => None,
            SupplierScope::One(supplier) => Some(equals(supplier)),
            SupplierScope::Nothing => Some("1 = 0".to_owned()),
        }
    }
}

/// Whether this person may see records that belong to `supplier` (see `SupplierScope`).
pub fn may_see_supplier(user: &CurrentUser, supplier: SupplierId) -> bool {
    SupplierScope::of(user).includes(supplier)
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

/// Who may mark an action done (with a note): the committee, the account that owns it, and
/// for an action owned by a supplier, that supplier's representatives. Reopening one is the
/// committee's alone (`Permission::ManageMeetings`).
pub fn may_close_action(
    user: &CurrentUser,
    owner_account: Option<AccountId>,
    owner_supplier: Option<SupplierId>,
) -> bool {
    allows(user.role, Permission::ManageMeetings)
        || owner_account == Some(user.id)
        || (user.role == Role::SupplierRep
            && owner_supplier.is_some()
            && user.supplier == owner_supplier)
}

/// Who posts to an issue of `supplier`: the user group comments, a representative of the
/// issue's supplier responds officially.
pub fn may_post(user: &CurrentUser, supplier: SupplierId) -> bool {
    allows(user.role, Permission::ReportIssues)
        || (allows(user.role, Permission::RespondForSupplier) && user.supplier == Some(supplier))
}

/// Who edits an issue's details (title, description, module, safety flag): its reporter
/// while still in the user group, and the committee.
pub fn may_edit_details(user: &CurrentUser, reporter: Option<AccountId>) -> bool {
    allows(user.role, Permission::TriageIssues)
        || (allows(user.role, Permission::ReportIssues) && reporter == Some(user.id))
}

/// In which capacity this person may move an issue of `supplier` along the workflow, if at
/// all: as the committee, or as a representative of that supplier.
pub fn status_changer(user: &CurrentUser, supplier: SupplierId) -> Option<StatusChanger> {
    if allows(user.role, Permission::TriageIssues) {
        Some(StatusChanger::Committee)
    } else if allows(user.role, Permission::RespondForSupplier) && user.supplier == Some(supplier) {
        Some(StatusChanger::SupplierRep)
    } else {
        None
    }
}

/// How many log numbers an issue's reporter may add to it themself; the committee and the
/// supplier's representatives, who can also remove them, may add any number.
pub const REPORTER_LOG_NUMBERS: usize = 3;

/// Whether this person may add a log number to an issue of `supplier` that `reporter`
/// reported: the committee, the supplier's representatives, and the reporter (up to
/// `REPORTER_LOG_NUMBERS` of their own adding).
pub fn may_add_log_number(
    user: &CurrentUser,
    supplier: SupplierId,
    reporter: Option<AccountId>,
) -> bool {
    may_act_for_supplier(user, supplier) || reporter == Some(user.id)
}

/// Whether this person may remove an issue's log number or move it to another issue: the
/// committee and the representatives of the issue's supplier, whose numbers they are.
pub fn may_manage_log_numbers(user: &CurrentUser, supplier: SupplierId) -> bool {
    may_act_for_supplier(user, supplier)
}

#[cfg(test)]
mod tests {
    use super::*;

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
            assert!(allows(role, Permission::ReadOwnInbox), "{role:?}");
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
    fn the_committee_writes_the_minutes() {
        assert_eq!(
            holders(Permission::ManageMeetings),
            [Role::Chair, Role::Admin]
        );
    }

    #[test]
    fn everyone_reads_commitments_and_the_committee_records_them() {
        assert_eq!(holders(Permission::ReadCommitments), Role::ALL);
        assert_eq!(
            holders(Permission::ManageCommitments),
            [Role::Chair, Role::Admin]
        );
        assert_eq!(
            holders(Permission::ManageReleases),
            [Role::SupplierRep, Role::Chair, Role::Admin]
        );
    }

    #[test]
    fn the_committee_runs_the_chase_policy() {
        assert_eq!(
            holders(Permission::ManageChasePolicy),
            [Role::Chair, Role::Admin]
        );
    }

    #[test]
    fn only_administrators_change_the_instance_settings() {
        assert_eq!(holders(Permission::ManageInstance), [Role::Admin]);
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
    fn a_representative_without_a_supplier_sees_no_suppliers_records() {
        let rep = user(Role::SupplierRep, None);
        assert_eq!(SupplierScope::of(&rep), SupplierScope::Nothing);
        assert!(!may_see_supplier(&rep, SupplierId(7)));
        assert_eq!(
            SupplierScope::of(&rep)
                .condition(|_| "x".to_owned())
                .as_deref(),
            Some("1 = 0")
        );
    }

    #[test]
    fn the_scope_condition_names_the_representatives_supplier_and_no_one_elses() {
        let equals = |supplier: SupplierId| format!("supplier_id = {}", supplier.0);
        assert_eq!(
            SupplierScope::of(&user(Role::SupplierRep, Some(7))).condition(equals),
            Some("supplier_id = 7".to_owned())
        );
        for role in [Role::Member, Role::Chair, Role::Admin] {
            assert_eq!(SupplierScope::of(&user(role, None)).condition(equals), None);
        }
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

    #[test]
    fn log_numbers_are_added_by_reporter_committee_and_supplier_and_managed_by_the_last_two() {
        let own = SupplierId(7);
        let reporter = user(Role::Member, None);
        let other_member = CurrentUser {
            id: AccountId(2),
            ..user(Role::Member, None)
        };
        assert!(may_add_log_number(&reporter, own, Some(AccountId(1))));
        assert!(!may_add_log_number(&other_member, own, Some(AccountId(1))));
        assert!(may_add_log_number(&user(Role::Chair, None), own, None));
        assert!(may_add_log_number(
            &user(Role::SupplierRep, Some(7)),
            own,
            None
        ));
        assert!(!may_add_log_number(
            &user(Role::SupplierRep, Some(8)),
            own,
            None
        ));

        assert!(
            !may_manage_log_numbers(&reporter, own),
            "a reporter cannot remove one"
        );
        assert!(may_manage_log_numbers(&user(Role::Chair, None), own));
        assert!(may_manage_log_numbers(&user(Role::Admin, None), own));
        assert!(may_manage_log_numbers(
            &user(Role::SupplierRep, Some(7)),
            own
        ));
        assert!(!may_manage_log_numbers(
            &user(Role::SupplierRep, Some(8)),
            own
        ));
    }

    #[test]
    fn an_action_is_closed_by_the_committee_its_owner_or_the_owning_suppliers_representatives() {
        let own = Some(SupplierId(7));
        let owner = Some(AccountId(1));
        assert!(may_close_action(&user(Role::Chair, None), None, own));
        assert!(may_close_action(&user(Role::Admin, None), None, None));
        assert!(may_close_action(
            &user(Role::SupplierRep, Some(7)),
            None,
            own
        ));
        assert!(!may_close_action(
            &user(Role::SupplierRep, Some(8)),
            None,
            own
        ));
        assert!(!may_close_action(
            &user(Role::SupplierRep, None),
            None,
            None
        ));
        assert!(!may_close_action(&user(Role::Member, None), None, own));
        assert!(may_close_action(&user(Role::Member, None), owner, None));
        assert!(!may_close_action(
            &user(Role::Member, None),
            Some(AccountId(2)),
            None
        ));
    }

    #[test]
    fn the_user_group_comments_the_supplier_responds_and_the_committee_triages() {
        let own = SupplierId(7);
        assert!(may_post(&user(Role::Member, None), own));
        assert!(may_post(&user(Role::Chair, None), own));
        assert!(may_post(&user(Role::SupplierRep, Some(7)), own));
        assert!(!may_post(&user(Role::SupplierRep, Some(8)), own));

        assert!(may_edit_details(
            &user(Role::Member, None),
            Some(AccountId(1))
        ));
        assert!(!may_edit_details(
            &user(Role::Member, None),
            Some(AccountId(2))
        ));
        assert!(!may_edit_details(
            &user(Role::SupplierRep, Some(7)),
            Some(AccountId(1))
        ));
        assert!(may_edit_details(
            &user(Role::Chair, None),
            Some(AccountId(2))
        ));

        assert_eq!(
            status_changer(&user(Role::Admin, None), own),
            Some(StatusChanger::Committee)
        );
        assert_eq!(
            status_changer(&user(Role::SupplierRep, Some(7)), own),
            Some(StatusChanger::SupplierRep)
        );
        assert_eq!(status_changer(&user(Role::SupplierRep, Some(8)), own), None);
        assert_eq!(status_changer(&user(Role::Member, None), own), None);
    }
}
