"""Feeds: fetching RSS and Atom into the corpus."""
