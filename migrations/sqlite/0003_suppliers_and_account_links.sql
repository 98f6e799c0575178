-- Suppliers (the minimum accounts need: a supplier representative belongs to one; the
-- issue tracker adds modules and the admin pages), and the single-use links through which
-- people join (invitations) or get back in (password resets).
CREATE TABLE suppliers (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    slug TEXT NOT NULL CONSTRAINT suppliers_slug_unique UNIQUE,
    description TEXT NOT NULL DEFAULT '',
    website TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);

-- Set for supplier representatives only (the store enforces the pairing).
ALTER TABLE accounts ADD COLUMN supplier_id INTEGER REFERENCES suppliers (id);
CREATE INDEX accounts_by_supplier ON accounts (supplier_id);

-- Only a hash of each link's token is kept, as for sessions: the link itself is shown once,
-- to the administrator who issued it. An invitation names the email, role and supplier the
-- new account will have; a reset names the account. Using a link stamps used_at; issuing a
-- new one for the same email or account stamps the older one revoked_at.
CREATE TABLE account_links (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    token_hash TEXT NOT NULL CONSTRAINT account_links_token_unique UNIQUE,
    purpose TEXT NOT NULL CHECK (purpose IN ('invitation', 'password_reset')),
    email TEXT NOT NULL,
    email_normalised TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('member', 'supplier_rep', 'chair', 'admin')),
    supplier_id INTEGER REFERENCES suppliers (id),
    account_id INTEGER REFERENCES accounts (id) ON DELETE CASCADE,
    created_by INTEGER REFERENCES accounts (id),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT,
    revoked_at TEXT
);
CREATE INDEX account_links_by_email ON account_links (email_normalised);
CREATE INDEX account_links_by_account ON account_links (account_id);

-- A message kept for the next page this session shows, then cleared: how a link just issued
-- reaches an administrator whose browser runs no JavaScript (the form post is redirected, so
-- its answer cannot carry it).
ALTER TABLE sessions ADD COLUMN notice TEXT;
