//! Suppliers: the companies the user group holds to account. Accounts need them first (a
//! supplier representative belongs to one); the issue tracker builds their pages on this.

pub mod api;
pub mod pages;
pub mod types;

#[cfg(feature = "ssr")]
pub mod store;
