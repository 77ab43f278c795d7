# Shared by the window and the command line: durations and countdowns.

duration-minutes = { $m } min
duration-hours = { $h } h
duration-hours-minutes = { $h } h { $m } min
countdown-left = { $span } left
countdown-overdue = { $span } overdue
