-- As SQLite's V10: one decision per version of a case.
ALTER TABLE cases ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
ALTER TABLE decisions ADD COLUMN case_version BIGINT;
CREATE UNIQUE INDEX decisions_once ON decisions (case_id, case_version)
    WHERE case_version IS NOT NULL;
