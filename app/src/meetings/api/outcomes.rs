//! What a meeting agreed: actions and decisions on its agenda items (the committee records
//! them), an action's own page (read at its item's visibility), and marking an action done
//! (the committee, its owner, or the owning supplier's representatives).

// A server function takes its form's fields as its arguments.
#![allow(clippy::too_many_arguments)]

use super::*;
use crate::meetings::types::{ActionId, ActionPage, DecisionId};
#[cfg(feature = "ssr")]
use crate::{
    domain::{action_due::due_window, permissions::may_close_action, timeframe::Window},
    instance::types::InstanceInfo,
    meetings::api::agenda::item_of,
    meetings::{
        store::{ActionFields, ActionRow, ItemRow},
        types::{parse_outcome, ActionOwner},
    },
};

/// Anyone who may read the agenda item it was agreed under: an action with its timeline.
#[server(prefix = "/api", endpoint = "action")]
pub async fn get_action(action: ActionId) -> Result<ActionPage, AppError> {
    let viewer = guard::current_user();
    let audience = Audience::of(viewer.as_ref());
    let db = crate::db::use_db()?;
    let (row, record, item) = visible_action(&db, audience, action).await?;
    let may_close = viewer.as_ref().is_some_and(|viewer| {
        may_close_action(viewer, row.owner_account_id, row.owner_supplier_id)
    });
    Ok(ActionPage {
        events: store::action_events(&db, action).await?,
        action: row.into_view(crate::instance::today(&db).await?)?,
        meeting: record.id,
        meeting_title: record.title,
        meeting_start: record.starts_at,
        item: item.id,
        item_heading: item.heading,
        may_close,
        may_manage: audience == Audience::Committee,
    })
}

/// The committee: records an action agreed under an agenda item.
#[server(prefix = "/api", endpoint = "meetings/actions/add")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "add_action", skip_all, fields(item = item.0)))]
pub async fn add_action(
    item: AgendaItemId,
    description: String,
    owner: String,
    owner_name: String,
    due: String,
) -> Result<ActionId, AppError> {
    let chair = guard::require(Permission::ManageMeetings)?;
    let db = crate::db::use_db()?;
    let form = ActionForm {
        description,
        owner,
        owner_name,
        due,
    };
    let kept = FormErrors::new().keep("item", &item.0.to_string());
    let now = crate::clock::now();
    let settings = crate::instance::store::settings(&db).await?;
    let mut tx = db.begin_write().await?;
    let (record, row) = item_of(&mut tx, item).await?;
    let checked = form.parse(&mut tx, &record, &settings, kept).await?;
    let id = store::add_action(&mut tx, &row, &checked.fields(), chair.id, now).await?;
    tx.commit().await?;
    back_to_item(record.id, item, None);
    Ok(id)
}

/// The committee: changes what an action says, who owns it or when it is due, if no one
/// changed it since; its timeline says what changed.
#[server(prefix = "/api", endpoint = "meetings/actions/edit")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "edit_action", skip_all, fields(action = action.0)))]
pub async fn edit_action(
    action: ActionId,
    version: i64,
    description: String,
    owner: String,
    owner_name: String,
    due: String,
) -> Result<(), AppError> {
    let chair = guard::require(Permission::ManageMeetings)?;
    let db = crate::db::use_db()?;
    let form = ActionForm {
        description,
        owner,
        owner_name,
        due,
    };
    let kept = FormErrors::new().keep("action", &action.0.to_string());
    let now = crate::clock::now();
    let settings = crate::instance::store::settings(&db).await?;
    let mut tx = db.begin_write().await?;
    let (record, row) = action_of(&mut tx, action).await?;
    let checked = form
        .parse(&mut tx, &record, &settings, kept.clone())
        .await?;
    let fields = checked.fields();
    let detail = changes(&row, &fields);
    if !store::update_action(&mut tx, &row, version, &fields, &detail, chair.id, now).await? {
        return Err(action_changed(form.kept(kept)));
    }
    tx.commit().await?;
    back_to_item(record.id, row.agenda_item_id, None);
    Ok(())
}

