-- Accounts, their server-side sessions, and the audit log of security events.
-- Email is unique without regard to case: the normalised (lower-case) form carries the
-- constraint, the typed form is what people see. Sessions store only a hash of the token
-- the cookie carries. Audit events double as the record sign-in throttling counts from.
CREATE TABLE accounts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    email TEXT NOT NULL,
    email_normalised TEXT NOT NULL CONSTRAINT accounts_email_unique UNIQUE,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('member', 'supplier_rep', 'chair', 'admin')),
    password_hash TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1,
    last_sign_in_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE sessions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    token_hash TEXT NOT NULL CONSTRAINT sessions_token_unique UNIQUE,
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    remember INTEGER NOT NULL,
    user_agent TEXT NOT NULL,
    client_address TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX sessions_by_account ON sessions (account_id);

CREATE TABLE audit_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    action TEXT NOT NULL,
    actor_id INTEGER REFERENCES accounts (id),
    account_id INTEGER REFERENCES accounts (id),
    detail TEXT NOT NULL,
    client_address TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX audit_events_by_time ON audit_events (created_at);
-- Sign-in throttling counts recent failures by the (normalised) email tried.
CREATE INDEX audit_events_by_subject ON audit_events (action, detail, created_at);
