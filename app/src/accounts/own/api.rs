//! Server functions for a person's own account: their details and sessions, their name,
//! their password, and ending sessions they no longer want.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::{
    accounts::types::{AccountSummary, SessionId, SessionSummary},
    error::AppError,
};
#[cfg(feature = "ssr")]
use crate::{
    accounts::{
        attempts, audit_store, passwords, request, sessions, store,
        types::{AuditAction, DisplayName, Password},
    },
    domain::{permissions::Permission, sign_in_throttle as throttle},
    error::FormErrors,
    guard,
};

/// What the account page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnAccount {
    pub account: AccountSummary,
    pub sessions: Vec<SessionSummary>,
}

/// Anyone signed in: their own account and where they are signed in.
#[server(prefix = "/api", endpoint = "account")]
pub async fn get_own_account() -> Result<OwnAccount, AppError> {
    let user = guard::require(Permission::ManageOwnAccount)?;
    let db = crate::db::use_db()?;
    let account = store::own_account(&db, user.id)
        .await?
        .ok_or(AppError::NotFound)?;
    let current = request::session_token_hash().unwrap_or_default();
    let sessions = store::list_sessions(&db, user.id, &current).await?;
    Ok(OwnAccount { account, sessions })
}

/// Anyone signed in: changes the name shown for them.
#[server(prefix = "/api", endpoint = "account/name")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "rename", skip_all))]
pub async fn rename(display_name: String) -> Result<(), AppError> {
    let user = guard::require(Permission::ManageOwnAccount)?;
    let db = crate::db::use_db()?;
    let name = DisplayName::parse(&display_name).map_err(|message| {
        AppError::refused(
            FormErrors::new()
                .field("display_name", message)
                .keep("display_name", &display_name),
        )
    })?;
    let now = crate::clock::now();
    let mut tx = db.begin_write().await?;
    store::set_display_name(&mut tx, user.id, &name, now).await?;
    audit_store::record_for_request(
        &mut tx,
        AuditAction::NameChanged,
        Some(user.id),
        Some(user.id),
        "",
        now,
    )
    .await?;
    tx.commit().await?;
    leptos_axum::redirect("/account?changed=name");
    Ok(())
}

/// Anyone signed in: changes their password, given the current one. Their other sessions
/// end; this one stays. Wrong current passwords count towards sign-in throttling, so a
/// borrowed session cannot be used to guess the password faster than the sign-in page.
#[server(prefix = "/api", endpoint = "account/password")]
#[cfg_attr(
    feature = "ssr",
    tracing::instrument(name = "change_password", skip_all)
)]
pub async fn change_password(
    current_password: String,
    new_password: String,
    confirm_password: String,
) -> Result<(), AppError> {
    let user = guard::require(Permission::ManageOwnAccount)?;
    let db = crate::db::use_db()?;
    let now = crate::clock::now();
    let credentials = store::credentials(&db, user.id)
        .await?
        .ok_or(AppError::NotFound)?;
    let stored = credentials.password_hash;
    let email = crate::accounts::types::Email::parse(&credentials.email).map_err(|message| {
        tracing::error!(message, "a stored email address does not parse");
        AppError::Internal
    })?;

    let new = match passwords::parse_new(
        &new_password,
        &confirm_password,
        "new_password",
        "confirm_password",
    ) {
        Ok(new) => new,
        Err(errors) => {
            let errors = if current_password.is_empty() {
                errors.field("current_password", "Enter your current password.")
            } else {
                errors
            };
            return Err(AppError::refused(errors));
        }
    };
    // Counted as a sign-in attempt from this browser (trusted for the account, since it
    // signed in to it), before the password is checked.
    let config = request::session_config()?;
    let device_hash =
        request::device_token(config.secure).map(|token| sessions::token_hash(&token));
    let trusted = match &device_hash {
        Some(hash) => attempts::is_trusted(&db, hash, user.id, now).await?,
        None => false,
    };
    let since = now - throttle::window();
    let attempt = match attempts::begin(
        &db,
        &email,
        device_hash.as_deref().filter(|_| trusted),
        since,
        now,
    )
    .await?
    {
        Ok(attempt) => attempt,
        Err(wait) => {
            return Err(AppError::refused(FormErrors::new().form(format!(
                "Too many wrong passwords for this account. {}",
                throttle::try_again_in(wait)
            ))))
        }
    };
    let verified = match Password::parse(&current_password) {
        Ok(current) => passwords::verify(current, Some(stored))
            .await
            .map_err(|error| {
                tracing::error!(%error, "password verification failed");
                AppError::Internal
            })?,
        Err(_) => passwords::Verified::No,
    };
    // The new password is hashed (tens of milliseconds of argon2) before the write lock is
    // taken: every other writer would wait for it otherwise.
    let hash = match verified {
        passwords::Verified::Yes { .. } => Some(passwords::hash(new).await.map_err(|error| {
            tracing::error!(%error, "password hashing failed");
            AppError::Internal
        })?),
        passwords::Verified::No => None,
    };
    let mut tx = db.begin_write().await?;
    let Some(hash) = hash else {
        audit_store::record_for_request(
            &mut tx,
            AuditAction::SignInFailed,
            Some(user.id),
            Some(user.id),
            &email.normalised(),
            now,
        )
        .await?;
        tx.commit().await?;
        return Err(AppError::refused(
            FormErrors::new().field("current_password", "That is not your current password."),
        ));
    };
    attempts::succeeded(&mut tx, attempt).await?;
    store::set_password_hash(&mut tx, user.id, &hash, now).await?;
    attempts::forget_devices(&mut tx, user.id, device_hash.as_deref().filter(|_| trusted)).await?;
    let keep = request::session_token_hash();
    store::end_sessions_of(&mut tx, user.id, keep.as_deref()).await?;
    audit_store::record_for_request(
        &mut tx,
        AuditAction::PasswordChanged,
        Some(user.id),
        Some(user.id),
        "",
        now,
    )
    .await?;
    tx.commit().await?;
    leptos_axum::redirect("/account?changed=password");
    Ok(())
}

/// Anyone signed in: ends one of their own sessions. Ending the one in use signs them out.
#[server(prefix = "/api", endpoint = "account/end_session")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "end_own_session", skip_all, fields(session = session.0)))]
pub async fn end_own_session(session: SessionId) -> Result<(), AppError> {
    let user = guard::require(Permission::ManageOwnAccount)?;
    let db = crate::db::use_db()?;
    let config = request::session_config()?;
    let now = crate::clock::now();
    let mut tx = db.begin_write().await?;
    let Some(ended) = store::end_session_of(&mut tx, user.id, session).await? else {
        // Already ended (perhaps in another tab): the outcome asked for holds.
        return Ok(());
    };
    let ending_current = request::session_token_hash().as_deref() == Some(ended.as_str());
    audit_store::record_for_request(
        &mut tx,
        AuditAction::SessionEnded,
        Some(user.id),
        Some(user.id),
        "",
        now,
    )
    .await?;
    tx.commit().await?;
    if ending_current {
        request::set_cookie(&sessions::clearing_cookie(config.secure));
        leptos_axum::redirect("/");
    } else {
        leptos_axum::redirect("/account?changed=session");
    }
    Ok(())
}
