-- The commitments list filters by module, and by whether the first promise gave no date;
-- each reads its rows from an index, newest first, rather than the whole table.
CREATE INDEX commitments_by_module ON commitments (module_id, id);
CREATE INDEX commitments_vague_when_made ON commitments (vague_when_made, id);
