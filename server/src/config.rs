//! Typed configuration, layered: built-in defaults, then an optional `watchdog.toml`, then
//! `WATCHDOG_*` environment variables. Validated once at start-up so a bad value stops the
//! server with a message naming the key, instead of failing later at first use.

use std::{
    net::SocketAddr,
    path::{Path, PathBuf},
};

use figment::{
    providers::{Env, Format, Serialized, Toml},
    Figment,
};
use serde::{Deserialize, Serialize};

/// Read from the working directory when no `--config` is given, if it exists.
const DEFAULT_FILE: &str = "watchdog.toml";

/// The keys `WATCHDOG_*` variables may set. Other `WATCHDOG_` variables (such as those the
/// test suite reads) are not configuration and are left alone.
const ENV_KEYS: &[&str] = &[
    "listen",
    "data_dir",
    "database_url",
    "database_max_connections",
    "site_root",
    "log",
    "shutdown_grace_seconds",
    "public_url",
    "session_idle_hours",
    "session_remember_days",
    "behind_proxy",
    "sign_in_attempts_per_minute_per_address",
    "attachment_max_megabytes",
    "chase_engine",
    "demo_today",
    "smtp_host",
    "smtp_port",
    "smtp_tls",
    "smtp_user",
    "smtp_password",
    "smtp_from",
];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Address and port the web server listens on.
    pub listen: SocketAddr,
    /// Where Watchdog keeps its files: the SQLite database by default (attachments are kept in
    /// the database, so every server process sharing it serves them).
    pub data_dir: PathBuf,
    /// `sqlite://…` or `postgres://…`; unset means a SQLite file in `data_dir`.
    pub database_url: Option<String>,
    /// Upper bound on open database connections for reads. A few per core is plenty: a read
    /// is work for a core, and each connection holds memory of its own.
    pub database_max_connections: u32,
    /// Folder holding the built browser bundle and stylesheet (`pkg/`); unset means the one
    /// cargo-leptos names when it runs the server, else `target/site`.
    pub site_root: Option<PathBuf>,
    /// Log filter in `tracing` syntax, e.g. `info` or `info,watchdog=debug`.
    pub log: String,
    /// How long a shutdown waits for in-flight requests before giving up on them.
    pub shutdown_grace_seconds: u64,
    /// The address people reach Watchdog at, e.g. `https://watchdog.example.org`, when it
    /// differs from `listen` (behind a proxy). `https://` turns on HSTS.
    pub public_url: Option<String>,
    /// A session unused this long ends (unless "remember me" was ticked).
    pub session_idle_hours: u32,
    /// How long a "remember me" session lasts; no session lasts longer.
    pub session_remember_days: u32,
    /// Behind a reverse proxy that sets `X-Forwarded-For`: take the client's address from
    /// it. Leave off otherwise, or anyone could claim any address.
    pub behind_proxy: bool,
    /// Sign-in attempts allowed from one client address per minute.
    pub sign_in_attempts_per_minute_per_address: u32,
    /// The largest file that may be attached to a meeting or agenda item, in megabytes.
    pub attachment_max_megabytes: u32,
    /// The server runs the chase engine every hour. Turn it off where another process runs
    /// `watchdog chase run` on a schedule of its own (or in tests that run it themselves).
    pub chase_engine: bool,
    /// A demo instance only: the day the server's clock starts on, e.g. `2023-09-01`, so the
    /// demo's promises stand as they would on that day (overdue, due this quarter). The clock
    /// runs on from there. Refused on an instance that does not hold the demo data.
    pub demo_today: Option<chrono::NaiveDate>,
    /// The SMTP server email goes through. Unset: emails wait in the outbox, which
    /// administrators read in the app (Administration, Outbox).
    pub smtp_host: Option<String>,
    /// Its port; unset means the usual one for `smtp_tls` (465 for `tls`, 587 for
    /// `starttls`, 25 for `none`).
    pub smtp_port: Option<u16>,
    /// `starttls` (upgrade a plain connection, and refuse to go on without), `tls` (TLS from
    /// the first byte) or `none` (plain text: a relay on this machine or a test only).
    pub smtp_tls: SmtpTls,
    /// The account to sign in to the SMTP server with, if it wants one.
    pub smtp_user: Option<String>,
    pub smtp_password: Option<Secret>,
    /// Who emails come from, e.g. `Watchdog <watchdog@example.org>`.
    pub smtp_from: Option<String>,
}

