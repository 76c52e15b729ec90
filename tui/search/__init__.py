"""Search as the core sees it, whatever backend runs it: the interface a backend answers
(``port``), the catalog of articles and updates (``catalog``), what a search answers
(``results``), the words of a query (``words``) and the most similar article (``similar``)."""
