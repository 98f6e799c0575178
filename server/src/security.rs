//! Protections every response and every state-changing request pass through: security
//! headers, and refusal of cross-site requests that would change state (CSRF). Leptos server
//! functions do no Origin checks of their own, so this layer is what stands in front of them.

use std::sync::Arc;

use axum::{
    extract::{Request, State},
    http::{
        header::{
            CACHE_CONTROL, CONTENT_SECURITY_POLICY, CONTENT_TYPE, HOST, ORIGIN, REFERER,
            REFERRER_POLICY, STRICT_TRANSPORT_SECURITY, X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS,
        },
        HeaderMap, HeaderName, HeaderValue, StatusCode,
    },
    middleware::Next,
    response::{IntoResponse, Response},
};

const SEC_FETCH_SITE: HeaderName = HeaderName::from_static("sec-fetch-site");
const CROSS_ORIGIN_OPENER_POLICY: HeaderName =
    HeaderName::from_static("cross-origin-opener-policy");

/// What the protections need to know about where this site lives.
#[derive(Debug, Clone)]
pub struct Site {
    /// The origin people reach the site at (`https://watchdog.example.org`), when configured.
    pub public_origin: Option<String>,
    /// Served over HTTPS: browsers are told to insist on it (HSTS).
    pub https: bool,
}

/// Whether a request may be answered with a page: a safe method on a path outside the server
/// functions and the static files.
pub fn may_be_page(request: &Request) -> bool {
    let path = request.uri().path();
    request.method().is_safe()
        && !path.starts_with("/api/")
        && !path.starts_with("/pkg/")
        // An attached file is never a page of ours, whatever its type: it keeps the policy
        // it was served with.
        && !is_attached_file(path)
}

/// Whether `path` is where an attached file is served: `/attachments/{id}/{name}`.
fn is_attached_file(path: &str) -> bool {
    path.strip_prefix(app::markdown::ATTACHMENTS)
        .and_then(|rest| rest.split_once('/'))
        .is_some_and(|(id, name)| {
            !id.is_empty()
                && id.bytes().all(|b| b.is_ascii_digit())
                && !name.is_empty()
                && !name.contains('/')
        })
}

/// Adds the security headers to every response: a page's CSP with its script nonce, and a
/// nothing-allowed CSP to any other response that did not set its own.
pub async fn security_headers(
    State(site): State<Arc<Site>>,
    mut request: Request,
    next: Next,
) -> Response {
    // A page's policy names the nonce of its scripts. It is chosen here and written on the
    // response here, whatever the rendering does with its own response options.
    let nonce = may_be_page(&request).then(|| leptos::nonce::Nonce::new().to_string());
    if let Some(nonce) = &nonce {
        request
            .extensions_mut()
            .insert(app::security::PageNonce(nonce.clone()));
    }
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let is_page = headers
        .get(CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("text/html"));
    if let (true, Some(nonce)) = (is_page, &nonce) {
        // The same switch Leptos' <AutoReload/> uses to decide whether to open its websocket.
        let live_reload = std::env::var_os("LEPTOS_WATCH").is_some();
        if let Ok(policy) = HeaderValue::from_str(&app::security::page_policy(nonce, live_reload)) {
            headers.insert(CONTENT_SECURITY_POLICY, policy);
        }
    }
    // The page's word to the compression layer, which has heard it by now.
    headers.remove(app::security::UNCOMPRESSED);
    headers.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    headers.insert(X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        CROSS_ORIGIN_OPENER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    headers
        .entry(CONTENT_SECURITY_POLICY)
        .or_insert(HeaderValue::from_static(app::security::NON_PAGE_POLICY));
    // Pages and server functions answer for one person at one moment (an invitation link, a
    // private view of the issues): no cache keeps them. Static files set their own.
    headers
        .entry(CACHE_CONTROL)
        .or_insert(HeaderValue::from_static("no-store"));
    if site.https {
        headers.insert(
            STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=63072000; includeSubDomains"),
        );
    }
    response
}

/// Refuses a state-changing request (any method but GET, HEAD, OPTIONS, TRACE) that a
/// browser says came from another site, or whose Origin or Referer names another site.
pub async fn reject_cross_site(
    State(site): State<Arc<Site>>,
    request: Request,
    next: Next,
) -> Response {
    if request.method().is_safe() {
        return next.run(request).await;
    }
    match cross_site_evidence(request.headers(), &site) {
        None => next.run(request).await,
        Some(evidence) => {
            tracing::warn!(evidence, "refused a cross-site request");
            (
                StatusCode::FORBIDDEN,
                "This request came from another site, so Watchdog refused it. \
                 If you followed a link or submitted a form, go to Watchdog directly and try again.\n",
            )
                .into_response()
        }
    }
}

/// Why the request looks cross-site, or `None` if nothing says so.
fn cross_site_evidence(headers: &HeaderMap, site: &Site) -> Option<&'static str> {
    // Modern browsers say where a request came from; trust that first. "same-site" (a sibling
    // subdomain) is refused too: nothing legitimate posts to Watchdog from one.
    if let Some(fetch_site) = headers.get(SEC_FETCH_SITE) {
        return match fetch_site.as_bytes() {
            b"same-origin" | b"none" => None,
            _ => Some("Sec-Fetch-Site is not same-origin"),
        };
    }
    let host = headers.get(HOST).and_then(|h| h.to_str().ok());
    let is_this_site = |url: &str| {
        let origin = origin_of(url);
        site.public_origin.as_deref() == Some(origin)
            || host.is_some_and(|host| authority_of(origin) == Some(host))
    };
    if let Some(origin) = headers.get(ORIGIN) {
        let origin = origin.to_str().unwrap_or("");
        return (!is_this_site(origin)).then_some("Origin names another site");
    }
    if let Some(referer) = headers.get(REFERER) {
        let referer = referer.to_str().unwrap_or("");
        return (!is_this_site(referer)).then_some("Referer names another site");
    }
    // No browser sent this (every browser sends Origin on a cross-site POST), so it carries no
    // one's cookies by accident.
    None
}

