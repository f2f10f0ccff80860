"""`rehearse export`: the answered questions as an Anki deck, or as JSON for other tools.

Each note's GUID comes from the question's identity (file and heading path), so
importing a newer export updates the cards already in Anki, their review
history included, instead of adding copies; editing an answer keeps it.
"""

from __future__ import annotations

import base64
import hashlib
import html
import io
import re
import sqlite3
import tempfile
import time
import zipfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import genanki

from rehearse.core.answer_html import answer_html
from rehearse.core.fileio import atomic_write
from rehearse.core.front_matter import front_matter
from rehearse.core.identity import Question, answered_questions
from rehearse.core.notebook import Notebook
from rehearse.core.notes import NoteFile
from rehearse.core.questions import (
    DEFAULT_RULES,
    QUESTION_KINDS,
    QuestionRules,
    answer_section,
    note_shape,
)
from rehearse.core.refs import breadcrumb as join_crumbs
from rehearse.core.shortcodes import with_emoji
from rehearse.core.speech import SpeakingRates

MODEL_ID = 1_718_301_472  # fixed forever: Anki keys the note type by it
_TAG_UNSAFE = re.compile(r"[\s\"']+")

_CSS = """\
.card { font-family: sans-serif; font-size: 20px; text-align: left; line-height: 1.5; }
.breadcrumb { font-size: 14px; opacity: 0.7; }
.question { font-size: 24px; font-weight: bold; margin: 0.3em 0; }
.also { font-size: 14px; opacity: 0.7; }
.source { font-size: 12px; opacity: 0.5; margin-top: 1em; }
table { border-collapse: collapse; }
td, th { border: 1px solid #888; padding: 0.2em 0.5em; }
pre { text-align: left; overflow-x: auto; }
"""

MODEL = genanki.Model(
    MODEL_ID,
    "rehearse question",
    fields=[{"name": "Question"}, {"name": "Breadcrumb"}, {"name": "Answer"}, {"name": "Source"}],
    templates=[
        {
            "name": "Answer it",
            "qfmt": '<div class="breadcrumb">{{Breadcrumb}}</div>'
            '<div class="question">{{Question}}</div>',
            "afmt": '{{FrontSide}}<hr id="answer">{{Answer}}<div class="source">{{Source}}</div>',
        }
    ],
    css=_CSS,
)


class ExportError(Exception):
    """The deck cannot be written; the message is for the user."""


@dataclass(frozen=True, slots=True)
class Card:
    guid: str
    question: str  # HTML
    breadcrumb: str  # HTML
    answer: str  # HTML
    source: str  # file:line
    tags: tuple[str, ...]


def breadcrumb(question: Question) -> str:
    """Where a question is: its file (without .md) and the headings above it."""
    file = re.sub(r"\.(md|markdown)$", "", question.file, flags=re.IGNORECASE)
    return join_crumbs(file, *question.heading_path[:-1])


def _tag(text: str) -> str:
    return _TAG_UNSAFE.sub("_", text.strip()).strip("_")


def front_matter_tags(note: NoteFile) -> list[str]:
    """`tags:` (or `tag:`) from the note's front matter, as a list or a comma list."""
    data = front_matter(note)
    value = data.get("tags", data.get("tag"))
    if isinstance(value, str):
        value = re.split(r"[,\s]+", value)
    if not isinstance(value, list):
        return []
    return [_tag(str(item).lstrip("#")) for item in value if isinstance(item, str | int)]


def card_tags(question: Question) -> tuple[str, ...]:
    """The file (folders as Anki's `::` levels), the category, and the front matter's tags."""
    file = re.sub(r"\.(md|markdown)$", "", question.file, flags=re.IGNORECASE)
    tags = ["::".join(_tag(part) for part in file.split("/") if _tag(part))]
    if len(question.heading_path) > 1:
        tags.append(_tag(question.heading_path[0]))
    tags.extend(front_matter_tags(question.note))
    return tuple(dict.fromkeys(tag for tag in tags if tag))


