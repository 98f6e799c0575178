-- An action's due words read as a timeframe on the day of its meeting (the commitments'
-- parser): the first and last days of the window, none when the words give no days. Actions
-- recorded before the words were read have `due_read` 0; the server reads them at start-up
-- with the instance's quarter numbering, and every action written since is read as it is saved.
ALTER TABLE meeting_actions ADD COLUMN due_first TEXT;
ALTER TABLE meeting_actions ADD COLUMN due_last TEXT;
ALTER TABLE meeting_actions ADD COLUMN due_read BIGINT NOT NULL DEFAULT 0;
UPDATE meeting_actions SET due_read = 1 WHERE due_words = '';
CREATE INDEX meeting_actions_unread_due ON meeting_actions (due_read, id);
