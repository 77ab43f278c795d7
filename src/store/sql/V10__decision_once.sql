-- A double decision is impossible in the schema itself, not only in the code: every change of
-- a case's state bumps its version, each decision records the version it was taken against,
-- and one version of a case takes one decision. (Decisions from before have none.)
ALTER TABLE cases ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE decisions ADD COLUMN case_version INTEGER;
CREATE UNIQUE INDEX decisions_once ON decisions (case_id, case_version)
    WHERE case_version IS NOT NULL;
