"""Writes of campaigns: create and cancel (campaigns.py), preview and approve (approval.py)."""
