-- The email outbox: every email Watchdog sends is a row here first, written in the
-- transaction of what it tells of, so nothing acknowledged is lost. A sender takes due rows
-- in turn: it claims them (state 'sending') in a write transaction, which runs one at a time
-- across every server process sharing the database, so no two senders take one row; it sends
-- through SMTP and records the outcome: 'sent', or 'failed' with the reason and a later time
-- to try again (back-off). Without SMTP configured the rows wait, and administrators read them
-- in the app. The email's words are composed when it is sent, from what is kept here and the
-- address people reach Watchdog at; the address it goes to is the account's when it is sent
-- (kept here as sent), and one to an account disabled or turned off for the kind meanwhile is
-- 'cancelled'.
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    notification_id INTEGER REFERENCES notifications (id),
    kind TEXT NOT NULL CHECK (kind IN ('chase', 'followed', 'commitment', 'minutes', 'incident')),
    to_address TEXT NOT NULL,
    to_name TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    link_path TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'failed', 'cancelled')),
    attempts INTEGER NOT NULL DEFAULT 0,
    not_before TEXT NOT NULL,
    claimed_at TEXT,
    last_error TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    sent_at TEXT,
    UNIQUE (notification_id)
);
CREATE INDEX outbox_due ON outbox (state, not_before, id);

-- How each person wants to hear of each kind of notification by email: as each happens
-- (the default, with no row), or not at all (the inbox still has it).
CREATE TABLE notification_preferences (
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    kind TEXT NOT NULL CHECK (kind IN ('chase', 'followed', 'commitment', 'minutes', 'incident')),
    email TEXT NOT NULL CHECK (email IN ('immediately', 'off')),
    updated_at TEXT NOT NULL,
    PRIMARY KEY (account_id, kind)
);