/// The committee, the action's owner or, for an action owned by a supplier, that supplier's
/// representatives: marks an action done, with a note of what was done.
#[server(prefix = "/api", endpoint = "actions/done")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "close_action", skip_all, fields(action = action.0)))]
pub async fn close_action(action: ActionId, version: i64, note: String) -> Result<(), AppError> {
    let viewer = guard::signed_in()?;
    let db = crate::db::use_db()?;
    let audience = Audience::of(Some(&viewer));
    let kept = FormErrors::new().keep("note", &note);
    let note = match parse_short_note(&note) {
        Ok(note) => note,
        Err(message) => return Err(AppError::refused(kept.field("note", message))),
    };
    let now = crate::clock::now();
    let mut tx = db.begin_write().await?;
    let row = visible_action_in(&mut tx, audience, action).await?;
    if !may_close_action(&viewer, row.owner_account_id, row.owner_supplier_id) {
        return Err(AppError::Forbidden);
    }
    if !store::set_action_status(&mut tx, &row, version, true, &note, viewer.id, now).await? {
        return Err(action_changed(kept));
    }
    tx.commit().await?;
    leptos_axum::redirect(&format!("{}?changed=done", action.href()));
    Ok(())
}

/// The committee: opens a done action again.
#[server(prefix = "/api", endpoint = "actions/reopen")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "reopen_action", skip_all, fields(action = action.0)))]
pub async fn reopen_action(action: ActionId, version: i64) -> Result<(), AppError> {
    let chair = guard::require(Permission::ManageMeetings)?;
    let db = crate::db::use_db()?;
    let mut tx = db.begin_write().await?;
    let (_, row) = action_of(&mut tx, action).await?;
    let now = crate::clock::now();
    if !store::set_action_status(&mut tx, &row, version, false, "", chair.id, now).await? {
        return Err(action_changed(FormErrors::new()));
    }
    tx.commit().await?;
    leptos_axum::redirect(&format!("{}?changed=reopened", action.href()));
    Ok(())
}

/// The committee: takes an action off the record (one recorded by mistake), with its
/// timeline.
#[server(prefix = "/api", endpoint = "meetings/actions/remove")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "remove_action", skip_all, fields(action = action.0)))]
pub async fn remove_action(action: ActionId, version: i64) -> Result<(), AppError> {
    guard::require(Permission::ManageMeetings)?;
    let db = crate::db::use_db()?;
    let mut tx = db.begin_write().await?;
    let (record, row) = action_of(&mut tx, action).await?;
    if !store::remove_action(&mut tx, &row, version, crate::clock::now()).await? {
        return Err(action_changed(FormErrors::new()));
    }
    tx.commit().await?;
    back_to_item(record.id, row.agenda_item_id, None);
    Ok(())
}

/// The committee: records a decision made under an agenda item.
#[server(prefix = "/api", endpoint = "meetings/decisions/add")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "add_decision", skip_all, fields(item = item.0)))]
pub async fn add_decision(item: AgendaItemId, description: String) -> Result<DecisionId, AppError> {
    let chair = guard::require(Permission::ManageMeetings)?;
    let db = crate::db::use_db()?;
    let kept = FormErrors::new()
        .keep("item", &item.0.to_string())
        .keep("description", &description);
    let text = parse_outcome(&description, "Say what was decided.")
        .map_err(|message| AppError::refused(kept.clone().field("description", message)))?;
    let now = crate::clock::now();
    let mut tx = db.begin_write().await?;
    let (record, row) = item_of(&mut tx, item).await?;
    let id = store::add_decision(&mut tx, &row, &text, chair.id, now).await?;
    tx.commit().await?;
    back_to_item(record.id, item, None);
    Ok(id)
}

