"""Reading files and feeds into ``Document`` values (``paths.load_path`` is the entry point).

One module per format family (``text``, ``html``, ``feeds``), what they share (``base``), how a
``Document`` is built (``documents``) and how publication dates are read (``pubdate``).
"""
