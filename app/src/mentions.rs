//! Where records are named in other records' text: the `mentions` table. The text's owner
//! rewrites its mentions whenever the text is saved (`record`), inside the same transaction;
//! the named record's page asks which records name it, and the source's own area decides
//! whether the reader may see each (a draft's or a withheld item's mention leaves no trace).

use chrono::{DateTime, Utc};

use crate::{
    db::{timestamp, Tx},
    domain::ids::{IssueId, ItemRef, SupplierId},
    markdown::references::Reference,
};

/// Makes `references` the records `source` names, in place of what it named before. A log
/// number names the issues that hold it: those of `supplier` when the text is about one
/// supplier (log numbers are each supplier's own), else any.
pub async fn record(
    tx: &mut Tx,
    source: ItemRef,
    references: &[Reference],
    supplier: Option<SupplierId>,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    forget(tx, source).await?;
    let (source_kind, source_id) = source.stored();
    let at = timestamp::to_db(now);
    for reference in references {
        let targets = match reference {
            Reference::Item(item) => vec![*item],
            Reference::LogNumber(number) => {
                let issues: Vec<IssueId> = sqlx::query_scalar(
                    "SELECT DISTINCT issue_id FROM issue_log_numbers WHERE log_number = $1 \
                     AND ($2 IS NULL OR supplier_id = $2)",
                )
                .bind(number.as_str())
                .bind(supplier)
                .fetch_all(&mut **tx)
                .await?;
                issues.into_iter().map(ItemRef::Issue).collect()
            }
        };
        for target in targets {
            let (target_kind, target_id) = target.stored();
            sqlx::query(
                "INSERT INTO mentions (source_kind, source_id, target_kind, target_id, \
                   created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
            )
            .bind(source_kind)
            .bind(source_id)
            .bind(target_kind)
            .bind(target_id)
            .bind(&at)
            .execute(&mut **tx)
            .await?;
        }
    }
    Ok(())
}

/// Forgets what `source` named (it is gone).
pub async fn forget(tx: &mut Tx, source: ItemRef) -> Result<(), sqlx::Error> {
    let (kind, id) = source.stored();
    sqlx::query("DELETE FROM mentions WHERE source_kind = $1 AND source_id = $2")
        .bind(kind)
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}
