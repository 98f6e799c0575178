//! What the form for a new commitment starts from: the agenda item or the action it is made
//! from (read for the committee, who alone record commitments), and whom it may offer as
//! owners.

use super::*;

#[derive(sqlx::FromRow)]
struct SourceRow {
    meeting_id: MeetingId,
    meeting_title: String,
    starts_at: String,
    supplier_id: Option<SupplierId>,
    item_id: AgendaItemId,
    heading: String,
    action_id: Option<ActionId>,
    action_description: Option<String>,
    due_words: Option<String>,
    action_supplier_id: Option<SupplierId>,
}

/// Where a new commitment comes from, as its form is filled from it.
pub struct DraftSource {
    pub meeting: MeetingId,
    pub meeting_title: String,
    pub meeting_start: DateTime<Utc>,
    /// The meeting's supplier, or the supplier that owns the action.
    pub supplier: Option<SupplierId>,
    pub item: AgendaItemId,
    pub heading: String,
    /// The action, with what it says and its due words.
    pub action: Option<(ActionId, String, String)>,
}

const SOURCE_COLUMNS: &str = "m.id AS meeting_id, m.title AS meeting_title, m.starts_at, \
    m.supplier_id, i.id AS item_id, i.heading";

impl SourceRow {
    fn source(self) -> Result<DraftSource, sqlx::Error> {
        Ok(DraftSource {
            meeting: self.meeting_id,
            meeting_title: self.meeting_title,
            meeting_start: timestamp::from_db(&self.starts_at)?,
            supplier: self.action_supplier_id.or(self.supplier_id),
            item: self.item_id,
            heading: self.heading,
            action: self.action_id.map(|id| {
                (
                    id,
                    self.action_description.unwrap_or_default(),
                    self.due_words.unwrap_or_default(),
                )
            }),
        })
    }
}

/// The agenda item a commitment is made from.
pub async fn item_source(db: &Db, item: AgendaItemId) -> Result<Option<DraftSource>, sqlx::Error> {
    let row: Option<SourceRow> = sqlx::query_as(&format!(
        "SELECT {SOURCE_COLUMNS}, NULL AS action_id, NULL AS action_description, \
           NULL AS due_words, NULL AS action_supplier_id \
         FROM agenda_items i JOIN meetings m ON m.id = i.meeting_id WHERE i.id = $1"
    ))
    .bind(item)
    .fetch_optional(db.reader())
    .await?;
    row.map(SourceRow::source).transpose()
}

/// The action a commitment is made from, with its agenda item.
pub async fn action_source(db: &Db, action: ActionId) -> Result<Option<DraftSource>, sqlx::Error> {
    let row: Option<SourceRow> = sqlx::query_as(&format!(
        "SELECT {SOURCE_COLUMNS}, a.id AS action_id, a.description AS action_description, \
           a.due_words, a.owner_supplier_id AS action_supplier_id \
         FROM meeting_actions a JOIN agenda_items i ON i.id = a.agenda_item_id \
         JOIN meetings m ON m.id = i.meeting_id WHERE a.id = $1"
    ))
    .bind(action)
    .fetch_optional(db.reader())
    .await?;
    row.map(SourceRow::source).transpose()
}

/// The agenda item and meeting an action was agreed under, read inside a write.
pub async fn item_of_action(
    tx: &mut Tx,
    action: ActionId,
) -> Result<Option<(MeetingId, AgendaItemId)>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct Row {
        meeting_id: MeetingId,
        agenda_item_id: AgendaItemId,
    }
    let row: Option<Row> =
        sqlx::query_as("SELECT meeting_id, agenda_item_id FROM meeting_actions WHERE id = $1")
            .bind(action)
            .fetch_optional(&mut **tx)
            .await?;
    Ok(row.map(|row| (row.meeting_id, row.agenda_item_id)))
}

/// The supplier a meeting was held with, if it was held with one.
pub async fn meeting_supplier(
    tx: &mut Tx,
    meeting: MeetingId,
) -> Result<Option<SupplierId>, sqlx::Error> {
    let supplier: Option<Option<SupplierId>> =
        sqlx::query_scalar("SELECT supplier_id FROM meetings WHERE id = $1")
            .bind(meeting)
            .fetch_optional(&mut **tx)
            .await?;
    Ok(supplier.flatten())
}

/// The meeting an agenda item belongs to, read inside a write.
pub async fn meeting_of_item(
    tx: &mut Tx,
    item: AgendaItemId,
) -> Result<Option<MeetingId>, sqlx::Error> {
    sqlx::query_scalar("SELECT meeting_id FROM agenda_items WHERE id = $1")
        .bind(item)
        .fetch_optional(&mut **tx)
        .await
}

#[derive(sqlx::FromRow)]
struct Choice {
    id: AccountId,
    name: String,
}

/// Who may own a commitment for the committee: active chairs and administrators, by name.
pub async fn committee_choices(db: &Db) -> Result<Vec<(AccountId, String)>, sqlx::Error> {
    let rows: Vec<Choice> = sqlx::query_as(
        "SELECT id, display_name AS name FROM accounts \
         WHERE active = 1 AND role IN ('chair', 'admin') ORDER BY display_name, id",
    )
    .fetch_all(db.reader())
    .await?;
    Ok(rows.into_iter().map(|row| (row.id, row.name)).collect())
}

/// Who may own a commitment for its supplier: that supplier's active representatives, by
/// name, each with the supplier's id.
pub async fn representative_choices(
    db: &Db,
) -> Result<Vec<(SupplierId, AccountId, String)>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct Row {
        supplier_id: SupplierId,
        id: AccountId,
        name: String,
    }
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT supplier_id, id, display_name AS name FROM accounts \
         WHERE active = 1 AND role = 'supplier_rep' AND supplier_id IS NOT NULL \
         ORDER BY display_name, id",
    )
    .fetch_all(db.reader())
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| (row.supplier_id, row.id, row.name))
        .collect())
}

/// Whether `account` is an active chair or administrator.
pub async fn is_committee(tx: &mut Tx, account: AccountId) -> Result<bool, sqlx::Error> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM accounts WHERE id = $1 AND active = 1 AND role IN ('chair', 'admin')",
    )
    .bind(account)
    .fetch_optional(&mut **tx)
    .await?;
    Ok(found.is_some())
}

/// Whether `account` is an active representative of `supplier`.
pub async fn represents(
    tx: &mut Tx,
    account: AccountId,
    supplier: SupplierId,
) -> Result<bool, sqlx::Error> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM accounts WHERE id = $1 AND active = 1 AND role = 'supplier_rep' \
           AND supplier_id = $2",
    )
    .bind(account)
    .bind(supplier)
    .fetch_optional(&mut **tx)
    .await?;
    Ok(found.is_some())
}
