//! `GET /issues.csv` and `GET /commitments.csv`: a list's current view as a file. Plain
//! routes rather than server functions, so a link downloads one with or without JavaScript.
//! The list's own query string chooses the view, and the viewer sees in it only what the
//! list would show them.

use app::{
    accounts::types::CurrentUser,
    commitments::export as commitment_export,
    domain::permissions::{allows, Permission},
    issues::export,
};
use axum::{
    extract::{RawQuery, State},
    http::{
        header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE},
        StatusCode,
    },
    response::{IntoResponse, Response},
    Extension,
};

use app::db::Db;

#[derive(Clone)]
pub struct ExportState {
    pub db: Db,
    /// Where the app is reached, for the links in a file (`Config::link_origin`).
    pub link_origin: String,
    pub clock: app::clock::Clock,
}

pub async fn issues_csv(
    State(state): State<ExportState>,
    user: Option<Extension<CurrentUser>>,
    RawQuery(query): RawQuery,
) -> Response {
    let Some(Extension(user)) = user else {
        return (StatusCode::UNAUTHORIZED, "Sign in to export issues.\n").into_response();
    };
    if !allows(user.role, Permission::ReadIssues) {
        return (
            StatusCode::FORBIDDEN,
            "Your account cannot export issues.\n",
        )
            .into_response();
    }
    let filter = export::filter_from_query(query.as_deref().unwrap_or_default());
    let origin = &state.link_origin;
    let now = state.clock.now();
    match export::issues_csv(&state.db, &filter, &user, now, origin).await {
        Ok(body) => (
            [
                (CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
                (
                    CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{}\"", export::file_name(now)),
                ),
                (CACHE_CONTROL, "private, no-store".to_owned()),
            ],
            body,
        )
            .into_response(),
        Err(error) => export_failed(error),
    }
}

pub async fn commitments_csv(
    State(state): State<ExportState>,
    user: Option<Extension<CurrentUser>>,
    RawQuery(query): RawQuery,
) -> Response {
    let Some(Extension(user)) = user else {
        return (StatusCode::UNAUTHORIZED, "Sign in to export commitments.\n").into_response();
    };
    if !allows(user.role, Permission::ReadCommitments) {
        return (
            StatusCode::FORBIDDEN,
            "Your account cannot export commitments.\n",
        )
            .into_response();
    }
    let filter = commitment_export::filter_from_query(query.as_deref().unwrap_or_default());
    let today = match app::instance::store::settings(&state.db).await {
        Ok(settings) => settings.zone().clock(state.clock.now()).date(),
        Err(error) => return export_failed(error),
    };
    let reader = app::commitments::store::ListReader {
        scope: app::domain::permissions::SupplierScope::of(&user),
        audience: app::domain::meetings::Audience::of(Some(&user)),
    };
    let file =
        commitment_export::commitments_csv(&state.db, reader, &filter, today, &state.link_origin);
    match file.await {
        Ok(body) => (
            [
                (CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
                (
                    CONTENT_DISPOSITION,
                    format!(
                        "attachment; filename=\"{}\"",
                        commitment_export::file_name(today)
                    ),
                ),
                (CACHE_CONTROL, "private, no-store".to_owned()),
            ],
            body,
        )
            .into_response(),
        Err(error) => export_failed(error),
    }
}

fn export_failed(error: sqlx::Error) -> Response {
    tracing::error!(%error, "an export failed");
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        "The export failed. Try again in a moment.\n",
    )
        .into_response()
}
