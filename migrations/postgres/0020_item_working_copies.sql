-- A chair's working copy of an agenda item: what the editor autosaved while they typed,
-- before they pressed "Save item". Never a revision, never read by anyone else; gone once
-- they save the item or discard it. `base_version` is the item's version they started from,
-- so an explicit save from it is refused if someone else saved in between.
CREATE TABLE agenda_item_working_copies (
    item_id BIGINT NOT NULL REFERENCES agenda_items (id) ON DELETE CASCADE,
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    base_version BIGINT NOT NULL,
    heading TEXT NOT NULL,
    presenter TEXT NOT NULL,
    visibility TEXT NOT NULL,
    minutes TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (item_id, account_id)
);
