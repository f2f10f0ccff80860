"""Ranking: the best match of each question, then the best questions, as hits.

Order: the kind of hit (model.rank_class: tier, then glossary below direct, the
typed reading before the other layout's), then where the match starts, then
the shorter title; recency only breaks the ties that remain, then note order.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from rehearse.core.search.folding import title_spans
from rehearse.core.search.model import Hit, QuestionKey, SearchDoc, Tier, Via, rank_class
from rehearse.core.search.query import Reading

Runs = tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class Candidate:
    """How a question matched, kept cheap until it makes the final list: runs are [start,
    end) in the folded title, its acronym or its jamo (by `where`), mapped to the title's
    characters only for the hits shown."""

    order: int  # rank_class(tier, via)
    position: int
    tier: Tier
    reading: int  # index into the search's readings
    where: str
    runs: Runs


class Found:
    """The best candidate of each question (by global slot) during one search."""

    def __init__(self, readings: Sequence[Reading]) -> None:
        self.readings = readings
        self.best: dict[int, Candidate] = {}
        # Readings share words (`injection` in `injection 의존성 주입`): scan each once.
        self._scans: dict[tuple[object, ...], list[tuple[int, int, int]]] = {}

    def remember(
        self, key: tuple[object, ...], scan: Callable[[], Iterable[tuple[int, int, int]]]
    ) -> list[tuple[int, int, int]]:
        """What `scan` finds, scanned once in this search for each key."""
        if key not in self._scans:
            self._scans[key] = list(scan())
        return self._scans[key]

    def __len__(self) -> int:
        return len(self.best)

    def __contains__(self, slot: int) -> bool:
        return slot in self.best

    def offer(
        self, slot: int, tier: Tier, position: int, reading: int, where: str, runs: Runs
    ) -> None:
        order = rank_class(tier, self.readings[reading].via)
        current = self.best.get(slot)
        if current is None or (order, position) < (current.order, current.position):
            self.best[slot] = Candidate(order, position, tier, reading, where, runs)

    def count_better_than(self, order: int) -> int:
        return sum(1 for candidate in self.best.values() if candidate.order < order)


def best_hits(
    found: Found,
    doc_of: Callable[[int], SearchDoc],
    limit: int,
    recency: Mapping[QuestionKey, float] | None,
) -> list[Hit]:
    def rank(item: tuple[int, Candidate]) -> tuple[int, int, int, float, str, int]:
        slot, candidate = item
        doc = doc_of(slot)
        recent = -recency.get(doc.key, 0.0) if recency else 0.0
        return (
            candidate.order,
            candidate.position,
            len(doc.title),
            recent,
            doc.file,
            doc.key.section,
        )

    best = heapq.nsmallest(limit, found.best.items(), key=rank)
    return [_title_hit(doc_of(slot), candidate, found.readings) for slot, candidate in best]


def _title_hit(doc: SearchDoc, candidate: Candidate, readings: Sequence[Reading]) -> Hit:
    reading = readings[candidate.reading]
    spans = title_spans(doc.title, candidate.where, candidate.runs)
    if reading.via.synonym:  # any of a term's names may have matched: show the one that did
        shown = " ".join(doc.title[start:end] for start, end in spans)
    else:
        shown = reading.text if reading.via != Via.TYPED else ""
    return Hit(doc, candidate.tier, spans, candidate.position, via=reading.via, searched_as=shown)


Match = TypeVar("Match", bound=tuple[int, int, int, object])


def rank_answers(
    found: Iterable[Match],  # (where in the answer, slot, reading, ...)
    doc_of: Callable[[int], SearchDoc],
    readings: Sequence[Reading],
    room: int,
    recency: Mapping[QuestionKey, float] | None,
) -> list[Match]:
    def rank(item: Match) -> tuple[int, int, int, float, str, int]:
        where, slot, reading, _ = item
        doc = doc_of(slot)
        recent = -recency.get(doc.key, 0.0) if recency else 0.0
        order = rank_class(Tier.ANSWER, readings[reading].via)
        return (order, where, len(doc.title), recent, doc.file, doc.key.section)

    return heapq.nsmallest(room, found, key=rank)
