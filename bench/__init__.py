"""Benchmarks, run by `make bench` against PostgreSQL; never part of the test suite.

`python -m bench` creates its own database ($BENCH_DATABASE_URL, by default
postgres://postgres@127.0.0.1:5432/bangfu_bench), migrates it, runs every step in a child
process of its own (so that each step's peak memory is its own: ru_maxrss of that process),
drops the database and prints one table. See docs/benchmarks.md for the figures and the machine.
"""
