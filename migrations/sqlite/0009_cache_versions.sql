-- What nearly every page reads and rarely changes is held in memory by each server process:
-- supplier and module names ('suppliers'), and the matches of recent text searches of the
-- issues list ('issues', which any change to an issue moves). A process checks the version
-- here, one primary-key read, and reads afresh when it moved, so a change made through
-- another process sharing the database is seen at once. Triggers move the versions in the
-- same transaction as the change.
CREATE TABLE cache_versions (
    name TEXT PRIMARY KEY,
    version INTEGER NOT NULL
);
INSERT INTO cache_versions (name, version) VALUES ('suppliers', 1), ('issues', 1);

CREATE TRIGGER suppliers_changed_insert AFTER INSERT ON suppliers BEGIN
    UPDATE cache_versions SET version = version + 1 WHERE name = 'suppliers';
END;
CREATE TRIGGER suppliers_changed_update AFTER UPDATE ON suppliers BEGIN
    UPDATE cache_versions SET version = version + 1 WHERE name = 'suppliers';
END;
CREATE TRIGGER suppliers_changed_delete AFTER DELETE ON suppliers BEGIN
    UPDATE cache_versions SET version = version + 1 WHERE name = 'suppliers';
END;
CREATE TRIGGER modules_changed_insert AFTER INSERT ON modules BEGIN
    UPDATE cache_versions SET version = version + 1 WHERE name = 'suppliers';
END;
CREATE TRIGGER modules_changed_update AFTER UPDATE ON modules BEGIN
    UPDATE cache_versions SET version = version + 1 WHERE name = 'suppliers';
END;
CREATE TRIGGER modules_changed_delete AFTER DELETE ON modules BEGIN
    UPDATE cache_versions SET version = version + 1 WHERE name = 'suppliers';
END;

CREATE TRIGGER issues_changed_insert AFTER INSERT ON issues BEGIN
    UPDATE cache_versions SET version = version + 1 WHERE name = 'issues';
END;
CREATE TRIGGER issues_changed_update AFTER UPDATE ON issues BEGIN
    UPDATE cache_versions SET version = version + 1 WHERE name = 'issues';
END;
CREATE TRIGGER issues_changed_delete AFTER DELETE ON issues BEGIN
    UPDATE cache_versions SET version = version + 1 WHERE name = 'issues';
END;
