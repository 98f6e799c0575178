//! The administrators' settings page: the instance's name, introduction and time zone, and
//! the history of their changes.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::{
    domain::{local_time::Zone, timeframe::QuarterScheme},
    instance::{
        api::{get_instance_settings, SaveInstanceSettings},
        types::{SettingChange, SettingsView},
    },
    ui::{
        admin_nav::AdminNav,
        errors::Refusal,
        forms::{
            action_failure, form_errors, Field, FormMessage, SelectField, SuccessNotice,
            TextAreaField,
        },
        time,
    },
};

#[component]
pub fn SettingsPage() -> impl IntoView {
    let save = ServerAction::<SaveInstanceSettings>::new();
    let view = OnceResource::new_blocking(get_instance_settings());
    let errors = Signal::derive(move || form_errors(save.value().get()));
    let query = use_query_map();
    let saved = Signal::derive(move || query.read().get("saved").as_deref() == Some("settings"));
    let mut zones: Vec<(String, String)> = Zone::choices()
        .map(|name| (name.to_owned(), name.replace('_', " ")))
        .collect();
    // A zone stored before the list was narrowed stays chosen (and so unchanged by a save).
    let stored = time::zone().name();
    if !Zone::is_choice(stored) {
        zones.insert(0, (stored.to_owned(), stored.replace('_', " ")));
    }

    view! {
        <Title text="Settings"/>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || {
                let zones = zones.clone();
                Suspend::new(async move {
                    match view.await {
                        Err(error) => view! { <Refusal error/> }.into_any(),
                        Ok(SettingsView { settings, changes, now }) => {
                            let now = time::date_time(now);
                            view! {
                                <AdminNav current="/admin/settings"/>
                                <h1>"Settings"</h1>
                                <SuccessNotice show=saved message="The settings have been saved."/>
                                <section class="panel" aria-labelledby="settings-heading">
                                    <h2 id="settings-heading">"This instance"</h2>
                                    <FormMessage error=Signal::derive(move || action_failure(save))/>
                                    <ActionForm action=save>
                                        <input type="hidden" name="version" value=settings.version.to_string()/>
                                        <Field
                                            name="name"
                                            label="Name"
                                            hint="Shown beside Watchdog in every page's header, e.g. the user group's name."
                                            required=true
                                            value=Signal::stored(settings.name)
                                            errors
                                        />
                                        <TextAreaField
                                            name="description"
                                            label="Introduction"
                                            hint="One or two sentences on the home page: whose user group this is and which supplier it watches."
                                            rows=3
                                            value=Signal::stored(settings.description)
                                            errors
                                        />
                                        <SelectField
                                            name="time_zone"
                                            label="Time zone"
                                            hint="Every time is shown, and meeting times are entered, in this zone; what is stored does not change."
                                            options=zones
                                            value=Signal::stored(settings.time_zone)
                                            errors
                                        />
                                        <p class="muted">"It is now " {now} " in the time zone saved."</p>
                                        <SelectField
                                            name="quarter_scheme"
                                            label="Quarters"
                                            hint="How a quarter written without its financial year (\"Q3 2023\") is read in promises entered from now on; promises already entered keep their dates."
                                            options=quarter_schemes()
                                            value=Signal::stored(settings.quarter_scheme)
                                            errors
                                        />
                                        <button type="submit">"Save settings"</button>
                                    </ActionForm>
                                </section>
                                <ChangeHistory changes/>
                            }
                                .into_any()
                        }
                    }
                })
            }}
        </Suspense>
    }
}

/// The ways quarters may be numbered, as the settings form offers them.
fn quarter_schemes() -> Vec<(String, String)> {
    QuarterScheme::ALL
        .into_iter()
        .map(|scheme| (scheme.as_str().to_owned(), scheme.label().to_owned()))
        .collect()
}

#[component]
fn ChangeHistory(changes: Vec<SettingChange>) -> impl IntoView {
    view! {
        <section aria-labelledby="changes-heading">
            <h2 id="changes-heading">"Changes"</h2>
            {if changes.is_empty() {
                view! { <p>"The settings have not been changed since the instance was set up."</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap">
                        <table class="list">
                            <thead>
                                <tr>
                                    <th scope="col">"When"</th>
                                    <th scope="col">"By"</th>
                                    <th scope="col">"Setting"</th>
                                    <th scope="col">"Was"</th>
                                    <th scope="col">"Now"</th>
                                </tr>
                            </thead>
                            <tbody>
                                {changes
                                    .into_iter()
                                    .map(|change| {
                                        view! {
                                            <tr>
                                                <td>{time::date_time(change.at)}</td>
                                                <td data-label="By">{change.by.unwrap_or_else(|| "—".to_owned())}</td>
                                                <td data-label="Setting">{change.setting.label()}</td>
                                                <td data-label="Was">{change.setting.shown(&change.old)}</td>
                                                <td data-label="Now">{change.setting.shown(&change.new)}</td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                    </div>
                }
                    .into_any()
            }}
        </section>
    }
}
