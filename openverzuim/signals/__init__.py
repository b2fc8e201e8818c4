"""The migration history of the former signals app, and nothing else.

Its tables moved, rows and all, to `measures` (expert opinions, escalation steps) and `reminders`
(digests sent, calendar links), and earlier its wage measures to `cases`. Later migrations of those
apps depend on this history, so the label stays installed until the migrations are squashed. It has
no AppConfig of its own (Django's default one gives it the label `signals`) and no code.
"""
