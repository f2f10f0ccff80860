"""How long an answer takes to say aloud: syllables, words, numbers, and what never counts."""

from __future__ import annotations

from pathlib import Path

import pytest

from rehearse.core.notes import NoteFile, Section, parse_note
from rehearse.core.speech import (
    DEFAULT_SYLLABLES_PER_MINUTE,
    DEFAULT_WORDS_PER_MINUTE,
    SpeakingRates,
    SpokenLength,
    estimate_seconds,
    format_duration,
    spoken_length,
)

# 저는(2) 백엔드(3) 개발자로(4) 일해(2) 왔습니다(4): 15 syllables, 18 times = 270.
KOREAN_SENTENCE = "저는 백엔드 개발자로 일해 왔습니다."
KOREAN_ANSWER = " ".join([KOREAN_SENTENCE] * 18)
# I led a team that rebuilt our payment system quickly: 10 words, 15 times = 150.
ENGLISH_SENTENCE = "I led a team that rebuilt our payment system quickly."
ENGLISH_ANSWER = " ".join([ENGLISH_SENTENCE] * 15)

SECONDS_PER_SYLLABLE = 60.0 / DEFAULT_SYLLABLES_PER_MINUTE
SECONDS_PER_WORD = 60.0 / DEFAULT_WORDS_PER_MINUTE


# --- Korean, English and both ---------------------------------------------------------------


def test_default_rates() -> None:
    assert SpeakingRates() == SpeakingRates(270.0, 150.0)


def test_korean_answer_of_270_syllables_takes_a_minute() -> None:
    assert spoken_length(KOREAN_ANSWER) == SpokenLength(syllables=270, words=0.0)
    assert estimate_seconds(KOREAN_ANSWER) == pytest.approx(60.0, abs=1e-9)


def test_english_answer_of_150_words_takes_a_minute() -> None:
    assert spoken_length(ENGLISH_ANSWER) == SpokenLength(syllables=0, words=150.0)
    assert estimate_seconds(ENGLISH_ANSWER) == pytest.approx(60.0, abs=1e-9)


def test_contractions_and_hyphenated_words_are_one_word() -> None:
    assert spoken_length("don't well-known it’s").words == 3.0


def test_mixed_korean_and_english_add_up() -> None:
    korean = " ".join([KOREAN_SENTENCE] * 9)  # 135 syllables: 30 s
    english = " ".join([ENGLISH_SENTENCE] * 5)  # 50 words: 20 s
    mixed = f"{korean} {english}"
    assert spoken_length(mixed) == SpokenLength(syllables=135, words=50.0)
    assert estimate_seconds(mixed) == pytest.approx(50.0, abs=1e-9)
    assert estimate_seconds(mixed) == pytest.approx(
        estimate_seconds(korean) + estimate_seconds(english), abs=1e-9
    )


def test_english_word_inside_a_korean_sentence() -> None:
    text = "저는 Python 개발자입니다."  # 저는(2) + 개발자입니다(6) = 8 syllables, 1 word
    assert spoken_length(text) == SpokenLength(syllables=8, words=1.0)
    assert estimate_seconds(text) == pytest.approx(8 * SECONDS_PER_SYLLABLE + SECONDS_PER_WORD)


# --- numbers, symbols, punctuation ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("7", 1.0),
        ("42", 1.0),
        ("123", 2.0),
        ("2026", 2.0),
        ("60%", 2.0),  # one word for 60, one for the sign
        ("3.14", 2.0),  # three digits
        ("1,000,000", 4.0),  # seven digits
    ],
)
def test_numbers_count_one_word_per_two_digits(text: str, words: float) -> None:
    assert spoken_length(text) == SpokenLength(syllables=0, words=words)


