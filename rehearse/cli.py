"""The `rehearse` command. Textual is imported only when the app is opened."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from rehearse import __version__
from rehearse.core.config import Config, load_config
from rehearse.core.notebook import Notebook, NotesPathError, open_notebook
from rehearse.core.resources import shipped_dir

SUBCOMMANDS = ("list",)


def default_notes_path(config: Config) -> Path:
    """`notes` from the config, else ./answers, else the sample answers shipped with rehearse."""
    if config.notes is not None:
        return config.notes
    local = Path("answers")
    if local.is_dir():
        return local
    return shipped_dir("answers")


def _app_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="rehearse",
        description="Edit, search and rehearse interview answers kept in Markdown notes.",
        epilog="Other commands: 'rehearse list [PATH] [--json]' prints the outline.",
    )
    parser.add_argument("path", nargs="?", type=Path, help="a Markdown file or a folder of notes")
    parser.add_argument("--theme", help="the theme to use (see the command palette for names)")
    parser.add_argument("--version", action="version", version=f"rehearse {__version__}")
    return parser


def _list_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="rehearse list", description="Print the questions.")
    parser.add_argument("path", nargs="?", type=Path, help="a Markdown file or a folder of notes")
    parser.add_argument("--json", action="store_true", help="one JSON object per heading")
    return parser


def _report(message: str) -> None:
    print(f"rehearse: {message}", file=sys.stderr)


def _open(path: Path | None, config: Config) -> Notebook | None:
    try:
        notebook = open_notebook(path if path is not None else default_notes_path(config))
    except NotesPathError as error:
        _report(str(error))
        return None
    return notebook


def run_list(argv: Sequence[str]) -> int:
    from rehearse.core.outline import outline_lines, outline_records

    args = _list_parser().parse_args(argv)
    config = load_config()
    for problem in config.problems:
        _report(str(problem))
    notebook = _open(args.path, config)
    if notebook is None:
        return 2
    for note in notebook.unreadable:
        _report(f"{notebook.relative(note.path)}: unreadable: {note.reason}")
    if not notebook.notes:
        _report(f"no Markdown notes (*.md) in {notebook.root}")
    if args.json:
        json.dump(outline_records(notebook), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for line in outline_lines(notebook):
            print(line)
    return 0


def run_app(argv: Sequence[str]) -> int:
    args = _app_parser().parse_args(argv)
    config = load_config()
    notebook = _open(args.path, config)
    if notebook is None:
        return 2
    from rehearse.ui.app import RehearseApp

    app = RehearseApp(notebook, config=config, theme_name=args.theme)
    app.run()
    return app.return_code or 0


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] == "list":
            return run_list(argv[1:])
        return run_app(argv)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `rehearse list | head`
        sys.stderr.close()
        return 0
