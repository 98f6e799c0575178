//! Markdown, the one way text people write becomes a page: the size limit and the reference
//! syntax both sides know, and (on the server) the renderer that makes it safe HTML.

pub mod references;
#[cfg(feature = "ssr")]
pub mod render;
#[cfg(all(test, feature = "ssr"))]
mod xss_tests;

use serde::{Deserialize, Serialize};

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

/// HTML made by the renderer from Markdown: sanitised, safe to set as a page's inner HTML.
/// Only the renderer makes one on the server; the browser receives it with the page's data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SafeHtml(pub(crate) String);

impl SafeHtml {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_size_limit_is_200_kb() {
        assert!(check_size(&"a".repeat(MAX_BYTES)).is_ok());
        let message = check_size(&"a".repeat(MAX_BYTES + 1)).expect_err("too long");
        assert!(message.starts_with("This is 201 KB"), "{message}");
    }
}
