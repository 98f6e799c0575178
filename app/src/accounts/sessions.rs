//! Session tokens and cookies. The cookie carries 256 random bits; the database keeps only
//! their SHA-256, so a copy of the database lets no one sign in as anybody.

use argon2::password_hash::rand_core::{OsRng, RngCore};
use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine as _};
use chrono::{DateTime, Duration, Utc};
use sha2::{Digest, Sha256};

/// The cookie's name: `__Host-` pins it to this exact origin over HTTPS.
pub fn cookie_name(secure: bool) -> &'static str {
    if secure {
        "__Host-watchdog_session"
    } else {
        "watchdog_session"
    }
}

/// The device cookie's name (see `accounts::attempts`), pinned like the session's.
pub fn device_cookie_name(secure: bool) -> &'static str {
    if secure {
        "__Host-watchdog_device"
    } else {
        "watchdog_device"
    }
}

/// How long a browser stays trusted after it last signed in.
pub const DEVICE_LIFETIME: Duration = Duration::days(365);

/// The `Set-Cookie` value that marks this browser as one that has signed in before.
pub fn device_cookie(token: &str, secure: bool) -> String {
    let mut cookie = format!(
        "{}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}",
        device_cookie_name(secure),
        DEVICE_LIFETIME.num_seconds()
    );
    if secure {
        cookie.push_str("; Secure");
    }
    cookie
}

/// A new session token for the cookie.
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// What the database stores for a token.
pub fn token_hash(token: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(token.as_bytes()))
}

/// What the server tells the accounts code about sessions, through the request context.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionConfig {
    /// Served over HTTPS: cookies are `Secure` and `__Host-` prefixed.
    pub secure: bool,
    pub policy: SessionPolicy,
}

/// How long sessions last.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionPolicy {
    /// A session not used for this long ends (sessions without "remember me").
    pub idle: Duration,
    /// No session lasts longer than this; "remember me" sessions last exactly this long.
    pub absolute: Duration,
}

impl Default for SessionPolicy {
    fn default() -> Self {
        SessionPolicy {
            idle: Duration::hours(8),
            absolute: Duration::days(30),
        }
    }
}

impl SessionPolicy {
    /// Whether a session is still alive at `now`.
    pub fn is_alive(
        &self,
        created: DateTime<Utc>,
        last_seen: DateTime<Utc>,
        remember: bool,
        now: DateTime<Utc>,
    ) -> bool {
        let within_absolute = now < created + self.absolute;
        let within_idle = remember || now < last_seen + self.idle;
        within_absolute && within_idle
    }
}

/// The `Set-Cookie` value that starts a session. Without "remember me" it is a browser-session
/// cookie (no Max-Age), gone when the browser closes.
pub fn session_cookie(token: &str, secure: bool, remember_for: Option<Duration>) -> String {
    let mut cookie = format!(
        "{}={token}; Path=/; HttpOnly; SameSite=Lax",
        cookie_name(secure)
    );
    if secure {
        cookie.push_str("; Secure");
    }
    if let Some(lifetime) = remember_for {
        cookie.push_str(&format!("; Max-Age={}", lifetime.num_seconds()));
    }
    cookie
}

/// The `Set-Cookie` value that removes the session cookie.
pub fn clearing_cookie(secure: bool) -> String {
    let mut cookie = format!(
        "{}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0",
        cookie_name(secure)
    );
    if secure {
        cookie.push_str("; Secure");
    }
    cookie
}

/// The session token in a `Cookie` header, if any.
pub fn token_from_cookie_header(header: &str, secure: bool) -> Option<&str> {
    cookie_value(header, cookie_name(secure))
}

/// The value of the cookie `name` in a `Cookie` header, if it has one.
pub fn cookie_value<'h>(header: &'h str, name: &str) -> Option<&'h str> {
    header
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value)
        .filter(|value| !value.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_256_random_bits_and_stored_only_as_hashes() {
        let token = new_token();
        assert_eq!(URL_SAFE_NO_PAD.decode(&token).expect("base64").len(), 32);
        assert_ne!(token, new_token());
        assert_ne!(token_hash(&token), token);
        assert_eq!(token_hash(&token), token_hash(&token));
    }

    #[test]
    fn cookies_are_http_only_lax_and_host_pinned_when_secure() {
        let plain = session_cookie("t", false, None);
        assert_eq!(plain, "watchdog_session=t; Path=/; HttpOnly; SameSite=Lax");
        let secure = session_cookie("t", true, Some(Duration::days(30)));
        assert_eq!(
            secure,
            "__Host-watchdog_session=t; Path=/; HttpOnly; SameSite=Lax; Secure; Max-Age=2592000"
        );
        assert!(clearing_cookie(true).contains("Max-Age=0"));
    }

    #[test]
    fn the_token_is_found_among_other_cookies() {
        let header = "theme=dark; watchdog_session=abc; other=1";
        assert_eq!(token_from_cookie_header(header, false), Some("abc"));
        assert_eq!(token_from_cookie_header(header, true), None);
        assert_eq!(token_from_cookie_header("watchdog_session=", false), None);
    }

    #[test]
    fn sessions_end_when_idle_unless_remembered_and_always_at_the_absolute_limit() {
        let policy = SessionPolicy::default();
        let start = DateTime::parse_from_rfc3339("2026-01-05T09:00:00Z")
            .expect("time")
            .with_timezone(&Utc);
        let later = |hours| start + Duration::hours(hours);

        assert!(policy.is_alive(start, start, false, later(7)));
        assert!(!policy.is_alive(start, start, false, later(8)));
        assert!(policy.is_alive(start, later(20), false, later(27)));
        assert!(policy.is_alive(start, start, true, later(24 * 29)));
        assert!(!policy.is_alive(start, later(24 * 30 - 1), true, later(24 * 30)));
        assert!(!policy.is_alive(start, later(24 * 30 - 1), false, later(24 * 30)));
    }
}
