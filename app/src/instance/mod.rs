//! What this Watchdog instance is: its name and the words it introduces itself with.

pub mod api;
#[cfg(feature = "ssr")]
pub mod store;
pub mod types;
