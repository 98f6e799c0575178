//! Widgets and frame shared by every area: the page layout, forms, error and not-found views.

pub mod admin_nav;
pub mod errors;
pub mod forms;
pub mod layout;
pub mod markdown;
pub mod server_call;
