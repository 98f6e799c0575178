-- A chair's minutes document being brought in, between pasting it and adding its items to
-- the agenda: the proposed split, as Markdown the chair adjusts. One per chair and meeting,
-- seen by that chair only; gone once the items are added or the chair discards it.
CREATE TABLE minutes_imports (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    text TEXT NOT NULL,
    created_at TEXT NOT NULL,
    CONSTRAINT minutes_imports_one_per_chair UNIQUE (meeting_id, account_id)
);
