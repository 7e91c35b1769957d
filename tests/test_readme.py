"""Every `$ searcher ...` example in the README runs, in a folder holding a copy of the
seeds (as a user's checkout would), and prints what the README shows: line for line,
once numbers (times, sizes, scores, counts, dates), ids, this machine's paths and the
text of passages are set aside, with a line `...` standing for any number of lines."""

import re
import shlex
import shutil
import subprocess
import sys

import pytest
from click.testing import CliRunner

from searcher.cli import main

from .test_copies import _republish as republish
from tests.conftest import ROOT, SEEDS

README = (ROOT / "README.md").read_text(encoding="utf-8")
README_ROOT = "/home/me/searcher"  # where the README's examples pretend to run


def examples() -> list[tuple[str, list[str]]]:
    """(command after `searcher`, the output lines the README shows under it)."""
    lines = README.splitlines()
    found = []
    for i, line in enumerate(lines):
        if not line.startswith("    $ searcher "):
            continue
        shown = []
        for nxt in lines[i + 1:]:
            if nxt.startswith("    $ ") or (nxt.strip() and not nxt.startswith("    ")):
                break
            shown.append(nxt[4:])
        while shown and not shown[-1].strip():
            shown.pop()
        found.append((line[len("    $ searcher "):], shown))
    return found


def shape(line: str, root: str) -> str:
    line = line.rstrip().replace(root, README_ROOT)
    if line.startswith("   ... ") and line.endswith(" ..."):
        return "   ... <passage> ..."
    line = re.sub(r"\b(\w+)-[0-9a-f]{8}\b", r"\1-<id>", line)
    line = re.sub(r"\bs[0-9a-f]{12}\b", "<story>", line)  # story ids hash paths too
    return re.sub(r"\d+", "0", line)


def matches(shown: list[str], printed: list[str]) -> bool:
    """Whether `printed` is `shown` line for line, a `...` line standing for any lines."""
    if not shown:
        return not printed
    if shown[0] == "...":
        return any(matches(shown[1:], printed[i:]) for i in range(len(printed) + 1))
    return bool(printed) and shown[0] == printed[0] and matches(shown[1:], printed[1:])


@pytest.fixture(scope="module")
def checkout(tmp_path_factory):
    home = tmp_path_factory.mktemp("checkout")
    shutil.copytree(SEEDS, home / "seeds")
    # the README's copies examples: the seeds plus two republications of them
    shutil.copytree(SEEDS, home / "caspian")
    republish(home / "caspian")
    return home


@pytest.mark.parametrize("command, shown", examples(), ids=[c for c, _ in examples()])
def test_readme_example_prints_what_the_readme_shows(command, shown, checkout, monkeypatch):
    monkeypatch.chdir(checkout)
    for name in ("SEARCHER_CORPUS", "SEARCHER_INDEX", "SEARCHER_RANKING", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
    result = CliRunner().invoke(main, shlex.split(command))
    assert "Traceback" not in result.output
    if any(line.startswith("searcher: error") for line in shown):
        assert result.exit_code == 2
    elif any(line.startswith("0 matching") for line in shown):
        assert result.exit_code == 1
    else:
        assert result.exit_code == 0, result.output
    assert result.output.strip()
    if shown:
        printed = [shape(line, str(checkout)) for line in result.output.rstrip("\n").splitlines()]
        expected = [shape(line, README_ROOT) for line in shown]
        assert matches(expected, printed), "\n".join(["README shows:", *expected, "", "printed:", *printed])


def test_the_examples_are_found():
    commands = [c for c, _ in examples()]
    assert commands[0] == "index --rebuild" and len(commands) > 20
    assert sum(1 for _, shown in examples() if shown) >= 10


def test_set_up_commands_make_and_use_a_virtual_environment_and_ci_runs_the_same():
    install, tests = re.findall(r"^    (python3 -m venv .*)$", README.split("## Set-up", 1)[1], re.M)[:2]
    assert install.startswith("python3 -m venv .venv && .venv/bin/pip install . && .venv/bin/searcher query")
    assert tests.startswith("python3 -m venv .venv && .venv/bin/pip install -e '.[test]' && .venv/bin/pytest")
    ci = subprocess.run([str(ROOT / ".ci" / "run"), "--print"], capture_output=True, text=True)
    assert ci.returncode == 0 and ci.stdout.strip() == tests


def test_python_example_runs_in_a_fresh_process(checkout):
    """The README's Python block, run as written from a folder holding the seeds: the
    package's own API builds the index, searches it with a filter and extracts a file."""
    blocks = re.findall(r"^```python\n(.*?)^```", README, re.M | re.S)
    assert len(blocks) == 1
    home = checkout / "python-example"
    shutil.copytree(SEEDS, home / "seeds")
    run = subprocess.run([sys.executable, "-c", blocks[0]], cwd=home, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    total, extracted = run.stdout.splitlines()
    assert total.startswith("2 ") and "John Kirby" in total  # two CNN articles name Caspian; Kirby among their people
    assert "Iran supplies Russia" in extracted and "Martin Kelly" in extracted
