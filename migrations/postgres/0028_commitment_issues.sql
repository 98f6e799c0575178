-- Who last changed a commitment's details (its title, module, description or owners) and
-- when: the ledger keeps every promise, and this says the words around it were edited.
ALTER TABLE commitments ADD COLUMN details_changed_at TEXT;
ALTER TABLE commitments ADD COLUMN details_changed_by BIGINT REFERENCES accounts (id);

-- The issues a commitment answers: an issue whose fix is planned under a supplier's promise
-- points at it (set by the committee or the supplier's representatives, or by naming `C-45`
-- in the target of "fix planned"). Each pair once; the issue's page lists its commitments and
-- the commitment's page its issues.
CREATE TABLE commitment_issues (
    commitment_id BIGINT NOT NULL REFERENCES commitments (id) ON DELETE CASCADE,
    issue_id BIGINT NOT NULL REFERENCES issues (id) ON DELETE CASCADE,
    linked_by BIGINT REFERENCES accounts (id),
    linked_at TEXT NOT NULL,
    PRIMARY KEY (commitment_id, issue_id)
);
CREATE INDEX commitment_issues_of_issue ON commitment_issues (issue_id, commitment_id);
