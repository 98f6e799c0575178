-- Where a record is named in another record's text: the issues an agenda item's minutes name
-- (`#12`, or `log:CS0123456` resolved to the issue holding that number), rewritten whenever
-- the text is saved, so an issue's page can say at which meetings it was discussed. Sources
-- and targets are named by kind and id, so commitments and incidents join later without a new
-- table; whoever reads a mention decides whether the reader may see its source.
CREATE TABLE mentions (
    source_kind TEXT NOT NULL,
    source_id INTEGER NOT NULL,
    target_kind TEXT NOT NULL,
    target_id INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (source_kind, source_id, target_kind, target_id)
);
CREATE INDEX mentions_of ON mentions (target_kind, target_id);
