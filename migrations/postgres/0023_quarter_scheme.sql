-- How the instance numbers quarters when people write "Q3 2023": calendar quarters (Q1 is
-- January to March) or the UK financial year's (Q1 is April to June). A setting like the
-- others, each change recorded; it applies to what is entered after it changes, since a
-- stored window never moves.
ALTER TABLE instance_settings ADD COLUMN quarter_scheme TEXT NOT NULL DEFAULT 'calendar';
