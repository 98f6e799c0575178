//! The sign-in page and the header's account area.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::{
    accounts::{
        api::{get_current_user, SignIn, SignOut},
        types::Role,
    },
    error::AppError,
    notifications::api::get_unread_count,
    ui::forms::{form_errors, Field, FormMessage, SuccessNotice},
};

#[component]
pub fn SignInPage() -> impl IntoView {
    let action = ServerAction::<SignIn>::new();
    let query = use_query_map();
    let next = move || query.read().get("next").unwrap_or_default();
    let errors = Signal::derive(move || form_errors(action.value().get()));
    let failure = Signal::derive(move || match action.value().get() {
        Some(Err(error)) => Some(error),
        _ => None,
    });

    let arrived = move |flag: &'static str| {
        Signal::derive(move || query.read().get(flag).as_deref() == Some("1"))
    };

    view! {
        <Title text="Sign in"/>
        <section class="panel panel--narrow">
            <h1>"Sign in"</h1>
            <SuccessNotice
                show=arrived("joined")
                message="Your account is ready. Sign in with your email address and the password you chose."
            />
            <SuccessNotice
                show=arrived("reset")
                message="Your password has been changed. Sign in with the new one."
            />
            <FormMessage error=failure/>
            <ActionForm action>
                <input type="hidden" name="next" value=next/>
                <Field
                    name="email"
                    label="Email address"
                    kind="email"
                    autocomplete="username"
                    required=true
                    errors
                />
                <Field
                    name="password"
                    label="Password"
                    kind="password"
                    autocomplete="current-password"
                    required=true
                    keep=false
                    errors
                />
                <div class="field field--checkbox">
                    <input type="checkbox" id="field-remember" name="remember" value="on"/>
                    <label for="field-remember">"Keep me signed in on this device for 30 days"</label>
                </div>
                <button type="submit">
                    "Sign in"
                </button>
            </ActionForm>
        </section>
    }
}

/// The right of the header: who is signed in and a way out, or a way in.
#[component]
pub fn AccountArea() -> impl IntoView {
    let sign_out = ServerAction::<SignOut>::new();
    let user = OnceResource::new_blocking(get_current_user());

    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match user.await {
                    Ok(Some(user)) => {
                        let admin = user.role == Role::Admin;
                        let unread = get_unread_count().await.unwrap_or(0);
                        view! {
                            <a class="account-inbox" href="/inbox">
                                "Inbox"
                                {(unread > 0).then(|| view! {
                                    " " <span class="badge badge--count">{unread}</span>
                                    <span class="visually-hidden">" unread"</span>
                                })}
                            </a>
                            {admin.then(|| view! { <a class="account-admin" href="/admin/users">"Administration"</a> })}
                            <a class="account-name" href="/account">
                                {user.display_name} <span class="visually-hidden">", signed in as "</span>
                                <span class="account-role">{user.role.label()}</span>
                            </a>
                            <ActionForm action=sign_out>
                                <button type="submit" class="button--quiet">"Sign out"</button>
                            </ActionForm>
                        }
                            .into_any()
                    }
                    Ok(None) | Err(AppError::Invalid(_)) => {
                        view! { <a class="account-sign-in" href="/sign-in">"Sign in"</a> }.into_any()
                    }
                    Err(_) => ().into_any(),
                }
            })}
        </Suspense>
    }
}
