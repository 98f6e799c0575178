//! The issue tracker: problems members reported, keyed by the supplier's log numbers, each
//! with its timeline of responses, status changes and comments.

pub mod types;
