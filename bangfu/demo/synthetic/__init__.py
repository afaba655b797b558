"""Synthetic hardship households for demos and benchmarks (`bangfu demo-data`).

Deterministic for a seed. Each household has 1–6 members (mostly 2–4, 2.56 on average, so a
million households make about 2.5 million people) with valid resident IDs (GB 11643 check
digit, birth dates that fit each member's age, unique within the run and against the people
already in the database), a per-capita monthly income placed around the dibao lines of its
category (deep at or below the dibao, relative below twice the dibao, accident anywhere up to
three times it), illness as the main cause of about two thirds of the households (domain.md §3:
two thirds of Weihai's hardship households), up to three secondary causes, and a filing level.

- `households.Generator(places, seed=…).generate(n)` yields plain `SynthHousehold` values;
- `files.write_csv_file(households, path)` writes them as a ledger CSV (bangfu.ledger.format),
  the input of `bangfu import households` and of the import benchmark;
- `database.write_households(generator, n)` puts them straight into the database, as an import
  would leave them (COPY on PostgreSQL).
"""

from bangfu.demo.synthetic.households import Generator, Place, SynthHousehold, SynthPerson

__all__ = ["Generator", "Place", "SynthHousehold", "SynthPerson"]
