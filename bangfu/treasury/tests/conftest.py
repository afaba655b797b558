"""Personas and money of the payment tests: the grant tests' (finance pays what reviewers approved)."""

from bangfu.grants.tests.conftest import english, money, people

__all__ = ["english", "money", "people"]
