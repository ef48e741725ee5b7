"""Benchmarks for Brobygningsbasen: generated knowledge bases and timing scripts.

``bench.generate.generate()`` writes a complete, valid repository tree with any
number of cases; the ``bench_*.py`` scripts time the product on such trees.
"""
