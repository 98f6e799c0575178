//! The issues a commitment answers: the committee and the commitment's supplier's
//! representatives link an issue of that supplier to it (by its number, `#12` or `12`) and
//! unlink it; an issue of another supplier, or none, is refused as not found by the field.
//! An issue whose fix is planned with a target naming one of its supplier's commitments
//! (`C-45`) is linked to it too (`link_planned_fix`, called by the issues area).

use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::{
    commitments::store::{self, CommitmentRow},
    db::{Db, Tx},
    domain::{
        ids::{AccountId, ItemRef, SupplierId},
        people::CurrentUser,
        permissions::{may_act_for_supplier, may_see_supplier, Permission},
    },
    error::FormErrors,
    guard,
    markdown::references::{split, Piece, Reference},
};
use crate::{commitments::types::CommitmentId, domain::ids::IssueId, error::AppError};

/// The commitment, if `viewer` may link issues to it: another supplier's answers as a
/// missing one; one the viewer may see but not change is forbidden.
#[cfg(feature = "ssr")]
async fn linkable(
    db: &Db,
    viewer: &CurrentUser,
    commitment: CommitmentId,
) -> Result<CommitmentRow, AppError> {
    let row = store::find(db, commitment)
        .await?
        .filter(|row| may_see_supplier(viewer, row.supplier_id))
        .ok_or(AppError::NotFound)?;
    if !may_act_for_supplier(viewer, row.supplier_id) {
        return Err(AppError::Forbidden);
    }
    Ok(row)
}

/// The committee or the supplier's representatives: links the issue numbered `issue` to the
/// commitment (already linked: nothing changes).
#[server(prefix = "/api", endpoint = "commitments/issues/link")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "link_commitment_issue", skip_all, fields(commitment = commitment.0)))]
pub async fn link_commitment_issue(
    commitment: CommitmentId,
    issue: String,
) -> Result<(), AppError> {
    let viewer = guard::require(Permission::ReadCommitments)?;
    let db = crate::db::use_db()?;
    let kept = FormErrors::new().keep("issue", &issue);
    let row = linkable(&db, &viewer, commitment).await?;
    let Some(number) = IssueId::parse(&issue) else {
        return Err(AppError::refused(
            kept.field("issue", "Give the issue's number, such as #12."),
        ));
    };
    let mut tx = db.begin_write().await?;
    // Another supplier's issue is refused exactly as a missing one is.
    if store::issue_supplier_in(&mut tx, number).await? != Some(row.supplier_id) {
        return Err(AppError::refused(kept.field(
            "issue",
            format!("There is no issue {number} of {}.", row.supplier_name),
        )));
    }
    store::link_issue(&mut tx, commitment, number, viewer.id, crate::clock::now()).await?;
    tx.commit().await?;
    leptos_axum::redirect(&format!(
        "{}?changed=linked#issues-heading",
        commitment.href()
    ));
    Ok(())
}

/// The committee or the supplier's representatives: unlinks an issue from the commitment.
#[server(prefix = "/api", endpoint = "commitments/issues/unlink")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "unlink_commitment_issue", skip_all, fields(commitment = commitment.0)))]
pub async fn unlink_commitment_issue(
    commitment: CommitmentId,
    issue: IssueId,
) -> Result<(), AppError> {
    let viewer = guard::require(Permission::ReadCommitments)?;
    let db = crate::db::use_db()?;
    linkable(&db, &viewer, commitment).await?;
    let mut tx = db.begin_write().await?;
    if !store::unlink_issue(&mut tx, commitment, issue).await? {
        return Err(AppError::NotFound);
    }
    tx.commit().await?;
    leptos_axum::redirect(&format!(
        "{}?changed=unlinked#issues-heading",
        commitment.href()
    ));
    Ok(())
}

/// Links `issue` (of `supplier`) to each commitment of that supplier its planned fix's
/// `target` names (`C-45`), inside the caller's write. A name that is no commitment of the
/// supplier (a number in the supplier's own tracker, say) is left as words.
#[cfg(feature = "ssr")]
pub async fn link_planned_fix(
    tx: &mut Tx,
    issue: IssueId,
    supplier: SupplierId,
    target: &str,
    by: AccountId,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), sqlx::Error> {
    for piece in split(target) {
        if let Piece::Reference(_, Reference::Item(ItemRef::Commitment(commitment))) = piece {
            if store::supplier_of(tx, commitment).await? == Some(supplier) {
                store::link_issue(tx, commitment, issue, by, now).await?;
            }
        }
    }
    Ok(())
}
