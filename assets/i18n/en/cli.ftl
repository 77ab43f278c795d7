# The command line: what each command was doing when an error happened, and its refusals.

cli-cannot-open-db = cannot open the database
cli-cannot-open-migrate-source = cannot open the database to migrate
cli-cannot-open-migrate-target = cannot open the target database
cli-migration-failed = migration failed: { $at }
cli-cannot-read-spec = cannot read the spec: { $path }
cli-spec-not-json = the spec is not valid JSON: { $path }
cli-production-failed = production failed
cli-bad-print-size = --size must be 小二寸, 二寸, 一寸 or WxH in mm (15–120 each), not “{ $value }”
cli-bad-copies = --copies must be 1 to 50, not { $value }
cli-bad-paper = --paper must be six_inch or a4, not “{ $value }”
cli-password-env-missing = set { $env } to the password of { $name }
cli-cannot-sign-in = cannot sign in as { $name }
cli-cannot-read-password-stdin = cannot read the password from standard input
cli-cannot-read-password-terminal = cannot read the password from the terminal
cli-no-new-password = no password given: set { $env } or pass it on standard input
cli-cannot-hide-password = cannot turn off echo on this terminal, so the password would show as typed; set { $env } or pass it on standard input
cli-cannot-read-folder = cannot read the folder: { $path }
cli-cannot-create-folder = cannot create the folder: { $path }
cli-decision-export-failed = decision export failed
cli-chsi-export-failed = CHSI export failed
cli-cannot-find-case = cannot find the case
cli-say-case = say --case ID or --id-number NUMBER
cli-bad-time = “{ $value }” is not a time like 2026-12-01T18:00:00+08:00 (RFC 3339, with offset)
cli-no-gui = this build has no review window (built without the `gui` feature); use a subcommand
cli-cannot-open-window = cannot open the window: { $error }
cli-no-data-dir = cannot find the user's data directory; pass --db PATH
cli-say-due = say --due TIME or --hours N
cli-say-submission = say --submission ID or --stdin
cli-say-decision = say --approve, --reject CODES or --escalate
cli-restore-sqlite-only = restore replaces an SQLite file; on PostgreSQL, restore a `pg_dump --format=custom` backup with `pg_restore --clean --if-exists --dbname=URL FILE`: { $at }
cli-cannot-restore = cannot restore the backup: { $path }
cli-cannot-build-demo = cannot build the demo: { $at }
cli-cannot-create-demo = cannot create the demo database
cli-cannot-add-account = cannot add account { $name }
cli-backup-failed = backup failed: { $at }
cli-roster-row-errors = { $bad ->
    [one] 1 row has errors
   *[other] { $bad } rows have errors
}; nothing was imported (fix them, or pass --skip-invalid to import the { $valid } valid { $valid ->
    [one] row
   *[other] rows
})
cli-cannot-import = cannot import the roster: { $path }
cli-campaign-needs-school = no campaign named “{ $name }”; to create it, also give --school NAME --window START..END
cli-unknown-timezone = unknown timezone “{ $value }”
cli-bad-window = the window must look like 2026-03-24..2026-04-02, not “{ $value }”
cli-bad-start-date = bad start date “{ $value }”
cli-bad-end-date = bad end date “{ $value }”
cli-window-reversed = the window ends before it starts: { $value }
cli-unknown-list = unknown list “{ $value }”; use one of { $known }
cli-cannot-read-stream = cannot read the decision stream
cli-stream-failed = { $count ->
    [one] 1 line
   *[other] { $count } lines
} of the decision stream failed

## What the commands report

