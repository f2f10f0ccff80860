"""The Textual front end. Thin: it shows what rehearse.core holds and forwards actions to it."""
