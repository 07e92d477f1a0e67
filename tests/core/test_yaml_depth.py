"""Our nesting limit speaks for itself, whatever PyYAML's scanner does first.

PyYAML 6.0.4's scanner refuses deep flow nesting with its own terse error before it
yields a token, so the raw-text count must find the bracket on its own, and must not be
fooled by brackets inside quotes or comments.
"""

from __future__ import annotations

from simulator.core.yaml_reader import MAX_DEPTH, _flow_too_deep, read_text


def test_the_bracket_past_the_limit_is_located() -> None:
    text = "id: x\nnodes: " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5) + "\n"
    problem = _flow_too_deep("f.yaml", text)
    assert problem is not None
    assert (problem.line, problem.col) == (2, len("nodes: ") + MAX_DEPTH + 1)
    assert f"nested more than {MAX_DEPTH} levels" in problem.message


def test_brackets_in_quotes_and_comments_do_not_count() -> None:
    deep = "[" * (MAX_DEPTH + 5)
    text = (f'says: "{deep}"\n'
            f"cue: '{deep}'\n"
            f"# {deep}\n"
            "codes: [a, [b, [c]]]\n")
    assert _flow_too_deep("f.yaml", text) is None


def test_deep_flow_nesting_gives_our_message_not_the_scanners() -> None:
    tree, problems = read_text("f.yaml", "a: " + "[" * 1200 + "]" * 1200 + "\n")
    assert tree is None
    said = [p.message for p in problems]
    assert said == [f"the file is nested more than {MAX_DEPTH} levels deep"]
    assert problems[0].hint


def test_a_plain_syntax_error_is_still_reported_as_one() -> None:
    tree, problems = read_text("f.yaml", "a: [1, 2\nb: 3\n")
    assert tree is None
    assert len(problems) == 1 and problems[0].message.startswith("YAML syntax:")
