"""Brobygningsbasen: validate volunteer-centre cases and render them as a site.

The flow is one-directional and each module has one job:

    files -> load (text + YAML with line numbers) -> validate (rules with codes)
          -> model (Case, Theme, Centre, ...) -> pages (staging tree) -> site (MkDocs)

Nothing in load/validate/model/pages imports MkDocs: only ``site.py`` does,
so the generator can be swapped (e.g. for Zensical) without touching our logic.
"""
