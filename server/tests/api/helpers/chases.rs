//! Running the chase engine as the command line does (`watchdog chase run --today DAY`, a
//! process of its own on the test's database), and the days the chase tests speak in.

use std::process::{Command, Output};

use app::{accounts::types::Role, commitments::types::CommitmentId, domain::ids::SupplierId};
use chrono::{Duration, NaiveDate, Utc};

use super::{browser_of, TestApp};

pub fn today() -> NaiveDate {
    Utc::now().date_naive()
}

/// "14 July 2023", as a supplier says it.
pub fn said(day: NaiveDate) -> String {
    day.format("%-d %B %Y").to_string()
}

/// `watchdog chase run --today DAY` on the test's database, as a process of its own.
pub fn chase_command(app: &TestApp, day: NaiveDate, extra: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_watchdog"));
    command
        .args(["chase", "run", "--today", &day.to_string()])
        .args(extra)
        .env("WATCHDOG_DATABASE_URL", &app.database_url)
        .env("WATCHDOG_DATA_DIR", &app.config.data_dir)
        .env("WATCHDOG_LOG", "warn")
        .env_remove("WATCHDOG_TEST_CHASE_ABORT_AFTER");
    command
}

/// Runs the engine once for `day`; what it printed.
pub fn chase_run(app: &TestApp, day: NaiveDate) -> String {
    let output = chase_command(app, day, &[]).output().expect("watchdog ran");
    succeeded(&output)
}

/// What a run printed, once it is known to have succeeded.
pub fn succeeded(output: &Output) -> String {
    assert!(
        output.status.success(),
        "chase run failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout.clone()).expect("utf-8")
}

/// What most chase tests start from: the supplier and a chair's browser.
pub struct ChaseScene {
    pub supplier: SupplierId,
    pub chair: reqwest::Client,
}

impl TestApp {
    /// A supplier ("Example Clinical Systems") and a chair signed in.
    pub async fn chase_scene(&self) -> ChaseScene {
        let supplier = self.create_supplier("Example Clinical Systems").await;
        let chair = browser_of(
            self,
            &self.create_account(Role::Chair, "chair@example.org").await,
        )
        .await;
        ChaseScene { supplier, chair }
    }

    /// The chair records `title`, promised ninety days ago for `days_late` days before today.
    pub async fn record_overdue(
        &self,
        scene: &ChaseScene,
        title: &str,
        days_late: i64,
    ) -> CommitmentId {
        let today = today();
        self.record_commitment(
            &scene.chair,
            scene.supplier,
            title,
            &format!("by {}", said(today - Duration::days(days_late))),
            &(today - Duration::days(90)).to_string(),
        )
        .await
    }
}
