//! Server functions for signing in and out. Each states who may call it.

use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::accounts::{attempts, audit_store, request, sessions, store, types::AuditAction};
use crate::{accounts::types::CurrentUser, error::AppError};
#[cfg(feature = "ssr")]
use crate::{
    accounts::{
        address_limit::SignInAddressLimit,
        passwords::{self, Verified},
        types::{Email, Password},
    },
    domain::sign_in_throttle as throttle,
    error::FormErrors,
};

/// Anyone: who is signed in on this request, if anyone.
#[server(prefix = "/api", endpoint = "current_user")]
pub async fn get_current_user() -> Result<Option<CurrentUser>, AppError> {
    Ok(crate::guard::current_user())
}

/// Anyone: signs in with email and password, then goes to `next` (a path on this site).
#[server(prefix = "/api", endpoint = "sign_in")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "sign_in", skip_all))]
pub async fn sign_in(
    email: String,
    password: String,
    remember: Option<String>,
    next: Option<String>,
) -> Result<(), AppError> {
    let db = crate::db::use_db()?;
    let config = request::session_config()?;
    let client = request::client();
    let now = crate::clock::now();
    let refused = |errors: FormErrors| Err(AppError::refused(errors.keep("email", &email)));
    if let (Some(limit), Some(ip)) = (use_context::<SignInAddressLimit>(), client.ip) {
        if let Err(wait) = limit.check(ip) {
            let wait = chrono::Duration::from_std(wait).unwrap_or(chrono::Duration::minutes(1));
            return refused(FormErrors::new().form(format!(
                "Too many attempts to sign in from your network. {}",
                throttle::try_again_in(wait)
            )));
        }
    }

    let parsed_email = Email::parse(&email);
    if password.is_empty() {
        let errors = FormErrors::new().field("password", "Enter your password.");
        let errors = match &parsed_email {
            Err(message) => errors.field("email", *message),
            Ok(_) => errors,
        };
        return refused(errors);
    }
    let parsed_email = match parsed_email {
        Ok(email) => email,
        Err(message) => return refused(FormErrors::new().field("email", message)),
    };

    let account = store::sign_in_account(&db, &parsed_email).await?;
    // Throttled by the email tried, known account or not, so the answer tells nothing; a
    // browser that signed in to the account before is throttled on its own failures only.
    let last_success = account.as_ref().and_then(|account| account.last_sign_in_at);
    let since = last_success.unwrap_or(now - throttle::window());
    let device = request::device_token(config.secure);
    let device_hash = device.as_deref().map(sessions::token_hash);
    let trusted = match (&account, &device_hash) {
        (Some(account), Some(hash)) => attempts::is_trusted(&db, hash, account.id, now).await?,
        _ => false,
    };
    let attempt = match attempts::begin(
        &db,
        &parsed_email,
        device_hash.as_deref().filter(|_| trusted),
        since,
        now,
    )
    .await?
    {
        Ok(attempt) => attempt,
        Err(wait) => {
            return refused(FormErrors::new().form(format!(
                "Too many failed attempts to sign in with this email address. {}",
                throttle::try_again_in(wait)
            )))
        }
    };
    // Any length may be tried (a wrong one just fails), but the work is bounded.
    let candidate = Password::parse(&password).ok();
    let stored = account
        .as_ref()
        .map(|account| account.password_hash.clone());
    let verified = match candidate {
        Some(candidate) => passwords::verify(candidate, stored)
            .await
            .map_err(|error| {
                tracing::error!(%error, "password verification failed");
                AppError::Internal
            })?,
        None => {
            // Spend the same time as a real check so a short password tells nothing.
            let filler =
                Password::parse("a password of filler words").map_err(|_| AppError::Internal)?;
            let _ = passwords::verify(filler, None).await;
            Verified::No
        }
    };

    let mut tx = db.begin_write().await?;
    let account = match (account, verified) {
        (Some(account), Verified::Yes { rehash }) if account.active => {
            if let Some(rehash) = rehash {
                store::set_password_hash(&mut tx, account.id, &rehash, now).await?;
            }
            account
        }
        (account, _) => {
            audit_store::record_for_request(
                &mut tx,
                AuditAction::SignInFailed,
                None,
                account.as_ref().map(|account| account.id),
                &parsed_email.normalised(),
                now,
            )
            .await?;
            tx.commit().await?;
            return refused(
                FormErrors::new()
                    .form("That email address and password do not match an active account."),
            );
        }
    };
    attempts::succeeded(&mut tx, attempt).await?;
    // From now on this browser is one the account's owner uses: trusted for it. Its token
    // is kept only if it is one of ours already.
    let device = match (device, device_hash) {
        (Some(token), Some(hash)) if trusted || attempts::is_known(&db, &hash, now).await? => token,
        _ => sessions::new_token(),
    };
    attempts::trust(&mut tx, &sessions::token_hash(&device), account.id, now).await?;

    let token = sessions::new_token();
    let remember = remember.is_some();
    let session = store::NewSession {
        token_hash: &sessions::token_hash(&token),
        account: account.id,
        remember,
        user_agent: &client.user_agent,
        client_address: &client.address,
    };
    store::start_session(&mut tx, session, now).await?;
    audit_store::record_for_request(
        &mut tx,
        AuditAction::SignIn,
        Some(account.id),
        Some(account.id),
        "",
        now,
    )
    .await?;
    tx.commit().await?;

    let lifetime = remember.then_some(config.policy.absolute);
    request::set_cookie(&sessions::session_cookie(&token, config.secure, lifetime));
    request::set_cookie(&sessions::device_cookie(&device, config.secure));
    leptos_axum::redirect(&crate::security::local_path(next.as_deref()));
    Ok(())
}

/// Anyone: ends this browser's session (if any) on the server and clears its cookie.
#[server(prefix = "/api", endpoint = "sign_out")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "sign_out", skip_all))]
pub async fn sign_out() -> Result<(), AppError> {
    let db = crate::db::use_db()?;
    let config = request::session_config()?;
    if let Some(token) = request::session_token(config.secure) {
        let now = crate::clock::now();
        let mut tx = db.begin_write().await?;
        if let Some(account) = store::end_session(&mut tx, &sessions::token_hash(&token)).await? {
            audit_store::record_for_request(
                &mut tx,
                AuditAction::SignOut,
                Some(account),
                Some(account),
                "",
                now,
            )
            .await?;
        }
        tx.commit().await?;
    }
    request::set_cookie(&sessions::clearing_cookie(config.secure));
    leptos_axum::redirect("/");
    Ok(())
}
