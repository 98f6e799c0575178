//! What a person sees when a page does not exist or something on it failed.

use leptos::prelude::*;
use leptos_meta::Title;

/// Shown for any path no route matches; the HTTP status is 404.
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    {
        if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
            response.set_status(axum::http::StatusCode::NOT_FOUND);
        }
    }

    view! {
        <Title text="Page not found"/>
        <section class="notice">
            <h1>"Page not found"</h1>
            <p>"There is no page at this address. It may have moved, or the link may be mistyped."</p>
            <p>
                <a href="/">"Go to the home page"</a>
            </p>
        </section>
    }
}

/// The error boundary's face: a calm message for the person, the detail for the log.
#[component]
pub fn ErrorView(errors: ArcRwSignal<Errors>) -> impl IntoView {
    let messages = move || {
        errors
            .get()
            .into_iter()
            .map(|(_, error)| {
                leptos::logging::error!("page failed to render: {error}");
                error.to_string()
            })
            .collect::<Vec<_>>()
    };

    #[cfg(feature = "ssr")]
    {
        if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
            response.set_status(axum::http::StatusCode::INTERNAL_SERVER_ERROR);
        }
    }

    view! {
        <Title text="Something went wrong"/>
        <section class="notice notice--error" role="alert">
            <h1>"Something went wrong"</h1>
            <p>"This page could not be shown. Nothing you saved has been lost."</p>
            <ul>{move || messages().into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
            <p>
                <a href="/">"Go to the home page"</a>
            </p>
        </section>
    }
}
