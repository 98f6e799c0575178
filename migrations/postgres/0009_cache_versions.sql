-- What nearly every page reads and rarely changes is held in memory by each server process:
-- supplier and module names ('suppliers'), and the matches of recent text searches of the
-- issues list ('issues', which any change to an issue moves). A process checks the version
-- here, one primary-key read, and reads afresh when it moved, so a change made through
-- another process sharing the database is seen at once. Triggers move the versions in the
-- same transaction as the change.
CREATE TABLE cache_versions (
    name TEXT PRIMARY KEY,
    version BIGINT NOT NULL
);
INSERT INTO cache_versions (name, version) VALUES ('suppliers', 1), ('issues', 1);

CREATE FUNCTION suppliers_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE cache_versions SET version = version + 1 WHERE name = 'suppliers';
    RETURN NULL;
END;
$$;

CREATE TRIGGER suppliers_changed AFTER INSERT OR UPDATE OR DELETE ON suppliers
FOR EACH STATEMENT EXECUTE FUNCTION suppliers_changed();
CREATE TRIGGER modules_changed AFTER INSERT OR UPDATE OR DELETE ON modules
FOR EACH STATEMENT EXECUTE FUNCTION suppliers_changed();

CREATE FUNCTION issues_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE cache_versions SET version = version + 1 WHERE name = 'issues';
    RETURN NULL;
END;
$$;

CREATE TRIGGER issues_changed AFTER INSERT OR UPDATE OR DELETE ON issues
FOR EACH STATEMENT EXECUTE FUNCTION issues_changed();
