//! What a page reads from its own URL: the record it is about (`/…/:id`) and the notice a
//! form's redirect asked for (`?changed=…`).

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The route's `:id` as a number; one that is missing or not a number is 0, which no record
/// has, so the page answers as for a missing record.
pub fn id_in_url() -> Memo<i64> {
    let params = use_params_map();
    Memo::new(move |_| {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse().ok())
            .unwrap_or(0)
    })
}

/// Whether the URL's `?changed=` names `what` (a form's redirect says what it changed).
pub fn changed(what: &'static str) -> Signal<bool> {
    let query = use_query_map();
    Signal::derive(move || query.read().get("changed").as_deref() == Some(what))
}
