//! Recording a commitment (the committee) and re-promising it or changing its status (the
//! committee, or the supplier's representatives): each appends to its ledger.

// A server function takes its form's fields as its arguments.
#![allow(clippy::too_many_arguments)]

use super::*;
use crate::commitments::types::{ActionId, AgendaItemId};
#[cfg(feature = "ssr")]
use crate::{
    commitments::{
        api::details::DetailsInput,
        fields::{parse_note, parse_reason, parse_said_on, parse_words},
        store::{NewCommitment, NewEntry},
        types::{CommitmentStatus, Promise},
    },
    domain::ids::SupplierId,
    error::FormErrors,
};

/// The committee: records a commitment with its first promise, made at an agenda item (or
/// from a supplier's action) when the form came from one.
#[server(prefix = "/api", endpoint = "commitments/add")]
#[cfg_attr(
    feature = "ssr",
    tracing::instrument(name = "add_commitment", skip_all)
)]
pub async fn add_commitment(
    title: String,
    supplier: String,
    module: String,
    description: String,
    words: String,
    said_on: String,
    committee_owner: String,
    supplier_owner: String,
    supplier_owner_name: String,
    item: Option<AgendaItemId>,
    action: Option<ActionId>,
) -> Result<CommitmentId, AppError> {
    let chair = guard::require(Permission::ManageCommitments)?;
    let db = crate::db::use_db()?;
    let settings = crate::instance::store::settings(&db).await?;
    let now = crate::clock::now();
    let today = settings.zone().clock(now).date();
    let input = DetailsInput::new(
        &title,
        &module,
        &description,
        &committee_owner,
        &supplier_owner,
        &supplier_owner_name,
    );
    let errors = input.keep(FormErrors::new().keep_all([
        ("supplier", supplier.as_str()),
        ("words", words.as_str()),
        ("said_on", said_on.as_str()),
    ]));
    let said_on = parse_said_on(&said_on, today, None);
    let timeframe = match &said_on {
        Ok(said_on) => parse_words(&words, *said_on, settings.quarter_scheme()),
        Err(_) => Err("Give the day it was said first.".to_owned()),
    };
    let supplier = supplier.parse().ok().map(SupplierId);
    let names = crate::suppliers::store::names(&db).await?;
    let supplier_known = supplier.filter(|id| names.supplier(*id).is_some());

    let mut tx = db.begin_write().await?;
    let mut refused = errors;
    let details = input
        .check(&mut tx, &names, supplier_known, (None, None), &mut refused)
        .await?;
    // Where it was promised: the action's item, or the item itself.
    let place = match (action, item) {
        (Some(action), _) => store::item_of_action(&mut tx, action)
            .await?
            .map(|place| (Some(action), Some(place)))
            .ok_or(AppError::NotFound)?,
        (None, Some(item)) => {
            let meeting = store::meeting_of_item(&mut tx, item)
                .await?
                .ok_or(AppError::NotFound)?;
            (None, Some((meeting, item)))
        }
        (None, None) => (None, None),
    };
    // A meeting with one supplier hears that supplier's promises only.
    let said_elsewhere = match (place.1, supplier_known) {
        (Some((meeting, _)), Some(supplier)) => store::meeting_supplier(&mut tx, meeting)
            .await?
            .is_some_and(|theirs| theirs != supplier),
        _ => false,
    };

    if supplier_known.is_none() {
        refused = refused.field("supplier", "Pick the supplier who made the promise.");
    } else if said_elsewhere {
        refused = refused.field(
            "supplier",
            "This was said at a meeting with another supplier: pick that supplier.",
        );
    }
    if let Err(message) = &said_on {
        refused = refused.field("said_on", message.clone());
    }
    if let Err(message) = &timeframe {
        refused = refused.field("words", message.clone());
    }
    if said_elsewhere {
        return Err(AppError::refused(refused));
    }
    let (Some(details), Some(supplier), Ok(said_on), Ok(timeframe)) =
        (details, supplier_known, said_on, timeframe)
    else {
        return Err(AppError::refused(refused));
    };
    let mut promise = Promise::read(&words, &timeframe);
    // Promised in a release: it takes the release's window (a release not known yet is added,
    // planned, with none).
    let release = match &timeframe {
        crate::domain::timeframe::Timeframe::Release { version } => {
            let (id, window) = store::release_for_promise(&mut tx, supplier, version, now).await?;
            promise.window = window;
            Some(id)
        }
        _ => None,
    };
    let new = NewCommitment {
        supplier,
        details: details.fields(),
        item: place.1,
        action: place.0,
    };
    let first = NewEntry {
        said_on,
        status: CommitmentStatus::Promised,
        promise: &promise,
        reason: "",
        note: "",
        evidence_url: "",
        release,
    };
    let id = store::create(&mut tx, &new, &first, chair.id, now).await?;
    tx.commit().await?;
    leptos_axum::redirect(&format!("{}?changed=added", id.href()));
    Ok(id)
}

