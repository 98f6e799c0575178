-- What a meeting agreed, as records of their own rather than words in the minutes: actions
-- (what, an owner — an account, the meeting's supplier or a named party —, the due words as
-- said, open or done with who closed it, when and why) and decisions. Each belongs to an
-- agenda item and is read at that item's visibility; the meeting is kept beside it so the
-- open actions of a series are found without walking its agendas. An action's history
-- (created, edited, done, reopened) is its timeline, append-only.
CREATE TABLE meeting_actions (
    id INTEGER PRIMARY KEY,
    agenda_item_id INTEGER NOT NULL REFERENCES agenda_items (id) ON DELETE CASCADE,
    meeting_id INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    description TEXT NOT NULL,
    owner_account_id INTEGER REFERENCES accounts (id),
    owner_supplier_id INTEGER REFERENCES suppliers (id),
    owner_name TEXT NOT NULL DEFAULT '',
    due_words TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
    done_at TEXT,
    done_by INTEGER REFERENCES accounts (id),
    done_note TEXT NOT NULL DEFAULT '',
    created_by INTEGER REFERENCES accounts (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX meeting_actions_of_item ON meeting_actions (agenda_item_id, id);
CREATE INDEX meeting_actions_of_meeting ON meeting_actions (meeting_id, status);

CREATE TABLE action_events (
    id INTEGER PRIMARY KEY,
    action_id INTEGER NOT NULL REFERENCES meeting_actions (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('created', 'edited', 'done', 'reopened')),
    account_id INTEGER REFERENCES accounts (id),
    detail TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE INDEX action_events_of ON action_events (action_id, id);

CREATE TABLE meeting_decisions (
    id INTEGER PRIMARY KEY,
    agenda_item_id INTEGER NOT NULL REFERENCES agenda_items (id) ON DELETE CASCADE,
    meeting_id INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    description TEXT NOT NULL,
    created_by INTEGER REFERENCES accounts (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX meeting_decisions_of_item ON meeting_decisions (agenda_item_id, id);
