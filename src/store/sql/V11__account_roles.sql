-- On PostgreSQL, version 11 gives every account its own database role and records which one
-- (`users.db_role`) and which server login wrote each audit row (`audit_log.db_user`). SQLite
-- has no server logins: the columns come so both backends keep the same tables at one version
-- (and `migrate` copies them), and here they stay NULL.
ALTER TABLE users ADD COLUMN db_role TEXT;
ALTER TABLE audit_log ADD COLUMN db_user TEXT;
