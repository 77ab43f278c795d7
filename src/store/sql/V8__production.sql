-- Production (issue 15): every run of print sheets and packing lists, and which case's photo
-- each run printed, so a second run prints only what is new and a reprint is explicit.
CREATE TABLE print_runs (
    id              INTEGER PRIMARY KEY,
    campaign_id     INTEGER NOT NULL REFERENCES campaigns(id),
    batch           TEXT,                 -- the mailing batch asked for; NULL: every batch
    printed_by      INTEGER NOT NULL REFERENCES users(id),
    printed_at      INTEGER NOT NULL,
    target          TEXT    NOT NULL,     -- the folder written
    students        INTEGER NOT NULL,
    copies          INTEGER NOT NULL,     -- prints in all
    reprint_reason  TEXT CHECK (reprint_reason IS NULL OR length(trim(reprint_reason)) > 0)
);

CREATE TABLE prints (
    id             INTEGER PRIMARY KEY,
    run_id         INTEGER NOT NULL REFERENCES print_runs(id),
    case_id        INTEGER NOT NULL REFERENCES cases(id),
    submission_id  INTEGER NOT NULL REFERENCES submissions(id),
    batch          TEXT,                  -- the student's mailing batch when printed
    UNIQUE (run_id, case_id)
);
-- The latest print of a case is found by key.
CREATE INDEX prints_case ON prints (case_id, id);

-- The photo of the case's latest print, kept with the case so the board finds a print that is
-- no longer approved (reopened, re-decided, newer photo) through an index, not a scan.
ALTER TABLE cases ADD COLUMN printed_submission_id INTEGER REFERENCES submissions(id);
CREATE INDEX cases_printed ON cases (printed_submission_id) WHERE printed_submission_id IS NOT NULL;
