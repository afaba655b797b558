"""`bangfu demo-data`: the spelling of the issue for `bangfu demo_data` (see demo_data.py)."""

from bangfu.ledger.management.commands.demo_data import Command

__all__ = ["Command"]
