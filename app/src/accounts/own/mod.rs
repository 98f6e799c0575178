//! A person's own account: their details and sessions, their name and password.

pub mod api;
pub mod pages;
