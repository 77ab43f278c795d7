-- Exports: every package or decision file written, and which decisions went out in which one,
-- so nothing is sent to students twice and undo can refuse a decision already sent.
CREATE TABLE exports (
    id           INTEGER PRIMARY KEY,
    kind         TEXT    NOT NULL CHECK (kind IN ('chsi', 'decisions')),
    campaign_id  INTEGER REFERENCES campaigns(id),  -- NULL: every campaign
    actor        TEXT    NOT NULL,
    at           INTEGER NOT NULL,
    target       TEXT    NOT NULL,                  -- the folder or file base written
    files        INTEGER NOT NULL,
    rows         INTEGER NOT NULL
);

CREATE TABLE decision_exports (
    decision_id  INTEGER PRIMARY KEY REFERENCES decisions(id),
    export_id    INTEGER NOT NULL REFERENCES exports(id)
);
