//! The settings pages, each with the history of its changes: the administrators' (the
//! instance's name, introduction, time zone and quarters) and the committee's chase policy.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::{
    domain::{local_time::Zone, timeframe::QuarterScheme},
    instance::{
        api::{get_chase_policy, get_instance_settings, SaveChasePolicy, SaveInstanceSettings},
        types::{ChasePolicyView, SettingChange, SettingsView},
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
                                <p>"When the supplier is chased is the committee's to say, on the " <a href="/chases/policy">"chase policy"</a> " page."</p>
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

/// The committee's page for the chase policy (`/chases/policy`).
#[component]
pub fn ChasePolicyPage() -> impl IntoView {
    let save = ServerAction::<SaveChasePolicy>::new();
    let view = OnceResource::new_blocking(get_chase_policy());
    let errors = Signal::derive(move || form_errors(save.value().get()));
    let query = use_query_map();
    let saved = Signal::derive(move || query.read().get("saved").as_deref() == Some("policy"));
    view! {
        <Title text="Chase policy"/>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match view.await {
                    Err(error) => view! { <Refusal error/> }.into_any(),
                    Ok(ChasePolicyView { settings, changes, bank_holidays }) => {
                        let chase = settings.chase;
                        let waits = |text: &str| {
                            vec![
                                ("yes".to_owned(), format!("Yes: email waits for the next {text}")),
                                ("no".to_owned(), "No: email goes that day too".to_owned()),
                            ]
                        };
                        let holidays = bank_holidays
                            .iter()
                            .map(|day| day.format("%-d %B %Y").to_string())
                            .collect::<Vec<_>>()
                            .join(", ");
                        view! {
                            <h1>"Chase policy"</h1>
                            <p>
                                "When Watchdog chases the supplier: a commitment past its due date, an issue left waiting for the supplier, "
                                "an action the supplier owes. Each change is recorded below."
                            </p>
                            <SuccessNotice show=saved message="The chase policy has been saved."/>
                            <section class="panel" aria-labelledby="policy-heading">
                                <h2 id="policy-heading">"The policy"</h2>
                                <FormMessage error=Signal::derive(move || action_failure(save))/>
                                <ActionForm action=save>
                                    <input type="hidden" name="version" value=settings.version.to_string()/>
                                    <Field name="chase_first_after_days" label="First chase, days after the due date" kind="number" hint="0 chases on the day after the due date has passed." value=Signal::stored(chase.first_after_days) errors/>
                                    <Field name="chase_due_soon_days" label="Reminder, days before the due date" kind="number" hint="A reminder before a commitment falls due; 0 sends none." value=Signal::stored(chase.due_soon_days) errors/>
                                    <Field name="chase_repeat_days" label="Days between chases" kind="number" hint="While a chase is unanswered, it is sent again after this many days." value=Signal::stored(chase.repeat_days) errors/>
                                    <Field name="chase_escalate_after" label="Unanswered chases before the committee is told" kind="number" hint="Then the item is flagged \"no reply\" and goes on the next meeting's agenda." value=Signal::stored(chase.escalate_after) errors/>
                                    <Field name="chase_issue_days" label="Days an issue may wait for the supplier" kind="number" hint="Also how long a supplier's action with no due date may go unanswered." value=Signal::stored(chase.issue_days) errors/>
                                    <div class="field-row">
                                        <Field name="chase_quiet_from" label="Quiet hours from" kind="time" hint="No email from this time…" value=Signal::stored(chase.quiet_from) errors/>
                                        <Field name="chase_quiet_until" label="Quiet hours until" kind="time" hint="…until this one, the next morning if earlier." value=Signal::stored(chase.quiet_until) errors/>
                                    </div>
                                    <SelectField name="chase_skip_weekends" label="Email waits over weekends" options=waits("Monday") value=Signal::stored(chase.skip_weekends) errors/>
                                    <SelectField name="chase_skip_bank_holidays" label="Email waits over bank holidays" options=waits("working day") value=Signal::stored(chase.skip_bank_holidays) errors/>
                                    <p class="muted">{format!("The next bank holidays in England and Wales: {holidays}.")}</p>
                                    <button type="submit">"Save the chase policy"</button>
                                </ActionForm>
                            </section>
                            <ChangeHistory changes/>
                        }
                            .into_any()
                    }
                }
            })}
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
