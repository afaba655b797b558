"""The demo city of 长宁 and synthetic households: `bangfu demo` and `bangfu demo-data`.

This package sits above every domain: it writes only through their public services (and the
audit service), dating each write with `clock.at` (time-machine) so that timelines read as
they would in use. Nothing imports it but bench/ and tests.

- `logins`: the organisation tree, the demo logins and the agents acting where no login sits;
- `registry` (with `people`, `means`, `shapes`, `timelines`, `filing`, `cases`, `names`):
  households and cases in every workflow state;
- `plans`, `dynamics`, `money`, `campaigns`: the later stages, in that order;
- `synthetic`: up to millions of households for `bangfu demo-data` and the benchmarks.
"""
