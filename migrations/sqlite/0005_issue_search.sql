-- The issues list's text filter, indexed: a substring of title, description or log numbers
-- was found by scanning every issue (about 100 ms a page at 100,000 issues). A trigram
-- full-text index over the search column answers the same substring question from the
-- index. It is an external-content table over issues, kept in step by the triggers below.
CREATE VIRTUAL TABLE issues_search USING fts5(
    search_text,
    content = 'issues',
    content_rowid = 'id',
    tokenize = 'trigram'
);
INSERT INTO issues_search (issues_search) VALUES ('rebuild');

CREATE TRIGGER issues_search_insert AFTER INSERT ON issues BEGIN
    INSERT INTO issues_search (rowid, search_text) VALUES (new.id, new.search_text);
END;

CREATE TRIGGER issues_search_delete AFTER DELETE ON issues BEGIN
    INSERT INTO issues_search (issues_search, rowid, search_text)
        VALUES ('delete', old.id, old.search_text);
END;

CREATE TRIGGER issues_search_update AFTER UPDATE OF search_text ON issues BEGIN
    INSERT INTO issues_search (issues_search, rowid, search_text)
        VALUES ('delete', old.id, old.search_text);
    INSERT INTO issues_search (rowid, search_text) VALUES (new.id, new.search_text);
END;
