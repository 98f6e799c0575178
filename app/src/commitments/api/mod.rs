//! Server functions for commitments. Everyone signed in reads them (a representative their
//! own supplier's only: another supplier's answers as a missing one does); the committee
//! records them; the committee and the supplier's representatives re-promise them
//! (`changes`).

use leptos::prelude::*;

use crate::{
    commitments::types::{Attention, CommitmentId, CommitmentList, CommitmentPage},
    error::AppError,
};
#[cfg(feature = "ssr")]
use crate::{
    commitments::{
        store,
        types::{
            days_in_url, roadmap::QUARTERS_EACH_SIDE, CommitmentFilter, CommitmentView, Rating,
            Sort, PAGE_SIZE,
        },
    },
    domain::{
        commitments::{facts, LedgerEntry},
        ids::ItemRef,
        meetings::Audience,
        permissions::{allows, may_act_for_supplier, may_see_supplier, Permission, SupplierScope},
    },
    guard,
};

mod changes;
mod details;
mod drafts;
mod issues;
mod releases;
mod roadmap;
mod scorecard;
mod since;

pub use changes::*;
pub use details::*;
pub use drafts::*;
pub use issues::*;
pub use releases::*;
pub use roadmap::*;
pub use scorecard::*;
pub use since::*;

/// Anyone signed in who may see its supplier's records: a commitment with its ledger and
/// what the ledger says.
#[server(prefix = "/api", endpoint = "commitment")]
pub async fn get_commitment(commitment: CommitmentId) -> Result<CommitmentPage, AppError> {
    let viewer = guard::require(Permission::ReadCommitments)?;
    let db = crate::db::use_db()?;
    let row = store::find(&db, commitment)
        .await?
        .filter(|row| may_see_supplier(&viewer, row.supplier_id))
        .ok_or(AppError::NotFound)?;
    let today = crate::instance::today(&db).await?;
    let ledger = store::ledger(&db, commitment).await?;
    let entries: Vec<LedgerEntry> = ledger
        .iter()
        .map(|line| LedgerEntry {
            on: line.said_on,
            status: line.status,
            window: line.promise.window,
        })
        .collect();
    let Some(facts) = facts(&entries, today) else {
        tracing::error!(commitment = commitment.0, "a commitment without a ledger");
        return Err(AppError::Internal);
    };
    let promised_at = match row.agenda_item_id {
        Some(item) => store::promised_at(&db, item, Audience::of(Some(&viewer))).await?,
        None => None,
    };
    Ok(CommitmentPage {
        commitment: CommitmentView {
            id: row.id,
            title: row.title.clone(),
            supplier: row.supplier_id,
            supplier_name: row.supplier_name.clone(),
            module_name: row.module_name.clone(),
            description: row.description().into_html(),
            status: row.status()?,
            promise: row.promise()?,
            committee_owner: row.committee_owner.clone(),
            supplier_owner: row.supplier_owner_label(),
            // An action is read at its agenda item's visibility.
            action: row.action_id.filter(|_| promised_at.is_some()),
            release: row.release_id,
            details_changed: row
                .details_changed_at
                .as_deref()
                .map(crate::db::timestamp::from_db)
                .transpose()?
                .map(|at| (at, row.details_changed_by.clone())),
            promised_at,
            version: row.version,
        },
        facts,
        ledger,
        discussions: crate::meetings::api::discussions_of(
            &db,
            Audience::of(Some(&viewer)),
            ItemRef::Commitment(commitment),
        )
        .await?,
        issues: store::issues_of(&db, commitment).await?,
        chases: crate::domain::chase::chase_history(
            &crate::chases::store::history(&db, ItemRef::Commitment(commitment)).await?,
        ),
        today,
        may_revise: may_act_for_supplier(&viewer, row.supplier_id),
        may_edit: allows(viewer.role, Permission::ManageCommitments),
    })
}

/// What every commitments page reads of its reader and the instance: today (by the one clock,
/// in the instance's zone), how quarters are numbered, whose commitments the reader may see,
/// and those suppliers' names for its forms.
#[cfg(feature = "ssr")]
pub(crate) struct Reading {
    pub today: chrono::NaiveDate,
    pub zone: crate::domain::local_time::Zone,
    pub scheme: crate::domain::timeframe::QuarterScheme,
    pub scope: SupplierScope,
    pub suppliers: Vec<(crate::commitments::types::SupplierId, String)>,
}

#[cfg(feature = "ssr")]
impl Reading {
    pub async fn of(
        db: &crate::db::Db,
        viewer: &crate::accounts::types::CurrentUser,
    ) -> Result<Reading, AppError> {
        let settings = crate::instance::store::settings(db).await?;
        let scope = SupplierScope::of(viewer);
        let names = crate::suppliers::store::names(db).await?;
        Ok(Reading {
            today: settings.zone().clock(crate::clock::now()).date(),
            zone: settings.zone(),
            scheme: settings.quarter_scheme(),
            scope,
            suppliers: names
                .suppliers
                .iter()
                .filter(|supplier| scope.includes(supplier.id))
                .map(|supplier| (supplier.id, supplier.name.clone()))
                .collect(),
        })
    }

    /// The supplier a query's value names, if the reader may see it: one they may not is
    /// read as none named, as a missing one is.
    pub fn visible_supplier(&self, value: &str) -> Option<crate::commitments::types::SupplierId> {
        value
            .parse()
            .ok()
            .map(crate::commitments::types::SupplierId)
            .filter(|id| self.suppliers.iter().any(|(known, _)| known == id))
    }
}

