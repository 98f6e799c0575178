//! What a meeting agreed: actions (with their timeline) and decisions, each on an agenda
//! item. Operations that write record the action's timeline entry in the same transaction.

use chrono::NaiveDate;

use super::*;
use crate::domain::{action_due::overdue_days, timeframe::Window};
use crate::meetings::types::{
    ActionEvent, ActionEventKind, ActionId, ActionOwner, ActionStatus, ActionView, DecisionId,
    DecisionView, OwnerChoice,
};

/// An action as stored, with the names it is shown with.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ActionRow {
    pub id: ActionId,
    pub agenda_item_id: AgendaItemId,
    pub meeting_id: MeetingId,
    pub description: String,
    pub owner_account_id: Option<AccountId>,
    pub owner_supplier_id: Option<SupplierId>,
    pub owner_name: String,
    pub owner_label: Option<String>,
    pub due_words: String,
    pub due_first: Option<String>,
    pub due_last: Option<String>,
    pub status: String,
    pub done_at: Option<String>,
    pub done_by_name: Option<String>,
    pub done_note: String,
    pub version: i64,
}

impl ActionRow {
    pub fn owner(&self) -> ActionOwner {
        ActionOwner::from_columns(self.owner_account_id, self.owner_supplier_id)
    }

    /// As shown on `today` (which says whether it is overdue).
    pub fn into_view(self, today: NaiveDate) -> Result<ActionView, sqlx::Error> {
        let owner = self.owner();
        let status = ActionStatus::parse(&self.status)
            .ok_or_else(|| decode_error(format!("action status {}", self.status)))?;
        let label = self.owner_label.unwrap_or_default();
        let due = timestamp::window_from_db(self.due_first.as_deref(), self.due_last.as_deref())?;
        let owner_label = match (owner, self.owner_name.is_empty()) {
            (ActionOwner::Named, _) => self.owner_name.clone(),
            (ActionOwner::Supplier(_), false) => format!("{label} ({})", self.owner_name),
            _ => label,
        };
        Ok(ActionView {
            id: self.id,
            description: self.description,
            owner,
            owner_label,
            owner_name: self.owner_name,
            due_words: self.due_words,
            due,
            overdue_days: overdue_days(due, status == ActionStatus::Open, today),
            status,
            done_at: self
                .done_at
                .as_deref()
                .map(timestamp::from_db)
                .transpose()?,
            done_by: self.done_by_name,
            done_note: self.done_note,
            version: self.version,
        })
    }
}

/// The columns of `ActionRow`, from `meeting_actions a` joined by `ACTION_JOINS`.
const ACTION_COLUMNS: &str = "a.id, a.agenda_item_id, a.meeting_id, a.description, \
    a.owner_account_id, a.owner_supplier_id, a.owner_name, \
    COALESCE(o.display_name, s.name) AS owner_label, a.due_words, a.due_first, a.due_last, \
    a.status, a.done_at, \
    d.display_name AS done_by_name, a.done_note, a.version";

const ACTION_JOINS: &str = "LEFT JOIN accounts o ON o.id = a.owner_account_id \
    LEFT JOIN suppliers s ON s.id = a.owner_supplier_id \
    LEFT JOIN accounts d ON d.id = a.done_by";

/// Every action agreed at the meeting, item by item in the order they were added.
pub async fn actions_of(db: &Db, meeting: MeetingId) -> Result<Vec<ActionRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {ACTION_COLUMNS} FROM meeting_actions a {ACTION_JOINS} \
         WHERE a.meeting_id = $1 ORDER BY a.agenda_item_id, a.id"
    ))
    .bind(meeting)
    .fetch_all(db.reader())
    .await
}

/// One action, if it exists (whoever may see it).
pub async fn action(db: &Db, id: ActionId) -> Result<Option<ActionRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {ACTION_COLUMNS} FROM meeting_actions a {ACTION_JOINS} WHERE a.id = $1"
    ))
    .bind(id)
    .fetch_optional(db.reader())
    .await
}

