"""The ``xxgk`` command line.

Each sub-command lives in its own module under :mod:`pipeline.commands`
and is registered here by name, so heavy imports happen only for the
command that runs.
"""

from __future__ import annotations

import importlib

import click

from . import __version__

# command name -> module in pipeline.commands that defines a click command of that name
COMMANDS = {
    "parse": "parse",
    "summarize": "summarize",
    "run": "run",
    "query": "query",
    "train": "train",
    "evaluate": "evaluate",
    "compare": "compare",
    "pairs": "pairs",
    "annotate": "annotate",
    "codebook": "codebook",
}

# Exit codes shared by the commands.
EXIT_OK = 0
EXIT_CHECKS_FAILED = 1
EXIT_USAGE = 2
EXIT_UNREADABLE = 3
EXIT_INTERNAL = 4  # a bug of ours (InternalError): please report it with the file


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return [name for name in COMMANDS if self.get_command(ctx, name) is not None]

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        module = COMMANDS.get(name)
        if module is None:
            return None
        try:
            mod = importlib.import_module(f"{__package__}.commands.{module}")
        except ModuleNotFoundError as exc:
            if exc.name == f"{__package__}.commands.{module}":
                return None
            raise
        return getattr(mod, name.replace("-", "_"))


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="xxgk")
def main() -> None:
    """Turn 政府信息公开工作年度报告 (PDF, HTML, Word, text) into validated records.

    \b
    Exit codes: 0 ok, 1 some check failed, 2 usage error, 3 unreadable input,
    4 internal error (a bug of ours: please report it with the file).
    """


if __name__ == "__main__":
    main()
