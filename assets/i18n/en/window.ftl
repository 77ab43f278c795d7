# The window: labels, buttons and the sentences with figures, by screen.


## Review desk

ui-app-title = ID photo review
ui-queue = Review queue
ui-queue-empty = Queue is empty
ui-overdue = overdue
ui-loading = Loading…
ui-no-selection = Select a photo in the queue
ui-photo-unreadable = Photo cannot be decoded
ui-name = Name
ui-id-number = ID number
ui-school = School
ui-degree = Degree
ui-programme = Programme
ui-attempt = Attempt { $n }
ui-fee = Fee
ui-fee-in-window = in window
ui-fee-late = late
ui-submitted = Submitted
ui-review-due = Review due
ui-history = History
ui-checks = Automatic checks
ui-checks-missing = Check results unavailable
ui-approve = Approve (A)
ui-reject = Reject (R)
ui-escalate = Escalate (E)
ui-reasons = Rejection reasons
ui-note-hint = Note to the student (required with Other)
ui-pick-reason = Pick at least one reason
ui-reviewer = Reviewer
ui-save-failed = Saving failed; the decision is kept on screen, try again
ui-language = 中文
ui-pending = pending
ui-shortcuts = A approve · R reject · E escalate · J/K move · ? all shortcuts
ui-all = All
ui-escalated = Escalated
ui-overdue-only = Overdue only
ui-any-attempt = Any attempt
ui-first-attempt = First upload
ui-resubmissions = Resubmissions
ui-any-verdict = Any check result
ui-not-checked = Not assessed
ui-all-schools = All schools
ui-search-hint = Search name or ID number (/)
ui-clear-filter = Clear filter
ui-shown-of = Showing { $shown } of { $total }
ui-filter-empty = No photo matches the filter
ui-held-by = Open at { $who }
ui-held-here = this desk
ui-picker-title = Rejection reasons
ui-picker-filter-hint = Type to filter reasons…
ui-picker-help = Number keys tick · Enter confirms and advances · Esc cancels
ui-picker-suggested = suggested by checks
ui-confirm-reject = Confirm rejection (Enter)
ui-cancel = Cancel (Esc)
ui-status-saved = Saved · #{ $id } → { $state }
ui-status-undone = Undone · #{ $id }
ui-status-exported = Exported to { $path }
ui-nothing-to-undo = No decision of this session to undo
ui-overlays = Overlays
ui-zoom-fit = Fit
ui-zoom-actual = 100%
ui-histogram = Histogram
ui-compare = Compare
ui-earlier-upload = Attempt { $n }
ui-recorded-upload = Recorded upload
ui-same-photo = Identical file to the previous upload
ui-near-same = Nearly identical to the previous upload (distance { $distance }/64)
ui-different-photo = Differs from the previous upload (distance { $distance }/64)
ui-earlier-reasons = Previous rejection reasons
ui-help-title = Keyboard shortcuts
ui-menu-file = File
ui-open-db = Open database…
ui-import-roster = Import roster…
ui-ingest-folder = Ingest photo folder…
ui-export-chsi = Export photos for CHSI…
ui-export-decisions = Export decisions (to notify students)…
ui-chsi-summary = Exported { $count } { $count ->
    [one] photo
   *[other] photos
} to { $path }
ui-chsi-sealed = Sealed with age (chsi.tar.age); README.txt beside it says how to open it
ui-recheck = Recheck photos awaiting review
ui-recheck-hint = After the checks or the campaign's settings changed: check again the photos awaiting review whose results are out of date, so the queue's marks are current
ui-recheck-summary = Checked { $checked } { $checked ->
    [one] photo
   *[other] photos
} again ({ $unreadable } could not be decoded)
ui-age-recipient-hint = The school's age public key (age1…; blank: not sealed)
ui-produce = Print sheets and packing lists
ui-produce-hint = Print sheets (PDF) for the approved students not printed yet, and a packing list (PDF, CSV) per school and mailing batch; the students are marked printed
ui-produce-batch-hint = Mailing batch (blank: every batch)
ui-produce-summary = { $students } { $students ->
    [one] student
   *[other] students
}, { $copies } { $copies ->
    [one] print
   *[other] prints
} on { $sheets } { $sheets ->
    [one] sheet
   *[other] sheets
}, written to { $path }
ui-decisions-summary = Exported { $count } new { $count ->
    [one] decision
   *[other] decisions
} ({ $approved } approved, { $rejected } rejected)
ui-refresh = Refresh queue
ui-working = Working…
ui-job-done = Done
ui-job-failed = Failed
ui-decided-today = Decided today
ui-loupe = Loupe
ui-claim-lost = Another desk has this photo; it cannot be decided here
ui-filter-state = State
ui-filter-checks = Checks
ui-filter-attempt = Attempt
ui-undo = Undo (Ctrl+Z)
ui-no-reason-ticked = No reason ticked; press R to pick
ui-path-hint = Or type a path (database, roster file or photo folder)
ui-close = Close
ui-roster-summary = Imported { $imported } { $imported ->
    [one] student
   *[other] students
} ({ $offline } collected offline), read as { $encoding }
ui-ingest-summary = { $recorded } recorded, { $refused } refused, { $warnings } { $warnings ->
    [one] warning
   *[other] warnings
}
ui-read-only = View only
ui-review-screen = Review
ui-swept = { $count } { $count ->
    [one] case
   *[other] cases
} passed their resubmission time: collection failed
ui-not-in-queue = That photo is no longer awaiting review (settled)
ui-demo-accounts = Demo database accounts: reviewer reviewer / reviewer-demo, supervisor supervisor / supervisor-demo
ui-login-title = Sign in to the review desk
ui-login-name = User name
ui-login-password = Password
ui-login-button = Sign in
ui-login-name-missing = Enter your user name
ui-login-password-missing = Enter your password
ui-login-failed = Unknown user name or wrong password
ui-login-disabled = This account is disabled; ask a supervisor
ui-login-unavailable = Cannot sign in: { $why }

