"""Question search, Korean-native: 초성, half-typed syllables, jamo typos, any word order,
the other keyboard layout (한/영), and the other names of a term (카프카, Kafka).

The package: model (the types), folding, query (the readings of a query; terms
finds the glossary's terms in it, layout reads it on the other keyboard layout),
segment (joined strings), matchers (titles and answers), near (typos and
slipped 초성), ranking, snippets (answer text), index (the index and a searcher
per consumer).
"""

from rehearse.core.glossary import Glossary
from rehearse.core.search.folding import normalize
from rehearse.core.search.index import Searcher, SearchIndex
from rehearse.core.search.model import Hit, QuestionKey, SearchDoc, Tier, Via
from rehearse.core.search.snippets import docs_for_note, docs_for_notebook, plain_answer

__all__ = [
    "Glossary",
    "Hit",
    "QuestionKey",
    "SearchDoc",
    "SearchIndex",
    "Searcher",
    "Tier",
    "Via",
    "docs_for_note",
    "docs_for_notebook",
    "normalize",
    "plain_answer",
]
