//! Administering people: the accounts list, invitations, roles, disabling, password-reset
//! links, and the audit log of security events.

pub mod api;
pub mod pages;
