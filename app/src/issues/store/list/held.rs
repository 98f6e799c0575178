//! Text searches held in memory: a text filter's matches, worked out once and kept until an
//! issue changes (the `cache_versions` row `issues`), so its count and every page of it come
//! from one list of ids.

use std::{
    collections::VecDeque,
    sync::{Arc, Mutex},
};

use chrono::{DateTime, Utc};

use super::*;

/// Text searches held per database handle, the most recent last.
const HELD_SEARCHES: usize = 32;

/// The matches of recent text searches, by view, while no issue has changed.
#[derive(Default)]
struct HeldSearches(Mutex<VecDeque<(String, Arc<Vec<i64>>)>>);

/// The ids of the first `TEXT_COUNT_CAP` + 1 issues `filter` matches (its position aside),
/// in the list's order.
pub(super) async fn held_matches(
    db: &Db,
    filter: &IssueFilter,
    viewer: &CurrentUser,
    now: DateTime<Utc>,
) -> Result<Arc<Vec<i64>>, sqlx::Error> {
    let held = db
        .cache::<HeldSearches>("issues")
        .get(db, || async { Ok(HeldSearches::default()) })
        .await?;
    // The view as its URL says it, and the supplier a representative is confined to.
    let key = format!("{}|{:?}", filter.to_query(false), SupplierScope::of(viewer));
    if let Some(matches) = held.find(&key) {
        return Ok(matches);
    }
    let search = text_search(db, filter).await?;
    let mut query = matching(filter, viewer, now, search, Purpose::Page);
    let limit = query.int(TEXT_COUNT_CAP + 1);
    let sql = format!(
        "SELECT i.id FROM issues i{} ORDER BY {} LIMIT {limit}",
        query.where_clause(),
        order_of(filter.sort)
    );
    let ids: Vec<i64> = query
        .bind_all(sqlx::query_scalar(&sql))
        .fetch_all(db.reader())
        .await?;
    let matches = Arc::new(ids);
    held.keep(key, matches.clone());
    Ok(matches)
}

impl HeldSearches {
    fn find(&self, key: &str) -> Option<Arc<Vec<i64>>> {
        let held = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        held.iter()
            .find(|(held_key, _)| held_key == key)
            .map(|(_, matches)| matches.clone())
    }

    fn keep(&self, key: String, matches: Arc<Vec<i64>>) {
        let mut held = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        held.retain(|(held_key, _)| *held_key != key);
        if held.len() >= HELD_SEARCHES {
            held.pop_front();
        }
        held.push_back((key, matches));
    }
}

/// The page of `matches` after `after`, if the matches held cover it.
pub(super) async fn page_of_held(
    db: &Db,
    matches: &[i64],
    after: Option<i64>,
    now: DateTime<Utc>,
    page_size: i64,
    names: &Names,
) -> Result<Option<Page<IssueRow>>, sqlx::Error> {
    let start = match after {
        None => 0,
        Some(after) => match matches.iter().position(|id| *id == after) {
            Some(at) => at + 1,
            None => return Ok(None),
        },
    };
    let end = start + usize::try_from(page_size).unwrap_or(0) + 1;
    let complete = matches.len() as i64 <= TEXT_COUNT_CAP;
    if end > matches.len() && !complete {
        return Ok(None);
    }
    let ids = &matches[start.min(matches.len())..end.min(matches.len())];
    let rows = rows_by_id(db, ids, now, names).await?;
    Ok(Some(Page::of_one_more(rows, page_size, |row| row.id.0)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn held_searches_keep_the_most_recent() {
        let held = HeldSearches::default();
        for n in 0..(HELD_SEARCHES as i64 + 5) {
            held.keep(format!("q={n}"), Arc::new(vec![n]));
        }
        assert!(held.find("q=0").is_none(), "the oldest went first");
        let last = format!("q={}", HELD_SEARCHES + 4);
        assert_eq!(
            held.find(&last).as_deref(),
            Some(&vec![HELD_SEARCHES as i64 + 4])
        );
        held.keep("q=7".to_owned(), Arc::new(vec![70]));
        assert_eq!(
            held.find("q=7").as_deref(),
            Some(&vec![70]),
            "kept again, replaced"
        );
    }
}
