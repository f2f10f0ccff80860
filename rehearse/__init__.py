"""rehearse: edit, search and rehearse interview answers kept in Markdown notes."""

__version__ = "0.1.0"
