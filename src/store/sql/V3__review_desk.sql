-- Review desk support: claims for several desks, undone decisions, and a per-photo verdict
-- summary so the queue can be filtered by check verdict without touching check_results.

-- One open claim per case: the desk that has it on screen. Expired claims are ignored and
-- overwritten; deciding releases the claim.
CREATE TABLE claims (
    case_id     INTEGER PRIMARY KEY REFERENCES cases(id),
    reviewer    TEXT    NOT NULL,
    claimed_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL
);

-- A decision taken back by its reviewer (Ctrl+Z) moves here with who undid it and when, so
-- `decisions` holds only decisions in force and nothing is ever lost.
CREATE TABLE undone_decisions (
    id             INTEGER PRIMARY KEY,   -- the id the decision had
    submission_id  INTEGER NOT NULL REFERENCES submissions(id),
    case_id        INTEGER NOT NULL REFERENCES cases(id),
    kind           TEXT    NOT NULL,
    reviewer       TEXT    NOT NULL,
    decided_at     INTEGER NOT NULL,
    note           TEXT,
    from_state     TEXT    NOT NULL,
    to_state       TEXT    NOT NULL,
    reasons        TEXT    NOT NULL DEFAULT '',  -- comma-separated reason codes
    undone_at      INTEGER NOT NULL,
    undone_by      TEXT    NOT NULL
);
CREATE INDEX undone_decisions_case ON undone_decisions (case_id);

-- A case's decisions (history on every photo opened, undo): without it each lookup scans them all.
CREATE INDEX decisions_case ON decisions (case_id);

-- Worst verdict among the checks that could decide, of the latest check run of each photo
-- (`error` when none could decide; cache_version says which run).
CREATE TABLE photo_verdicts (
    photo_sha256   TEXT    PRIMARY KEY REFERENCES photos(sha256),
    cache_version  INTEGER NOT NULL,
    worst          TEXT    NOT NULL CHECK (worst IN ('pass', 'warn', 'fail', 'error')),
    failed         INTEGER NOT NULL
);
INSERT INTO photo_verdicts (photo_sha256, cache_version, worst, failed)
SELECT photo_sha256, spec_version,
       CASE MAX(CASE verdict WHEN 'pass' THEN 0 WHEN 'warn' THEN 1 WHEN 'fail' THEN 2 END)
           WHEN 0 THEN 'pass' WHEN 1 THEN 'warn' WHEN 2 THEN 'fail' ELSE 'error' END,
       SUM(verdict = 'fail')
FROM check_results cr
WHERE spec_version = (SELECT MAX(spec_version) FROM check_results WHERE photo_sha256 = cr.photo_sha256)
GROUP BY photo_sha256, spec_version;
