"""Learning records: xAPI 1.0.3 statements about each session, queued in the history
database and sent to an institution's Learning Record Store (LRS) when the learner
has switched sending on. No Qt here: the app, the CLI and the tests share all of it.
"""