/// Anyone signed in: a page of the commitments they may see that the query's filters match.
#[server(prefix = "/api", endpoint = "commitments")]
pub async fn get_commitments(query: String) -> Result<CommitmentList, AppError> {
    let viewer = guard::require(Permission::ReadCommitments)?;
    let db = crate::db::use_db()?;
    let filter = CommitmentFilter::from_query(&query);
    let Reading {
        today,
        zone,
        scheme,
        scope,
        suppliers,
    } = Reading::of(&db, &viewer).await?;
    let reader = store::ListReader {
        scope,
        audience: Audience::of(Some(&viewer)),
    };
    let (page, total) = store::list(&db, reader, &filter, today, PAGE_SIZE).await?;
    let names = crate::suppliers::store::names(&db).await?;
    let modules = names
        .modules
        .iter()
        .filter_map(|module| {
            let (_, supplier) = suppliers.iter().find(|(id, _)| *id == module.supplier)?;
            Some((module.id, format!("{} ({supplier})", module.name)))
        })
        .collect();
    let meetings = store::meetings_promised_at(
        &db,
        reader,
        crate::clock::now() - chrono::Duration::days(365 * MEETING_YEARS_OFFERED),
        filter.meeting,
        MEETINGS_OFFERED,
    )
    .await?;
    let mut meetings = meetings
        .into_iter()
        .map(|meeting| {
            let day = zone
                .clock(crate::db::timestamp::from_db(&meeting.starts_at)?)
                .date();
            Ok((
                meeting.id,
                format!(
                    "{} · {}",
                    crate::domain::timeframe::long_date(day),
                    meeting.title
                ),
            ))
        })
        .collect::<Result<Vec<_>, AppError>>()?;
    // A meeting named that the reader may not read is offered as a missing one is.
    if let Some(chosen) = filter.meeting {
        if !meetings.iter().any(|(id, _)| *id == chosen) {
            meetings.push((chosen, "No such meeting".to_owned()));
        }
    }
    let mut quarters: Vec<(String, String)> = crate::domain::roadmap::quarters_around(
        today,
        scheme,
        QUARTERS_EACH_SIDE,
        QUARTERS_EACH_SIDE,
    )
    .into_iter()
    .map(|quarter| (days_in_url(quarter.window), quarter.label))
    .collect();
    // Days from a link that are no quarter of today's roadmap are offered as themselves.
    if let Some(due) = filter.due {
        if !quarters.iter().any(|(days, _)| *days == days_in_url(due)) {
            quarters.push((days_in_url(due), due.describe()));
        }
    }
    Ok(CommitmentList {
        rows: page.rows,
        next: page.next.map(CommitmentId),
        total,
        filter,
        suppliers,
        modules,
        meetings,
        quarters,
        today,
        may_create: allows(viewer.role, Permission::ManageCommitments),
    })
}

/// How many meetings the list's "promised at" filter offers, of how many years back (an
/// older one is reached from its page, which links to its commitments).
#[cfg(feature = "ssr")]
const MEETINGS_OFFERED: i64 = 40;
#[cfg(feature = "ssr")]
const MEETING_YEARS_OFFERED: i64 = 3;

/// How many promises of each kind the home page shows.
#[cfg(feature = "ssr")]
const ATTENTION_ROWS: i64 = 5;

/// The home page's part: the promises that need attention first, for anyone signed in
/// (their own supplier's, for a representative); nothing for a visitor.
#[server(prefix = "/api", endpoint = "commitments/attention")]
pub async fn get_attention() -> Result<Option<Attention>, AppError> {
    let Some(viewer) = guard::current_user() else {
        return Ok(None);
    };
    let db = crate::db::use_db()?;
    let settings = crate::instance::store::settings(&db).await?;
    let today = settings.zone().clock(crate::clock::now()).date();
    let scope = SupplierScope::of(&viewer);
    let overdue = CommitmentFilter {
        rating: Some(Rating::Overdue),
        sort: Sort::Overdue,
        ..CommitmentFilter::default()
    };
    let reader = store::ListReader {
        scope,
        audience: Audience::of(Some(&viewer)),
    };
    let (overdue, overdue_total) =
        store::list(&db, reader, &overdue, today, ATTENTION_ROWS).await?;
    let quarter =
        crate::domain::timeframe::Timeframe::quarter_containing(today, settings.quarter_scheme());
    // What falls due from today to the quarter's end (what fell due before today is overdue).
    let (due, due_total) = match quarter.window() {
        Some(window) => {
            let rest = crate::commitments::types::Window {
                first: window.first.max(today),
                last: window.last,
            };
            store::due_within(&db, scope, rest, ATTENTION_ROWS).await?
        }
        None => (Vec::new(), 0),
    };
    let reading = Reading::of(&db, &viewer).await?;
    let meetings = since::meetings_held(&db, &viewer, &reading).await?;
    let slipped = match meetings.into_iter().next() {
        Some((supplier, meeting)) => {
            let (changed, _) = since::changes_since(
                &db,
                &reading,
                supplier,
                meeting.day,
                crate::commitments::types::since::SINCE_ROWS,
            )
            .await?;
            let slipped: Vec<_> = changed
                .into_iter()
                .filter(|changed| changed.since.slipped > 0)
                .map(|changed| changed.summary)
                .collect();
            Some(crate::commitments::types::SlippedSince {
                meeting,
                total: i64::try_from(slipped.len()).unwrap_or(i64::MAX),
                rows: slipped
                    .into_iter()
                    .take(usize::try_from(ATTENTION_ROWS).unwrap_or(0))
                    .collect(),
            })
        }
        None => None,
    };
    Ok(Some(Attention {
        overdue: overdue.rows,
        overdue_total,
        due,
        due_total,
        quarter: quarter.describe(),
        slipped,
        today,
    }))
}
