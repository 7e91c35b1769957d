"""`searcher` as a program: the console script and `python -m searcher` start here."""

import gc
import os
import sys


def run() -> None:
    """The command line, with the cyclic garbage collector paused while it starts.

    A cold command spends most of its time importing some 240 modules, whose objects live
    as long as the process: the collector walks them again and again during the imports
    and frees nothing. Commands that only read an index keep it paused (cli.READING_COMMANDS:
    short work, whose garbage reference counting frees) and end without the interpreter's
    teardown of those modules; every other command, and building an index, turn it back on
    and end as usual."""
    gc.disable()
    from .cli import main

    try:
        main(prog_name="searcher")
    except SystemExit as done:
        if gc.isenabled() or not isinstance(done.code, (int, type(None))):
            raise
        _end_reading_command(done.code or 0)


def _end_reading_command(code: int) -> None:
    """Exit once the output is out, skipping the teardown (about 20 ms of a cold query): a
    reading command has nothing to finalise, no files written, no threads, no atexit work."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:  # the reader went away: the end cli.SearcherGroup gives it too
        code = 0
    except OSError as exc:  # the output could not be written (a full disk)
        sys.stderr.write(f"searcher: error: cannot write the output: {exc.strerror or exc}\n")
        code = 2
    try:
        sys.stderr.flush()
    except OSError:
        pass
    os._exit(code)


if __name__ == "__main__":
    run()
