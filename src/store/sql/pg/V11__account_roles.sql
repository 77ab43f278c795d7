-- Accounts sign in as their own database roles, so the rules hold on the server and not only in
-- the program: a desk's psql session has exactly the rights of its account.
--
-- * Two NOLOGIN group roles per database (`idphoto_group_role`): reviewers and supervisors. The
--   supervisors' group is a member of the reviewers' group and adds what only supervisors do.
-- * Each account's login role is `idp_` + 16 hex digits of SHA-256(database NUL login name with
--   ASCII case folded) (`idphoto_account_role`): the program computes it before connecting,
--   and it is recorded in `users.db_role`. Roles are created and changed only through
--   `idphoto_sync_account`, a SECURITY DEFINER function of the schema owner (who needs
--   CREATEROLE), so supervisors manage accounts without CREATEROLE themselves.
-- * Triggers take who acted from `session_user` for account sessions (the audit actor, a
--   decision's reviewer, a claim's holder, exports, extensions, make-up shoots, print runs),
--   whatever the client sent, and `audit_log.db_user` records the server login of every row.
-- * Before sign-in the program runs as a "gate" login with no table rights: it may read the
--   schema version and call the sign-in functions below, nothing else.
--
-- Every SECURITY DEFINER function has a fixed search_path with pg_temp last: a session could
-- otherwise shadow a table with a temporary one of the same name.

ALTER TABLE users ADD COLUMN db_role TEXT UNIQUE;
-- NULL for rows from before this version; every new row gets the server login (trigger below).
ALTER TABLE audit_log ADD COLUMN db_user TEXT;
ALTER TABLE audit_log ALTER COLUMN db_user SET DEFAULT session_user;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_db_user_set CHECK (db_user IS NOT NULL) NOT VALID;

