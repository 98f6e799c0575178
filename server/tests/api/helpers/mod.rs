//! `TestApp`: one running server per test, each with its own fresh database, and the ways
//! tests talk to it. Each area's fixtures and typed calls live in a file of the area's name
//! (`issues.rs` …); a call names its server function by the function's own `PATH` and reads
//! the answer into the app's own types (`TestApp::call_fn`).

mod accounts;
mod chases;
mod commitments;
mod instance;
mod issues;
mod meetings;
mod suppliers;

pub use accounts::{browser_of, demo_member, TestAccount};
pub use chases::{chase_command, chase_run, said, succeeded, today};
pub use commitments::{field_error, CommitmentForm, Revision};
pub use instance::SettingsForm;

use std::sync::atomic::{AtomicU32, Ordering};

use app::{
    db::{Backend, Db},
    error::AppError,
};
use leptos::server_fn::ServerFn;
use reqwest::StatusCode;
use serde::de::DeserializeOwned;
use sqlx::{AnyConnection, Connection, Executor};
use tokio::{sync::oneshot, task::JoinHandle};
use watchdog::{config::Config, startup::Application};

/// Set to a PostgreSQL URL (any database the user may `CREATE DATABASE` from) to run the
/// suite against PostgreSQL; each test gets a database of its own.
pub const POSTGRES_URL_VAR: &str = "WATCHDOG_TEST_POSTGRES_URL";
/// Set to 1 (CI does) to make a missing PostgreSQL URL a failure instead of a SQLite run.
pub const REQUIRE_POSTGRES_VAR: &str = "WATCHDOG_TEST_REQUIRE_POSTGRES";

/// A server function's answer: its output, or its error and the status it came with.
pub type Answer<T> = Result<T, (StatusCode, AppError)>;

pub struct TestApp {
    pub address: String,
    pub config: Config,
    pub client: reqwest::Client,
    pub db: Db,
    pub database_url: String,
    shutdown: Option<oneshot::Sender<()>>,
    server: Option<JoinHandle<anyhow::Result<()>>>,
    // Held so the data folder (and a SQLite database in it) lives as long as the test.
    _data_dir: tempfile::TempDir,
    // The server whose database a demo on another day shares (`spawn_on`), kept running.
    _first: Option<Box<TestApp>>,
}

impl TestApp {
    /// Starts the server on a fresh database of the backend under test.
    pub async fn spawn() -> TestApp {
        Self::spawn_with(|_| {}).await
    }

    /// Starts the server with settings adjusted by `configure`.
    pub async fn spawn_with(configure: impl FnOnce(&mut Config)) -> TestApp {
        let data_dir = tempfile::tempdir().expect("temporary data folder");
        let database_url = fresh_database_url(data_dir.path()).await;
        let mut config = Config {
            listen: "127.0.0.1:0".parse().expect("address"),
            data_dir: data_dir.path().to_path_buf(),
            database_url: Some(database_url.clone()),
            database_max_connections: 4,
            shutdown_grace_seconds: 5,
            // Tests that chase run the engine themselves, on the days they choose.
            chase_engine: false,
            ..Config::default()
        };
        configure(&mut config);
        let app = Application::build(&config).await.expect("server builds");
        // Keep the port actually bound, for tools that start from the same configuration.
        config.listen = app.local_addr().expect("bound address");
        let address = format!("http://{}", app.local_addr().expect("bound address"));
        let db = app.db().clone();
        let (shutdown, stop) = oneshot::channel::<()>();
        let server = tokio::spawn(app.run_until(async move {
            let _ = stop.await;
        }));
        let client = new_client();
        TestApp {
            address,
            config,
            client,
            db,
            database_url,
            shutdown: Some(shutdown),
            server: Some(server),
            _data_dir: data_dir,
            _first: None,
        }
    }

    /// Starts a demo instance whose clock reads `today` (only a demo may run on another
    /// day): a fresh database is marked as the demo, and a second server opens it.
    pub async fn spawn_on(today: chrono::NaiveDate) -> TestApp {
        let first = TestApp::spawn().await;
        let mut tx = first.db.begin_write().await.expect("transaction");
        sqlx::query("UPDATE instance_settings SET demo = 1 WHERE id = 1")
            .execute(&mut *tx)
            .await
            .expect("marked as the demo");
        tx.commit().await.expect("committed");
        let url = first.database_url.clone();
        let mut demo = TestApp::spawn_with(move |config| {
            config.database_url = Some(url);
            config.demo_today = Some(today);
        })
        .await;
        demo._first = Some(Box::new(first));
        demo
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .send()
            .await
            .expect("request sent")
    }

    /// Fetches a page from `client` (a browser of its own, from `browser_of`).
    pub async fn get_with(&self, client: &reqwest::Client, path: &str) -> reqwest::Response {
        client
            .get(self.url(path))
            .send()
            .await
            .expect("request sent")
    }

    /// Posts a form the way a browser on this site does (same-origin, no JavaScript: it
    /// accepts HTML and names the page the form was on).
    pub async fn post_form(
        &self,
        path: &str,
        from_page: &str,
        form: &[(&str, &str)],
    ) -> reqwest::Response {
        self.post_form_with(&self.client, path, from_page, form)
            .await
    }

