"""Student profiles: what makes a usable one, and a key that finds its history again."""

from __future__ import annotations

import pytest

from simulator.core.profile import Profile, ProfileError


def test_a_name_or_a_student_id_is_enough_and_spaces_are_tidied() -> None:
    assert Profile("  Alex   Kim ").name == "Alex Kim"
    assert Profile(student_id="S123").label == "S123"
    assert Profile("Alex Kim", "S123", "SW2").label == "Alex Kim (S123, SW2)"


@pytest.mark.parametrize(("fields", "message"), [
    ({}, "needs a name or a student id"),
    ({"name": "   "}, "needs a name or a student id"),
    ({"name": "x" * 81}, "81 characters long"),
    ({"name": "Al\x00ex"}, "control character"),
    ({"name": 42}, "must be text"),
])
def test_unusable_profiles_say_what_to_fix(fields: dict, message: str) -> None:
    with pytest.raises(ProfileError, match=message):
        Profile(**fields)


def test_the_key_is_stable_file_safe_and_tells_students_apart() -> None:
    a = Profile("Zoë O'Neil", "S1", "SW2")
    assert a.key == Profile("Zoë O'Neil", "S1", "SW2").key
    assert a.key.startswith("zoe-o-neil-")
    assert a.key != Profile("Zoë O'Neil", "S2", "SW2").key
    assert all(c.isalnum() or c == "-" for c in a.key)


def test_a_profile_survives_a_round_trip_and_bad_data_is_refused() -> None:
    profile = Profile("Alex", "S1", "SW2")
    assert Profile.from_dict(profile.to_dict()) == profile
    with pytest.raises(ProfileError):
        Profile.from_dict(["Alex"])  # type: ignore[arg-type]
