//! The committee: the form for a new commitment, empty or filled from the agenda item or the
//! supplier's action it is made from ("Make this a commitment").

use super::*;
#[cfg(feature = "ssr")]
use crate::commitments::types::CommitmentDraft;
use crate::commitments::types::{ActionId, AgendaItemId, CommitmentForm};

/// The committee: what the new-commitment form offers and starts with.
#[server(prefix = "/api", endpoint = "commitments/form")]
pub async fn get_commitment_form(
    item: Option<AgendaItemId>,
    action: Option<ActionId>,
) -> Result<CommitmentForm, AppError> {
    guard::require(Permission::ManageCommitments)?;
    let db = crate::db::use_db()?;
    let settings = crate::instance::store::settings(&db).await?;
    let zone = settings.zone();
    let today = zone.clock(crate::clock::now()).date();
    let source = match (action, item) {
        (Some(action), _) => Some(
            store::action_source(&db, action)
                .await?
                .ok_or(AppError::NotFound)?,
        ),
        (None, Some(item)) => Some(
            store::item_source(&db, item)
                .await?
                .ok_or(AppError::NotFound)?,
        ),
        (None, None) => None,
    };
    let draft = match source {
        None => CommitmentDraft {
            said_on: Some(today),
            ..CommitmentDraft::default()
        },
        Some(source) => {
            let said_on = zone.clock(source.meeting_start).date();
            let place = format!(
                "\u{201c}{}\u{201d} at {} on {}",
                source.heading,
                source.meeting_title,
                said_on.format("%-d %B %Y")
            );
            match source.action {
                Some((action, description, due_words)) => CommitmentDraft {
                    title: description.clone(),
                    description: String::new(),
                    supplier: source.supplier,
                    words: due_words,
                    said_on: Some(said_on),
                    item: Some(source.item),
                    action: Some(action),
                    source: Some(format!(
                        "the action \u{201c}{description}\u{201d} agreed under {place}"
                    )),
                },
                None => CommitmentDraft {
                    title: source.heading.clone(),
                    description: String::new(),
                    supplier: source.supplier,
                    words: String::new(),
                    said_on: Some(said_on),
                    item: Some(source.item),
                    action: None,
                    source: Some(format!("the agenda item {place}")),
                },
            }
        }
    };
    let names = crate::suppliers::store::names(&db).await?;
    Ok(CommitmentForm {
        draft,
        suppliers: names
            .suppliers
            .iter()
            .map(|supplier| (supplier.id, supplier.name.clone()))
            .collect(),
        modules: names
            .modules
            .iter()
            .map(|module| (module.supplier, module.id, module.name.clone()))
            .collect(),
        committee: store::committee_choices(&db).await?,
        representatives: store::representative_choices(&db).await?,
        today,
        quarter_scheme: settings.quarter_scheme(),
    })
}
