"""Brobygningsbasen: validate volunteer-centre cases and render them as a site.

The flow is one-directional; the sub-packages are its steps, in order:

    files -> load/      (text + YAML with line numbers)
          -> validate/  (rules with codes; only valid sources become the model)
          -> model.py   (Case, Theme, Centre, ...)
          -> render/    (the complete page tree in a staging folder)
          -> search/    (search records and the Pagefind index, from the model)
          -> generator/ (MkDocs + Material renders the staging tree into site/)

Nothing before generator/ imports MkDocs, so the generator can be swapped
(e.g. for Zensical) without touching our logic.
"""
