//! What this Watchdog instance is and the rules its pages follow: its name, the words it
//! introduces itself with, its time zone; one typed settings store with a history of changes.

pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;
pub mod types;

/// The settings a page request carries: the server's middleware reads them (from memory while
/// they have not changed) and puts them into the request, and `provide_for_page` hands them
/// to the page's context, so a page shows the instance's name and times in its zone without
/// asking for them.
#[cfg(feature = "ssr")]
#[derive(Debug, Clone)]
pub struct PageSettings(pub std::sync::Arc<types::InstanceInfo>);

/// Provides the request's `PageSettings` and its time zone to the page being rendered. Call
/// it while setting up each page's context.
#[cfg(feature = "ssr")]
pub fn provide_for_page() {
    use leptos::prelude::{provide_context, use_context};

    if let Some(PageSettings(settings)) = use_context::<axum::http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<PageSettings>().cloned())
    {
        provide_context(settings.zone());
        provide_context(settings.quarter_scheme());
        provide_context(settings);
    }
}

/// Today in the instance's time zone, by the server's clock (`crate::clock`).
#[cfg(feature = "ssr")]
pub async fn today(db: &crate::db::Db) -> Result<chrono::NaiveDate, sqlx::Error> {
    let settings = store::settings(db).await?;
    Ok(settings.zone().clock(crate::clock::now()).date())
}
