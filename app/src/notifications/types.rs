//! What the inbox shows, in both builds.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::ids::ItemRef;

/// What a notification is about, which says which of a person's preferences it follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum NotificationKind {
    /// A chase about something the supplier owes an answer on, or its escalation.
    Chase,
}

impl NotificationKind {
    pub fn as_str(self) -> &'static str {
        match self {
            NotificationKind::Chase => "chase",
        }
    }

    pub fn parse(text: &str) -> Option<NotificationKind> {
        match text {
            "chase" => Some(NotificationKind::Chase),
            _ => None,
        }
    }
}

/// One notification as its inbox shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notification {
    pub id: i64,
    pub kind: NotificationKind,
    pub item: ItemRef,
    pub subject: String,
    pub body: String,
    pub created_at: DateTime<Utc>,
    pub read: bool,
}

/// A page of someone's inbox, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Inbox {
    pub notifications: Vec<Notification>,
    /// The id to continue after, when older ones follow.
    pub older: Option<i64>,
    /// How many of theirs are unread, on every page.
    pub unread: i64,
    /// The newest notification of theirs when the page was read: "mark all read" marks up to
    /// it, so one that arrives while the page is open stays unread.
    pub newest: Option<i64>,
}

/// The number of unread notifications of the person signed in, which the server puts into
/// the request with their session for the header of every page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unread(pub i64);

/// The inbox's URL keys.
pub mod keys {
    /// Continue after this notification id.
    pub const BEFORE: &str = "before";
    /// `unread` shows only the unread ones.
    pub const SHOW: &str = "show";
    /// The notice the page shows after a change.
    pub const CHANGED: &str = "changed";
}

/// Where an email in the outbox stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum OutboxState {
    /// Waiting for its time (quiet hours) or for a sender.
    Queued,
    /// Taken by a sender.
    Sending,
    Sent,
    /// The last try failed; it is tried again later, up to the last try.
    Failed,
    /// Not sent: its account was disabled, or turned these emails off, before it went.
    Cancelled,
}

impl OutboxState {
    pub fn as_str(self) -> &'static str {
        match self {
            OutboxState::Queued => "queued",
            OutboxState::Sending => "sending",
            OutboxState::Sent => "sent",
            OutboxState::Failed => "failed",
            OutboxState::Cancelled => "cancelled",
        }
    }

    pub fn parse(text: &str) -> Option<OutboxState> {
        [
            OutboxState::Queued,
            OutboxState::Sending,
            OutboxState::Sent,
            OutboxState::Failed,
            OutboxState::Cancelled,
        ]
        .into_iter()
        .find(|state| state.as_str() == text)
    }

    pub fn label(self) -> &'static str {
        match self {
            OutboxState::Queued => "Queued",
            OutboxState::Sending => "Sending",
            OutboxState::Sent => "Sent",
            OutboxState::Failed => "Failed",
            OutboxState::Cancelled => "Not sent",
        }
    }
}

/// An email in the outbox, as its sender and the administrators read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxEmail {
    pub id: i64,
    pub to_address: String,
    pub to_name: String,
    pub subject: String,
    pub body: String,
    /// The item's page, a path on this site.
    pub link_path: String,
    pub state: OutboxState,
    pub attempts: i64,
    /// Not sent before this (quiet hours, or the back-off after a failure).
    pub not_before: DateTime<Utc>,
    /// Why the last try failed.
    pub last_error: String,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
}

/// A page of the outbox, newest first, with how many emails stand where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxPage {
    pub emails: Vec<OutboxEmail>,
    pub older: Option<i64>,
    pub queued: i64,
    /// Failed, or not sent (cancelled).
    pub failed: i64,
    pub sent: i64,
    /// The SMTP server emails go through, or `None` when they wait here.
    pub smtp: Option<String>,
}

/// How the server sends email, which it puts into every request's context: the SMTP server
/// it goes through (`host:port, security (from …)`), or `None` when none is configured.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailSetup {
    pub smtp: Option<String>,
}

/// How someone hears of a kind of notification by email (the inbox always has it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum EmailChoice {
    /// An email as each happens (the default).
    Immediately,
    /// In the inbox only.
    Off,
}

impl EmailChoice {
    pub const ALL: [EmailChoice; 2] = [EmailChoice::Immediately, EmailChoice::Off];

    pub fn as_str(self) -> &'static str {
        match self {
            EmailChoice::Immediately => "immediately",
            EmailChoice::Off => "off",
        }
    }

    pub fn parse(text: &str) -> Option<EmailChoice> {
        EmailChoice::ALL
            .into_iter()
            .find(|choice| choice.as_str() == text)
    }

    pub fn label(self) -> &'static str {
        match self {
            EmailChoice::Immediately => "By email as each happens",
            EmailChoice::Off => "Only in my inbox",
        }
    }
}

/// Someone's choices, one per kind of notification there is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Preferences {
    pub chase: EmailChoice,
}
