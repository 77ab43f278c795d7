-- Version 12 stores a check's finding as its catalogue message (`message_json`: the message id
-- and its arguments, as JSON) instead of one sentence per language, so a wording fix or a new
-- language needs no recheck. The sentences of existing rows cannot be read back into
-- arguments: each becomes the generic finding `check-stored-finding` (the row's own verdict,
-- value and threshold; `check-stored-finding-no-value` without a value). A recheck brings the
-- full finding back; the checks themselves did not change, so nothing forces one. The value
-- is kept to four decimals, as a reviewer reads it (0.2169, not 0.21693551540374756).
ALTER TABLE check_results ADD COLUMN message_json TEXT NOT NULL DEFAULT '';
UPDATE check_results SET message_json = CASE
    WHEN value IS NULL THEN json_object(
        'id', 'check-stored-finding-no-value',
        'args', json_object('verdict', verdict, 'threshold', COALESCE(threshold, '')))
    ELSE json_object(
        'id', 'check-stored-finding',
        'args', json_object('verdict', verdict, 'value', round(value, 4),
                            'threshold', COALESCE(threshold, '')))
END;
ALTER TABLE check_results DROP COLUMN message_zh;
ALTER TABLE check_results DROP COLUMN message_en;