/// `https://host:8080/some/path?q` → `https://host:8080`.
fn origin_of(url: &str) -> &str {
    let after_scheme = url.find("://").map(|i| i + 3).unwrap_or(0);
    match url[after_scheme..].find(['/', '?', '#']) {
        Some(end) => &url[..after_scheme + end],
        None => url,
    }
}

/// `https://host:8080` → `host:8080`; `None` without a scheme.
fn authority_of(origin: &str) -> Option<&str> {
    origin.split_once("://").map(|(_, authority)| authority)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> Site {
        Site {
            public_origin: Some("https://watchdog.example.org".to_owned()),
            https: true,
        }
    }

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_str(value).expect("valid header"));
        }
        map
    }

    #[test]
    fn browsers_fetch_metadata_decides_first() {
        let site = site();
        for (value, refused) in [
            ("same-origin", false),
            ("none", false),
            ("same-site", true),
            ("cross-site", true),
        ] {
            let verdict = cross_site_evidence(&headers(&[("sec-fetch-site", value)]), &site);
            assert_eq!(verdict.is_some(), refused, "Sec-Fetch-Site: {value}");
        }
    }

    #[test]
    fn without_fetch_metadata_the_origin_must_be_this_site() {
        let site = site();
        let ok = headers(&[
            ("host", "127.0.0.1:3000"),
            ("origin", "http://127.0.0.1:3000"),
        ]);
        let public = headers(&[
            ("host", "internal:3000"),
            ("origin", "https://watchdog.example.org"),
        ]);
        let evil = headers(&[
            ("host", "127.0.0.1:3000"),
            ("origin", "https://evil.example"),
        ]);
        let null = headers(&[("host", "127.0.0.1:3000"), ("origin", "null")]);
        let lookalike = headers(&[
            ("host", "127.0.0.1:3000"),
            ("origin", "http://127.0.0.1:3000.evil.example"),
        ]);
        assert_eq!(cross_site_evidence(&ok, &site), None);
        assert_eq!(cross_site_evidence(&public, &site), None);
        assert!(cross_site_evidence(&evil, &site).is_some());
        assert!(cross_site_evidence(&null, &site).is_some());
        assert!(cross_site_evidence(&lookalike, &site).is_some());
    }

    #[test]
    fn without_origin_the_referer_must_be_this_site() {
        let site = site();
        let ok = headers(&[
            ("host", "127.0.0.1:3000"),
            ("referer", "http://127.0.0.1:3000/issues?x=1"),
        ]);
        let evil = headers(&[
            ("host", "127.0.0.1:3000"),
            ("referer", "https://evil.example/127.0.0.1:3000"),
        ]);
        assert_eq!(cross_site_evidence(&ok, &site), None);
        assert!(cross_site_evidence(&evil, &site).is_some());
    }

    #[test]
    fn origins_are_cut_at_the_path() {
        assert_eq!(
            origin_of("https://a.example:8080/x?y#z"),
            "https://a.example:8080"
        );
        assert_eq!(origin_of("https://a.example?y"), "https://a.example");
        assert_eq!(origin_of("https://a.example"), "https://a.example");
        assert_eq!(
            authority_of("https://a.example:8080"),
            Some("a.example:8080")
        );
        assert_eq!(authority_of("null"), None);
    }
}
