-- The issue tracker: the modules (products) under each supplier, issues keyed by the
-- supplier's log numbers, and each issue's timeline. The timeline is also the record that
-- followers' notifications will be made from, so every change to an issue writes an event
-- and nothing needs back-filling when delivery arrives.
CREATE TABLE modules (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    supplier_id INTEGER NOT NULL REFERENCES suppliers (id),
    name TEXT NOT NULL,
    slug TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT modules_slug_unique UNIQUE (supplier_id, slug)
);

-- The id is the issue's internal number (#N). affects_count is kept with the row so lists
-- sort by it through an index. awaiting_since is when the supplier last answered (official
-- response or status change by a representative), else when the issue was reported; it is
-- null while the issue is closed, so the "awaiting supplier" filter and sort use an index.
-- search_text is title, description and log numbers in lower case, for the text filter.
CREATE TABLE issues (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    supplier_id INTEGER NOT NULL REFERENCES suppliers (id),
    module_id INTEGER REFERENCES modules (id),
    patient_safety INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL CHECK (status IN ('new', 'logged', 'investigating', 'fix_planned',
        'fixed', 'closed', 'wont_fix', 'duplicate')),
    target TEXT NOT NULL DEFAULT '',
    duplicate_of INTEGER REFERENCES issues (id),
    reporter_id INTEGER REFERENCES accounts (id),
    affects_count INTEGER NOT NULL DEFAULT 0,
    awaiting_since TEXT,
    search_text TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX issues_by_updated ON issues (updated_at, id);
CREATE INDEX issues_by_affects ON issues (affects_count, id);
CREATE INDEX issues_by_awaiting ON issues (awaiting_since, id);
CREATE INDEX issues_by_supplier ON issues (supplier_id, updated_at, id);
CREATE INDEX issues_by_status ON issues (status, updated_at, id);
CREATE INDEX issues_by_reporter ON issues (reporter_id, updated_at, id);

-- Unique per supplier: the supplier's own numbering. supplier_id repeats the issue's so the
-- database can enforce it.
CREATE TABLE issue_log_numbers (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    issue_id INTEGER NOT NULL REFERENCES issues (id),
    supplier_id INTEGER NOT NULL REFERENCES suppliers (id),
    log_number TEXT NOT NULL,
    added_by INTEGER REFERENCES accounts (id),
    created_at TEXT NOT NULL,
    CONSTRAINT issue_log_numbers_unique UNIQUE (supplier_id, log_number)
);
CREATE INDEX issue_log_numbers_by_issue ON issue_log_numbers (issue_id);
CREATE INDEX issue_log_numbers_by_number ON issue_log_numbers (log_number);

-- body is Markdown (comments, official responses, the report); detail holds what a change
-- changed (a log number, a target, the fields edited); other_issue_id the issue merged.
-- A removed comment keeps its row (a "removed" marker shows) but loses its body.
CREATE TABLE issue_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    issue_id INTEGER NOT NULL REFERENCES issues (id),
    kind TEXT NOT NULL CHECK (kind IN ('reported', 'comment', 'official_response',
        'status_changed', 'log_number_added', 'log_number_removed', 'merged_into',
        'merged_from', 'details_changed')),
    actor_id INTEGER REFERENCES accounts (id),
    body TEXT NOT NULL DEFAULT '',
    from_status TEXT,
    to_status TEXT,
    detail TEXT NOT NULL DEFAULT '',
    other_issue_id INTEGER REFERENCES issues (id),
    created_at TEXT NOT NULL,
    edited_at TEXT,
    removed_at TEXT,
    removed_by INTEGER REFERENCES accounts (id),
    version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX issue_events_by_issue ON issue_events (issue_id, id);

-- The earlier text of an edited comment or response, kept for chairs.
CREATE TABLE issue_event_revisions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id INTEGER NOT NULL REFERENCES issue_events (id),
    body TEXT NOT NULL,
    edited_by INTEGER REFERENCES accounts (id),
    created_at TEXT NOT NULL
);
CREATE INDEX issue_event_revisions_by_event ON issue_event_revisions (event_id, id);

-- "Affects us too": once per account.
CREATE TABLE issue_affects (
    issue_id INTEGER NOT NULL REFERENCES issues (id),
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    created_at TEXT NOT NULL,
    PRIMARY KEY (issue_id, account_id)
);

CREATE TABLE issue_followers (
    issue_id INTEGER NOT NULL REFERENCES issues (id),
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    created_at TEXT NOT NULL,
    PRIMARY KEY (issue_id, account_id)
);
CREATE INDEX issue_followers_by_account ON issue_followers (account_id, issue_id);
