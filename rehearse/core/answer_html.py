"""An answer as simple HTML, for flash cards: paragraphs, lists, tables, code.

The Markdown comes from `NoteFile.markdown_body(section, "keep")`, so `%% comments %%`
are already gone. Raw HTML in the notes is dropped except line breaks, images
become their alt text (a card has no copy of the picture), and Obsidian
`[[wiki links]]` read as their label.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

_LINE_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_EDGE_RULES = re.compile(r"\A(?:\s*<hr />)+|(?:<hr />\s*)+\Z")  # `---` between sections
_WIKILINK = re.compile(r"!?\[\[([^\]|\n]*)(?:\|([^\]\n]*))?\]\]")


def _wiki_labels(state: StateCore) -> None:
    for block in state.tokens:
        for token in block.children or ():
            if token.type == "text" and "[[" in token.content:
                token.content = _WIKILINK.sub(
                    lambda m: m.group(2) if m.group(2) is not None else m.group(1), token.content
                )


def _html_block(renderer: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    return ""  # a block of raw HTML; a lone <br> between paragraphs among them


def _html_inline(renderer: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    return "<br>" if _LINE_BREAK.fullmatch(tokens[idx].content.strip()) else ""


def _image(renderer: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    alt = renderer.renderInlineAsText(tokens[idx].children or [], options, env)
    return html.escape(alt, quote=False)


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True, "linkify": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.core.ruler.push("wiki_labels", _wiki_labels)
    md.add_render_rule("html_block", _html_block)
    md.add_render_rule("html_inline", _html_inline)
    md.add_render_rule("image", _image)
    return md


def answer_html(markdown_text: str) -> str:
    """The answer rendered as HTML; blank when there is nothing in it."""
    return _EDGE_RULES.sub("", str(_parser().render(markdown_text))).strip()
