//! The roadmap by quarter (`/commitments/roadmap`): a column per quarter, four before
//! today's and four after it. Each promise still owed sits in the quarter it is due in now,
//! with the trail of quarters it has been due in; where a trail starts, the first quarter
//! shows it moved on. Overdue promises are marked, delivered ones ticked in the quarter they
//! landed, and those with no date (a condition, vague words) have a column of their own.
//! Plain HTML: read the same with JavaScript off, on a phone, and printed.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{components::Form, hooks::use_location};

use super::*;
use crate::{
    commitments::{
        api::get_roadmap,
        types::{
            keys, overdue_words,
            roadmap::{Card, Column, Lane, Roadmap, When},
            CommitmentFilter, Rating, SupplierId,
        },
    },
    error::FormErrors,
    ui::{errors::Refusal, forms::SelectField},
};

#[component]
pub fn RoadmapPage() -> impl IntoView {
    let location = use_location();
    let roadmap = Resource::new_blocking(
        move || location.search.get(),
        |query| get_roadmap(query.trim_start_matches('?').to_owned()),
    );
    view! {
        <Title text="Roadmap by quarter"/>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match roadmap.await {
                    Err(error) => view! { <Refusal error/> }.into_any(),
                    Ok(roadmap) => view! { <RoadmapView roadmap/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// How a card reads: what the lane it sits in says about it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shown {
    Owed,
    Delivered,
    MovedOn,
}

#[component]
fn RoadmapView(roadmap: Roadmap) -> impl IntoView {
    let Roadmap {
        columns,
        earlier,
        later,
        undated,
        supplier,
        suppliers,
        today,
    } = roadmap;
    let one_supplier = supplier.is_some() || suppliers.len() == 1;
    let supplier_options: Vec<_> = std::iter::once((String::new(), "All suppliers".to_owned()))
        .chain(
            suppliers
                .into_iter()
                .map(|(id, name)| (id.0.to_string(), name)),
        )
        .collect();
    let chosen = Signal::stored(supplier.map(|id| id.0.to_string()).unwrap_or_default());
    let cards = Cards {
        today,
        supplier,
        one_supplier,
    };
    let (first, last) = match (columns.first(), columns.last()) {
        (Some(first), Some(last)) => (first.quarter.label.clone(), last.quarter.label.clone()),
        _ => (String::new(), String::new()),
    };
    let earlier = (earlier.total > 0).then(|| {
        let list = cards.list_href(CommitmentFilter {
            rating: Some(Rating::Overdue),
            ..CommitmentFilter::default()
        });
        view! {
            <section class="roadmap__column roadmap__column--past" aria-labelledby="quarter-earlier">
                <h2 id="quarter-earlier">"Before " {first}</h2>
                {cards.lane("Overdue", Shown::Owed, earlier, list)}
            </section>
        }
    });
    let later = (later.total > 0).then(|| {
        view! {
            <section class="roadmap__column" aria-labelledby="quarter-later">
                <h2 id="quarter-later">"After " {last}</h2>
                {cards.lane("Due", Shown::Owed, later, None)}
            </section>
        }
    });
    let undated_list = cards.list_href(CommitmentFilter {
        rating: Some(Rating::NotYetConcrete),
        ..CommitmentFilter::default()
    });
    view! {
        <div class="page-heading">
            <h1>"Roadmap by quarter"</h1>
            <div class="page-heading__actions">
                <a href="/commitments">"All commitments"</a>
                <a href="/commitments/scorecard">"Scorecards"</a>
            </div>
        </div>
        <p class="muted">
            "Each promise still owed sits in the quarter it is due in now, with the quarters it was due in before; "
            "delivered ones are ticked in the quarter they landed. Today is " {day(today)} "."
        </p>
        <Form method="GET" action="/commitments/roadmap" attr:class="filters" attr:role="search" attr:aria-label="Choose a supplier">
            <SelectField name=keys::SUPPLIER label="Supplier" options=supplier_options value=chosen errors=Signal::stored(FormErrors::default())/>
            <div class="filters__actions">
                <button type="submit">"Show"</button>
            </div>
        </Form>
        <div class="roadmap">
            {earlier}
            {columns.into_iter().enumerate().map(|(index, column)| cards.column(index, column)).collect_view()}
            {later}
            <section class="roadmap__column roadmap__column--undated" aria-labelledby="quarter-undated">
                <h2 id="quarter-undated">"No date yet"</h2>
                <p class="muted roadmap__note">"Promised once something happens, or in words that name no time."</p>
                {cards.lane("Waiting", Shown::Owed, undated, undated_list)}
            </section>
        </div>
    }
}

/// Draws the columns and cards of one roadmap.
#[derive(Clone, Copy)]
struct Cards {
    today: NaiveDate,
    supplier: Option<SupplierId>,
    /// Every card is one supplier's: their names need not be repeated.
    one_supplier: bool,
}

impl Cards {
    /// The commitments list, filtered as `filter` says and to the roadmap's supplier.
    fn list_href(&self, filter: CommitmentFilter) -> Option<String> {
        let filter = CommitmentFilter {
            supplier: self.supplier,
            ..filter
        };
        Some(format!("/commitments?{}", filter.to_query(None)))
    }

    fn column(&self, index: usize, column: Column) -> impl IntoView {
        let Column {
            quarter,
            due,
            delivered,
            moved_on,
        } = column;
        let (heading_id, labelled_by) = (format!("quarter-{index}"), format!("quarter-{index}"));
        let (modifier, due_heading) = match quarter.when {
            When::Past => ("past", "Overdue"),
            When::Current => ("current", "Due"),
            When::Future => ("future", "Due"),
        };
        let current = (quarter.when == When::Current)
            .then(|| view! { <span class="badge badge--current">"this quarter"</span> });
        let empty = (due.total == 0 && delivered.total == 0 && moved_on.total == 0)
            .then(|| view! { <p class="muted roadmap__note">"Nothing due or delivered."</p> });
        let due_list = self.list_href(CommitmentFilter {
            due: Some(quarter.window),
            ..CommitmentFilter::default()
        });
        view! {
            <section class=format!("roadmap__column roadmap__column--{modifier}") aria-labelledby=labelled_by>
                <h2 id=heading_id>
                    {quarter.label.clone()} " " {current}
                    <span class="roadmap__days">{quarter.window.describe()}</span>
                </h2>
                {empty}
                {(due.total > 0).then(|| self.lane(due_heading, Shown::Owed, due, due_list))}
                {(delivered.total > 0).then(|| self.lane("Delivered", Shown::Delivered, delivered, None))}
                {(moved_on.total > 0).then(|| self.lane("Moved on", Shown::MovedOn, moved_on, None))}
            </section>
        }
    }

    /// A lane: its heading with the count, its cards, and a link to the rest.
    fn lane(
        &self,
        heading: &'static str,
        shown: Shown,
        lane: Lane,
        list: Option<String>,
    ) -> impl IntoView {
        let rest = lane.total - i64::try_from(lane.cards.len()).unwrap_or(0);
        let more = (rest > 0).then(|| match list {
            Some(href) => view! { <p class="roadmap__more"><a href=href>{format!("All {} in the list", lane.total)}</a></p> }.into_any(),
            None => view! { <p class="roadmap__more muted">{format!("and {rest} more")}</p> }.into_any(),
        });
        let this = *self;
        view! {
            <h3 class="roadmap__lane">{heading} " " <span class="muted">{format!("({})", lane.total)}</span></h3>
            <ul class="roadmap__cards">
                {lane.cards.into_iter().map(|card| this.card(shown, card)).collect_view()}
            </ul>
            {more}
        }
    }

    fn card(&self, shown: Shown, card: Card) -> impl IntoView {
        let Card { summary, trail } = card;
        let rating = summary.standing.rating(self.today);
        let overdue = summary
            .standing
            .overdue(self.today)
            .filter(|_| shown == Shown::Owed)
            .map(|(current, original)| view! { <span class="overdue">{overdue_words(current, original)}</span> });
        let class = match (shown, rating) {
            (Shown::MovedOn, _) => "roadmap__card roadmap__card--moved",
            (Shown::Delivered, _) => "roadmap__card roadmap__card--delivered",
            (_, Rating::Overdue) => "roadmap__card roadmap__card--overdue",
            _ => "roadmap__card",
        };
        let who = (!self.one_supplier).then(|| {
            let name = match &summary.module_name {
                Some(module) => format!("{} · {module}", summary.supplier_name),
                None => summary.supplier_name.clone(),
            };
            view! { <span class="muted roadmap__who">{name}</span> }
        });
        let state = match shown {
            Shown::Delivered => {
                let on = summary.standing.delivered_on.map(day).unwrap_or_default();
                view! {
                    <span class="roadmap__tick" aria-hidden="true">"✓"</span>
                    {format!(" Delivered {on} ")}
                    <RatingBadge rating/>
                }
                .into_any()
            }
            Shown::MovedOn => {
                let now = trail.last().cloned().unwrap_or_else(|| summary.promise.timeframe.clone());
                view! { <span>"First promised for this quarter; now due in " <strong>{now}</strong></span> }.into_any()
            }
            Shown::Owed => view! {
                <RatingBadge rating/>
                " " {overdue}
                <span class="roadmap__said">"Said: \u{201c}" {summary.promise.words.clone()} "\u{201d}"</span>
            }
            .into_any(),
        };
        let trail = (trail.len() > 1 && shown != Shown::MovedOn).then(|| {
            let last = trail.len() - 1;
            view! {
                <span class="roadmap__trail">
                    "Due in: "
                    {trail
                        .into_iter()
                        .enumerate()
                        .map(|(index, quarter)| {
                            let arrow = (index > 0).then_some(" → ");
                            if index == last {
                                view! { {arrow} <strong>{quarter}</strong> }.into_any()
                            } else {
                                view! { {arrow} <s>{quarter}</s> }.into_any()
                            }
                        })
                        .collect_view()}
                </span>
            }
        });
        view! {
            <li class=class>
                <a href=summary.id.href()>
                    <span class="issue-number">{summary.id.label()}</span> " " {summary.title.clone()}
                </a>
                {who}
                <span class="roadmap__state">{state}</span>
                {trail}
            </li>
        }
    }
}
