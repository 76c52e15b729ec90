"""Briefings: the curated files, the changes made to them, and the documents exported from them."""
