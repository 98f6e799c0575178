//! The editor's preview: what a Markdown text becomes, rendered by the one renderer.

use leptos::prelude::*;

use crate::{error::AppError, markdown::SafeHtml};
#[cfg(feature = "ssr")]
use crate::{
    error::FormErrors,
    guard,
    markdown::{check_size, render},
};

/// Anyone signed in: the HTML a Markdown text becomes, for the editor's preview (its island
/// calls it with JSON, as every island calls the server).
#[server(prefix = "/api", endpoint = "markdown/preview")]
pub async fn preview_markdown(text: String) -> Result<SafeHtml, AppError> {
    guard::signed_in()?;
    check_size(&text).map_err(|message| AppError::refused(FormErrors::new().form(message)))?;
    Ok(render::to_html(&text))
}
