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
