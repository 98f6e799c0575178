//! Meetings and their minutes: the watchdog meetings with the supplier (and the committee's
//! own), their attendees, and the agenda whose items carry the minutes, drafted by the
//! committee and published at the meeting's visibility.

pub mod api;
#[cfg(feature = "ssr")]
pub mod diff;
#[cfg(feature = "ssr")]
pub mod feeds;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;
pub mod types;
