# Errors of the store, the database backends, accounts and case transitions.
# One sentence each; the path, host or database comes last; never a password.

## Text shown as it is (the system's or a library's own words)

plain = { $text }

## Where the database is

store-not-found = database file not found, or a server database with no idphoto-review tables yet (create one with `idphoto-review demo --db …` or `user add`): { $at }
store-not-ours = not an idphoto-review database (damaged, or another program's data): { $at }
store-too-new = database was written by a newer version of idphoto-review (schema { $found }, this version knows { $known }); update the program: { $at }
store-target-not-empty = the target database is not empty (table { $table } has rows): migrate only into a new, empty database: { $at }
store-tool-failed = { $tool } failed: { $detail }
store-sqlite-only = { $what } needs the SQLite backend; on PostgreSQL, { $instead }
sqlite-only-migrate = copy between servers with pg_dump and pg_restore
store-busy = database is busy (another desk is writing); try again
store-migration = database migration failed: { $detail }
store-corrupt = stored data is inconsistent: { $detail }
store-target-exists = the file already exists; choose another name or pass --force to replace it: { $path }
store-in-use = the file is in use by another program or desk; close it first: { $path }
store-schema-tampered = the backup's tables, indexes or triggers are not those of schema { $version } ({ $detail }): it was changed outside idphoto-review, so it is not restored: { $path }
store-damaged = the file is damaged (integrity check: { $detail }); nothing was changed: { $path }
store-io = cannot write the file ({ $detail }): { $path }

## The database server

db-no-rows = query returned no rows
db-constraint = the database refused a duplicate or invalid row ({ $detail })
db-conversion = unexpected column type: { $detail }
db-unreachable = cannot reach the database server ({ $detail }): { $host }
db-refused = cannot reach the database server (connection refused: is it running, and are the host and port right?): { $host }
db-timed-out = cannot reach the database server (no answer within 5 s: check the network): { $host }
db-auth-failed = the database server refused the sign-in (user name or password): { $host }
db-no-password = no password given for the database server: put it in the URL, PGPASSWORD or ~/.pgpass: { $host }
db-no-such-database = the database server has no database of that name: { $host }
db-login-not-permitted = the database server does not let this login in ({ $detail }): { $host }
db-refused-by-config = the database server's configuration (pg_hba.conf) does not let this login in from here ({ $detail }): { $host }
db-error = database error: { $detail }

## Campaigns, students, cases

store-unknown-campaign = no campaign named “{ $name }”
store-duplicate-campaign = a campaign named “{ $name }” already exists
store-unknown-submission = no submission with id { $id }
store-unknown-case = no case with id { $id }
store-unknown-student = no student with ID number { $id_number } in campaign “{ $campaign }”
store-collected-offline = student { $id_number } is collected offline (document type { $doc_type }); uploads are not accepted
store-not-current = submission { $submission } is no longer the current photo of its case (a newer photo arrived)
store-already-decided = submission { $submission } was already decided: the case is { $state }
store-already-decided-by = submission { $submission } was already decided: the case is { $state } (by { $reviewer } at { $at } UTC)
store-claimed = case { $case } is open at another desk ({ $by }); it is skipped until that desk moves on
store-print-changed = case { $case } is no longer approved with the photo that was printed (reopened or decided again meanwhile); nothing was recorded, run production again
store-already-printed = case { $case } was printed by another run meanwhile; nothing was recorded, run production again (or reprint with a reason)
store-not-undoable = cannot undo decision { $decision }: { $why }
undo-why-missing = no such decision
undo-why-other-reviewer = it was made by { $reviewer }
undo-why-exported = it has already been exported
undo-why-later-decision = a later decision was taken on the case
undo-why-new-photo = the student has uploaded a new photo since
undo-why-moved-on = the case has moved on since
store-invalid-decision = invalid decision: { $why }
store-unknown-case-for = no case for ID number { $id_number }
store-ambiguous-case = ID number { $id_number } has cases in several campaigns; give the case id instead
store-missing-reason = { $what } needs a reason, for the audit log
reason-for-extension = an extension
reason-for-reopen = reopening a case
reason-for-reprint = a reprint

case-state = { $state ->
    [pending_review] pending review
    [escalated] escalated
    [approved] approved
    [rejected] rejected
    [collection_failed] collection failed
   *[other] { $state }
}

transition-not-allowed = { $action ->
    [approve] cannot approve
    [reject] cannot reject
    [escalate] cannot escalate
    [undo] cannot undo a decision on
    [reopen] cannot reopen
    [extend] cannot extend
    [reassign] cannot reassign
    [makeup] cannot record a make-up shoot for
   *[other] cannot { $action }
} a case that is { $state }
transition-due-not-future = the new due time { $due } is not in the future
transition-due-not-later = an extension must move the due time later than { $current }

## Accounts and sign-in

store-login-failed = unknown user name or wrong password
store-sign-in-throttled = too many failed sign-ins for “{ $name }”; wait { $secs } s before trying again (the wait grows with each failure)
store-account-disabled = account “{ $name }” is disabled; a supervisor can enable it again
store-unknown-user = no account named “{ $name }”
store-duplicate-user = an account named “{ $name }” already exists
store-sign-in-required = accounts exist already: sign in as a supervisor to add one (the first account of a new database needs no sign-in and must be a supervisor)
store-first-account-not-supervisor = the first account of a database must be a supervisor, who can then add reviewers
store-last-supervisor = cannot disable “{ $name }”: it is the last enabled supervisor account
store-password-hash = cannot hash the password: { $detail }
store-no-database-role = account “{ $name }” has no sign-in on this database server yet: a supervisor or the database owner must set its password again (`user passwd`)
account-name-empty = the login name is empty
account-name-whitespace = the login name “{ $name }” contains spaces or control characters
account-name-too-long = the login name is longer than { $max } characters
account-display-empty = the display name is empty
account-password-too-short = the password is shorter than { $min } characters

forbidden = { $who } may not { $action }: supervisors only
action-decide = decide a photo
action-decide-escalated = decide an escalated case
action-reopen = reopen a case
action-grant-extension = grant an extension
action-reassign = reassign a case
action-record-makeup-shoot = record a make-up shoot
action-export = export
action-produce = print photos for production
action-manage-users = manage accounts
action-view-queue = read the queue
action-import-roster = import a roster
action-create-campaign = create a campaign
action-record-upload = record uploads
action-run-sweep = run the clock sweep
action-view-board = read the deadline board
action-backup = back up or restore the database
action-recheck = run the checks again

## Exports and production

export-target-exists = refusing to overwrite an existing export; choose a new name: { $path }
export-bad-target = the export needs a file or folder name, not a root or `..`: { $path }
export-no-parent = the folder to write into does not exist: { $path }
export-io = cannot write the export ({ $why }); nothing was exported: { $path }
export-unsafe-id-number = a roster ID number is not a valid ID number, so it cannot name a photo file; fix the roster row: { $id_number }
export-outside = refusing to write a file outside the export folder: { $name }
export-duplicate-id-number = ID number { $id_number } is approved in more than one campaign; export one campaign with --campaign
export-hash-mismatch = the stored photo of { $id_number } does not match its recorded SHA-256 (damaged database or disk); nothing was exported
export-nothing-approved = no approved photos to export
export-nothing-approved-in = no approved photos to export in “{ $campaign }”
export-bad-recipient = not an age public key (expected age1… as printed by age-keygen): { $value }
export-encrypt = encryption failed: { $why }
export-not-recorded = the export was written but could not be recorded ({ $why }), so it was removed again: { $path }
produce-font = the embedded font cannot be read or cut down (damaged build)
produce-print-too-large = the campaign's print size does not fit on its paper; choose a smaller size or A4
produce-bad-settings = the campaign's print setting is not usable: { $why }
produce-unreadable-photo = the approved photo of { $id_number } cannot be read for printing
produce-hash-mismatch = the stored photo of { $id_number } does not match its recorded SHA-256 (damaged database or disk); nothing was printed
produce-no-students = no roster students in campaign “{ $campaign }”
produce-no-students-in-batch = no roster students in campaign “{ $campaign }”, mailing batch “{ $batch }”
produce-nothing-to-print = nothing new to print: { $already } approved { $already ->
    [one] photo
   *[other] photos
} printed already, { $waiting } not approved yet
produce-not-approved = no approved student with ID number { $id_number } in this campaign and batch
produce-csv = cannot write the packing list: { $why }
produce-not-recorded = the prints were written but could not be recorded ({ $why }), so they were removed again: { $path }

## Rosters

import-row-errors = { $bad ->
    [one] 1 row has errors
   *[other] { $bad } rows have errors
}; nothing was imported (fix them, or import the { $valid } valid { $valid ->
    [one] row
   *[other] rows
} and skip the rest)
roster-io = cannot read the roster file ({ $why }): { $path }
roster-unsupported = unsupported roster file: { $what }
roster-too-large = the roster file is larger than { $max_mb } MB, far more than any roster; refused without reading it: { $path }
roster-not-a-file = the roster is not a regular file (a folder, pipe or device): { $path }
roster-missing-columns = the roster is missing required column(s): { $missing }; columns found: { $found_count ->
    [0] none
   *[other] { $found }
}
roster-empty = the roster file contains no student rows
roster-spreadsheet = cannot read the spreadsheet: { $why }

## Decisions, ID numbers and reason codes
decision-reject-without-reason = a rejection needs at least one reason
decision-other-without-note = reason OTHER needs a note for the student
decision-approve-with-reasons = an approval carries no rejection reasons
decision-no-reviewer = the reviewer's name is empty
id-number-length = ID number must have 18 characters, found { $found }
id-number-characters = ID number must be 17 digits followed by a digit or X
id-number-birth-date = Characters 7–14 of the ID number are not a valid birth date ({ $date })
id-number-checksum = ID number checksum does not match: last character should be { $expected }, found { $found }
reason-unknown = unknown rejection reason code “{ $code }”

## Reading uploads (ingest)
upload-symlink = is a symbolic link; only regular files are ingested, so copy the file itself
upload-not-regular = is not a regular file (a folder, pipe or device); only regular files are ingested
upload-empty = the file is empty
upload-too-large = is larger than { $mb } MB; refused without reading it
upload-changed = was replaced while it was being read; ingest the folder again
upload-io = cannot read the file: { $why }
ingest-not-photo-name = not a photo file name (expected <ID number>.jpg)
ingest-name-not-id = the file name is not an ID number: { $why }
ingest-row-unreadable = unreadable row: { $why }
ingest-row-bad-id = bad ID number “{ $id }”: { $why }
ingest-row-bad-file = the file “{ $file }” must be a plain name inside the folder
ingest-row-bad-time = submitted_at “{ $time }” is not a time (use 2022-03-25 14:30:00 or RFC 3339)
ingest-recorded-unreadable = recorded, but it is not a readable photo: { $why }
ingest-recorded-too-late = recorded only: it arrived after the resubmission due time, so the collection has failed
ingest-recorded-after-approval = recorded only: the case is already approved, nothing changes

## Roster rows
roster-problem = line { $line }: { $text }
roster-problem-in-column = line { $line } ({ $column }): { $text }
roster-title-skipped = Rows above line { $line } were taken as a title and skipped.
roster-repeated-header = A repeated header row was skipped.
roster-columns-unknown = These columns are not recognised and were ignored: { $columns }.
roster-columns-repeated = These columns repeat an earlier column and were ignored: { $columns }.
roster-cell-too-long = The value is { $chars } characters long; at most { $max } are allowed.
roster-duplicate-id = Duplicate ID number: the same number already appears on line { $first }.
roster-name-missing = The name is missing.
roster-name-formula = The name looks like a spreadsheet formula (it starts with =, +, - or @).
roster-name-too-long = The name is { $chars } characters long; at most { $max } are allowed.
roster-name-undecodable = The name contains characters that could not be decoded; check the file's encoding.
roster-name-control = The name contains a line break or another control character.
roster-id-missing = The ID number is missing.
roster-id-lost-digits = The ID number was stored as a number in Excel and lost its last digits; format the column as text and enter the numbers again.
roster-id-old-number = The ID number has 15 digits, an old number; use the 18-digit one.
# An ID number that did not parse (`id-number-…`), as a sentence of its own.
roster-id-invalid = { $why }.
roster-sex-unknown = The sex value “{ $value }” is not recognised (expected 男/女 or M/F).
roster-sex-mismatch = The sex column says “{ $value }” but the ID number indicates { $sex }; the ID number's sex is kept.
sex = { $sex ->
    [male] male
    [female] female
   *[other] { $sex }
}
roster-already-on-roster = ID number { $id } is already on this campaign's roster.

message-unknown = (a message this version does not know: { $id })

## The demo database
demo-not-empty = the database already has accounts or campaigns; the demo goes only into a new, empty database (it adds accounts whose passwords are public)
demo-photo-failed = cannot prepare demo photo: { $error }
demo-variant-decode = cannot decode the base photo: { $error }
demo-variant-encode = cannot encode the variant: { $error }
demo-variant-face = cannot place the edit on the face: { $why }
demo-variant-no-cheeks = the cheeks could not be placed
demo-variant-no-eyes = the eyes could not be placed
