-- Deadline board: repeat rejections are found through the few rejected cases, not a scan.
CREATE INDEX cases_rejections ON cases (rejections) WHERE rejections > 0;
