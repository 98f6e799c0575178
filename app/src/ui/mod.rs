//! Widgets and frame shared by every area: the page layout, error and not-found views.

pub mod errors;
pub mod layout;
