"""Keys handled in the order they were typed.

Textual inserts a printable key when the focused widget gets it, but runs a binding only
once the key has bubbled up to the app, with whatever has the focus by then: in a fast
burst (`Down Enter 안녕`, `Home x`) a binding ran after the keys typed behind it, or on
another widget (Textualize/textual#6605). Widgets here run their own bindings as each key
arrives, and a key that reaches a widget after the focus has left it goes where it went.
"""

from __future__ import annotations

from textual import events
from textual.widget import Widget


async def run_own_binding(widget: Widget, event: events.Key) -> bool:
    """Run `widget`'s binding of this key now (with the user's keymap); True if it has one."""
    for node, bindings in widget.screen._binding_chain:  # the chain applies the keymap
        if node is widget and event.key in bindings.key_to_bindings:
            event.stop()
            event.prevent_default()
            await widget.run_action(bindings.key_to_bindings[event.key][0].action)
            return True
    return False


def pass_on_if_focus_left(widget: Widget, event: events.Key) -> bool:
    """A key typed behind one that moved the focus away (Enter opening the editor) was
    meant for where the focus is now: send it there. True if it was sent on."""
    focused = widget.app.focused
    if focused is None or focused is widget:
        return False
    event.stop()
    event.prevent_default()
    focused.post_message(events.Key(event.key, event.character))
    return True
