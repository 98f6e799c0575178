//! The instance's settings, put into every request that may be answered with a page, so that
//! the page is rendered with the instance's name and in its time zone
//! (`app::instance::provide_for_page`). Read from memory while the settings have not changed:
//! one primary-key read per page.

use app::{db::Db, instance::PageSettings};
use axum::{
    extract::{Request, State},
    middleware::Next,
    response::Response,
};

pub async fn settings_for_pages(
    State(db): State<Db>,
    mut request: Request,
    next: Next,
) -> Response {
    if crate::security::may_be_page(&request) {
        match app::instance::store::settings(&db).await {
            Ok(settings) => {
                request.extensions_mut().insert(PageSettings(settings));
            }
            // The page is still served, in UK time and without the instance's name; whatever
            // failed here is likely to fail its own reads too, and say so.
            Err(error) => tracing::error!(%error, "could not read the instance settings"),
        }
    }
    next.run(request).await
}
