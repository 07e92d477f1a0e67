"""The faces a scenario can ask for: the avatar kinds and the expressions.

Its own tiny module (re-exported by `model`) so the app can draw the library's
faces at its first paint without loading the rest of the core.
"""

EXPRESSIONS = ("calm", "guarded", "angry", "upset", "relieved")
AVATARS = ("adult", "adult_woman", "adult_man", "older_man", "older_woman",
           "teen", "teen_girl", "teen_boy", "child", "girl", "boy")
