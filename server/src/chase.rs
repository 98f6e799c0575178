//! Running the chase engine (`app::chases::engine`): hourly in the server, and once from the
//! command line (`watchdog chase run`), both on the one clock and the instance's policy.

use std::time::Duration;

use app::{
    chases::engine::{self, Pass, Report},
    clock::Clock,
    db::Db,
    domain::chase::SendingRules,
};
use chrono::NaiveDate;

/// Runs one pass for `today` (by default the clock's, in the instance's time zone).
pub async fn run_once(
    db: &Db,
    clock: Clock,
    today: Option<NaiveDate>,
    configure: impl FnOnce(&mut Pass),
) -> Result<Report, sqlx::Error> {
    let settings = app::instance::store::settings(db).await?;
    let now = clock.now();
    let zone = settings.zone();
    let policy = settings.chase_policy();
    let mut pass = Pass::on(today.unwrap_or_else(|| zone.clock(now).date()), now);
    // Emails wait out the quiet hours, weekends and bank holidays, in the instance's zone.
    let sending = SendingRules::of(&policy, Vec::new()).next_sending_time(zone.clock(now));
    pass.email_from = zone
        .from_local(sending.date(), sending.time())
        .unwrap_or(now)
        .max(now);
    configure(&mut pass);
    engine::run(db, &policy, pass).await
}

/// The server's engine: a pass a minute after start, then every hour.
pub async fn run_hourly(db: Db, clock: Clock) {
    tokio::time::sleep(Duration::from_secs(60)).await;
    let mut hourly = tokio::time::interval(Duration::from_secs(3600));
    loop {
        hourly.tick().await;
        match run_once(&db, clock, None, |_| {}).await {
            Ok(report) if report.chased.is_empty() => {}
            Ok(report) => tracing::info!(
                chased = report.chased.len(),
                notified = report.notified,
                "chase engine: recorded chases"
            ),
            Err(error) => {
                tracing::warn!(%error, "chase engine: the pass failed; the next one retries")
            }
        }
    }
}

/// What a pass did (or would do), a line per step, for the command line.
pub fn describe(report: &Report, dry_run: bool) -> String {
    let mut text = String::new();
    for chased in &report.chased {
        let (kind, id) = chased.candidate.item.stored();
        text.push_str(&format!(
            "{kind} {id}, cycle {}: {} — {}\n",
            chased.cycle,
            chased.step.as_str(),
            chased.candidate.title
        ));
    }
    let verb = if dry_run { "would record" } else { "recorded" };
    text.push_str(&format!(
        "{} chase step{} {verb}, of {} item{} due or nearly due",
        report.chased.len(),
        if report.chased.len() == 1 { "" } else { "s" },
        report.looked_at,
        if report.looked_at == 1 { "" } else { "s" },
    ));
    if !dry_run {
        text.push_str(&format!(
            "; {} notification{} put into inboxes",
            report.notified,
            if report.notified == 1 { "" } else { "s" },
        ));
    }
    text.push('\n');
    text
}
