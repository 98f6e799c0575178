//! Accounts and sessions: who people are, how they sign in and out, and the audit log of
//! those events.

#[cfg(feature = "ssr")]
pub mod address_limit;
pub mod admin;
pub mod api;
#[cfg(feature = "ssr")]
pub mod attempts;
#[cfg(feature = "ssr")]
pub mod audit_store;
pub mod feeds;
pub mod links;
pub mod own;
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
