-- The issues list says how many issues match. Counting them per request cost more than the
-- rest of the page at 100,000 issues, so the counts the list's usual filters need (by
-- supplier, module, status and patient-safety flag) are kept here, changed by triggers in
-- the same transaction as the issues themselves, so they can never drift from them.
-- module_id 0 stands for "no module".
CREATE TABLE issue_counts (
    supplier_id INTEGER NOT NULL,
    module_id INTEGER NOT NULL,
    status TEXT NOT NULL,
    patient_safety INTEGER NOT NULL,
    issues INTEGER NOT NULL,
    PRIMARY KEY (supplier_id, module_id, status, patient_safety)
);

INSERT INTO issue_counts (supplier_id, module_id, status, patient_safety, issues)
    SELECT supplier_id, COALESCE(module_id, 0), status, patient_safety, COUNT(*)
    FROM issues GROUP BY supplier_id, COALESCE(module_id, 0), status, patient_safety;

CREATE TRIGGER issue_counts_insert AFTER INSERT ON issues BEGIN
    INSERT INTO issue_counts (supplier_id, module_id, status, patient_safety, issues)
        VALUES (new.supplier_id, COALESCE(new.module_id, 0), new.status, new.patient_safety, 1)
        ON CONFLICT (supplier_id, module_id, status, patient_safety)
        DO UPDATE SET issues = issues + 1;
END;

CREATE TRIGGER issue_counts_delete AFTER DELETE ON issues BEGIN
    UPDATE issue_counts SET issues = issues - 1
        WHERE supplier_id = old.supplier_id AND module_id = COALESCE(old.module_id, 0)
          AND status = old.status AND patient_safety = old.patient_safety;
END;

CREATE TRIGGER issue_counts_update
AFTER UPDATE OF supplier_id, module_id, status, patient_safety ON issues BEGIN
    UPDATE issue_counts SET issues = issues - 1
        WHERE supplier_id = old.supplier_id AND module_id = COALESCE(old.module_id, 0)
          AND status = old.status AND patient_safety = old.patient_safety;
    INSERT INTO issue_counts (supplier_id, module_id, status, patient_safety, issues)
        VALUES (new.supplier_id, COALESCE(new.module_id, 0), new.status, new.patient_safety, 1)
        ON CONFLICT (supplier_id, module_id, status, patient_safety)
        DO UPDATE SET issues = issues + 1;
END;
