//! `watchdog`: the command line. `serve` (the default) runs the web server.

use std::path::PathBuf;

use app::accounts::types::Role;
use clap::{Parser, Subcommand};
use watchdog::{
    config::Config,
    startup::{shutdown_signal, Application},
    telemetry,
};

#[derive(Parser)]
#[command(
    name = "watchdog",
    version,
    about = "Watchdog: a user group's record of its supplier's issues, minutes, promises and chases."
)]
struct Cli {
    /// Configuration file (TOML). Without it, ./watchdog.toml is read if present;
    /// WATCHDOG_* environment variables override either.
    #[arg(long, global = true, value_name = "FILE")]
    config: Option<PathBuf>,

    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Run the web server (the default).
    Serve,
    /// Bring the database schema up to date, then exit.
    Migrate,
    /// Check the configuration and print the settings in force (passwords hidden).
    Config,
    /// Manage accounts from the command line.
    #[command(subcommand)]
    Admin(AdminCommand),
    /// Demonstration data, for trying Watchdog out. Never use it on a real instance.
    #[command(subcommand)]
    Demo(DemoCommand),
    /// The chase engine.
    #[command(subcommand)]
    Chase(ChaseCommand),
}

#[derive(Subcommand)]
enum ChaseCommand {
    /// Chase once what has fallen due (the server does this every hour), printing each
    /// chase recorded.
    Run {
        /// Print what would be recorded, recording nothing.
        #[arg(long)]
        dry_run: bool,
        /// Chase as on this day (YYYY-MM-DD), for a rehearsal; by default today.
        #[arg(long, value_name = "DATE")]
        today: Option<chrono::NaiveDate>,
        /// Items read and recorded per transaction.
        #[arg(long, default_value_t = app::chases::engine::Pass::BATCH, hide = true)]
        batch: i64,
    },
}

#[derive(Subcommand)]
enum DemoCommand {
    /// Fill an empty database with demonstration accounts and records (does nothing if
    /// the database already has accounts). Refused on an instance others can reach (one
    /// listening beyond this machine, or with a public address) unless forced.
    Load {
        /// Load even though the instance can be reached from elsewhere.
        #[arg(long)]
        force: bool,
    },
    /// Add many generated issues (after the demo data, if the database is empty), for
    /// measuring speed on a large tracker.
    Generate {
        /// How many issues to add.
        #[arg(long, default_value_t = 100_000)]
        issues: usize,
        /// How many published meetings (of eight agenda items each) to add after them.
        #[arg(long, default_value_t = 0)]
        meetings: usize,
        /// How many commitments (each with its ledger of promises) to add.
        #[arg(long, default_value_t = 0)]
        commitments: usize,
        /// How many notifications to put into the supplier's representative's inbox.
        #[arg(long, default_value_t = 0)]
        notifications: usize,
        /// Generate even though the instance can be reached from elsewhere.
        #[arg(long)]
        force: bool,
    },
}

