//! The home page: what this instance is, and for anyone signed in, what needs attention
//! first (the supplier's overdue promises and those due this quarter).

mod attention;
pub mod pages;