/// The committee: rewords a decision, if no one changed it since.
#[server(prefix = "/api", endpoint = "meetings/decisions/edit")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "edit_decision", skip_all, fields(decision = decision.0)))]
pub async fn edit_decision(
    decision: DecisionId,
    version: i64,
    description: String,
) -> Result<(), AppError> {
    guard::require(Permission::ManageMeetings)?;
    let db = crate::db::use_db()?;
    let kept = FormErrors::new()
        .keep("decision", &decision.0.to_string())
        .keep("description", &description);
    let text = parse_outcome(&description, "Say what was decided.")
        .map_err(|message| AppError::refused(kept.clone().field("description", message)))?;
    let now = crate::clock::now();
    let mut tx = db.begin_write().await?;
    let row = store::decision_in(&mut tx, decision)
        .await?
        .ok_or(AppError::NotFound)?;
    if !store::update_decision(&mut tx, &row, version, &text, now).await? {
        return Err(action_changed(kept));
    }
    tx.commit().await?;
    back_to_item(row.meeting_id, row.agenda_item_id, None);
    Ok(())
}

/// The committee: takes a decision off the record.
#[server(prefix = "/api", endpoint = "meetings/decisions/remove")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "remove_decision", skip_all, fields(decision = decision.0)))]
pub async fn remove_decision(decision: DecisionId, version: i64) -> Result<(), AppError> {
    guard::require(Permission::ManageMeetings)?;
    let db = crate::db::use_db()?;
    let mut tx = db.begin_write().await?;
    let row = store::decision_in(&mut tx, decision)
        .await?
        .ok_or(AppError::NotFound)?;
    if !store::remove_decision(&mut tx, &row, version, crate::clock::now()).await? {
        return Err(action_changed(FormErrors::new()));
    }
    tx.commit().await?;
    back_to_item(row.meeting_id, row.agenda_item_id, None);
    Ok(())
}

/// An action, its meeting and its agenda item, if `audience` may read that item; else what
/// a missing action answers.
#[cfg(feature = "ssr")]
async fn visible_action(
    db: &crate::db::Db,
    audience: Audience,
    action: ActionId,
) -> Result<(ActionRow, MeetingRecord, ItemRow), AppError> {
    let hidden = || {
        if audience == Audience::Public {
            AppError::NotSignedIn
        } else {
            AppError::NotFound
        }
    };
    let row = store::action(db, action).await?.ok_or_else(hidden)?;
    let record = store::record(db, row.meeting_id)
        .await?
        .ok_or_else(hidden)?;
    let item = store::item(db, row.agenda_item_id)
        .await?
        .ok_or_else(hidden)?;
    let supplier = record.supplier.as_ref().map(|supplier| supplier.id);
    if !audience.sees_item(
        record.status,
        record.visibility,
        item.visibility()?,
        supplier,
    ) {
        return Err(hidden());
    }
    Ok((row, record, item))
}

