"""Names shared by the loader and the pedagogy checks."""

REQUIRED_STATE = ("trust", "arousal")  # every scenario tracks these (meters, avatar, 4 R's)
BUILTIN_NAMES = ("turn",)  # also usable in conditions: responses given so far
