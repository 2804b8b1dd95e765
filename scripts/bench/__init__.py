"""`make bench`: page weight, Lighthouse scores, build and test times, and the two ways of showing diagrams.

Figures, not assertions: the run prints which pages miss the budgets (BUDGETS) and writes build/bench/bench.json and
build/bench/summary.md. Entry point: `python -m scripts.bench` (see __main__.py).
"""
