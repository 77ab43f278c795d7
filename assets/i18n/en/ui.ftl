# The review window's sentences that carry an error or a figure.

ui-save-failed = save failed, the decision is not lost: try again ({ $why })
ui-save-not-sent = save failed, the decision is not lost: try again
ui-worker-failed = cannot start the background worker: { $why }
ui-worker-stopped = the background worker stopped; open the database again (File → Open)
ui-thread-failed = cannot start a background thread: { $why }
ui-job-stopped = the job stopped unexpectedly
ui-no-campaign = this database has no campaign yet; create one with `import-roster --school --window`
ui-several-campaigns = this database has several campaigns: open a photo of the campaign first
ui-cannot-read-folder = cannot read the folder ({ $why }): { $path }
