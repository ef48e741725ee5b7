"""Orchestration: the steps of `build` and `serve`, in order (validate,
staging tree, search index, generator, moving the site into place)."""
