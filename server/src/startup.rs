//! Builds the server from a configuration: opens and migrates the database, binds the
//! listener, assembles the routes, and serves until told to stop.

use std::{
    future::Future,
    net::SocketAddr,
    num::NonZeroU32,
    sync::{Arc, LazyLock},
    time::Duration,
};

use anyhow::Context;
use app::{
    accounts::{
        address_limit::SignInAddressLimit,
        request::{AddressSource, LinkOrigin},
        sessions::SessionConfig,
    },
    clock::Clock,
    db::Db,
    notifications::types::MailSetup,
    shell, App,
};
use axum::{
    extract::{DefaultBodyLimit, FromRef, Request},
    http::StatusCode,
    middleware,
    routing::{get, post},
    serve::ListenerExt,
    Router,
};
use leptos::prelude::*;
use leptos_axum::{generate_route_list, AxumRouteListing, LeptosRoutes};
use tokio::net::TcpListener;
use tower_http::trace::TraceLayer;

use crate::{
    assets,
    config::Config,
    exports::{self, ExportState},
    health, input, instance, refused_forms,
    security::{self, Site},
    sessions::{self, SessionLayerState},
    telemetry,
};

/// What every route handler can reach.
#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: Db,
}

/// A built server, bound to its port but not yet serving.
pub struct Application {
    listener: TcpListener,
    router: Router,
    db: Db,
    clock: Clock,
    shutdown_grace: Duration,
    chase_engine: bool,
    /// The SMTP sender of the outbox, when one is configured.
    mail: Option<crate::mail::Sender>,
}

impl Application {
    pub async fn build(config: &Config) -> anyhow::Result<Self> {
        if config.database_url.is_none() {
            std::fs::create_dir_all(&config.data_dir).with_context(|| {
                format!(
                    "could not create the data folder {}",
                    config.data_dir.display()
                )
            })?;
        }
        let db = Db::connect(&config.database_url(), config.database_max_connections)
            .await
            .with_context(|| format!("database {}", config.database_url_redacted()))?;
        db.migrate().await?;
        db.ensure_statistics().await?;
        // Actions recorded before their words were read: a failure here leaves them without
        // a date until the next start, and stops nothing.
        match app::meetings::store::read_unread_dues(&db).await {
            Ok(0) => {}
            Ok(read) => tracing::info!(
                read,
                "read the due words of actions recorded before they were read"
            ),
            Err(error) => tracing::warn!(%error, "could not read the due words of older actions"),
        }
        let clock = clock(config, &db).await?;
        tracing::info!(
            backend = db.backend().name(),
            database = %config.database_url_redacted(),
            "database ready"
        );

        let state = AppState {
            leptos_options: leptos_options(config)?,
            db: db.clone(),
        };
        let listener = TcpListener::bind(config.listen)
            .await
            .with_context(|| format!("could not listen on {}", config.listen))?;

        let bound = listener.local_addr()?;
        if config.public_url.is_none() && !bound.ip().is_loopback() {
            tracing::warn!(
                links = %config.link_origin(bound),
                "listening beyond this machine without public_url: links in invitations, \
                 password resets and exports name the address above; set public_url to the \
                 address people use"
            );
        }
        let site = Site {
            public_origin: config.public_origin(),
            https: config.https(),
        };
        let mail = crate::mail::Sender::from_config(config, config.link_origin(bound))?;
        if mail.is_none() {
            tracing::info!("no smtp_host: emails wait in the outbox (Administration, Outbox)");
        } else if config.public_url.is_none() {
            tracing::warn!(
                links = %config.link_origin(bound),
                "sending email without public_url: links in emails name the address above; \
                 set public_url to the address people use"
            );
        }
        let requests = RequestPolicy {
            mail_setup: MailSetup {
                smtp: mail.as_ref().map(crate::mail::Sender::describe),
            },
            sessions: config.session_config(),
            link_origin: LinkOrigin(config.link_origin(bound)),
            address_source: if config.behind_proxy {
                AddressSource::ForwardedFor
            } else {
                AddressSource::Peer
            },
            sign_in_limit: SignInAddressLimit::per_minute(
                NonZeroU32::new(config.sign_in_attempts_per_minute_per_address)
                    .unwrap_or(NonZeroU32::MIN),
            ),
            attachment_max_bytes: u64::from(config.attachment_max_megabytes) * 1024 * 1024,
            clock,
        };
        Ok(Application {
            mail,
            listener,
            router: router(state, site, requests)?,
            db,
            clock,
            shutdown_grace: Duration::from_secs(config.shutdown_grace_seconds),
            chase_engine: config.chase_engine,
        })
    }

