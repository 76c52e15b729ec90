"""Stories: the same event told by several outlets, grouped as articles arrive (``grouping``),
from what identifies an event in a text (``features``), kept beside the index (``kept``) and
shown as a headline, articles, outlets and a span (``story``)."""
