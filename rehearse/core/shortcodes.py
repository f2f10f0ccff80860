"""Emoji shortcodes (`:bulb:`, `:large_orange_diamond:`), as GitHub and Obsidian's emoji
plugins write them in headings, turned into the emoji they stand for."""

from __future__ import annotations

import re

_SHORTCODE = re.compile(r":[\w+-]+:")


def with_emoji(text: str) -> str:
    """`:bulb: TCP` -> `💡 TCP`; an unknown `:name:` stays as written."""
    if ":" not in text or _SHORTCODE.search(text) is None:
        return text
    import emoji  # on first use: it takes ~30 ms to load, and most titles have none

    return str(emoji.emojize(text, language="alias"))