/// As `action`, inside a write.
pub async fn action_in(tx: &mut Tx, id: ActionId) -> Result<Option<ActionRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {ACTION_COLUMNS} FROM meeting_actions a {ACTION_JOINS} WHERE a.id = $1"
    ))
    .bind(id)
    .fetch_optional(&mut **tx)
    .await
}

/// An action carried over: the action and the meeting it was agreed at, with what deciding
/// who may see it needs.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CarriedRow {
    #[sqlx(flatten)]
    pub action: ActionRow,
    pub meeting_title: String,
    pub meeting_start: String,
    pub meeting_visibility: String,
    pub meeting_status: String,
    pub meeting_supplier: Option<SupplierId>,
    pub item_visibility: String,
}

/// The actions agreed at earlier meetings of `series` (before `starts_at`) that were not
/// done when a meeting starting then began, oldest first. The caller decides which of them
/// the viewer may see.
pub async fn carried_over(
    db: &Db,
    series: MeetingSeriesId,
    starts_at: DateTime<Utc>,
) -> Result<Vec<CarriedRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {ACTION_COLUMNS}, m.title AS meeting_title, m.starts_at AS meeting_start, \
           m.visibility AS meeting_visibility, m.status AS meeting_status, \
           m.supplier_id AS meeting_supplier, i.visibility AS item_visibility \
         FROM meeting_actions a {ACTION_JOINS} JOIN meetings m ON m.id = a.meeting_id \
           JOIN agenda_items i ON i.id = a.agenda_item_id \
         WHERE m.series_id = $1 AND m.starts_at < $2 AND (a.done_at IS NULL OR a.done_at > $2) \
         ORDER BY m.starts_at, i.position, a.id"
    ))
    .bind(series)
    .bind(timestamp::to_db(starts_at))
    .fetch_all(db.reader())
    .await
}

/// An action's fields as its form sends them, checked.
pub struct ActionFields<'a> {
    pub description: &'a str,
    pub owner: ActionOwner,
    pub owner_name: &'a str,
    pub due_words: &'a str,
    /// The days the words give (`domain::action_due`).
    pub due: Option<Window>,
}

/// Records an action agreed under `item`, and its first timeline entry.
pub async fn add_action(
    tx: &mut Tx,
    item: &ItemRow,
    fields: &ActionFields<'_>,
    by: AccountId,
    now: DateTime<Utc>,
) -> Result<ActionId, sqlx::Error> {
    let at = timestamp::to_db(now);
    let id: ActionId = sqlx::query_scalar(
        "INSERT INTO meeting_actions (agenda_item_id, meeting_id, description, \
           owner_account_id, owner_supplier_id, owner_name, due_words, created_by, created_at, \
           updated_at, due_first, due_last, due_read) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10, $11, 1) RETURNING id",
    )
    .bind(item.id)
    .bind(item.meeting_id)
    .bind(fields.description)
    .bind(fields.owner.account())
    .bind(fields.owner.supplier())
    .bind(fields.owner_name)
    .bind(fields.due_words)
    .bind(by)
    .bind(&at)
    .bind(fields.due.map(|due| due.first.to_string()))
    .bind(fields.due.map(|due| due.last.to_string()))
    .fetch_one(&mut **tx)
    .await?;
    record_event(tx, id, ActionEventKind::Created, by, "", now).await?;
    touch(tx, item.meeting_id, now).await?;
    Ok(id)
}

/// Saves an action's fields if it is still at `version`; `detail` says on its timeline what
/// changed. `false` if someone changed it since.
pub async fn update_action(
    tx: &mut Tx,
    action: &ActionRow,
    version: i64,
    fields: &ActionFields<'_>,
    detail: &str,
    by: AccountId,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let changed = sqlx::query(
        "UPDATE meeting_actions SET description = $1, owner_account_id = $2, \
           owner_supplier_id = $3, owner_name = $4, due_words = $5, updated_at = $6, \
           due_first = $9, due_last = $10, due_read = 1, version = version + 1 \
         WHERE id = $7 AND version = $8",
    )
    .bind(fields.description)
    .bind(fields.owner.account())
    .bind(fields.owner.supplier())
    .bind(fields.owner_name)
    .bind(fields.due_words)
    .bind(timestamp::to_db(now))
    .bind(action.id)
    .bind(version)
    .bind(fields.due.map(|due| due.first.to_string()))
    .bind(fields.due.map(|due| due.last.to_string()))
    .execute(&mut **tx)
    .await?;
    if changed.rows_affected() != 1 {
        return Ok(false);
    }
    record_event(tx, action.id, ActionEventKind::Edited, by, detail, now).await?;
    touch(tx, action.meeting_id, now).await?;
    Ok(true)
}

