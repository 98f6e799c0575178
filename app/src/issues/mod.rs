//! The issue tracker: problems members reported, keyed by the supplier's log numbers, each
//! with its timeline of responses, status changes and comments.

pub mod api;
#[cfg(feature = "ssr")]
pub mod export;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;
pub mod types;