/// How the connection to the SMTP server is secured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SmtpTls {
    Starttls,
    Tls,
    None,
}

/// A configured secret: read like any value, never shown by `Debug` (logs, errors).
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Secret(pub String);

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(***)")
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            listen: SocketAddr::from(([127, 0, 0, 1], 3000)),
            data_dir: PathBuf::from("data"),
            database_url: None,
            database_max_connections: 4,
            site_root: None,
            log: "info".to_owned(),
            shutdown_grace_seconds: 30,
            public_url: None,
            session_idle_hours: 8,
            session_remember_days: 30,
            behind_proxy: false,
            sign_in_attempts_per_minute_per_address: 30,
            attachment_max_megabytes: 20,
            chase_engine: true,
            demo_today: None,
            smtp_host: None,
            smtp_port: None,
            smtp_tls: SmtpTls::Starttls,
            smtp_user: None,
            smtp_password: None,
            smtp_from: None,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("configuration: {0}")]
    Parse(#[from] Box<figment::Error>),
    #[error("configuration: {key}: {message}")]
    Invalid { key: &'static str, message: String },
}

impl Config {
    /// Reads the layers. `file` is an explicit `--config` path, which must exist.
    pub fn load(file: Option<&Path>) -> Result<Self, ConfigError> {
        let mut figment = Figment::from(Serialized::defaults(Config::default()));
        match file {
            Some(path) if !path.is_file() => {
                return Err(ConfigError::Invalid {
                    key: "--config",
                    message: format!("no configuration file at {}", path.display()),
                });
            }
            Some(path) => figment = figment.merge(Toml::file_exact(path)),
            None if Path::new(DEFAULT_FILE).is_file() => {
                figment = figment.merge(Toml::file_exact(DEFAULT_FILE));
            }
            None => {}
        }
        let figment = figment.merge(Env::prefixed("WATCHDOG_").only(ENV_KEYS));
        let config: Config = figment.extract().map_err(Box::new)?;
        config.validate()?;
        Ok(config)
    }

    fn validate(&self) -> Result<(), ConfigError> {
        if let Some(url) = &self.database_url {
            if app::db::Backend::from_url(url).is_none() {
                return Err(ConfigError::Invalid {
                    key: "database_url",
                    message: "must start with sqlite:// or postgres://".to_owned(),
                });
            }
        }
        if self.database_max_connections == 0 {
            return Err(ConfigError::Invalid {
                key: "database_max_connections",
                message: "must be at least 1".to_owned(),
            });
        }
        if !(1..=1024).contains(&self.attachment_max_megabytes) {
            return Err(ConfigError::Invalid {
                key: "attachment_max_megabytes",
                message: "must be between 1 and 1024".to_owned(),
            });
        }
        if self.data_dir.as_os_str().is_empty() {
            return Err(ConfigError::Invalid {
                key: "data_dir",
                message: "must name a folder".to_owned(),
            });
        }
        if let Some(url) = &self.public_url {
            let origin = url.trim_end_matches('/');
            let authority = origin
                .strip_prefix("https://")
                .or_else(|| origin.strip_prefix("http://"));
            if !authority.is_some_and(|a| !a.is_empty() && !a.contains(['/', '?', '#', '@'])) {
                return Err(ConfigError::Invalid {
                    key: "public_url",
                    message: format!(
                        "{url:?} must be http:// or https:// and a host, without a path, \
                         e.g. https://watchdog.example.org"
                    ),
                });
            }
        }
        if self.sign_in_attempts_per_minute_per_address == 0 {
            return Err(ConfigError::Invalid {
                key: "sign_in_attempts_per_minute_per_address",
                message: "must be at least 1".to_owned(),
            });
        }
        if self.session_idle_hours == 0 || self.session_remember_days == 0 {
            return Err(ConfigError::Invalid {
                key: "session_idle_hours / session_remember_days",
                message: "must be at least 1".to_owned(),
            });
        }
        if self.smtp_host.is_some() {
            let from = self.smtp_from.as_deref().unwrap_or_default();
            if from.parse::<lettre::message::Mailbox>().is_err() {
                return Err(ConfigError::Invalid {
                    key: "smtp_from",
                    message: format!(
                        "{from:?} is not an address emails may come from, such as \
                         \"Watchdog <watchdog@example.org>\" (needed with smtp_host)"
                    ),
                });
            }
            let local = self.smtp_host.as_deref().is_some_and(|host| {
                host == "localhost"
                    || host
                        .parse::<std::net::IpAddr>()
                        .is_ok_and(|address| address.is_loopback())
            });
            if self.smtp_tls == SmtpTls::None && self.smtp_user.is_some() && !local {
                return Err(ConfigError::Invalid {
                    key: "smtp_tls",
                    message: "none would send the SMTP password unencrypted to another machine; \
                              use starttls or tls"
                        .to_owned(),
                });
            }
            if self.smtp_user.is_some() != self.smtp_password.is_some() {
                return Err(ConfigError::Invalid {
                    key: "smtp_user / smtp_password",
                    message: "give both, or neither".to_owned(),
                });
            }
        }
        if tracing_subscriber::EnvFilter::try_new(&self.log).is_err() {
            return Err(ConfigError::Invalid {
                key: "log",
                message: format!("{:?} is not a log filter such as \"info\"", self.log),
            });
        }
        Ok(())
    }

    /// The database URL in force: the configured one, or a SQLite file in the data folder
    /// (created on first start).
    pub fn database_url(&self) -> String {
        match &self.database_url {
            Some(url) => url.clone(),
            None => format!(
                "sqlite://{}?mode=rwc",
                self.data_dir.join("watchdog.db").display()
            ),
        }
    }

    /// The origin people reach the site at (`https://host[:port]`), if configured.
    pub fn public_origin(&self) -> Option<String> {
        self.public_url
            .as_deref()
            .map(|url| url.trim_end_matches('/').to_owned())
    }

    /// The origin links sent to people (invitations, exports, emails) are built from: the
    /// public address when configured, otherwise the address the server listens on (`bound`,
    /// the one actually taken), never what a request's `Host` header says.
    pub fn link_origin(&self, bound: std::net::SocketAddr) -> String {
        self.public_origin().unwrap_or_else(|| {
            if bound.ip().is_unspecified() {
                format!("http://localhost:{}", bound.port())
            } else {
                format!("http://{bound}")
            }
        })
    }

    /// Served to people over HTTPS (directly or through a proxy).
    pub fn https(&self) -> bool {
        self.public_url
            .as_deref()
            .is_some_and(|url| url.starts_with("https://"))
    }

    /// How sessions behave, for the accounts code.
    pub fn session_config(&self) -> app::accounts::sessions::SessionConfig {
        app::accounts::sessions::SessionConfig {
            secure: self.https(),
            policy: app::accounts::sessions::SessionPolicy {
                idle: chrono::Duration::hours(i64::from(self.session_idle_hours)),
                absolute: chrono::Duration::days(i64::from(self.session_remember_days)),
            },
        }
    }

    /// The database URL with any password replaced, for logs and `watchdog config`.
    pub fn database_url_redacted(&self) -> String {
        redact_password(&self.database_url())
    }
}

/// `postgres://user:secret@host/db` → `postgres://user:***@host/db`.
fn redact_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let Some((credentials, host)) = rest.split_once('@') else {
        return url.to_owned();
    };
    match credentials.split_once(':') {
        Some((user, _password)) => format!("{scheme}://{user}:***@{host}"),
        None => url.to_owned(),
    }
}

