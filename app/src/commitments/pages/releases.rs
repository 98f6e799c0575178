//! The releases (`/releases`): every supplier's versions with where each stands and when it
//! is expected, and the form that adds one; a release's page (`/releases/:id`) with the
//! promises made in it and the form that changes it. A new expected window moves every open
//! promise made in the release, each with an entry in its ledger.

use leptos::prelude::*;
use leptos_meta::Title;

use super::{list::CommitmentTable, *};
use crate::{
    commitments::{
        api::{get_release, get_releases, AddRelease, EditRelease},
        types::releases::{Release, ReleaseId, ReleaseList, ReleasePage, ReleaseStatus},
    },
    ui::{
        errors::Refusal,
        forms::{action_failure, form_errors, Field, FormMessage, SelectField, SuccessNotice},
        url::{changed, id_in_url},
    },
};

#[component]
pub fn ReleasesPage() -> impl IntoView {
    let list = OnceResource::new_blocking(get_releases());
    let add = ServerAction::<AddRelease>::new();
    view! {
        <Title text="Releases"/>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Err(error) => view! { <Refusal error/> }.into_any(),
                    Ok(list) => view! { <Releases list add/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// "Q3 2026 (1 Jul – 30 Sep 2026)", or that no one has said.
fn expected(release: &Release) -> String {
    match release.window {
        Some(window) if window.first != window.last => {
            format!("{} ({})", release.timeframe, window.describe())
        }
        Some(_) => release.timeframe.clone(),
        None => "not said yet".to_owned(),
    }
}

/// Where it stands, with the day it was released.
fn standing(release: &Release) -> String {
    match release.released_on {
        Some(on) => format!("{} {}", release.status.label(), day(on)),
        None => release.status.label().to_owned(),
    }
}

fn status_choices() -> Vec<(String, String)> {
    ReleaseStatus::ALL
        .into_iter()
        .map(|status| (status.as_str().to_owned(), status.label().to_owned()))
        .collect()
}

#[component]
fn Releases(list: ReleaseList, add: ServerAction<AddRelease>) -> impl IntoView {
    let ReleaseList {
        releases,
        may_add_for,
    } = list;
    let errors = Signal::derive(move || form_errors(add.value().get()));
    let rows = releases
        .iter()
        .map(|release| {
            view! {
                <tr>
                    <td><a href=release.id.href()>{format!("Release {}", release.name)}</a></td>
                    <td data-label="Supplier">{release.supplier_name.clone()}</td>
                    <td data-label="Stands">{standing(release)}</td>
                    <td data-label="Expected">{expected(release)}</td>
                    <td data-label="Open promises in it" class="numeric">{release.open_commitments}</td>
                </tr>
            }
        })
        .collect_view();
    let form = (!may_add_for.is_empty()).then(|| {
        let supplier_options: Vec<_> = may_add_for
            .into_iter()
            .map(|(id, name)| (id.0.to_string(), name))
            .collect();
        view! {
            <section class="panel" aria-labelledby="add-release-heading">
                <h2 id="add-release-heading">"Add a release"</h2>
                <FormMessage error=Signal::derive(move || action_failure(add))/>
                <ActionForm action=add>
                    <SelectField name="supplier" label="Supplier" options=supplier_options errors/>
                    <Field name="name" label="Version" required=true hint="As the supplier numbers it, e.g. 5.2.0." errors/>
                    <SelectField name="status" label="Stands" options=status_choices() errors/>
                    <Field name="words" label="Expected, in the supplier's words" hint="e.g. \"Q3 2026\", \"June\"; leave empty if no one has said." errors/>
                    <Field name="released_on" label="Released on" kind="date" hint="Only for a release that is out; today if left empty." errors/>
                    <button type="submit">"Add release"</button>
                </ActionForm>
            </section>
        }
    });
    view! {
        <p class="breadcrumbs"><a href="/commitments">"Commitments"</a></p>
        <h1>"Releases"</h1>
        <p class="muted">
            "A promise made \u{201c}in 5.2.0\u{201d} takes its dates from the release; when the release's expected dates move, so does every open promise made in it, and its ledger says why."
        </p>
        {if releases.is_empty() {
            view! { <p>"No releases yet. A promise made in one adds it."</p> }.into_any()
        } else {
            view! {
                <div class="table-wrap">
                    <table class="list">
                        <thead>
                            <tr>
                                <th scope="col">"Release"</th>
                                <th scope="col">"Supplier"</th>
                                <th scope="col">"Stands"</th>
                                <th scope="col">"Expected"</th>
                                <th scope="col" class="numeric">"Open promises in it"</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            }
            .into_any()
        }}
        {form}
    }
}

#[component]
pub fn ReleasePageView() -> impl IntoView {
    let id = id_in_url();
    let page = Resource::new_blocking(move || ReleaseId(id.get()), get_release);
    let edit = ServerAction::<EditRelease>::new();
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Err(error) => view! { <Title text="Release"/> <Refusal error/> }.into_any(),
                    Ok(page) => view! {
                        <SuccessNotice show=changed("added") message="The release is added."/>
                        <SuccessNotice show=changed("saved") message="The release is saved; any promise made in it now has its dates."/>
                        <ReleaseView page edit/>
                    }
                        .into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ReleaseView(page: ReleasePage, edit: ServerAction<EditRelease>) -> impl IntoView {
    let ReleasePage {
        release,
        commitments,
        today,
        may_edit,
    } = page;
    let title = format!("Release {}", release.name);
    let said = (!release.words.is_empty()
        && !release.words.eq_ignore_ascii_case(&release.timeframe))
    .then(|| format!(" (said as \u{201c}{}\u{201d})", release.words));
    let editing = release.clone();
    let form = may_edit.then(move || {
        let release = editing;
        let errors = Signal::derive(move || form_errors(edit.value().get()));
        let value = |text: String| Signal::stored(text);
        view! {
            <section class="panel" aria-labelledby="edit-release-heading">
                <h2 id="edit-release-heading">"Change the release"</h2>
                <FormMessage error=Signal::derive(move || action_failure(edit))/>
                <ActionForm action=edit>
                    <input type="hidden" name="release" value=release.id.0.to_string()/>
                    <input type="hidden" name="version" value=release.version.to_string()/>
                    <Field name="name" label="Version" required=true value=value(release.name.clone()) errors/>
                    <SelectField name="status" label="Stands" options=status_choices() value=value(release.status.as_str().to_owned()) errors/>
                    <Field name="words" label="Expected, in the supplier's words" value=value(release.words.clone()) hint="New dates here move every open promise made in this release." errors/>
                    <Field name="released_on" label="Released on" kind="date" value=value(release.released_on.map(|on| on.to_string()).unwrap_or_default()) hint="Only for a release that is out; today if left empty." errors/>
                    <button type="submit">"Save the release"</button>
                </ActionForm>
            </section>
        }
    });
    let promises = if commitments.is_empty() {
        view! { <p>"No promise is in this release now."</p> }.into_any()
    } else {
        view! { <CommitmentTable rows=commitments today/> }.into_any()
    };
    view! {
        <Title text=title.clone()/>
        <p class="breadcrumbs"><a href="/releases">"Releases"</a></p>
        <h1>{title}</h1>
        <dl class="details">
            <dt>"Supplier"</dt>
            <dd>{release.supplier_name.clone()}</dd>
            <dt>"Stands"</dt>
            <dd>{standing(&release)}</dd>
            <dt>"Expected"</dt>
            <dd>{expected(&release)} {said}</dd>
        </dl>
        <section aria-labelledby="promised-in-heading">
            <h2 id="promised-in-heading">"Promised in this release"</h2>
            {promises}
        </section>
        {form}
    }
}
