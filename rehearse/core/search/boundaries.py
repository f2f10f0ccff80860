"""Where a glossary name may stand in text: as a word of its own, never inside a longer one.

A Latin name must not run on into Latin letters (`js` is not in `json`). A Korean
name ends its word, or is followed by its particles and endings only (카프카의,
자바로, 스레드인, 캐싱하는, 컨테이너들에서는): a closed list, up to three of them in
a row. Anything else makes it the start of another word (자바스크립트, 카프카스트림즈,
리액트네이티브), and so does a word that is itself another glossary name. A Korean
name is followed by a change of script (카프카DB, 자바8) as by a space.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from functools import lru_cache

from rehearse.core import hangul

_PARTICLE_LISTS = (
    # case and topic particles
    "이 가 은 는 을 를 의 에 에서 에게 께 한테 와 과 랑 이랑 하고 로 으로 로서 으로서 로써 "
    "으로써 도 만 까지 부터 보다 처럼 마다 조차 마저 뿐 밖에 나 이나 든지 이든지",
    # the copula and quoting: 카프카란, 스레드인, 자바입니다
    "란 이란 라는 이라는 라고 이라고 라면 이라면 이며 며 이고 고 인 이다 다 입니다 이에요 "
    "예요 이죠 죠 인가 인가요 일까 일까요 야 이야",
    # the plural, and 하다/되다 after a noun: 캐싱하는, 배포된
    "들 하다 하는 하기 하면 한 할 해 해서 했다 합니다 하여 된 되는 되다 된다 되어 됩니다",
)
PARTICLES = frozenset(" ".join(_PARTICLE_LISTS).split())
MAX_PARTICLES = 3  # in a row after one name: 들 + 에서 + 는
_LONGEST = max(map(len, PARTICLES))


@lru_cache(maxsize=4096)
def is_particles(rest: str, room: int = MAX_PARTICLES) -> bool:
    """Whether `rest` (Hangul) is nothing, or at most `room` particles and endings."""
    if not rest:
        return True
    if room == 0:
        return False
    return any(
        rest[:size] in PARTICLES and is_particles(rest[size:], room - 1)
        for size in range(1, min(_LONGEST, len(rest)) + 1)
    )


def latin(char: str) -> bool:
    return char.isascii() and char.isalnum()


def ends_a_word(text: str, end: int, stop: int, word_start: Callable[[int], bool]) -> bool:
    """Whether a match ending at `end` (text ends at `stop`) does not stop inside a Latin
    word: what follows starts another word, or is no Latin letter or digit (Kafka란)."""
    if end >= stop or word_start(end) or not latin(text[end - 1]):
        return True
    return not latin(text[end])


def name_ends(
    text: str,
    end: int,
    stop: int,
    word_start: Callable[[int], bool],
    longer: Collection[str] = (),
) -> bool:
    """Whether a glossary name matched up to `end` ends a word there (see the module):
    `longer` holds the other glossary names that begin with this one, as `text` is
    written, so that a word that is one of them is not taken for it."""
    if end >= stop or not hangul.is_syllable(text[end - 1]):
        return ends_a_word(text, end, stop, word_start)
    tail = end
    while tail < stop and hangul.is_syllable(text[tail]) and not word_start(tail):
        tail += 1
    if tail == end:
        return True
    if not is_particles(text[end:tail]):
        return False
    return not any(text.endswith(name, 0, tail) for name in longer)


def starts_a_word(text: str, start: int) -> bool:
    """Whether a name at `start` in answer text does not begin inside a word of its own
    script (`js` in `ajs`, 카프카 in 아카프카)."""
    if start == 0:
        return True
    before, first = text[start - 1], text[start]
    if latin(first):
        return not latin(before)
    return not (hangul.is_syllable(first) and hangul.is_syllable(before))
