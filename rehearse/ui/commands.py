"""Command palette provider: every question, found with the same search as the overlay."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, cast

from rich.style import Style
from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider

from rehearse.core.refs import breadcrumb

if TYPE_CHECKING:
    from rehearse.core.search import Searcher, SearchIndex
    from rehearse.ui.app import RehearseApp


class QuestionProvider(Provider):
    _searcher: Searcher | None = None  # its own, apart from the search overlay's

    @property
    def _rehearse(self) -> RehearseApp:
        return cast("RehearseApp", self.app)

    def _searcher_for(self, index: SearchIndex) -> Searcher:
        if self._searcher is None or self._searcher.index is not index:
            self._searcher = index.searcher()
        return self._searcher

    @property
    def _on_main_screen(self) -> bool:
        """Not over a rehearsal screen: the mock interview hides the answers it asks."""
        return self.screen is self.app.screen_stack[0]

    async def search(self, query: str) -> Hits:
        if not self._on_main_screen:
            return
        from rehearse.ui.search_screen import hit_label  # not needed for the first frame

        main = self._rehearse.main_screen
        highlight = Style(bold=True, underline=True)
        dim = Style(dim=True)
        searcher = self._searcher_for(main.model.index)
        for rank, hit in enumerate(searcher.search(query, 20, recency=main.recency)):
            yield Hit(
                score=1.0 - rank / 100,
                match_display=hit_label(hit, highlight, dim),
                command=partial(main.jump_to, hit.doc.key),
                text=hit.doc.title,
                help="Jump to this question",
            )

    async def discover(self) -> Hits:
        if not self._on_main_screen:
            return
        main = self._rehearse.main_screen
        for doc in list(main.model.index.docs)[:30]:
            yield DiscoveryHit(
                display=Text(doc.title or "(untitled)"),
                command=partial(main.jump_to, doc.key),
                text=doc.title,
                help=breadcrumb(doc.file, *doc.context),
            )
