"""Step 4: turn the model into the complete page tree in a staging folder (no MkDocs here)."""
