"""Ingest rules that each have their own home: how pages are read (``html``), where the
article is inside a whole-page dump (``chrome``), and what a page says of its date
(``dates``) and its outlet (``outlets``). ``tui.articles`` runs them for each file.
"""
