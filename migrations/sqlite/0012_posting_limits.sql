-- How much one account wrote lately, for the limits on posting (domain::posting_limits): read
-- on every comment, official response and report, so answered from an index.
CREATE INDEX issue_events_by_actor ON issue_events (actor_id, created_at);
CREATE INDEX issues_by_reporter_created ON issues (reporter_id, created_at);
