-- Chases: what the chase engine sent about something the supplier owes an answer on (for
-- now, a commitment past or near its due end). A cycle runs from when the item falls due, or
-- from after the supplier last answered, until the supplier answers again (a new status or
-- timeframe); each step of a cycle (the "due soon" reminder, the nth chase, the escalation to
-- the committee) is one row. The unique key (item, cycle, step) holds whatever runs the engine
-- — twice at once, from two processes, or again after a process died mid-run: a second insert
-- of the same step does nothing.
CREATE TABLE chase_cycles (
    item_kind TEXT NOT NULL CHECK (item_kind IN ('commitment', 'issue', 'action')),
    item_id INTEGER NOT NULL,
    cycle INTEGER NOT NULL CHECK (cycle >= 1),
    supplier_id INTEGER NOT NULL REFERENCES suppliers (id),
    started_at TEXT NOT NULL,
    answered_at TEXT,
    answered_on TEXT,
    answered_by INTEGER REFERENCES accounts (id),
    PRIMARY KEY (item_kind, item_id, cycle)
);
CREATE INDEX chase_cycles_unanswered ON chase_cycles (answered_at, item_kind, item_id);

CREATE TABLE chases (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    item_kind TEXT NOT NULL,
    item_id INTEGER NOT NULL,
    cycle INTEGER NOT NULL,
    step TEXT NOT NULL,
    supplier_id INTEGER NOT NULL REFERENCES suppliers (id),
    sent_on TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (item_kind, item_id, cycle, step),
    FOREIGN KEY (item_kind, item_id, cycle) REFERENCES chase_cycles (item_kind, item_id, cycle)
);
CREATE INDEX chases_by_day ON chases (sent_on, id);
CREATE INDEX chases_by_supplier ON chases (supplier_id, sent_on, id);
