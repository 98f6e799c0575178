-- Deliveries and recent promises, as the roadmap, the scorecards and "since the last meeting"
-- read them. The roadmap ticks each delivered commitment in the quarter it landed, so it
-- reads them by the day they were delivered (set only while the commitment stands
-- delivered). The scorecards count how late each delivery was: `late_days` is the days from
-- the first due end promised to the delivery (0 when on time or when no date was ever
-- given), kept with the other facts of the ledger, and null while it is not delivered.
ALTER TABLE commitments ADD COLUMN late_days INTEGER;

UPDATE commitments
SET late_days = GREATEST(0, CAST(delivered_on AS DATE) - CAST(COALESCE(original_last, delivered_on) AS DATE))
WHERE delivered_on IS NOT NULL AND status = 'delivered';

CREATE INDEX commitments_by_delivery ON commitments (delivered_on, id);

-- "Since the last meeting" reads the promises said from a given day on.
CREATE INDEX commitment_revisions_by_day ON commitment_revisions (said_on, commitment_id);
