//! The scorecards (`/commitments/scorecard`): with no supplier chosen, the committee's
//! dashboard of every supplier side by side; with one, that supplier's scorecard. Each
//! shows its figures by year or by quarter: promises made, delivered on time (a share of
//! those delivered), delivered late (with the median days late), overdue now, slipped at
//! least once, and made with no date. Each chart is a small SVG drawn on the server, its
//! figures in the table under it.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{components::Form, hooks::use_location};

use super::*;
use crate::{
    commitments::{
        api::get_scorecard,
        types::{
            days,
            scorecard::{keys, Period, Scorecard, SupplierScore, Tally},
            CommitmentFilter, Rating, SupplierId,
        },
    },
    error::FormErrors,
    ui::{errors::Refusal, forms::SelectField},
};

#[component]
pub fn ScorecardPage() -> impl IntoView {
    let location = use_location();
    let scorecard = Resource::new_blocking(
        move || location.search.get(),
        |query| get_scorecard(query.trim_start_matches('?').to_owned()),
    );
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match scorecard.await {
                    Err(error) => view! { <Title text="Scorecard"/> <Refusal error/> }.into_any(),
                    Ok(scorecard) => view! { <ScorecardView scorecard/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ScorecardView(scorecard: Scorecard) -> impl IntoView {
    let Scorecard {
        supplier,
        period,
        suppliers,
        periods,
        total,
        choices,
        today,
    } = scorecard;
    let name = supplier.and_then(|id| {
        choices
            .iter()
            .find(|(known, _)| *known == id)
            .map(|(_, name)| name.clone())
    });
    let title = match &name {
        Some(name) => format!("Scorecard: {name}"),
        None => "Supplier scorecards".to_owned(),
    };
    let supplier_options: Vec<_> = std::iter::once((String::new(), "All suppliers".to_owned()))
        .chain(
            choices
                .iter()
                .map(|(id, name)| (id.0.to_string(), name.clone())),
        )
        .collect();
    let period_options = vec![
        (Period::Year.as_str().to_owned(), "Year".to_owned()),
        (Period::Quarter.as_str().to_owned(), "Quarter".to_owned()),
    ];
    let no_errors = Signal::stored(FormErrors::default());
    let side_by_side = (supplier.is_none() && suppliers.len() > 1).then(|| {
        let rows: Vec<Row> = suppliers
            .into_iter()
            .map(
                |SupplierScore {
                     supplier: id,
                     name,
                     tally,
                 }| Row {
                    href: Some(format!(
                        "/commitments/scorecard?{}={}&{}={}",
                        keys::SUPPLIER,
                        id.0,
                        keys::BY,
                        period.as_str()
                    )),
                    overdue: Some(overdue_href(Some(id))),
                    label: name,
                    tally,
                },
            )
            .collect();
        view! {
            <section aria-labelledby="side-by-side">
                <h2 id="side-by-side">"Suppliers side by side"</h2>
                <Figures rows heading="Supplier" what="Promises made by each supplier"/>
            </section>
        }
    });
    let by = match period {
        Period::Year => "By year",
        Period::Quarter => "By quarter",
    };
    let periods: Vec<Row> = periods
        .into_iter()
        .map(|(label, tally)| Row {
            label,
            tally,
            href: None,
            overdue: None,
        })
        .collect();
    let headline = (total.made > 0).then(|| headline(&total, supplier));
    view! {
        <Title text=title.clone()/>
        <div class="page-heading">
            <h1>{title}</h1>
            <div class="page-heading__actions">
                <a href="/commitments">"All commitments"</a>
                <a href="/commitments/roadmap">"Roadmap by quarter"</a>
            </div>
        </div>
        <p class="muted">
            "Promises are counted in the period they were made; \u{201c}on time\u{201d} means by the first date promised. Today is "
            {day(today)} "."
        </p>
        <Form method="GET" action="/commitments/scorecard" attr:class="filters" attr:role="search" attr:aria-label="Choose a scorecard">
            <SelectField name=keys::SUPPLIER label="Supplier" options=supplier_options value=Signal::stored(supplier.map(|id| id.0.to_string()).unwrap_or_default()) errors=no_errors/>
            <SelectField name=keys::BY label="Figures by" options=period_options value=Signal::stored(period.as_str().to_owned()) errors=no_errors/>
            <div class="filters__actions">
                <button type="submit">"Show"</button>
            </div>
        </Form>
        {match headline {
            None => view! { <p>"No promises are recorded yet."</p> }.into_any(),
            Some(headline) => view! {
                {headline}
                {side_by_side}
                <section aria-labelledby="by-period">
                    <h2 id="by-period">{by}</h2>
                    <Figures rows=periods heading=if period == Period::Year { "Year made" } else { "Quarter made" } what="Promises made in each period"/>
                </section>
            }
            .into_any(),
        }}
    }
}

/// The figures at a glance, in words.
fn headline(total: &Tally, supplier: Option<SupplierId>) -> impl IntoView {
    let promises = |count: i64| {
        if count == 1 {
            "1 promise".to_owned()
        } else {
            format!("{count} promises")
        }
    };
    let on_time = total.on_time_percent().map_or_else(
        || "none delivered yet".to_owned(),
        |percent| format!("{percent}% of those delivered were on time"),
    );
    view! {
        <ul class="scorecard__headline">
            <li><strong>{promises(total.made)}</strong> " made; " {on_time} "."</li>
            <li>
                <a href=overdue_href(supplier)><strong>{total.overdue}</strong> " overdue now"</a>
                {format!("; {} slipped at least once.", total.slipped)}
            </li>
        </ul>
    }
}

/// The commitments list of the overdue promises (of one supplier, if given).
fn overdue_href(supplier: Option<SupplierId>) -> String {
    let filter = CommitmentFilter {
        supplier,
        rating: Some(Rating::Overdue),
        ..CommitmentFilter::default()
    };
    format!("/commitments?{}", filter.to_query(None))
}

/// One row of figures: a supplier or a period.
struct Row {
    label: String,
    tally: Tally,
    /// Where its label leads (a supplier's own scorecard).
    href: Option<String>,
    /// Where its overdue count leads (the list of them).
    overdue: Option<String>,
}

/// The parts a bar is made of: what became of the promises made, as (class, count, name).
fn segments(tally: &Tally) -> [(&'static str, i64, &'static str); 5] {
    let settled = tally.on_time + tally.late + tally.overdue + tally.withdrawn;
    [
        ("on-time", tally.on_time, "delivered on time"),
        ("late", tally.late, "delivered late"),
        ("overdue", tally.overdue, "overdue now"),
        ("withdrawn", tally.withdrawn, "withdrawn"),
        ("to-come", (tally.made - settled).max(0), "still to come"),
    ]
}

const BAR_WIDTH: f64 = 300.0;
const LABEL_WIDTH: f64 = 110.0;
const ROW_HEIGHT: f64 = 24.0;

/// A chart of the rows and their table, which says everything the chart shows.
#[component]
fn Figures(rows: Vec<Row>, heading: &'static str, what: &'static str) -> impl IntoView {
    let most = rows
        .iter()
        .map(|row| row.tally.made)
        .max()
        .unwrap_or(0)
        .max(1);
    let height = ROW_HEIGHT * rows.len() as f64 + 4.0;
    let bars = rows
        .iter()
        .enumerate()
        .map(|(index, row)| {
            let y = ROW_HEIGHT * index as f64 + 4.0;
            let mut x = LABEL_WIDTH;
            let parts = segments(&row.tally)
                .into_iter()
                .filter(|(_, count, _)| *count > 0)
                .map(|(class, count, _)| {
                    let width = BAR_WIDTH * count as f64 / most as f64;
                    let rect = view! {
                        <rect x=format!("{x:.1}") y=format!("{y:.1}") width=format!("{width:.1}") height=ROW_HEIGHT - 8.0 class=format!("scorecard__bar scorecard__bar--{class}")/>
                    };
                    x += width;
                    rect
                })
                .collect_view();
            let label: String = row.label.chars().take(16).collect();
            view! {
                <text x=LABEL_WIDTH - 6.0 y=format!("{:.1}", y + 12.0) text-anchor="end" class="scorecard__label">{label}</text>
                {parts}
                <text x=format!("{:.1}", x + 4.0) y=format!("{:.1}", y + 12.0) class="scorecard__label">{row.tally.made}</text>
            }
        })
        .collect_view();
    let legend = segments(&Tally::default())
        .into_iter()
        .map(|(class, _, name)| {
            view! { <li><span class=format!("scorecard__swatch scorecard__bar--{class}") aria-hidden="true"></span>{name}</li> }
        })
        .collect_view();
    let table_rows = rows.into_iter().map(figures_row).collect_view();
    view! {
        <figure class="scorecard__chart">
            <svg
                viewBox=format!("0 0 {} {height:.0}", LABEL_WIDTH + BAR_WIDTH + 40.0)
                role="img"
                aria-label=format!("{what}: each bar split into delivered on time, delivered late, overdue now, withdrawn and still to come. The table below gives the figures.")
            >
                {bars}
            </svg>
            <figcaption><ul class="scorecard__legend">{legend}</ul></figcaption>
        </figure>
        <div class="table-wrap">
            <table class="list scorecard__table">
                <thead>
                    <tr>
                        <th scope="col">{heading}</th>
                        <th scope="col" class="numeric">"Promises made"</th>
                        <th scope="col" class="numeric">"Delivered on time"</th>
                        <th scope="col" class="numeric">"Delivered late"</th>
                        <th scope="col" class="numeric">"Overdue now"</th>
                        <th scope="col" class="numeric">"Slipped at least once"</th>
                        <th scope="col" class="numeric">"Made with no date"</th>
                    </tr>
                </thead>
                <tbody>{table_rows}</tbody>
            </table>
        </div>
    }
}

fn figures_row(row: Row) -> impl IntoView {
    let Row {
        label,
        tally,
        href,
        overdue,
    } = row;
    let share = |percent: Option<i64>| {
        percent
            .map(|percent| format!(" ({percent}%)"))
            .unwrap_or_default()
    };
    let late = match tally.median_late_days() {
        Some(median) => format!("{} (median {} late)", tally.late, days(median)),
        None => tally.late.to_string(),
    };
    let label = match href {
        Some(href) => view! { <a href=href>{label}</a> }.into_any(),
        None => view! { {label} }.into_any(),
    };
    let overdue_count = match overdue.filter(|_| tally.overdue > 0) {
        Some(href) => view! { <a href=href>{tally.overdue}</a> }.into_any(),
        None => view! { {tally.overdue} }.into_any(),
    };
    view! {
        <tr>
            <th scope="row">{label}</th>
            <td data-label="Promises made" class="numeric">{tally.made}</td>
            <td data-label="Delivered on time" class="numeric">{format!("{}{}", tally.on_time, share(tally.on_time_percent()))}</td>
            <td data-label="Delivered late" class="numeric">{late}</td>
            <td data-label="Overdue now" class="numeric">{overdue_count}</td>
            <td data-label="Slipped at least once" class="numeric">{tally.slipped}</td>
            <td data-label="Made with no date" class="numeric">{format!("{}{}", tally.vague_when_made, share(tally.vague_percent()))}</td>
        </tr>
    }
}
