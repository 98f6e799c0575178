-- Files attached to a meeting or one of its agenda items, kept in the database so that every
-- server process sharing it serves every file. The bytes are in chunks of at most 256 KB, so
-- a file is written and read a chunk at a time and never sits whole in a server's memory.
-- A file is `complete` once its last chunk is written; until then it is shown to no one, and
-- one left incomplete by a dropped upload is removed. Ids are never reused (AUTOINCREMENT):
-- minutes link to a file by its id.
CREATE TABLE attachments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    meeting_id INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    item_id INTEGER REFERENCES agenda_items (id) ON DELETE CASCADE,
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes INTEGER NOT NULL DEFAULT 0,
    sha256 TEXT NOT NULL DEFAULT '',
    complete INTEGER NOT NULL DEFAULT 0,
    uploaded_by INTEGER NOT NULL REFERENCES accounts (id),
    created_at TEXT NOT NULL
);
CREATE INDEX attachments_by_meeting ON attachments (meeting_id, id);

CREATE TABLE attachment_chunks (
    attachment_id INTEGER NOT NULL REFERENCES attachments (id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    data BLOB NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (attachment_id, seq)
);