## Deadline board and case history

board-title = Deadline board
board-reviews-overdue = Reviews overdue
board-reviews-due-soon = Due soon
board-awaiting-resubmission = Awaiting resubmission
board-collection-failed = Collection failed
board-repeat-rejections = Repeat rejections
board-escalated = Escalated
board-print-withdrawn = Printed, no longer approved
board-production = Production
board-production-hint = Per school and mailing batch: approved, printed and not printed; click a row for the students not printed
board-roster = Roster
board-approved = Approved
board-printed = Printed
board-to-print = To print
board-missing = Not printed
board-no-batch = no batch
board-missing-of = Students not printed
board-no-case = (no case)
board-filter-hint = Filter by name, ID, school
board-export-csv = Export CSV
board-refresh = Refresh
board-empty = Nothing here
board-no-match = Nothing matches the filter
board-student-no = Student no.
board-phone = Phone
board-mailing-batch = Mailing batch
board-state = State
board-attempts = Uploads/rejections
board-due = Due
board-case-history = Case history
board-uploads = Uploads
board-decisions = Decisions
board-audit = Audit log
board-close = Close
board-open-photo = View photo
board-current = current
board-resubmission-due = Resubmission due
board-approve = Approve
board-reject = Reject
board-escalate = Escalate
board-first-attempt = First upload
board-resubmission = Resubmission
board-replaces-pending = Replaces pending photo
board-too-late = Too late (recorded only)
board-after-approval = After approval (recorded only)
board-reviewer = Reviewer
board-time = Time
board-reasons = Reasons
board-note = Note
board-actor = Actor
board-action = Action
board-detail = Detail
board-photo = Photo
board-actions = Supervisor actions
board-action-reason = Reason (required, goes into the audit log)
board-extend = Extend resubmission
board-hours-from-now = hours from now
board-reopen = Reopen for review
board-reassign = Assign to
board-account = account
board-makeup = Record make-up shoot
board-makeup-at = Shoot at (YYYY-MM-DD HH:MM, the school's local time)
board-reason-required = A reason is required
board-bad-time = The time must be YYYY-MM-DD HH:MM
board-bad-hours = Hours must be a whole number from 1 to 720
board-done = Done

## Statistics

stats-title = Statistics
stats-per-hour = Decisions per hour (last { $hours } h)
stats-per-reviewer = Decisions per reviewer (last { $hours } h)
stats-approval-rate = Approval rate
stats-top-reasons = Top rejection reasons
stats-review-time = Time from upload to review
stats-median = Median
stats-p90 = 90th percentile
stats-within-promise = Reviewed within { $hours } h
stats-promise = Promise
stats-hours = hours
stats-coverage = Roster coverage: students with no upload yet
stats-roster = Roster
stats-uploaded = Uploaded
stats-missing = Missing
stats-fees = Fee classes (by first upload)
stats-students = Students
stats-amount-yuan = Amount (yuan)
stats-approved = Approved
stats-rejected = Rejected
stats-escalated = Escalated
stats-decisions = Decisions
stats-no-data = No data yet
stats-unspecified = (not given)
stats-refresh = Refresh
stats-total = Total

## Keyboard actions (the ? sheet)

key-approve = Approve and advance
key-reject = Reject: pick reasons
key-escalate = Escalate to a supervisor
key-next = Next photo
key-previous = Previous photo
key-undo = Undo the last decision
key-toggle-overlays = Show/hide check overlays
key-toggle-zoom = Fit / 100 %
key-toggle-compare = Compare with the previous upload
key-toggle-histogram = Show/hide the histogram
key-toggle-loupe = Loupe (hover for detail)
key-search = Search
key-help = This sheet
ui-claim-lost-to = Another desk has this photo; it cannot be decided here (open at { $who })

## Errors and notices

ui-save-failed-why = save failed, the decision is not lost: try again ({ $why })
ui-save-not-sent = save failed, the decision is not lost: try again
ui-worker-failed = cannot start the background worker: { $why }
ui-worker-stopped = the background worker stopped; open the database again (File → Open)
ui-thread-failed = cannot start a background thread: { $why }
ui-job-stopped = the job stopped unexpectedly
ui-no-campaign = this database has no campaign yet; create one with `import-roster --school --window`
ui-several-campaigns = this database has several campaigns: open a photo of the campaign first
ui-cannot-read-folder = cannot read the folder ({ $why }): { $path }
ui-sign-in-stopped = the sign-in stopped unexpectedly; try again
