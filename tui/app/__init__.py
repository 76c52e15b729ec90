"""The Textual app: everything that imports Textual."""
