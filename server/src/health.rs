//! `GET /healthz`: 200 only when the database answers, so a load balancer or supervisor stops
//! sending people to an instance that can't serve them.

use std::time::Duration;

use app::db::Db;
use axum::{extract::State, http::StatusCode};

const DATABASE_TIMEOUT: Duration = Duration::from_secs(2);

pub async fn healthz(State(db): State<Db>) -> (StatusCode, &'static str) {
    match tokio::time::timeout(DATABASE_TIMEOUT, db.ping()).await {
        Ok(Ok(())) => (StatusCode::OK, "ok\n"),
        Ok(Err(error)) => {
            tracing::warn!(%error, "health check: database did not answer");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable\n")
        }
        Err(_) => {
            tracing::warn!("health check: database timed out");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable\n")
        }
    }
}
