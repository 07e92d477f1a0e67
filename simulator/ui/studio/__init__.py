"""The writers' studio: a window of its own for people who write scenarios.

It watches one scenario file, re-checks it on every save, lists the located
problems, draws the scenario as a map and lets the writer test-play from any
node. It shares nothing with the learner's app but the core, so either can
change without the other.
"""
