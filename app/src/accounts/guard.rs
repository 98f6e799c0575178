//! The one way server functions and pages find out who is calling and whether they may:
//! `signed_in()` or `require(permission)`, first thing. A refusal carries its status (401
//! when no one is signed in, 403 when the account may not), which a page showing it answers
//! with too.

use crate::{
    accounts::{request, types::CurrentUser},
    domain::permissions::{allows, Permission},
    error::AppError,
};

/// The signed-in person, or a 401 refusal.
pub fn signed_in() -> Result<CurrentUser, AppError> {
    request::current_user().ok_or(AppError::NotSignedIn)
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
