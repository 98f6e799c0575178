//! A person's feeds: the addresses, with their own key, at which feed readers and calendar
//! apps follow the minutes and meetings they may read (`meetings::feeds`), and renewing the
//! key to cut off old copies.

pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;
