-- Published minutes keep every version of each agenda item: its text as published (revision
-- 1, written when the meeting is published or the item added to published minutes) and after
-- every later save (2, 3, …), with who saved it and when. Readers see that an item was
-- revised; the committee reads any revision and what changed between two. Rows are only ever
-- added (an item taken off the agenda takes its revisions with it).
CREATE TABLE agenda_item_revisions (
    id INTEGER PRIMARY KEY,
    agenda_item_id INTEGER NOT NULL REFERENCES agenda_items (id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    heading TEXT NOT NULL,
    body TEXT NOT NULL,
    body_html TEXT NOT NULL,
    html_renderer INTEGER NOT NULL,
    revised_by INTEGER REFERENCES accounts (id),
    created_at TEXT NOT NULL,
    CONSTRAINT agenda_item_revisions_unique UNIQUE (agenda_item_id, number)
);

-- Minutes published before revisions were kept: their text now is taken as published.
INSERT INTO agenda_item_revisions (agenda_item_id, number, heading, body, body_html,
    html_renderer, revised_by, created_at)
SELECT i.id, 1, i.heading, i.body, i.body_html, i.html_renderer, m.published_by,
    COALESCE(m.published_at, m.updated_at)
FROM agenda_items i JOIN meetings m ON m.id = i.meeting_id
WHERE m.status = 'published';
