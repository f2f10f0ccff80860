"""The `rehearse` command. Textual is imported only when the app is opened."""

from __future__ import annotations

import json
import re
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from rehearse import cli_parsers as parsers
from rehearse.core.config import Config, load_config, question_rules, speaking_rates
from rehearse.core.display import counted
from rehearse.core.notebook import (
    Notebook,
    NotesPathError,
    distinct_roots,
    notes_root,
    open_roots,
)
from rehearse.core.resources import shipped_dir


def default_notes_paths(config: Config) -> list[Path]:
    """`notes` from the config, else ./answers, else the sample answers shipped with rehearse."""
    if config.notes:
        return list(config.notes)
    local = Path("answers")
    if local.is_dir():
        return [local]
    return [shipped_dir("answers")]


def _report(message: str) -> None:
    print(f"rehearse: {message}", file=sys.stderr)


def _open(paths: Sequence[Path], config: Config) -> Notebook | None:
    """The notes of every path given (else the config's), each path a root; None when one
    cannot be opened (the message shown)."""
    try:
        given = [notes_root(path) for path in paths or default_notes_paths(config)]
        roots, dropped = distinct_roots(given)
        for line in dropped:
            _report(line)
        return open_roots(roots)
    except NotesPathError as error:
        _report(str(error))
        return None


def _load(paths: Sequence[Path]) -> tuple[Config, Notebook | None]:
    """The config (its problems reported) and the notebook of `paths` (None: message shown)."""
    config = load_config()
    for problem in config.problems:
        _report(str(problem))
    return config, _open(paths, config)


def _where(notebook: Notebook) -> str:
    return ", ".join(str(root.path) for root in notebook.roots)


def _print_json(data: object) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def run_list(argv: Sequence[str]) -> int:
    from rehearse.core.outline import outline_lines, outline_records

    args = parsers.list_parser().parse_args(argv)
    config, notebook = _load(args.paths)
    if notebook is None:
        return 2
    for note in notebook.unreadable:
        _report(f"{notebook.relative(note.path)}: unreadable: {note.reason}")
    if not notebook.notes:
        _report(f"no Markdown notes (*.md) in {_where(notebook)}")
    if args.json:
        records = outline_records(
            notebook, speaking_rates(config), question_rules(config), float(config.target_seconds)
        )
        _print_json(records)
    else:
        for line in outline_lines(notebook, question_rules(config)):
            print(line)
    return 0


def run_search(argv: Sequence[str]) -> int:
    from rehearse.core.search import SearchIndex

    args = parsers.search_parser().parse_args(argv)
    if args.limit < 1:
        _report("--limit must be 1 or more")
        return 2
    config, notebook = _load(args.paths)
    if notebook is None:
        return 2
    index = SearchIndex.from_notebook(notebook, synonyms=config.synonyms)
    hits = index.search(args.query, limit=args.limit)
    if args.json:
        records = [
            {
                "title": hit.doc.title,
                "file": hit.doc.file,
                "line": hit.doc.line,
                "path": list(hit.doc.context),
                "score": hit.score,
                "match": hit.tier.name.lower(),
                "spans": [list(span) for span in hit.spans],
                "snippet": hit.snippet,
                "searched_as": hit.searched_as,
            }
            for hit in hits
        ]
        _print_json(records)
    else:
        for hit in hits:
            where = f"{hit.doc.file}:{hit.doc.line}"
            note = f"  (answer: {hit.snippet})" if hit.in_answer else ""
            reading = f"  (searched as {hit.searched_as})" if hit.searched_as else ""
            print(f"{hit.score:5.1f}  {hit.doc.title}  {where}{note}{reading}")
    return 0 if hits else 1


def run_check(argv: Sequence[str]) -> int:
    from rehearse.core.check import check_notebook
    from rehearse.core.questions import question_count

    args = parsers.check_parser().parse_args(argv)
    config, notebook = _load(args.paths)
    if notebook is None:
        return 2
    if not notebook.notes:
        _report(f"no Markdown notes (*.md) in {_where(notebook)}")
    rules = question_rules(config)
    findings = check_notebook(notebook, speaking_rates(config), float(args.target), rules)
    if args.json:
        _print_json([finding.to_json() for finding in findings])
    else:
        for finding in findings:
            print(finding)
        questions = sum(question_count(note, rules) for note in notebook.readable)
        print(f"{counted(len(findings), 'finding')} in {counted(questions, 'question')}",
              file=sys.stderr)  # fmt: skip
    return 1 if findings else 0


def run_stats(argv: Sequence[str]) -> int:
    from rehearse.core.history import RehearsalLog
    from rehearse.core.identity import answered_questions
    from rehearse.core.stats import progress, progress_json
    from rehearse.core.stats_report import stats_lines

    args = parsers.stats_parser().parse_args(argv)
    config, notebook = _load(args.paths)
    if notebook is None:
        return 2
    log = RehearsalLog.for_notes(notebook.root)
    try:
        records = log.read()
    except OSError as error:
        _report(f"cannot read the rehearsal log {log.path}: {error.strerror or error}")
        return 2
    figures = progress(answered_questions(notebook, question_rules(config)), records)
    if args.json:
        _print_json(progress_json(figures))
        return 0
    for line in stats_lines(figures, time.time(), show_all=args.all):
        print(line)
    return 0


