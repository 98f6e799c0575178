//! What a person sees when a page does not exist or something on it failed.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_location;

use crate::error::AppError;

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

/// What a page shows when the person should be elsewhere (an issue merged into another, a
/// search that names one issue): the page answers `303 See Other` with the address, which
/// every browser follows at once, and shows only a link to it.
#[component]
pub fn SeeOther(path: String) -> impl IntoView {
    #[cfg(feature = "ssr")]
    {
        use axum::http::{header::LOCATION, HeaderValue, StatusCode};
        if let (Some(response), Ok(location)) = (
            use_context::<leptos_axum::ResponseOptions>(),
            HeaderValue::from_str(&path),
        ) {
            response.set_status(StatusCode::SEE_OTHER);
            response.insert_header(LOCATION, location);
        }
    }
    view! {
        <Title text="Moved"/>
        <p class="notice">"This is now at " <a href=path.clone()>{path.clone()}</a> "."</p>
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

/// What a page shows when its data was refused or failed: a way in for someone not signed
/// in (the status is 401), a plain "not for you" (403), "not found" (404), or the failure.
#[component]
pub fn Refusal(error: AppError) -> impl IntoView {
    #[cfg(feature = "ssr")]
    {
        if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
            response.set_status(error.status());
        }
    }
    let location = use_location();
    match error {
        AppError::NotSignedIn => {
            let here = format!(
                "{}{}",
                location.pathname.get_untracked(),
                location.search.get_untracked()
            );
            let next = format!(
                "/sign-in?{}",
                form_urlencoded::Serializer::new(String::new())
                    .append_pair("next", &here)
                    .finish()
            );
            view! {
                <Title text="Please sign in"/>
                <section class="notice">
                    <h1>"Please sign in"</h1>
                    <p>"You need to be signed in to see this page."</p>
                    <p>
                        <a href=next>"Sign in"</a>
                    </p>
                </section>
            }
            .into_any()
        }
        AppError::Forbidden => view! {
            <Title text="Not available to your account"/>
            <section class="notice">
                <h1>"Not available to your account"</h1>
                <p>"Your account does not give access to this page. If you need it, ask an administrator."</p>
                <p>
                    <a href="/">"Go to the home page"</a>
                </p>
            </section>
        }
        .into_any(),
        AppError::NotFound => view! { <NotFound/> }.into_any(),
        other => view! {
            <Title text="Something went wrong"/>
            <section class="notice notice--error" role="alert">
                <h1>"Something went wrong"</h1>
                <p>{other.to_string()}</p>
            </section>
        }
        .into_any(),
    }
}
