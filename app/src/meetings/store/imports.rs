//! A chair's minutes document being brought in (`domain::minutes_import`): kept between the
//! proposal and adding its items, one per chair and meeting.

use super::*;

/// Keeps `text` as the chair's proposal for the meeting, in place of any earlier one.
pub async fn keep_import(
    tx: &mut Tx,
    meeting: MeetingId,
    chair: AccountId,
    text: &str,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO minutes_imports (meeting_id, account_id, text, created_at) \
         VALUES ($1, $2, $3, $4) \
         ON CONFLICT (meeting_id, account_id) DO UPDATE SET text = $3, created_at = $4",
    )
    .bind(meeting)
    .bind(chair)
    .bind(text)
    .bind(timestamp::to_db(now))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The chair's proposal for the meeting, if there is one.
pub async fn import_of(
    db: &Db,
    meeting: MeetingId,
    chair: AccountId,
) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT text FROM minutes_imports WHERE meeting_id = $1 AND account_id = $2")
        .bind(meeting)
        .bind(chair)
        .fetch_optional(db.reader())
        .await
}

/// Forgets the chair's proposal for the meeting; `false` if there was none.
pub async fn discard_import(
    tx: &mut Tx,
    meeting: MeetingId,
    chair: AccountId,
) -> Result<bool, sqlx::Error> {
    let removed =
        sqlx::query("DELETE FROM minutes_imports WHERE meeting_id = $1 AND account_id = $2")
            .bind(meeting)
            .bind(chair)
            .execute(&mut **tx)
            .await?;
    Ok(removed.rows_affected() == 1)
}

/// Which of `words` (the first 200) are log numbers some issue holds, in any case.
pub async fn known_log_numbers(db: &Db, words: &[String]) -> Result<Vec<String>, sqlx::Error> {
    let mut known = Vec::new();
    for word in words.iter().take(200) {
        let found: Option<i64> =
            sqlx::query_scalar("SELECT id FROM issue_log_numbers WHERE log_number = $1 LIMIT 1")
                .bind(word.to_uppercase())
                .fetch_optional(db.reader())
                .await?;
        if found.is_some() {
            known.push(word.clone());
        }
    }
    Ok(known)
}
