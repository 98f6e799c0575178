-- How this Watchdog instance introduces itself. Exactly one row, so admins edit settings in
-- place and every page reads them with one primary-key lookup.
CREATE TABLE instance_settings (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);

INSERT INTO instance_settings (id, name, description, created_at, updated_at)
VALUES (
    1,
    'Watchdog',
    'This is where the user group keeps its record of the problems members reported to the supplier, the minutes of its watchdog meetings, and what the supplier promised and by when.',
    strftime('%Y-%m-%dT%H:%M:%S', 'now') || '.000000Z',
    strftime('%Y-%m-%dT%H:%M:%S', 'now') || '.000000Z'
);
