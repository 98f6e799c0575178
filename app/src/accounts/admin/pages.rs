//! The administrators' pages: people (accounts and invitations) and the audit log.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::{
    accounts::{
        admin::api::{
            audit_log, get_users_overview, ChangeRole, Invite, IssuePasswordReset, IssuedLink,
            IssuedPurpose, RevokeInvitation, SetAccountActive, UsersOverview,
        },
        types::{AccountSummary, AuditPage, Role},
    },
    ui::{
        admin_nav::AdminNav,
        errors::Refusal,
        forms::{action_failure, form_errors, Field, FormMessage, SelectField},
        time,
    },
};

fn role_options(suppliers_exist: bool) -> Vec<(String, String)> {
    Role::ALL
        .into_iter()
        .filter(|role| suppliers_exist || *role != Role::SupplierRep)
        .map(|role| (role.as_str().to_owned(), role.label().to_owned()))
        .collect()
}

#[component]
pub fn UsersPage() -> impl IntoView {
    let invite = ServerAction::<Invite>::new();
    let change_role = ServerAction::<ChangeRole>::new();
    let set_active = ServerAction::<SetAccountActive>::new();
    let reset = ServerAction::<IssuePasswordReset>::new();
    let revoke = ServerAction::<RevokeInvitation>::new();
    let overview = OnceResource::new_blocking(get_users_overview());
    let invite_errors = Signal::derive(move || form_errors(invite.value().get()));
    let row_failure = Signal::derive(move || {
        action_failure(change_role)
            .or_else(|| action_failure(set_active))
            .or_else(|| action_failure(reset))
            .or_else(|| action_failure(revoke))
    });

    view! {
        <Title text="People"/>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match overview.await {
                    Err(error) => view! { <Refusal error/> }.into_any(),
                    Ok(overview) => {
                        let UsersOverview { me, accounts, invitations, suppliers, issued } = overview;
                        let suppliers_exist = !suppliers.is_empty();
                        let supplier_options: Vec<(String, String)> = std::iter::once((
                                String::new(),
                                "— not a supplier representative —".to_owned(),
                            ))
                            .chain(suppliers.iter().map(|s| (s.id.0.to_string(), s.name.clone())))
                            .collect();
                        let supplier_options = Signal::stored(supplier_options);
                        view! {
                            <AdminNav current="/admin/users"/>
                            <h1>"People"</h1>
                            {issued.map(|issued| view! { <IssuedLinkNotice issued/> })}
                            <FormMessage error=row_failure/>
                            <section class="panel" aria-labelledby="invite-heading">
                                <h2 id="invite-heading">"Invite someone"</h2>
                                <p class="muted">
                                    "You will get a link to send them. It works once, for 7 days; they choose their own name and password."
                                </p>
                                <FormMessage error=Signal::derive(move || action_failure(invite))/>
                                <ActionForm action=invite>
                                    <Field name="email" label="Email address" kind="email" required=true errors=invite_errors/>
                                    <SelectField
                                        name="role"
                                        label="Role"
                                        options=Signal::stored(role_options(suppliers_exist))
                                        value=Signal::stored("member".to_owned())
                                        errors=invite_errors
                                    />
                                    {suppliers_exist
                                        .then(|| {
                                            view! {
                                                <SelectField
                                                    name="supplier"
                                                    label="Supplier"
                                                    hint="For a supplier representative: the supplier they work for."
                                                    options=supplier_options
                                                    errors=invite_errors
                                                />
                                            }
                                        })}
                                    <button type="submit">
                                        "Create invitation link"
                                    </button>
                                </ActionForm>
                            </section>
                            {(!invitations.is_empty())
                                .then(|| {
                                    view! {
                                        <section aria-labelledby="invitations-heading">
                                            <h2 id="invitations-heading">"Invitations waiting"</h2>
                                            <div class="table-wrap">
                                                <table class="list">
                                                    <thead>
                                                        <tr>
                                                            <th scope="col">"Email address"</th>
                                                            <th scope="col">"Role"</th>
                                                            <th scope="col">"Invited by"</th>
                                                            <th scope="col">"Expires"</th>
                                                            <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                                                        </tr>
                                                    </thead>
                                                    <tbody>
                                                        {invitations
                                                            .into_iter()
                                                            .map(|invitation| {
                                                                let role = match invitation.supplier_name {
                                                                    Some(supplier) => format!("{} ({supplier})", invitation.role.label()),
                                                                    None => invitation.role.label().to_owned(),
                                                                };
                                                                view! {
                                                                    <tr>
                                                                        <td>{invitation.email.clone()}</td>
                                                                        <td data-label="Role">{role}</td>
                                                                        <td data-label="Invited by">{invitation.invited_by.unwrap_or_default()}</td>
                                                                        <td data-label="Expires">{time::date_time(invitation.expires_at)}</td>
                                                                        <td>
                                                                            <ActionForm action=revoke>
                                                                                <input type="hidden" name="link" value=invitation.id.0/>
                                                                                <button type="submit" class="button--quiet">
                                                                                    "Revoke"
                                                                                    <span class="visually-hidden">" the invitation for " {invitation.email.clone()}</span>
                                                                                </button>
                                                                            </ActionForm>
                                                                        </td>
                                                                    </tr>
                                                                }
                                                            })
                                                            .collect_view()}
                                                    </tbody>
                                                </table>
                                            </div>
                                        </section>
                                    }
                                })}
                            <section aria-labelledby="accounts-heading">
                                <h2 id="accounts-heading">"Accounts"</h2>
                                <div class="table-wrap">
                                    <table class="accounts list">
                                        <thead>
                                            <tr>
                                                <th scope="col">"Person"</th>
                                                <th scope="col">"Role"</th>
                                                <th scope="col">"Status"</th>
                                                <th scope="col">"Actions"</th>
                                            </tr>
                                        </thead>
                                        <tbody>
                                            {accounts
                                                .into_iter()
                                                .map(|account| {
                                                    let is_me = account.id == me;
                                                    view! {
                                                        <AccountRow
                                                            account
                                                            is_me
                                                            suppliers_exist
                                                            supplier_options
                                                            change_role
                                                            set_active
                                                            reset
                                                        />
                                                    }
                                                })
                                                .collect_view()}
                                        </tbody>
                                    </table>
                                </div>
                            </section>
                        }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn AccountRow(
    account: AccountSummary,
    is_me: bool,
    suppliers_exist: bool,
    supplier_options: Signal<Vec<(String, String)>>,
    change_role: ServerAction<ChangeRole>,
    set_active: ServerAction<SetAccountActive>,
    reset: ServerAction<IssuePasswordReset>,
) -> impl IntoView {
    let me = is_me;
    let id = account.id.0.to_string();
    let version = account.version.to_string();
    let no_errors = Signal::stored(crate::error::FormErrors::default());
    let role_label = match &account.supplier_name {
        Some(supplier) => format!("{} ({supplier})", account.role.label()),
        None => account.role.label().to_owned(),
    };
    let status = if account.active { "Active" } else { "Disabled" };
    let last = account
        .last_sign_in_at
        .map(|at| format!("Last signed in {}", time::date_time(at)))
        .unwrap_or_else(|| "Never signed in".to_owned());
    let supplier_value = account
        .supplier
        .map(|supplier| supplier.0.to_string())
        .unwrap_or_default();

    let name = account.display_name.clone();
    let role_cell = if me {
        view! { <span>{role_label}</span> }.into_any()
    } else {
        let suffix = id.clone();
        let supplier_field = suppliers_exist.then(|| {
            view! {
                <SelectField
                    name="supplier"
                    label="Supplier"
                    label_hidden=true
                    id_suffix=suffix
                    options=supplier_options
                    value=Signal::stored(supplier_value)
                    errors=no_errors
                />
            }
        });
        let (id, id_suffix, version, name) =
            (id.clone(), id.clone(), version.clone(), name.clone());
        view! {
            <ActionForm action=change_role attr:class="inline-form">
                <input type="hidden" name="account" value=id/>
                <input type="hidden" name="version" value=version/>
                <SelectField
                    name="role"
                    label="Role"
                    label_hidden=true
                    id_suffix=id_suffix
                    options=Signal::stored(role_options(suppliers_exist))
                    value=Signal::stored(account.role.as_str().to_owned())
                    errors=no_errors
                />
                {supplier_field}
                <button type="submit" class="button--secondary">
                    "Change role"
                    <span class="visually-hidden">" of " {name}</span>
                </button>
            </ActionForm>
        }
        .into_any()
    };
    let active_form = (!me).then(|| {
        let (id, version, name) = (id.clone(), version.clone(), name.clone());
        let (label, next, class) = if account.active {
            ("Disable", "false", "button--danger")
        } else {
            ("Re-enable", "true", "button--secondary")
        };
        view! {
            <ActionForm action=set_active attr:class="inline-form">
                <input type="hidden" name="account" value=id/>
                <input type="hidden" name="version" value=version/>
                <input type="hidden" name="active" value=next/>
                <button type="submit" class=class>
                    {label}
                    <span class="visually-hidden">" " {name}</span>
                </button>
            </ActionForm>
        }
    });

    let name_for_reset = name.clone();
    view! {
        <tr class:row--disabled=!account.active>
            <td>
                <strong>{name.clone()}</strong>
                {me.then_some(" (you)")}
                <br/>
                <span class="muted">{account.email}</span>
            </td>
            <td data-label="Role">{role_cell}</td>
            <td data-label="Status">
                {status}
                <br/>
                <span class="muted">{last}</span>
            </td>
            <td class="actions">
                {active_form}
                <ActionForm action=reset attr:class="inline-form">
                    <input type="hidden" name="account" value=id/>
                    <button type="submit" class="button--quiet">
                        "Password reset link"
                        <span class="visually-hidden">" for " {name_for_reset}</span>
                    </button>
                </ActionForm>
            </td>
        </tr>
    }
}

/// A link just issued, shown once for the administrator to pass on.
#[component]
fn IssuedLinkNotice(issued: IssuedLink) -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::security::keep_uncompressed();
    let what = match issued.purpose {
        IssuedPurpose::Invitation => "Invitation link",
        IssuedPurpose::PasswordReset => "Password reset link",
    };
    view! {
        <div class="notice notice--success issued-link" role="status">
            <p>
                <strong>{what} " for " {issued.recipient.clone()}</strong>
                ". Send it to them yourself; it works once, within 7 days. This is the only time it is shown."
            </p>
            <label for="issued-link">"Link"</label>
            <input id="issued-link" type="text" readonly value=issued.url.clone()/>
        </div>
    }
}

#[component]
pub fn AuditLogPage() -> impl IntoView {
    let query = use_query_map();
    let before = move || {
        query
            .read()
            .get("before")
            .and_then(|text| text.parse::<i64>().ok())
    };
    let page = Resource::new_blocking(before, audit_log);

    view! {
        <Title text="Audit log"/>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Err(error) => view! { <Refusal error/> }.into_any(),
                    Ok(page) => view! { <AuditTable page first=before().is_none()/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn AuditTable(page: AuditPage, first: bool) -> impl IntoView {
    let AuditPage { entries, older } = page;
    let empty = entries.is_empty();
    view! {
        <AdminNav current="/admin/audit"/>
        <h1>"Audit log"</h1>
        <p class="muted">
            "Sign-ins, sign-outs, invitations, role changes and other security events, newest first. Times are in "
            {time::zone().name()} "."
        </p>
        {empty.then(|| view! { <p>"Nothing has been recorded yet."</p> })}
        <div class="table-wrap">
            <table class="audit list">
                <thead>
                    <tr>
                        <th scope="col">"When"</th>
                        <th scope="col">"What"</th>
                        <th scope="col">"By"</th>
                        <th scope="col">"Account"</th>
                        <th scope="col">"Detail"</th>
                        <th scope="col">"From"</th>
                    </tr>
                </thead>
                <tbody>
                    {entries
                        .into_iter()
                        .map(|entry| {
                            view! {
                                <tr>
                                    <td>{time::date_time(entry.at)}</td>
                                    <td data-label="What">{entry.action.label()}</td>
                                    <td data-label="By">{entry.actor_name.unwrap_or_default()}</td>
                                    <td data-label="Account">{entry.account_name.unwrap_or_default()}</td>
                                    <td data-label="Detail">{entry.detail}</td>
                                    <td data-label="From">{entry.client_address}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
        <nav class="pager" aria-label="Audit log pages">
            {(!first).then(|| view! { <a href="/admin/audit">"Newest entries"</a> })}
            {older.map(|older| view! { <a href=format!("/admin/audit?before={older}")>"Older entries"</a> })}
        </nav>
    }
}
