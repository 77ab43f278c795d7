-- idphoto-review schema, version 1. Times are INTEGER unix seconds, UTC.

CREATE TABLE campaigns (
    id            INTEGER PRIMARY KEY,
    name          TEXT    NOT NULL UNIQUE,
    school        TEXT    NOT NULL,
    window_start  TEXT    NOT NULL,  -- local date, inclusive
    window_end    TEXT    NOT NULL,  -- local date, inclusive
    timezone      TEXT    NOT NULL,  -- IANA name, e.g. Asia/Shanghai
    rules_json    TEXT    NOT NULL,  -- CampaignRules (clocks, fees, photo spec)
    created_at    INTEGER NOT NULL
);

CREATE TABLE students (
    id             INTEGER PRIMARY KEY,
    campaign_id    INTEGER NOT NULL REFERENCES campaigns(id),
    name           TEXT    NOT NULL,
    id_number      TEXT    NOT NULL,
    doc_type       TEXT    NOT NULL,
    student_no     TEXT,
    school         TEXT,
    degree         TEXT,
    programme      TEXT,
    sex            TEXT,
    phone          TEXT,
    mailing_batch  TEXT,
    imported_at    INTEGER NOT NULL,
    UNIQUE (campaign_id, id_number)
);
CREATE INDEX students_name ON students (name);

-- Photo bytes live apart from everything else so queue queries never touch blobs.
CREATE TABLE photos (
    sha256    TEXT    PRIMARY KEY,
    byte_len  INTEGER NOT NULL,
    bytes     BLOB    NOT NULL
);

CREATE TABLE cases (
    id                     INTEGER PRIMARY KEY,
    campaign_id            INTEGER NOT NULL REFERENCES campaigns(id),
    student_id             INTEGER NOT NULL UNIQUE REFERENCES students(id),
    state                  TEXT    NOT NULL CHECK (state IN
                               ('pending_review', 'escalated', 'approved', 'rejected', 'collection_failed')),
    attempts               INTEGER NOT NULL,
    rejections             INTEGER NOT NULL,
    current_submission_id  INTEGER REFERENCES submissions(id),
    review_due             INTEGER,
    resubmission_due       INTEGER,
    updated_at             INTEGER NOT NULL
);
-- The review queue: only cases awaiting a decision, most urgent first.
CREATE INDEX cases_awaiting ON cases (review_due) WHERE state IN ('pending_review', 'escalated');
CREATE INDEX cases_resubmission ON cases (resubmission_due) WHERE state = 'rejected';
CREATE INDEX cases_state ON cases (state);

CREATE TABLE submissions (
    id             INTEGER PRIMARY KEY,
    case_id        INTEGER NOT NULL REFERENCES cases(id),
    attempt        INTEGER,          -- NULL: recorded only (after approval or too late)
    submitted_at   INTEGER NOT NULL,
    received_at    INTEGER NOT NULL,
    photo_sha256   TEXT    NOT NULL REFERENCES photos(sha256),
    original_name  TEXT    NOT NULL,
    fee_class      TEXT    NOT NULL CHECK (fee_class IN ('in_window', 'late')),
    outcome        TEXT    NOT NULL
);
CREATE INDEX submissions_case ON submissions (case_id, submitted_at);

CREATE TABLE decisions (
    id             INTEGER PRIMARY KEY,
    submission_id  INTEGER NOT NULL REFERENCES submissions(id),
    case_id        INTEGER NOT NULL REFERENCES cases(id),
    kind           TEXT    NOT NULL CHECK (kind IN ('approve', 'reject', 'escalate')),
    reviewer       TEXT    NOT NULL,
    decided_at     INTEGER NOT NULL,
    note           TEXT,
    from_state     TEXT    NOT NULL,
    to_state       TEXT    NOT NULL
);
CREATE INDEX decisions_submission ON decisions (submission_id);
CREATE INDEX decisions_time ON decisions (decided_at);

CREATE TABLE decision_reasons (
    decision_id  INTEGER NOT NULL REFERENCES decisions(id),
    code         TEXT    NOT NULL,
    PRIMARY KEY (decision_id, code)
) WITHOUT ROWID;

-- Automatic check results, cached per photo and photo-spec version.
CREATE TABLE check_results (
    photo_sha256  TEXT    NOT NULL REFERENCES photos(sha256),
    spec_version  INTEGER NOT NULL,
    check_id      TEXT    NOT NULL,
    verdict       TEXT    NOT NULL CHECK (verdict IN ('pass', 'warn', 'fail', 'error')),
    value         REAL,
    threshold     TEXT,
    message_zh    TEXT    NOT NULL,
    message_en    TEXT    NOT NULL,
    reasons       TEXT    NOT NULL DEFAULT '',   -- comma-separated reason codes
    overlay_json  TEXT    NOT NULL DEFAULT '[]',
    computed_at   INTEGER NOT NULL,
    PRIMARY KEY (photo_sha256, spec_version, check_id)
);

-- Append-only: who did what, when. The triggers refuse any change.
CREATE TABLE audit_log (
    id             INTEGER PRIMARY KEY,
    at             INTEGER NOT NULL,
    actor          TEXT    NOT NULL,
    action         TEXT    NOT NULL,
    campaign_id    INTEGER,
    case_id        INTEGER,
    submission_id  INTEGER,
    detail         TEXT    NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_case ON audit_log (case_id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
