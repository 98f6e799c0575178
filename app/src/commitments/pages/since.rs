//! "Since the last meeting" (`/commitments/since`): what was promised, slipped, delivered,
//! withdrawn or went overdue since a meeting held, the latest one unless another is chosen;
//! of that meeting's supplier when it has one.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{components::Form, hooks::use_location};

use super::*;
use crate::{
    commitments::{
        api::get_since,
        types::since::{Changed, FromMeeting, Since, SincePage, MEETING_KEY, SINCE_ROWS},
    },
    error::FormErrors,
    ui::{errors::Refusal, forms::SelectField},
};

#[component]
pub fn SincePageView() -> impl IntoView {
    let location = use_location();
    let page = Resource::new_blocking(
        move || location.search.get(),
        |query| get_since(query.trim_start_matches('?').to_owned()),
    );
    view! {
        <Title text="Since the last meeting"/>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Err(error) => view! { <Refusal error/> }.into_any(),
                    Ok(page) => view! { <Since page/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// "15 June 2026: Watchdog meeting (Example Clinical Systems)".
fn meeting_label(meeting: &FromMeeting) -> String {
    match &meeting.supplier_name {
        Some(supplier) => format!("{}: {} ({supplier})", day(meeting.day), meeting.title),
        None => format!("{}: {}", day(meeting.day), meeting.title),
    }
}

/// Whether a section holds a promise, from what happened to it.
type Holds = fn(&Since) -> bool;

/// The page's sections: a heading, and which promises it holds.
const SECTIONS: [(&str, Holds); 5] = [
    ("New promises", |since| since.promised),
    ("Slipped", |since| since.slipped > 0),
    ("Went overdue", |since| since.went_overdue),
    ("Delivered", |since| since.delivered),
    ("Withdrawn", |since| since.withdrawn),
];

#[component]
fn Since(page: SincePage) -> impl IntoView {
    let SincePage {
        meeting,
        meetings,
        changed,
        more,
        today,
    } = page;
    let Some(meeting) = meeting else {
        return view! {
            <h1>"Since the last meeting"</h1>
            <p>"No meeting has been held yet that you can see."</p>
        }
        .into_any();
    };
    let options: Vec<(String, String)> = meetings
        .iter()
        .map(|held| (held.id.0.to_string(), meeting_label(held)))
        .collect();
    let whose = match &meeting.supplier_name {
        Some(supplier) => format!("The promises of {supplier}"),
        None => "Every supplier's promises".to_owned(),
    };
    let sections = SECTIONS
        .into_iter()
        .enumerate()
        .map(|(index, (heading, holds))| {
            let rows: Vec<&Changed> = changed.iter().filter(|row| holds(&row.since)).collect();
            let count = format!("({})", rows.len());
            let (id, labelled_by) = (format!("since-{index}"), format!("since-{index}"));
            let list = if rows.is_empty() {
                view! { <p class="muted">"None."</p> }.into_any()
            } else {
                let show_supplier = meeting.supplier_name.is_none();
                view! {
                    <ul class="since__list">
                        {rows.into_iter().map(|row| since_row(row, today, show_supplier)).collect_view()}
                    </ul>
                }
                .into_any()
            };
            view! {
                <section aria-labelledby=labelled_by>
                    <h2 id=id>{heading} " " <span class="muted">{count}</span></h2>
                    {list}
                </section>
            }
        })
        .collect_view();
    view! {
        <div class="page-heading">
            <h1>{format!("Since the meeting of {}", day(meeting.day))}</h1>
            <div class="page-heading__actions">
                <a href=meeting.id.href()>{meeting.title.clone()}</a>
                <a href="/commitments/roadmap">"Roadmap by quarter"</a>
            </div>
        </div>
        <p class="muted">
            {whose} ": those made, slipped, gone overdue, delivered or withdrawn from "
            {day(meeting.day)} " to today, " {day(today)} "."
        </p>
        <Form method="GET" action="/commitments/since" attr:class="filters" attr:role="search" attr:aria-label="Choose a meeting">
            <SelectField name=MEETING_KEY label="Since the meeting of" options=options value=Signal::stored(meeting.id.0.to_string()) errors=Signal::stored(FormErrors::default())/>
            <div class="filters__actions">
                <button type="submit">"Show"</button>
            </div>
        </Form>
        {more.then(|| view! {
            <p class="notice">{format!("More than {SINCE_ROWS} promises changed: the newest {SINCE_ROWS} are shown.")}</p>
        })}
        {sections}
    }
    .into_any()
}

fn since_row(row: &Changed, today: NaiveDate, show_supplier: bool) -> impl IntoView {
    let summary = &row.summary;
    let rating = summary.standing.rating(today);
    let slipped = match row.since.slipped {
        0 => None,
        1 => Some("slipped once since".to_owned()),
        2 => Some("slipped twice since".to_owned()),
        n => Some(format!("slipped {n} times since")),
    };
    let supplier = show_supplier
        .then(|| view! { <span class="muted">{format!(" · {}", summary.supplier_name)}</span> });
    view! {
        <li>
            <a href=summary.id.href()>
                <span class="issue-number">{summary.id.label()}</span> " " {summary.title.clone()}
            </a>
            {supplier}
            " " <RatingBadge rating/>
            <br/>
            <span class="muted">"Promised now: "</span>
            <PromiseText promise=summary.promise.clone()/>
            {slipped.map(|text| view! { <span class="muted">{format!("; {text}")}</span> })}
        </li>
    }
}
