"""Hostile and broken scenario files: each is refused plainly, quickly and safely.

A scenario file may come from anyone, so whatever it holds the writer gets a
located message they can act on (`file:line:col: error: ...`), the command line
exits with status 1, nothing is executed, and nothing hangs or crashes. Files
too big to commit (50 MB, 10,000 levels of indented keys, random bytes) are made
in tmp_path at test time.

The time bound is deliberately generous (5 s) so that a busy CI machine cannot
fail it; the real times (a few milliseconds) are measured by
`benchmarks/bench_core.py`, not asserted here.
"""

from __future__ import annotations

import io
import random
import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from simulator.cli import main
from simulator.core.loader import LoadResult, validate_file
from simulator.core.yaml_reader import read_text

DATA = Path(__file__).resolve().parent.parent / "data"
INVALID = DATA / "invalid"
MINI = DATA / "valid" / "mini.yaml"
MARKER = "hostile-marker"  # what the hostile fixtures try to create, relative to the cwd
BOUND = 5.0  # seconds; generous on purpose, see the module docstring
LOCATED = re.compile(r"^(?P<file>.+):(?P<line>\d+):(?P<col>\d+): error: (?P<message>.+)$")
SEED = 20240917

Maker = Callable[[Path], Path]
Capture = pytest.CaptureFixture[str]


def _fixture(name: str) -> Maker:
    return lambda tmp: INVALID / f"hostile_{name}.yaml"


def _fifty_megabytes(tmp: Path) -> Path:
    path = tmp / "fifty.yaml"
    if path.exists():
        return path
    with path.open("wb") as out:
        out.write(b"id: huge\ntitle: Fifty megabytes\n")
        line = b"# " + b"x" * 1021 + b"\n"  # 1 KB a line
        out.write(line * (50 * 1024))
    return path


def _block_maps_text(levels: int = 10_000) -> str:
    """Keys indented one space deeper each line; about 50 MB for 10,000 levels."""
    return "".join(" " * i + f"k{i}:\n" for i in range(levels)) + " " * levels + "end\n"


def _block_maps(tmp: Path) -> Path:
    path = tmp / "block_maps.yaml"
    if not path.exists():
        path.write_text(_block_maps_text())
    return path


def _junk(tmp: Path) -> Path:
    data = random.Random(SEED).randbytes(64 * 1024)
    assert b"\x00" in data
    path = tmp / "junk.yaml"
    path.write_bytes(data)
    return path


def _junk_without_nul(tmp: Path) -> Path:
    data = random.Random(SEED).randbytes(64 * 1024).replace(b"\x00", b"\xff")
    path = tmp / "junk_no_nul.yaml"
    path.write_bytes(data)
    return path


def _missing(tmp: Path) -> Path:
    return tmp / "no-such-scenario.yaml"


def _folder(tmp: Path) -> Path:
    path = tmp / "scenario.yaml"  # a folder with a scenario's name
    path.mkdir(exist_ok=True)
    return path


def _xfail(reason: str) -> pytest.MarkDecorator:
    return pytest.mark.xfail(reason=reason, strict=True)


# name, how to make the file, words the writer must see (in message or hint)
CASES: list[tuple[str, Maker, str]] = [
    ("alias_bomb", _fixture("alias_bomb"), "anchors and aliases"),
    ("fifty_megabytes", _fifty_megabytes, "at most 2 MB"),
    ("nested_flow", _fixture("nested_flow"), "nested more than"),
    ("nested_block_seq", _fixture("nested_block_seq"), "nested more than"),
    ("nested_block_maps", _block_maps, "at most 2 MB"),  # too big before it is too deep
    ("binary_junk", _junk, "not a text file"),
    ("binary_junk_without_nul", _junk_without_nul, "UTF-8"),
    ("empty", _fixture("empty"), "empty"),
    ("comments_only", _fixture("comments_only"), "empty"),
    ("latin1", _fixture("latin1"), "UTF-8"),
    ("python_tag", _fixture("python_tag"), "tag"),
    ("python_tag_scalar", _fixture("python_tag_scalar"), "tag"),
    ("missing", _missing, "does not exist"),
    ("folder", _folder, "folder"),
    ("top_level_list", _fixture("top_level_list"), "set of keys"),
    ("two_documents", _fixture("two_documents"), "one scenario per file"),
    ("duplicate_keys", _fixture("duplicate_keys"), "appears twice"),
    ("tabs", _fixture("tabs"), "tab"),
]
BIG = {"fifty_megabytes", "nested_block_maps"}  # about 50 MB each, made once per module
KNOWN_BUGS: dict[str, dict[str, str]] = {
    # test -> case -> reason; strict, so fixing the core turns these into failures to remove
}


