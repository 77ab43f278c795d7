-- Accounts, roles and the supervisors' actions on cases (issue 6).

-- Login names compare case-insensitively (ASCII), so "Reviewer" cannot shadow "reviewer".
CREATE TABLE users (
    id             INTEGER PRIMARY KEY,
    name           TEXT    NOT NULL UNIQUE COLLATE NOCASE,
    display_name   TEXT    NOT NULL,
    role           TEXT    NOT NULL CHECK (role IN ('reviewer', 'supervisor')),
    password_hash  TEXT    NOT NULL,  -- argon2id PHC string, salted
    disabled       INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    created_at     INTEGER NOT NULL
);

-- Who a supervisor handed an escalated or pending case to (NULL: anyone at a desk).
ALTER TABLE cases ADD COLUMN assigned_to INTEGER REFERENCES users(id);

CREATE TABLE extensions (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES cases(id),
    granted_by  INTEGER NOT NULL REFERENCES users(id),
    granted_at  INTEGER NOT NULL,
    from_state  TEXT    NOT NULL,
    old_due     INTEGER,
    new_due     INTEGER NOT NULL,
    reason      TEXT    NOT NULL CHECK (length(trim(reason)) > 0)
);
CREATE INDEX extensions_case ON extensions (case_id);

-- Paid make-up shoots booked for failed collections.
CREATE TABLE makeup_shoots (
    id           INTEGER PRIMARY KEY,
    case_id      INTEGER NOT NULL REFERENCES cases(id),
    booked_for   INTEGER NOT NULL,
    note         TEXT,
    recorded_by  INTEGER NOT NULL REFERENCES users(id),
    recorded_at  INTEGER NOT NULL
);
CREATE INDEX makeup_shoots_case ON makeup_shoots (case_id);
