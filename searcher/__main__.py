"""`searcher` as a program: the console script and `python -m searcher` start here."""

import gc


def run() -> None:
    """The command line, with the cyclic garbage collector paused while it starts.

    A cold command spends most of its time importing some 150 modules, whose objects live
    as long as the process: the collector walks them again and again during the imports
    and frees nothing (about a tenth of a cold `searcher query`). Commands that only read
    an index keep it paused (cli.READING_COMMANDS: short work, whose garbage reference
    counting frees); every other command, and building an index, turn it back on."""
    gc.disable()
    from .cli import main

    main(prog_name="searcher")


if __name__ == "__main__":
    run()
