"""Reading articles, one module per part (``tui.ingest.article`` runs them for each file):

- ``decoding``: a file's bytes within the size limit, and text from any encoding;
- formats: ``text`` (scraped plain text), ``markdown`` (with front matter), ``html`` (saved web
  pages, through trafilatura); their output is a ``parsed.Parsed`` of ``parsed.Block``s;
- ``metadata``: declared values (front matter, sidecar YAML, web clippers' keys);
- cleaning and inference rules: ``chrome`` (where the article is inside a whole-page dump),
  ``dates`` (publication lines, datelines, relative dates) and ``outlets`` (title tails,
  agencies, trailers, site addresses, a page's own name).
"""