    /// The address actually bound (useful when the configuration asked for port 0).
    pub fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    pub fn db(&self) -> &Db {
        &self.db
    }

    /// Serves until `shutdown` completes, then lets in-flight requests finish (up to the
    /// configured grace period) and closes the database.
    pub async fn run_until(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        let (stopping_tx, stopping_rx) = tokio::sync::oneshot::channel::<()>();
        let statistics = tokio::spawn(refresh_statistics_hourly(self.db.clone()));
        let rerender = tokio::spawn(rerender_stale_markdown(self.db.clone()));
        let uploads = tokio::spawn(remove_abandoned_uploads_hourly(self.db.clone(), self.clock));
        let chases = self
            .chase_engine
            .then(|| tokio::spawn(crate::chase::run_hourly(self.db.clone(), self.clock)));
        let mail = self
            .mail
            .map(|sender| tokio::spawn(crate::mail::run(self.db.clone(), self.clock, sender)));
        let service = self
            .router
            .into_make_service_with_connect_info::<SocketAddr>();
        // Small writes go out at once: without this, a response's last segment could wait
        // for the client's delayed acknowledgement (Nagle's algorithm), about 40 ms each.
        let listener = self.listener.tap_io(|connection| {
            if let Err(error) = connection.set_nodelay(true) {
                tracing::warn!(%error, "could not set TCP_NODELAY");
            }
        });
        let server = axum::serve(listener, service).with_graceful_shutdown(async move {
            shutdown.await;
            tracing::info!("shutting down: finishing requests in flight");
            let _ = stopping_tx.send(());
        });
        let grace = self.shutdown_grace;
        let deadline = async move {
            if stopping_rx.await.is_ok() {
                tokio::time::sleep(grace).await;
            } else {
                std::future::pending::<()>().await;
            }
        };
        tokio::select! {
            served = server => served.context("server failed")?,
            () = deadline => tracing::warn!(?grace, "requests still in flight after the grace period; stopping anyway"),
        }
        statistics.abort();
        rerender.abort();
        uploads.abort();
        if let Some(chases) = chases {
            chases.abort();
        }
        if let Some(mail) = mail {
            mail.abort();
        }
        self.db.close().await;
        tracing::info!("stopped");
        Ok(())
    }
}

/// The clock: the system's, or on a demo instance the day `demo_today` names.
pub async fn clock(config: &Config, db: &Db) -> anyhow::Result<Clock> {
    let Some(today) = config.demo_today else {
        return Ok(Clock::system());
    };
    let settings = app::instance::store::settings(db).await?;
    if !settings.demo {
        anyhow::bail!(
            "configuration: demo_today: this instance does not hold the demo data, and only a \
             demo may run on another day than today; remove demo_today"
        );
    }
    tracing::info!(%today, "demo instance: the clock starts on demo_today");
    Ok(Clock::starting_on(today))
}

/// Keeps the query planner's statistics in step with the data as it grows.
async fn refresh_statistics_hourly(db: Db) {
    let mut hourly = tokio::time::interval(Duration::from_secs(3600));
    hourly.tick().await;
    loop {
        hourly.tick().await;
        if let Err(error) = db.refresh_statistics().await {
            tracing::warn!(%error, "could not refresh the database statistics");
        }
    }
}

