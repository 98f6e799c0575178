//! `GET /feeds/minutes.atom` and `GET /feeds/meetings.ics`, `GET /feeds/commitments.atom` and
//! `GET /feeds/commitments.ics`: plain routes for feed readers and calendar apps, which cannot
//! sign in. Without a key the meetings' feeds give what anyone may read; with an account's
//! key (`?key=…`, from its account page), what that account may read. Commitments are never
//! public: their feeds need a key. A key that is no one's answers as a missing feed.

use app::{
    accounts::{feeds::store as keys, types::CurrentUser},
    commitments::feeds as commitment_feeds,
    db::Db,
    domain::{
        meetings::Audience,
        permissions::{allows, Permission},
    },
    meetings::feeds,
};
use axum::{
    extract::{Query, State},
    http::{
        header::{CACHE_CONTROL, CONTENT_TYPE},
        StatusCode,
    },
    response::{IntoResponse, Response},
};
use serde::Deserialize;

#[derive(Clone)]
pub struct FeedState {
    pub db: Db,
    /// Where the app is reached, for the links in a feed (`Config::link_origin`).
    pub link_origin: String,
    pub clock: app::clock::Clock,
}

#[derive(Deserialize)]
pub struct FeedQuery {
    key: Option<String>,
}

pub async fn minutes_atom(
    State(state): State<FeedState>,
    Query(query): Query<FeedQuery>,
) -> Response {
    let (audience, private) = match audience(&state.db, query.key.as_deref()).await {
        Ok(Some(found)) => found,
        Ok(None) => return no_such_feed(),
        Err(error) => return failed(error),
    };
    let path = match &query.key {
        Some(key) => format!("/feeds/minutes.atom?key={key}"),
        None => "/feeds/minutes.atom".to_owned(),
    };
    let name = match app::instance::store::settings(&state.db).await {
        Ok(settings) => settings.name.clone(),
        Err(error) => return failed(error),
    };
    match feeds::minutes_atom(&state.db, audience, &name, &state.link_origin, &path).await {
        Ok(body) => answer("application/atom+xml; charset=utf-8", private, body),
        Err(error) => failed(error),
    }
}

pub async fn meetings_ics(
    State(state): State<FeedState>,
    Query(query): Query<FeedQuery>,
) -> Response {
    let (audience, private) = match audience(&state.db, query.key.as_deref()).await {
        Ok(Some(found)) => found,
        Ok(None) => return no_such_feed(),
        Err(error) => return failed(error),
    };
    let name = match app::instance::store::settings(&state.db).await {
        Ok(settings) => settings.name.clone(),
        Err(error) => return failed(error),
    };
    let now = state.clock.now();
    match feeds::meetings_ics(&state.db, audience, &name, &state.link_origin, now).await {
        Ok(body) => answer("text/calendar; charset=utf-8", private, body),
        Err(error) => failed(error),
    }
}

pub async fn commitments_atom(
    State(state): State<FeedState>,
    Query(query): Query<FeedQuery>,
) -> Response {
    let (reader, settings) = match commitments_feed(&state.db, query.key.as_deref()).await {
        Ok(found) => found,
        Err(refusal) => return refusal,
    };
    let path = format!(
        "/feeds/commitments.atom?key={}",
        query.key.as_deref().unwrap_or_default()
    );
    let feed = commitment_feeds::changes_atom(
        &state.db,
        &reader,
        &settings.name,
        &state.link_origin,
        &path,
    );
    match feed.await {
        Ok(body) => answer("application/atom+xml; charset=utf-8", true, body),
        Err(error) => failed(error),
    }
}

pub async fn commitments_ics(
    State(state): State<FeedState>,
    Query(query): Query<FeedQuery>,
) -> Response {
    let (reader, settings) = match commitments_feed(&state.db, query.key.as_deref()).await {
        Ok(found) => found,
        Err(refusal) => return refusal,
    };
    let today = settings.zone().clock(state.clock.now()).date();
    let feed = commitment_feeds::due_ics(
        &state.db,
        &reader,
        &settings.name,
        &state.link_origin,
        today,
    );
    match feed.await {
        Ok(body) => answer("text/calendar; charset=utf-8", true, body),
        Err(error) => failed(error),
    }
}

/// Whom a commitments feed is read as, and the instance's settings; else the answer to give.
async fn commitments_feed(
    db: &Db,
    key: Option<&str>,
) -> Result<
    (
        CurrentUser,
        std::sync::Arc<app::instance::types::InstanceInfo>,
    ),
    Response,
> {
    let reader = match commitment_reader(db, key).await {
        Ok(Some(reader)) => reader,
        Ok(None) => return Err(no_such_feed()),
        Err(error) => return Err(failed(error)),
    };
    match app::instance::store::settings(db).await {
        Ok(settings) => Ok((reader, settings)),
        Err(error) => Err(failed(error)),
    }
}

/// The account whose key opens a commitments feed, if it may read commitments; `None` for
/// no key, a key that is no one's, or an account that may not.
async fn commitment_reader(db: &Db, key: Option<&str>) -> Result<Option<CurrentUser>, sqlx::Error> {
    let Some(key) = key.filter(|key| !key.is_empty() && key.len() <= 100) else {
        return Ok(None);
    };
    Ok(keys::holder_of(db, key)
        .await?
        .filter(|holder| allows(holder.role, Permission::ReadCommitments)))
}

/// Whom the feed is for, and whether it is personal: the public without a key, the key's
/// account with one; `None` for a key that is no one's.
async fn audience(db: &Db, key: Option<&str>) -> Result<Option<(Audience, bool)>, sqlx::Error> {
    let Some(key) = key else {
        return Ok(Some((Audience::Public, false)));
    };
    if key.is_empty() || key.len() > 100 {
        return Ok(None);
    }
    Ok(keys::holder_of(db, key)
        .await?
        .map(|holder| (Audience::of(Some(&holder)), true)))
}

fn answer(content_type: &'static str, private: bool, body: String) -> Response {
    let cache = if private {
        "private, no-store"
    } else {
        "public, max-age=300"
    };
    ([(CONTENT_TYPE, content_type), (CACHE_CONTROL, cache)], body).into_response()
}

fn no_such_feed() -> Response {
    (StatusCode::NOT_FOUND, "No such feed.\n").into_response()
}

fn failed(error: sqlx::Error) -> Response {
    tracing::error!(%error, "a feed failed");
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        "The feed could not be made. Try again in a moment.\n",
    )
        .into_response()
}
