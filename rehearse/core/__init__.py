"""The pure domain of rehearse: notes, files, config and themes. Never imports Textual."""