cli-swept = { $count } case(s) moved to collection_failed
cli-suggested-reasons = suggested reasons: { $codes }
cli-migrated = migrated { $from } into { $to }: { $rows } rows in { $tables } tables, { $photos } photos verified by SHA-256 ({ $secs } s)
cli-migrated-accounts = the accounts have no sign-in on the server yet: each gets one at its first sign-in over the owner's URL, or when a supervisor sets its password again (docs/postgres.md)
cli-envelope = { $school } / { $batch }: { $students } student(s), { $copies } print(s) on { $sheets } sheet(s); roster { $roster } = { $inside } in the envelope + { $outside } not
cli-missing-glyphs = warning: the embedded font has no glyph for “{ $chars }”; those names print with a box, check them by hand
cli-produced = { $students } student(s), { $copies } print(s), { $sheets } sheet(s) in { $secs } s (run { $run }), written to { $path }
cli-recheck-none = 0 { $scope ->
    [all] uploads
   *[waiting] photos awaiting review
} to check: every stored result is current
cli-recheck-start = { $count } { $scope ->
    [all] uploads
   *[waiting] photos awaiting review
} to check …
cli-recheck-done = checked { $count } { $scope ->
    [all] uploads
   *[waiting] photos awaiting review
} in { $secs } s ({ $rate } photos/s on { $threads } threads); { $unreadable } could not be decoded
cli-reopened = case { $case }: { $from } -> { $to } (submission { $submission })
cli-extended = case { $case }: { $from } -> { $to }, resubmission due { $due }
cli-decided = submission { $submission }: { $from } -> { $to } (decision { $decision })
cli-makeup = case { $case }: make-up shoot booked for { $at }
cli-reassigned = case { $case } assigned to { $to }
cli-ingest-recorded = recorded  { $file }: submission { $submission } (attempt { $attempt })
cli-ingest-recorded-only = recorded  { $file }: submission { $submission } (recorded only)
cli-ingest-warning = warning   { $file }: { $why }
cli-ingest-refused = refused   { $file }: { $why }
cli-ingest-summary = { $recorded } recorded, { $refused } refused, { $warnings } warning(s)
cli-no-new-decisions = no new decisions to export; nothing written
cli-decisions-exported = { $count } decision(s) exported ({ $approved } approved, { $rejected } rejected): { $files }
cli-queue-empty = queue is empty
cli-restored = restored { $from }: schema { $version }, { $decisions } decisions, { $audit } audit entries, into { $path }
cli-previous-kept = the previous database is kept at { $path }
cli-chsi-exported = { $count } photo(s) exported{ $sealed ->
    [yes] { " " }(encrypted)
   *[no] {""}
} ({ $files } file(s)) to { $path }
cli-demo-built = demo campaign “{ $campaign }”: { $students } students, { $uploads } uploads, { $decisions } decisions ({ $secs } s) in { $at }
cli-demo-accounts = demo accounts (login name / password, for trying the program only):
cli-demo-created = created a demo database at { $at }
cli-user-added = added { $role } { $name } ({ $display })
cli-user-disabled = disabled { $name }
cli-user-enabled = enabled { $name }
cli-user-password = password of { $name } changed
cli-no-accounts = no accounts yet: add a supervisor with `user add NAME --role supervisor`
cli-backup-written = backup written: { $bytes } bytes, schema { $version }, { $decisions } decisions, { $audit } audit entries (integrity ok): { $path }
cli-roster-imported = imported { $imported } student(s) ({ $offline } collected offline) [{ $encoding }]; { $skipped } row(s) skipped: { $path }
cli-warning-line = warning: { $text }
cli-error-line = error: { $text }
cli-output-failed = cannot write the output: { $error }
cli-rows-written = { $count } row(s) written to { $path }
cli-new-password-prompt = new password for { $name }:{ " " }
cli-echo-not-restored = warning: could not turn echo back on; run `stty echo` or `reset`
cli-stream-bad-target = “{ $value }” is not a submission id or `next`
cli-stream-empty-line = empty line
cli-stream-reject-needs-codes = reject needs reason codes
cli-stream-bad-kind = expected approve, reject or escalate, found “{ $value }”
cli-queue-overdue-reviews = overdue reviews
cli-queue-overdue-resubmissions = overdue resubmissions
cli-queue-col-submission = submission
cli-queue-col-state = state
cli-queue-col-student = student
cli-queue-col-attempt = attempt
cli-queue-col-due = due