def test_year_and_percentage_inside_korean() -> None:
    text = "2026년에 매출이 60% 늘었습니다."  # 년에(2) 매출이(3) 늘었습니다(5) = 10 syllables
    assert spoken_length(text) == SpokenLength(syllables=10, words=4.0)
    assert estimate_seconds(text) == pytest.approx(10 * SECONDS_PER_SYLLABLE + 4 * SECONDS_PER_WORD)


@pytest.mark.parametrize("symbol", ["%", "&", "+", "=", "@", "#", "/"])
def test_spoken_symbols_count_as_a_word(symbol: str) -> None:
    assert spoken_length(f"A {symbol} B").words == 3.0


def test_punctuation_counts_nothing() -> None:
    assert spoken_length(".,!?;:…()[]{}\"'“”‘’-–—·~") == SpokenLength(syllables=0, words=0.0)
    assert estimate_seconds(".,!?;:…()") == 0.0
    assert estimate_seconds("안녕하세요!!! 네, 맞습니다...") == estimate_seconds(
        "안녕하세요 네 맞습니다"
    )


def test_empty_text_is_zero_seconds() -> None:
    assert estimate_seconds("") == 0.0
    assert estimate_seconds("  \n\t ") == 0.0


def test_hangul_jamo_alone_are_not_syllables() -> None:
    assert spoken_length("ㅋㅋㅋ ㅠㅠ").syllables == 0


# --- custom rates ---------------------------------------------------------------------------


def test_slower_korean_rate_doubles_the_time() -> None:
    rates = SpeakingRates(syllables_per_minute=135.0)
    assert estimate_seconds(KOREAN_ANSWER, rates) == pytest.approx(120.0, abs=1e-9)
    assert estimate_seconds(ENGLISH_ANSWER, rates) == pytest.approx(60.0, abs=1e-9)


def test_faster_english_rate_halves_the_time() -> None:
    rates = SpeakingRates(words_per_minute=300.0)
    assert estimate_seconds(ENGLISH_ANSWER, rates) == pytest.approx(30.0, abs=1e-9)
    assert estimate_seconds(KOREAN_ANSWER, rates) == pytest.approx(60.0, abs=1e-9)


def test_custom_rates_apply_to_both_parts_of_a_mixed_answer() -> None:
    rates = SpeakingRates(syllables_per_minute=300.0, words_per_minute=100.0)
    text = f"{KOREAN_ANSWER} {ENGLISH_ANSWER}"  # 270 syllables + 150 words
    assert estimate_seconds(text, rates) == pytest.approx(54.0 + 90.0, abs=1e-9)
    assert SpokenLength(270, 150.0).seconds(rates) == pytest.approx(144.0, abs=1e-9)


# --- format_duration ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [
        (72, "1:12"),
        (0, "0:00"),
        (-7, "+0:07"),
        (60, "1:00"),
        (59, "0:59"),
        (9, "0:09"),
        (600, "10:00"),
        (3600, "60:00"),
        (-72, "+1:12"),
        (71.6, "1:12"),
        (0.4, "0:00"),
    ],
)
def test_format_duration(seconds: float, shown: str) -> None:
    assert format_duration(seconds) == shown


# --- spoken text of a parsed note -----------------------------------------------------------


def parse(text: str) -> NoteFile:
    return parse_note(Path("면접.md"), text.encode("utf-8"))


def question(note: NoteFile, title: str) -> Section:
    matches = [s for s in note.questions if s.title == title]
    assert len(matches) == 1, [s.title for s in note.questions]
    return matches[0]


