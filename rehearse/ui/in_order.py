"""Keys handled in the order they were typed.

Textual inserts a printable key when the focused widget gets it, but runs a binding only
once the key has bubbled up to the app, with whatever has the focus by then: in a fast
burst (`Down Enter 안녕`, `Home x`, `Esc Down`) a binding ran after the keys typed behind
it, or on another widget (Textualize/textual#6605). Widgets here run their bindings as
each key arrives, and a key that reaches a widget after the focus has left it is handed
back to the app, which sends it where the focus is now.
"""

from __future__ import annotations

from textual import events
from textual.dom import DOMNode
from textual.widget import Widget
from textual.widgets import Input


async def run_binding_in_order(
    widget: Widget, event: events.Key, pane: DOMNode | None = None
) -> bool:
    """Run the binding of this key that `widget` has, or else `pane` (the widget it sits
    in), now, with the user's keymap; True if there was one."""
    for node, bindings in widget.screen._binding_chain:  # the chain applies the keymap
        if (node is widget or node is pane) and event.key in bindings.key_to_bindings:
            event.stop()
            event.prevent_default()
            await node.run_action(bindings.key_to_bindings[event.key][0].action)
            return True
    return False


def pass_on_if_focus_left(widget: Widget, event: events.Key) -> bool:
    """A key typed behind one that moved the focus away (Enter opening the editor, Esc
    leaving it) was meant for where the focus went: the app gets it again and sends it
    there. True if it was taken from `widget`.

    Behind a key that opened a screen whose input is not focused yet (`r`, `n`) there is
    nowhere to send it: it is dropped. Held back, it reached the input after keys typed
    later (`n 장단점 Enter` made a question `점` with `장단` in its answer)."""
    app = widget.app
    focused = app.focused
    if focused is widget or (focused is None and app.screen is widget.screen):
        return False
    event.stop()
    event.prevent_default()
    if focused is not None:
        app.post_message(events.Key(event.key, event.character))
    return True


class InOrderInput(Input):
    """An Input whose own keys (Ctrl+U, Home, Enter...) act in order with the text typed
    around them: `r`, Ctrl+U, a new name and Enter typed together rename to that name."""

    async def _on_key(self, event: events.Key) -> None:
        if not self.screen.is_current:  # typed behind the Enter that closed its prompt
            event.stop()  # dropped: handed on, `r` or `n` in them ran as the tree's keys
            event.prevent_default()
            return
        if not event.is_printable and await run_binding_in_order(self, event):
            return
        await super()._on_key(event)
