//! What the feeds read: meetings an audience may see, newest first.

use super::*;

/// A meeting as the feeds give it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct FeedRow {
    pub id: MeetingId,
    pub title: String,
    pub kind: String,
    pub starts_at: String,
    pub duration_minutes: i64,
    pub place: String,
    pub online_link: String,
    pub status: String,
    pub visibility: String,
    pub supplier_id: Option<SupplierId>,
    pub published_at: Option<String>,
    pub updated_at: String,
}

/// The meetings `audience` may see, newest first: those with published minutes only when
/// `published`, else every one starting after `since`. At most `limit`.
pub async fn feed_meetings(
    db: &Db,
    audience: Audience,
    published: bool,
    since: DateTime<Utc>,
    limit: i64,
) -> Result<Vec<FeedRow>, sqlx::Error> {
    let mut query = ListQuery::default();
    if let Some(visible) = audience.condition("m", |supplier| query.int(supplier.0)) {
        query.condition(visible);
    }
    let order = if published {
        query.condition("m.status = 'published'".to_owned());
        "m.published_at DESC, m.id DESC"
    } else {
        let since = query.text(&timestamp::to_db(since));
        query.condition(format!("m.starts_at >= {since}"));
        "m.starts_at DESC, m.id DESC"
    };
    let limit = query.int(limit);
    let sql = format!(
        "SELECT m.id, m.title, m.kind, m.starts_at, m.duration_minutes, m.place, \
           m.online_link, m.status, m.visibility, m.supplier_id, m.published_at, m.updated_at \
         FROM meetings m{} ORDER BY {order} LIMIT {limit}",
        query.where_clause()
    );
    query
        .bind_all(sqlx::query_as(&sql))
        .fetch_all(db.reader())
        .await
}
