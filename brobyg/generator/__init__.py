"""Step 5: the site generator that renders the staging tree (MkDocs today). Only this package imports MkDocs."""
