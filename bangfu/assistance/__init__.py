"""Migrations only: the tables that `bangfu.grants` and `bangfu.treasury` took over.

The aid-money models moved out in decision 0008 without touching the database: every table
keeps its `assistance_*` name, and a fresh database still builds them from this app's
migrations 0001–0002 (0003 and 0004 hand the models' state to `core`, `treasury` and
`grants`). The app stays installed, with no code, until a later squash removes it.
"""
