//! Security rules of the responses Watchdog serves: the Content-Security-Policy (pages allow
//! only the app's own scripts, the island loader by its per-request nonce and the wasm by
//! 'wasm-unsafe-eval'; every other response allows nothing at all), where a redirect may
//! lead, and which pages must not be compressed.

/// For responses that are not pages (JSON, files, health): nothing may run or be framed.
pub const NON_PAGE_POLICY: &str =
    "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/// The policy of an HTML page whose inline scripts carry `nonce`. `live_reload` allows the
/// websocket `cargo leptos watch` uses in development.
pub fn page_policy(nonce: &str, live_reload: bool) -> String {
    let connect = if live_reload {
        "'self' ws: wss:"
    } else {
        "'self'"
    };
    format!(
        "default-src 'self'; \
         script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; \
         img-src 'self' data:; \
         connect-src {connect}; \
         object-src 'none'; \
         base-uri 'none'; \
         form-action 'self'; \
         frame-ancestors 'none'"
    )
}

/// `next` if it is a path on this site, else the home page: never a redirect elsewhere.
pub fn local_path(next: Option<&str>) -> String {
    match next {
        Some(path)
            if path.starts_with('/')
                && !path.starts_with("//")
                && !path.contains('\\')
                && !path.chars().any(char::is_control) =>
        {
            path.to_owned()
        }
        _ => "/".to_owned(),
    }
}

/// A response header by which a page asks not to be compressed, because it carries a secret
/// (a one-time link) beside text a request can echo: compressed, its size would give the
/// secret away a guess at a time (BREACH). The server removes it before the response leaves.
pub const UNCOMPRESSED: &str = "x-watchdog-uncompressed";

/// Keeps the page being rendered from being compressed (see `UNCOMPRESSED`).
pub fn keep_uncompressed() {
    use axum::http::{HeaderName, HeaderValue};
    use leptos::prelude::use_context;

    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.insert_header(
            HeaderName::from_static(UNCOMPRESSED),
            HeaderValue::from_static("1"),
        );
    }
}

/// The nonce the server chose for a page's scripts. The server puts it in the request
/// (`server/src/security.rs`), writes the policy naming it on the response itself, and Leptos
/// gives it to the page's scripts (`provide_page_nonce`): the policy never depends on what the
/// page rendering hands back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageNonce(pub String);

/// Hands the request's `PageNonce` to Leptos, for the page's script tags.
pub fn provide_page_nonce() {
    use axum::http::request::Parts;
    use leptos::prelude::{provide_context, use_context};

    if let Some(PageNonce(nonce)) =
        use_context::<Parts>().and_then(|parts| parts.extensions.get::<PageNonce>().cloned())
    {
        provide_context(leptos::nonce::Nonce::from_value(nonce));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_scripts_need_the_nonce_and_nothing_runs_inline_without_it() {
        let policy = page_policy("abc123", false);
        let scripts = policy
            .split(';')
            .map(str::trim)
            .find(|directive| directive.starts_with("script-src"))
            .expect("script-src");
        assert_eq!(
            scripts,
            "script-src 'self' 'nonce-abc123' 'wasm-unsafe-eval'"
        );
        assert!(!policy.contains("unsafe-inline"));
        for required in [
            "object-src 'none'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
        ] {
            assert!(policy.contains(required), "missing {required}");
        }
        assert!(!policy.contains("ws:"));
    }

    #[test]
    fn redirects_only_go_to_paths_on_this_site() {
        assert_eq!(
            local_path(Some("/issues?status=open")),
            "/issues?status=open"
        );
        assert_eq!(local_path(None), "/");
        for elsewhere in [
            "https://evil.example",
            "//evil.example",
            "/\\evil.example",
            "evil",
            "/a\nb",
        ] {
            assert_eq!(local_path(Some(elsewhere)), "/", "{elsewhere:?}");
        }
    }

    #[test]
    fn live_reload_may_open_its_websocket() {
        assert!(page_policy("n", true).contains("connect-src 'self' ws: wss:"));
    }
}
