//! Accounts and sessions: who people are, how they sign in and out, and the audit log of
//! those events.

#[cfg(feature = "ssr")]
pub mod address_limit;
pub mod admin_api;
pub mod admin_pages;
pub mod api;
#[cfg(feature = "ssr")]
pub mod audit_store;
#[cfg(feature = "ssr")]
pub mod guard;
pub mod link_pages;
pub mod links_api;
#[cfg(feature = "ssr")]
pub mod links_store;
pub mod own_api;
pub mod own_pages;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod passwords;
#[cfg(feature = "ssr")]
pub mod request;
#[cfg(feature = "ssr")]
pub mod sessions;
#[cfg(feature = "ssr")]
pub mod store;
pub mod types;

use leptos::prelude::*;

use crate::accounts::api::{SignIn, SignOut};

/// The sign-in and sign-out actions, shared so that whatever shows who is signed in can
/// refresh when either completes.
#[derive(Clone, Copy)]
pub struct AuthActions {
    pub sign_in: ServerAction<SignIn>,
    pub sign_out: ServerAction<SignOut>,
}

impl AuthActions {
    pub fn provide() -> Self {
        let actions = AuthActions {
            sign_in: ServerAction::new(),
            sign_out: ServerAction::new(),
        };
        provide_context(actions);
        actions
    }

    pub fn expect() -> Self {
        expect_context::<AuthActions>()
    }
}
