"""The headless command line: the parser, and one module per group of subcommands."""

from rcm_desktop.cli.parser import (
    EXCLUSIVE_COMMANDS,
    PROFILELESS_COMMANDS,
    build_parser,
    parse_arguments,
    run_command,
)

__all__ = [
    "EXCLUSIVE_COMMANDS",
    "PROFILELESS_COMMANDS",
    "build_parser",
    "parse_arguments",
    "run_command",
]
