//! One agenda item in the meeting's editor: its heading, minutes (autosaved as the chair's
//! working copy while JavaScript is on), the issues it discussed, and its outcomes.

use chrono::NaiveDate;
use leptos::prelude::*;

use crate::{
    error::FormErrors,
    meetings::types::{AgendaItemView, OwnerChoice, WorkingCopy},
    suppliers::types::SupplierName,
    ui::{
        forms::{action_failure, form_errors, Field, FormMessage, SelectField},
        markdown::MarkdownField,
        time,
    },
};

use super::{
    autosave::ItemAutosave,
    editor_actions::EditorActions,
    links::{IssueSearch, LinkedIssuesEditor},
    outcomes::OutcomesEditor,
    *,
};

#[component]
pub(super) fn ItemEditor(
    meeting_href: String,
    item: AgendaItemView,
    /// The chair's autosaved working copy of it, if they have one: the form shows it.
    copy: Option<WorkingCopy>,
    /// A search for issues to link made from this item.
    search: Option<IssueSearch>,
    last: usize,
    supplier: Option<SupplierName>,
    owners: Vec<OwnerChoice>,
    /// The meeting's day, on which actions' due words are read.
    said: NaiveDate,
    actions: EditorActions,
) -> impl IntoView {
    let outcomes = item.clone();
    let revisions_href = format!("{}/items/{}/revisions", meeting_href, item.id.0);
    let id = item.id.0.to_string();
    // A refused save shows its messages and what was typed in the form of the item it was for.
    let errors = {
        let id = id.clone();
        Signal::derive(move || {
            let errors = form_errors(actions.edit_item.value().get());
            if errors.kept.get("item") == Some(&id) {
                errors
            } else {
                FormErrors::default()
            }
        })
    };
    let failure = Signal::derive(move || {
        action_failure(actions.edit_item).filter(|_| !errors.get().kept.is_empty())
    });
    let suffix = id.clone();
    let number = usize::try_from(item.number).unwrap_or(0);
    let mover = move |direction: &'static str, label: &'static str| {
        view! {
            <ActionForm action=actions.move_item attr:class="inline-form">
                <input type="hidden" name="item" value=item.id.0.to_string()/>
                <input type="hidden" name="direction" value=direction/>
                <button type="submit" class="button--quiet">{label}<span class="visually-hidden">" item " {item.number}</span></button>
            </ActionForm>
        }
    };
    let anchor = format!("item-{id}");
    let heading_id = format!("item-{id}-heading");
    let labelled_by = heading_id.clone();
    let (item_field, remove_field) = (id.clone(), id);
    view! {
        <section class="panel agenda-item" id=anchor aria-labelledby=labelled_by>
            <div class="agenda-item__heading">
                <h3 id=heading_id>{format!("{}. {}", item.number, item.heading)}</h3>
                <div class="agenda-item__tools">
                    {(number > 1).then(|| mover("up", "Move up"))}
                    {(number < last).then(|| mover("down", "Move down"))}
                    <a
                        class="button--quiet"
                        href=format!("/commitments/new?item={}", item.id.0)
                        aria-label=format!("Make this a commitment: item {}", item.number)
                    >
                        "Make this a commitment"
                    </a>
                    <ActionForm action=actions.remove_item attr:class="inline-form">
                        <input type="hidden" name="item" value=remove_field/>
                        <input type="hidden" name="version" value=item.version.to_string()/>
                        <button type="submit" class="button--quiet">"Remove"<span class="visually-hidden">" item " {item.number}</span></button>
                    </ActionForm>
                </div>
            </div>
            {item.revised.map(|(at, count)| view! {
                <p class="muted">
                    {format!("Revised since publication, last on {}. ", time::date(at))}
                    <a href=revisions_href.clone()>{format!("All {count} versions")}</a>
                </p>
            })}
            <FormMessage error=failure/>
            {copy.as_ref().map(|copy| view! { <RestoredCopy copy=copy.clone() current=item.version number=item.number actions/> })}
            // The form starts from the working copy, if there is one, and from the version it
            // was begun on: a save from it is refused if someone else saved since. After a
            // refused save the chair has been shown the saved text, so the form is of its
            // version (what they typed is kept by the refusal).
            {
                let refused = !errors.get_untracked().kept.is_empty();
                let (version, heading, presenter, visibility, minutes) = match copy {
                    Some(copy) => (
                        if refused { item.version } else { copy.base_version },
                        copy.heading,
                        copy.presenter,
                        copy.visibility,
                        copy.minutes,
                    ),
                    None => (
                        item.version,
                        item.heading.clone(),
                        item.presenter.clone(),
                        item.visibility.as_str().to_owned(),
                        item.source.unwrap_or_default(),
                    ),
                };
                view! {
                    <ActionForm action=actions.edit_item>
                        <input type="hidden" name="item" value=item_field/>
                        <input type="hidden" name="version" value=version.to_string()/>
                        <Field name="heading" label="Heading" required=true id_suffix=suffix.clone() value=Signal::stored(heading) errors/>
                        <Field name="presenter" label="Presenter" id_suffix=suffix.clone() value=Signal::stored(presenter) errors/>
                        <SelectField
                            name="visibility"
                            label="Who may read this item"
                            options=visibility_options()
                            value=Signal::stored(visibility)
                            id_suffix=suffix.clone()
                            errors
                        />
                        <MarkdownField name="minutes" label="Minutes" rows=10 id_suffix=suffix value=Signal::stored(minutes) errors/>
                        <ItemAutosave/>
                        <button type="submit">"Save item"</button>
                    </ActionForm>
                }
            }
            <LinkedIssuesEditor
                item=item.id
                issues=item.issues.clone()
                label=format!("{}. {}", item.number, item.heading)
                editor_href=format!("{meeting_href}/edit")
                search
                actions=actions.links
            />
            <OutcomesEditor item=outcomes said supplier owners actions=actions.outcomes/>
        </section>
    }
}

/// Says that the form below holds the chair's autosaved working copy, not the item's saved
/// text, and offers to discard it.
#[component]
fn RestoredCopy(
    copy: WorkingCopy,
    current: i64,
    number: i64,
    actions: EditorActions,
) -> impl IntoView {
    view! {
        <div class="notice" role="status">
            <p>
                {format!(
                    "The form holds your working copy, kept on {}: it is not the item's text until you save it.",
                    time::date_time(copy.saved_at),
                )}
                {(copy.base_version != current).then_some(
                    " Someone else has saved the item since you began: saving will show you what they saved.",
                )}
            </p>
            <ActionForm action=actions.discard_copy attr:class="inline-form">
                <input type="hidden" name="item" value=copy.item.0.to_string()/>
                <button type="submit" class="button--quiet">"Discard my working copy"<span class="visually-hidden">" of item " {number}</span></button>
            </ActionForm>
        </div>
    }
}
