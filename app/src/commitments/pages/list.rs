//! The commitments list: filters and order in the URL, most overdue first, a page at a time.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{components::Form, hooks::use_location};

use super::*;
use crate::{
    commitments::{
        api::get_commitments,
        types::{
            days_in_url, keys, overdue_words, CommitmentList, CommitmentSummary, Sort, PAGE_SIZE,
        },
    },
    error::FormErrors,
    ui::{errors::Refusal, forms::SelectField},
};

#[component]
pub fn CommitmentsPage() -> impl IntoView {
    let location = use_location();
    let list = Resource::new_blocking(
        move || location.search.get(),
        |query| get_commitments(query.trim_start_matches('?').to_owned()),
    );
    view! {
        <Title text="Commitments"/>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Err(error) => view! { <Refusal error/> }.into_any(),
                    Ok(list) => view! { <CommitmentsView list/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn CommitmentsView(list: CommitmentList) -> impl IntoView {
    let CommitmentList {
        rows,
        next,
        total,
        filter,
        suppliers,
        modules,
        meetings,
        quarters,
        today,
        may_create,
    } = list;
    let any = || (String::new(), "Any".to_owned());
    let supplier_options: Vec<_> = std::iter::once(any())
        .chain(
            suppliers
                .into_iter()
                .map(|(id, name)| (id.0.to_string(), name)),
        )
        .collect();
    let module_options: Vec<_> = std::iter::once(any())
        .chain(
            modules
                .into_iter()
                .map(|(id, name)| (id.0.to_string(), name)),
        )
        .collect();
    let meeting_options: Vec<_> = std::iter::once(any())
        .chain(
            meetings
                .into_iter()
                .map(|(id, label)| (id.0.to_string(), label)),
        )
        .collect();
    let status_options: Vec<_> = std::iter::once(any()).chain(status_options()).collect();
    let rating_options: Vec<_> = std::iter::once(any())
        .chain(
            Rating::ALL
                .into_iter()
                .map(|rating| (rating.as_str().to_owned(), rating.label().to_owned())),
        )
        .collect();
    let due_options: Vec<_> = std::iter::once(any()).chain(quarters).collect();
    let sort_options: Vec<_> = Sort::ALL
        .into_iter()
        .map(|sort| (sort.as_str().to_owned(), sort.label().to_owned()))
        .collect();
    let no_errors = Signal::stored(FormErrors::default());
    let chosen = |value: Option<String>| Signal::stored(value.unwrap_or_default());
    let link = |after| format!("/commitments?{}", filter.to_query(after));
    let (first, next) = (
        filter.after.is_some().then(|| link(None)),
        next.map(|after| link(Some(after))),
    );
    let mut shown = if total == 1 {
        "1 commitment".to_owned()
    } else {
        format!("{total} commitments")
    };
    if total > PAGE_SIZE {
        shown.push_str(&format!(", {PAGE_SIZE} to a page"));
    }

    view! {
        <div class="page-heading">
            <h1>"Commitments"</h1>
            <div class="page-heading__actions">
                <a href="/commitments/roadmap">"Roadmap by quarter"</a>
                <a href="/commitments/scorecard">"Scorecards"</a>
                <a href="/releases">"Releases"</a>
                {may_create.then(|| view! {
                    <a href="/chases/policy">"Chase policy"</a>
                    <a class="button" href="/commitments/new">"Record a commitment"</a>
                })}
            </div>
        </div>
        <Form method="GET" action="/commitments" attr:class="filters" attr:role="search" attr:aria-label="Filter commitments">
            <SelectField name=keys::SUPPLIER label="Supplier" options=supplier_options value=chosen(filter.supplier.map(|id| id.0.to_string())) errors=no_errors/>
            <SelectField name=keys::MODULE label="Module" options=module_options value=chosen(filter.module.map(|id| id.0.to_string())) errors=no_errors/>
            <SelectField name=keys::STATUS label="Status" options=status_options value=chosen(filter.status.map(|status| status.as_str().to_owned())) errors=no_errors/>
            <SelectField name=keys::RATING label="Standing" options=rating_options value=chosen(filter.rating.map(|rating| rating.as_str().to_owned())) errors=no_errors/>
            <SelectField name=keys::DUE label="Due in" options=due_options value=chosen(filter.due.map(days_in_url)) errors=no_errors/>
            <SelectField name=keys::MEETING label="Promised at" options=meeting_options value=chosen(filter.meeting.map(|id| id.0.to_string())) errors=no_errors/>
            <SelectField name=keys::SORT label="Order" options=sort_options value=chosen(Some(filter.sort.as_str().to_owned())) errors=no_errors/>
            <fieldset class="filters__flags">
                <legend>"Only"</legend>
                <label class="checkbox">
                    <input type="checkbox" name=keys::SLIPPED value="1" checked=filter.slipped/>
                    "Slipped at least once"
                </label>
                <label class="checkbox">
                    <input type="checkbox" name=keys::VAGUE value="1" checked=filter.vague/>
                    "Vague or conditional when made"
                </label>
            </fieldset>
            <div class="filters__actions">
                <button type="submit">"Show"</button>
            </div>
        </Form>
        <p class="muted">
            {shown} " · "
            <a href=format!("/commitments.csv?{}", filter.to_query(None)) download="">"Download these as CSV"</a>
        </p>
        {if rows.is_empty() {
            view! { <p>"No commitments match."</p> }.into_any()
        } else {
            view! { <CommitmentTable rows today/> }.into_any()
        }}
        <nav class="pager" aria-label="Pages">
            {first.map(|href| view! { <a href=href>"First page"</a> })}
            {next.map(|href| view! { <a href=href rel="next">"Next page"</a> })}
        </nav>
    }
}

#[component]
pub(super) fn CommitmentTable(rows: Vec<CommitmentSummary>, today: NaiveDate) -> impl IntoView {
    view! {
        <div class="table-wrap">
            <table class="list">
                <thead>
                    <tr>
                        <th scope="col">"Commitment"</th>
                        <th scope="col">"Supplier"</th>
                        <th scope="col">"Promised now"</th>
                        <th scope="col">"First promised"</th>
                        <th scope="col">"Standing"</th>
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|row| commitment_row(row, today)).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

fn commitment_row(row: CommitmentSummary, today: NaiveDate) -> impl IntoView {
    let rating = row.standing.rating(today);
    let overdue = row
        .standing
        .overdue(today)
        .map(|(current, original)| overdue_words(current, original));
    let slips = (row.standing.slips > 0).then(|| match row.standing.slips {
        1 => "slipped once".to_owned(),
        2 => "slipped twice".to_owned(),
        n => format!("slipped {n} times"),
    });
    let supplier = match row.module_name {
        Some(module) => format!("{} · {module}", row.supplier_name),
        None => row.supplier_name,
    };
    view! {
        <tr>
            <td>
                <span class="issue-number">{row.id.label()}</span>
                " "
                <a href=row.id.href()>{row.title}</a>
                " "
                <span class="muted">{row.status.label()}</span>
            </td>
            <td data-label="Supplier">{supplier}</td>
            <td data-label="Promised now"><PromiseText promise=row.promise/></td>
            <td data-label="First promised">
                {row.original.map(|window| window.describe()).unwrap_or_else(|| "no date yet".to_owned())}
            </td>
            <td data-label="Standing">
                <RatingBadge rating/>
                {overdue.map(|text| view! { <br/><span class="overdue">{text}</span> })}
                {slips.map(|text| view! { <br/><span class="muted">{text}</span> })}
            </td>
        </tr>
    }
}
