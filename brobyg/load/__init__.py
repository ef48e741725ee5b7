"""Step 1: read source files as text and their YAML front matter with line numbers."""
