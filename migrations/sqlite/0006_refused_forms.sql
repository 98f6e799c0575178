-- A refused form post comes back to its page. Its state (why it was refused, and what was typed
-- so the form can show it again) used to ride in the redirect's URL, where it could grow past
-- proxies' header limits and be read, or forged, from a link. It now waits here, under an
-- opaque random id that is all the redirect carries: taken once, by the page it was posted
-- from, in the browser that posted it, and kept only minutes. As for sessions, only hashes of
-- the id and of the browser's token are stored.
CREATE TABLE refused_forms (
    id_hash TEXT PRIMARY KEY,
    browser_hash TEXT NOT NULL,
    -- The path of the page the form was posted from: only that page may show it.
    page TEXT NOT NULL,
    -- The server function that refused it, and its error as the server function encodes it.
    action TEXT NOT NULL,
    error TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX refused_forms_created_at ON refused_forms (created_at);
