-- The issues list says how many issues match. Counting them per request cost more than the
-- rest of the page at 100,000 issues, so the counts the list's usual filters need (by
-- supplier, module, status and patient-safety flag) are kept here, changed by a trigger in
-- the same transaction as the issues themselves, so they can never drift from them.
-- module_id 0 stands for "no module".

-- No server process may write an issue between the counting below and the trigger's
-- creation (migrations run in one transaction): it would never be counted.
LOCK TABLE issues IN SHARE ROW EXCLUSIVE MODE;

CREATE TABLE issue_counts (
    supplier_id BIGINT NOT NULL,
    module_id BIGINT NOT NULL,
    status TEXT NOT NULL,
    patient_safety BIGINT NOT NULL,
    issues BIGINT NOT NULL,
    PRIMARY KEY (supplier_id, module_id, status, patient_safety)
);

INSERT INTO issue_counts (supplier_id, module_id, status, patient_safety, issues)
    SELECT supplier_id, COALESCE(module_id, 0), status, patient_safety, COUNT(*)
    FROM issues GROUP BY supplier_id, COALESCE(module_id, 0), status, patient_safety;

CREATE FUNCTION issue_counts_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE issue_counts SET issues = issues - 1
            WHERE supplier_id = OLD.supplier_id AND module_id = COALESCE(OLD.module_id, 0)
              AND status = OLD.status AND patient_safety = OLD.patient_safety;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        INSERT INTO issue_counts (supplier_id, module_id, status, patient_safety, issues)
            VALUES (NEW.supplier_id, COALESCE(NEW.module_id, 0), NEW.status,
                    NEW.patient_safety, 1)
            ON CONFLICT (supplier_id, module_id, status, patient_safety)
            DO UPDATE SET issues = issue_counts.issues + 1;
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER issue_counts_follow
AFTER INSERT OR DELETE OR UPDATE OF supplier_id, module_id, status, patient_safety ON issues
FOR EACH ROW EXECUTE FUNCTION issue_counts_follow();
