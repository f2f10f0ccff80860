"""`?` on the main and the rehearsal screens: every key of that screen (its panes' and the
app's), with its binding id, as the keymap has made them. The footer shows the main keys;
this shows them all."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.dom import DOMNode
from textual.screen import ModalScreen
from textual.widgets import DataTable


def _rows(node: DOMNode) -> list[tuple[str, str, str]]:
    """(keys, what it does, id) for each binding id of `node`, keys as the keymap set them.
    Bindings that share an id (Pause and Resume on one key) are one row; Textual's own
    bindings (no id: tab, copy) are left out."""
    found: dict[str, tuple[list[str], list[str]]] = {}
    # `_bindings` is the node's bindings after the keymap; BINDINGS is before it.
    for bindings in node._bindings.key_to_bindings.values():
        for binding in bindings:
            if not binding.id:
                continue
            keys, descriptions = found.setdefault(binding.id, ([], []))
            shown = node.app.get_key_display(binding)
            if shown not in keys:
                keys.append(shown)
            said = binding.tooltip or binding.description  # the tooltip: the longer words
            if said and said not in descriptions:
                descriptions.append(said)
    return [
        (" ".join(keys), " / ".join(descriptions), binding_id)
        for binding_id, (keys, descriptions) in found.items()
    ]


class KeysScreen(ModalScreen[None]):
    """Every binding of a screen, with its id for `keymap:` in the config."""

    CSS_PATH = "rehearsal.tcss"

    BINDINGS = [Binding("escape,question_mark,q", "close", "Close", id="keys.close")]

    def __init__(self, of: DOMNode | Sequence[DOMNode], title: str) -> None:
        """`of`: the screen, and on the main screen its panes too (their keys work there)."""
        super().__init__()
        self._of = [of] if isinstance(of, DOMNode) else list(of)
        self._title = title

    def compose(self) -> ComposeResult:
        table: DataTable[Text] = DataTable(id="keys-table", cursor_type="row", zebra_stripes=True)
        # On its border, the title and how to close stay in view however far it scrolls.
        table.border_title = f"{self._title}: keys (rebind them by id under keymap: in the config)"
        table.border_subtitle = "esc, ? or q closes"
        yield table

    def on_mount(self) -> None:
        table = self.query_one("#keys-table", DataTable)
        table.add_columns("Key", "Binding id", "What it does")  # the id stays in 80 columns
        seen: set[str] = set()
        for node in [*self._of, self.app]:
            for keys, description, binding_id in _rows(node):
                if binding_id not in seen:
                    seen.add(binding_id)
                    table.add_row(Text(keys), Text(binding_id), Text(description))
        table.focus()

    def action_close(self) -> None:
        self.dismiss(None)