/// Marks an action done (with `note`) or open again, if it is still at `version` and not
/// already so. `false` otherwise.
pub async fn set_action_status(
    tx: &mut Tx,
    action: &ActionRow,
    version: i64,
    done: bool,
    note: &str,
    by: AccountId,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let at = timestamp::to_db(now);
    let changed = if done {
        sqlx::query(
            "UPDATE meeting_actions SET status = 'done', done_at = $1, done_by = $2, \
               done_note = $3, updated_at = $1, version = version + 1 \
             WHERE id = $4 AND version = $5 AND status = 'open'",
        )
        .bind(&at)
        .bind(by)
        .bind(note)
        .bind(action.id)
        .bind(version)
        .execute(&mut **tx)
        .await?
    } else {
        sqlx::query(
            "UPDATE meeting_actions SET status = 'open', done_at = NULL, done_by = NULL, \
               done_note = '', updated_at = $1, version = version + 1 \
             WHERE id = $2 AND version = $3 AND status = 'done'",
        )
        .bind(&at)
        .bind(action.id)
        .bind(version)
        .execute(&mut **tx)
        .await?
    };
    if changed.rows_affected() != 1 {
        return Ok(false);
    }
    let kind = if done {
        ActionEventKind::Done
    } else {
        ActionEventKind::Reopened
    };
    record_event(tx, action.id, kind, by, note, now).await?;
    Ok(true)
}

/// Takes an action off the record if it is still at `version`, with its timeline.
pub async fn remove_action(
    tx: &mut Tx,
    action: &ActionRow,
    version: i64,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let removed = sqlx::query("DELETE FROM meeting_actions WHERE id = $1 AND version = $2")
        .bind(action.id)
        .bind(version)
        .execute(&mut **tx)
        .await?;
    if removed.rows_affected() != 1 {
        return Ok(false);
    }
    touch(tx, action.meeting_id, now).await?;
    Ok(true)
}

