"""How long a question's answer should take: its own target, its file's, or the default.

A question sets its own with a comment in its section, `%% target: 90 %%`
(invisible in Obsidian's reading view, never read aloud); a file sets one for
all its questions with `target_seconds: 90` in its front matter. Either takes
whole seconds (`90`, `90s`, `90초`) or minutes and seconds (`1:30`), from 10 to
600 seconds, the range the config allows. The teleprompter, the mock interview,
the tree's over-time colour, `check` and `list --json` all ask here.
"""

from __future__ import annotations

import re
from weakref import WeakKeyDictionary

from rehearse.core.front_matter import front_matter
from rehearse.core.notes import NoteFile, Section
from rehearse.core.questions import DEFAULT_RULES, QuestionRules, answer_section

MIN_TARGET, MAX_TARGET = 10, 600
FRONT_MATTER_KEY = "target_seconds"
_VALUE = re.compile(r"(?:(\d{1,2}):([0-5]\d)|(\d{1,3}))\s*(?:s|sec|secs|seconds|초)?", re.I)
_COMMENT = re.compile(r"target\s*[:=]\s*(.+)", re.I)

_own: WeakKeyDictionary[NoteFile, dict[int, float | None]] = WeakKeyDictionary()


def parse_target(value: object) -> float | None:
    """`90`, `"90s"`, `"1:30"` -> seconds; None for anything else or out of range."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        seconds = float(value)
    elif isinstance(value, str) and (match := _VALUE.fullmatch(value.strip())):
        minutes, secs, whole = match.groups()
        seconds = float(int(minutes) * 60 + int(secs)) if whole is None else float(whole)
    else:
        return None
    return seconds if MIN_TARGET <= seconds <= MAX_TARGET else None


def section_target(note: NoteFile, section: Section) -> float | None:
    """The target a `%% target: N %%` comment in the section's own text sets, if any."""
    cached = _own.setdefault(note, {})
    if section.index not in cached:
        found = None
        for comment in note.comments_in(section):
            match = _COMMENT.fullmatch(comment.strip())
            if match is not None:
                found = parse_target(match.group(1))
                break
        cached[section.index] = found
    return cached[section.index]


def file_target(note: NoteFile) -> float | None:
    """`target_seconds` in the note's front matter, if it is a valid target."""
    return parse_target(front_matter(note).get(FRONT_MATTER_KEY))


def own_target(
    note: NoteFile, section: Section, rules: QuestionRules = DEFAULT_RULES
) -> float | None:
    """The question's own target: its comment, the comment of the answer it shares
    (`%% same as below %%`), then its file's; None when it has none."""
    found = section_target(note, section)
    if found is None:
        said = answer_section(note, section, rules)
        if said is not None and said is not section:
            found = section_target(note, said)
    return found if found is not None else file_target(note)


def question_target(
    note: NoteFile, section: Section, default: float, rules: QuestionRules = DEFAULT_RULES
) -> float:
    """The seconds this question's answer should take: its own target, else `default`."""
    found = own_target(note, section, rules)
    return found if found is not None else default
