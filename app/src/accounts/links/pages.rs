//! The page a single-use link opens: accept an invitation (choose a name and password) or
//! set a new password after a reset.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::{
    accounts::{
        links::api::{get_link, UseLink},
        types::LinkDetails,
    },
    ui::{
        errors::Refusal,
        forms::{action_failure, form_errors, Field, FormMessage},
    },
};

#[component]
pub fn LinkPage() -> impl IntoView {
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    // The page holds its one-time link's token.
    #[cfg(feature = "ssr")]
    crate::security::keep_uncompressed();
    let link = Resource::new_blocking(token, get_link);
    let action = ServerAction::<UseLink>::new();
    let errors = Signal::derive(move || form_errors(action.value().get()));

    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match link.await {
                    Err(error) => view! { <Refusal error/> }.into_any(),
                    Ok(None) => {
                        view! {
                            <Title text="Link no longer works"/>
                            <section class="notice">
                                <h1>"This link no longer works"</h1>
                                <p>
                                    "It has expired (links last 7 days), has been used already, or a newer link was issued. Ask an administrator of this Watchdog for a new one."
                                </p>
                                <p>
                                    <a href="/sign-in">"Sign in"</a>
                                    " if you already have an account."
                                </p>
                            </section>
                        }
                            .into_any()
                    }
                    Ok(Some(details)) => {
                        let (title, intro, button, inviting) = match &details {
                            LinkDetails::Invitation { email, role, supplier_name } => {
                                let role = match supplier_name {
                                    Some(supplier) => format!("{} for {supplier}", role.label()),
                                    None => role.label().to_owned(),
                                };
                                (
                                    "Join Watchdog",
                                    format!("You have been invited to join as {role}, with the email address {email}. Choose the name others will see and a password."),
                                    "Create my account",
                                    true,
                                )
                            }
                            LinkDetails::PasswordReset { email } => {
                                (
                                    "Choose a new password",
                                    format!("Choose a new password for {email}. You will be signed out everywhere, then sign in with the new one."),
                                    "Set my password",
                                    false,
                                )
                            }
                        };
                        view! {
                            <Title text=title/>
                            <section class="panel panel--narrow">
                                <h1>{title}</h1>
                                <p>{intro}</p>
                                <FormMessage error=Signal::derive(move || action_failure(action))/>
                                <ActionForm action>
                                    <input type="hidden" name="token" value=token/>
                                    {inviting
                                        .then(|| {
                                            view! {
                                                <Field
                                                    name="display_name"
                                                    label="Your name"
                                                    autocomplete="name"
                                                    required=true
                                                    errors
                                                />
                                            }
                                        })}
                                    <Field
                                        name="password"
                                        label="Password"
                                        kind="password"
                                        autocomplete="new-password"
                                        hint="At least 12 characters; a few unrelated words make a good one."
                                        required=true
                                        keep=false
                                        errors
                                    />
                                    <Field
                                        name="confirm_password"
                                        label="Password again"
                                        kind="password"
                                        autocomplete="new-password"
                                        required=true
                                        keep=false
                                        errors
                                    />
                                    <button type="submit">
                                        {button}
                                    </button>
                                </ActionForm>
                            </section>
                        }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
}
