"""Writes of the plans app: plans and measures (`plans`), caring parties and pairings (`pairings`)."""
