"""The binding ids a user's `keymap:` may name, and the ones it names that do not exist."""

from __future__ import annotations

from textual.binding import Binding
from textual.dom import DOMNode


def known_binding_ids() -> set[str]:
    """Every binding id declared by rehearse's app, screens and widgets."""
    ids: set[str] = set()
    pending: list[type[DOMNode]] = [DOMNode]
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if not cls.__module__.startswith("rehearse."):
            continue
        for binding in cls.__dict__.get("BINDINGS", []):
            if isinstance(binding, Binding) and binding.id:
                ids.add(binding.id)
    return ids


def unknown_keymap_ids(keymap: dict[str, str]) -> list[str]:
    known = known_binding_ids()
    return sorted(binding_id for binding_id in keymap if binding_id not in known)
