-- Each account's key for its own feeds (the published minutes as Atom, the meetings as
-- iCalendar): feed readers and calendar apps cannot sign in, so the key travels in the feed's
-- address. It reads exactly what the account may read, nothing else, and is kept as it is so
-- the account page can show the address again; renewing it replaces it, cutting off every copy.
CREATE TABLE feed_tokens (
    account_id BIGINT PRIMARY KEY REFERENCES accounts (id),
    token TEXT NOT NULL CONSTRAINT feed_tokens_unique UNIQUE,
    created_at TEXT NOT NULL
);
