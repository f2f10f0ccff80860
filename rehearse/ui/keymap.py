"""The binding ids a user's `keymap:` may name, and the ones it names that do not exist."""

from __future__ import annotations

import importlib
import pkgutil

from textual.binding import Binding
from textual.dom import DOMNode

import rehearse.ui


def known_binding_ids() -> set[str]:
    """Every binding id declared by rehearse's app, screens and widgets (the screens that
    are imported only when first opened are imported here)."""
    for module in pkgutil.iter_modules(rehearse.ui.__path__, "rehearse.ui."):
        importlib.import_module(module.name)
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
