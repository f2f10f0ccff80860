"""One term, several names: 카프카 and Kafka, 스레드, 쓰레드 and thread.

The shipped glossary (glossary.yaml beside this module, in the wheel too) lists
the terms interview notes are made of; the config's `synonyms:` adds the user's
own. A group the user writes that shares a name with one term (shipped, or a group
of theirs above it) joins that term; one with names of two terms is left out, never
a bridge that makes two terms one (`[Redis, 카프카]` would have `kafka` find Redis).
Names are compared folded, as search compares text: NFC, any case, no spaces.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from functools import lru_cache
from importlib import resources

import yaml

from rehearse.core import hangul
from rehearse.core.yamlfile import shown

GLOSSARY_FILE = "glossary.yaml"


def term_key(term: str) -> str:
    """How a name is compared: `Virtual Memory` and `virtualmemory` are one key."""
    return "".join(unicodedata.normalize("NFC", term).lower().split())


class Glossary:
    """Groups of names for the same term, looked up by folded name or by a typed prefix."""

    __slots__ = ("_by_key", "_prefixes", "groups", "longest_key", "refused")

    def __init__(self, groups: Iterable[Sequence[str]] = ()) -> None:
        merged, refused = _merge(groups)
        self.groups: tuple[tuple[str, ...], ...] = tuple(merged)
        # Groups left out: (their place among `groups`, one of their names for each term).
        self.refused: tuple[tuple[int, tuple[str, ...]], ...] = tuple(refused)
        self._by_key = {
            term_key(name): index for index, group in enumerate(merged) for name in group
        }
        self._prefixes = sorted((hangul.to_jamo(key), index) for key, index in self._by_key.items())
        self.longest_key = max(map(len, self._by_key), default=0)  # characters of a folded name

    @classmethod
    def shipped(cls) -> Glossary:
        return _shipped()

    def with_synonyms(self, groups: Iterable[Sequence[str]]) -> Glossary:
        """This glossary and `groups`; `refused` then counts places among `groups`."""
        extra = [list(group) for group in groups]
        if not extra:
            return self
        joined = Glossary([*self.groups, *extra])
        own = len(self.groups)  # this glossary's groups are apart already: none is refused
        joined.refused = tuple((place - own, names) for place, names in joined.refused)
        return joined

    def __len__(self) -> int:
        return len(self.groups)

    def group_of(self, key: str) -> int | None:
        """The group holding the folded name `key`, if any."""
        return self._by_key.get(key)

    def completions(self, jamo: str) -> set[int]:
        """Groups with a name that `jamo` (a folded name as jamo) begins but does not end."""
        found: set[int] = set()
        start = bisect_left(self._prefixes, (jamo, -1))
        for name, index in self._prefixes[start:]:
            if not name.startswith(jamo):
                break
            if name != jamo:
                found.add(index)
        return found

    def others(self, index: int, key: str) -> list[str]:
        """The names of group `index` other than the one folded to `key`, each once."""
        seen = {key}
        names: list[str] = []
        for name in self.groups[index]:
            folded = term_key(name)
            if folded not in seen:
                seen.add(folded)
                names.append(name)
        return names


def _merge(
    groups: Iterable[Sequence[str]],
) -> tuple[list[tuple[str, ...]], list[tuple[int, tuple[str, ...]]]]:
    """Groups that share a folded name with one group before them join it, in the order
    first seen; a group with names of two groups before it is left out, and returned by
    its place with one of its names for each of those terms."""
    merged: list[list[str]] = []
    owner: dict[str, int] = {}
    refused: list[tuple[int, tuple[str, ...]]] = []
    for place, group in enumerate(groups):
        names = [name.strip() for name in group if term_key(name)]
        shared: dict[int, str] = {}  # the groups it shares a name with, and that name
        for name in names:
            if term_key(name) in owner:
                shared.setdefault(owner[term_key(name)], name)
        if len(shared) > 1:
            refused.append((place, tuple(shared.values())))
            continue
        if shared:
            [target] = shared
        else:
            merged.append([])
            target = len(merged) - 1
        for name in names:
            if term_key(name) not in owner:
                owner[term_key(name)] = target
                merged[target].append(name)
    return [tuple(group) for group in merged if len(group) > 1], refused


MAX_NAMES = 50  # names of one term
MAX_NAME_LENGTH = 200  # characters of one name
GROUP_LIMITS = f"2-{MAX_NAMES} names of at most {MAX_NAME_LENGTH} characters"


def group_names(entry: object) -> list[str]:
    """The names of one group, numbers written as text (`404`, `2024`); ValueError naming
    what is wrong. A one-character name must be Hangul (큐, 락): one Latin letter or digit
    would be found in every word that is that letter or digit."""
    if not isinstance(entry, list) or len(entry) < 2:
        raise ValueError(f"{shown(entry)} is not a list of two or more names")
    if len(entry) > MAX_NAMES:
        raise ValueError(f"{len(entry)} names in one term; at most {MAX_NAMES}")
    names: list[str] = []
    for name in entry:
        if isinstance(name, bool):
            raise ValueError(f"{name} is read as true or false: write it in quotes")
        if not isinstance(name, str | int | float):
            raise ValueError(f"{shown(name)} is not a name (text or a number)")
        text = str(name).strip()
        if not text or len(text) > MAX_NAME_LENGTH:
            raise ValueError(f"a name of {len(text)} characters; 1-{MAX_NAME_LENGTH} are allowed")
        if len(term_key(text)) == 1 and not hangul.has_hangul(text):
            raise ValueError(f"{text!r} is too short: one letter or digit would match too much")
        names.append(text)
    return names


def load_groups(source: str) -> list[list[str]]:
    """The groups of a glossary file: categories of lists of names (ValueError if not)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(source, Loader=loader)
    if not isinstance(data, dict):
        raise ValueError("a glossary is a mapping of categories to lists of names")
    groups: list[list[str]] = []
    for category, entries in data.items():
        if not isinstance(entries, list):
            raise ValueError(f"{category}: expected a list of name lists")
        for entry in entries:
            try:
                groups.append(group_names(entry))
            except ValueError as error:
                raise ValueError(f"{category}: {error}") from None
    return groups


@lru_cache(maxsize=1)
def _shipped() -> Glossary:
    source = resources.files("rehearse.core").joinpath(GLOSSARY_FILE).read_text(encoding="utf-8")
    return Glossary(load_groups(source))
