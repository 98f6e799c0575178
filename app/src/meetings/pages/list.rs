//! The meetings list: upcoming meetings, then past ones by year, filtered by kind and series
//! in the URL.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{components::Form, hooks::use_location};

use crate::{
    error::FormErrors,
    meetings::{
        api::get_meetings,
        types::{MeetingKind, MeetingSummary, MeetingsList},
    },
    ui::{errors::Refusal, forms::SelectField, time},
};

use super::*;

#[component]
pub fn MeetingsPage() -> impl IntoView {
    let location = use_location();
    let list = Resource::new_blocking(
        move || location.search.get(),
        |query| get_meetings(query.trim_start_matches('?').to_owned()),
    );

    view! {
        <Title text="Meetings"/>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Err(error) => view! { <Refusal error/> }.into_any(),
                    Ok(list) => view! { <MeetingsView list query=location.search.get_untracked()/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn MeetingsView(list: MeetingsList, query: String) -> impl IntoView {
    let MeetingsList {
        upcoming,
        past,
        older,
        series,
        may_manage,
    } = list;
    let chosen = |key: &str| {
        form_urlencoded::parse(query.trim_start_matches('?').as_bytes())
            .find(|(name, _)| name == key)
            .map(|(_, value)| value.into_owned())
            .unwrap_or_default()
    };
    let (kind, chosen_series) = (chosen("kind"), chosen("series"));
    let older_href = older.map(|before| {
        let mut query = form_urlencoded::Serializer::new(String::new());
        if !kind.is_empty() {
            query.append_pair("kind", &kind);
        }
        if !chosen_series.is_empty() {
            query.append_pair("series", &chosen_series);
        }
        query.append_pair("before", &before.0.to_string());
        format!("/meetings?{}", query.finish())
    });
    let paged = !chosen("before").is_empty();
    let mut kind_options = vec![(String::new(), "Any".to_owned())];
    kind_options.extend(
        MeetingKind::ALL
            .into_iter()
            .map(|kind| (kind.as_str().to_owned(), kind.label().to_owned())),
    );
    let mut series_options = vec![(String::new(), "Any".to_owned())];
    series_options.extend(
        series
            .into_iter()
            .map(|series| (series.id.0.to_string(), series.name)),
    );
    let no_errors = Signal::stored(FormErrors::default());

    view! {
        <div class="page-heading">
            <h1>"Meetings"</h1>
            {may_manage.then(|| view! { <a class="button" href="/meetings/new">"Schedule a meeting"</a> })}
        </div>
        <Form method="GET" action="/meetings" attr:class="filters" attr:role="search" attr:aria-label="Filter meetings">
            <SelectField name="kind" label="Kind" options=kind_options value=Signal::stored(kind.clone()) errors=no_errors/>
            <SelectField name="series" label="Series" options=series_options value=Signal::stored(chosen_series.clone()) errors=no_errors/>
            <div class="filters__actions">
                <button type="submit">"Show"</button>
            </div>
        </Form>
        {(!paged).then(|| view! {
            <section aria-labelledby="upcoming-heading">
                <h2 id="upcoming-heading">"Upcoming"</h2>
                {if upcoming.is_empty() {
                    view! { <p>"No meetings are scheduled."</p> }.into_any()
                } else {
                    view! { <MeetingTable meetings=upcoming/> }.into_any()
                }}
            </section>
        })}
        <section aria-labelledby="past-heading">
            <h2 id="past-heading">"Past"</h2>
            {if past.is_empty() {
                view! { <p>"No past meetings to show."</p> }.into_any()
            } else {
                by_year(past)
                    .into_iter()
                    .map(|(year, meetings)| {
                        view! {
                            <h3>{year}</h3>
                            <MeetingTable meetings/>
                        }
                    })
                    .collect_view()
                    .into_any()
            }}
            <nav class="pager" aria-label="Pages">
                {paged.then(|| view! { <a href="/meetings">"Latest meetings"</a> })}
                {older_href.map(|href| view! { <a href=href rel="next">"Older meetings"</a> })}
            </nav>
        </section>
    }
}

/// Past meetings grouped by the year they were held in (newest first, as they come).
fn by_year(meetings: Vec<MeetingSummary>) -> Vec<(String, Vec<MeetingSummary>)> {
    let zone = time::zone();
    let mut years: Vec<(String, Vec<MeetingSummary>)> = Vec::new();
    for meeting in meetings {
        let year = zone.clock(meeting.starts_at).format("%Y").to_string();
        match years.last_mut() {
            Some((last, group)) if *last == year => group.push(meeting),
            _ => years.push((year, vec![meeting])),
        }
    }
    years
}

#[component]
fn MeetingTable(meetings: Vec<MeetingSummary>) -> impl IntoView {
    view! {
        <div class="table-wrap">
            <table class="list">
                <thead>
                    <tr>
                        <th scope="col">"Meeting"</th>
                        <th scope="col">"When"</th>
                        <th scope="col">"Kind"</th>
                        <th scope="col">"Supplier"</th>
                        <th scope="col" class="numeric">"Items"</th>
                    </tr>
                </thead>
                <tbody>
                    {meetings
                        .into_iter()
                        .map(|meeting| {
                            view! {
                                <tr>
                                    <td>
                                        <a href=meeting.id.href()>{meeting.title}</a>
                                        " "
                                        <DraftBadge status=meeting.status/>
                                        {meeting.series.map(|series| view! { <br/><span class="muted">{series}</span> })}
                                    </td>
                                    <td data-label="When">{time::date_time(meeting.starts_at)}</td>
                                    <td data-label="Kind">{meeting.kind.label()}</td>
                                    <td data-label="Supplier">{meeting.supplier.unwrap_or_default()}</td>
                                    <td class="numeric" data-label="Items">{meeting.items}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}
