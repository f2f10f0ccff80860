"""A mock interview: ask, let the user think, time the answer with it hidden, reveal, grade.

The interview is a small state machine over an injected clock, so the screen
only shows it and forwards keys, and tests drive it without waiting.

Questions come in chains: a question, then its follow-ups (꼬리 질문, its answered
sub-questions, depth first) when the interview was planned with them. Each
question's `Link` says which chain it is in and which questions were asked above
it; `n` skips the rest of a chain. A question's own target (`%% target %%`, or its
file's front matter) wins over the interview's; `6`/`9` set the interview's.

With the voice on (`listening`), the answer clock waits for the first word after
the thinking time and starts at the moment that word began; the time to it is
recorded, and a long silence after speech (`silence_ends_s`) ends the answer at
the last word. The screen forwards each detector frame to `hear`.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import Enum

from rehearse.core.clock import Clock, Countdown
from rehearse.core.delivery import Delivery, Segmenter
from rehearse.core.history import Rehearsal, record_now
from rehearse.core.identity import Question
from rehearse.core.markdown import paragraphs
from rehearse.core.refs import QuestionId
from rehearse.core.speech import SpeakingRates
from rehearse.core.targets import own_target

HINT_WORDS = (3, 8, 15)  # words of each paragraph shown at each press of `h`


class Stage(Enum):
    THINKING = "thinking"  # the question alone, a short countdown before the answer clock
    ANSWERING = "answering"  # the clock runs, the answer stays hidden
    REVEALED = "revealed"  # the written answer beside the time taken, waiting for a grade
    DONE = "done"  # the summary


@dataclass(frozen=True, slots=True)
class Link:
    """Where a question stands in its chain of follow-up questions."""

    group: int  # the chain's number in the interview, from 0
    above: tuple[str, ...] = ()  # the questions asked before it in its chain, outermost first


@dataclass(frozen=True, slots=True)
class RoundResult:
    question: Question
    spoken_s: float
    target_s: float
    grade: int | None  # None: skipped, or ended before a grade
    skipped: bool = False
    voice: Delivery | None = None
    link: Link = Link(0)

    @property
    def over_time(self) -> bool:
        """The clock ran out before the user stopped."""
        return self.spoken_s >= self.target_s


def hint(spoken_text: str, level: int) -> str:
    """The first words of each paragraph: more at each level, nothing at level 0."""
    if level <= 0:
        return ""
    count = HINT_WORDS[min(level, len(HINT_WORDS)) - 1]
    lines = []
    for paragraph in paragraphs(spoken_text):
        words = paragraph.split()
        lines.append(" ".join(words[:count]) + (" …" if len(words) > count else ""))
    return "\n".join(lines)


class MockInterview:
    def __init__(
        self,
        questions: Sequence[Question],
        *,
        target_s: float,
        thinking_s: float,
        clock: Clock,
        aliases: Mapping[QuestionId, tuple[QuestionId, ...]] | None = None,
        rng: random.Random | None = None,
        rates: SpeakingRates | None = None,
        silence_ends_s: float | None = None,
        listening: bool = False,
        links: Sequence[Link] | None = None,
    ) -> None:
        if not questions:
            raise ValueError("a mock interview needs at least one question")
        self.questions = list(questions)
        if links is not None and len(links) != len(self.questions):
            raise ValueError("one link a question")
        self.links = list(links) if links is not None else [Link(n) for n in range(len(questions))]
        self.default_target_s = target_s  # for questions without a target of their own
        self.target_s = target_s  # this round's
        self.thinking_s = thinking_s
        self._aliases = aliases or {}
        self._rng = rng or random.Random()
        self.asked_as = ""  # the wording this round asks, one of the question's titles
        self._clock = clock
        self._rates = rates or SpeakingRates()
        self.silence_ends_s = silence_ends_s
        self.listening = listening  # the voice is on: the answer clock waits for the first word
        self.voice: Segmenter | None = None  # this answer as heard, from `ready_at`
        self.voice_figures: Delivery | None = None  # the revealed answer's delivery
        self.ready_at = 0.0  # when the answer could begin (the thinking time over)
        self.thinking = Countdown(thinking_s, clock)
        self.answer = Countdown(target_s, clock)
        self.results: list[RoundResult] = []
        self.index = 0
        self.hint_level = 0
        self.stage = Stage.THINKING
        self._spoken = 0.0
        self._begin_round()

    @property
    def current(self) -> Question:
        return self.questions[self.index]

    @property
    def link(self) -> Link:
        return self.links[self.index]

    @property
    def chain(self) -> tuple[str, ...]:
        """The questions of this chain asked so far, this one (as asked) last."""
        return (*self.link.above, self.asked_as)

    @property
    def above(self) -> tuple[str, ...]:
        """What the question is shown under: the questions of its chain asked before it, or
        when it is asked alone, the headings between its category and itself."""
        return self.link.above or self.current.heading_path[1:-1]

    def where(self) -> str:
        """`Question 2 of 5`, and `· follow-up 1 of 3` inside a chain."""
        link = self.link
        place = f"Question {link.group + 1} of {self.links[-1].group + 1}"
        members = [n for n, other in enumerate(self.links) if other.group == link.group]
        if len(members) > 1 and link.above:
            place += f" · follow-up {members.index(self.index)} of {len(members) - 1}"
        return place

    @property
    def spoken_s(self) -> float:
        """Time taken on this round's answer so far (fixed once revealed)."""
        return self.answer.elapsed if self.stage is Stage.ANSWERING else self._spoken

    def _begin_round(self) -> None:
        question = self.current
        wordings = (question.title, *question.wordings)
        self.asked_as = self._rng.choice(wordings) if question.wordings else question.title
        self.hint_level = 0
        self._spoken = 0.0
        self.voice = None
        self.voice_figures = None
        self.target_s = self._target_of(question)
        self.answer.set_target(self.target_s)
        if self.thinking_s > 0:
            self.stage = Stage.THINKING
            self.thinking.restart()
        else:
            self.start_answer()

    def tick(self) -> None:
        """Move on when a countdown has run out."""
        if self.stage is Stage.THINKING and self.thinking.remaining <= 0:
            self.start_answer()
        elif self.stage is Stage.ANSWERING and self.answer.remaining <= 0:
            self.stop()

    def start_answer(self) -> None:
        self.thinking.pause()
        self.stage = Stage.ANSWERING
        self.ready_at = self._clock()
        if self.listening:
            self.voice = Segmenter()
            self.answer.reset()  # started by the first word
        else:
            self.answer.restart()

    @property
    def waiting(self) -> bool:
        """Answering, the clock not started yet: the voice waits for the first word."""
        return self.stage is Stage.ANSWERING and not self.answer.running

    def start_clock(self) -> None:
        """Start the answer clock now, without waiting for a word."""
        if self.waiting:
            self.answer.start()

    def set_listening(self, on: bool) -> None:
        """The voice on or off. Off, the clock starts if it was waiting; what was heard of
        this answer still counts."""
        self.listening = on
        if on and self.stage is Stage.ANSWERING and self.voice is None:
            self.voice = Segmenter()
        elif not on:
            self.start_clock()

    def hear(self, at: float, probability: float) -> None:
        """A detector frame that began at `at` on the interview's clock."""
        voice = self.voice
        if voice is None or not self.listening or self.stage is not Stage.ANSWERING:
            return
        voice.feed(at - self.ready_at, probability)
        first = voice.first_word_s
        if first is None:
            return
        if not self.answer.running:
            self.answer.start(at=self.ready_at + first)
            return
        last = voice.last_word_end_s
        ends = self.silence_ends_s
        if ends is not None and last is not None and voice.silence_s >= ends:
            self.stop(at=self.ready_at + last)

    def stop(self, at: float | None = None) -> None:
        """The user is done answering (or time is up, or was silent long enough, since `at`):
        show the answer."""
        if self.stage is not Stage.ANSWERING:
            return
        now = self._clock()
        early = max(0.0, now - at) if at is not None and self.answer.running else 0.0
        self._spoken = min(max(0.0, self.answer.elapsed - early), self.target_s)
        self.answer.pause()
        self.stage = Stage.REVEALED
        if self.voice is not None:
            question = self.current
            self.voice_figures = self.voice.delivery(
                duration_s=(now - early) - self.ready_at,
                text=question.note.spoken_text(question.section),
                rates=self._rates,
            )

    def refresh(self, questions: Sequence[Question]) -> bool:
        """Take the latest version of each question still in the notes; True if the current
        one changed. A question that has gone is still asked as it was."""
        fresh: dict[QuestionId, list[Question]] = {}
        for question in questions:
            fresh.setdefault(question.id, []).append(question)
        before = self.current
        seen: dict[QuestionId, int] = {}
        updated = []
        for question in self.questions:  # the n-th of a repeated heading path stays the n-th
            nth = seen[question.id] = seen.get(question.id, -1) + 1
            same = fresh.get(question.id, [])
            updated.append(same[nth] if nth < len(same) else question)
        self.questions = updated
        return self.current is not before

    def set_target(self, seconds: float) -> None:
        """60 or 90 seconds for this round, and for the later ones without a target of their
        own."""
        self.default_target_s = seconds
        self.target_s = seconds
        self.answer.set_target(seconds)

    def more_hint(self) -> None:
        self.hint_level = min(self.hint_level + 1, len(HINT_WORDS))

    def grade(self, grade: int) -> Rehearsal:
        """Grade the revealed answer (1 again … 4 easy); the record to append to the log."""
        if self.stage is not Stage.REVEALED or not 1 <= grade <= 4:
            raise ValueError(f"cannot grade {grade} at {self.stage.value}")
        question = self.current
        voice = self.voice_figures
        self.results.append(
            RoundResult(question, self._spoken, self.target_s, grade, voice=voice, link=self.link)
        )
        record = record_now(
            question.file,
            question.heading_path,
            "mock",
            self.target_s,
            self._spoken,
            finished=self._spoken < self.target_s,
            grade=grade,
            answer_digest=question.digest,
            was=self._aliases.get(question.id, ()),
            voice=voice,
        )
        self._next()
        return record

    def skip(self) -> None:
        """Skip this question and the rest of its chain (its follow-ups are about it)."""
        if self.stage is Stage.DONE:
            return
        spoken = round(self.spoken_s, 1)
        link = self.link
        self.results.append(
            RoundResult(self.current, spoken, self.target_s, None, skipped=True, link=link)
        )
        following = self.index + 1
        while following < len(self.questions) and self.links[following].group == link.group:
            question = self.questions[following]
            target = self._target_of(question)
            self.results.append(
                RoundResult(question, 0.0, target, None, skipped=True, link=self.links[following])
            )
            self.index = following
            following += 1
        self._next()

    def _target_of(self, question: Question) -> float:
        own = own_target(question.note, question.section)
        return own if own is not None else self.default_target_s

    def end(self) -> None:
        """Stop here. A question being answered or awaiting its grade is listed, ungraded."""
        if self.stage in (Stage.ANSWERING, Stage.REVEALED):
            spoken = round(self.spoken_s, 1)
            self.results.append(
                RoundResult(self.current, spoken, self.target_s, None, link=self.link)
            )
        self._finish()

    def _finish(self) -> None:
        self.thinking.pause()
        self.answer.pause()
        self.stage = Stage.DONE

    def _next(self) -> None:
        if self.index + 1 >= len(self.questions):
            self._finish()
            return
        self.index += 1
        self._begin_round()

    @property
    def graded(self) -> list[RoundResult]:
        return [result for result in self.results if result.grade is not None]
