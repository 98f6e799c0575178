-- Markdown is rendered when it is written, not each time a page shows it (rendering and
-- sanitising was most of an issue page's cost). Each text's sanitised HTML is stored beside
-- it with the version of the renderer that made it (html_renderer; 0 = not rendered yet).
-- The server re-renders, in the background, every text an older renderer made; until then
-- pages render those as they read them.
ALTER TABLE issues ADD COLUMN description_html TEXT NOT NULL DEFAULT '';
ALTER TABLE issues ADD COLUMN html_renderer BIGINT NOT NULL DEFAULT 0;
ALTER TABLE issue_events ADD COLUMN body_html TEXT NOT NULL DEFAULT '';
ALTER TABLE issue_events ADD COLUMN html_renderer BIGINT NOT NULL DEFAULT 0;
ALTER TABLE issue_event_revisions ADD COLUMN body_html TEXT NOT NULL DEFAULT '';
ALTER TABLE issue_event_revisions ADD COLUMN html_renderer BIGINT NOT NULL DEFAULT 0;
