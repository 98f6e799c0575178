-- Releases: a supplier's versions ("5.2.0"), each with the window it is expected in (the
-- supplier's words, read as a timeframe when entered) and where it stands. A commitment
-- promised "in 5.2.0" takes its window from the release while that is its promise
-- (`release_id`); when the release's window moves, each open commitment in it gets a new
-- entry in its ledger saying so.
CREATE TABLE releases (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    supplier_id INTEGER NOT NULL REFERENCES suppliers (id),
    name TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('planned', 'piloting', 'rolling_out', 'released')),
    words TEXT NOT NULL DEFAULT '',
    timeframe TEXT NOT NULL DEFAULT '',
    window_first TEXT,
    window_last TEXT,
    released_on TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    UNIQUE (supplier_id, name)
);

ALTER TABLE commitments ADD COLUMN release_id INTEGER REFERENCES releases (id);
CREATE INDEX commitments_in_release ON commitments (release_id, is_open);

-- The scorecards count every commitment by supplier and month promised: this index holds
-- all they read, in that order, so they read it instead of the rows.
CREATE INDEX commitments_for_scorecards ON commitments
    (supplier_id, promised_on, late_days, is_open, due_last, slips, vague_when_made, status);
-- The roadmap of one supplier reads its lanes from these.
CREATE INDEX commitments_of_supplier_by_due ON commitments (supplier_id, is_open, due_last, id);
CREATE INDEX commitments_of_supplier_by_key ON commitments (supplier_id, is_open, sort_key, due_last, id);
