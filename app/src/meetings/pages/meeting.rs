//! A meeting's page: when and where, who came, the contents, and the minutes item by item
//! (those the reader may see; the page says how many were withheld).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::{
    meetings::{
        api::get_meeting,
        types::{AgendaItemView, AttachmentView, Attendee, MeetingId, MeetingView, MinutesStatus},
    },
    ui::{errors::Refusal, forms::SuccessNotice, markdown::MarkdownView, time},
};

use super::{
    attachments::{ItemAttachments, MeetingPapers},
    links::LinkedIssues,
    outcomes::{CarriedOver, Outcomes},
    *,
};

/// The meeting in the URL (`/meetings/:id`); an id that is not a number is a missing meeting.
pub(super) fn meeting_in_url() -> Memo<MeetingId> {
    let id = crate::ui::url::id_in_url();
    Memo::new(move |_| MeetingId(id.get()))
}

#[component]
pub fn MeetingPage() -> impl IntoView {
    meeting_page(false)
}

/// The minutes as a document for paper (`/meetings/:id/print`): no navigation or forms, A4
/// with page numbers where the browser prints them (`@page` in the style sheet).
#[component]
pub fn MeetingPrintPage() -> impl IntoView {
    meeting_page(true)
}

fn meeting_page(print: bool) -> impl IntoView {
    let meeting = meeting_in_url();
    let view = Resource::new_blocking(move || meeting.get(), get_meeting);
    let query = use_query_map();
    let published =
        Signal::derive(move || query.read().get("changed").as_deref() == Some("published"));

    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match view.await {
                    Err(error) => view! { <Refusal error/> }.into_any(),
                    Ok(meeting) if print => view! { <article class="print-view"><Meeting meeting print/></article> }.into_any(),
                    Ok(meeting) => view! {
                        <SuccessNotice show=published message="The minutes are published."/>
                        <Meeting meeting print/>
                    }
                        .into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Meeting(meeting: MeetingView, print: bool) -> impl IntoView {
    let MeetingView {
        id,
        title,
        kind,
        series,
        starts_at,
        duration_minutes,
        place,
        online_link,
        supplier,
        visibility,
        status,
        published_at,
        published_by,
        attendees,
        items,
        withheld,
        carried_over,
        attachments,
        version: _,
        commitments_made,
        may_manage,
    } = meeting;
    let (present, apologies): (Vec<Attendee>, Vec<Attendee>) = attendees
        .into_iter()
        .partition(|attendee| !attendee.apologies);
    let publication = match (status, published_at) {
        (MinutesStatus::Published, Some(at)) => Some(format!(
            "Minutes published on {}{}.",
            time::date(at),
            published_by
                .map(|by| format!(" by {by}"))
                .unwrap_or_default()
        )),
        _ => None,
    };
    view! {
        <Title text=title.clone()/>
        {(!print).then(|| view! {
            <p class="breadcrumbs">
                <a href="/meetings">"Meetings"</a>
            </p>
        })}
        <div class="page-heading">
            <h1>{title} " " <DraftBadge status/></h1>
            {(!print).then(|| view! {
                <div class="button-row">
                    <a class="button button--secondary" href=format!("{}/print", id.href())>"Print view"</a>
                    {may_manage.then(|| view! {
                        <a class="button button--secondary" href=format!("{}/edit", id.href())>"Edit meeting and minutes"</a>
                    })}
                </div>
            })}
        </div>
        {(status == MinutesStatus::Draft).then(|| {
            let note = if may_manage {
                "These minutes are a draft: only the committee can see them until they are published."
            } else {
                "The minutes of this meeting are not published yet."
            };
            view! {
                <div class="notice" role="note">
                    <p>{note}</p>
                </div>
            }
        })}
        <dl class="facts">
            <dt>"When"</dt>
            <dd>{when(starts_at, duration_minutes)}</dd>
            {(!place.is_empty()).then(|| view! { <dt>"Where"</dt><dd>{place}</dd> })}
            {(!online_link.is_empty()).then(|| view! {
                <dt>"Online"</dt>
                <dd><a href=online_link.clone() rel="noopener noreferrer">{online_link.clone()}</a></dd>
            })}
            <dt>"Kind"</dt>
            <dd>{kind.label()}</dd>
            {supplier.map(|supplier| view! { <dt>"Supplier"</dt><dd>{supplier.name}</dd> })}
            {series.map(|series| view! {
                <dt>"Series"</dt>
                <dd><a href=format!("/meetings?series={}", series.id.0)>{series.name}</a></dd>
            })}
            {(may_manage && !print).then(|| view! { <dt>"Who may read it"</dt><dd>{visibility_note(visibility)}</dd> })}
            {(commitments_made && !print).then(|| view! {
                <dt>"Commitments"</dt>
                <dd><a href=format!("/commitments?meeting={}", id.0)>"Promised at this meeting"</a></dd>
            })}
        </dl>
        {publication.map(|text| view! { <p class="muted">{text}</p> })}
        <People present apologies/>
        <MeetingPapers files=attachments.clone()/>
        <CarriedOver carried=carried_over/>
        {(status == MinutesStatus::Published || may_manage).then(|| view! { <Agenda meeting=id items withheld files=attachments may_manage/> })}
    }
}

#[component]
fn People(present: Vec<Attendee>, apologies: Vec<Attendee>) -> impl IntoView {
    let line = |attendee: Attendee| {
        let detail = [attendee.role, attendee.organisation]
            .into_iter()
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join(", ");
        view! {
            <li>
                {attendee.name}
                {(!detail.is_empty()).then(|| view! { <span class="muted">" — " {detail}</span> })}
            </li>
        }
    };
    (!present.is_empty() || !apologies.is_empty()).then(|| {
        view! {
            <section class="attendance" aria-labelledby="attendance-heading">
                <h2 id="attendance-heading">"Attendance"</h2>
                {(!present.is_empty()).then(|| view! {
                    <h3>"Present"</h3>
                    <ul>{present.into_iter().map(line).collect_view()}</ul>
                })}
                {(!apologies.is_empty()).then(|| view! {
                    <h3>"Apologies"</h3>
                    <ul>{apologies.into_iter().map(line).collect_view()}</ul>
                })}
            </section>
        }
    })
}

#[component]
fn Agenda(
    meeting: MeetingId,
    items: Vec<AgendaItemView>,
    withheld: usize,
    files: Vec<AttachmentView>,
    may_manage: bool,
) -> impl IntoView {
    let withheld_note = match withheld {
        0 => None,
        1 => Some("One item of this meeting is not shown to you.".to_owned()),
        n => Some(format!("{n} items of this meeting are not shown to you.")),
    };
    view! {
        {(!items.is_empty()).then(|| view! {
            <nav class="contents" aria-labelledby="contents-heading">
                <h2 id="contents-heading">"Contents"</h2>
                <ol>
                    {items
                        .iter()
                        .map(|item| view! { <li><a href=format!("#item-{}", item.id.0)>{item.heading.clone()}</a></li> })
                        .collect_view()}
                </ol>
            </nav>
        })}
        {withheld_note.map(|note| view! { <p class="notice" role="note">{note}</p> })}
        {if items.is_empty() && withheld == 0 {
            view! { <p>"The agenda is empty so far."</p> }.into_any()
        } else {
            items
                .into_iter()
                .map(|item| {
                    view! {
                        <section class="agenda-item" id=format!("item-{}", item.id.0) aria-labelledby=format!("item-{}-heading", item.id.0)>
                            <h2 id=format!("item-{}-heading", item.id.0)>{format!("{}. {}", item.number, item.heading)}</h2>
                            {(!item.presenter.is_empty()).then(|| view! { <p class="muted">"Presented by " {item.presenter.clone()}</p> })}
                            {item.revised.map(|(at, _)| {
                                let revisions = format!("{}/items/{}/revisions", meeting.href(), item.id.0);
                                view! {
                                    <p class="muted">
                                        "Revised on " {time::date(at)}
                                        {may_manage.then(|| view! { " · " <a href=revisions>"Revisions"</a> })}
                                    </p>
                                }
                            })}
                            <MarkdownView html=item.minutes/>
                            <ItemAttachments item=item.id files=files.clone()/>
                            <LinkedIssues issues=item.issues/>
                            <Outcomes actions=item.actions decisions=item.decisions/>
                        </section>
                    }
                })
                .collect_view()
                .into_any()
        }}
    }
}
