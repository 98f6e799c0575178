//! Server functions for administrators: the accounts list, invitations, roles, disabling and
//! password-reset links, and the audit log. Each requires its permission first.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::{
    accounts::types::{AccountId, AccountSummary, AuditPage, LinkId, PendingInvitation},
    error::AppError,
    suppliers::types::SupplierName,
};
#[cfg(feature = "ssr")]
use crate::{
    accounts::{
        attempts, audit_store,
        links::{self, store::NewLink},
        request, sessions,
        store::{self, AccountChange},
        types::{AuditAction, Email, Role},
    },
    domain::permissions::Permission,
    error::FormErrors,
    guard,
    suppliers::{self, types::SupplierId},
};

/// A single-use link just issued, to be passed on to the person it is for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuedLink {
    pub url: String,
    /// Who it is for (their email address).
    pub recipient: String,
    pub purpose: IssuedPurpose,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum IssuedPurpose {
    Invitation,
    PasswordReset,
}

/// What the users page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UsersOverview {
    pub me: AccountId,
    pub accounts: Vec<AccountSummary>,
    pub invitations: Vec<PendingInvitation>,
    pub suppliers: Vec<SupplierName>,
    /// A link issued by this administrator's last action, shown once.
    pub issued: Option<IssuedLink>,
}

/// Administrators: every account, the open invitations, and any link just issued.
#[server(prefix = "/api", endpoint = "admin/users")]
pub async fn get_users_overview() -> Result<UsersOverview, AppError> {
    let admin = guard::require(Permission::ManageAccounts)?;
    let db = crate::db::use_db()?;
    let now = crate::clock::now();
    let issued = match request::session_token_hash() {
        Some(hash) => store::take_session_notice(&db, &hash)
            .await?
            .and_then(|notice| serde_json::from_str(&notice).ok()),
        None => None,
    };
    Ok(UsersOverview {
        me: admin.id,
        accounts: store::list_accounts(&db).await?,
        invitations: links::store::pending_invitations(&db, now).await?,
        suppliers: suppliers::store::names(&db).await?.suppliers.clone(),
        issued,
    })
}

/// Administrators: invites someone by email to join with a role (and, for a supplier
/// representative, their supplier). The link is shown to the administrator to pass on.
#[server(prefix = "/api", endpoint = "admin/invite")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "invite", skip_all))]
pub async fn invite(
    email: String,
    role: String,
    supplier: Option<String>,
) -> Result<IssuedLink, AppError> {
    let admin = guard::require(Permission::ManageAccounts)?;
    let db = crate::db::use_db()?;
    let keep = |errors: FormErrors| {
        errors
            .keep("email", &email)
            .keep("role", &role)
            .keep("supplier", supplier.as_deref().unwrap_or(""))
    };
    let parsed_email = Email::parse(&email);
    let names = suppliers::store::names(&db).await?;
    let parsed_role = parse_role(&role, supplier.as_deref(), &names.suppliers);
    let (parsed_email, (role_value, supplier_value)) = match (parsed_email, parsed_role) {
        (Ok(email), Ok(role)) => (email, role),
        (email, role) => {
            let mut errors = FormErrors::new();
            if let Err(message) = email {
                errors = errors.field("email", message);
            }
            if let Err(role_errors) = role {
                errors.fields.extend(role_errors.fields);
            }
            return Err(AppError::refused(keep(errors)));
        }
    };

    let now = crate::clock::now();
    let mut tx = db.begin_write().await?;
    if store::account_by_email(&mut tx, &parsed_email)
        .await?
        .is_some()
    {
        return Err(AppError::refused(keep(FormErrors::new().field(
            "email",
            "Someone with this email address already has an account.",
        ))));
    }
    let token = sessions::new_token();
    let link = NewLink::Invitation {
        email: &parsed_email,
        role: role_value,
        supplier: supplier_value,
    };
    links::store::issue(&mut tx, &sessions::token_hash(&token), link, admin.id, now).await?;
    let detail = format!("{} as {}", parsed_email.normalised(), role_value.label());
    audit_store::record_for_request(
        &mut tx,
        AuditAction::Invited,
        Some(admin.id),
        None,
        &detail,
        now,
    )
    .await?;
    let issued = IssuedLink {
        url: format!("{}/join/{token}", request::site_origin()),
        recipient: parsed_email.as_str().to_owned(),
        purpose: IssuedPurpose::Invitation,
    };
    keep_for_next_page(&mut tx, &issued).await?;
    tx.commit().await?;
    Ok(issued)
}

