//! Commitments: what a supplier promised and by when, with the ledger of every promise made
//! for it (the first, each re-promise, each change of status), which nothing may change or
//! remove. What the ledger says (slips, overdue days, kept or late) is
//! `domain::commitments::facts`; how the words are read is `domain::timeframe`.

pub mod api;
#[cfg(feature = "ssr")]
pub mod export;
#[cfg(feature = "ssr")]
pub mod feeds;
#[cfg(feature = "ssr")]
pub mod fields;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;
pub mod types;
