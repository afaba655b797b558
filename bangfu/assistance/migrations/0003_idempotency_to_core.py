"""Idempotency keys moved to `core`: the model leaves this app's state, its table stays.

State only (docs/decisions/0008-grants-treasury-split.md): `core.0001_initial` takes the
model over with the same table, `assistance_idempotencyrecord`.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("assistance", "0002_payment_batches")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="IdempotencyRecord")]
        )
    ]