async fn record_event(
    tx: &mut Tx,
    action: ActionId,
    kind: ActionEventKind,
    by: AccountId,
    detail: &str,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO action_events (action_id, kind, account_id, detail, created_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(action)
    .bind(kind.as_str())
    .bind(by)
    .bind(detail)
    .bind(timestamp::to_db(now))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct EventRow {
    kind: String,
    by_name: Option<String>,
    detail: String,
    created_at: String,
}

/// An action's timeline, oldest first.
pub async fn action_events(db: &Db, action: ActionId) -> Result<Vec<ActionEvent>, sqlx::Error> {
    let rows: Vec<EventRow> = sqlx::query_as(
        "SELECT e.kind, a.display_name AS by_name, e.detail, e.created_at \
         FROM action_events e LEFT JOIN accounts a ON a.id = e.account_id \
         WHERE e.action_id = $1 ORDER BY e.id",
    )
    .bind(action)
    .fetch_all(db.reader())
    .await?;
    rows.into_iter()
        .map(|row| {
            Ok(ActionEvent {
                kind: ActionEventKind::parse(&row.kind)
                    .ok_or_else(|| decode_error(format!("action event {}", row.kind)))?,
                by: row.by_name,
                detail: row.detail,
                at: timestamp::from_db(&row.created_at)?,
            })
        })
        .collect()
}

/// The accounts an action may be given to: chairs, administrators and representatives (named
/// with their supplier), active ones only, by name.
pub async fn owner_choices(db: &Db) -> Result<Vec<OwnerChoice>, sqlx::Error> {
    sqlx::query_as(
        "SELECT a.id, CASE WHEN s.name IS NULL THEN a.display_name \
           ELSE a.display_name || ' (' || s.name || ')' END AS name \
         FROM accounts a LEFT JOIN suppliers s ON s.id = a.supplier_id \
         WHERE a.active = 1 AND a.role IN ('chair', 'admin', 'supplier_rep') \
         ORDER BY a.display_name, a.id",
    )
    .fetch_all(db.reader())
    .await
}

/// Whether `account` is one `owner_choices` offers.
pub async fn may_own_actions(tx: &mut Tx, account: AccountId) -> Result<bool, sqlx::Error> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM accounts WHERE id = $1 AND active = 1 \
           AND role IN ('chair', 'admin', 'supplier_rep')",
    )
    .bind(account)
    .fetch_optional(&mut **tx)
    .await?;
    Ok(found.is_some())
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct DecisionRow {
    pub id: DecisionId,
    pub agenda_item_id: AgendaItemId,
    pub meeting_id: MeetingId,
    pub description: String,
    pub version: i64,
}

impl DecisionRow {
    pub fn into_view(self) -> DecisionView {
        DecisionView {
            id: self.id,
            description: self.description,
            version: self.version,
        }
    }
}

const DECISION_SELECT: &str =
    "SELECT id, agenda_item_id, meeting_id, description, version FROM meeting_decisions";

/// Every decision recorded at the meeting, item by item in the order they were added.
pub async fn decisions_of(db: &Db, meeting: MeetingId) -> Result<Vec<DecisionRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{DECISION_SELECT} WHERE meeting_id = $1 ORDER BY agenda_item_id, id"
    ))
    .bind(meeting)
    .fetch_all(db.reader())
    .await
}

/// One decision, inside a write.
pub async fn decision_in(tx: &mut Tx, id: DecisionId) -> Result<Option<DecisionRow>, sqlx::Error> {
    sqlx::query_as(&format!("{DECISION_SELECT} WHERE id = $1"))
        .bind(id)
        .fetch_optional(&mut **tx)
        .await
}

/// Records a decision made under `item`.
pub async fn add_decision(
    tx: &mut Tx,
    item: &ItemRow,
    description: &str,
    by: AccountId,
    now: DateTime<Utc>,
) -> Result<DecisionId, sqlx::Error> {
    let at = timestamp::to_db(now);
    let id = sqlx::query_scalar(
        "INSERT INTO meeting_decisions (agenda_item_id, meeting_id, description, created_by, \
           created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5) RETURNING id",
    )
    .bind(item.id)
    .bind(item.meeting_id)
    .bind(description)
    .bind(by)
    .bind(&at)
    .fetch_one(&mut **tx)
    .await?;
    touch(tx, item.meeting_id, now).await?;
    Ok(id)
}

/// Rewords a decision if it is still at `version`.
pub async fn update_decision(
    tx: &mut Tx,
    decision: &DecisionRow,
    version: i64,
    description: &str,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let changed = sqlx::query(
        "UPDATE meeting_decisions SET description = $1, updated_at = $2, version = version + 1 \
         WHERE id = $3 AND version = $4",
    )
    .bind(description)
    .bind(timestamp::to_db(now))
    .bind(decision.id)
    .bind(version)
    .execute(&mut **tx)
    .await?;
    if changed.rows_affected() != 1 {
        return Ok(false);
    }
    touch(tx, decision.meeting_id, now).await?;
    Ok(true)
}

/// Takes a decision off the record if it is still at `version`.
pub async fn remove_decision(
    tx: &mut Tx,
    decision: &DecisionRow,
    version: i64,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let removed = sqlx::query("DELETE FROM meeting_decisions WHERE id = $1 AND version = $2")
        .bind(decision.id)
        .bind(version)
        .execute(&mut **tx)
        .await?;
    if removed.rows_affected() != 1 {
        return Ok(false);
    }
    touch(tx, decision.meeting_id, now).await?;
    Ok(true)
}
