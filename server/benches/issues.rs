//! `cargo bench -p watchdog --bench issues`: the issue tracker's speed on a large tracker.
//! Generates a SQLite database of 100,000 issues (WATCHDOG_BENCH_ISSUES to change that), starts
//! the real server on it, signs in as a member and, for each page below, sends requests from
//! several clients at once over HTTP, printing requests per second and the 50th and 99th
//! percentile latencies. Then times a CSV export of every open issue and reports the
//! process's peak memory. Figures, not pass/fail: compare them between changes.

use std::{
    sync::{
        atomic::{AtomicUsize, Ordering},
        Arc,
    },
    time::{Duration, Instant},
};

use watchdog::{config::Config, startup::Application};

/// Clients sending requests at once.
const CLIENTS: usize = 8;
/// Requests per page measured (after a warm-up of `WARM_UP`).
const REQUESTS: usize = 800;
const WARM_UP: usize = 40;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let issues: usize = std::env::var("WATCHDOG_BENCH_ISSUES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000);
    let data_dir = tempfile::tempdir()?;
    let mut config = Config {
        listen: "127.0.0.1:0".parse()?,
        data_dir: data_dir.path().to_path_buf(),
        log: "warn".to_owned(),
        sign_in_attempts_per_minute_per_address: 1000,
        ..Config::default()
    };

    let started = Instant::now();
    let total = watchdog::demo::generate::generate(&config, issues).await?;
    // The database file and its write-ahead log, not yet folded in.
    let database: u64 = ["watchdog.db", "watchdog.db-wal"]
        .iter()
        .filter_map(|name| std::fs::metadata(data_dir.path().join(name)).ok())
        .map(|file| file.len())
        .sum();
    println!(
        "generated {total} issues in {:.1} s; database {:.0} MB",
        started.elapsed().as_secs_f64(),
        database as f64 / 1e6
    );

    let app = Application::build(&config).await?;
    config.listen = app.local_addr()?;
    let base = format!("http://{}", config.listen);
    let server = tokio::spawn(app.run_until(std::future::pending()));

    let client = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()?;
    let signed_in = client
        .post(format!("{base}/api/sign_in"))
        .form(&[
            ("email", "member@example.org"),
            ("password", watchdog::demo::PASSWORD),
        ])
        .send()
        .await?;
    anyhow::ensure!(
        signed_in.headers().contains_key("set-cookie"),
        "could not sign in: {}",
        signed_in.status()
    );

    println!(
        "\n{:<44} {:>9} {:>9} {:>9}",
        "page (signed in, HTML)", "req/s", "p50 ms", "p99 ms"
    );
    let middle = total / 2;
    // Generated issues only: none of them is merged, so each page answers without a redirect.
    let (first, generated) = ((total as usize - issues + 1), issues);
    let pages: [(&str, PathOf); 4] = [
        (
            "issues list, default view",
            Arc::new(|_| "/issues".to_owned()),
        ),
        (
            "issues list, text filter (common words)",
            Arc::new(|_| "/issues?q=blank+screen&status=all".to_owned()),
        ),
        (
            "issues list, text filter (rare words)",
            Arc::new(move |_| format!("/issues?q=generated+issue+{middle}.&status=all")),
        ),
        (
            "issue page",
            Arc::new(move |n| format!("/issues/{}", first + (n * 7919) % generated)),
        ),
    ];
    for (name, path) in pages {
        let figures = measure(&client, &base, path).await?;
        println!(
            "{name:<44} {:>9.0} {:>9.1} {:>9.1}",
            figures.per_second, figures.p50, figures.p99
        );
    }

    let started = Instant::now();
    let export = client.get(format!("{base}/issues.csv")).send().await?;
    anyhow::ensure!(export.status().is_success(), "export: {}", export.status());
    let body = export.bytes().await?;
    println!(
        "\nCSV export of the open issues: {} rows, {:.1} MB in {:.2} s",
        body.iter().filter(|b| **b == b'\n').count() - 1,
        body.len() as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );
    if let Some(peak) = peak_memory() {
        println!("peak memory of the process (server and clients): {peak}");
    }
    server.abort();
    Ok(())
}

/// The path of the `n`th request to a page.
type PathOf = Arc<dyn Fn(usize) -> String + Send + Sync>;

struct Figures {
    per_second: f64,
    p50: f64,
    p99: f64,
}

async fn measure(client: &reqwest::Client, base: &str, path: PathOf) -> anyhow::Result<Figures> {
    for n in 0..WARM_UP {
        get(client, &format!("{base}{}", path(n))).await?;
    }
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let mut workers = Vec::new();
    for _ in 0..CLIENTS {
        let (client, base, path, next) =
            (client.clone(), base.to_owned(), path.clone(), next.clone());
        workers.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            loop {
                let n = next.fetch_add(1, Ordering::Relaxed);
                if n >= REQUESTS {
                    break;
                }
                let sent = Instant::now();
                get(&client, &format!("{base}{}", path(n))).await?;
                latencies.push(sent.elapsed());
            }
            anyhow::Ok(latencies)
        }));
    }
    let mut latencies: Vec<Duration> = Vec::with_capacity(REQUESTS);
    for worker in workers {
        latencies.extend(worker.await??);
    }
    let elapsed = started.elapsed();
    latencies.sort();
    let at = |fraction: f64| {
        let index = ((latencies.len() as f64 * fraction) as usize).min(latencies.len() - 1);
        latencies[index].as_secs_f64() * 1000.0
    };
    Ok(Figures {
        per_second: latencies.len() as f64 / elapsed.as_secs_f64(),
        p50: at(0.50),
        p99: at(0.99),
    })
}

async fn get(client: &reqwest::Client, url: &str) -> anyhow::Result<()> {
    let response = client.get(url).header("accept", "text/html").send().await?;
    anyhow::ensure!(
        response.status().is_success(),
        "{url}: {}",
        response.status()
    );
    response.bytes().await?;
    Ok(())
}

/// The process's peak resident memory, as Linux reports it.
fn peak_memory() -> Option<String> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find(|line| line.starts_with("VmHWM:"))
        .map(|line| line.trim_start_matches("VmHWM:").trim().to_owned())
}