/// The committee or the supplier's representatives: a new promise for a commitment (new
/// words, a new status, or both), if no one changed it since the form was loaded. A promise
/// that moves later needs a reason; a delivery needs a note of what was delivered.
#[server(prefix = "/api", endpoint = "commitments/revise")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "revise_commitment", skip_all, fields(commitment = commitment.0)))]
pub async fn revise_commitment(
    commitment: CommitmentId,
    version: i64,
    status: String,
    words: String,
    said_on: String,
    reason: String,
    note: String,
    evidence_url: String,
) -> Result<(), AppError> {
    let viewer = guard::require(Permission::ReadCommitments)?;
    let db = crate::db::use_db()?;
    let settings = crate::instance::store::settings(&db).await?;
    let now = crate::clock::now();
    let today = settings.zone().clock(now).date();
    let errors = FormErrors::new().keep_all([
        ("status", status.as_str()),
        ("words", words.as_str()),
        ("said_on", said_on.as_str()),
        ("reason", reason.as_str()),
        ("note", note.as_str()),
        ("evidence_url", evidence_url.as_str()),
    ]);
    let row = store::find(&db, commitment)
        .await?
        .filter(|row| may_see_supplier(&viewer, row.supplier_id))
        .ok_or(AppError::NotFound)?;
    if !may_act_for_supplier(&viewer, row.supplier_id) {
        return Err(AppError::Forbidden);
    }
    let mut tx = db.begin_write().await?;
    let ledger = store::ledger_entries(&mut tx, commitment).await?;
    let Some(last) = ledger.last().copied() else {
        return Err(AppError::NotFound);
    };
    let current = row.promise()?;
    let status = CommitmentStatus::parse(&status).ok_or("Pick a status.");
    let said_on = parse_said_on(&said_on, today, Some(last.on));
    // Words left empty keep the promise as it stands, in its release if it is in one.
    let mut release = row.release_id;
    let promise = match (words.trim(), &said_on) {
        ("", _) => Ok(current.clone()),
        (_, Ok(said_on)) => match parse_words(&words, *said_on, settings.quarter_scheme()) {
            Ok(timeframe) => {
                let mut promise = Promise::read(&words, &timeframe);
                release = None;
                if let crate::domain::timeframe::Timeframe::Release { version } = &timeframe {
                    let (id, window) =
                        store::release_for_promise(&mut tx, row.supplier_id, version, now).await?;
                    (release, promise.window) = (Some(id), window);
                }
                Ok(promise)
            }
            Err(message) => Err(message),
        },
        (_, Err(_)) => Err("Give the day it was said first.".to_owned()),
    };
    let reason = match &promise {
        Ok(promise) => parse_reason(&reason, current.window, promise.window),
        Err(_) => Ok(reason.trim().to_owned()),
    };
    let note = match status {
        Ok(status) => parse_note(&note, status, row.status()?),
        Err(_) => Ok(note.trim().to_owned()),
    };
    let evidence = crate::suppliers::types::parse_website(&evidence_url);

    let mut refused = errors;
    if let Err(message) = status {
        refused = refused.field("status", message);
    }
    if let Err(message) = &said_on {
        refused = refused.field("said_on", message.clone());
    }
    if let Err(message) = &promise {
        refused = refused.field("words", message.clone());
    }
    if let Err(message) = reason {
        refused = refused.field("reason", message);
    }
    if let Err(message) = note {
        refused = refused.field("note", message);
    }
    if let Err(message) = &evidence {
        refused = refused.field("evidence_url", *message);
    }
    let (Ok(status), Ok(said_on), Ok(promise), Ok(reason), Ok(note), Ok(evidence)) =
        (status, said_on, promise, reason, note, evidence)
    else {
        return Err(AppError::refused(refused));
    };
    if status == row.status()?
        && promise.timeframe == current.timeframe
        && promise.window == current.window
    {
        return Err(AppError::refused(refused.form(
            "Nothing changed: give a new status, or the new words the supplier used.",
        )));
    }
    let entry = NewEntry {
        said_on,
        status,
        promise: &promise,
        reason: &reason,
        note: &note,
        evidence_url: &evidence,
        release,
    };
    if !store::revise(&mut tx, commitment, version, &entry, viewer.id, now).await? {
        return Err(AppError::stale(refused.form(
            "Someone else changed this commitment since you opened the page: its promise as it \
             now stands is shown above. Your words are still in the form; check them and save \
             again.",
        )));
    }
    tx.commit().await?;
    leptos_axum::redirect(&format!("{}?changed=revised", commitment.href()));
    Ok(())
}
