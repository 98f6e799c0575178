//! What any request may carry, checked once before a page or server function reads it: a
//! body of bounded size, and no text a database cannot store. The NUL character (U+0000) is
//! the one such text: PostgreSQL refuses it outright, so a NUL typed into any field, search
//! or URL would otherwise fail deep in a query. No person types one; it is refused here with
//! the name of the field that held it, and nothing is changed.

use axum::{
    body::{to_bytes, Body},
    extract::Request,
    http::{header::CONTENT_TYPE, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};

/// The most a request body may hold. The longest form (an issue's description, up to 200 KB
/// of text) is at most three times that once URL-encoded.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// Refuses a request whose query or body holds a NUL character, or whose body is too large.
pub async fn refuse_unstorable_text(request: Request, next: Next) -> Response {
    if let Some(field) = request.uri().query().and_then(field_with_nul) {
        return refusal(&field);
    }
    // An upload's body is read (and bounded) by its route, a chunk at a time; a file's
    // bytes are kept as they are, NULs and all.
    if request.method().is_safe() || crate::attachments::is_upload(&request) {
        return next.run(request).await;
    }
    let (parts, body) = request.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_BODY_BYTES).await else {
        return (
            StatusCode::PAYLOAD_TOO_LARGE,
            "That is more than Watchdog accepts in one go (1 MB). \
             Please shorten the text and try again.\n",
        )
            .into_response();
    };
    let content_type = parts
        .headers
        .get(CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or("");
    // server_fn reads a body as a URL-encoded form whatever its declared type, so every body
    // but JSON is checked as one (which finds raw NULs too).
    let holder = if content_type.starts_with("application/json") {
        (json_holds_nul(&bytes) || bytes.contains(&0)).then(|| "text".to_owned())
    } else {
        field_with_nul_bytes(&bytes)
    };
    if let Some(field) = holder {
        return refusal(&field);
    }
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

/// The name of the first field of a URL-encoded text whose name or value holds a NUL.
fn field_with_nul(query: &str) -> Option<String> {
    field_with_nul_bytes(query.as_bytes())
}

fn field_with_nul_bytes(encoded: &[u8]) -> Option<String> {
    form_urlencoded::parse(encoded)
        .find(|(name, value)| name.contains('\0') || value.contains('\0'))
        .map(|(name, _)| name.replace('\0', ""))
}

/// Whether a JSON text holds the escape `\u0000` (and not an escaped backslash followed by
/// the letters `u0000`).
fn json_holds_nul(bytes: &[u8]) -> bool {
    let mut backslashes = 0;
    for (at, byte) in bytes.iter().enumerate() {
        if *byte == b'\\' {
            backslashes += 1;
            continue;
        }
        if backslashes % 2 == 1 && bytes[at..].starts_with(b"u0000") {
            return true;
        }
        backslashes = 0;
    }
    false
}

fn refusal(field: &str) -> Response {
    tracing::info!(field, "refused a request holding a NUL character");
    (
        StatusCode::BAD_REQUEST,
        format!(
            "The field \u{201c}{field}\u{201d} holds a NUL character (U+0000), which Watchdog \
             cannot store. Nothing was changed: remove the character and try again.\n"
        ),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_nul_is_found_in_the_field_that_holds_it_however_it_is_encoded() {
        assert_eq!(field_with_nul("q=a%00b"), Some("q".to_owned()));
        assert_eq!(
            field_with_nul("status=open&title=x%00"),
            Some("title".to_owned())
        );
        assert_eq!(field_with_nul_bytes(b"body=a\0b"), Some("body".to_owned()));
        assert_eq!(field_with_nul("a%00=1"), Some("a".to_owned()));
    }

    #[test]
    fn ordinary_text_passes() {
        assert_eq!(
            field_with_nul("q=crash%20%E2%80%94%20%2500&sort=updated"),
            None
        );
        assert_eq!(field_with_nul(""), None);
        assert!(!json_holds_nul(
            br#"{"text":"a \u0001 and \\u0000 as typed"}"#
        ));
        assert!(json_holds_nul(br#"{"text":"a\u0000"}"#));
        assert!(json_holds_nul(br#"{"text":"\\\u0000"}"#));
    }
}