def run_export(argv: Sequence[str]) -> int:
    from rehearse.core.export import ExportError, anki_cards, export_records, write_deck

    args = parsers.export_parser().parse_args(argv)
    config = load_config()
    for problem in config.problems:
        _report(str(problem))
    notebook = _open(args.paths, config)
    if notebook is None:
        return 2
    for note in notebook.unreadable:
        _report(f"{notebook.relative(note.path)}: unreadable: {note.reason}")
    rules = question_rules(config)
    if args.json:
        _print_json(export_records(notebook, speaking_rates(config), rules))
        return 0
    made = anki_cards([notebook], rules)
    if not made:
        _report("no answered question to export: no deck was written")
        return 1
    name = args.deck or notebook.roots[0].folder.name or "rehearse"
    try:
        write_deck(args.anki, name, made)
    except ExportError as error:
        _report(str(error))
        return 2
    print(f"{counted(len(made), 'card')} in deck '{name}': {args.anki}", file=sys.stderr)
    return 0


def run_delivery(argv: Sequence[str]) -> int:
    from rehearse.core.delivery import Segmenter
    from rehearse.core.listening import probabilities
    from rehearse.core.spoken_pace import read_pace
    from rehearse.core.wavfile import AudioUnavailable, read_wav, seconds_of

    args = parsers.delivery_parser().parse_intermixed_args(argv)
    config = load_config()
    text: str | None = None
    if args.question is not None:
        notebook = _open(args.paths, config)
        if notebook is None:
            return 2
        text = _answer_text(notebook, args.question)
        if text is None:
            return 2
    try:
        samples = read_wav(args.audio)
        scores = probabilities(samples)
    except AudioUnavailable as error:
        _report(str(error))
        return 2
    rates = speaking_rates(config)
    heard = Segmenter().feed_all(scores)
    figures = heard.delivery(duration_s=seconds_of(samples), text=text, rates=rates)
    if args.json:
        _print_json(figures.as_json())
        return 0
    from rehearse.core.speech import format_duration

    first = "none" if figures.first_word_s is None else f"{figures.first_word_s:.2f} s"
    print(f"duration     {format_duration(figures.duration_s)} ({figures.duration_s:.2f} s)")
    print(f"talk         {format_duration(figures.talk_s)} ({figures.talk_s:.2f} s)")
    print(f"first word   {first}")
    print(f"pauses       {len(figures.pauses)}, longest {figures.longest_pause_s:.2f} s")
    for pause in figures.pauses:
        print(f"  at {pause.start_s:6.2f} s  {pause.duration_s:.2f} s")
    if text is not None:
        reading = read_pace(text, figures.talk_s, rates)
        if reading.value is not None:
            print(f"pace         {reading.value:.0f} {reading.unit} a minute of talk")
        else:
            print(f"no pace: {reading.note()}")
    return 0


def _answer_text(notebook: Notebook, wanted: str) -> str | None:
    """The spoken text of the one question `wanted` names: a title (spacing and case aside),
    a breadcrumb's end (`B › 자기소개`) or FILE:LINE."""
    from rehearse.core.question_lookup import find_questions

    found = find_questions(notebook, wanted)
    if not found:
        what = "at" if re.fullmatch(r".+:\d+", wanted.strip()) else "titled"
        _report(f"no question {what} {wanted!r} in {_where(notebook)}")
        return None
    if len(found) > 1:
        shown = "; ".join(f"{f.path} ({f.where})" for f in found[:5])
        _report(
            f"{len(found)} questions titled {wanted!r}: {shown}; "
            f"choose one by its path or place, e.g. --question '{found[0].path}' "
            f"or --question {found[0].where}"
        )
        return None
    return found[0].note.spoken_text(found[0].section)


def run_app(argv: Sequence[str]) -> int:
    args = parsers.app_parser().parse_args(argv)
    config = load_config()
    notebook = _open(args.paths, config)
    if notebook is None:
        return 2
    voice = None
    if args.audio is not None:
        from rehearse.core.listening import voice_setup
        from rehearse.core.wavfile import AudioUnavailable, read_wav

        try:
            read_wav(args.audio)  # a file that cannot be heard is said now, not mid-rehearsal
        except AudioUnavailable as error:
            _report(str(error))
            return 2
        voice = voice_setup(config, args.audio)
    from rehearse.ui.app import RehearseApp
    from rehearse.ui.terminal_input import read_undecodable_input_as_replacement

    read_undecodable_input_as_replacement()

    app = RehearseApp(notebook, config=config, theme_name=args.theme, voice=voice)
    # Workers (a big note's parse and index) share the GIL with the UI: hand it back to a
    # waiting key within 1 ms rather than Python's 5 ms, a wait paid on each switch.
    sys.setswitchinterval(0.001)
    app.run()
    return app.return_code or 0


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] == "list":
            return run_list(argv[1:])
        if argv and argv[0] == "search":
            return run_search(argv[1:])
        if argv and argv[0] == "check":
            return run_check(argv[1:])
        if argv and argv[0] == "stats":
            return run_stats(argv[1:])
        if argv and argv[0] == "export":
            return run_export(argv[1:])
        if argv and argv[0] == "delivery":
            return run_delivery(argv[1:])
        return run_app(argv)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `rehearse list | head`
        sys.stderr.close()
        return 0
