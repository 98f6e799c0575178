-- Commitments: what a supplier promised, and by when. The promise as it stands is kept on the
-- commitment; every promise made for it (the first, each re-promise, each change of status) is
-- a row of its ledger, `commitment_revisions`, which is append-only: triggers refuse any
-- UPDATE or DELETE of it, whoever asks. A commitment is never deleted (it is withdrawn), so
-- its ledger never has to be.
--
-- A timeframe is stored as the supplier's words, the canonical reading of them, its kind
-- (for the "vague" and "conditional" filters) and its window of days, if it has one. The
-- window is worked out once, when the words are entered: it never moves afterwards, even when
-- the instance's quarter numbering changes. The facts derived from the ledger that lists sort
-- and filter on (original and current window, slips, the day it was delivered) are kept on
-- the commitment, rewritten in the transaction that appends to its ledger: with `is_open` (not
-- delivered or withdrawn) and `sort_key` (the original due end, else the current one), the
-- list reads each part of its order from an index, a page at a time.
CREATE TABLE commitments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    supplier_id INTEGER NOT NULL REFERENCES suppliers (id),
    module_id INTEGER REFERENCES modules (id),
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    description_html TEXT NOT NULL DEFAULT '',
    html_renderer INTEGER NOT NULL DEFAULT 0,
    meeting_id INTEGER REFERENCES meetings (id) ON DELETE SET NULL,
    agenda_item_id INTEGER REFERENCES agenda_items (id) ON DELETE SET NULL,
    action_id INTEGER REFERENCES meeting_actions (id) ON DELETE SET NULL,
    committee_owner_id INTEGER REFERENCES accounts (id),
    supplier_owner_id INTEGER REFERENCES accounts (id),
    supplier_owner_name TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL CHECK (status IN ('promised', 'in_progress', 'piloting', 'delivered', 'withdrawn')),
    words TEXT NOT NULL,
    timeframe TEXT NOT NULL,
    timeframe_kind TEXT NOT NULL,
    due_first TEXT,
    due_last TEXT,
    original_first TEXT,
    original_last TEXT,
    vague_when_made INTEGER NOT NULL DEFAULT 0,
    slips INTEGER NOT NULL DEFAULT 0,
    slipped_days INTEGER NOT NULL DEFAULT 0,
    delivered_on TEXT,
    is_open INTEGER NOT NULL DEFAULT 1,
    sort_key TEXT,
    promised_on TEXT NOT NULL,
    created_by INTEGER REFERENCES accounts (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX commitments_by_supplier ON commitments (supplier_id, status, id);
CREATE INDEX commitments_by_due ON commitments (due_last, id);
CREATE INDEX commitments_open_by_key ON commitments (is_open, sort_key, due_last, id);
CREATE INDEX commitments_open_by_due ON commitments (is_open, due_last, id);
CREATE INDEX commitments_open_by_id ON commitments (is_open, id);
CREATE INDEX commitments_by_slips ON commitments (slips, id);
CREATE INDEX commitments_of_meeting ON commitments (meeting_id);
CREATE INDEX commitments_of_action ON commitments (action_id);

CREATE TABLE commitment_revisions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    commitment_id INTEGER NOT NULL REFERENCES commitments (id),
    seq INTEGER NOT NULL,
    said_on TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('promised', 'in_progress', 'piloting', 'delivered', 'withdrawn')),
    words TEXT NOT NULL,
    timeframe TEXT NOT NULL,
    timeframe_kind TEXT NOT NULL,
    window_first TEXT,
    window_last TEXT,
    reason TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    evidence_url TEXT NOT NULL DEFAULT '',
    recorded_by INTEGER REFERENCES accounts (id),
    created_at TEXT NOT NULL,
    UNIQUE (commitment_id, seq)
);

CREATE TRIGGER commitment_revisions_are_never_updated
BEFORE UPDATE ON commitment_revisions
BEGIN
    SELECT RAISE(ABORT, 'the commitment ledger is append-only');
END;

-- INSERT OR REPLACE would delete the row it replaces without firing the DELETE trigger.
CREATE TRIGGER commitment_revisions_are_never_replaced
BEFORE INSERT ON commitment_revisions
WHEN EXISTS (
    SELECT 1 FROM commitment_revisions
    WHERE commitment_id = NEW.commitment_id AND seq = NEW.seq
)
BEGIN
    SELECT RAISE(ABORT, 'the commitment ledger is append-only');
END;

CREATE TRIGGER commitment_revisions_are_never_deleted
BEFORE DELETE ON commitment_revisions
BEGIN
    SELECT RAISE(ABORT, 'the commitment ledger is append-only');
END;
