-- Failed sign-ins per typed login name, for the growing wait after repeated failures. Unknown
-- names are counted too, so the wait says nothing about which accounts exist. A successful
-- sign-in deletes the row.
CREATE TABLE sign_in_failures (
    name TEXT PRIMARY KEY COLLATE NOCASE,
    failures INTEGER NOT NULL,
    last_failed_at INTEGER NOT NULL  -- unix milliseconds: the wait is counted in seconds
);
