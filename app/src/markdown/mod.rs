//! Markdown, the one way text people write becomes a page: the size limit and the reference
//! syntax both sides know, and (on the server) the renderer that makes it safe HTML.

pub mod api;
pub mod references;
#[cfg(feature = "ssr")]
pub mod render;
#[cfg(feature = "ssr")]
pub mod rerender;
#[cfg(all(test, feature = "ssr"))]
mod xss_tests;

use serde::{Deserialize, Serialize};

/// Where the app serves files attached to its records: the only images a text may show.
pub const ATTACHMENTS: &str = "/attachments/";

/// The most a Markdown text may hold, in bytes (200 KB).
pub const MAX_BYTES: usize = 200 * 1024;

/// Checks a Markdown text's size, with a message for the field it came from.
pub fn check_size(text: &str) -> Result<(), String> {
    if text.len() > MAX_BYTES {
        Err(format!(
            "This is {} KB; the most a text may hold is {} KB. Please shorten it, or split it.",
            text.len().div_ceil(1024),
            MAX_BYTES / 1024
        ))
    } else {
        Ok(())
    }
}

/// Checks a Markdown text that must say something: not blank (else `if_empty`), and within
/// the size limit.
pub fn check_required(text: &str, if_empty: &str) -> Result<(), String> {
    if text.trim().is_empty() {
        return Err(if_empty.to_owned());
    }
    check_size(text)
}

/// HTML made by the renderer from Markdown: sanitised, safe to set as a page's inner HTML.
/// Only the renderer makes one on the server; the browser receives it with the page's data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SafeHtml(pub(crate) String);

impl SafeHtml {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A text as written, with the HTML it renders to. Made by the API when a text is written
/// (once its checks pass) and stored beside it, so pages read HTML and never render; rows
/// made by an older renderer are re-rendered (`rerender`), and read through `stored`
/// meanwhile.
#[cfg(feature = "ssr")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Markdown {
    source: String,
    html: SafeHtml,
}

/// No text: the body of a timeline event that is not a post.
#[cfg(feature = "ssr")]
pub static EMPTY: Markdown = Markdown {
    source: String::new(),
    html: SafeHtml(String::new()),
};

#[cfg(feature = "ssr")]
impl Markdown {
    /// Renders `source`.
    pub fn render(source: impl Into<String>) -> Markdown {
        let source = source.into();
        let html = if source.is_empty() {
            SafeHtml(String::new())
        } else {
            render::to_html(&source)
        };
        Markdown { source, html }
    }

    /// A text as stored: its HTML if the current renderer made it, else rendered now.
    pub fn stored(source: String, html: String, renderer: i64) -> Markdown {
        if renderer == render::VERSION {
            Markdown {
                source,
                html: SafeHtml(html),
            }
        } else {
            Markdown::render(source)
        }
    }

    pub fn source(&self) -> &str {
        &self.source
    }

    pub fn html(&self) -> &SafeHtml {
        &self.html
    }

    pub fn into_html(self) -> SafeHtml {
        self.html
    }

    pub fn is_empty(&self) -> bool {
        self.source.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_required_text_is_neither_blank_nor_too_long() {
        assert_eq!(
            check_required(" \n ", "Write something."),
            Err("Write something.".to_owned())
        );
        assert!(check_required("x", "Write something.").is_ok());
        assert!(check_required(&"a".repeat(MAX_BYTES + 1), "Write something.").is_err());
    }

    #[test]
    fn the_size_limit_is_200_kb() {
        assert!(check_size(&"a".repeat(MAX_BYTES)).is_ok());
        let message = check_size(&"a".repeat(MAX_BYTES + 1)).expect_err("too long");
        assert!(message.starts_with("This is 201 KB"), "{message}");
    }
}
