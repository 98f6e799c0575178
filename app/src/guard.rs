//! The one way server functions and pages find out who is calling and whether they may:
//! `signed_in()` or `require(permission)`, first thing. A refusal carries its status (401
//! when no one is signed in, 403 when the account may not), which a page showing it answers
//! with too. It sits below every area: the server resolves the session cookie into a
//! `CurrentUser` in the request (`server/src/sessions.rs`) before any of them runs.

use axum::http::request::Parts;
use leptos::prelude::use_context;

use crate::{
    domain::{
        people::CurrentUser,
        permissions::{allows, Permission},
    },
    error::AppError,
};

/// The signed-in person, if the request carried a live session.
pub fn current_user() -> Option<CurrentUser> {
    use_context::<Parts>().and_then(|parts| parts.extensions.get::<CurrentUser>().cloned())
}

/// The signed-in person, or a 401 refusal.
pub fn signed_in() -> Result<CurrentUser, AppError> {
    current_user().ok_or(AppError::NotSignedIn)
}

/// The signed-in person if their role holds `permission`; else a 401 or 403 refusal.
pub fn require(permission: Permission) -> Result<CurrentUser, AppError> {
    let user = signed_in()?;
    if allows(user.role, permission) {
        Ok(user)
    } else {
        Err(AppError::Forbidden)
    }
}
