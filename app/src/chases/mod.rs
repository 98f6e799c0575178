//! Chasing the supplier: the engine that finds what has fallen due and records each chase
//! once (`engine`), over the chase records it reads and writes (`store`). The rules (which
//! step an item has reached, when a cycle starts, how chases read) are `domain::chase`; the
//! policy and its page are the instance settings' (`instance`).

#[cfg(feature = "ssr")]
pub mod engine;
#[cfg(feature = "ssr")]
pub mod store;
