"""Grants and treasury take over their models: they leave this app's state, their tables stay.

State only (docs/decisions/0008-grants-treasury-split.md): `treasury.0001`, `grants.0001` and
`treasury.0002` took the models over with the same tables and constraint names, and
`campaigns.0002` moved its links to them; here the old state goes, dependants first.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("assistance", "0003_idempotency_to_core"),
        # The new owners hold the models, and the campaigns' links point to them, before they go.
        ("treasury", "0002_grant_links"),
        ("grants", "0001_initial"),
        ("campaigns", "0002_links_to_grants_and_treasury"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="PaymentBatchItem"),
                migrations.DeleteModel(name="PaymentBatch"),
                migrations.DeleteModel(name="FundEntry"),
                migrations.DeleteModel(name="Grant"),
                migrations.DeleteModel(name="CapRule"),
                migrations.DeleteModel(name="Fund"),
            ]
        )
    ]
