-- Whether this instance holds the demonstration data, whose accounts share a password
-- published in the README: every page then says so. Set only by `watchdog demo load`.
ALTER TABLE instance_settings ADD COLUMN demo INTEGER NOT NULL DEFAULT 0;