def _cases(test: str) -> list[object]:
    bugs = KNOWN_BUGS.get(test, {})
    return [pytest.param(maker, words, id=name,
                         marks=([_xfail(bugs[name])] if name in bugs else [])
                         + ([pytest.mark.slow] if name in BIG else []))
            for name, maker, words in CASES]


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the generated files go: shared by the tests of this module, as the big
    ones take longer to write than to refuse."""
    return tmp_path_factory.mktemp("hostile")


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run in tmp_path, so anything a hostile file managed to run would land there."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _validate(path: Path) -> LoadResult:
    start = time.perf_counter()
    result = validate_file(path)
    seconds = time.perf_counter() - start
    assert seconds < BOUND
    return result


def _cli(path: Path, capsys: Capture, command: str = "validate"
         ) -> tuple[int, list[str], str]:
    out = io.StringIO()
    start = time.perf_counter()
    code = main([command, str(path)], out)
    seconds = time.perf_counter() - start
    assert seconds < BOUND
    captured = capsys.readouterr()
    text = out.getvalue() + captured.out
    assert "Traceback" not in text + captured.err
    return code, text.splitlines(), captured.err


# -- validate_file -----------------------------------------------------------------------
@pytest.mark.parametrize(("make", "words"), _cases("refused"))
def test_file_is_refused_with_located_errors(make: Maker, words: str, made: Path,
                                             tmp_path: Path) -> None:
    path = make(made)
    result = _validate(path)
    assert result.scenario is None
    assert result.errors
    for problem in result.problems:
        assert problem.is_error
        assert problem.file == str(path)
        assert problem.line >= 0 and problem.col >= 0
        assert LOCATED.match(str(problem)), str(problem)
    assert not (tmp_path / MARKER).exists()


@pytest.mark.parametrize(("make", "words"), _cases("one_error"))
def test_file_gives_exactly_one_error(make: Maker, words: str, made: Path) -> None:
    result = _validate(make(made))
    assert len(result.problems) == 1, "\n".join(map(str, result.problems))


@pytest.mark.parametrize(("make", "words"), _cases("words"))
def test_message_tells_the_writer_what_is_wrong(make: Maker, words: str, made: Path) -> None:
    result = _validate(make(made))
    said = " ".join(f"{p.message} ({p.hint})" for p in result.problems)
    assert words.lower() in said.lower(), said


# -- the command line --------------------------------------------------------------------
@pytest.mark.parametrize(("make", "words"), _cases("cli"))
def test_cli_validate_fails_with_located_lines(make: Maker, words: str, made: Path,
                                               tmp_path: Path, capsys: Capture) -> None:
    code, lines, _ = _cli(make(made), capsys)
    assert code == 1
    located = [line for line in lines if LOCATED.match(line)]
    others = [line for line in lines if not LOCATED.match(line)]
    assert located, lines
    assert len(others) <= 1 and all("file(s) checked" in line for line in others), lines
    assert not (tmp_path / MARKER).exists()


@pytest.mark.parametrize(("make", "words"), _cases("cli_one_line"))
def test_cli_validate_prints_exactly_one_error_line(make: Maker, words: str, made: Path,
                                                    tmp_path: Path, capsys: Capture) -> None:
    code, lines, _ = _cli(make(made), capsys)
    assert code == 1
    assert len([line for line in lines if LOCATED.match(line)]) == 1, lines


@pytest.mark.parametrize(("make", "words"), _cases("walk"))
def test_cli_walk_refuses_without_traceback(make: Maker, words: str, made: Path,
                                            tmp_path: Path, capsys: Capture) -> None:
    code, lines, err = _cli(make(made), capsys, command="walk")
    assert code == 1
    assert lines == []
    assert LOCATED.match(err.splitlines()[0].removeprefix("error: ")), err
    assert not (tmp_path / MARKER).exists()


# -- deep nesting that the size limit does not catch first -------------------------------
@pytest.mark.slow
def test_ten_thousand_levels_of_indented_keys_stop_at_the_depth_limit() -> None:
    text = _block_maps_text()
    start = time.perf_counter()
    tree, problems = read_text("deep.yaml", text)
    assert time.perf_counter() - start < BOUND
    assert tree is None
    assert len(problems) == 1
    assert problems[0].line == 41 and "nested more than 40 levels" in problems[0].message


# -- Python where data belongs -----------------------------------------------------------
@pytest.mark.parametrize("name", ["condition_import", "condition_statement", "condition_call"])
def test_python_in_a_condition_is_refused_and_never_run(name: str, tmp_path: Path,
                                                        capsys: Capture) -> None:
    path = INVALID / f"hostile_{name}.yaml"
    source = path.read_text().splitlines()
    line_no, line = next((i, t) for i, t in enumerate(source, 1) if "- if:" in t
                         and ("(" in t or ";" in t))
    result = _validate(path)
    assert result.scenario is None
    [problem] = [p for p in result.errors if "condition" in p.message]
    assert "not understood" in problem.message
    assert problem.line == line_no
    assert line.index("if:") + 5 <= problem.col <= len(line)  # points into the condition
    code, lines, _ = _cli(path, capsys)
    assert code == 1 and any("condition" in text for text in lines if LOCATED.match(text))
    assert main(["walk", str(path)], io.StringIO()) == 1
    assert not (tmp_path / MARKER).exists()


@pytest.mark.parametrize(("key", "tagged"), [
    pytest.param("objectives", 'objectives: !!python/object/apply:os.system ["touch '
                 f'{MARKER}"]', id="on-a-list"),
    pytest.param("client", "client: !!python/object/new:os.system {name: Sam, background: x}",
                 id="on-a-map"),
    pytest.param("briefing", "briefing: !!python/object/apply:os.system touch",
                 id="on-a-value"),
])
def test_a_python_tag_inside_a_good_scenario_is_refused(key: str, tagged: str,
                                                        tmp_path: Path) -> None:
    text = MINI.read_text()
    original = next(line for line in text.splitlines() if line.startswith(f"{key}:"))
    if key == "client":  # replace the whole client block
        block = text[text.index("client:"):text.index("briefing:")]
        text = text.replace(block, tagged + "\n")
    else:
        text = text.replace(original, tagged)
    path = tmp_path / "tagged.yaml"
    path.write_text(text)
    result = validate_file(path)
    assert result.scenario is None
    assert [p.line for p in result.errors] == [text[:text.index(tagged)].count("\n") + 1]
    assert "tag" in result.errors[0].message
    assert not (tmp_path / MARKER).exists()
