"""Reading a query costs what its length costs: hostile queries (issue 15's tester) stay bounded.

Time is never asserted here: the work is counted (glossary look-ups, sets of terms,
readings) and the outcome checked; benchmarks/bench_search.py prints the times.
"""

from __future__ import annotations

from itertools import combinations, pairwise

from hypothesis import given
from hypothesis import strategies as st

from rehearse.core.glossary import Glossary
from rehearse.core.search import SearchIndex, Tier, Via
from rehearse.core.search import query as query_module
from rehearse.core.search.query import READ_LIMIT, readings
from rehearse.core.search.terms import Names, Term, spread, terms, tokens_of
from tests.core.test_search import make_docs

SHIPPED = Glossary.shipped()


class CountingGlossary(Glossary):
    """The shipped glossary, counting its look-ups."""

    def __init__(self) -> None:
        super().__init__(SHIPPED.groups)
        self.lookups = 0

    def group_of(self, key: str) -> int | None:
        self.lookups += 1
        return super().group_of(key)


def _terms(spans: list[tuple[int, int]]) -> list[Term]:
    names = Names("x", ("x",), ("x",))
    return [Term(first, end, names) for first, end in sorted(spans)]


def _every_set(found: list[Term]) -> list[list[Term]]:
    """What the sets used to be: every non-overlapping set, fewest first, in token order."""
    sets = [
        list(chosen)
        for size in range(1, len(found) + 1)
        for chosen in combinations(found, size)
        if all(a.end <= b.first for a, b in pairwise(chosen))
    ]
    return sorted(sets, key=len)


spans = st.lists(
    st.tuples(st.integers(0, 8), st.integers(1, 3)).map(lambda s: (s[0], s[0] + s[1])),
    max_size=9,
    unique=True,
)


@given(spans, st.integers(1, 20))
def test_the_sets_of_terms_are_the_fewest_first_without_building_them_all(
    found: list[tuple[int, int]], cap: int
) -> None:
    chosen = _terms(found)
    assert spread(chosen, cap) == _every_set(chosen)[:cap]


def test_many_terms_give_only_the_capped_sets() -> None:
    """24 terms have 2^24 - 1 sets; the cap is what is built."""
    kept = spread(_terms([(n, n + 1) for n in range(24)]), 16)
    assert [len(chosen) for chosen in kept] == [1] * 16
    assert [chosen[0].first for chosen in kept] == list(range(16))


def test_glossary_look_ups_grow_with_the_query_not_its_square() -> None:
    """A run of the query is looked up only while it could still be a name: `a b` * 400
    has 800 tokens, 320,400 runs, and about 800 times the longest name's length are
    looked up."""
    glossary = CountingGlossary()
    tokens = tokens_of("a b " * 400)
    found = terms(tokens, glossary)
    assert glossary.lookups <= len(tokens) * (glossary.longest_key + 1) < 320_400 // 10
    assert found == []  # no term is called `a` or `ab`


def test_a_query_of_many_glossary_words_has_few_readings() -> None:
    query = " ".join(["kafka"] * 16)  # 16 terms: 65,535 sets of them
    assert len(query) <= READ_LIMIT
    found = readings(query, SHIPPED)
    synonyms = [reading for reading in found if reading.via == Via.SYNONYM]
    assert 1 <= len(synonyms) <= query_module.MAX_SYNONYM_READINGS
    assert len(synonyms) * 16 <= query_module.SYNONYM_WORDS  # fewer for more words


def test_a_long_query_is_searched_as_typed_only() -> None:
    """A paste longer than READ_LIMIT: no glossary, no other layout, no 초성, no typos."""
    long_query = " ".join(["kafka"] * 24)
    [reading] = readings(long_query, SHIPPED)
    assert reading.via == Via.TYPED and reading.literal
    assert not readings("ㅋ" * 2000, SHIPPED)[0].uses_initials


def test_a_long_query_still_finds_the_text_it_was_pasted_from() -> None:
    sentence = (
        "카프카는 파티션 단위로 순서를 보장하고, 컨슈머 그룹 안에서는 파티션 하나를 "
        "한 컨슈머만 읽습니다. "
    ) * 2
    assert len(sentence) > READ_LIMIT
    index = SearchIndex(make_docs([("카프카 순서 보장", sentence), "Kafka 입문", "ㅋㅋ"]))
    [hit] = index.search(sentence.strip())
    assert hit.doc.title == "카프카 순서 보장" and hit.in_answer and hit.via == Via.TYPED


def test_hostile_queries_answer_with_what_they_match() -> None:
    index = SearchIndex(make_docs(["카프카", "Kafka 입문", "ㅋㅋ 웃음", "a b 테스트"]))
    assert index.search("ㅋ" * 2000) == []  # as typed: no title holds 2000 ㅋ
    [both] = index.search("a b " * 400)  # words in any order, each once
    assert (both.doc.title, both.tier) == ("a b 테스트", Tier.ALL_WORDS)
    [kafka] = index.search(" ".join(["kafka"] * 24))
    assert (kafka.doc.title, kafka.tier, kafka.via) == ("Kafka 입문", Tier.ALL_WORDS, Via.TYPED)
