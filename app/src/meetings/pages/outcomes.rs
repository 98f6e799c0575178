//! What a meeting agreed, as its pages show it: the actions and decisions under each agenda
//! item, the open actions carried over from earlier meetings of the series, and the forms
//! with which the committee records them in the editor.

use chrono::NaiveDate;
use leptos::prelude::*;

use crate::{
    domain::action_due::{due_phrase, overdue_phrase},
    error::FormErrors,
    meetings::{
        api::{AddAction, AddDecision, EditAction, EditDecision, RemoveAction, RemoveDecision},
        types::{
            ActionOwner, ActionStatus, ActionView, AgendaItemView, CarriedAction, DecisionView,
            OwnerChoice,
        },
    },
    suppliers::types::SupplierName,
    ui::{
        forms::{action_failure, form_errors, Field, FormMessage, SelectField, TextAreaField},
        time,
        timeframe_reading::{page_scheme, ReadingFields},
    },
};

/// An action in a line: what, who, when due, and where it stands; links to its page.
#[component]
pub(super) fn ActionLine(action: ActionView) -> impl IntoView {
    let due = due_phrase(&action.due_words, action.due).map(|due| format!(", due {due}"));
    let done = action.status == ActionStatus::Done;
    view! {
        <a href=action.id.href()>{action.description}</a>
        <span class="muted">" — " {action.owner_label} {due}</span>
        " "
        <span class=if done { "badge badge--done" } else { "badge" }>{action.status.label()}</span>
        {action.overdue_days.map(|days| view! { " " <span class="badge badge--overdue">{overdue_phrase(days)}</span> })}
    }
}

/// The decisions and actions recorded under one agenda item.
#[component]
pub(super) fn Outcomes(actions: Vec<ActionView>, decisions: Vec<DecisionView>) -> impl IntoView {
    view! {
        {(!decisions.is_empty()).then(|| view! {
            <h3 class="outcomes-heading">"Decisions"</h3>
            <ul class="outcomes">
                {decisions.into_iter().map(|decision| view! { <li>{decision.description}</li> }).collect_view()}
            </ul>
        })}
        {(!actions.is_empty()).then(|| view! {
            <h3 class="outcomes-heading">"Actions"</h3>
            <ul class="outcomes">
                {actions.into_iter().map(|action| view! { <li><ActionLine action/></li> }).collect_view()}
            </ul>
        })}
    }
}

/// The actions of earlier meetings of the series still open when this one began.
#[component]
pub(super) fn CarriedOver(carried: Vec<CarriedAction>) -> impl IntoView {
    (!carried.is_empty()).then(|| {
        view! {
            <section class="carried-over" aria-labelledby="carried-heading">
                <h2 id="carried-heading">"Carried over from earlier meetings"</h2>
                <p class="muted">"Actions agreed at earlier meetings of this series that were not done when this meeting began."</p>
                <ul class="outcomes">
                    {carried
                        .into_iter()
                        .map(|carried| view! {
                            <li>
                                <ActionLine action=carried.action/>
                                <br/>
                                <span class="muted">
                                    "Agreed at "
                                    <a href=carried.meeting.href()>{carried.meeting_title}</a>
                                    ", " {time::date(carried.meeting_start)}
                                </span>
                            </li>
                        })
                        .collect_view()}
                </ul>
            </section>
        }
    })
}

/// The committee's actions on outcomes, in the editor.
#[derive(Clone, Copy)]
pub(super) struct OutcomeActions {
    pub add_action: ServerAction<AddAction>,
    pub edit_action: ServerAction<EditAction>,
    pub remove_action: ServerAction<RemoveAction>,
    pub add_decision: ServerAction<AddDecision>,
    pub edit_decision: ServerAction<EditDecision>,
    pub remove_decision: ServerAction<RemoveDecision>,
}

impl OutcomeActions {
    pub fn new() -> Self {
        OutcomeActions {
            add_action: ServerAction::new(),
            edit_action: ServerAction::new(),
            remove_action: ServerAction::new(),
            add_decision: ServerAction::new(),
            edit_decision: ServerAction::new(),
            remove_decision: ServerAction::new(),
        }
    }
}

/// A refusal's messages if it was for the record `key` names (`item`, `action`,
/// `decision`) with this `id`; else none, so each form shows only its own.
fn errors_for(errors: FormErrors, key: &'static str, id: &str) -> FormErrors {
    if errors.kept.get(key).map(String::as_str) == Some(id) {
        errors
    } else {
        FormErrors::default()
    }
}

