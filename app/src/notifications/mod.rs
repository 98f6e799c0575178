//! Notifications: each person's inbox of what happened to the items that concern them (for
//! now, the chases the engine sends: `chases::engine` writes them in the transaction that
//! records the chase). The unread count in every page's header is kept on the account by the
//! database (`0032_notifications.sql`) and read with the session.

pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;
pub mod types;
