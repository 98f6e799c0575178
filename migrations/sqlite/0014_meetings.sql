-- Meetings and their minutes. A meeting may belong to a series (the watchdog meetings with
-- one supplier); its start is UTC, entered and shown in the instance's time zone. Its
-- visibility says who reads it once published; a draft is the committee's. Attendees are
-- accounts or named guests, with apologies kept apart. The agenda is ordered items, each
-- with its minutes in Markdown, rendered when written (like posts), and a visibility no
-- wider than the meeting's (checked by the application).
CREATE TABLE meeting_series (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('watchdog', 'committee', 'agm', 'other')),
    supplier_id INTEGER REFERENCES suppliers (id),
    created_at TEXT NOT NULL
);

CREATE TABLE meetings (
    id INTEGER PRIMARY KEY,
    series_id INTEGER REFERENCES meeting_series (id),
    title TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('watchdog', 'committee', 'agm', 'other')),
    starts_at TEXT NOT NULL,
    duration_minutes INTEGER NOT NULL,
    place TEXT NOT NULL DEFAULT '',
    online_link TEXT NOT NULL DEFAULT '',
    supplier_id INTEGER REFERENCES suppliers (id),
    visibility TEXT NOT NULL CHECK (visibility IN ('public', 'members', 'committee')),
    status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
    published_at TEXT,
    published_by INTEGER REFERENCES accounts (id),
    created_by INTEGER REFERENCES accounts (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX meetings_by_start ON meetings (starts_at, id);
CREATE INDEX meetings_in_series ON meetings (series_id, starts_at);

CREATE TABLE meeting_attendees (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    account_id INTEGER REFERENCES accounts (id),
    name TEXT NOT NULL,
    role TEXT NOT NULL DEFAULT '',
    organisation TEXT NOT NULL DEFAULT '',
    apologies INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);
CREATE INDEX meeting_attendees_of ON meeting_attendees (meeting_id, id);

CREATE TABLE agenda_items (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    heading TEXT NOT NULL,
    body TEXT NOT NULL DEFAULT '',
    body_html TEXT NOT NULL DEFAULT '',
    html_renderer INTEGER NOT NULL DEFAULT 0,
    presenter TEXT NOT NULL DEFAULT '',
    visibility TEXT NOT NULL CHECK (visibility IN ('public', 'members', 'committee')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX agenda_items_in_order ON agenda_items (meeting_id, position);
