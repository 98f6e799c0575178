//! Resolves the session cookie before any page or server function runs: a live session puts
//! its `CurrentUser` into the request; an expired session, or one whose account was disabled,
//! is ended on the spot, so a disabled person is out at their next request.

use std::sync::Arc;

use app::{
    accounts::{
        sessions::{self, SessionConfig},
        store,
    },
    db::Db,
    notifications::types::Unread,
};
use axum::{
    extract::{Request, State},
    http::{
        header::{COOKIE, SET_COOKIE},
        HeaderValue,
    },
    middleware::Next,
    response::Response,
};
use chrono::Duration;

/// A session's last-seen time is written at most this often, not on every request.
const TOUCH_EVERY: Duration = Duration::minutes(1);

#[derive(Clone)]
pub struct SessionLayerState {
    pub db: Db,
    pub config: SessionConfig,
    pub clock: app::clock::Clock,
}

pub async fn resolve_session(
    State(state): State<Arc<SessionLayerState>>,
    mut request: Request,
    next: Next,
) -> Response {
    // Static files need no one's identity; skip the lookup their cookies would cost.
    if request.uri().path().starts_with("/pkg/") {
        return next.run(request).await;
    }
    let secure = state.config.secure;
    let token = request
        .headers()
        .get_all(COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find_map(|header| sessions::token_from_cookie_header(header, secure))
        .map(str::to_owned);
    let Some(token) = token else {
        return next.run(request).await;
    };

    let hash = sessions::token_hash(&token);
    let now = state.clock.now();
    let mut clear_cookie = false;
    match store::find_session(&state.db, &hash).await {
        Ok(Some(found))
            if found.account_active
                && state.config.policy.is_alive(
                    found.created_at,
                    found.last_seen_at,
                    found.remember,
                    now,
                ) =>
        {
            if now - found.last_seen_at >= TOUCH_EVERY {
                if let Err(error) = store::touch_session(&state.db, found.id, now).await {
                    tracing::warn!(%error, "could not record session activity");
                }
            }
            request.extensions_mut().insert(found.user);
            request
                .extensions_mut()
                .insert(Unread(found.unread_notifications));
        }
        Ok(Some(_)) => {
            if let Err(error) = end_session(&state.db, &hash).await {
                tracing::warn!(%error, "could not end an expired session");
            }
            clear_cookie = true;
        }
        Ok(None) => clear_cookie = true,
        Err(error) => tracing::error!(%error, "could not look up a session"),
    }

    let mut response = next.run(request).await;
    if clear_cookie && !response.headers().contains_key(SET_COOKIE) {
        if let Ok(value) = HeaderValue::from_str(&sessions::clearing_cookie(secure)) {
            response.headers_mut().append(SET_COOKIE, value);
        }
    }
    response
}

async fn end_session(db: &Db, hash: &str) -> Result<(), sqlx::Error> {
    let mut tx = db.begin_write().await?;
    store::end_session(&mut tx, hash).await?;
    tx.commit().await
}
