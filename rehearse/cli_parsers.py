"""The command line's parsers: one per verb, and the app's own."""

from __future__ import annotations

import argparse
from pathlib import Path

from rehearse import __version__
from rehearse.core.targets import MAX_TARGET, MIN_TARGET, parse_target

PATHS_HELP = "Markdown files or folders of notes (several: each a root of its own)"


def app_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="rehearse",
        description="Edit, search and rehearse interview answers kept in Markdown notes.",
        epilog=(
            "Other commands: 'rehearse list [PATH...] [--json]' prints the outline; "
            "'rehearse search QUERY [PATH...] [--json] [--limit N]' prints ranked questions; "
            "'rehearse check [PATH...] [--json] [--target S]' lints the notes; "
            "'rehearse stats [PATH...] [--json] [--all]' prints your progress; "
            "'rehearse export (--anki DECK.apkg | --json) [PATH...]' exports the answers; "
            "'rehearse delivery FILE.wav [--question TITLE] [PATH...] [--json]' analyses a "
            "recording."
        ),
    )
    parser.add_argument("paths", nargs="*", type=Path, help=PATHS_HELP)
    parser.add_argument("--theme", help="the theme to use (see the command palette for names)")
    parser.add_argument(
        "--audio",
        type=Path,
        metavar="FILE.wav",
        help="rehearse with this recording as the microphone, replayed in real time",
    )
    parser.add_argument("--version", action="version", version=f"rehearse {__version__}")
    return parser


def list_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="rehearse list", description="Print the questions.")
    parser.add_argument("paths", nargs="*", type=Path, help=PATHS_HELP)
    parser.add_argument("--json", action="store_true", help="one JSON object per heading")
    return parser


def search_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="rehearse search",
        description="Print the questions matching QUERY, best first (like fzf --filter).",
    )
    parser.add_argument("query", help="words, 초성 (ㅈㄱㅅㄱ), or part of a title")
    parser.add_argument("paths", nargs="*", type=Path, help=PATHS_HELP)
    parser.add_argument("--json", action="store_true", help="one JSON object per hit")
    parser.add_argument("--limit", type=int, default=20, help="at most N hits (default 20)")
    return parser


def check_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="rehearse check",
        description=(
            "Find empty answers, answers too long to say in time, duplicate questions and "
            "question headings with no answer of their own. Exit code 1 when anything is found."
        ),
    )
    parser.add_argument("paths", nargs="*", type=Path, help=PATHS_HELP)
    parser.add_argument("--json", action="store_true", help="one JSON object per finding")
    parser.add_argument(
        "--target",
        type=target_seconds,
        default=90,
        help=f"seconds an answer may take to say, {MIN_TARGET}-{MAX_TARGET} (default 90; "
        "1:30 works too)",
    )
    return parser


def target_seconds(value: str) -> float:
    """`--target`, read like a question's own target (10-600 s)."""
    seconds = parse_target(value)
    if seconds is None:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a target: seconds from {MIN_TARGET} to {MAX_TARGET}, or m:ss"
        )
    return seconds


def stats_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="rehearse stats", description="Progress from the rehearsal log."
    )
    parser.add_argument("paths", nargs="*", type=Path, help=PATHS_HELP)
    parser.add_argument("--json", action="store_true", help="the figures as one JSON object")
    parser.add_argument(
        "--all", action="store_true", help="list every question (else the first 10 of each list)"
    )
    return parser


def export_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="rehearse export",
        description="Export the answered questions: an Anki deck, or JSON for other tools.",
    )
    parser.add_argument("paths", nargs="*", type=Path, help=PATHS_HELP)
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("--anki", type=deck_path, metavar="DECK.apkg", help="write an Anki deck")
    what.add_argument("--json", action="store_true", help="print every question and its answer")
    parser.add_argument("--deck", help="the deck's name in Anki (default: the notes folder's)")
    return parser


def delivery_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="rehearse delivery",
        description=(
            "How a recorded answer was delivered: talk time, time to the first word, pauses "
            "of 0.5 s or more, and with --question the pace of that answer (none when no speaker "
            "could say it in that talk time)."
        ),
    )
    parser.add_argument("audio", type=Path, metavar="FILE.wav", help="a PCM WAV recording")
    parser.add_argument("paths", nargs="*", type=Path, help=PATHS_HELP)
    parser.add_argument(
        "--question",
        metavar="TITLE",
        help="the question answered: its title, its path ('B › 자기소개', also with > or /) "
        "or FILE:LINE",
    )
    parser.add_argument("--json", action="store_true", help="the figures as one JSON object")
    return parser


def deck_path(value: str) -> Path:
    """`--anki`: checked before any note is read."""
    path = Path(value)
    if path.suffix.lower() != ".apkg":
        raise argparse.ArgumentTypeError(f"the deck file must end in .apkg: {value}")
    if not (path.parent if str(path.parent) else Path(".")).is_dir():
        raise argparse.ArgumentTypeError(f"no such folder for the deck: {path.parent}")
    return path
