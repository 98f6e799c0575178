//! A small table's contents held in memory, checked against a version row on each use
//! (migration 0009): one primary-key read instead of reading the table, and correct however
//! many server processes share the database, since whichever changes the table moves the
//! version in the same transaction (by trigger).

use std::sync::{Arc, RwLock};

use crate::db::Db;

/// What `load` made of the table at `version`.
struct Held<T> {
    version: i64,
    value: Arc<T>,
}

pub struct Cached<T> {
    /// The row of `cache_versions` that says when the table changed.
    name: &'static str,
    held: RwLock<Option<Held<T>>>,
}

impl<T> Cached<T> {
    pub const fn new(name: &'static str) -> Self {
        Cached {
            name,
            held: RwLock::new(None),
        }
    }

    /// The value for the table as it is now: the one held, if the table has not changed
    /// since, else what `load` reads.
    pub async fn get<F, Fut>(&self, db: &Db, load: F) -> Result<Arc<T>, sqlx::Error>
    where
        F: FnOnce() -> Fut,
        Fut: std::future::Future<Output = Result<T, sqlx::Error>>,
    {
        let version: i64 = sqlx::query_scalar("SELECT version FROM cache_versions WHERE name = $1")
            .bind(self.name)
            .fetch_one(db.reader())
            .await?;
        if let Some(held) = self.read().as_ref().filter(|held| held.version == version) {
            return Ok(held.value.clone());
        }
        // Read after the version: a change between the two is reloaded next time, since
        // the version held is then older than the table's.
        let value = Arc::new(load().await?);
        let mut held = self.write();
        // A slower load of an older version must not replace a newer one.
        if held.as_ref().is_none_or(|held| held.version <= version) {
            *held = Some(Held {
                version,
                value: value.clone(),
            });
        }
        Ok(value)
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, Option<Held<T>>> {
        // A panic while holding the lock cannot leave a half-written value: only whole
        // values are ever stored.
        self.held
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, Option<Held<T>>> {
        self.held
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}
