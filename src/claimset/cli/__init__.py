"""Layer 6, the ``claimset`` command: parses arguments and hands over to a subcommand.

Exit status: 0 success, 1 the data has problems, 2 usage or unreadable input,
3 an internal error (a bug).  Errors are one line on stderr naming the code and
what to do; even a bug is reported in one line (CLAIMSET_DEBUG=1 shows the
traceback).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from claimset._version import __version__
from claimset.cli import commands
from claimset.core.errors import ClaimsetError

TYPE_CHECKING = False  # not `typing.TYPE_CHECKING`: importing typing costs start-up time
if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Iterable
    from typing import Any, NoReturn, TextIO

    from claimset.core.escape import EscapingStream

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3


class _VersionAction(argparse.Action):
    """``--version``: both versions, the dataset's read only when asked for."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS,
                 default: str = argparse.SUPPRESS, help: str | None = None) -> None:
        super().__init__(option_strings=option_strings, dest=dest, default=default, nargs=0,
                         help=help)

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: object, option_string: str | None = None) -> None:
        from claimset.core.resources import version_text

        sys.stdout.write(version_text(__version__) + "\n")
        parser.exit()


class _AfterStdout:
    """stderr that first flushes stdout, so that ``claimset find ... 2>&1 | cat`` shows
    lines in the order they were written (the table, then its summary) whatever the
    buffering: a pipe's stdout is block-buffered and stderr is not.  It wraps the
    escaping stream rather than subclassing it, so that the escaper (and its patterns)
    is imported only once a command runs, never for ``--help``."""

    def __init__(self, stream: EscapingStream, stdout: TextIO | EscapingStream) -> None:
        self._stream = stream
        self._stdout = stdout

    def write(self, text: str) -> int:
        self._stdout.flush()
        return self._stream.write(text)

    def writelines(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _help_width() -> int:
    """The width argparse would wrap help to (``shutil.get_terminal_size``'s columns, less
    2), found without importing shutil: it imports bz2, lzma and fnmatch, a tenth of what
    ``claimset --help`` costs (benchmarks/startup.py)."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return (columns or 80) - 2


class _Parser(argparse.ArgumentParser):
    #: The help's width, found once (argparse makes a formatter per argument added).
    _width: int | None = None

    def _get_formatter(self) -> argparse.HelpFormatter:
        if _Parser._width is None:
            _Parser._width = _help_width()
        return self.formatter_class(prog=self.prog, width=_Parser._width)  # type: ignore[call-arg]

    def error(self, message: str) -> NoReturn:  # argparse exits 2 already; keep its wording short
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"claimset: error: CS001 {message}\n")


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The whole command line; with ``argv``, only the command it names is configured.

    Every command is listed (name and help, from the table in
    :mod:`claimset.cli.commands`), but a command's module is imported only to
    configure it: ``main`` configures just the one being run, so ``claimset
    --help`` imports no command and ``claimset validate`` imports only validate's.
    """
    parser = _Parser(
        prog="claimset",
        description="Citation-checked figures: validate, query and extend the claimset dataset.",
    )
    parser.add_argument("--version", action=_VersionAction,
                        help="the package's version and the bundled dataset's, and exit")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    chosen = set(commands.COMMANDS) if argv is None else {_command_in(argv)}
    listed: Sequence[str] = tuple(commands.COMMANDS)
    if argv and argv[0] in commands.COMMANDS:
        # The command comes first, so the top level cannot print its help or usage: the
        # others' parsers are not built (argparse looks up translations for each, about
        # 0.1 ms apiece: a sixth of `claimset validate --help`).
        listed = (argv[0],)
    for name in listed:
        sub = subparsers.add_parser(name, help=commands.help_of(name),
                                    description=commands.help_of(name))
        if name in chosen:
            commands.configure(name, sub)
            sub.set_defaults(_parser=sub)  # for errors the top level finds (below)
    return parser


def _command_in(argv: Sequence[str]) -> str | None:
    """The command ``argv`` names: its first argument that is not an option (the
    top level has no option that takes a value)."""
    for argument in argv:
        if not argument.startswith("-"):
            return argument
    return None


def did_you_mean(word: str, choices: Sequence[str], *, fold: bool = False) -> str:
    """``"; did you mean 'validate'?"`` for close choices (difflib), else ``""``; with
    ``fold``, compared case-insensitively and named as ``choices`` write them."""
    import difflib  # only on the error path

    from claimset.core.escape import one_line

    names = {(choice.casefold() if fold else choice): choice for choice in choices}
    close = difflib.get_close_matches(word.casefold() if fold else word, names, n=3, cutoff=0.6)
    shown = " or ".join(repr(one_line(names[key])) for key in close)
    return f"; did you mean {shown}?" if close else ""


def _refuse_unknown_command(parser: argparse.ArgumentParser, arguments: list[str]) -> None:
    """``claimset valdate``: one line naming the command meant (argparse lists all 20)."""
    command = _command_in(arguments)
    if command is None or command in commands.COMMANDS:
        return
    before = arguments[:arguments.index(command)]
    if any(option in before for option in ("-h", "--help", "--version")):
        return  # those act first, as argparse has them
    from claimset.core.escape import one_line

    parser.error(f"{one_line(command)!r} is not a claimset command"
                 f"{did_you_mean(command, list(commands.COMMANDS))} (`claimset --help` "
                 "lists them)")


def main(argv: Sequence[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(arguments)
    _refuse_unknown_command(parser, arguments)
    args, unknown = parser.parse_known_args(arguments)
    if unknown:
        # A bad flag of a subcommand is reported under that subcommand's usage, not the
        # top-level one (argparse leaves unknown arguments to the top-level parser).
        owner = getattr(args, "_parser", None) or parser
        owner.error(f"unrecognized arguments: {' '.join(unknown)}")
    if getattr(args, "_run", None) is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    from claimset.core.escape import EscapingStream  # its patterns: not for --help

    stdout, stderr = sys.stdout, sys.stderr
    out, err = EscapingStream(stdout), EscapingStream(stderr)
    sys.stdout = out
    sys.stderr = _AfterStdout(err, out)  # flushes stdout (and what its guard holds) first
    try:
        return _run(args)
    finally:
        for stream in (out, err):
            stream.finish()
        sys.stdout, sys.stderr = stdout, stderr


def _run(args: argparse.Namespace) -> int:
    try:
        return int(args._run(args))
    except ClaimsetError as error:
        print(f"claimset: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("claimset: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader (e.g. `head`) went away; nothing useful is left to say.
        return EXIT_OK
    except OSError as error:
        print(f"claimset: error: CS109 {error.strerror or error}: {error.filename or ''}"
              .rstrip(": "), file=sys.stderr)
        return EXIT_USAGE
    except Exception as error:  # a bug: still one line, and a way to see the traceback
        if os.environ.get("CLAIMSET_DEBUG"):
            raise
        print(f"claimset: internal error: {type(error).__name__}: {error} (a bug: please "
              "report it; set CLAIMSET_DEBUG=1 to see the traceback)", file=sys.stderr)
        return EXIT_INTERNAL


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