/// As `visible_action`, inside a write, for someone signed in.
#[cfg(feature = "ssr")]
async fn visible_action_in(
    tx: &mut Tx,
    audience: Audience,
    action: ActionId,
) -> Result<ActionRow, AppError> {
    let row = store::action_in(tx, action)
        .await?
        .ok_or(AppError::NotFound)?;
    let record = store::record_in(tx, row.meeting_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let item = store::item_in(tx, row.agenda_item_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let supplier = record.supplier.as_ref().map(|supplier| supplier.id);
    if !audience.sees_item(
        record.status,
        record.visibility,
        item.visibility()?,
        supplier,
    ) {
        return Err(AppError::NotFound);
    }
    Ok(row)
}

/// An action and its meeting, inside a write; 404 if either is gone.
#[cfg(feature = "ssr")]
async fn action_of(tx: &mut Tx, action: ActionId) -> Result<(MeetingRecord, ActionRow), AppError> {
    let row = store::action_in(tx, action)
        .await?
        .ok_or(AppError::NotFound)?;
    let record = store::record_in(tx, row.meeting_id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((record, row))
}

#[cfg(feature = "ssr")]
fn action_changed(kept: FormErrors) -> AppError {
    AppError::stale(kept.form(
        "Someone else changed this after you opened the page. The page now shows it as it \
         is; make your change again if it is still needed.",
    ))
}

/// A note on what was done: at most 2,000 characters, may be empty.
#[cfg(feature = "ssr")]
fn parse_short_note(text: &str) -> Result<String, &'static str> {
    let text = text.trim();
    if text.chars().count() > 2000 {
        return Err("Keep the note under 2,000 characters.");
    }
    Ok(text.to_owned())
}

/// What changed between an action as stored and its new fields, for its timeline.
#[cfg(feature = "ssr")]
fn changes(row: &ActionRow, fields: &ActionFields<'_>) -> String {
    let mut parts = Vec::new();
    if row.description != fields.description {
        parts.push("what is to be done".to_owned());
    }
    if row.owner() != fields.owner || row.owner_name != fields.owner_name {
        parts.push("who is to do it".to_owned());
    }
    if row.due_words != fields.due_words {
        parts.push(if fields.due_words.is_empty() {
            "when it is due (no longer said)".to_owned()
        } else {
            format!("when it is due: \"{}\"", fields.due_words)
        });
    }
    if parts.is_empty() {
        "nothing".to_owned()
    } else {
        parts.join(", ")
    }
}

/// An action's form as sent.
#[cfg(feature = "ssr")]
struct ActionForm {
    description: String,
    owner: String,
    owner_name: String,
    due: String,
}

/// An action's form, checked.
#[cfg(feature = "ssr")]
struct CheckedAction {
    description: String,
    owner: ActionOwner,
    owner_name: String,
    due: String,
    due_window: Option<Window>,
}

#[cfg(feature = "ssr")]
impl CheckedAction {
    fn fields(&self) -> ActionFields<'_> {
        ActionFields {
            description: &self.description,
            owner: self.owner,
            owner_name: &self.owner_name,
            due_words: &self.due,
            due: self.due_window,
        }
    }
}

#[cfg(feature = "ssr")]
impl ActionForm {
    fn kept(&self, kept: FormErrors) -> FormErrors {
        kept.keep("description", &self.description)
            .keep("owner", &self.owner)
            .keep("owner_name", &self.owner_name)
            .keep("due", &self.due)
    }

    /// Checks the form for an action at `meeting`: the owner is the meeting's supplier (who
    /// there, optionally named), an account that may own actions, or a party named; the due
    /// words are read on the meeting's day in the instance's zone and quarter numbering.
    async fn parse(
        &self,
        tx: &mut Tx,
        meeting: &MeetingRecord,
        settings: &InstanceInfo,
        kept: FormErrors,
    ) -> Result<CheckedAction, AppError> {
        let mut errors = self.kept(kept);
        let description = match parse_outcome(&self.description, "Say what is to be done.") {
            Ok(description) => Some(description),
            Err(message) => {
                errors = errors.field("description", message);
                None
            }
        };
        let owner_name = match parse_short(&self.owner_name) {
            Ok(name) => name,
            Err(message) => {
                errors = errors.field("owner_name", message);
                String::new()
            }
        };
        let owner = match self.owner.as_str() {
            "supplier" => match &meeting.supplier {
                Some(supplier) => Some((ActionOwner::Supplier(supplier.id), owner_name)),
                None => {
                    errors = errors.field(
                        "owner",
                        "This meeting is with no supplier: choose someone or name them.",
                    );
                    None
                }
            },
            "named" if owner_name.is_empty() => {
                errors = errors.field("owner_name", "Name who is to do it.");
                None
            }
            "named" => Some((ActionOwner::Named, owner_name)),
            text => match text.parse().ok().map(crate::domain::ids::AccountId) {
                Some(account) if store::may_own_actions(tx, account).await? => {
                    Some((ActionOwner::Account(account), String::new()))
                }
                _ => {
                    errors = errors.field("owner", "Choose who is to do it.");
                    None
                }
            },
        };
        let due = match parse_short(&self.due) {
            Ok(due) => due,
            Err(message) => {
                errors = errors.field("due", message);
                String::new()
            }
        };
        match (description, owner) {
            (Some(description), Some((owner, owner_name))) if errors.fields.is_empty() => {
                let said = settings.zone().clock(meeting.starts_at).date();
                Ok(CheckedAction {
                    description,
                    owner,
                    owner_name,
                    due_window: due_window(&due, said, settings.quarter_scheme()),
                    due,
                })
            }
            _ => Err(AppError::refused(errors)),
        }
    }
}
