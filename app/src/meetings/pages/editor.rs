//! The committee's pages: scheduling a meeting, and the editor of a meeting's details,
//! attendees and agenda, where each item's minutes are written and the minutes published.
//! Every form posts natively; a refused one comes back with its messages and what was typed.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::{
    error::FormErrors,
    meetings::{
        api::{find_issues, get_meeting, get_meeting_choices, get_working_copies, ScheduleMeeting},
        types::{
            AgendaItemId, Attendee, MeetingChoices, MeetingKind, MeetingView, MinutesStatus,
            OwnerChoice, WorkingCopy,
        },
    },
    ui::{
        errors::Refusal,
        forms::{action_failure, form_errors, Field, FormMessage, SelectField, SuccessNotice},
        markdown::MarkdownField,
        time,
    },
};

use super::{
    attachments::AttachmentsEditor, editor_actions::EditorActions, item_editor::ItemEditor,
    links::IssueSearch, meeting::meeting_in_url, outcomes::CarriedOver, *,
};

#[component]
pub fn ScheduleMeetingPage() -> impl IntoView {
    let schedule = ServerAction::<ScheduleMeeting>::new();
    let choices = OnceResource::new_blocking(get_meeting_choices());
    let errors = Signal::derive(move || form_errors(schedule.value().get()));

    view! {
        <Title text="Schedule a meeting"/>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match choices.await {
                    Err(error) => view! { <Refusal error/> }.into_any(),
                    Ok(choices) => view! {
                        <p class="breadcrumbs"><a href="/meetings">"Meetings"</a></p>
                        <h1>"Schedule a meeting"</h1>
                        <FormMessage error=Signal::derive(move || action_failure(schedule))/>
                        <ActionForm action=schedule attr:class="panel">
                            <MeetingFields choices errors current=None/>
                            <button type="submit">"Schedule meeting"</button>
                        </ActionForm>
                    }
                        .into_any(),
                }
            })}
        </Suspense>
    }
}

/// The meeting form's fields, holding `current` (a meeting being edited) to begin with.
#[component]
fn MeetingFields(
    choices: MeetingChoices,
    errors: Signal<FormErrors>,
    current: Option<MeetingView>,
) -> impl IntoView {
    let zone = time::zone();
    let (date, start) = current
        .as_ref()
        .map(|meeting| zone.form_fields(meeting.starts_at))
        .unwrap_or_default();
    let value = |text: String| Signal::stored(text);
    let kinds: Vec<(String, String)> = MeetingKind::ALL
        .into_iter()
        .map(|kind| (kind.as_str().to_owned(), kind.label().to_owned()))
        .collect();
    let mut series = vec![(String::new(), "None".to_owned())];
    series.extend(
        choices
            .series
            .into_iter()
            .map(|series| (series.id.0.to_string(), series.name)),
    );
    series.push(("new".to_owned(), "A new series (name it below)".to_owned()));
    let mut suppliers = vec![(String::new(), "None".to_owned())];
    suppliers.extend(
        choices
            .suppliers
            .into_iter()
            .map(|supplier| (supplier.id.0.to_string(), supplier.name)),
    );
    let current_text =
        |pick: fn(&MeetingView) -> String| current.as_ref().map(pick).unwrap_or_default();
    view! {
        <Field name="title" label="Title" required=true value=value(current_text(|m| m.title.clone())) errors/>
        <SelectField
            name="kind"
            label="Kind"
            options=kinds
            value=value(current.as_ref().map_or("watchdog".to_owned(), |m| m.kind.as_str().to_owned()))
            errors
        />
        <SelectField
            name="supplier"
            label="Supplier"
            hint="For a watchdog meeting: the supplier it is with."
            options=suppliers
            value=value(current_text(|m| m.supplier.as_ref().map(|s| s.id.0.to_string()).unwrap_or_default()))
            errors
        />
        <SelectField
            name="series"
            label="Series"
            hint="Meetings of a series carry their open actions over to the next one."
            options=series
            value=value(current_text(|m| m.series.as_ref().map(|s| s.id.0.to_string()).unwrap_or_default()))
            errors
        />
        <Field name="new_series" label="Name of the new series" hint="Only when starting a new series, e.g. \"Watchdog meetings with Example Clinical Systems\"." errors/>
        <div class="field-row">
            <Field name="date" label="Date" kind="date" required=true value=value(date) errors/>
            <Field
                name="time"
                label="Start time"
                kind="time"
                required=true
                hint="In the instance's time zone."
                value=value(if start.is_empty() { "10:00".to_owned() } else { start })
                errors
            />
            <Field
                name="duration"
                label="Length in minutes"
                kind="number"
                required=true
                value=value(current.as_ref().map_or("120".to_owned(), |m| m.duration_minutes.to_string()))
                errors
            />
        </div>
        <Field name="place" label="Place" hint="Optional: a room or an address." value=value(current_text(|m| m.place.clone())) errors/>
        <Field
            name="online_link"
            label="Online meeting link"
            kind="url"
            hint="Optional: the address people join the call at."
            value=value(current_text(|m| m.online_link.clone()))
            errors
        />
        <SelectField
            name="visibility"
            label="Who may read the minutes once published"
            options=visibility_options()
            value=value(current.as_ref().map_or("members".to_owned(), |m| m.visibility.as_str().to_owned()))
            errors
        />
    }
}