@pytest.mark.parametrize(
    ("body", "plain", "syllables", "words"),
    [
        pytest.param(
            "저는 %% 메모: 2026 Python %% 개발자입니다.\n",
            "저는 개발자입니다.",
            8,
            0.0,
            id="inline-comment",
        ),
        pytest.param(
            "시작합니다.\n%%\n여러 줄 메모 100%\nTODO fix\n%%\n끝입니다.\n",
            "시작합니다. 끝입니다.",
            9,
            0.0,
            id="block-comment",
        ),
        pytest.param(
            '설명합니다.\n```python\nprint("hello world") # 주석 2026\n```\n끝입니다.\n',
            "설명합니다. 끝입니다.",
            9,
            0.0,
            id="fenced-code",
        ),
        pytest.param(
            "코드 `x = 1 + 2` 없이 `print()` 말합니다.\n",
            "코드 없이 말합니다.",
            8,
            0.0,
            id="inline-code",
        ),
        pytest.param(
            "[링크 글](https://example.com/a/b?q=1&r=2) 읽기\n",
            "링크 글 읽기",
            5,
            0.0,
            id="link-keeps-text-drops-target",
        ),
        pytest.param(
            "| 항목 | 값 |\n| --- | --- |\n| 매출 | 60% |\n",
            "항목 값 매출 60%",
            5,
            2.0,
            id="table",
        ),
        pytest.param(
            "**강조**와 *기울임*\n- 목록 항목\n> 인용 문장\n1. 첫째\n~~취소~~ __굵게__\n",
            "강조와 기울임 목록 항목 인용 문장 첫째 취소 굵게",
            20,
            0.0,
            id="markup",
        ),
        pytest.param(
            "저는 **Python**으로 `pytest` 테스트를 [작성](http://x.io)합니다. %% 60% %%\n",
            "저는 Python으로 테스트를 작성합니다.",
            13,
            1.0,
            id="everything-at-once",
        ),
    ],
)
def test_estimate_of_a_section_is_the_estimate_of_its_spoken_words(
    body: str, plain: str, syllables: int, words: float
) -> None:
    note = parse(f"# 질문\n{body}\n## 다음 질문\n다른 답변 100% English words here.\n")
    spoken = note.spoken_text(question(note, "질문"))
    assert spoken_length(plain) == SpokenLength(syllables, words)
    assert spoken_length(spoken) == SpokenLength(syllables, words)
    assert estimate_seconds(spoken) == estimate_seconds(plain)
    assert estimate_seconds(spoken) == pytest.approx(
        syllables * SECONDS_PER_SYLLABLE + words * SECONDS_PER_WORD
    )


def test_spoken_text_leaves_out_every_kind_of_markup() -> None:
    note = parse(
        "# 자기소개\n"
        "저는 **백엔드** 개발자입니다. %% 비밀 메모 %%\n"
        "[블로그](https://blog.example.com/posts) 운영\n"
        "`make test` 실행\n"
        "```sh\n"
        "echo 배포 스크립트\n"
        "```\n"
        "| 연도 | 성과 |\n"
        "| --- | --- |\n"
        "| 2026 | 출시 |\n"
    )
    spoken = note.spoken_text(question(note, "자기소개"))
    for gone in ["%%", "비밀", "메모", "https", "blog.example", "make test", "echo", "배포", "|"]:
        assert gone not in spoken, (gone, spoken)
    kept_words = [
        "저는",
        "백엔드",
        "개발자입니다",
        "블로그",
        "운영",
        "실행",
        "연도",
        "2026",
        "출시",
    ]
    for kept in kept_words:
        assert kept in spoken, (kept, spoken)
    assert "**" not in spoken
    assert "`" not in spoken
    # 저는 백엔드 개발자입니다(11) 블로그 운영(5) 실행(2) 연도 성과 출시(6) = 24; 2026 = 2 words
    assert spoken_length(spoken) == SpokenLength(syllables=24, words=2.0)


def test_heading_and_child_sections_are_not_part_of_the_estimate() -> None:
    note = parse("# 지원 동기 #1\n답변입니다.\n## 꼬리 질문\n다른 답변입니다 2026.\n")
    parent = question(note, "지원 동기 #1")
    assert spoken_length(note.spoken_text(parent)) == SpokenLength(syllables=5, words=0.0)
    child = question(note, "꼬리 질문")
    assert spoken_length(note.spoken_text(child)) == SpokenLength(syllables=7, words=2.0)
