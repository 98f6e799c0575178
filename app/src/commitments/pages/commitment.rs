//! A commitment's page (`/commitments/:id`): what was promised and where, how it stands (the
//! facts of its ledger), the drift of its due date, the ledger itself, and for the committee
//! and the supplier's representatives the form that records a new promise.

use leptos::prelude::*;
use leptos_meta::Title;

use super::{answered::AnsweredIssues, drift::drift_chart, history::history, *};
use crate::{
    commitments::{
        api::{get_commitment, ReviseCommitment},
        types::{CommitmentId, CommitmentPage, Facts},
    },
    ui::{
        errors::Refusal,
        forms::{
            action_failure, form_errors, Field, FormMessage, SelectField, SuccessNotice,
            TextAreaField,
        },
        markdown::MarkdownView,
        time,
        timeframe_reading::{page_scheme, ReadingFields},
        url::{changed, id_in_url},
    },
};

#[component]
pub fn CommitmentPageView() -> impl IntoView {
    let id = id_in_url();
    let page = Resource::new_blocking(move || CommitmentId(id.get()), get_commitment);
    let revise = ServerAction::<ReviseCommitment>::new();
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Err(error) => view! { <Refusal error/> }.into_any(),
                    Ok(page) => view! {
                        <SuccessNotice show=changed("added") message="The commitment is recorded."/>
                        <SuccessNotice show=changed("revised") message="The new promise is recorded in the ledger."/>
                        <SuccessNotice show=changed("edited") message="The details are saved."/>
                        <SuccessNotice show=changed("linked") message="The issue is linked."/>
                        <SuccessNotice show=changed("unlinked") message="The issue is unlinked."/>
                        <Commitment page revise/>
                    }
                        .into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Commitment(page: CommitmentPage, revise: ServerAction<ReviseCommitment>) -> impl IntoView {
    let CommitmentPage {
        commitment,
        facts,
        ledger,
        discussions,
        issues,
        chases,
        today,
        may_revise,
        may_edit,
    } = page;
    let label = commitment.id.label();
    let supplier = match &commitment.module_name {
        Some(module) => format!("{} · {module}", commitment.supplier_name),
        None => commitment.supplier_name.clone(),
    };
    let owners = [
        commitment
            .committee_owner
            .clone()
            .map(|name| format!("{name} (committee)")),
        (!commitment.supplier_owner.is_empty()).then(|| {
            format!(
                "{} ({})",
                commitment.supplier_owner, commitment.supplier_name
            )
        }),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join("; ");
    let promised_at = commitment.promised_at.clone().map(|at| {
        view! {
            <a href=format!("{}#item-{}", at.meeting.href(), at.item.0)>{at.item_heading}</a>
            ", " {at.meeting_title} ", " {time::date(at.meeting_start)}
        }
    });
    let action = commitment
        .action
        .map(|action| view! { " (" <a href=action.href()>"the action agreed"</a> ")" });
    let rating = facts.rating;
    let first = ledger.first().cloned();
    let description = commitment.description.clone();
    let form = may_revise.then(|| view! { <ReviseForm page_version=commitment.version commitment=commitment.id status=commitment.status today revise/> });
    view! {
        <Title text=format!("{label}: {}", commitment.title)/>
        <p class="breadcrumbs"><a href="/commitments">"Commitments"</a></p>
        <h1>
            <span class="issue-number">{label.clone()}</span>
            " " {commitment.title.clone()} " "
            <RatingBadge rating/>
        </h1>
        <dl class="facts">
            <dt>"Supplier"</dt>
            <dd>{supplier}</dd>
            <dt>"Status"</dt>
            <dd>{commitment.status.label()}</dd>
            <dt>"Promised now"</dt>
            <dd>
                <PromiseText promise=commitment.promise.clone()/>
                {commitment.release.map(|release| view! { " · " <a href=release.href()>"the release"</a> })}
            </dd>
            {first.map(|first| view! {
                <dt>"First promised"</dt>
                <dd><PromiseText promise=first.promise/> ", said on " {day(first.said_on)}</dd>
            })}
            {promised_at.map(|at| view! { <dt>"Where"</dt><dd>{at}{action}</dd> })}
            {(!owners.is_empty()).then(|| view! { <dt>"Owners"</dt><dd>{owners}</dd> })}
            {commitment.details_changed.clone().map(|(at, by)| view! {
                <dt>"Details changed"</dt>
                <dd>{format!("{}{}", time::date(at), by.map(|by| format!(" by {by}")).unwrap_or_default())}</dd>
            })}
        </dl>
        {may_edit.then(|| view! {
            <p><a class="button button--secondary" href=format!("{}/edit", commitment.id.href())>"Change the details"</a></p>
        })}
        <FactsPanel facts/>
        {(!description.as_str().is_empty()).then(|| view! { <MarkdownView html=description/> })}
        <section aria-labelledby="drift-heading">
            <h2 id="drift-heading">"How the due date moved"</h2>
            {drift_chart(&ledger, today)
                .unwrap_or_else(|| view! { <p>"No promise so far has named a date."</p> }.into_any())}
        </section>
        {(!chases.is_empty()).then(|| view! {
            <section aria-labelledby="chases-heading">
                <h2 id="chases-heading">"Chases"</h2>
                <ul class="chase-history">
                    {chases.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
                </ul>
            </section>
        })}
        <AnsweredIssues commitment=commitment.id issues may_link=may_revise/>
        {form}
        <section aria-labelledby="ledger-heading">
            <h2 id="ledger-heading">"Every promise made"</h2>
            <p class="muted">
                "The ledger keeps each promise as it was made; nothing in it can be changed or removed. "
                "Meetings whose minutes named " {label.clone()} " are shown among them."
            </p>
            {history(ledger, discussions)}
        </section>
    }
}

/// What the ledger says, in sentences.
#[component]
fn FactsPanel(facts: Facts) -> impl IntoView {
    let plural = |count: i64, one: &str, many: &str| {
        if count == 1 {
            format!("1 {one}")
        } else {
            format!("{count} {many}")
        }
    };
    let mut lines = Vec::new();
    if let Some((current, original)) = facts.overdue {
        lines.push(if current == original {
            format!("Overdue by {}.", plural(current, "day", "days"))
        } else {
            format!(
                "Overdue by {} against the promise in force, and by {} against the first promise.",
                plural(current, "day", "days"),
                plural(original, "day", "days")
            )
        });
    }
    if facts.slips > 0 {
        lines.push(format!(
            "Slipped {}, {} later than first promised.",
            plural(i64::from(facts.slips), "time", "times"),
            plural(facts.slipped_days, "day", "days")
        ));
    }
    if facts.brought_forward > 0 {
        lines.push(format!(
            "Brought forward {}.",
            plural(i64::from(facts.brought_forward), "time", "times")
        ));
    }
    if let Some((on, late)) = facts.delivered {
        lines.push(if facts.original.is_none() {
            format!("Delivered on {}.", day(on))
        } else if late == 0 {
            format!("Delivered on {}, by the first promise.", day(on))
        } else {
            format!(
                "Delivered on {}, {} after the first promise.",
                day(on),
                plural(late, "day", "days")
            )
        });
    }
    if facts.vague_when_made {
        lines.push(if facts.original.is_some() {
            format!(
                "First promised without a date; it went {} before one was given.",
                plural(facts.days_without_window, "day", "days")
            )
        } else {
            match facts.days_without_window {
                0 => "Promised without a date; none has been given since.".to_owned(),
                days => format!(
                    "Promised without a date; none has been given in the {} since.",
                    plural(days, "day", "days")
                ),
            }
        });
    }
    (!lines.is_empty()).then(|| {
        view! {
            <div class="panel facts-panel">
                <ul>{lines.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}</ul>
            </div>
        }
    })
}

#[component]
fn ReviseForm(
    commitment: CommitmentId,
    page_version: i64,
    status: CommitmentStatus,
    today: NaiveDate,
    revise: ServerAction<ReviseCommitment>,
) -> impl IntoView {
    let errors = Signal::derive(move || form_errors(revise.value().get()));
    let scheme = page_scheme();
    view! {
        <section class="panel" aria-labelledby="revise-heading">
            <h2 id="revise-heading">"Record a new promise"</h2>
            <p class="muted">"A new date or a new status, as the supplier gave it. The ledger keeps what it replaces."</p>
            <FormMessage error=Signal::derive(move || action_failure(revise))/>
            <ActionForm action=revise>
                <input type="hidden" name="commitment" value=commitment.0.to_string()/>
                <input type="hidden" name="version" value=page_version.to_string()/>
                <SelectField name="status" label="Status" options=status_options() value=Signal::stored(status.as_str().to_owned()) errors/>
                <ReadingFields today scheme>
                    <Field name="words" label="When, in the supplier's words" hint="e.g. \"Q3\", \"end of October\", \"after the pilot\". Leave empty to keep the date as it is." errors/>
                    <Field name="said_on" label="Said on" kind="date" value=Signal::stored(today.to_string()) hint="The meeting's date, when it was said at one." errors/>
                </ReadingFields>
                <TextAreaField name="reason" label="Why it changed" hint="Needed when the date moves later: the supplier's reason, as given." rows=3 errors/>
                <TextAreaField name="note" label="What was delivered" hint="Needed when it is delivered." rows=3 errors/>
                <Field name="evidence_url" label="Evidence link" kind="url" hint="Optional: release notes or an announcement." errors/>
                <button type="submit">"Record the promise"</button>
            </ActionForm>
        </section>
    }
}
