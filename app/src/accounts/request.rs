//! What a server function knows about the request it serves: who is signed in (resolved
//! from the session cookie by the server before any page or server function runs), where it
//! came from, and how to answer with a cookie.

use std::net::{IpAddr, SocketAddr};

use axum::{
    extract::ConnectInfo,
    http::{
        header::{COOKIE, SET_COOKIE, USER_AGENT},
        request::Parts,
        HeaderValue,
    },
};
use leptos::prelude::use_context;

use crate::{
    accounts::sessions::{self, SessionConfig},
    error::AppError,
};

pub fn session_config() -> Result<SessionConfig, AppError> {
    use_context::<SessionConfig>().ok_or_else(|| {
        tracing::error!("session configuration missing from the request context");
        AppError::Internal
    })
}

/// Where a request came from, for rate limits, the audit log and the sessions list.
pub struct Client {
    pub ip: Option<IpAddr>,
    pub address: String,
    pub user_agent: String,
}

/// Whose word to take for the client's address. Only behind a proxy configured to set
/// `X-Forwarded-For` may that header be believed; anyone can send it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AddressSource {
    #[default]
    Peer,
    /// The last address in `X-Forwarded-For`: the one our own proxy added.
    ForwardedFor,
}

/// The longest user-agent string kept.
const USER_AGENT_MAX: usize = 200;

pub fn client() -> Client {
    let parts = use_context::<Parts>();
    let source = use_context::<AddressSource>().unwrap_or_default();
    let peer = parts
        .as_ref()
        .and_then(|parts| parts.extensions.get::<ConnectInfo<SocketAddr>>())
        .map(|ConnectInfo(address)| address.ip());
    let ip = match source {
        AddressSource::Peer => peer,
        AddressSource::ForwardedFor => parts
            .as_ref()
            .and_then(|parts| last_forwarded_for(&parts.headers))
            .or(peer),
    };
    let address = ip.map(|ip| ip.to_string()).unwrap_or_default();
    let user_agent = parts
        .as_ref()
        .and_then(|parts| parts.headers.get(USER_AGENT))
        .and_then(|value| value.to_str().ok())
        .map(|agent| agent.chars().take(USER_AGENT_MAX).collect())
        .unwrap_or_default();
    Client {
        ip,
        address,
        user_agent,
    }
}

fn last_forwarded_for(headers: &axum::http::HeaderMap) -> Option<IpAddr> {
    headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .next_back()
        .and_then(|last| last.trim().parse().ok())
}

/// The session token the request's cookie carries.
pub fn session_token(secure: bool) -> Option<String> {
    let parts = use_context::<Parts>()?;
    parts
        .headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find_map(|header| sessions::token_from_cookie_header(header, secure))
        .map(str::to_owned)
}

/// The device token (`accounts::attempts`) the request's cookie carries, if any.
pub fn device_token(secure: bool) -> Option<String> {
    let parts = use_context::<Parts>()?;
    let name = sessions::device_cookie_name(secure);
    parts
        .headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find_map(|header| sessions::cookie_value(header, name))
        .map(str::to_owned)
}

/// The hash the sessions table knows this request's session by.
pub fn session_token_hash() -> Option<String> {
    let config = session_config().ok()?;
    session_token(config.secure).map(|token| sessions::token_hash(&token))
}

/// Adds a `Set-Cookie` header to the response.
pub fn set_cookie(cookie: &str) {
    let Some(response) = use_context::<leptos_axum::ResponseOptions>() else {
        tracing::error!("no response to set a cookie on");
        return;
    };
    match HeaderValue::from_str(cookie) {
        Ok(value) => response.append_header(SET_COOKIE, value),
        Err(error) => tracing::error!(%error, "cookie is not a valid header value"),
    }
}

/// Where people reach this site, for links shown to be sent to others: the configured
/// `public_url`, else the address the server listens on. Never a request's `Host` header,
/// which whoever sends the request chooses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkOrigin(pub String);

pub fn site_origin() -> String {
    match use_context::<LinkOrigin>() {
        Some(LinkOrigin(origin)) => origin,
        None => {
            tracing::error!("no link origin in the request context");
            "http://localhost".to_owned()
        }
    }
}