#[component]
pub fn MeetingEditorPage() -> impl IntoView {
    let meeting = meeting_in_url();
    let loaded = Resource::new_blocking(
        move || meeting.get(),
        |meeting| async move {
            let view = get_meeting(meeting).await?;
            if !view.may_manage {
                return Err(crate::error::AppError::Forbidden);
            }
            let copies = get_working_copies(meeting).await?;
            Ok((view, get_meeting_choices().await?, copies))
        },
    );
    let actions = EditorActions::new();
    let query = use_query_map();
    // A search for issues to link, made from one item's part of the page (`find_for`).
    let search = Resource::new_blocking(
        move || {
            let query = query.read();
            let item = query.get("find_for").and_then(|id| id.parse().ok());
            item.map(|item| (AgendaItemId(item), query.get("find").unwrap_or_default()))
        },
        |sought| async move {
            match sought {
                Some((item, text)) => find_issues(text.clone())
                    .await
                    .map(|found| Some(IssueSearch { item, text, found })),
                None => Ok(None),
            }
        },
    );
    let saved = move |what: &'static str| {
        Signal::derive(move || query.read().get("saved").as_deref() == Some(what))
    };

    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                let search = search.await;
                match loaded.await {
                    Err(error) => view! { <Refusal error/> }.into_any(),
                    Ok((meeting, choices, copies)) => {
                        let search = search.ok().flatten();
                        let choices_owners = choices.owners.clone();
                        let title = format!("Edit: {}", meeting.title);
                        view! {
                            <Title text=title.clone()/>
                            <p class="breadcrumbs">
                                <a href="/meetings">"Meetings"</a>
                                " › "
                                <a href=meeting.id.href()>{meeting.title.clone()}</a>
                            </p>
                            <h1>{title}</h1>
                            <SuccessNotice show=saved("scheduled") message="The meeting is scheduled. Add its attendees and agenda below."/>
                            <SuccessNotice show=saved("details") message="The meeting's details have been saved."/>
                            <SuccessNotice show=saved("item") message="The item has been saved."/>
                            <SuccessNotice show=saved("discarded") message="Your working copy has been discarded: the item shows its saved text."/>
                            <SuccessNotice show=saved("attached") message="The file has been attached."/>
                            <SuccessNotice show=saved("removed-file") message="The file has been removed."/>
                            <SuccessNotice show=saved("linked") message="The issue is linked to the item."/>
                            <SuccessNotice show=saved("unlinked") message="The issue is no longer linked to the item."/>
                            <SuccessNotice show=saved("imported") message="The minutes document's items have been added to the agenda."/>
                            <Publish meeting=meeting.clone() actions/>
                            <Details meeting=meeting.clone() choices actions/>
                            <Attendees meeting=meeting.clone() actions/>
                            <CarriedOver carried=meeting.carried_over.clone()/>
                            <AgendaEditor meeting=meeting.clone() owners=choices_owners copies search actions/>
                            <AttachmentsEditor
                                meeting=meeting.id
                                items=meeting.items
                                files=meeting.attachments
                                refused=Signal::derive(move || query.read().get("attach"))
                                remove=actions.remove_file
                            />
                        }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn Publish(meeting: MeetingView, actions: EditorActions) -> impl IntoView {
    (meeting.status == MinutesStatus::Draft).then(|| {
        view! {
            <section class="panel" aria-labelledby="publish-heading">
                <h2 id="publish-heading">"Publish the minutes"</h2>
                <p>
                    "The minutes are a draft: only the committee sees them. Publishing shows them to "
                    {readers(meeting.visibility)}
                    ", as the meeting's visibility says."
                </p>
                <FormMessage error=Signal::derive(move || action_failure(actions.publish))/>
                <ActionForm action=actions.publish>
                    <input type="hidden" name="meeting" value=meeting.id.0.to_string()/>
                    <input type="hidden" name="version" value=meeting.version.to_string()/>
                    <button type="submit">"Publish minutes"</button>
                </ActionForm>
            </section>
        }
    })
}

/// Who reads published minutes of this visibility, in a sentence.
fn readers(visibility: crate::meetings::types::Visibility) -> &'static str {
    use crate::meetings::types::Visibility;
    match visibility {
        Visibility::Public => "everyone, signed in or not",
        Visibility::Members => "every member (and the supplier's own representatives)",
        Visibility::Committee => "the committee only",
    }
}

#[component]
fn Details(meeting: MeetingView, choices: MeetingChoices, actions: EditorActions) -> impl IntoView {
    let errors = Signal::derive(move || form_errors(actions.details.value().get()));
    let (id, version) = (meeting.id.0.to_string(), meeting.version.to_string());
    view! {
        <details class="panel" open=move || action_failure(actions.details).is_some()>
            <summary><h2 class="summary-heading">"Details"</h2></summary>
            <FormMessage error=Signal::derive(move || action_failure(actions.details))/>
            <ActionForm action=actions.details>
                <input type="hidden" name="meeting" value=id/>
                <input type="hidden" name="version" value=version/>
                <MeetingFields choices errors current=Some(meeting)/>
                <button type="submit">"Save details"</button>
            </ActionForm>
        </details>
    }
}

#[component]
fn Attendees(meeting: MeetingView, actions: EditorActions) -> impl IntoView {
    let errors = Signal::derive(move || form_errors(actions.add_attendee.value().get()));
    let id = meeting.id.0.to_string();
    let row = move |attendee: Attendee| {
        let name = attendee.name.clone();
        let detail = [attendee.role, attendee.organisation]
            .into_iter()
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join(", ");
        view! {
            <tr>
                <td>{attendee.name}</td>
                <td data-label="Role">{detail}</td>
                <td data-label="Came">{if attendee.apologies { "Sent apologies" } else { "Present" }}</td>
                <td>
                    <ActionForm action=actions.remove_attendee attr:class="inline-form">
                        <input type="hidden" name="meeting" value=meeting.id.0.to_string()/>
                        <input type="hidden" name="attendee" value=attendee.id.0.to_string()/>
                        <button type="submit" class="button--quiet">
                            "Remove" <span class="visually-hidden">" " {name}</span>
                        </button>
                    </ActionForm>
                </td>
            </tr>
        }
    };
    view! {
        <section aria-labelledby="attendees-heading">
            <h2 id="attendees-heading">"Attendance"</h2>
            <FormMessage error=Signal::derive(move || action_failure(actions.remove_attendee))/>
            {if meeting.attendees.is_empty() {
                view! { <p>"No one is listed yet."</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap">
                        <table class="list">
                            <thead>
                                <tr>
                                    <th scope="col">"Name"</th>
                                    <th scope="col">"Role and organisation"</th>
                                    <th scope="col">"Came"</th>
                                    <th scope="col"><span class="visually-hidden">"Remove"</span></th>
                                </tr>
                            </thead>
                            <tbody>{meeting.attendees.into_iter().map(row).collect_view()}</tbody>
                        </table>
                    </div>
                }
                    .into_any()
            }}
            <details class="panel" open=move || !errors.get().fields.is_empty()>
                <summary>"Add someone"</summary>
                <FormMessage error=Signal::derive(move || action_failure(actions.add_attendee))/>
                <ActionForm action=actions.add_attendee>
                    <input type="hidden" name="meeting" value=id/>
                    <Field name="name" label="Name" required=true errors/>
                    <Field name="role" label="Role" hint="Optional, e.g. \"Chair\" or \"communications department lead\"." errors/>
                    <Field name="organisation" label="Organisation" hint="Optional, e.g. \"the supplier\" or a practice." errors/>
                    <label class="checkbox">
                        <input type="checkbox" name="apologies" value="on"/>
                        "Sent apologies (did not attend)"
                    </label>
                    <button type="submit">"Add"</button>
                </ActionForm>
            </details>
        </section>
    }
}

#[component]
fn AgendaEditor(
    meeting: MeetingView,
    owners: Vec<OwnerChoice>,
    copies: Vec<WorkingCopy>,
    search: Option<IssueSearch>,
    actions: EditorActions,
) -> impl IntoView {
    let add_errors = Signal::derive(move || form_errors(actions.add_item.value().get()));
    let count = meeting.items.len();
    let said = time::zone().clock(meeting.starts_at).date();
    let meeting_visibility = meeting.visibility.as_str().to_owned();
    // A refused save of an item that is no longer on the agenda (someone removed it): its
    // message and the text that was typed show here, never lost.
    let shown: Vec<String> = meeting
        .items
        .iter()
        .map(|item| item.id.0.to_string())
        .collect();
    let orphan = Signal::derive(move || {
        let errors = form_errors(actions.edit_item.value().get());
        let item = errors.kept.get("item")?;
        (!shown.contains(item)).then_some(errors)
    });
    view! {
        <section aria-labelledby="agenda-heading">
            <h2 id="agenda-heading">"Agenda and minutes"</h2>
            <FormMessage error=Signal::derive(move || action_failure(actions.move_item))/>
            <FormMessage error=Signal::derive(move || action_failure(actions.remove_item))/>
            <FormMessage error=Signal::derive(move || action_failure(actions.outcomes.remove_action))/>
            <FormMessage error=Signal::derive(move || action_failure(actions.outcomes.remove_decision))/>
            <FormMessage error=Signal::derive(move || action_failure(actions.links.link))/>
            <FormMessage error=Signal::derive(move || action_failure(actions.links.unlink))/>
            {move || orphan.get().map(|errors| view! {
                <div class="notice notice--error" role="alert">
                    <p>{errors.form.clone().unwrap_or_default()}</p>
                    <label for="orphan-minutes">"Your text"</label>
                    <textarea id="orphan-minutes" readonly rows="8">{errors.kept.get("minutes").cloned().unwrap_or_default()}</textarea>
                </div>
            })}
            {(count == 0).then(|| view! { <p>"No items yet: add the first below."</p> })}
            {meeting
                .items
                .into_iter()
                .map(|item| {
                    let supplier = meeting.supplier.clone();
                    let copy = copies.iter().find(|copy| copy.item == item.id).cloned();
                    let search = search.clone().filter(|search| search.item == item.id);
                    view! { <ItemEditor meeting_href=meeting.id.href() item copy search last=count supplier owners=owners.clone() said actions/> }
                })
                .collect_view()}
            <p>
                <a href=format!("{}/import", meeting.id.href())>"Bring in minutes from a document"</a>
                " — paste minutes written elsewhere and Watchdog proposes their agenda items."
            </p>
            <section class="panel" aria-labelledby="add-item-heading">
                <h3 id="add-item-heading">"Add an item"</h3>
                <FormMessage error=Signal::derive(move || action_failure(actions.add_item))/>
                <ActionForm action=actions.add_item>
                    <input type="hidden" name="meeting" value=meeting.id.0.to_string()/>
                    <Field name="heading" label="Heading" required=true id_suffix="new" errors=add_errors/>
                    <Field name="presenter" label="Presenter" hint="Optional." id_suffix="new" errors=add_errors/>
                    <SelectField
                        name="visibility"
                        label="Who may read this item"
                        options=visibility_options()
                        value=Signal::stored(meeting_visibility)
                        id_suffix="new"
                        errors=add_errors
                    />
                    <MarkdownField name="minutes" label="Minutes" rows=6 id_suffix="new" hint="Optional now: write them during or after the meeting. Markdown; #12 links issue 12." errors=add_errors/>
                    <button type="submit">"Add item"</button>
                </ActionForm>
            </section>
        </section>
    }
}