/// Removes attachments whose upload never finished, at start and every hour.
async fn remove_abandoned_uploads_hourly(db: Db, clock: Clock) {
    let mut hourly = tokio::time::interval(Duration::from_secs(3600));
    loop {
        hourly.tick().await;
        match crate::attachments::remove_abandoned(&db, clock).await {
            Ok(0) => {}
            Ok(count) => tracing::info!(count, "removed attachments whose upload never finished"),
            Err(error) => tracing::warn!(%error, "could not remove unfinished attachments"),
        }
    }
}

/// Brings texts an older Markdown renderer made up to the current one (none, unless the
/// renderer changed since they were written).
async fn rerender_stale_markdown(db: Db) {
    match app::markdown::rerender::rerender_stale(&db).await {
        Ok(0) => {}
        Ok(count) => tracing::info!(count, "re-rendered stored texts with the current renderer"),
        Err(error) => tracing::warn!(%error, "could not re-render stored texts"),
    }
}

/// Completes on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(error) = tokio::signal::ctrl_c().await {
            tracing::error!(%error, "could not listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(error) => {
                tracing::error!(%error, "could not listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}

/// How requests are treated, handed to pages and server functions through their context.
#[derive(Clone)]
struct RequestPolicy {
    sessions: SessionConfig,
    link_origin: LinkOrigin,
    address_source: AddressSource,
    sign_in_limit: SignInAddressLimit,
    /// The largest file attached to a meeting or item.
    attachment_max_bytes: u64,
    /// The one clock every "now" and "today" is read from.
    clock: Clock,
    /// Where email goes, for the administrators' outbox page.
    mail_setup: MailSetup,
}

fn router(state: AppState, site: Site, requests: RequestPolicy) -> anyhow::Result<Router> {
    let site = Arc::new(site);
    let sessions = Arc::new(SessionLayerState {
        db: state.db.clone(),
        config: requests.sessions,
        clock: requests.clock,
    });
    let routes = route_list();
    let refused = refused_forms::RefusedForms {
        db: state.db.clone(),
        secure: requests.sessions.secure,
    };
    let exports = ExportState {
        db: state.db.clone(),
        link_origin: requests.link_origin.0.clone(),
        clock: requests.clock,
    };
    let attachments = crate::attachments::AttachmentState {
        db: state.db.clone(),
        max_bytes: requests.attachment_max_bytes,
        clock: requests.clock,
    };
    let feeds = crate::feeds::FeedState {
        db: state.db.clone(),
        link_origin: requests.link_origin.0.clone(),
        clock: requests.clock,
    };
    let context = {
        let db = state.db.clone();
        move || {
            provide_context(db.clone());
            provide_context(requests.clock);
            provide_context(requests.sessions);
            provide_context(requests.address_source);
            provide_context(requests.link_origin.clone());
            provide_context(requests.sign_in_limit.clone());
            provide_context(requests.mail_setup.clone());
            provide_context(app::meetings::types::AttachmentLimit(
                requests.attachment_max_bytes,
            ));
            app::ui::forms::provide_refused_form();
            app::security::provide_page_nonce();
            app::instance::provide_for_page();
        }
    };
    let site_root = std::path::PathBuf::from(state.leptos_options.site_root.as_ref());
    let static_files = assets::pkg_router(
        &site_root,
        &state.leptos_options.site_pkg_dir,
        state.leptos_options.hash_files,
    )
    .with_context(|| format!("could not read the static files in {}", site_root.display()))?;
    let page_shell = {
        let options = state.leptos_options.clone();
        move || shell(options.clone())
    };
    let site_files = assets::site_root_router(&site_root)
        .with_context(|| format!("could not read the site folder {}", site_root.display()))?;
    // Whatever no route answers gets the not-found page, rendered as every page is (in a
    // reactive owner of its own; see `assets` on why not Leptos' file-and-error fallback).
    let not_found = {
        let render =
            leptos_axum::render_app_async_with_context(context.clone(), page_shell.clone());
        move |request: Request| {
            let render = render.clone();
            async move {
                let mut response = render(request).await;
                if response.status() == StatusCode::OK {
                    *response.status_mut() = StatusCode::NOT_FOUND;
                }
                response
            }
        }
    };
    Ok(Router::new()
        .route("/healthz", get(health::healthz))
        .route(
            "/issues.csv",
            get(exports::issues_csv).with_state(exports.clone()),
        )
        .route(
            "/commitments.csv",
            get(exports::commitments_csv).with_state(exports),
        )
        .route(
            "/feeds/minutes.atom",
            get(crate::feeds::minutes_atom).with_state(feeds.clone()),
        )
        .route(
            "/feeds/meetings.ics",
            get(crate::feeds::meetings_ics).with_state(feeds.clone()),
        )
        .route(
            "/feeds/commitments.atom",
            get(crate::feeds::commitments_atom).with_state(feeds.clone()),
        )
        .route(
            "/feeds/commitments.ics",
            get(crate::feeds::commitments_ics).with_state(feeds),
        )
        .route(
            "/meetings/{id}/attachments",
            post(crate::attachments::upload)
                .layer(DefaultBodyLimit::max(attachments.body_limit()))
                .with_state(attachments.clone()),
        )
        .route(
            "/attachments/{id}/{name}",
            get(crate::attachments::download).with_state(attachments),
        )
        .leptos_routes_with_context(&state, routes, context, page_shell)
        .merge(static_files)
        .merge(site_files)
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(
            refused.clone(),
            refused_forms::restore,
        ))
        .layer(assets::compression())
        .layer(middleware::from_fn_with_state(refused, refused_forms::keep))
        // Outermost last: the trace span covers everything, headers reach refusals too, and
        // a refused request never reaches the session lookup.
        .layer(middleware::from_fn_with_state(
            state.db.clone(),
            instance::settings_for_pages,
        ))
        .layer(middleware::from_fn_with_state(
            sessions,
            sessions::resolve_session,
        ))
        .layer(middleware::from_fn(input::refuse_unstorable_text))
        .layer(middleware::from_fn_with_state(
            site.clone(),
            security::reject_cross_site,
        ))
        .layer(middleware::from_fn_with_state(
            site,
            security::security_headers,
        ))
        .layer(TraceLayer::new_for_http().make_span_with(telemetry::request_span))
        .with_state(state))
}

/// The app's routes, worked out once per process.
///
/// Leptos walks the whole app to list its routes, and while it does so it holds resources
/// from loading *process-wide*: a page rendered by another server in the same process at that
/// moment would wait forever for its data. That never happens to a lone server (it lists its
/// routes before it serves), but it did to test servers started side by side; listing the
/// routes once, before any server in the process can serve, rules it out.
pub fn route_list() -> Vec<AxumRouteListing> {
    static ROUTES: LazyLock<Vec<AxumRouteListing>> = LazyLock::new(|| generate_route_list(App));
    ROUTES.clone()
}

/// Leptos' own options. Under cargo-leptos (`watch`, `serve`) its environment names the site
/// folder and the live-reload port; a deployed binary uses ours.
fn leptos_options(config: &Config) -> anyhow::Result<LeptosOptions> {
    let mut options = if std::env::var_os("LEPTOS_OUTPUT_NAME").is_some() {
        get_configuration(None)
            .map_err(|error| anyhow::anyhow!("cargo-leptos environment: {error}"))?
            .leptos_options
    } else {
        LeptosOptions::builder()
            .output_name("watchdog")
            .site_root("target/site")
            .env(leptos::config::Env::PROD)
            .build()
    };
    if let Some(root) = &config.site_root {
        options.site_root = root.display().to_string().into();
    }
    options.site_addr = config.listen;
    // cargo-leptos writes the hashes of the files it named by their content beside the
    // binary it built (`hash-files` in Cargo.toml), where Leptos looks for them. Whether they
    // are there decides the names pages link to; a binary that was not built that way (the
    // tests' own) links to the plain names.
    options.hash_files = std::env::current_exe()
        .ok()
        .and_then(|exe| Some(exe.parent()?.join(options.hash_file.as_ref())))
        .is_some_and(|hashes| hashes.is_file());
    Ok(options)
}