    /// As `post_form`, from another browser (a client with its own cookies).
    pub async fn post_form_with(
        &self,
        client: &reqwest::Client,
        path: &str,
        from_page: &str,
        form: &[(&str, &str)],
    ) -> reqwest::Response {
        client
            .post(self.url(path))
            .header("origin", &self.address)
            .header("referer", self.url(from_page))
            .header("accept", "text/html")
            .form(form)
            .send()
            .await
            .expect("request sent")
    }

    /// Calls a server function the way the hydrated app does.
    pub async fn call(&self, path: &str, form: &[(&str, &str)]) -> reqwest::Response {
        self.call_with(&self.client, path, form).await
    }

    /// As `call`, from another browser (a client with its own cookies, from `new_client`).
    pub async fn call_with(
        &self,
        client: &reqwest::Client,
        path: &str,
        form: &[(&str, &str)],
    ) -> reqwest::Response {
        client
            .post(self.url(path))
            .header("origin", &self.address)
            .form(form)
            .send()
            .await
            .expect("request sent")
    }

    /// Calls the server function `F` from `client` as the app's own client does, and reads
    /// its answer: the function's output, or its error with the status it came with.
    pub async fn call_fn<F>(
        &self,
        client: &reqwest::Client,
        form: &[(&str, &str)],
    ) -> Answer<F::Output>
    where
        F: ServerFn,
        F::Output: DeserializeOwned,
    {
        let response = self.call_with(client, F::PATH, form).await;
        let status = response.status();
        let body = response.text().await.expect("answer read");
        if status.is_success() {
            Ok(serde_json::from_str(&body)
                .unwrap_or_else(|error| panic!("{}: {error} in {body}", F::PATH)))
        } else {
            let error = serde_json::from_str(&body)
                .unwrap_or_else(|error| panic!("{} ({status}): {error} in {body}", F::PATH));
            Err((status, error))
        }
    }

    /// Asks the server to stop as SIGTERM would, and waits until it has.
    pub async fn stop(mut self) -> anyhow::Result<()> {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
        match self.server.take() {
            Some(server) => server.await.expect("server task"),
            None => Ok(()),
        }
    }
}

/// A response's JSON body.
pub async fn json(response: reqwest::Response) -> serde_json::Value {
    response.json().await.expect("JSON")
}

/// A browser of its own: keeps its cookies, follows no redirects.
pub fn new_client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .cookie_store(true)
        .build()
        .expect("HTTP client")
}

/// The backend the suite runs on, failing loudly if CI asked for PostgreSQL and none is set.
pub fn backend_under_test() -> Backend {
    match std::env::var(POSTGRES_URL_VAR) {
        Ok(_) => Backend::Postgres,
        Err(_) => {
            assert!(
                std::env::var(REQUIRE_POSTGRES_VAR).as_deref() != Ok("1"),
                "{REQUIRE_POSTGRES_VAR}=1 but {POSTGRES_URL_VAR} is not set"
            );
            Backend::Sqlite
        }
    }
}

/// A URL for an empty database: a new SQLite file in `dir`, or a new PostgreSQL database.
pub async fn fresh_database_url(dir: &std::path::Path) -> String {
    match backend_under_test() {
        Backend::Sqlite => format!("sqlite://{}?mode=rwc", dir.join("watchdog.db").display()),
        Backend::Postgres => {
            let server_url = std::env::var(POSTGRES_URL_VAR).expect("checked above");
            fresh_postgres_database(&server_url).await
        }
    }
}

/// Creates a uniquely named database on the server `server_url` points at.
pub async fn fresh_postgres_database(server_url: &str) -> String {
    static NEXT: AtomicU32 = AtomicU32::new(0);
    sqlx::any::install_default_drivers();
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock after 1970")
        .subsec_nanos();
    let name = format!(
        "watchdog_test_{}_{}_{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed),
        nanos
    );
    let mut admin = AnyConnection::connect(server_url)
        .await
        .expect("connect to the test PostgreSQL server");
    admin
        .execute(format!("CREATE DATABASE {name}").as_str())
        .await
        .expect("create a test database");
    admin.close().await.expect("close");
    with_database_name(server_url, &name)
}

/// `postgres://u@h:5432/postgres?x=y` with the database name replaced.
fn with_database_name(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, Some(query)),
        None => (url, None),
    };
    let authority_start = base.find("://").map(|i| i + 3).unwrap_or(0);
    let base = match base[authority_start..].find('/') {
        Some(slash) => &base[..authority_start + slash],
        None => base,
    };
    match query {
        Some(query) => format!("{base}/{name}?{query}"),
        None => format!("{base}/{name}"),
    }
}

#[test]
fn database_name_is_replaced_in_postgres_urls() {
    assert_eq!(
        with_database_name("postgres://u@127.0.0.1:5432/postgres", "t1"),
        "postgres://u@127.0.0.1:5432/t1"
    );
    assert_eq!(
        with_database_name("postgres://u@h:1/postgres?sslmode=disable", "t2"),
        "postgres://u@h:1/t2?sslmode=disable"
    );
    assert_eq!(
        with_database_name("postgres://u@h", "t3"),
        "postgres://u@h/t3"
    );
}
