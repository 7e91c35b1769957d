"""What every benchmark section shares: where things are, the machine, timing, and running
a command in a subprocess while measuring its wall time and peak memory."""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
NA = "n/a"


@dataclass
class Context:
    """Where the inputs are, how big the samples are, and what time is left."""

    shared: Path
    quick: bool
    tmp: Path
    deadline: float | None = None  # time.monotonic() by which the run should end

    @property
    def bbc(self) -> Path:
        return self.shared / "corpora" / "bbc"

    @property
    def eval_dir(self) -> Path:
        return self.shared / "eval"

    @property
    def article_dev(self) -> Path:
        return self.shared / "bench" / "article-extraction" / "dev"

    def seconds_left(self) -> float:
        return float("inf") if self.deadline is None else self.deadline - time.monotonic()

    def fits(self, seconds: float) -> bool:
        """Whether work expected to take `seconds` fits in the time left (with a margin)."""
        return seconds * 1.3 + 60 <= self.seconds_left()

    def subdir(self, name: str) -> Path:
        path = Path(tempfile.mkdtemp(prefix=f"{name}-", dir=self.tmp))
        return path


def resolve_shared(given: str | None) -> Path:
    """The shared folder: --shared, else ../shared beside the repository's root (a worktree's
    root is not the main checkout's, so both it and the main checkout's sibling are tried)."""
    if given:
        return Path(given).resolve()
    for candidate in (REPO.parent / "shared", REPO.parent.parent / "shared"):
        if (candidate / "eval").is_dir():
            return candidate.resolve()
    raise SystemExit(f"bench: cannot find the shared folder at {REPO.parent / 'shared'}; pass --shared DIR")


def searcher_argv() -> list[str]:
    """The `searcher` command of the Python running the harness (its venv's entry point)."""
    script = Path(sys.executable).parent / "searcher"
    return [str(script)] if script.exists() else [sys.executable, "-m", "searcher"]


def isolated_env(home: Path) -> dict[str, str]:
    """Environment for measured commands: caches kept in `home`, so a build starts cold
    and nothing the user has cached is read or touched."""
    env = dict(os.environ)
    env["XDG_CACHE_HOME"] = str(home / "cache")
    env["SEARCHER_CACHE"] = str(home / "cache" / "searcher")
    env.pop("SEARCHER_CORPUS", None)
    env.pop("SEARCHER_INDEX", None)
    return env


def machine() -> dict:
    cpu = NA
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = NA
    try:
        kib = int(next(l for l in Path("/proc/meminfo").read_text().splitlines() if l.startswith("MemTotal")).split()[1])
        memory = f"{kib / 1024 / 1024:.1f} GiB"
    except (OSError, StopIteration, ValueError):
        pass
    return {"nproc": os.cpu_count(), "cpu": cpu, "memory": memory, "python": platform.python_version(),
            "platform": platform.platform(), "loadavg_at_start": load_average(),
            "yardstick_cpu_s_at_start": cpu_yardstick()}


def cpu_yardstick() -> float:
    """CPU seconds of a fixed pure-Python loop, best of 3: how fast the cores run today. A
    shared host's cores ran this 1.5x slower in some hours than in others, and every CPU
    figure of a run moves with them; runs compare in proportion to this, and figures
    beside a peer's from the same run not at all."""
    best = float("inf")
    for _ in range(3):
        start, total = time.process_time(), 0
        for i in range(2_000_000):
            total += i * i
        best = min(best, time.process_time() - start)
    return round(best, 3)


def load_average() -> list[float] | str:
    """The 1, 5 and 15 minute load averages: how busy the machine was besides the run."""
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return NA


