"""The search overlay: type, see the best questions at once, Enter jumps, Esc goes back."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from rehearse.core.markdown import paragraphs
from rehearse.core.refs import breadcrumb
from rehearse.core.search import Hit, QuestionKey, SearchIndex
from rehearse.ui.in_order import InOrderInput

RESULT_LIMIT = 50
PREVIEW_LINES = 12
ANSWER_PREFIX = "  in answer: "


def hit_label(hit: Hit, highlight: Style, dim: Style) -> Text:
    """A result row: the title with matched characters highlighted, then where it lives,
    and what the query was read as when it matched as something else (자기소개 for wkrlthro)."""
    where = breadcrumb(hit.doc.file, *hit.doc.context)
    row = Text(hit.doc.title or "(untitled)")
    if not hit.in_answer:
        for start, end in hit.spans:
            row.stylize(highlight, start, end)
    row.append(f"   {where}", dim)
    if hit.searched_as:
        row.append(f"   searched as {hit.searched_as}", dim)
    if hit.in_answer:
        snippet = Text(f"\n{ANSWER_PREFIX}{hit.snippet}", dim)
        offset = 1 + len(ANSWER_PREFIX)
        for start, end in hit.spans:
            snippet.stylize(highlight, start + offset, end + offset)
        row.append_text(snippet)
    return row


def preview_text(hit: Hit) -> str:
    """The question and its answer as plain text, a line per paragraph."""
    lines = paragraphs(hit.doc.answer)[:PREVIEW_LINES]
    return (
        "\n".join([hit.doc.title, "", *lines]) if lines else f"{hit.doc.title}\n\n(no answer yet)"
    )


class SearchBox(InOrderInput):
    # The box's, not a priority binding of the screen's: Enter typed right behind a query
    # opens what that query finds, in order with its letters.
    BINDINGS = [Binding("enter", "screen.open", "Open", id="search.open")]


class SearchScreen(ModalScreen[QuestionKey | None]):
    """Returns the chosen question, or None when dismissed."""

    COMPONENT_CLASSES = {"search-screen--match", "search-screen--where"}
    # Priority bindings, or the search box would take these keys for itself.
    BINDINGS = [
        Binding("up", "move(-1)", "Previous", id="search.up", priority=True),
        Binding("down", "move(1)", "Next", id="search.down", priority=True),
        Binding("escape", "dismiss_search", "Back", id="search.back"),
        Binding(
            "pagedown", "move(10)", "Page down", show=False, id="search.page_down", priority=True
        ),
        Binding("pageup", "move(-10)", "Page up", show=False, id="search.page_up", priority=True),
    ]

    def __init__(self, index: SearchIndex, recency: dict[QuestionKey, float]) -> None:
        super().__init__()
        self._searcher = index.searcher()  # its own: the palette narrows its own searches
        self._recency = recency
        self._hits: list[Hit] = []
        self._pending: str | None = None
        self._shown = ""  # the query the listed hits are for

    def compose(self) -> ComposeResult:
        with Vertical(id="search-dialog"):
            yield SearchBox(
                placeholder="Search questions — 초성 works too: ㅈㄱㅅㄱ", id="search-input"
            )
            yield OptionList(id="search-results")
            yield Static("", id="search-preview", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(OptionList).can_focus = False
        self.query_one(Input).focus()

    @on(Input.Changed, "#search-input")
    def _query_changed(self, event: Input.Changed) -> None:
        # Keystrokes that arrive while a search runs are folded into one search of the latest text.
        first = self._pending is None
        self._pending = event.value
        if first:
            self.call_after_refresh(self._run_pending)

    def _run_pending(self) -> None:
        query, self._pending = self._pending or "", None
        self.show_results(query)

    def show_results(self, query: str) -> None:
        """Titles at once; matches in answer text (a scan of every answer) a frame later."""
        searcher = self._searcher
        self._shown = query
        self._hits = searcher.search(query, RESULT_LIMIT, answers=False, recency=self._recency)
        self._list(self._hits, replace=True)
        if query and len(self._hits) < RESULT_LIMIT:
            self.call_after_refresh(self._add_answer_hits, query)

    def _add_answer_hits(self, query: str) -> None:
        if not self.is_attached:
            return  # opened or closed before this frame came
        if self._pending is not None or self.query_one(Input).value != query:
            return  # the user typed on; that search will come
        found = self._searcher.search_answers(
            query,
            RESULT_LIMIT - len(self._hits),
            exclude=[hit.doc.key for hit in self._hits],
            recency=self._recency,
        )
        self._hits.extend(found)
        self._list(found, replace=False)

    def _list(self, hits: list[Hit], *, replace: bool) -> None:
        results = self.query_one(OptionList)
        highlight = self.get_component_rich_style("search-screen--match", partial=True)
        dim = self.get_component_rich_style("search-screen--where", partial=True)
        if replace:
            results.clear_options()
        results.add_options(Option(hit_label(hit, highlight, dim)) for hit in hits)
        if self._hits and results.highlighted is None:
            results.highlighted = 0
        self._show_preview()

    @on(OptionList.OptionHighlighted)
    def _highlighted(self) -> None:
        self._show_preview()

    def _show_preview(self) -> None:
        preview = self.query_one("#search-preview", Static)
        hit = self.current_hit
        if hit is None:
            query = self.query_one(Input).value
            preview.update("No question matches." if query else "")
            return
        preview.update(preview_text(hit))

    @property
    def current_hit(self) -> Hit | None:
        highlighted = self.query_one(OptionList).highlighted
        if highlighted is None or not 0 <= highlighted < len(self._hits):
            return None
        return self._hits[highlighted]

    def action_move(self, step: int) -> None:
        results = self.query_one(OptionList)
        if not self._hits:
            return
        current = results.highlighted or 0
        results.highlighted = max(0, min(len(self._hits) - 1, current + step))

    def action_open(self) -> None:
        query = self.query_one(Input).value  # the box as it is: its Changed may still be queued
        if self._pending is not None or query != self._shown:
            self._pending = None
            self.show_results(query)
        if not self._hits:  # only answers can match, and they were not listed yet
            self._add_answer_hits(query)
        hit = self.current_hit
        if hit is not None:
            self.dismiss(hit.doc.key)

    @on(OptionList.OptionSelected)
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self._hits[event.option_index].doc.key)

    def action_dismiss_search(self) -> None:
        self.dismiss(None)
