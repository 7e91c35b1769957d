"""The timeline counts (search API, `--facet month`, `searcher timeline`) and `searcher
serve` as a real process on 127.0.0.1."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from searcher.search.searching import search

SEED_MONTHS = {"2022-12": 1, "2023-06": 1, "2024-06": 1}  # two seeds are undated


def test_month_facet_counts_every_month_oldest_first(seeds_index):
    results = search(seeds_index, "Iran", facets=("month", "year"), facet_limit=1)
    assert results.facets["month"] == SEED_MONTHS  # never cut to the facet limit
    assert list(results.facets["month"]) == sorted(SEED_MONTHS)
    assert results.facets["year"] == {"2024": 1}


def test_facet_month_on_the_command_line(run):
    doc = json.loads(run("query", "Iran", "--facet", "month", "--json").stdout)
    assert doc["facets"]["month"] == SEED_MONTHS
    assert "month:   2022-12 (1), 2023-06 (1), 2024-06 (1)" in run("query", "Iran", "--facet", "month").stdout


def test_timeline_command_draws_every_month(run):
    result = run("timeline", "Iran")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    months = [line.split()[0] for line in lines[:-1]]
    assert months[0] == "2022-12" and months[-1] == "2024-06" and len(months) == 19  # empty months included
    assert re.match(r"2022-12  █{50}  1$", lines[0])
    assert re.match(r"2023-01 +0$", lines[1])
    assert lines[-1] == "5 matching articles, 2 of them undated (not shown)"
    doc = json.loads(run("timeline", "Iran", "--outlet", "cnn", "--json").stdout)
    assert doc == {"query": "Iran", "total": 2, "undated": 1, "months": {"2024-06": 1}}
    assert run("timeline", "zeppelinxyz").exit_code == 1
    assert run("timeline", "title:(").exit_code == 2


def test_since_and_until_take_a_year_month_or_day(run):
    dates = lambda *args: sorted(h["published"] for h in json.loads(run("query", "*", "--json", *args).stdout)["hits"])
    assert dates("--since", "2023-06", "--until", "2023-06") == ["2023-06-10"]
    assert dates("--until", "2023") == ["2022-12-11", "2023-06-10"]
    assert dates("--since", "2024-06-21") == ["2024-06-21"]
    bad = run("query", "x", "--since", "2023-13")
    assert bad.exit_code == 2 and "'2023-13' is not a date" in bad.output


# -- searcher serve, as a process

def start_server(index: Path, *args: str, env: dict | None = None) -> tuple[subprocess.Popen, str]:
    """`searcher serve --port 0` (a free port); returns the process and its URL."""
    proc = subprocess.Popen([sys.executable, "-m", "searcher", "--index", str(index), "serve", "--port", "0", *args],
                            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=env)
    line = proc.stderr.readline()
    match = re.search(r"at (http://\S+/) ", line)
    if not match:
        proc.kill()
        raise AssertionError(f"serve said {line!r}{proc.stderr.read()}")
    return proc, match.group(1)


def stop(proc: subprocess.Popen) -> int:
    proc.send_signal(signal.SIGINT)
    try:
        return proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.stderr.close()


def test_serve_answers_on_loopback_and_stops_on_ctrl_c(seeds_index):
    proc, url = start_server(seeds_index)
    try:
        assert url.startswith("http://127.0.0.1:")
        with urllib.request.urlopen(url + "api/stats", timeout=10) as response:
            assert json.load(response)["documents"] == 5
        with urllib.request.urlopen(url + "search?q=Caspian", timeout=10) as response:
            assert 'data-total="4"' in response.read().decode()
        request = urllib.request.Request(url + "api/stats", headers={"Host": "attacker.example"})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=10)
        assert refused.value.code == 400
    finally:
        assert stop(proc) == 0


def test_open_starts_the_browser_on_the_page(seeds_index, tmp_path):
    opened = tmp_path / "opened"
    # webbrowser runs $BROWSER with the URL for %s: here a command that notes the URL
    browser = f"{sys.executable} -c 'import sys; open(sys.argv[1], \"w\").write(sys.argv[2])' {opened} %s"
    proc, url = start_server(seeds_index, "--open", env=os.environ | {"BROWSER": browser})
    try:
        deadline = time.monotonic() + 30  # a bound, not a timing: a loaded machine starts Python slowly
        while not opened.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert opened.read_text() == url
        # The browser is started before the server listens: Ctrl-C once it answers, as a person's
        # would come (one sent while it was still starting up could leave it running).
        with urllib.request.urlopen(url + "api/stats", timeout=10) as response:
            assert response.status == 200
    finally:
        stop(proc)


def test_a_browser_command_that_keeps_running_does_not_hold_the_server_up(seeds_index, tmp_path):
    # webbrowser waits for a $BROWSER command to end; a terminal browser ends when its user quits it
    opened = tmp_path / "opened"
    browser = (f"{sys.executable} -c 'import os, sys, time; open(sys.argv[1], \"w\").write(str(os.getpid())); "
               f"time.sleep(60)' {opened} %s")
    proc, url = start_server(seeds_index, "--open", env=os.environ | {"BROWSER": browser})
    try:
        deadline = time.monotonic() + 30  # a bound, not a timing
        while not (opened.exists() and opened.read_text()) and time.monotonic() < deadline:
            time.sleep(0.05)
        with urllib.request.urlopen(url + "api/stats", timeout=10) as response:
            assert json.load(response)["documents"] == 5
    finally:
        assert stop(proc) == 0
        if opened.exists() and opened.read_text():
            os.kill(int(opened.read_text()), signal.SIGKILL)


@pytest.fixture
def taken_port():
    """A port something else listens on, so a server that gets past its checks fails fast."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        yield taken.getsockname()[1]


def test_serve_says_when_the_port_is_taken(run, taken_port):
    result = run("serve", "--port", str(taken_port))
    assert result.exit_code == 2
    assert re.fullmatch(r"searcher: error: cannot listen on 127\.0\.0\.1 port \d+: .*; choose another with --port\n",
                        result.stderr)


def test_serve_warns_before_listening_beyond_this_machine(run, taken_port):
    # 192.0.2.1 (TEST-NET-1) is no address of this machine: the warning comes, then binding fails
    result = run("serve", "--host", "192.0.2.1", "--port", "0")
    assert "warning: listening on 192.0.2.1: anyone who can reach this machine can read the collection" in result.stderr
    assert result.exit_code == 2 and "cannot listen on 192.0.2.1" in result.stderr
    quiet = run("serve", "--host", "localhost", "--port", str(taken_port))
    assert quiet.exit_code == 2 and "warning" not in quiet.stderr


def test_the_server_does_not_load_spacy():
    """It only reads the index: the NER model would cost seconds and hundreds of MB."""
    code = "import sys, searcher.web; sys.exit('spacy' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0
