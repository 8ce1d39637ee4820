"""`make bench`: the figures of quality.md's performance bars (scripts/bench.sh runs every bench_*.py)."""