#[cfg(test)]
// figment's Jail fixes the closures' error type to its own (large) error.
#[allow(clippy::result_large_err)]
mod tests {
    use super::*;
    use figment::Jail;

    #[test]
    fn defaults_need_no_file_or_environment() {
        Jail::expect_with(|_jail| {
            let config = Config::load(None).map_err(|e| e.to_string())?;
            assert_eq!(config, Config::default());
            assert_eq!(config.database_url(), "sqlite://data/watchdog.db?mode=rwc");
            Ok(())
        });
    }

    #[test]
    fn environment_overrides_the_file() {
        Jail::expect_with(|jail| {
            jail.create_file(
                "watchdog.toml",
                "listen = \"0.0.0.0:8080\"\ndata_dir = \"/srv/watchdog\"",
            )?;
            jail.set_env("WATCHDOG_LISTEN", "127.0.0.1:9000");
            let config = Config::load(None).map_err(|e| e.to_string())?;
            assert_eq!(config.listen, SocketAddr::from(([127, 0, 0, 1], 9000)));
            assert_eq!(config.data_dir, PathBuf::from("/srv/watchdog"));
            assert_eq!(
                config.database_url(),
                "sqlite:///srv/watchdog/watchdog.db?mode=rwc"
            );
            Ok(())
        });
    }

