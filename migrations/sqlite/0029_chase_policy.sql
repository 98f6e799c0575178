-- The chase policy, in the instance settings store so that each change is recorded like any
-- other setting (who, when, old → new): days after a due end before the first chase, days
-- before it for a reminder, days between chases, chases before the committee is told, days
-- an issue may wait for the supplier, the quiet hours, and whether email waits over weekends
-- and bank holidays. Kept as the text the policy page shows; the defaults are the user
-- group's practice.
ALTER TABLE instance_settings ADD COLUMN chase_first_after_days TEXT NOT NULL DEFAULT '1';
ALTER TABLE instance_settings ADD COLUMN chase_due_soon_days TEXT NOT NULL DEFAULT '7';
ALTER TABLE instance_settings ADD COLUMN chase_repeat_days TEXT NOT NULL DEFAULT '14';
ALTER TABLE instance_settings ADD COLUMN chase_escalate_after TEXT NOT NULL DEFAULT '3';
ALTER TABLE instance_settings ADD COLUMN chase_issue_days TEXT NOT NULL DEFAULT '14';
ALTER TABLE instance_settings ADD COLUMN chase_quiet_from TEXT NOT NULL DEFAULT '18:00';
ALTER TABLE instance_settings ADD COLUMN chase_quiet_until TEXT NOT NULL DEFAULT '08:00';
ALTER TABLE instance_settings ADD COLUMN chase_skip_weekends TEXT NOT NULL DEFAULT 'yes';
ALTER TABLE instance_settings ADD COLUMN chase_skip_bank_holidays TEXT NOT NULL DEFAULT 'yes';
