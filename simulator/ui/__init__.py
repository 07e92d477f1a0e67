"""The desktop app: the only package that imports Qt.

Widgets here show plain data and forward the learner's actions; the rules live
in `simulator.core` and the records in `simulator.storage`.
"""