    #[test]
    fn a_bad_value_names_its_key() {
        Jail::expect_with(|jail| {
            jail.set_env("WATCHDOG_DATABASE_MAX_CONNECTIONS", "many");
            let message = Config::load(None).expect_err("must fail").to_string();
            assert!(message.contains("DATABASE_MAX_CONNECTIONS"), "{message}");
            assert!(message.contains("WATCHDOG_"), "{message}");
            Ok(())
        });
    }

    #[test]
    fn an_unsupported_database_is_refused_with_a_clear_message() {
        Jail::expect_with(|jail| {
            jail.set_env("WATCHDOG_DATABASE_URL", "mysql://localhost/watchdog");
            let message = Config::load(None).expect_err("must fail").to_string();
            assert!(message.contains("database_url"), "{message}");
            assert!(message.contains("sqlite:// or postgres://"), "{message}");
            Ok(())
        });
    }

    #[test]
    fn smtp_is_read_from_the_environment_and_its_password_never_shown() {
        Jail::expect_with(|jail| {
            jail.set_env("WATCHDOG_SMTP_HOST", "smtp.example.org");
            jail.set_env("WATCHDOG_SMTP_TLS", "tls");
            jail.set_env("WATCHDOG_SMTP_USER", "watchdog");
            jail.set_env("WATCHDOG_SMTP_PASSWORD", "hunter2hunter2");
            jail.set_env("WATCHDOG_SMTP_FROM", "Watchdog <watchdog@example.org>");
            let config = Config::load(None).map_err(|e| e.to_string())?;
            assert_eq!(config.smtp_tls, SmtpTls::Tls);
            assert_eq!(
                config.smtp_password,
                Some(Secret("hunter2hunter2".to_owned()))
            );
            assert!(!format!("{config:?}").contains("hunter2"));
            // A sender needs to know who emails come from.
            jail.set_env("WATCHDOG_SMTP_FROM", "not an address");
            let refused = Config::load(None).expect_err("refused").to_string();
            assert!(refused.contains("smtp_from"), "{refused}");
            Ok(())
        });
    }

    #[test]
    fn unknown_keys_in_the_file_are_refused() {
        Jail::expect_with(|jail| {
            jail.create_file("watchdog.toml", "listne = \"127.0.0.1:3000\"")?;
            let message = Config::load(None).expect_err("must fail").to_string();
            assert!(message.contains("listne"), "{message}");
            Ok(())
        });
    }

    #[test]
    fn other_watchdog_variables_are_not_configuration() {
        Jail::expect_with(|jail| {
            jail.set_env("WATCHDOG_TEST_POSTGRES_URL", "postgres://localhost/x");
            Config::load(None).map_err(|e| e.to_string())?;
            Ok(())
        });
    }

    #[test]
    fn an_explicit_config_file_must_exist() {
        Jail::expect_with(|_jail| {
            let message = Config::load(Some(Path::new("missing.toml")))
                .expect_err("must fail")
                .to_string();
            assert!(message.contains("missing.toml"), "{message}");
            Ok(())
        });
    }

    #[test]
    fn public_url_must_be_an_origin() {
        Jail::expect_with(|jail| {
            jail.set_env("WATCHDOG_PUBLIC_URL", "https://watchdog.example.org/");
            let config = Config::load(None).map_err(|e| e.to_string())?;
            assert_eq!(
                config.public_origin().as_deref(),
                Some("https://watchdog.example.org")
            );
            assert!(config.https());
            for bad in [
                "watchdog.example.org",
                "ftp://x",
                "https://x/path",
                "https://",
            ] {
                jail.set_env("WATCHDOG_PUBLIC_URL", bad);
                let message = Config::load(None).expect_err(bad).to_string();
                assert!(message.contains("public_url"), "{message}");
            }
            Ok(())
        });
    }

    #[test]
    fn passwords_are_redacted_from_database_urls() {
        assert_eq!(
            redact_password("postgres://watchdog:s3cret@db.internal:5432/watchdog"),
            "postgres://watchdog:***@db.internal:5432/watchdog"
        );
        assert_eq!(
            redact_password("sqlite://data/watchdog.db"),
            "sqlite://data/watchdog.db"
        );
    }
}
