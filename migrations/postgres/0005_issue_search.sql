-- The issues list's text filter, indexed: a substring of title, description or log numbers
-- was found by scanning every issue. A trigram index over the search column lets the same
-- LIKE '%text%' condition be answered from the index (pg_trgm is a trusted extension, so
-- the database's owner may enable it).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX issues_search_trigrams ON issues USING gin (search_text gin_trgm_ops);
