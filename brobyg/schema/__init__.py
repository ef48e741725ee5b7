"""One schema per collection, declared once; everything else derives from it."""
