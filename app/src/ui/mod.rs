//! Widgets and frame shared by every area: the page layout, forms, error and not-found views.

pub mod errors;
pub mod forms;
pub mod layout;
