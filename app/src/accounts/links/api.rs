//! Server functions behind single-use links: what a link is for, and using it to join (an
//! invitation) or to set a new password (a reset). Anyone holding the link may call them;
//! the link's token is the authority, checked against its stored hash.

use leptos::prelude::*;

use crate::{accounts::types::LinkDetails, error::AppError};
#[cfg(feature = "ssr")]
use crate::{
    accounts::{
        attempts, audit_store, links, passwords, sessions,
        store::{self, NewAccount},
        types::{AuditAction, DisplayName, Email},
    },
    error::FormErrors,
};

/// Anyone with the link: what it is for, or `None` if it is expired, used or unknown.
#[server(prefix = "/api", endpoint = "link")]
pub async fn get_link(token: String) -> Result<Option<LinkDetails>, AppError> {
    let db = crate::db::use_db()?;
    let link =
        links::store::usable(&db, &sessions::token_hash(&token), crate::clock::now()).await?;
    if link.is_none() {
        // The page says the link no longer works; the status says so to tools.
        if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
            response.set_status(axum::http::StatusCode::NOT_FOUND);
        }
    }
    Ok(link.map(|link| link.details))
}

/// Anyone with the link: accepts an invitation (choosing a name and password) or sets a
/// new password after a reset (which ends every session of the account). Then on to sign in.
#[server(prefix = "/api", endpoint = "link/use")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "use_link", skip_all))]
pub async fn use_link(
    token: String,
    display_name: Option<String>,
    password: String,
    confirm_password: String,
) -> Result<(), AppError> {
    let db = crate::db::use_db()?;
    let now = crate::clock::now();
    let typed_name = display_name.unwrap_or_default();
    let keep = |errors: FormErrors| errors.keep("display_name", &typed_name);
    let hash = sessions::token_hash(&token);
    let Some(link) = links::store::usable(&db, &hash, now).await? else {
        return Err(AppError::refused(FormErrors::new().form(EXPIRED)));
    };
    let inviting = matches!(link.details, LinkDetails::Invitation { .. });
    let name = inviting.then(|| DisplayName::parse(&typed_name));
    let password =
        passwords::parse_new(&password, &confirm_password, "password", "confirm_password");
    let (name, password) = match (name, password) {
        (Some(Err(message)), password) => {
            let errors = password.err().unwrap_or_default();
            return Err(AppError::refused(keep(
                errors.field("display_name", message),
            )));
        }
        (_, Err(errors)) => return Err(AppError::refused(keep(errors))),
        (name, Ok(password)) => (name.and_then(Result::ok), password),
    };
    let password_hash = passwords::hash(password).await.map_err(|error| {
        tracing::error!(%error, "password hashing failed");
        AppError::Internal
    })?;

    let mut tx = db.begin_write().await?;
    // Checked again inside the write transaction: a link is used once, even by two tabs.
    let Some(link) = links::store::usable_for_use(&mut tx, &hash, now).await? else {
        return Err(AppError::refused(FormErrors::new().form(EXPIRED)));
    };
    let (account, action, next) = match (&link.details, name, link.account) {
        (LinkDetails::Invitation { email, .. }, Some(name), _) => {
            let email = Email::parse(email).map_err(|message| {
                tracing::error!(message, "an invitation's email does not parse");
                AppError::Internal
            })?;
            let new = NewAccount {
                email: &email,
                display_name: &name,
                role: link.role,
                supplier: link.supplier,
                password_hash: &password_hash,
            };
            let account = match store::create_account(&mut tx, new, now).await {
                Ok(account) => account,
                Err(store::StoreError::EmailTaken) => {
                    return Err(AppError::refused(FormErrors::new().form(
                        "An account with this email address exists already: sign in instead.",
                    )));
                }
                Err(store::StoreError::Database(error)) => return Err(error.into()),
            };
            (
                account,
                AuditAction::InvitationAccepted,
                "/sign-in?joined=1",
            )
        }
        (LinkDetails::PasswordReset { .. }, _, Some(account)) => {
            store::set_password_hash(&mut tx, account, &password_hash, now).await?;
            store::end_sessions_of(&mut tx, account, None).await?;
            attempts::forget_devices(&mut tx, account, None).await?;
            (account, AuditAction::PasswordReset, "/sign-in?reset=1")
        }
        _ => {
            tracing::error!(link = link.id, "a link lacks what its purpose needs");
            return Err(AppError::Internal);
        }
    };
    links::store::mark_used(&mut tx, link.id, account, now).await?;
    audit_store::record_for_request(&mut tx, action, Some(account), Some(account), "", now).await?;
    tx.commit().await?;
    leptos_axum::redirect(next);
    Ok(())
}

#[cfg(feature = "ssr")]
const EXPIRED: &str = "This link has expired or has been used already. \
     Ask an administrator for a new one.";
