-- The issues an agenda item discussed, as the chair picked them (the minutes may also name
-- issues in their text, kept in `mentions`). An issue's timeline says at which meetings it was
-- discussed from both.
CREATE TABLE agenda_item_issues (
    item_id INTEGER NOT NULL REFERENCES agenda_items (id) ON DELETE CASCADE,
    issue_id INTEGER NOT NULL REFERENCES issues (id) ON DELETE CASCADE,
    linked_by INTEGER NOT NULL REFERENCES accounts (id),
    created_at TEXT NOT NULL,
    PRIMARY KEY (item_id, issue_id)
);
CREATE INDEX agenda_item_issues_of ON agenda_item_issues (issue_id);
