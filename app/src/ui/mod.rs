//! Widgets shared by every area: forms, error and not-found views, the Markdown view and
//! editor, the live reading of when something is due. Nothing here knows an area; the frame
//! that shows areas' parts is `crate::layout`.

pub mod admin_nav;
pub mod errors;
pub mod forms;
pub mod markdown;
pub mod server_call;
pub mod time;
pub mod timeframe_reading;
pub mod url;
