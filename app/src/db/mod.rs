//! The database handle every store uses. One code path serves SQLite and PostgreSQL through
//! `sqlx::Any`; the backend is picked by the URL. Write transactions run one at a time on both
//! backends, so store code may read and then write inside one without lost updates: on SQLite
//! through a single writer connection that takes the write lock up front (concurrent writers
//! queue instead of failing with "database is locked"), on PostgreSQL through a
//! transaction-scoped advisory lock shared by every server process. A user group's writes are
//! few and human-paced; one simple rule on both backends is worth more than parallel writes.

pub mod cache;
pub mod page;
pub mod query;

use std::{
    any::{Any as AnyValue, TypeId},
    collections::HashMap,
    sync::{Arc, Mutex},
    time::Duration,
};

use sqlx::{
    any::{AnyConnectOptions, AnyPoolOptions},
    migrate::Migrator,
    Any, AnyPool, Executor, Transaction,
};

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("../migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("../migrations/postgres");

/// The advisory lock key PostgreSQL write transactions take ("WDOG" in ASCII).
const POSTGRES_WRITE_LOCK: i64 = 0x5744_4F47;

/// The most each SQLite connection keeps in its own page cache, in KiB.
const SQLITE_CACHE_KIB: u32 = 1024;

/// How long a SQLite connection waits for another process's write lock before giving up.
const SQLITE_BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// Which database the URL names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// The backend a database URL names, or `None` for a scheme Watchdog does not support.
    pub fn from_url(url: &str) -> Option<Self> {
        let scheme = url.split_once(':').map(|(scheme, _)| scheme)?;
        match scheme {
            "sqlite" => Some(Backend::Sqlite),
            "postgres" | "postgresql" => Some(Backend::Postgres),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "SQLite",
            Backend::Postgres => "PostgreSQL",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("the database URL must start with sqlite:// or postgres://")]
    UnsupportedUrl,
    #[error("an in-memory SQLite database would lose everything at restart; give a file path")]
    InMemory,
    #[error("could not open the database: {0}")]
    Connect(#[source] sqlx::Error),
    #[error("could not bring the database schema up to date: {0}")]
    Migrate(#[source] sqlx::migrate::MigrateError),
}

/// A write transaction, as `Db::begin_write` opens it: what every store operation that
/// writes takes.
pub type Tx = Transaction<'static, Any>;

/// A cloneable handle on the database: a pool for reads and a pool for writes (the same pool
/// on PostgreSQL, a single connection on SQLite), and the values held in memory for it
/// (`cache`).
#[derive(Clone)]
pub struct Db {
    read: AnyPool,
    write: AnyPool,
    backend: Backend,
    caches: Arc<Mutex<Caches>>,
}

/// The values held in memory for a database, by type and name (`Db::cache`).
type Caches = HashMap<(TypeId, &'static str), Arc<dyn AnyValue + Send + Sync>>;

impl std::fmt::Debug for Db {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Db")
            .field("backend", &self.backend)
            .finish_non_exhaustive()
    }
}

impl Db {
    /// Opens the database the URL names. `max_connections` bounds the read pool.
    pub async fn connect(url: &str, max_connections: u32) -> Result<Self, DbError> {
        sqlx::any::install_default_drivers();
        let backend = Backend::from_url(url).ok_or(DbError::UnsupportedUrl)?;
        let options: AnyConnectOptions = url.parse().map_err(DbError::Connect)?;
        match backend {
            Backend::Sqlite => {
                if url.contains(":memory:") || url.contains("mode=memory") {
                    return Err(DbError::InMemory);
                }
                let write = sqlite_pool(1).connect_with(options.clone()).await;
                let write = write.map_err(DbError::Connect)?;
                let read = sqlite_pool(max_connections).connect_with(options).await;
                let read = read.map_err(DbError::Connect)?;
                Ok(Db {
                    read,
                    write,
                    backend,
                    caches: Arc::default(),
                })
            }
            Backend::Postgres => {
                let pool = AnyPoolOptions::new()
                    .max_connections(max_connections)
                    .acquire_timeout(Duration::from_secs(10))
                    .connect_with(options)
                    .await
                    .map_err(DbError::Connect)?;
                Ok(Db {
                    read: pool.clone(),
                    write: pool,
                    backend,
                    caches: Arc::default(),
                })
            }
        }
    }

    /// Applies the migrations this backend has not seen yet.
    pub async fn migrate(&self) -> Result<(), DbError> {
        let migrator = match self.backend {
            Backend::Sqlite => &SQLITE_MIGRATIONS,
            Backend::Postgres => &POSTGRES_MIGRATIONS,
        };
        migrator.run(&self.write).await.map_err(DbError::Migrate)
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The in-memory copy of type `T` this database's handle holds under `name`, made on
    /// first use and checked against the `cache_versions` row `name` (see `cache::Cached`).
    /// Held per handle, never per process: servers in one process may each have their own
    /// database.
    pub fn cache<T: Send + Sync + 'static>(&self, name: &'static str) -> Arc<cache::Cached<T>> {
        let mut caches = self
            .caches
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let slot = caches
            .entry((TypeId::of::<T>(), name))
            .or_insert_with(|| Arc::new(cache::Cached::<T>::new(name)))
            .clone();
        drop(caches);
        slot.downcast::<cache::Cached<T>>()
            .unwrap_or_else(|_| unreachable!("slots are keyed by their type and name"))
    }

    /// The pool for queries that only read.
    pub fn reader(&self) -> &AnyPool {
        &self.read
    }

    /// Starts a write transaction that holds the database's write lock from its first
    /// statement until commit or rollback.
    pub async fn begin_write(&self) -> Result<Tx, sqlx::Error> {
        match self.backend {
            Backend::Sqlite => self.write.begin_with("BEGIN IMMEDIATE").await,
            Backend::Postgres => {
                let mut tx = self.write.begin().await?;
                sqlx::query("SELECT pg_advisory_xact_lock($1)")
                    .bind(POSTGRES_WRITE_LOCK)
                    .execute(&mut *tx)
                    .await?;
                Ok(tx)
            }
        }
    }

    /// Refreshes the statistics the query planner chooses indexes by. SQLite keeps none
    /// until asked; a full ANALYZE (sampled ones misled it about joins) takes about 2 s at
    /// 100,000 issues and milliseconds at a user group's size. PostgreSQL's autovacuum
    /// does this itself.
    pub async fn refresh_statistics(&self) -> Result<(), sqlx::Error> {
        if self.backend == Backend::Sqlite {
            sqlx::query("ANALYZE").execute(&self.write).await?;
        }
        Ok(())
    }

    /// Makes statistics if the database has none yet. They are kept in the file, so a
    /// restart need not make them again before serving (the hourly refresh keeps them true).
    pub async fn ensure_statistics(&self) -> Result<(), sqlx::Error> {
        if self.backend == Backend::Sqlite {
            let kept: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'",
            )
            .fetch_one(&self.read)
            .await?;
            if kept == 0 {
                self.refresh_statistics().await?;
            }
        }
        Ok(())
    }

    /// Answers only when the database answers a query.
    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        sqlx::query("SELECT 1")
            .execute(&self.read)
            .await
            .map(|_| ())
    }

    /// Waits for open connections to finish and closes them.
    pub async fn close(&self) {
        self.read.close().await;
        self.write.close().await;
    }
}

/// The database handle the server put into the request's context.
pub fn use_db() -> Result<Db, crate::error::AppError> {
    leptos::prelude::use_context::<Db>().ok_or_else(|| {
        tracing::error!("database handle missing from the request context");
        crate::error::AppError::Internal
    })
}

fn sqlite_pool(max_connections: u32) -> AnyPoolOptions {
    AnyPoolOptions::new()
        .max_connections(max_connections)
        .acquire_timeout(SQLITE_BUSY_TIMEOUT)
        // A connection to a local file does not go stale the way one over a network can;
        // testing it first cost a round trip to its thread before every query.
        .test_before_acquire(false)
        .after_connect(|conn, _meta| {
            Box::pin(async move {
                // Busy timeout first, so switching to WAL waits for any other opener.
                let busy = format!("PRAGMA busy_timeout = {}", SQLITE_BUSY_TIMEOUT.as_millis());
                conn.execute(busy.as_str()).await?;
                conn.execute("PRAGMA journal_mode = WAL").await?;
                // FULL: a commit acknowledged to a user survives a power cut, not only a crash.
                conn.execute("PRAGMA synchronous = FULL").await?;
                conn.execute("PRAGMA foreign_keys = ON").await?;
                // SQLite's own page cache, per connection (its default is 2 MB). The file's
                // pages are in the operating system's cache anyway; this one only saves a
                // copy, and each connection kept its own on a thread of its own.
                let cache = format!("PRAGMA cache_size = -{SQLITE_CACHE_KIB}");
                conn.execute(cache.as_str()).await?;
                Ok(())
            })
        })
}

/// Timestamps are stored as UTC RFC 3339 text with fixed microsecond precision: `sqlx::Any`
/// carries only portable primitive types, and this form sorts chronologically as text on both
/// backends.
pub mod timestamp {
    use chrono::{DateTime, SecondsFormat, Utc};

    pub fn to_db(at: DateTime<Utc>) -> String {
        at.to_rfc3339_opts(SecondsFormat::Micros, true)
    }

    pub fn from_db(text: &str) -> Result<DateTime<Utc>, sqlx::Error> {
        DateTime::parse_from_rfc3339(text)
            .map(|at| at.with_timezone(&Utc))
            .map_err(|error| sqlx::Error::Decode(Box::new(error)))
    }

    /// A run of days stored as two ISO dates (`due_first`, `due_last`): none when either is
    /// missing.
    pub fn window_from_db(
        first: Option<&str>,
        last: Option<&str>,
    ) -> Result<Option<crate::domain::timeframe::Window>, sqlx::Error> {
        let date = |text: &str| {
            text.parse::<chrono::NaiveDate>()
                .map_err(|error| sqlx::Error::Decode(Box::new(error)))
        };
        match (first, last) {
            (Some(first), Some(last)) => Ok(Some(crate::domain::timeframe::Window {
                first: date(first)?,
                last: date(last)?,
            })),
            _ => Ok(None),
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;
        use chrono::TimeZone;

        #[test]
        fn round_trips_and_sorts_as_text() {
            let earlier = Utc
                .with_ymd_and_hms(2023, 6, 15, 9, 5, 0)
                .single()
                .expect("valid");
            let later = earlier + chrono::Duration::microseconds(1);
            assert_eq!(to_db(earlier), "2023-06-15T09:05:00.000000Z");
            assert!(to_db(earlier) < to_db(later));
            assert_eq!(from_db(&to_db(later)).expect("parses"), later);
        }

        #[test]
        fn rejects_text_that_is_not_a_timestamp() {
            assert!(from_db("15 June 2023").is_err());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Backend;

    #[test]
    fn backend_is_picked_by_the_url_scheme() {
        assert_eq!(
            Backend::from_url("sqlite://data/watchdog.db"),
            Some(Backend::Sqlite)
        );
        assert_eq!(
            Backend::from_url("postgres://u@h/db"),
            Some(Backend::Postgres)
        );
        assert_eq!(
            Backend::from_url("postgresql://u@h/db"),
            Some(Backend::Postgres)
        );
        assert_eq!(Backend::from_url("mysql://u@h/db"), None);
        assert_eq!(Backend::from_url("watchdog.db"), None);
    }
}
