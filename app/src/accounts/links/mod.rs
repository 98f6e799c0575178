//! Single-use links: invitations to join and password resets, issued by administrators and
//! used by whoever holds them.

pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;