#[derive(Subcommand)]
enum AdminCommand {
    /// Create an administrator (such as the first one). Asks for the password, or reads it
    /// from standard input when that is not a terminal.
    Create {
        #[arg(long)]
        email: String,
        /// The name shown for this person.
        #[arg(long, default_value = "Administrator")]
        name: String,
    },
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let config = match Config::load(cli.config.as_deref()) {
        Ok(config) => config,
        Err(error) => {
            eprintln!("watchdog: {error}");
            return std::process::ExitCode::from(2);
        }
    };
    match run(cli.command.unwrap_or(Command::Serve), config).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("watchdog: {error:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run(command: Command, config: Config) -> anyhow::Result<()> {
    match command {
        Command::Serve => {
            telemetry::init(&config.log);
            let app = Application::build(&config).await?;
            tracing::info!("listening on http://{}", app.local_addr()?);
            app.run_until(shutdown_signal()).await
        }
        Command::Migrate => {
            telemetry::init(&config.log);
            let db = app::db::Db::connect(&config.database_url(), 1).await?;
            db.migrate().await?;
            db.close().await;
            println!("database {} is up to date", config.database_url_redacted());
            Ok(())
        }
        Command::Admin(AdminCommand::Create { email, name }) => {
            let password = read_new_password()?;
            watchdog::admin::create_account(&config, &email, &name, Role::Admin, None, &password)
                .await?;
            println!("created administrator {email}; sign in at /sign-in");
            Ok(())
        }
        Command::Demo(DemoCommand::Load { force }) => {
            telemetry::init(&config.log);
            if let (Some(refusal), false) = (watchdog::demo::refusal(&config), force) {
                anyhow::bail!("demo data not loaded: {refusal}");
            }
            match watchdog::demo::load(&config).await? {
                watchdog::demo::Loaded::Now => println!(
                    "demo data loaded; sign in as admin@example.org, chair@example.org, \
                     member@example.org or supplier@example.org with the password \"{}\"",
                    watchdog::demo::PASSWORD
                ),
                watchdog::demo::Loaded::Already => {
                    println!("the database already has accounts; demo data not loaded")
                }
            }
            Ok(())
        }
        Command::Demo(DemoCommand::Generate {
            issues,
            meetings,
            commitments,
            notifications,
            force,
        }) => {
            telemetry::init(&config.log);
            if let (Some(refusal), false) = (watchdog::demo::refusal(&config), force) {
                anyhow::bail!("demo data not generated: {refusal}");
            }
            let amounts = watchdog::demo::generate::Amounts {
                issues,
                meetings,
                commitments,
                notifications,
            };
            let (issues, meetings, commitments) =
                watchdog::demo::generate::generate(&config, &amounts).await?;
            println!(
                "the database now holds {issues} issues, {meetings} meetings and {commitments} \
                 commitments"
            );
            Ok(())
        }
        Command::Chase(ChaseCommand::Run {
            dry_run,
            today,
            batch,
        }) => {
            telemetry::init(&config.log);
            let db = app::db::Db::connect(&config.database_url(), 2).await?;
            db.migrate().await?;
            let clock = watchdog::startup::clock(&config, &db).await?;
            // Test-only fault point, in debug builds (the tests'): abort once this many
            // chases are recorded.
            let abort_after = cfg!(debug_assertions)
                .then(|| std::env::var("WATCHDOG_TEST_CHASE_ABORT_AFTER").ok())
                .flatten()
                .and_then(|count| count.parse().ok());
            let report = watchdog::chase::run_once(&db, clock, today, |pass| {
                pass.dry_run = dry_run;
                pass.batch = batch.max(1);
                pass.abort_after = abort_after;
            })
            .await?;
            db.close().await;
            print!("{}", watchdog::chase::describe(&report, dry_run));
            Ok(())
        }
        Command::Config => {
            println!("listen = {}", config.listen);
            println!("data_dir = {}", config.data_dir.display());
            println!("database_url = {}", config.database_url_redacted());
            println!(
                "database_max_connections = {}",
                config.database_max_connections
            );
            match &config.site_root {
                Some(root) => println!("site_root = {}", root.display()),
                None => println!("site_root = (cargo-leptos's, else target/site)"),
            }
            println!("log = {}", config.log);
            println!("shutdown_grace_seconds = {}", config.shutdown_grace_seconds);
            println!("session_idle_hours = {}", config.session_idle_hours);
            println!("session_remember_days = {}", config.session_remember_days);
            println!("behind_proxy = {}", config.behind_proxy);
            println!(
                "sign_in_attempts_per_minute_per_address = {}",
                config.sign_in_attempts_per_minute_per_address
            );
            println!(
                "attachment_max_megabytes = {}",
                config.attachment_max_megabytes
            );
            println!("chase_engine = {}", config.chase_engine);
            match &config.public_url {
                Some(url) => println!("public_url = {url}"),
                None => println!("public_url = (not set: the listen address)"),
            }
            match &config.smtp_host {
                Some(host) => {
                    println!("smtp_host = {host}");
                    match config.smtp_port {
                        Some(port) => println!("smtp_port = {port}"),
                        None => println!("smtp_port = (the usual one for smtp_tls)"),
                    }
                    println!(
                        "smtp_tls = {}",
                        format!("{:?}", config.smtp_tls).to_lowercase()
                    );
                    if let Some(user) = &config.smtp_user {
                        println!("smtp_user = {user}");
                        println!("smtp_password = (set, hidden)");
                    }
                    println!("smtp_from = {}", config.smtp_from.as_deref().unwrap_or(""));
                }
                None => println!("smtp_host = (not set: emails wait in the outbox)"),
            }
            Ok(())
        }
    }
}

/// The new password: typed twice at a terminal (not echoed), else one line of stdin.
fn read_new_password() -> anyhow::Result<String> {
    use std::io::{BufRead, IsTerminal};

    if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("Password (at least 12 characters): ")?;
        let second = rpassword::prompt_password("Same password again: ")?;
        anyhow::ensure!(first == second, "the two passwords differ");
        Ok(first)
    } else {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line)?;
        Ok(line.trim_end_matches(['\r', '\n']).to_owned())
    }
}
