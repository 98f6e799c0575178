-- Notifications: each person's inbox. A notification tells one account about something that
-- happened to an item (for now, a chase the engine recorded: the supplier's representatives
-- and the item's owners are chased, the committee told of an escalation); it is written in
-- the transaction that records what it tells of, so nothing is told twice or lost. What it
-- says is kept as it was said (a subject line and a few plain sentences), with the item it
-- links to.
CREATE TABLE notifications (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    kind TEXT NOT NULL CHECK (kind IN ('chase', 'followed', 'commitment', 'minutes', 'incident')),
    item_kind TEXT NOT NULL,
    item_id INTEGER NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    chase_id INTEGER REFERENCES chases (id),
    created_at TEXT NOT NULL,
    read_at TEXT,
    UNIQUE (chase_id, account_id)
);
CREATE INDEX notifications_inbox ON notifications (account_id, id);
CREATE INDEX notifications_unread ON notifications (account_id, read_at, id);

-- How many of an account's notifications are unread, for the header of every page: read with
-- the session, kept by the triggers below in the transaction that changes a notification.
ALTER TABLE accounts ADD COLUMN unread_notifications INTEGER NOT NULL DEFAULT 0;

CREATE TRIGGER notifications_unread_added AFTER INSERT ON notifications
WHEN NEW.read_at IS NULL
BEGIN
    UPDATE accounts SET unread_notifications = unread_notifications + 1 WHERE id = NEW.account_id;
END;

CREATE TRIGGER notifications_read AFTER UPDATE OF read_at ON notifications
WHEN (OLD.read_at IS NULL) <> (NEW.read_at IS NULL)
BEGIN
    UPDATE accounts
    SET unread_notifications = unread_notifications + (CASE WHEN NEW.read_at IS NULL THEN 1 ELSE -1 END)
    WHERE id = NEW.account_id;
END;

CREATE TRIGGER notifications_unread_removed AFTER DELETE ON notifications
WHEN OLD.read_at IS NULL
BEGIN
    UPDATE accounts SET unread_notifications = unread_notifications - 1 WHERE id = OLD.account_id;
END;
