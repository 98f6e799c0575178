//! Logging set-up and the span every request runs in. Spans name the route pattern, never the
//! raw path or query, so tokens that travel in URLs can't reach the log.

use axum::{body::Body, extract::MatchedPath, http::Request};
use tracing::Span;
use tracing_subscriber::EnvFilter;

/// Installs the global subscriber. Safe to call once per process.
pub fn init(filter: &str) {
    let filter = EnvFilter::try_new(filter).unwrap_or_else(|_| EnvFilter::new("info"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false)
        .init();
}

/// The span for one HTTP request: method and matched route.
pub fn request_span(request: &Request<Body>) -> Span {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(|matched| matched.as_str().to_owned())
        .unwrap_or_else(|| "(no route)".to_owned());
    tracing::info_span!("request", method = %request.method(), route)
}