/// Who an action may be given to, as the owner field offers them.
fn owner_options(supplier: Option<&SupplierName>, owners: &[OwnerChoice]) -> Vec<(String, String)> {
    let mut options = Vec::new();
    if let Some(supplier) = supplier {
        options.push((
            "supplier".to_owned(),
            format!("The supplier: {}", supplier.name),
        ));
    }
    options.push(("named".to_owned(), "Someone named below".to_owned()));
    options.extend(
        owners
            .iter()
            .map(|owner| (owner.id.0.to_string(), owner.name.clone())),
    );
    options
}

fn owner_value(owner: ActionOwner) -> String {
    match owner {
        ActionOwner::Account(account) => account.0.to_string(),
        ActionOwner::Supplier(_) => "supplier".to_owned(),
        ActionOwner::Named => "named".to_owned(),
    }
}

/// The fields of an action's form, holding `current` to begin with.
#[component]
fn ActionFormFields(
    options: Vec<(String, String)>,
    current: Option<ActionView>,
    said: NaiveDate,
    suffix: String,
    errors: Signal<FormErrors>,
) -> impl IntoView {
    let default_owner = options
        .first()
        .map(|(value, _)| value.clone())
        .unwrap_or_default();
    let text = |pick: fn(&ActionView) -> String| {
        Signal::stored(current.as_ref().map(pick).unwrap_or_default())
    };
    let owner = current
        .as_ref()
        .map_or(default_owner, |action| owner_value(action.owner));
    let due = text(|a| a.due_words.clone());
    view! {
        <TextAreaField name="description" label="What is to be done" required=true rows=2 id_suffix=suffix.clone() value=text(|a| a.description.clone()) errors/>
        <div class="field-row">
            <SelectField name="owner" label="Who is to do it" options=options value=Signal::stored(owner) id_suffix=suffix.clone() errors/>
            <Field
                name="owner_name"
                label="Their name"
                hint="Someone without an account, or who at the supplier."
                id_suffix=suffix.clone()
                value=text(|a| a.owner_name.clone())
                errors
            />
        </div>
        <ReadingFields today=said scheme=page_scheme() words="due" optional=true>
            <Field
                name="due"
                label="When it is due"
                hint="In the words said at the meeting, e.g. \"by the end of next month\"; read on the meeting's day."
                id_suffix=suffix
                value=due
                errors
            />
        </ReadingFields>
    }
}

/// The outcomes of one agenda item in the editor: each action and decision with its edit
/// and remove forms, and the forms that add them.
#[component]
pub(super) fn OutcomesEditor(
    item: AgendaItemView,
    /// The meeting's day, on which due words are read.
    said: NaiveDate,
    supplier: Option<SupplierName>,
    owners: Vec<OwnerChoice>,
    actions: OutcomeActions,
) -> impl IntoView {
    let id = item.id.0.to_string();
    let options = owner_options(supplier.as_ref(), &owners);
    let add_action_errors = {
        let id = id.clone();
        Signal::derive(move || {
            errors_for(form_errors(actions.add_action.value().get()), "item", &id)
        })
    };
    let add_decision_errors = {
        let id = id.clone();
        Signal::derive(move || {
            errors_for(form_errors(actions.add_decision.value().get()), "item", &id)
        })
    };
    let action_rows = {
        let options = options.clone();
        item.actions
            .into_iter()
            .map(
                move |action| view! { <ActionEditor action said options=options.clone() actions/> },
            )
            .collect_view()
    };
    let decision_rows = item
        .decisions
        .into_iter()
        .map(|decision| view! { <DecisionEditor decision actions/> })
        .collect_view();
    let (decision_item, action_item) = (id.clone(), id.clone());
    let open_action = move || !add_action_errors.get().kept.is_empty();
    let open_decision = move || !add_decision_errors.get().kept.is_empty();
    view! {
        <div class="outcomes-editor">
            <h4>"Decisions"</h4>
            <ul class="outcomes">{decision_rows}</ul>
            <details open=open_decision>
                <summary>"Record a decision"</summary>
                <FormMessage error=Signal::derive(move || action_failure(actions.add_decision).filter(|_| open_decision()))/>
                <ActionForm action=actions.add_decision>
                    <input type="hidden" name="item" value=decision_item.clone()/>
                    <TextAreaField name="description" label="What was decided" required=true rows=2 id_suffix=format!("decision-new-{decision_item}") errors=add_decision_errors/>
                    <button type="submit">"Record decision"</button>
                </ActionForm>
            </details>
            <h4>"Actions"</h4>
            <ul class="outcomes">{action_rows}</ul>
            <details open=open_action>
                <summary>"Record an action"</summary>
                <FormMessage error=Signal::derive(move || action_failure(actions.add_action).filter(|_| open_action()))/>
                <ActionForm action=actions.add_action>
                    <input type="hidden" name="item" value=action_item.clone()/>
                    <ActionFormFields options current=None said suffix=format!("action-new-{action_item}") errors=add_action_errors/>
                    <button type="submit">"Record action"</button>
                </ActionForm>
            </details>
        </div>
    }
}