-- Login names compare with ASCII case folded, as everywhere in the program.
CREATE FUNCTION idphoto_fold(login TEXT) RETURNS TEXT LANGUAGE sql IMMUTABLE AS $$
    SELECT translate(login, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')
$$;

-- This database's group role for `kind` ('reviewer' or 'supervisor'): the database name when
-- it leaves room for the suffix within PostgreSQL's 63 bytes, else a hash of it.
CREATE FUNCTION idphoto_group_role(kind TEXT) RETURNS TEXT LANGUAGE sql STABLE AS $$
    SELECT CASE WHEN octet_length(current_database()) <= 51 THEN current_database()
                ELSE 'idpg_' || left(encode(sha256(convert_to(current_database(), 'UTF8')), 'hex'), 16)
           END || '_' || kind
$$;

-- The login role of account `login` in this database (the program computes the same name).
CREATE FUNCTION idphoto_account_role(login TEXT) RETURNS TEXT LANGUAGE sql STABLE AS $$
    SELECT 'idp_' || left(encode(sha256(
        convert_to(current_database(), 'UTF8') || '\x00'::bytea
        || convert_to(idphoto_fold(login), 'UTF8')), 'hex'), 16)
$$;

-- The account this session signed in as; no row for the owner, the gate or anyone else.
CREATE FUNCTION idphoto_session_account()
    RETURNS TABLE (id BIGINT, name TEXT, role TEXT, disabled BIGINT)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT id, name, role, disabled FROM users WHERE db_role = session_user::text
$$;

-- Audit rows: the actor of an account session is that account, and every row records the
-- server login that wrote it.
CREATE FUNCTION idphoto_audit_actor() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    acct RECORD;
BEGIN
    NEW.db_user := session_user;
    SELECT * INTO acct FROM idphoto_session_account();
    IF FOUND THEN
        NEW.actor := acct.name;
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER audit_log_actor BEFORE INSERT ON audit_log
    FOR EACH ROW EXECUTE FUNCTION idphoto_audit_actor();

-- The column naming who acted (TG_ARGV[0]; TG_ARGV[1] 'name' or 'id') is the session's account,
-- and a disabled account's session writes nothing.
CREATE FUNCTION idphoto_force_actor() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    acct RECORD;
BEGIN
    SELECT * INTO acct FROM idphoto_session_account();
    IF NOT FOUND THEN
        RETURN NEW;
    END IF;
    IF acct.disabled <> 0 THEN
        RAISE EXCEPTION 'account % is disabled', acct.name USING ERRCODE = '42501';
    END IF;
    IF TG_ARGV[1] = 'id' THEN
        NEW := jsonb_populate_record(NEW, jsonb_build_object(TG_ARGV[0], acct.id));
    ELSE
        NEW := jsonb_populate_record(NEW, jsonb_build_object(TG_ARGV[0], acct.name));
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER decisions_actor BEFORE INSERT ON decisions
    FOR EACH ROW EXECUTE FUNCTION idphoto_force_actor('reviewer', 'name');
CREATE TRIGGER claims_actor BEFORE INSERT OR UPDATE ON claims
    FOR EACH ROW EXECUTE FUNCTION idphoto_force_actor('reviewer', 'name');
CREATE TRIGGER undone_decisions_actor BEFORE INSERT ON undone_decisions
    FOR EACH ROW EXECUTE FUNCTION idphoto_force_actor('undone_by', 'name');
CREATE TRIGGER exports_actor BEFORE INSERT ON exports
    FOR EACH ROW EXECUTE FUNCTION idphoto_force_actor('actor', 'name');
CREATE TRIGGER extensions_actor BEFORE INSERT ON extensions
    FOR EACH ROW EXECUTE FUNCTION idphoto_force_actor('granted_by', 'id');
CREATE TRIGGER makeup_shoots_actor BEFORE INSERT ON makeup_shoots
    FOR EACH ROW EXECUTE FUNCTION idphoto_force_actor('recorded_by', 'id');
CREATE TRIGGER print_runs_actor BEFORE INSERT ON print_runs
    FOR EACH ROW EXECUTE FUNCTION idphoto_force_actor('printed_by', 'id');

-- Undo deletes a decision: an account session deletes only its own (and their reasons).
CREATE FUNCTION idphoto_own_decision() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    acct RECORD;
    owner_name TEXT;
BEGIN
    SELECT * INTO acct FROM idphoto_session_account();
    IF NOT FOUND THEN
        RETURN OLD;
    END IF;
    IF TG_TABLE_NAME = 'decisions' THEN
        owner_name := OLD.reviewer;
    ELSE
        SELECT reviewer INTO owner_name FROM decisions WHERE id = OLD.decision_id;
    END IF;
    IF acct.disabled <> 0 OR owner_name IS DISTINCT FROM acct.name THEN
        RAISE EXCEPTION 'only the reviewer who took a decision may take it back'
            USING ERRCODE = '42501';
    END IF;
    RETURN OLD;
END $$;
CREATE TRIGGER decisions_own BEFORE DELETE ON decisions
    FOR EACH ROW EXECUTE FUNCTION idphoto_own_decision();
CREATE TRIGGER decision_reasons_own BEFORE DELETE ON decision_reasons
    FOR EACH ROW EXECUTE FUNCTION idphoto_own_decision();

-- A reviewer's session may change only its own account's password hash (its only column right
-- on `users`); supervisors manage every account.
CREATE FUNCTION idphoto_users_guard() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    acct RECORD;
BEGIN
    SELECT * INTO acct FROM idphoto_session_account();
    IF FOUND AND (acct.disabled <> 0 OR (acct.role <> 'supervisor' AND OLD.id <> acct.id)) THEN
        RAISE EXCEPTION 'only a supervisor may change another account' USING ERRCODE = '42501';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER users_guard BEFORE UPDATE ON users
    FOR EACH ROW EXECUTE FUNCTION idphoto_users_guard();

-- Creates or updates the login role of account `p_user_id` to match its row: the password
-- (a SCRAM-SHA-256 verifier computed by the program, so no password reaches the server or
-- its logs in plain text; NULL keeps it), LOGIN or NOLOGIN from `disabled`, and the group of
-- its role. An account without a role gets one only with a password. Callers: the owner (the
-- first account, migrations), an enabled supervisor's session, or an account for its own
-- password. Returns the role's name, NULL when none was made.
CREATE FUNCTION idphoto_sync_account(p_user_id BIGINT, p_verifier TEXT) RETURNS TEXT
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    caller RECORD;
    acct RECORD;
    login_role TEXT;
    role_exists BOOLEAN;
BEGIN
    SELECT * INTO caller FROM idphoto_session_account();
    IF FOUND THEN
        IF caller.disabled <> 0 OR (caller.role <> 'supervisor'
                                    AND (caller.id <> p_user_id OR p_verifier IS NULL)) THEN
            RAISE EXCEPTION 'only a supervisor may manage accounts' USING ERRCODE = '42501';
        END IF;
    ELSIF NOT pg_has_role(session_user, current_user, 'MEMBER') THEN
        RAISE EXCEPTION 'only a supervisor may manage accounts' USING ERRCODE = '42501';
    END IF;
    SELECT id, name, role, disabled, db_role INTO acct FROM users WHERE id = p_user_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no account with id %', p_user_id;
    END IF;
    login_role := idphoto_account_role(acct.name);
    role_exists := EXISTS (SELECT 1 FROM pg_roles WHERE rolname = login_role);
    IF p_verifier IS NULL AND (NOT role_exists OR acct.db_role IS DISTINCT FROM login_role) THEN
        RETURN NULL;
    END IF;
    IF p_verifier IS NOT NULL AND p_verifier !~ '^SCRAM-SHA-256\$' THEN
        RAISE EXCEPTION 'a password reaches the server only as a SCRAM verifier';
    END IF;
    IF NOT role_exists THEN
        EXECUTE format('CREATE ROLE %I NOLOGIN', login_role);
    END IF;
    IF p_verifier IS NOT NULL THEN
        EXECUTE format('ALTER ROLE %I PASSWORD %L', login_role, p_verifier);
    END IF;
    EXECUTE format('ALTER ROLE %I %s', login_role,
                   CASE WHEN acct.disabled = 0 THEN 'LOGIN' ELSE 'NOLOGIN' END);
    EXECUTE format('GRANT %I TO %I', idphoto_group_role(acct.role), login_role);
    IF acct.role = 'reviewer' AND pg_has_role(login_role, idphoto_group_role('supervisor'), 'MEMBER') THEN
        EXECUTE format('REVOKE %I FROM %I', idphoto_group_role('supervisor'), login_role);
    END IF;
    UPDATE users SET db_role = login_role WHERE id = p_user_id AND db_role IS DISTINCT FROM login_role;
    RETURN login_role;
END $$;

-- Sign-in, before any account is signed in (the gate): the failures counted for a typed name.
CREATE FUNCTION idphoto_sign_in_failures(p_name TEXT)
    RETURNS TABLE (failures BIGINT, last_failed_at BIGINT)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT failures, last_failed_at FROM sign_in_failures WHERE name = left(p_name, 64)
$$;

-- Records a failed sign-in: audited under '-', counted when `p_count`. Returns the count.
CREATE FUNCTION idphoto_sign_in_failed(p_name TEXT, p_why TEXT, p_count BOOLEAN,
                                       p_at BIGINT, p_now_ms BIGINT) RETURNS BIGINT
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    n BIGINT;
BEGIN
    IF p_why NOT IN ('wrong name or password', 'throttled', 'account disabled',
                     'no database role') THEN
        RAISE EXCEPTION 'not a sign-in failure: %', p_why;
    END IF;
    p_name := left(p_name, 64);
    IF p_count THEN
        INSERT INTO sign_in_failures (name, failures, last_failed_at) VALUES (p_name, 1, p_now_ms)
        ON CONFLICT (name) DO UPDATE SET
            failures = sign_in_failures.failures + 1, last_failed_at = excluded.last_failed_at
        RETURNING failures INTO n;
    ELSE
        SELECT failures INTO n FROM sign_in_failures WHERE name = p_name;
    END IF;
    INSERT INTO audit_log (at, actor, action, detail)
    VALUES (p_at, '-', 'auth.failed',
            json_build_object('name', p_name, 'why', p_why, 'failures', COALESCE(n, 0))::text);
    RETURN COALESCE(n, 0);
END $$;

-- Whether `p_name` is an enabled account with no login role in this database (made before
-- version 11, migrated from SQLite, or restored elsewhere): it cannot sign in until a
-- supervisor or the owner sets its password again.
CREATE FUNCTION idphoto_account_without_role(p_name TEXT) RETURNS BOOLEAN
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT EXISTS (SELECT 1 FROM users u
                   WHERE lower(u.name) = lower(p_name) AND u.disabled = 0
                     AND NOT EXISTS (SELECT 1 FROM pg_roles r
                                     WHERE r.rolname = idphoto_account_role(u.name)))
$$;

-- After a successful sign-in, the account's session clears its name's failures.
CREATE FUNCTION idphoto_signed_in() RETURNS VOID
    LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DELETE FROM sign_in_failures
    WHERE name = (SELECT left(idphoto_fold(name), 64) FROM idphoto_session_account())
$$;

-- The rights of the two groups, (re)made by the owner: here, and again after a restore into a
-- database of another name or on another server (`SELECT idphoto_grant_roles();`).
CREATE FUNCTION idphoto_grant_roles() RETURNS VOID LANGUAGE plpgsql
    SET search_path = public, pg_temp AS $$
DECLARE
    rev TEXT := quote_ident(idphoto_group_role('reviewer'));
    sup TEXT := quote_ident(idphoto_group_role('supervisor'));
    g TEXT;
BEGIN
    FOREACH g IN ARRAY ARRAY[idphoto_group_role('reviewer'), idphoto_group_role('supervisor')] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = g) THEN
            EXECUTE format('CREATE ROLE %I NOLOGIN', g);
        END IF;
    END LOOP;
    EXECUTE format('GRANT %s TO %s', rev, sup);
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO %s', current_database(), rev);
    EXECUTE format('GRANT USAGE ON SCHEMA public TO %s', rev);
    EXECUTE format('GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO %s', rev);
    -- What a desk reads: the queue, a photo and its checks, the case's decisions and claims.
    -- Never a password hash, a student's phone number (the supervisors' deadline board), the
    -- audit log or the production and export records beyond what undo must check.
    EXECUTE format('GRANT SELECT ON idphoto_schema, campaigns, cases, submissions, photos,
        decisions, decision_reasons, check_results, photo_verdicts, claims, undone_decisions,
        decision_exports TO %s', rev);
    EXECUTE format('GRANT SELECT (id, campaign_id, name, id_number, doc_type, student_no, school,
        degree, programme, sex, mailing_batch, imported_at) ON students TO %s', rev);
    EXECUTE format('GRANT SELECT (id, name, display_name, role, disabled, created_at, db_role)
        ON users TO %s', rev);
    EXECUTE format('GRANT SELECT (id, kind, campaign_id, at) ON exports TO %s', rev);
    -- What a desk writes: decisions, claims, undo, audit entries, roster rows, uploads, checks.
    EXECUTE format('GRANT INSERT ON audit_log, students, photos, submissions, decisions,
        decision_reasons, check_results, photo_verdicts, claims, undone_decisions TO %s', rev);
    EXECUTE format('GRANT INSERT, UPDATE ON cases TO %s', rev);
    EXECUTE format('GRANT UPDATE (width, height) ON photos TO %s', rev);
    EXECUTE format('GRANT UPDATE ON photo_verdicts, claims TO %s', rev);
    EXECUTE format('GRANT DELETE ON check_results, claims, decisions, decision_reasons TO %s', rev);
    EXECUTE format('GRANT UPDATE (password_hash) ON users TO %s', rev);
    EXECUTE format('GRANT EXECUTE ON FUNCTION idphoto_signed_in(),
        idphoto_sync_account(BIGINT, TEXT) TO %s', rev);
    -- Supervisors: the deadline board, exports, production, campaigns and accounts.
    EXECUTE format('GRANT SELECT ON audit_log, students, extensions, makeup_shoots, exports,
        print_runs, prints TO %s', sup);
    EXECUTE format('GRANT INSERT ON campaigns, extensions, makeup_shoots, exports,
        decision_exports, print_runs, prints TO %s', sup);
    EXECUTE format('GRANT UPDATE ON submissions TO %s', sup);
    EXECUTE format('GRANT INSERT (name, display_name, role, password_hash, disabled, created_at),
        UPDATE (display_name, role, disabled) ON users TO %s', sup);
END $$;

REVOKE ALL ON FUNCTION idphoto_sync_account(BIGINT, TEXT) FROM PUBLIC;
REVOKE ALL ON FUNCTION idphoto_signed_in() FROM PUBLIC;
REVOKE ALL ON FUNCTION idphoto_session_account() FROM PUBLIC;
REVOKE ALL ON FUNCTION idphoto_grant_roles() FROM PUBLIC;
-- The gate (any login that may connect) reads the schema version and calls the sign-in
-- functions, which stay executable by PUBLIC.
GRANT SELECT ON idphoto_schema TO PUBLIC;

SELECT idphoto_grant_roles();
