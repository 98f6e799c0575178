//! The home page: what this instance is, and (as areas arrive) what needs attention first.

pub mod pages;