#[component]
fn ActionEditor(
    action: ActionView,
    said: NaiveDate,
    options: Vec<(String, String)>,
    actions: OutcomeActions,
) -> impl IntoView {
    let id = action.id.0.to_string();
    let errors = {
        let id = id.clone();
        Signal::derive(move || {
            errors_for(
                form_errors(actions.edit_action.value().get()),
                "action",
                &id,
            )
        })
    };
    let refused = move || !errors.get().kept.is_empty();
    let version = action.version.to_string();
    let (remove_id, remove_version) = (id.clone(), version.clone());
    // A promise the supplier made can be followed as a commitment.
    let promote = matches!(action.owner, ActionOwner::Supplier(_)).then(|| {
        view! {
            " "
            <a
                class="button--quiet"
                href=format!("/commitments/new?action={id}")
                aria-label=format!("Make this a commitment: {}", action.description)
            >
                "Make this a commitment"
            </a>
        }
    });
    view! {
        <li>
            <ActionLine action=action.clone()/>
            {promote}
            <details open=refused>
                <summary>"Change" <span class="visually-hidden">" this action"</span></summary>
                <FormMessage error=Signal::derive(move || action_failure(actions.edit_action).filter(|_| refused()))/>
                <ActionForm action=actions.edit_action>
                    <input type="hidden" name="action" value=id.clone()/>
                    <input type="hidden" name="version" value=version.clone()/>
                    <ActionFormFields options current=Some(action) said suffix=format!("action-{id}") errors/>
                    <button type="submit">"Save action"</button>
                </ActionForm>
                <ActionForm action=actions.remove_action attr:class="inline-form">
                    <input type="hidden" name="action" value=remove_id.clone()/>
                    <input type="hidden" name="version" value=remove_version.clone()/>
                    <button type="submit" class="button--quiet">"Remove this action"</button>
                </ActionForm>
            </details>
        </li>
    }
}

#[component]
fn DecisionEditor(decision: DecisionView, actions: OutcomeActions) -> impl IntoView {
    let id = decision.id.0.to_string();
    let errors = {
        let id = id.clone();
        Signal::derive(move || {
            errors_for(
                form_errors(actions.edit_decision.value().get()),
                "decision",
                &id,
            )
        })
    };
    let refused = move || !errors.get().kept.is_empty();
    let version = decision.version.to_string();
    let (remove_id, remove_version) = (id.clone(), version.clone());
    view! {
        <li>
            {decision.description.clone()}
            <details open=refused>
                <summary>"Change" <span class="visually-hidden">" this decision"</span></summary>
                <FormMessage error=Signal::derive(move || action_failure(actions.edit_decision).filter(|_| refused()))/>
                <ActionForm action=actions.edit_decision>
                    <input type="hidden" name="decision" value=id.clone()/>
                    <input type="hidden" name="version" value=version.clone()/>
                    <TextAreaField
                        name="description"
                        label="What was decided"
                        required=true
                        rows=2
                        id_suffix=format!("decision-{id}")
                        value=Signal::stored(decision.description)
                        errors
                    />
                    <button type="submit">"Save decision"</button>
                </ActionForm>
                <ActionForm action=actions.remove_decision attr:class="inline-form">
                    <input type="hidden" name="decision" value=remove_id.clone()/>
                    <input type="hidden" name="version" value=remove_version.clone()/>
                    <button type="submit" class="button--quiet">"Remove this decision"</button>
                </ActionForm>
            </details>
        </li>
    }
}
