//! Sending the outbox (`app::notifications::store::outbox`) through SMTP with lettre: a sender task
//! in the server takes the emails that are due a few at a time, composes each
//! (`domain::mail::compose`: a plain-text and an HTML part, the item's link and the reader's
//! notification settings built from the link origin), sends it, and records the outcome:
//! sent, or failed with the SMTP server's reason and a later time to try again.

use std::time::Duration;

use anyhow::Context;
use app::{
    clock::Clock,
    db::Db,
    domain::{
        chase::SendingRules,
        mail::{compose, retry_after, Email},
    },
    notifications::{store::outbox, types::OutboxEmail},
};
use lettre::{
    message::{
        header::{Header, HeaderName, HeaderValue},
        Mailbox, MultiPart,
    },
    transport::smtp::{
        authentication::Credentials,
        client::{Tls, TlsParameters},
    },
    AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
};

use crate::config::{Config, SmtpTls};

/// Emails taken at a time: one, so a claim never waits behind others' sending (a slow SMTP
/// server could otherwise hold a batch past `STALE_CLAIM`, and another sender take it again).
const BATCH: i64 = 1;

/// How often the sender looks for emails due.
const EVERY: Duration = Duration::from_secs(30);

/// The SMTP server and who emails come from.
#[derive(Clone)]
pub struct Sender {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    /// `host:port, security`, for the outbox page.
    server: String,
    from: Mailbox,
    /// The origin links are built from (`public_url`, else the listen address).
    origin: String,
}

impl Sender {
    /// The sender `config` describes, or `None` when no SMTP server is configured (emails
    /// then wait in the outbox).
    pub fn from_config(config: &Config, origin: String) -> anyhow::Result<Option<Sender>> {
        let Some(host) = config.smtp_host.as_deref() else {
            return Ok(None);
        };
        let from: Mailbox = config
            .smtp_from
            .as_deref()
            .unwrap_or_default()
            .parse()
            .context("smtp_from")?;
        let tls = || TlsParameters::new(host.to_owned()).context("smtp_host");
        let (tls, port, security) = match config.smtp_tls {
            SmtpTls::Tls => (Tls::Wrapper(tls()?), 465, "TLS"),
            SmtpTls::Starttls => (Tls::Required(tls()?), 587, "STARTTLS"),
            SmtpTls::None => (Tls::None, 25, "no TLS"),
        };
        let port = config.smtp_port.unwrap_or(port);
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host)
            .port(port)
            .tls(tls)
            .timeout(Some(Duration::from_secs(30)));
        if let (Some(user), Some(password)) = (&config.smtp_user, &config.smtp_password) {
            builder = builder.credentials(Credentials::new(user.clone(), password.0.clone()));
        }
        Ok(Some(Sender {
            transport: builder.build(),
            server: format!("{host}:{port}, {security}"),
            from,
            origin,
        }))
    }

    /// The SMTP server, as the administrators' outbox page names it.
    pub fn describe(&self) -> String {
        format!("{} (from {})", self.server, self.from)
    }

    /// The email `email` is, ready for the SMTP server.
    pub fn message(&self, email: &OutboxEmail, instance: &str) -> anyhow::Result<Message> {
        let link = format!("{}{}", self.origin, email.link_path);
        let settings = format!("{}/account/notifications", self.origin);
        let composed = compose(Email {
            instance,
            to_name: &email.to_name,
            subject: &email.subject,
            body: &email.body,
            link: &link,
            settings: &settings,
        });
        let to = Mailbox::new(
            Some(email.to_name.clone()),
            email.to_address.parse().context("the address it goes to")?,
        );
        Ok(Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(&email.subject)
            .header(ListUnsubscribe(format!("<{settings}>")))
            .multipart(MultiPart::alternative_plain_html(
                composed.text,
                composed.html,
            ))?)
    }
}

/// The `List-Unsubscribe` header: where the reader turns these emails off.
#[derive(Debug, Clone)]
struct ListUnsubscribe(String);

impl Header for ListUnsubscribe {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe")
    }

    fn parse(text: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(ListUnsubscribe(text.to_owned()))
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), self.0.clone())
    }
}

/// What one round of sending did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Sent {
    pub sent: usize,
    pub failed: usize,
}

/// Sends every email due now, one at a time, until none is left; nothing in the chase
/// policy's quiet hours, at weekends or on bank holidays (as it says), in the instance's zone.
pub async fn send_due(db: &Db, clock: Clock, sender: &Sender) -> anyhow::Result<Sent> {
    let settings = app::instance::store::settings(db).await?;
    let rules = SendingRules::of(&settings.chase_policy(), Vec::new());
    let zone = settings.zone();
    let mut round = Sent::default();
    loop {
        let claimed_at = clock.now();
        let local = zone.clock(claimed_at);
        if rules.next_sending_time(local) != local {
            return Ok(round);
        }
        let emails = outbox::claim(db, claimed_at, BATCH).await?;
        if emails.is_empty() {
            return Ok(round);
        }
        for email in emails {
            let outcome = match sender.message(&email, &settings.name) {
                Ok(message) => sender
                    .transport
                    .send(message)
                    .await
                    .map(drop)
                    .map_err(|error| error.to_string()),
                Err(error) => Err(format!("{error:#}")),
            };
            match outcome {
                Ok(()) => {
                    outbox::mark_sent(db, email.id, claimed_at, clock.now()).await?;
                    round.sent += 1;
                }
                Err(reason) => {
                    tracing::warn!(email = email.id, %reason, "could not send an email");
                    let retry_at = clock.now() + retry_after(email.attempts);
                    outbox::mark_failed(db, email.id, claimed_at, &reason, retry_at).await?;
                    round.failed += 1;
                }
            }
        }
    }
}

/// The server's sender: every half minute, whatever is due.
pub async fn run(db: Db, clock: Clock, sender: Sender) {
    let mut every = tokio::time::interval(EVERY);
    loop {
        every.tick().await;
        match send_due(&db, clock, &sender).await {
            Ok(Sent { sent: 0, failed: 0 }) => {}
            Ok(Sent { sent, failed }) => tracing::info!(sent, failed, "outbox: sent emails"),
            Err(error) => {
                tracing::warn!(error = %format!("{error:#}"), "outbox: sending failed; the next round retries")
            }
        }
    }
}
