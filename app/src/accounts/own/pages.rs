//! The account page: a person's details, their name, their password and their sessions.

use crate::ui::url::changed;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    accounts::{
        api::SignOut,
        own::api::{get_own_account, ChangePassword, EndOwnSession, OwnAccount, Rename},
        types::SessionSummary,
    },
    ui::{
        errors::Refusal,
        forms::{action_failure, form_errors, Field, FormMessage, SuccessNotice},
        time,
    },
};

#[component]
pub fn AccountPage() -> impl IntoView {
    let rename = ServerAction::<Rename>::new();
    let change_password = ServerAction::<ChangePassword>::new();
    let end_session = ServerAction::<EndOwnSession>::new();
    let sign_out = ServerAction::<SignOut>::new();
    let account = OnceResource::new_blocking(get_own_account());

    view! {
        <Title text="Your account"/>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match account.await {
                    Err(error) => view! { <Refusal error/> }.into_any(),
                    Ok(OwnAccount { account, sessions }) => {
                        let name_errors = Signal::derive(move || form_errors(rename.value().get()));
                        let password_errors = Signal::derive(move || {
                            form_errors(change_password.value().get())
                        });
                        let role = match &account.supplier_name {
                            Some(supplier) => format!("{} for {supplier}", account.role.label()),
                            None => account.role.label().to_owned(),
                        };
                        let name = Signal::stored(account.display_name.clone());
                        view! {
                            <h1>"Your account"</h1>
                            <SuccessNotice show=changed("name") message="Your name has been changed."/>
                            <SuccessNotice
                                show=changed("password")
                                message="Your password has been changed, and you have been signed out everywhere else."
                            />
                            <SuccessNotice show=changed("session") message="That session has been ended."/>
                            <dl class="details">
                                <dt>"Email address"</dt>
                                <dd>{account.email.clone()}</dd>
                                <dt>"Role"</dt>
                                <dd>{role}</dd>
                                <dt>"Member since"</dt>
                                <dd>{time::date(account.created_at)}</dd>
                            </dl>
                            <section class="panel" aria-labelledby="name-heading">
                                <h2 id="name-heading">"Your name"</h2>
                                <FormMessage error=Signal::derive(move || action_failure(rename))/>
                                <ActionForm action=rename>
                                    <Field
                                        name="display_name"
                                        label="Name shown to others"
                                        autocomplete="name"
                                        required=true
                                        value=name
                                        errors=name_errors
                                    />
                                    <button type="submit">
                                        "Save name"
                                    </button>
                                </ActionForm>
                            </section>
                            <section class="panel" aria-labelledby="password-heading">
                                <h2 id="password-heading">"Change your password"</h2>
                                <FormMessage error=Signal::derive(move || action_failure(change_password))/>
                                <ActionForm action=change_password>
                                    <Field
                                        name="current_password"
                                        label="Current password"
                                        kind="password"
                                        autocomplete="current-password"
                                        required=true
                                        keep=false
                                        errors=password_errors
                                    />
                                    <Field
                                        name="new_password"
                                        label="New password"
                                        kind="password"
                                        autocomplete="new-password"
                                        hint="At least 12 characters; a few unrelated words make a good one."
                                        required=true
                                        keep=false
                                        errors=password_errors
                                    />
                                    <Field
                                        name="confirm_password"
                                        label="New password again"
                                        kind="password"
                                        autocomplete="new-password"
                                        required=true
                                        keep=false
                                        errors=password_errors
                                    />
                                    <button type="submit">
                                        "Change password"
                                    </button>
                                </ActionForm>
                            </section>
                            <SuccessNotice show=changed("feeds") message="Your feed addresses are ready; any earlier ones no longer work."/>
                            <section class="panel" aria-labelledby="notifications-heading">
                                <h2 id="notifications-heading">"Notifications"</h2>
                                <p>
                                    "What concerns you comes to your " <a href="/inbox">"inbox"</a>
                                    ". " <a href="/account/notifications">"Choose which emails you get"</a> "."
                                </p>
                            </section>
                            <crate::accounts::feeds::pages::FeedsSection/>
                            <section aria-labelledby="sessions-heading">
                                <h2 id="sessions-heading">"Where you are signed in"</h2>
                                <FormMessage error=Signal::derive(move || action_failure(end_session))/>
                                <div class="table-wrap">
                                    <table class="list">
                                        <thead>
                                            <tr>
                                                <th scope="col">"Browser"</th>
                                                <th scope="col">"Address"</th>
                                                <th scope="col">"Signed in"</th>
                                                <th scope="col">"Last active"</th>
                                                <th scope="col">"End"</th>
                                            </tr>
                                        </thead>
                                        <tbody>
                                            {sessions
                                                .into_iter()
                                                .map(|session| view! { <SessionRow session end_session sign_out/> })
                                                .collect_view()}
                                        </tbody>
                                    </table>
                                </div>
                            </section>
                        }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn SessionRow(
    session: SessionSummary,
    end_session: ServerAction<EndOwnSession>,
    sign_out: ServerAction<SignOut>,
) -> impl IntoView {
    let browser = if session.user_agent.is_empty() {
        "Unknown browser".to_owned()
    } else {
        session.user_agent.clone()
    };
    let current = session.current;
    view! {
        <tr>
            <td>
                {browser}
                {current.then(|| view! { <strong>" (this browser)"</strong> })}
            </td>
            <td data-label="Address">{session.client_address.clone()}</td>
            <td data-label="Signed in">{time::date_time(session.created_at)}</td>
            <td data-label="Last active">{time::date_time(session.last_seen_at)}</td>
            <td>
                {if current {
                    view! {
                        <ActionForm action=sign_out attr:class="inline-form">
                            <button type="submit" class="button--secondary">"Sign out"</button>
                        </ActionForm>
                    }
                        .into_any()
                } else {
                    view! {
                        <ActionForm action=end_session attr:class="inline-form">
                            <input type="hidden" name="session" value=session.id.0.to_string()/>
                            <button type="submit" class="button--secondary">
                                "End"
                                <span class="visually-hidden">" this session"</span>
                            </button>
                        </ActionForm>
                    }
                        .into_any()
                }}
            </td>
        </tr>
    }
}