/// Administrators: changes another account's role (and supplier). Refused if the account
/// changed since the administrator's page was loaded (`version`).
#[server(prefix = "/api", endpoint = "admin/change_role")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "change_role", skip_all, fields(account = account.0)))]
pub async fn change_role(
    account: AccountId,
    version: i64,
    role: String,
    supplier: Option<String>,
) -> Result<(), AppError> {
    let admin = guard::require(Permission::ManageAccounts)?;
    let db = crate::db::use_db()?;
    let account = account;
    if account == admin.id {
        return Err(AppError::refused(FormErrors::new().form(
            "You cannot change your own role; another administrator can.",
        )));
    }
    let names = suppliers::store::names(&db).await?;
    let (role, supplier) =
        parse_role(&role, supplier.as_deref(), &names.suppliers).map_err(AppError::refused)?;
    let now = crate::clock::now();
    let mut tx = db.begin_write().await?;
    let current = store::account(&mut tx, account)
        .await?
        .ok_or(AppError::NotFound)?;
    let change = AccountChange::Role { role, supplier };
    if !store::change_account(&mut tx, account, version, change, now).await? {
        return Err(changed_meanwhile(&current));
    }
    let detail = format!("{} → {}", current.role.label(), role.label());
    audit_store::record_for_request(
        &mut tx,
        AuditAction::RoleChanged,
        Some(admin.id),
        Some(account),
        &detail,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Administrators: disables another account (ending its sessions at once) or re-enables it.
#[server(prefix = "/api", endpoint = "admin/set_active")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "set_account_active", skip_all, fields(account = account.0)))]
pub async fn set_account_active(
    account: AccountId,
    version: i64,
    active: bool,
) -> Result<(), AppError> {
    let admin = guard::require(Permission::ManageAccounts)?;
    let db = crate::db::use_db()?;
    let account = account;
    if account == admin.id {
        return Err(AppError::refused(FormErrors::new().form(
            "You cannot disable your own account; another administrator can.",
        )));
    }
    let now = crate::clock::now();
    let mut tx = db.begin_write().await?;
    let current = store::account(&mut tx, account)
        .await?
        .ok_or(AppError::NotFound)?;
    if !store::change_account(
        &mut tx,
        account,
        version,
        AccountChange::Active(active),
        now,
    )
    .await?
    {
        return Err(changed_meanwhile(&current));
    }
    let action = if active {
        AuditAction::AccountEnabled
    } else {
        let ended = store::end_sessions_of(&mut tx, account, None).await?;
        attempts::forget_devices(&mut tx, account, None).await?;
        tracing::info!(
            account = account.0,
            ended,
            "account disabled; sessions ended"
        );
        AuditAction::AccountDisabled
    };
    audit_store::record_for_request(&mut tx, action, Some(admin.id), Some(account), "", now)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Administrators: issues a single-use link with which the account's owner sets a new
/// password (any earlier such link stops working).
#[server(prefix = "/api", endpoint = "admin/reset_password")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "issue_password_reset", skip_all, fields(account = account.0)))]
pub async fn issue_password_reset(account: AccountId) -> Result<IssuedLink, AppError> {
    let admin = guard::require(Permission::ManageAccounts)?;
    let db = crate::db::use_db()?;
    let account = account;
    let now = crate::clock::now();
    let mut tx = db.begin_write().await?;
    let current = store::account(&mut tx, account)
        .await?
        .ok_or(AppError::NotFound)?;
    let token = sessions::new_token();
    let link = NewLink::PasswordReset {
        account,
        email: &current.email,
    };
    links::store::issue(&mut tx, &sessions::token_hash(&token), link, admin.id, now).await?;
    audit_store::record_for_request(
        &mut tx,
        AuditAction::PasswordResetIssued,
        Some(admin.id),
        Some(account),
        "",
        now,
    )
    .await?;
    let issued = IssuedLink {
        url: format!("{}/reset/{token}", request::site_origin()),
        recipient: current.email,
        purpose: IssuedPurpose::PasswordReset,
    };
    keep_for_next_page(&mut tx, &issued).await?;
    tx.commit().await?;
    Ok(issued)
}

/// Administrators: revokes an invitation that has not been accepted, so its link stops
/// working (say, one an administrator who has since left sent).
#[server(prefix = "/api", endpoint = "admin/revoke_invitation")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "revoke_invitation", skip_all, fields(link = link.0)))]
pub async fn revoke_invitation(link: LinkId) -> Result<(), AppError> {
    let admin = guard::require(Permission::ManageAccounts)?;
    let db = crate::db::use_db()?;
    let now = crate::clock::now();
    let mut tx = db.begin_write().await?;
    let email = links::store::revoke_invitation(&mut tx, link, now)
        .await?
        .ok_or(AppError::NotFound)?;
    audit_store::record_for_request(
        &mut tx,
        AuditAction::InvitationRevoked,
        Some(admin.id),
        None,
        &email,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Administrators: a page of the audit log, newest first; `before` continues from an entry.
#[server(prefix = "/api", endpoint = "admin/audit")]
pub async fn audit_log(before: Option<i64>) -> Result<AuditPage, AppError> {
    guard::require(Permission::ReadAuditLog)?;
    let db = crate::db::use_db()?;
    Ok(audit_store::page(&db, before).await?)
}

/// A role (and supplier, for a representative: one of `known`) from a form.
#[cfg(feature = "ssr")]
fn parse_role(
    role: &str,
    supplier: Option<&str>,
    known: &[SupplierName],
) -> Result<(Role, Option<SupplierId>), FormErrors> {
    let Some(role) = Role::parse(role) else {
        return Err(FormErrors::new().field("role", "Choose a role."));
    };
    if role != Role::SupplierRep {
        return Ok((role, None));
    }
    let Some(chosen) = supplier.and_then(|text| text.parse::<i64>().ok()) else {
        return Err(FormErrors::new().field(
            "supplier",
            "Choose the supplier this representative works for.",
        ));
    };
    match known.iter().find(|supplier| supplier.id.0 == chosen) {
        Some(supplier) => Ok((role, Some(supplier.id))),
        None => Err(FormErrors::new().field(
            "supplier",
            "That supplier no longer exists; choose another.",
        )),
    }
}

#[cfg(feature = "ssr")]
fn changed_meanwhile(current: &AccountSummary) -> AppError {
    AppError::stale(FormErrors::new().form(format!(
        "{} was changed by someone else after you opened this page. \
         The page now shows the current state; make your change again if it is still needed.",
        current.display_name
    )))
}

/// Keeps a just-issued link for this administrator's next page: without JavaScript the
/// form post is redirected back, and the page it lands on shows the link from here.
#[cfg(feature = "ssr")]
async fn keep_for_next_page(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    issued: &IssuedLink,
) -> Result<(), AppError> {
    let Some(hash) = request::session_token_hash() else {
        return Ok(());
    };
    let notice = serde_json::to_string(issued).map_err(|error| {
        tracing::error!(%error, "could not encode a notice");
        AppError::Internal
    })?;
    store::set_session_notice(tx, &hash, &notice).await?;
    Ok(())
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    fn known() -> Vec<SupplierName> {
        vec![SupplierName {
            id: SupplierId(3),
            name: "Example".to_owned(),
        }]
    }

    #[test]
    fn a_representative_needs_a_known_supplier_and_no_one_else_gets_one() {
        assert_eq!(
            parse_role("chair", Some("3"), &known()),
            Ok((Role::Chair, None))
        );
        assert_eq!(
            parse_role("supplier_rep", Some("3"), &known()),
            Ok((Role::SupplierRep, Some(SupplierId(3))))
        );
        for supplier in [None, Some(""), Some("4"), Some("three")] {
            let errors = parse_role("supplier_rep", supplier, &known()).expect_err("refused");
            assert!(errors.fields.contains_key("supplier"), "{supplier:?}");
        }
        let errors = parse_role("owner", None, &known()).expect_err("refused");
        assert!(errors.fields.contains_key("role"));
    }
}
