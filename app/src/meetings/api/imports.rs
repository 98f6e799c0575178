//! Bringing a minutes document into a meeting (`domain::minutes_import`): the chair pastes
//! it, Watchdog proposes agenda items, the chair adjusts the split and adds them. The proposal
//! is kept for that chair between the steps, so it works the same without JavaScript.

use super::*;
use crate::meetings::types::MinutesImport;
#[cfg(feature = "ssr")]
use crate::{
    domain::minutes_import::{
        bare_log_numbers, link_log_numbers, read_proposal, split, to_markdown,
    },
    meetings::types::{ImportProposal, ProposedItemView},
};

/// The committee: the meeting's import page, with the caller's proposal if there is one.
#[server(prefix = "/api", endpoint = "meetings/import")]
pub async fn get_minutes_import(meeting: MeetingId) -> Result<MinutesImport, AppError> {
    let chair = guard::require(Permission::ManageMeetings)?;
    let db = crate::db::use_db()?;
    let record = store::record(&db, meeting)
        .await?
        .ok_or(AppError::NotFound)?;
    let proposal = store::import_of(&db, meeting, chair.id)
        .await?
        .map(|text| ImportProposal {
            items: read_proposal(&text)
                .into_iter()
                .map(|item| ProposedItemView {
                    heading: item.heading,
                    minutes: Markdown::render(item.minutes).into_html(),
                })
                .collect(),
            text,
        });
    Ok(MinutesImport {
        meeting,
        title: record.title,
        proposal,
    })
}

/// The committee: proposes agenda items from a pasted minutes document, recognising the log
/// numbers the tracker knows, or (`adjusted`) takes the chair's adjusted proposal as it is;
/// keeps the proposal for the chair to adjust. Nothing is added to the agenda yet.
#[server(prefix = "/api", endpoint = "meetings/import/propose")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "propose_minutes_import", skip_all, fields(meeting = meeting.0)))]
pub async fn propose_minutes_import(
    meeting: MeetingId,
    text: String,
    adjusted: Option<String>,
) -> Result<(), AppError> {
    let chair = guard::require(Permission::ManageMeetings)?;
    let db = crate::db::use_db()?;
    let kept = FormErrors::new().keep("text", &text);
    checked_document(&text, &kept)?;
    let proposal = if adjusted.is_some() {
        to_markdown(&read_proposal(&text))
    } else {
        let known = store::known_log_numbers(&db, &bare_log_numbers(&text)).await?;
        to_markdown(&split(&link_log_numbers(&text, &known)))
    };
    let mut tx = db.begin_write().await?;
    store::record_in(&mut tx, meeting)
        .await?
        .ok_or(AppError::NotFound)?;
    store::keep_import(&mut tx, meeting, chair.id, &proposal, crate::clock::now()).await?;
    tx.commit().await?;
    leptos_axum::redirect(&format!("{}/import#proposal-heading", meeting.href()));
    Ok(())
}

/// The committee: adds the proposed items, as adjusted, to the end of the agenda (read at
/// the meeting's visibility), and forgets the proposal.
#[server(prefix = "/api", endpoint = "meetings/import/add")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "add_minutes_import", skip_all, fields(meeting = meeting.0)))]
pub async fn add_minutes_import(meeting: MeetingId, text: String) -> Result<usize, AppError> {
    let chair = guard::require(Permission::ManageMeetings)?;
    let db = crate::db::use_db()?;
    let kept = FormErrors::new().keep("text", &text);
    checked_document(&text, &kept)?;
    let items = read_proposal(&text);
    let mut problems = Vec::new();
    for item in &items {
        if let Err(message) = parse_title(&item.heading, "An item needs a heading.") {
            problems.push(format!("\u{201c}{}\u{201d}: {message}", item.heading));
        }
        if let Err(message) = check_size(&item.minutes) {
            problems.push(format!("\u{201c}{}\u{201d}: {message}", item.heading));
        }
    }
    if !problems.is_empty() {
        return Err(AppError::refused(kept.field("text", problems.join(" "))));
    }
    let now = crate::clock::now();
    let mut tx = db.begin_write().await?;
    let record = store::record_in(&mut tx, meeting)
        .await?
        .ok_or(AppError::NotFound)?;
    // The proposal is used once: a second post of the same form (a double click, a reload)
    // finds it gone and adds nothing.
    if !store::discard_import(&mut tx, meeting, chair.id).await? {
        return Err(AppError::stale(kept.form(
            "These items were already added, or the proposal was discarded: the agenda \
             shows what was added. Your text is still here if you need it.",
        )));
    }
    for item in &items {
        let minutes = Markdown::render(item.minutes.clone());
        let fields = ItemFields {
            heading: item.heading.trim(),
            presenter: "",
            visibility: record.visibility,
            minutes: &minutes,
        };
        store::add_item(&mut tx, meeting, fields, chair.id, now).await?;
    }
    tx.commit().await?;
    leptos_axum::redirect(&format!(
        "{}/edit?saved=imported#agenda-heading",
        meeting.href()
    ));
    Ok(items.len())
}

/// The committee: forgets the caller's proposal for the meeting.
#[server(prefix = "/api", endpoint = "meetings/import/discard")]
pub async fn discard_minutes_import(meeting: MeetingId) -> Result<(), AppError> {
    let chair = guard::require(Permission::ManageMeetings)?;
    let db = crate::db::use_db()?;
    let mut tx = db.begin_write().await?;
    store::record_in(&mut tx, meeting)
        .await?
        .ok_or(AppError::NotFound)?;
    store::discard_import(&mut tx, meeting, chair.id).await?;
    tx.commit().await?;
    leptos_axum::redirect(&format!("{}/import", meeting.href()));
    Ok(())
}

/// A document to bring in: some text, within the size any text may have.
#[cfg(feature = "ssr")]
fn checked_document(text: &str, kept: &FormErrors) -> Result<(), AppError> {
    if text.trim().is_empty() {
        return Err(AppError::refused(
            kept.clone()
                .field("text", "Paste the minutes document here."),
        ));
    }
    check_size(text).map_err(|message| AppError::refused(kept.clone().field("text", message)))
}