def percentiles(seconds: list[float]) -> dict:
    """p50/p95/max in milliseconds (nearest-rank p95)."""
    if not seconds:
        return {"n": 0, "p50_ms": NA, "p95_ms": NA, "max_ms": NA}
    ordered = sorted(seconds)
    p95 = ordered[max(0, -(-95 * len(ordered) // 100) - 1)]
    return {"n": len(ordered), "p50_ms": round(statistics.median(ordered) * 1000, 2),
            "p95_ms": round(p95 * 1000, 2), "max_ms": round(ordered[-1] * 1000, 2)}


def _cpu() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def timed(fn, *args, **kwargs):
    """(fn's value, wall seconds, CPU seconds of this process and the workers it waited
    for). On a shared machine the CPU seconds say what the work costs; the wall seconds
    include waiting for a core."""
    wall, cpu = time.perf_counter(), _cpu()
    value = fn(*args, **kwargs)
    return value, time.perf_counter() - wall, _cpu() - cpu


def rate(count: int, wall: float, cpu: float, unit: str = "docs") -> dict:
    """Seconds and items per second, by the wall clock and by CPU time."""
    return {"seconds": round(wall, 2), f"{unit}_per_s": round(count / wall, 1) if wall else NA,
            "cpu_seconds": round(cpu, 2), f"{unit}_per_cpu_s": round(count / cpu, 1) if cpu else NA}


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in Path(path).rglob("*") if p.is_file())


def _tree_rss(root: int) -> int:
    """Resident bytes of the descendants of `root` (not `root` itself), from /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    total, todo, page = 0, list(children.get(root, [])), os.sysconf("SC_PAGE_SIZE")
    while todo:
        pid = todo.pop()
        try:
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * page
        except (OSError, IndexError, ValueError):
            pass
        todo.extend(children.get(pid, []))
    return total


# A small process starts the measured command and reports its wall time and ru_maxrss.
# Started straight from the harness, the command's ru_maxrss would count the harness's own
# memory (Linux carries the high-water mark of the forked copy across exec).
_LAUNCHER = """
import os, subprocess, sys, time
started = time.perf_counter()
child = subprocess.Popen(sys.argv[2:])
_, status, usage = os.wait4(child.pid, 0)
with open(sys.argv[1], "w") as fh:
    fh.write(f"{time.perf_counter() - started} {usage.ru_maxrss} {usage.ru_utime + usage.ru_stime}")
sys.exit(os.waitstatus_to_exitcode(status))
"""


@dataclass
class Measured:
    """A finished command: exit code, output, wall seconds, and peak memory two ways:
    the largest single process (ru_maxrss) and the whole process tree sampled from /proc
    (which counts worker processes together)."""

    returncode: int
    stdout: str
    stderr: str
    seconds: float
    maxrss_mb: float
    tree_peak_mb: float | str
    cpu_seconds: float = 0.0  # of the command and the worker processes it waited for

    def ok(self) -> bool:
        return self.returncode == 0


def run_measured(argv: list[str], *, env: dict | None = None, cwd: Path | None = None,
                 sample_every: float = 0.1) -> Measured:
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err, \
            tempfile.NamedTemporaryFile("r", suffix=".rusage") as report:
        proc = subprocess.Popen([sys.executable, "-c", _LAUNCHER, report.name, *argv], stdout=out, stderr=err,
                                env=env, cwd=cwd)
        peak = [0]
        done = threading.Event()
        sampling = Path("/proc/self/stat").exists()

        def sample() -> None:
            while not done.wait(sample_every):
                peak[0] = max(peak[0], _tree_rss(proc.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        if sampling:
            sampler.start()
        returncode = proc.wait()
        done.set()
        if sampling:
            sampler.join()
        seconds, maxrss_kb, cpu = (float(x) for x in report.read().split())
        out.seek(0)
        err.seek(0)
        return Measured(returncode, out.read(), err.read(), seconds, round(maxrss_kb / 1024, 1),
                        round(peak[0] / 2**20, 1) if sampling else NA, round(cpu, 2))


def time_command(argv: list[str], repeat: int, *, env: dict | None = None, cwd: Path | None = None) -> dict:
    """Wall seconds of a command run `repeat` times (median and max)."""
    runs = [run_measured(argv, env=env, cwd=cwd, sample_every=1.0) for _ in range(repeat)]
    times = [r.seconds for r in runs]
    return {"median_s": round(statistics.median(times), 3), "max_s": round(max(times), 3), "runs": repeat,
            "exit": runs[-1].returncode}


def last_line(text: str, prefix: str) -> str | None:
    """The last line of `text` that starts with `prefix`."""
    lines = [l for l in text.splitlines() if l.startswith(prefix)]
    return lines[-1] if lines else None


def summary_fields(line: str | None) -> dict:
    """`SUMMARY a=1.000 b=2` -> {"a": 1.0, "b": 2}."""
    out = {}
    for part in (line or "").split()[1:]:
        key, _, value = part.partition("=")
        for kind in (int, float, str):
            try:
                out[key] = kind(value)
                break
            except ValueError:
                continue
    return out
