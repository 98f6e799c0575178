use std::collections::BTreeSet;

use app::db::{Backend, Db};
use sqlx::Row;

use crate::helpers::{self, TestApp};

/// Each writer reads the row count, then inserts a row naming what it read: the read-then-write
/// shape that fails with "database is locked" or a busy snapshot when SQLite transactions take
/// the write lock late.
async fn read_then_write(db: &Db, writer: i64) -> Result<(), sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let seen: i64 = sqlx::query("SELECT COUNT(*) AS n FROM scratch")
        .fetch_one(&mut *tx)
        .await?
        .try_get("n")?;
    // Widen the window in which another writer could slip in between the read and the write.
    tokio::time::sleep(std::time::Duration::from_millis(2)).await;
    sqlx::query("INSERT INTO scratch (writer, seen) VALUES ($1, $2)")
        .bind(writer)
        .bind(seen)
        .execute(&mut *tx)
        .await?;
    tx.commit().await
}

async fn create_scratch_table(db: &Db) {
    let mut tx = db.begin_write().await.expect("begin");
    sqlx::query("CREATE TABLE scratch (writer BIGINT NOT NULL, seen BIGINT NOT NULL)")
        .execute(&mut *tx)
        .await
        .expect("create scratch table");
    tx.commit().await.expect("commit");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_writers_from_two_processes_all_succeed_in_turn() {
    let app = TestApp::spawn().await;
    create_scratch_table(&app.db).await;
    // A second handle on the same database stands in for a second server process.
    let other_process = Db::connect(&app.database_url, 4)
        .await
        .expect("second handle");

    let writers: Vec<_> = (0..60_i64)
        .map(|writer| {
            let db = if writer % 2 == 0 {
                app.db.clone()
            } else {
                other_process.clone()
            };
            tokio::spawn(async move { read_then_write(&db, writer).await })
        })
        .collect();
    let mut results = Vec::new();
    for writer in writers {
        results.push(writer.await.expect("writer task"));
    }

    for result in &results {
        assert!(result.is_ok(), "a writer failed: {result:?}");
    }
    // Writers ran one after another: each saw a different count, 0 to 59.
    let seen: BTreeSet<i64> = sqlx::query("SELECT seen FROM scratch")
        .fetch_all(app.db.reader())
        .await
        .expect("read back")
        .iter()
        .map(|row| row.try_get::<i64, _>("seen").expect("seen"))
        .collect();
    assert_eq!(seen, (0..60).collect::<BTreeSet<_>>());
    other_process.close().await;
}

#[tokio::test]
async fn migrations_run_again_without_change() {
    let app = TestApp::spawn().await;

    app.db.migrate().await.expect("second run is a no-op");

    let name: String = sqlx::query("SELECT name FROM instance_settings WHERE id = 1")
        .fetch_one(app.db.reader())
        .await
        .expect("settings row")
        .try_get("name")
        .expect("name");
    assert_eq!(name, "Watchdog");
}

#[tokio::test]
async fn sqlite_runs_in_wal_mode_with_foreign_keys_enforced() {
    if helpers::backend_under_test() != Backend::Sqlite {
        return;
    }
    let app = TestApp::spawn().await;
    let pool = app.db.reader();

    let mode: String = sqlx::query("PRAGMA journal_mode")
        .fetch_one(pool)
        .await
        .expect("pragma")
        .try_get(0)
        .expect("mode");
    let foreign_keys: i64 = sqlx::query("PRAGMA foreign_keys")
        .fetch_one(pool)
        .await
        .expect("pragma")
        .try_get(0)
        .expect("flag");

    assert_eq!(mode, "wal");
    assert_eq!(foreign_keys, 1);
}

/// (table, column, nullable) for every column of the application's tables; SQLite's
/// full-text index of issues (a plain index on PostgreSQL) is not a table of the schema.
async fn schema_of(db: &Db) -> BTreeSet<(String, String, bool)> {
    let sql = match db.backend() {
        Backend::Sqlite => {
            "SELECT m.name AS table_name, p.name AS column_name, \
                    CASE WHEN p.\"notnull\" = 0 AND p.pk = 0 THEN 1 ELSE 0 END AS nullable \
             FROM sqlite_master m JOIN pragma_table_info(m.name) p \
             WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite%' AND m.name NOT LIKE '_sqlx%' \
               AND m.name NOT LIKE 'issues_search%'"
        }
        Backend::Postgres => {
            "SELECT table_name::text AS table_name, column_name::text AS column_name, \
                    (CASE WHEN is_nullable = 'YES' THEN 1 ELSE 0 END)::bigint AS nullable \
             FROM information_schema.columns \
             WHERE table_schema = 'public' AND table_name NOT LIKE '_sqlx%'"
        }
    };
    sqlx::query(sql)
        .fetch_all(db.reader())
        .await
        .expect("schema query")
        .iter()
        .map(|row| {
            let nullable: i64 = row.try_get("nullable").expect("nullable");
            (
                row.try_get("table_name").expect("table"),
                row.try_get("column_name").expect("column"),
                nullable == 1,
            )
        })
        .collect()
}

#[tokio::test]
async fn sqlite_and_postgres_schemas_have_the_same_tables_and_columns() {
    if helpers::backend_under_test() != Backend::Postgres {
        // Needs both backends; the PostgreSQL run of this suite (in CI) performs it.
        return;
    }
    let dir = tempfile::tempdir().expect("temporary folder");
    let sqlite_url = format!(
        "sqlite://{}?mode=rwc",
        dir.path().join("parity.db").display()
    );
    let sqlite = Db::connect(&sqlite_url, 1).await.expect("sqlite");
    sqlite.migrate().await.expect("sqlite migrations");
    let server_url = std::env::var(helpers::POSTGRES_URL_VAR).expect("set");
    let postgres_url = helpers::fresh_postgres_database(&server_url).await;
    let postgres = Db::connect(&postgres_url, 1).await.expect("postgres");
    postgres.migrate().await.expect("postgres migrations");

    let sqlite_schema = schema_of(&sqlite).await;
    let postgres_schema = schema_of(&postgres).await;

    assert!(!sqlite_schema.is_empty());
    let only_sqlite: Vec<_> = sqlite_schema.difference(&postgres_schema).collect();
    let only_postgres: Vec<_> = postgres_schema.difference(&sqlite_schema).collect();
    assert!(
        only_sqlite.is_empty() && only_postgres.is_empty(),
        "schemas differ.\nonly in SQLite: {only_sqlite:?}\nonly in PostgreSQL: {only_postgres:?}"
    );
}
