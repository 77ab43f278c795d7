-- The status bar's "decided today" counts one reviewer's decisions since local midnight on
-- every decision: an index on (reviewer, decided_at) answers it from the index alone instead
-- of scanning every decision (28 ms at 100 000 students, growing with the campaign).
CREATE INDEX decisions_reviewer_time ON decisions (reviewer, decided_at);