def note_guid(file: str, heading_path: tuple[str, ...], nth: int = 0) -> str:
    """A card's id from the question's identity: our own hash, so that no library upgrade
    can change it (Anki takes any short string)."""
    key = "\x1f".join(["rehearse", file, *heading_path, *([str(nth)] if nth else [])])
    return base64.urlsafe_b64encode(hashlib.sha256(key.encode("utf-8")).digest()[:12]).decode()


def cards(questions: Iterable[Question]) -> list[Card]:
    """One card per answered question; a heading path seen twice gets a numbered GUID."""
    seen: Counter[tuple[str, tuple[str, ...]]] = Counter()
    made = []
    for question in questions:
        nth = seen[question.id]
        seen[question.id] += 1
        guid = note_guid(question.file, question.heading_path, nth)
        front = html.escape(with_emoji(question.title), quote=False)
        if question.wordings:
            also = " / ".join(html.escape(with_emoji(w), quote=False) for w in question.wordings)
            front += f'<div class="also">also asked as: {also}</div>'
        body = question.note.markdown_body(question.section, "keep")
        made.append(
            Card(
                guid=guid,
                question=front,
                breadcrumb=html.escape(breadcrumb(question), quote=False),
                answer=answer_html(body),
                source=html.escape(f"{question.file}:{question.section.line}", quote=False),
                tags=card_tags(question),
            )
        )
    return made


def deck_id(name: str) -> int:
    """A stable id in genanki's suggested range, so re-imports land in the same deck."""
    digest = int.from_bytes(hashlib.sha256(name.encode("utf-8")).digest()[:4], "big")
    return (1 << 30) + digest % (1 << 30)


def write_deck(deck_path: Path, name: str, made: list[Card], now: float | None = None) -> None:
    """Write the .apkg: a zip of an SQLite collection, through a temp file and a rename."""
    if deck_path.suffix.lower() != ".apkg":
        raise ExportError(f"the deck file must end in .apkg: {deck_path}")
    deck = genanki.Deck(deck_id(name), name)
    for card in made:
        fields = [card.question, card.breadcrumb, card.answer, card.source]
        deck.add_note(genanki.Note(model=MODEL, fields=fields, guid=card.guid, tags=card.tags))
    folder = deck_path.parent if str(deck_path.parent) else Path(".")
    try:
        with tempfile.TemporaryDirectory() as scratch:
            database = Path(scratch, "collection.anki2")
            connection = sqlite3.connect(database)
            try:
                timestamp = time.time() if now is None else now
                ids = iter(range(int(timestamp * 1000), 1 << 62))
                genanki.Package(deck).write_to_db(connection.cursor(), timestamp, ids)
                connection.commit()
            finally:
                connection.close()
            packed = io.BytesIO()
            with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as archive:
                archive.write(database, "collection.anki2")
                archive.writestr("media", "{}")
            atomic_write(folder / deck_path.name, packed.getvalue())  # the usual file mode
    except OSError as error:
        raise ExportError(f"cannot write {deck_path}: {error.strerror or error}") from None


def export_records(
    notebook: Notebook, rates: SpeakingRates | None = None, rules: QuestionRules = DEFAULT_RULES
) -> list[dict[str, Any]]:
    """Every question (not categories, not ignored headings) and the text said for it."""
    rates = rates or SpeakingRates()
    records = []
    for note in notebook.readable:
        file = notebook.relative(note.path)
        kinds = note_shape(note, rules).kinds
        for section in note.questions:
            if kinds[section.index] not in QUESTION_KINDS:
                continue
            said = answer_section(note, section, rules)
            records.append(
                {
                    "file": file,
                    "line": section.line,
                    "title": section.title,
                    "path": [ancestor.title for ancestor in note.ancestors(section)],
                    "kind": kinds[section.index].value,
                    "spoken": note.spoken_text(said).strip() if said else "",
                    "estimate_s": round(note.spoken_length(said).seconds(rates), 1)
                    if said
                    else 0.0,
                }
            )
    return records


def anki_cards(notebooks: Iterable[Notebook], rules: QuestionRules = DEFAULT_RULES) -> list[Card]:
    return cards(q for notebook in notebooks for q in answered_questions(notebook, rules))
