# Shared by the window and the command line: durations and countdowns.

duration-minutes = { $m } min
duration-hours = { $h } h
duration-hours-minutes = { $h } h { $m } min
countdown-left = { $span } left
countdown-overdue = { $span } overdue

## Names of states and roles, as labels
state-label-pending-review = Pending review
state-label-escalated = Escalated
state-label-approved = Approved
state-label-rejected = Rejected
state-label-collection-failed = Collection failed
role-label-reviewer = Reviewer
role-label-supervisor = Supervisor
# Between the items of a list in running text (“a, b”).
list-separator = {", "}
