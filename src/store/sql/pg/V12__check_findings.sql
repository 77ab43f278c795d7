-- Version 12, as on SQLite (`sql/V12__check_findings.sql`): a check's finding is stored as its
-- catalogue message (`message_json`: id and arguments, as JSON), not as sentences; existing
-- rows get the generic finding `check-stored-finding` made of their own verdict, value and
-- threshold, the value to four decimals.
ALTER TABLE check_results ADD COLUMN message_json TEXT NOT NULL DEFAULT '';
UPDATE check_results SET message_json = (CASE
    WHEN value IS NULL OR value IN ('NaN'::float8, 'Infinity'::float8, '-Infinity'::float8)
    THEN jsonb_build_object(
        'id', 'check-stored-finding-no-value',
        'args', jsonb_build_object('verdict', verdict, 'threshold', COALESCE(threshold, '')))
    ELSE jsonb_build_object(
        'id', 'check-stored-finding',
        'args', jsonb_build_object('verdict', verdict,
                                   'value', trim_scale(round(value::numeric, 4)),
                                   'threshold', COALESCE(threshold, '')))
END)::text;
ALTER TABLE check_results DROP COLUMN message_zh, DROP COLUMN message_en;
