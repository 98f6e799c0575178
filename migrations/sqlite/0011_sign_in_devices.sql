-- Sign-in throttling that a stranger cannot turn against an account's owner (the "device
-- cookie" scheme): a browser that signed in to an account before carries a random token (kept
-- here only as its hash), and its failed attempts are counted apart from everyone else's. So
-- guesses from elsewhere lock out only the browsers that never signed in, never the owner's.
CREATE TABLE trusted_devices (
    token_hash TEXT NOT NULL,
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    last_used_at TEXT NOT NULL,
    PRIMARY KEY (token_hash, account_id)
);

-- Every attempt to sign in (or to confirm a password), written before the password is checked,
-- inside the write lock, so parallel guesses each see the ones before them. An attempt counts
-- as failed until it succeeds. device_hash is the trusted browser's token hash, or NULL for a
-- browser not trusted for the account tried.
CREATE TABLE sign_in_attempts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    email TEXT NOT NULL,
    device_hash TEXT,
    failed INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL
);
CREATE INDEX sign_in_attempts_by_email ON sign_in_attempts (email, created_at);
