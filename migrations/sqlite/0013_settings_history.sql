-- Instance settings become one typed store that administrators edit in the app, each change
-- kept (who, when, old -> new). The first new setting is the time zone every time is shown
-- and entered in (stored times stay UTC). The row is held in memory by each server process
-- and checked against its cache_versions row, like the supplier names.
ALTER TABLE instance_settings ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'Europe/London';

CREATE TABLE setting_changes (
    id INTEGER PRIMARY KEY,
    setting TEXT NOT NULL,
    old_value TEXT NOT NULL,
    new_value TEXT NOT NULL,
    changed_by INTEGER REFERENCES accounts (id),
    created_at TEXT NOT NULL
);

INSERT INTO cache_versions (name, version) VALUES ('instance', 1);
CREATE TRIGGER instance_settings_changed AFTER UPDATE ON instance_settings BEGIN
    UPDATE cache_versions SET version = version + 1 WHERE name = 'instance';
END;
